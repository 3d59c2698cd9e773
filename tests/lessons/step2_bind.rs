use std::net::{SocketAddr, TcpListener};

use assert_cmd::assert::OutputAssertExt;
use predicates::prelude::*;
use predicates::str::contains;

use crate::support::run;

/// The port printed after "bound to" in step 2's output.
fn bound_port(stdout: &[u8]) -> u16 {
    let stdout = String::from_utf8_lossy(stdout);
    let line = stdout
        .lines()
        .find_map(|line| line.strip_prefix("bound to "))
        .unwrap_or_else(|| panic!("no `bound to` line in:\n{stdout}"));
    line.parse::<SocketAddr>()
        .expect("an address after `bound to`")
        .port()
}

/// Asked for port 0, step 2 prints the real port the system chose.
#[test]
fn step2_bind_reports_the_port_the_system_chose() {
    let output = run("step2_bind").arg("127.0.0.1:0").output().unwrap();
    let port = bound_port(&output.stdout);
    assert_ne!(port, 0);
    output
        .assert()
        .success()
        .stdout(contains(format!("bound to 127.0.0.1:{port}")))
        .stdout(contains(format!("the operating system chose port {port}")))
        .stdout(contains("not listening yet"));
}

/// `localhost` means 127.0.0.1.
#[test]
fn step2_bind_reads_localhost_as_127_0_0_1() {
    run("step2_bind")
        .arg("localhost:0")
        .assert()
        .success()
        .stdout(contains("bound to 127.0.0.1:"));
}

/// A port that another socket holds: exit 1, the address and "in use" in one clear
/// message with a hint, and no panic or backtrace even when backtraces are asked for.
#[test]
fn step2_bind_on_a_port_in_use_names_the_address() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = holder.local_addr().unwrap();
    run("step2_bind")
        .arg(addr.to_string())
        .env("RUST_BACKTRACE", "1")
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains(format!("error: could not bind `{addr}`")))
        .stderr(contains(format!("hint: `{addr}` is already in use")))
        .stderr(contains("127.0.0.1:0"))
        .stderr(contains("panicked").not().and(contains("backtrace").not()));
}

/// A bad address argument exits 2 with the reason and the usage.
#[test]
fn step2_bind_rejects_a_bad_address_with_usage() {
    for (arg, reason) in [
        ("127.0.0.1:99999", "is not a port"),
        ("127.0.0.1", "has no port"),
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
