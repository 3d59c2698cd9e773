use crate::support::lesson_tests;

lesson_tests!(step7_close, steps:
    lets_the_client_read_end_of_stream,
    runs_again_at_once_on_the_same_port,
    ends_on_exit_alone,
    ends_on_exit_and_lf,
    ends_on_exit_and_crlf,
    ends_promptly_when_the_client_closes,
    ends_when_the_client_resets,
    prints_characters_whole_across_reads,
    completes_a_character_cut_between_reads,
    survives_invalid_bytes,
);
