//! The extra exercises' references: count the bytes, echo, one after another.

mod extra_count_bytes {
    use crate::support::lesson_tests;

    lesson_tests!(extra_count_bytes, extras:
        counts_every_byte,
        counts_the_bytes_of_a_client_that_closes,
    );
}

mod extra_echo {
    use crate::support::lesson_tests;

    lesson_tests!(extra_echo, extras: sends_each_read_back, ends_when_the_client_closes);
}

mod extra_serial {
    use crate::support::lesson_tests;

    lesson_tests!(extra_serial, extras:
        serves_two_clients_one_after_another,
        serves_a_waiting_client_next,
    );
}
