use assert_cmd::assert::OutputAssertExt;
use predicates::str::contains;

use crate::support::{Launch, Server, run};

/// A client's connection completes although the program never calls accept: the
/// kernel finishes the handshake and queues it. Enter then stops the lesson.
#[test]
fn step3_listen_accepts_connections_before_anyone_calls_accept() {
    let mut server = Server::start("step3_listen");
    let mut client = server.connect();
    client.send("queued\n");
    server.expect_line("press Enter to stop listening");
    server.type_line("");
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("clients can connect now"))
        .stdout(contains("stopped listening"))
        .stderr("");
}

/// The end of stdin stops it too.
#[test]
fn step3_listen_stops_when_stdin_closes() {
    let server = Server::start("step3_listen");
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("stopped listening"));
}

/// `--backlog N` reaches listen(); a negative backlog is a usage error.
#[test]
fn step3_listen_takes_a_backlog() {
    Launch::new("step3_listen")
        .arg("--backlog")
        .arg("5")
        .start()
        .finish()
        .assert()
        .success()
        .stdout(contains("(backlog 5)"));
    run("step3_listen")
        .args(["127.0.0.1:0", "--backlog", "-1"])
        .assert()
        .code(2)
        .stderr(contains("Usage"));
}
