//! What the UDP server and client must do, judged by datagrams: the check plays the
//! other side with a UDP socket of its own on 127.0.0.1, every receive with a deadline.
//! No check reads a sentence: the facts are the datagrams, the sender's address on
//! stdout, the replies' text, the exit status.

use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

use super::harness::{Failure, Finished, Outcome, Program, Server, again_if_interrupted};

/// How long the check waits for a datagram.
const WAIT: Duration = Duration::from_secs(5);

/// How long the check waits for a prompt to show.
const PROMPT_WAIT: Duration = Duration::from_secs(2);

/// How long a program may take to end once it has all it needs.
const PROMPTLY: Duration = Duration::from_secs(4);

/// A UDP socket of the check's own on 127.0.0.1, with a deadline on receives.
fn peer() -> Outcome<(UdpSocket, SocketAddr)> {
    let failed = |error: std::io::Error| Failure::new("a UDP socket".into(), error.to_string());
    let socket = UdpSocket::bind("127.0.0.1:0").map_err(failed)?;
    socket.set_read_timeout(Some(WAIT)).map_err(failed)?;
    let addr = socket.local_addr().map_err(failed)?;
    Ok((socket, addr))
}

/// Sends one datagram, or fails the check with the program's story.
fn send(socket: &UdpSocket, bytes: &[u8], to: SocketAddr, program: &Server) -> Outcome {
    socket
        .send_to(bytes, to)
        .map(|_| ())
        .map_err(|error| program.fail(format!("to send a datagram to {to}"), error.to_string()))
}

/// Receives one datagram within [`WAIT`] and expects `wanted` (a line ending aside).
fn expect_datagram(socket: &UdpSocket, wanted: &str, program: &Server) -> Outcome<SocketAddr> {
    let mut buffer = [0u8; 65_536];
    match again_if_interrupted(|| socket.recv_from(&mut buffer)) {
        Ok((n, from))
            if super::scripted::without_line_ending(&buffer[..n]) == wanted.as_bytes() =>
        {
            Ok(from)
        }
        Ok((n, _)) => Err(program.fail(
            format!("a datagram `{wanted}`"),
            socket_workbook::message::show(&buffer[..n]),
        )),
        Err(error) => Err(program.fail(format!("a datagram `{wanted}`"), error.to_string())),
    }
}

/// Expects an end with no panic, with one of the `allowed` exit statuses.
fn ended(run: &Finished, allowed: &[i32]) -> Outcome {
    run.stderr_lacks("panicked")?;
    match run.status.code() {
        Some(code) if allowed.contains(&code) => Ok(()),
        _ => Err(run.fail(
            format!("an exit status among {allowed:?}"),
            format!("{:?}", run.status),
        )),
    }
}

// The UDP server.

/// Each datagram is printed with its sender's address (the check's own socket), and
/// the reply typed on stdin goes back to that address; `exit` ends the server, exit 0.
pub fn udp_server_replies_to_each_sender(program: &Program) -> Outcome {
    let mut server = program.server().env("WORKBOOK_LANG", "zh").start()?;
    let (socket, me) = peer()?;
    send(&socket, b"hello", server.addr, &server)?;
    // The prompt for the reply shows before anything is typed: after the line that
    // shows `hello`, more output (a line not ended, or ended).
    let prompted = server.wait_for_stdout(PROMPT_WAIT, |all| {
        all.rsplit_once("hello")
            .and_then(|(_, after)| after.split_once('\n'))
            .is_some_and(|(_, rest)| !rest.trim().is_empty())
    });
    if !prompted {
        return Err(server.fail(
            crate::text::check::expect_prompt_shown(),
            crate::text::check::found_prompt_not_flushed(),
        ));
    }
    // A reply more than the exchanges need: a server that does not stop on `exit`
    // answers it, and waits on.
    for reply in ["reply-1 好的", "reply-2 明白", "reply-3"] {
        server.type_line(reply);
    }
    expect_datagram(&socket, "reply-1 好的", &server)?;
    send(&socket, "你好".as_bytes(), server.addr, &server)?;
    expect_datagram(&socket, "reply-2 明白", &server)?;
    send(&socket, b"exit", server.addr, &server)?;
    let run = server.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has(&me.to_string())?
        .stdout_has("hello")?
        .stdout_has("你好")?;
    Ok(())
}

/// Two datagrams sent back to back stay two: the server prints each whole, never run
/// together as a byte stream would; an empty datagram is a datagram, not an end.
pub fn udp_server_keeps_datagrams_apart(program: &Program) -> Outcome {
    let server = program.server().typed_ahead("r1\nr2\nr3\nr4\n").start()?;
    let (socket, _) = peer()?;
    send(&socket, b"first", server.addr, &server)?;
    send(&socket, b"second", server.addr, &server)?;
    send(&socket, b"", server.addr, &server)?;
    for reply in ["r1", "r2", "r3"] {
        expect_datagram(&socket, reply, &server)?;
    }
    send(&socket, b"exit", server.addr, &server)?;
    let run = server.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_lacks("firstsecond")?
        .stdout_has("first")?
        .stdout_has("second")?;
    Ok(())
}

// The UDP client.

/// Starts the client against `addr` with `typed` on stdin, then closes stdin.
fn start_client(program: &Program, addr: SocketAddr, typed: &str, zh: bool) -> Outcome<Server> {
    let mut launch = program
        .launch()
        .arg(addr.to_string())
        .args(["--timeout", "1"])
        .typed_ahead(typed);
    if zh {
        launch = launch.env("WORKBOOK_LANG", "zh");
    }
    let mut client = launch.begin()?;
    client.close_stdin();
    Ok(client)
}

/// Each typed line is one datagram to the server's address; the reply, sent back to
/// the address the datagram came from, is printed; the client shows its own address
/// (for netAssist's 远程IP and 端口号); the end of input ends it, exit 0.
pub fn udp_client_sends_each_line_and_prints_each_reply(program: &Program) -> Outcome {
    let (socket, me) = peer()?;
    let client = start_client(program, me, "hello\n你好\n", true)?;
    let from = expect_datagram(&socket, "hello", &client)?;
    send(&socket, "reply-1 好的".as_bytes(), from, &client)?;
    expect_datagram(&socket, "你好", &client)?;
    send(&socket, "reply-2 明白".as_bytes(), from, &client)?;
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has("reply-1 好的")?
        .stdout_has("reply-2 明白")?
        .stdout_has(&from.to_string())?;
    Ok(())
}

/// A reply that never comes (a lost datagram): the client says so at its deadline and
/// goes on with the next line.
pub fn udp_client_goes_on_when_a_reply_is_lost(program: &Program) -> Outcome {
    let (socket, me) = peer()?;
    let client = start_client(program, me, "one\ntwo\n", false)?;
    let from = expect_datagram(&socket, "one", &client)?;
    expect_datagram(&socket, "two", &client)?;
    send(&socket, b"r2", from, &client)?;
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has("r2")?;
    Ok(())
}

/// `exit` is sent, and ends the client: nothing typed after it is sent.
pub fn udp_client_stops_on_exit(program: &Program) -> Outcome {
    let (socket, me) = peer()?;
    let client = start_client(program, me, "exit\nafter\n", false)?;
    expect_datagram(&socket, "exit", &client)?;
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .map_err(|error| Failure::new("a deadline".into(), error.to_string()))?;
    let mut buffer = [0u8; 64];
    if let Ok((n, _)) = again_if_interrupted(|| socket.recv_from(&mut buffer)) {
        return Err(run.fail(
            "nothing sent after `exit`".into(),
            socket_workbook::message::show(&buffer[..n]),
        ));
    }
    Ok(())
}

/// The textbook question (Kurose and Ross, 2.7): the client started before its server.
/// Its first datagram goes to a port where nothing listens and is lost, with no error
/// on Linux; once the server is there, the next line gets through and its reply is
/// printed.
pub fn udp_client_started_before_its_server(program: &Program) -> Outcome {
    // A port with nothing on it yet: bound, asked for its address, closed.
    let (socket, addr) = peer()?;
    drop(socket);
    let mut launch = program
        .launch()
        .arg(addr.to_string())
        .args(["--timeout", "1"])
        .typed_ahead("first\n");
    launch = launch.env("WORKBOOK_LANG", "en");
    let mut client = launch.begin()?;
    // The client says, on stderr, that no reply came (in its own words).
    client.expect_stderr_line("")?;
    let failed =
        |error: std::io::Error| Failure::new("the server's socket".into(), error.to_string());
    let server = UdpSocket::bind(addr).map_err(failed)?;
    server.set_read_timeout(Some(WAIT)).map_err(failed)?;
    client.type_line("second");
    let from = expect_datagram(&server, "second", &client)?;
    send(&server, b"late but here", from, &client)?;
    client.close_stdin();
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has("late but here")?;
    Ok(())
}

// The two UDP pitfalls: each shows its mistake by default and its fix with `--fixed`.

/// Runs a UDP pitfall demo to its end (with `--fixed` if asked): status 0, no stderr.
fn demo(program: &Program, fixed: bool) -> Outcome<Finished> {
    let launch = program.launch();
    let launch = if fixed { launch.arg("--fixed") } else { launch };
    let run = launch.run()?;
    run.success()?.stderr_empty()?;
    Ok(run)
}

/// A datagram of 2000 bytes into `recvfrom(1024)`: cut to 1024 bytes (Linux, macOS),
/// or lost with WSAEMSGSIZE (Windows); the next datagram comes whole either way.
pub fn cuts_a_datagram_larger_than_the_buffer(program: &Program) -> Outcome {
    let run = demo(program, false)?;
    if cfg!(windows) {
        run.stdout_has("WSAEMSGSIZE")?;
    } else {
        run.stdout_has("returned 1024 bytes")?;
    }
    run.stdout_has("returned 4 bytes")?;
    Ok(())
}

/// Fixed: a buffer for the largest datagram takes the 2000 bytes whole.
pub fn takes_the_datagram_whole_when_fixed(program: &Program) -> Outcome {
    demo(program, true)?
        .stdout_has("recvfrom(65507) returned 2000 bytes")?
        .stdout_lacks("WSAEMSGSIZE")?;
    Ok(())
}

/// A datagram to a port where nothing listens: `sendto` succeeds; an unconnected
/// socket hears nothing on Linux (Windows reports ConnectionReset).
pub fn sendto_succeeds_and_an_unconnected_socket_hears_nothing(program: &Program) -> Outcome {
    let run = demo(program, false)?;
    run.stdout_has("sendto succeeded")?;
    if cfg!(windows) {
        run.stdout_has("ConnectionReset")?;
    } else if cfg!(target_os = "linux") {
        run.stdout_has("no error")?;
    }
    Ok(())
}

/// Fixed: a connected socket hears the ICMP "port unreachable" at its next receive.
pub fn a_connected_socket_hears_the_icmp_when_fixed(program: &Program) -> Outcome {
    let run = demo(program, true)?;
    if cfg!(windows) {
        run.stdout_has("ConnectionReset")?;
    } else {
        run.stdout_has("ConnectionRefused")?;
    }
    Ok(())
}
