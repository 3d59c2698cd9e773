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

/// A step given `0.0.0.0` warns once, on stderr, in the language of the run, and names
/// the loopback address to use instead; given `127.0.0.1` it does not warn.
#[test]
fn step2_bind_warns_once_about_0_0_0_0() {
    use assert_cmd::assert::OutputAssertExt;
    let output = run("step2_bind").arg("0.0.0.0:0").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
    output
        .assert()
        .success()
        .stdout(contains("bound to 0.0.0.0:"))
        .stderr(contains(
            "warning: `0.0.0.0:0` means every network of this computer",
        ))
        .stderr(contains("use `127.0.0.1:0` for this computer only"));
    run("step2_bind")
        .args(["0.0.0.0:0", "--lang", "zh"])
        .assert()
        .success()
        .stderr(contains("警告：`0.0.0.0:0` 表示本机所有的网络"));
    run("step2_bind")
        .arg("127.0.0.1:0")
        .assert()
        .success()
        .stderr("");
}

/// A listening step server given `0.0.0.0:0` warns before its `listening on` line.
// Listening on 0.0.0.0 makes Windows ask whether to let the test program through its
// firewall: a window a student running `cargo test` should not have to answer.
#[cfg_attr(windows, ignore = "Windows would ask about its firewall")]
#[test]
fn step3_listen_warns_when_given_0_0_0_0() -> crate::check::Outcome {
    let program = crate::support::program("step3_listen");
    let server = program.launch().arg("0.0.0.0:0").start()?;
    server
        .finish()?
        .success()?
        .stdout_has("listening on 0.0.0.0:")?
        .stderr_has("warning: `0.0.0.0:0` means every network")?;
    Ok(())
}
