use assert_cmd::assert::OutputAssertExt;
use predicates::str::contains;

use crate::support::Server;

/// The reply typed on stdin reaches the client whole, as one line.
#[test]
fn step6_send_delivers_the_typed_reply() {
    let mut server = Server::start("step6_send");
    let mut client = server.connect();
    client.send("hello\n");
    server.expect_line("type a reply");
    server.type_line("你好, client");
    assert_eq!(client.read_line(), "你好, client\n");
    server.expect_line("sent 15 bytes");
    client.send("exit\n");
    assert_eq!(client.read_to_end(), b"");
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("the client sent exit"))
        .stderr("");
}

/// The operator's `exit` ends the session without sending it; the client reads
/// end-of-stream.
#[test]
fn step6_send_ends_on_operator_exit() {
    let mut server = Server::start("step6_send");
    let mut client = server.connect();
    client.send("hello\n");
    server.expect_line("type a reply");
    server.type_line("exit");
    assert_eq!(client.read_to_end(), b"");
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("you typed exit: ending the session"));
}

/// The end of stdin ends the session too, instead of sending empty replies.
#[test]
fn step6_send_ends_when_stdin_closes() {
    let mut server = Server::start("step6_send");
    let mut client = server.connect();
    client.send("hello\n");
    server.expect_line("type a reply");
    server.close_stdin();
    assert_eq!(client.read_to_end(), b"");
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("stdin closed: no more replies"));
}
