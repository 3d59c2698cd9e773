use assert_cmd::assert::OutputAssertExt;
use predicates::str::contains;

use crate::support::{Launch, Server};

/// After the operator's `exit`, the client reads end-of-stream (the server's FIN),
/// and the server says what each close did.
#[test]
fn step7_close_lets_the_client_read_end_of_stream() {
    let mut server = Server::start("step7_close");
    let mut client = server.connect();
    let peer = client.local_addr();
    client.send("hello\n");
    server.expect_line("type a reply");
    server.type_line("bye");
    assert_eq!(client.read_line(), "bye\n");
    client.send("one more\n");
    server.expect_line("type a reply");
    server.type_line("exit");
    assert_eq!(client.read_to_end(), b"");
    drop(client);
    let addr = server.addr;
    server
        .finish()
        .assert()
        .success()
        .stdout(contains(
            "shut down the sending side: the client reads end-of-stream",
        ))
        .stdout(contains("the client closed its side too"))
        .stdout(contains(format!("closed the connection to {peer}")))
        .stdout(contains(format!(
            "closed the listening socket: {addr} is free again"
        )))
        .stderr("");
}

/// One session on a port, then at once a second run on the same port: it binds,
/// although the first run's connection waits out TIME_WAIT.
#[test]
fn step7_close_runs_again_at_once_on_the_same_port() {
    let mut first = Server::start("step7_close");
    let addr = first.addr;
    let mut client = first.connect();
    client.send("exit\n");
    first.expect_line("the client sent exit");
    assert_eq!(client.read_to_end(), b"");
    drop(client);
    first.finish().assert().success();

    let second = Launch::new("step7_close").addr(addr).start();
    assert_eq!(second.addr, addr);
    let mut client = second.connect();
    client.send("exit\n");
    assert_eq!(client.read_to_end(), b"");
    drop(client);
    second.finish().assert().success().stderr("");
}
