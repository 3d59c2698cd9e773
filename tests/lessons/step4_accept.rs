use crate::support::lesson_tests;

lesson_tests!(step4_accept, steps: reports_the_client_address);
