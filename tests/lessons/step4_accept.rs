use assert_cmd::assert::OutputAssertExt;
use predicates::str::contains;

use crate::support::Server;

/// The address printed on accept is the client's own address: its IP and the port its
/// system chose for it.
#[test]
fn step4_accept_reports_the_client_address() {
    let mut server = Server::start("step4_accept");
    let mut client = server.connect();
    let line = server.expect_line("accepted connection from");
    assert_eq!(
        line,
        format!("accepted connection from {}", client.local_addr())
    );
    // Step 4 closes the connection at once: the client reads end-of-stream.
    assert_eq!(client.read_to_end(), b"");
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("waiting for a client"))
        .stderr("");
}
