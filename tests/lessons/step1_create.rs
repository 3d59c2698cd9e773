use predicates::prelude::*;
use predicates::str::contains;

use crate::support::run;

/// Step 1 creates an IPv4 stream socket, shows its handle, and says it is not bound.
#[test]
fn step1_create_describes_an_unbound_tcp_socket() {
    run("step1_create")
        .assert()
        .success()
        .stdout(contains("family AF_INET (IPv4), type SOCK_STREAM (TCP)"))
        .stdout(contains("file descriptor").or(contains("SOCKET")))
        .stdout(contains("not bound yet"))
        .stderr("");
}

/// `--help` explains the lesson and exits 0; an unknown flag exits 2 with the usage.
#[test]
fn step1_create_has_help_and_rejects_unknown_flags() {
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
