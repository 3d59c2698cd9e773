use crate::support::lesson_tests;

lesson_tests!(step5_recv, steps:
    prints_each_read_decoded,
    ends_on_exit_alone,
    ends_on_exit_and_lf,
    ends_on_exit_and_crlf,
    ends_promptly_when_the_client_closes,
    ends_when_the_client_resets,
    prints_characters_whole_across_reads,
    completes_a_character_cut_between_reads,
    survives_invalid_bytes,
);
