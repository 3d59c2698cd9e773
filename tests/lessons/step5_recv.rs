use assert_cmd::assert::OutputAssertExt;
use predicates::str::contains;

use crate::support::Server;

/// Each read is printed with its size and its text, quoted so that the line ending
/// the client sent shows.
#[test]
fn step5_recv_prints_each_read_decoded() {
    let mut server = Server::start("step5_recv");
    let mut client = server.connect();
    client.send("hello\n");
    assert_eq!(
        server.expect_line("received"),
        r#"received 6 bytes: "hello\n""#
    );
    client.send("你好\r\n");
    assert_eq!(
        server.expect_line("received"),
        r#"received 8 bytes: "你好\r\n""#
    );
    client.send("exit\n");
    drop(client);
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("the client sent exit: ending the session"))
        .stderr("");
}
