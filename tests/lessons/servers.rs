//! The lesson's two complete servers, 示例1 and 示例2.

mod example1_server {
    use crate::support::lesson_tests;

    lesson_tests!(example1_server, servers:
        prints_each_line_and_sends_the_typed_reply,
        frames_two_messages_in_one_read,
        frames_a_message_sent_byte_by_byte,
        prints_a_64_kib_line_whole,
        cuts_a_line_over_the_limit,
        suggests_gbk_for_gbk_bytes,
        survives_invalid_bytes,
        speaks_gbk_with_the_flag,
        ends_promptly_when_the_client_closes,
        ends_when_the_client_resets,
        ends_when_stdin_closes,
        tells_a_waiting_client_when_it_ends,
        serves_clients_one_after_another_with_keep_serving,
        says_when_a_line_has_no_end,
        works_with_the_workbook_client,
    );
}

mod example2_server {
    use crate::support::lesson_tests;

    lesson_tests!(example2_server, servers:
        prints_each_line_and_sends_the_typed_reply,
        frames_two_messages_in_one_read,
        frames_a_message_sent_byte_by_byte,
        prints_a_64_kib_line_whole,
        cuts_a_line_over_the_limit,
        suggests_gbk_for_gbk_bytes,
        survives_invalid_bytes,
        speaks_gbk_with_the_flag,
        ends_promptly_when_the_client_closes,
        ends_when_the_client_resets,
        ends_when_stdin_closes,
        tells_a_waiting_client_when_it_ends,
        serves_clients_one_after_another_with_keep_serving,
        says_when_a_line_has_no_end,
        works_with_the_workbook_client,
    );
}
