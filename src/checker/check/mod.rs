//! What "works" means for each lesson, in one place: checks that drive a lesson's
//! program as a client and an operator would, and the harness they use.
//!
//! `cargo test` runs every check against the reference examples (`tests/lessons`);
//! the checker (`cargo run -- check 4`) runs the same checks against a student's
//! exercise. Nothing here makes a socket call that a lesson teaches on the server's
//! side: the checks are the server's clients.
//!

pub mod extras;
pub mod harness;
pub mod servers;
pub mod steps;

pub use harness::{
    Client, DEADLINE, Failure, Finished, Launch, Outcome, Program, Server, in_parallel, readiness,
};

/// One behaviour a lesson promises, and the check that proves it.
#[derive(Clone, Copy)]
pub struct Behaviour {
    /// Its name, as a test is named: `reports_the_client_address`.
    pub name: &'static str,
    /// The check.
    pub check: fn(&Program) -> Outcome,
}

impl std::fmt::Debug for Behaviour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Lists the behaviours of a lesson from the names of their check functions.
macro_rules! behaviours {
    ($($module:ident::$check:ident),* $(,)?) => {
        &[$(Behaviour { name: stringify!($check), check: $module::$check }),*]
    };
}

/// What every session of steps 5 to 7 promises, after what the step itself adds
/// (checked first, so that a starter fails at once on its new part).
macro_rules! session_behaviours {
    ($($extra:ident),* $(,)?) => {
        behaviours![
            $(steps::$extra,)*
            steps::ends_on_exit_alone,
            steps::ends_on_exit_and_lf,
            steps::ends_on_exit_and_crlf,
            steps::ends_promptly_when_the_client_closes,
            steps::ends_when_the_client_resets,
            steps::prints_characters_whole_across_reads,
            steps::completes_a_character_cut_between_reads,
            steps::survives_invalid_bytes,
        ]
    };
}

/// The lessons that have checks, in the order they are taught.
pub const LESSONS: &[&str] = &[
    "step1_create",
    "step2_bind",
    "step3_listen",
    "step4_accept",
    "step5_recv",
    "step6_send",
    "step7_close",
    "example1_server",
    "example2_server",
    "extra_count_bytes",
    "extra_echo",
    "extra_serial",
];

/// What both of the lesson's complete servers promise.
macro_rules! server_behaviours {
    ($($extra:ident),* $(,)?) => {
        behaviours![
            servers::prints_each_line_and_sends_the_typed_reply,
            servers::frames_two_messages_in_one_read,
            servers::frames_a_message_sent_byte_by_byte,
            servers::prints_a_64_kib_line_whole,
            servers::cuts_a_line_over_the_limit,
            servers::suggests_gbk_for_gbk_bytes,
            servers::survives_invalid_bytes,
            servers::speaks_gbk_with_the_flag,
            servers::ends_promptly_when_the_client_closes,
            servers::ends_when_the_client_resets,
            servers::ends_when_stdin_closes,
            servers::tells_a_waiting_client_when_it_ends,
            servers::serves_clients_one_after_another_with_keep_serving,
            servers::says_when_a_line_has_no_end,
            servers::works_with_the_workbook_client,
            $(servers::$extra),*
        ]
    };
}

/// The behaviours `lesson` promises, in the order they are checked.
pub fn behaviours(lesson: &str) -> &'static [Behaviour] {
    match lesson {
        "step1_create" => behaviours![steps::describes_an_unbound_tcp_socket],
        "step2_bind" => behaviours![
            steps::reports_the_port_the_system_chose,
            steps::reads_localhost_as_127_0_0_1,
            steps::names_the_address_in_use,
        ],
        "step3_listen" => behaviours![
            steps::accepts_connections_before_anyone_calls_accept,
            steps::stops_when_stdin_closes,
            steps::takes_a_backlog,
        ],
        "step4_accept" => behaviours![steps::reports_the_client_address],
        "step5_recv" => session_behaviours![prints_each_read_decoded],
        "step6_send" => session_behaviours![
            delivers_the_typed_reply,
            ends_on_operator_exit,
            ends_when_stdin_closes,
        ],
        "step7_close" => session_behaviours![
            lets_the_client_read_end_of_stream,
            runs_again_at_once_on_the_same_port,
        ],
        "example1_server" | "example2_server" => server_behaviours![],
        "extra_count_bytes" => behaviours![
            extras::counts_every_byte,
            extras::counts_the_bytes_of_a_client_that_closes,
        ],
        "extra_echo" => behaviours![
            extras::sends_each_read_back,
            extras::ends_when_the_client_closes
        ],
        "extra_serial" => behaviours![
            extras::serves_two_clients_one_after_another,
            extras::serves_a_waiting_client_next,
        ],
        _ => &[],
    }
}
