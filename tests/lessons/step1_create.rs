use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{lesson_tests, run};

lesson_tests!(step1_create, steps: describes_an_unbound_tcp_socket);

/// `--help` explains the lesson and exits 0; an unknown flag exits 2 with the usage.
#[test]
fn has_help_and_rejects_unknown_flags() {
    run("step1_create")
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Step 1").and(contains("socket.socket()")));
    run("step1_create")
        .arg("--bogus")
        .assert()
        .code(2)
        .stderr(contains("Usage"));
}
