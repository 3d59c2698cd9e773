use predicates::str::contains;

use crate::support::{lesson_tests, run};

lesson_tests!(step3_listen, steps:
    accepts_connections_before_anyone_calls_accept,
    stops_when_stdin_closes,
    takes_a_backlog,
);

/// A negative backlog is a usage error.
#[test]
fn rejects_a_negative_backlog() {
    run("step3_listen")
        .args(["127.0.0.1:0", "--backlog", "-1"])
        .assert()
        .code(2)
        .stderr(contains("Usage"));
}
