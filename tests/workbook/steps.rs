//! What steps 1 to 3 say about their arguments: `--help`, an unknown flag, a bad
//! address, a bad backlog. Their behaviours are checks, run from the table of lessons
//! (tests/lessons).

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::run;

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

/// A bad address argument exits 2 with the reason and the usage.
#[test]
fn rejects_a_bad_address_with_usage() {
    for (arg, reason) in [
        ("127.0.0.1:99999", "is not a port"),
        ("127.0.0.1", "has no port"),
        ("8888", "is only a port"),
        ("example.com:80", "is not an IPv4 address"),
        ("[::1]:8888", "is IPv6"),
    ] {
        run("step2_bind")
            .arg(arg)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(reason).and(contains("Usage")));
    }
}

/// A negative backlog is a usage error.
#[test]
fn rejects_a_negative_backlog() {
    run("step3_listen")
        .args(["127.0.0.1:0", "--backlog", "-1"])
        .assert()
        .code(2)
        .stderr(contains("Usage"));
}

/// `extra_serial --clients` takes a sane count: past it, exit 2 with the range.
#[test]
fn extra_serial_rejects_a_count_of_clients_out_of_range() {
    run("extra_serial")
        .args(["127.0.0.1:0", "--clients", "4294967295"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("is not from 1 to 10000"));
}
