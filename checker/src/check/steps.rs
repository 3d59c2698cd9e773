//! What each of the seven steps must do, as checks that drive the program like a
//! client and an operator would. `cargo test` runs them against the reference
//! examples; the checker runs the same ones against a student's exercise.

use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use super::harness::{Client, Finished, Outcome, Program, Server};
use super::netassist::NetAssist;
use crate::text::check as text;

/// Replies typed ahead for the steps that ask for one after each message.
const REPLIES: &str = "ok\nok\nok\nok\nok\nok\n";

/// How soon a session must end after the client closes. The promise is one second;
/// the margin absorbs a busy machine, and a server that spins, or waits for a timeout
/// to notice, still fails.
const PROMPTLY: Duration = Duration::from_secs(2);

// Step 1: socket.

/// Step 1 creates an IPv4 stream socket, shows its handle, says it is not bound yet,
/// and exits 0.
pub fn describes_an_unbound_tcp_socket(program: &Program) -> Outcome {
    let run = program.launch().run()?;
    run.success()?
        .stdout_has("family AF_INET (IPv4), type SOCK_STREAM (TCP)")?
        .stdout_has(if cfg!(windows) {
            "as SOCKET"
        } else {
            "as file descriptor"
        })?
        .stdout_has("not bound yet")?
        .stderr_empty()?;
    Ok(())
}

// Step 2: bind.

/// The address after `bound to` in step 2's output.
fn bound_addr(run: &Finished) -> Outcome<SocketAddr> {
    run.stdout()
        .lines()
        .find_map(|line| line.strip_prefix("bound to ")?.parse().ok())
        .ok_or_else(|| {
            run.fail(
                text::expect_line_containing("bound to <ip:port>"),
                text::found_see_output(),
            )
        })
}

/// Asked for port 0, step 2 prints the real port the system chose, and says it does
/// not listen yet.
pub fn reports_the_port_the_system_chose(program: &Program) -> Outcome {
    let run = program.any_port().run()?;
    run.success()?;
    let bound = bound_addr(&run)?;
    if bound.port() == 0 || !bound.ip().is_loopback() {
        return Err(run.fail(
            text::expect_real_port(),
            text::found_text(&bound.to_string()),
        ));
    }
    run.stdout_has(&format!("the operating system chose port {}", bound.port()))?
        .stdout_has("not listening yet")?
        .stderr_empty()?;
    Ok(())
}

/// `localhost` means 127.0.0.1.
pub fn reads_localhost_as_127_0_0_1(program: &Program) -> Outcome {
    let run = program.launch().arg("localhost:0").run()?;
    run.success()?.stdout_has("bound to 127.0.0.1:")?;
    Ok(())
}

/// A port that another socket holds: exit status 1 and one clear message that names
/// the address and says it is in use, with a hint; no panic, even with backtraces on.
pub fn names_the_address_in_use(program: &Program) -> Outcome {
    let holder = TcpListener::bind("127.0.0.1:0")
        .and_then(|holder| Ok((holder.local_addr()?, holder)))
        .map_err(|error| {
            super::Failure::new(
                text::expect_started(),
                text::found_error(&error.to_string()),
            )
        });
    let (addr, _holder) = holder?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .env("RUST_BACKTRACE", "1")
        .run()?;
    run.code(1)?
        .stderr_has(&format!("error: could not bind `{addr}`"))?
        .stderr_has(&format!("hint: `{addr}` is already in use"))?
        .stderr_lacks("panicked")?
        .stderr_lacks("backtrace")?
        .stdout_lacks("bound to")?;
    Ok(())
}

// Step 3: listen.

/// A client's connection completes although the program never calls accept: the
/// kernel finishes the handshake and queues it. Enter then stops the lesson.
pub fn accepts_connections_before_anyone_calls_accept(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("queued\n")?;
    server.expect_line("press Enter to stop listening")?;
    server.type_line("");
    let run = server.finish()?;
    run.success()?
        .stdout_has("clients can connect now")?
        .stdout_has("stopped listening")?
        .stderr_empty()?;
    Ok(())
}

/// The end of stdin stops step 3 too.
pub fn stops_when_stdin_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    server.close_stdin();
    server
        .finish()?
        .success()?
        .stdout_has("stopped listening")?;
    Ok(())
}

/// `--backlog N` reaches the program.
pub fn takes_a_backlog(program: &Program) -> Outcome {
    let server = program.server().args(["--backlog", "5"]).start()?;
    server.finish()?.success()?.stdout_has("(backlog 5)")?;
    Ok(())
}

// Step 4: accept.

/// The address printed on accept is the client's own: its IP and the port its system
/// chose; then the program closes the connection and exits 0.
pub fn reports_the_client_address(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    let expected = format!("accepted connection from {}", client.local_addr());
    server.expect_line(&expected)?;
    client.expect_end_of_stream()?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("waiting for a client")?
        .stderr_empty()?;
    Ok(())
}

/// After the client's address, the program says it closes the connection and closes
/// it: the client reads the end of the stream, with nothing before it, and the program
/// exits 0.
pub fn closes_the_connection(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    server.expect_line("accepted connection from")?;
    server.expect_line("closing the connection")?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

// Steps 5 to 7: one session with one client.

/// Whether the lesson answers each message with a reply from stdin (steps 6 and 7).
fn replies(program: &Program) -> bool {
    !program.lesson().starts_with("step5")
}

/// Starts the lesson with replies typed ahead.
fn start_session(program: &Program) -> Outcome<Server> {
    program.server().typed_ahead(REPLIES).start()
}

/// Sends `message`, waits until the server has printed it (`shown`, quoted), and
/// reads the reply of the steps that send one.
fn exchange(
    program: &Program,
    server: &mut Server,
    client: &mut Client,
    message: &[u8],
    shown: &str,
) -> Outcome {
    client.send(message)?;
    server.expect_line(&format!(": {shown}"))?;
    if replies(program) {
        client.read_line()?;
    }
    Ok(())
}

/// The text inside the quotes of each `received N bytes: "…"` line, joined.
fn received_text(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|line| line.starts_with("received "))
        .filter_map(|line| line.split_once(": \""))
        .map(|(_, quoted)| quoted.strip_suffix('"').unwrap_or(quoted))
        .collect()
}

/// The client's `exit` ends the session and the program with exit status 0.
fn ends_on_client_exit(program: &Program, exit: &str) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    client.send(exit)?;
    server.expect_line("the client sent exit")?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// `exit` alone ends the session.
pub fn ends_on_exit_alone(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit")
}

/// `exit\n` (nc, Linux, macOS) ends the session.
pub fn ends_on_exit_and_lf(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit\n")
}

/// `exit\r\n` (telnet) ends the session.
pub fn ends_on_exit_and_crlf(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit\r\n")
}

/// `exit\r` (netAssist's 自动发送附加位 `0d`) ends the session.
pub fn ends_on_exit_and_cr(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit\r")
}

/// netAssist's defaults, in both languages: it connects (step 4 reports its address
/// and closes), each click is one message with no line ending, printed as one read
/// (step 5 on), each typed reply arrives in one read that is UTF-8 on its own (steps 6
/// and 7), and a clicked `exit` ends the session; netAssist reads the end.
pub fn works_with_netassist(program: &Program) -> Outcome {
    let lesson = program.lesson().to_string();
    for zh in [false, true] {
        let launch = program.server().typed_ahead("");
        let mut server = if zh {
            launch.env("WORKBOOK_LANG", "zh").start()?
        } else {
            launch.start()?
        };
        let mut assist = NetAssist::connect(&server)?;
        let peer = assist.local_addr();
        server.expect_line(&peer.to_string())?;
        if !lesson.starts_with("step4") {
            for (message, reply) in [("保持连接", "保持连接"), ("今天不想上课", "明天必须来")]
            {
                assist.click(message)?;
                server.expect_line(&format!("\"{message}\""))?;
                if replies(program) {
                    server.type_line(reply);
                    assist.receive_until(&format!("{reply}\n"))?;
                }
            }
            assist.click("exit")?;
        }
        let rest = assist.receive_to_end()?;
        if !rest.is_empty() {
            return Err(server.fail(text::expect_end_of_stream(), rest));
        }
        assist.quit();
        server.finish()?.success()?.stderr_empty()?;
    }
    Ok(())
}

/// After `exit`, the wait for the client's FIN is a deadline of 2 s (`LINGER`), not
/// a timeout per read: a client that keeps sending a byte every 300 ms does not keep
/// the server waiting, and the server says that it closed anyway.
pub fn stops_waiting_for_a_trickling_client(program: &Program) -> Outcome {
    let server = start_session(program)?;
    outwaits_a_trickle(server)
}

/// The check of [`stops_waiting_for_a_trickling_client`], on a server already
/// started: a client connects, sends `exit`, then trickles bytes; the server must say
/// within 4 s (2 s and a margin for a busy machine) that it closes anyway.
pub fn outwaits_a_trickle(mut server: Server) -> Outcome {
    const LIMIT: Duration = Duration::from_secs(4);
    let mut client = server.connect()?;
    client.send("exit\n")?;
    // The trickle starts once `exit` was read on its own, not glued to a first byte.
    server.expect_line("the client sent exit")?;
    let sent = Instant::now();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopped = std::sync::Arc::clone(&stop);
    // The trickle: a byte every 300 ms, for 8 s at most. The sleep is the attack itself,
    // a client slow on purpose.
    let trickle = std::thread::spawn(move || {
        for _ in 0..27 {
            if stopped.load(std::sync::atomic::Ordering::SeqCst) || client.send("x").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        client
    });
    let said = server.expect_line("did not close its side within 2 s: closing anyway");
    let waited = sent.elapsed();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let client = trickle.join();
    said?;
    if waited > LIMIT {
        return Err(server.fail(text::expect_end_within(LIMIT), format!("{waited:?}")));
    }
    if let Ok(client) = client {
        client.close();
    }
    server.finish()?.stderr_lacks("panicked")?;
    Ok(())
}

/// A client that closes without `exit` ends the session cleanly and at once: a read
/// of 0 bytes is the end, never a reason to read again.
pub fn ends_promptly_when_the_client_closes(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, b"hi\n", r#""hi\n""#)?;
    client.close();
    let closed = Instant::now();
    let run = server.finish_within(PROMPTLY)?;
    if closed.elapsed() > PROMPTLY {
        return Err(run.fail(
            text::expect_end_within(PROMPTLY),
            format!("{:?}", closed.elapsed()),
        ));
    }
    run.success()?
        .stdout_has("the client closed the connection (recv returned 0 bytes)")?
        .stderr_empty()?;
    Ok(())
}

/// A client that resets the connection (a crashed program) ends the session with a
/// message and exit status 0: the server did nothing wrong.
pub fn ends_when_the_client_resets(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, b"hi\n", r#""hi\n""#)?;
    client.reset()?;
    server
        .finish()?
        .success()?
        .stdout_has("the client reset the connection")?
        .stderr_lacks("panicked")?;
    Ok(())
}

/// "ab" and 400 Chinese characters in one write: the 1024-byte reads cut a character,
/// yet every character is printed whole, with no replacement character.
pub fn prints_characters_whole_across_reads(program: &Program) -> Outcome {
    let message = format!("ab{}", "中".repeat(400));
    let server = start_session(program)?;
    let mut client = server.connect()?;
    client.send(&message)?;
    client.shutdown_write()?;
    client.read_to_end()?;
    let run = server.finish()?;
    let received = received_text(&run.stdout());
    if received != message {
        return Err(run.fail(
            text::expect_whole_text(r#""ab" + "中" × 400"#),
            text::found_see_output(),
        ));
    }
    run.success()?
        .stdout_lacks("\u{FFFD}")?
        .stdout_lacks("\\x")?
        .stdout_has("wait for the next read")?
        .stderr_empty()?;
    Ok(())
}

/// A character cut between two writes (the server prints the first part before the
/// rest is sent) is printed whole by the second read.
pub fn completes_a_character_cut_between_reads(program: &Program) -> Outcome {
    let bytes = "中\n".as_bytes();
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, &bytes[..2], r#""""#)?;
    exchange(program, &mut server, &mut client, &bytes[2..], r#""中\n""#)?;
    client.send("exit\n")?;
    server.expect_line("the client sent exit")?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("received 2 bytes: \"\"\n  (2 bytes of a character")?
        .stdout_has("received 2 bytes: \"中\\n\"")?
        .stderr_empty()?;
    Ok(())
}

/// Bytes that are not UTF-8 are shown as `\xNN` with a warning, and the session goes
/// on to end normally.
pub fn survives_invalid_bytes(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    let shown = r#""\xFF\xFEhello\n""#;
    exchange(program, &mut server, &mut client, b"\xff\xfehello\n", shown)?;
    client.send("exit\n")?;
    server.expect_line("the client sent exit")?;
    client.close();
    server
        .finish()?
        .success()?
        .stderr_has("2 bytes are not valid UTF-8")?;
    Ok(())
}

// Step 5: recv.

/// Each read is printed with its size and its text, quoted so that the line ending
/// the client sent shows.
pub fn prints_each_read_decoded(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line(r#"received 6 bytes: "hello\n""#)?;
    client.send("你好\r\n")?;
    server.expect_line(r#"received 8 bytes: "你好\r\n""#)?;
    client.send("exit\n")?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("the client sent exit: ending the session")?
        .stderr_empty()?;
    Ok(())
}

// Step 6: send.

/// The reply typed on stdin reaches the client whole, as one line.
pub fn delivers_the_typed_reply(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("type a reply")?;
    server.type_line("你好, client");
    let reply = client.read_line()?;
    if reply != "你好, client\n" {
        return Err(client.fail(text::expect_reply_line(), text::found_text(&reply)));
    }
    server.expect_line("sent 15 bytes")?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    server
        .finish()?
        .success()?
        .stdout_has("the client sent exit")?
        .stderr_empty()?;
    Ok(())
}

/// The operator's `exit` ends the session without sending it; the client reads
/// end-of-stream.
pub fn ends_on_operator_exit(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("type a reply")?;
    server.type_line("exit");
    client.expect_end_of_stream()?;
    server
        .finish()?
        .success()?
        .stdout_has("you typed exit: ending the session")?;
    Ok(())
}

/// The end of stdin ends the session too, instead of sending empty replies.
pub fn ends_when_stdin_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("type a reply")?;
    server.close_stdin();
    client.expect_end_of_stream()?;
    server
        .finish()?
        .success()?
        .stdout_has("stdin closed: no more replies")?;
    Ok(())
}

/// Bytes typed on stdin that are not UTF-8 are replaced, with a warning; the session
/// goes on (reading a line as a `String` would fail and end it).
pub fn survives_invalid_typed_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("type a reply")?;
    server.type_bytes(b"\xffok");
    let reply = client.read_line()?;
    if reply != "\u{FFFD}ok\n" {
        return Err(client.fail(text::expect_reply_line(), text::found_text(&reply)));
    }
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    server
        .finish()?
        .success()?
        .stdout_has("the client sent exit")?
        .stderr_has("what you typed is not valid utf-8: `\\xFF`")?;
    Ok(())
}

// Step 7: close.

/// After the operator's `exit`, the client reads end-of-stream (the server's FIN),
/// and the server says what each close did.
pub fn lets_the_client_read_end_of_stream(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    let peer = client.local_addr();
    client.send("hello\n")?;
    server.expect_line("type a reply")?;
    server.type_line("bye");
    client.read_line()?;
    client.send("one more\n")?;
    server.expect_line("type a reply")?;
    server.type_line("exit");
    client.expect_end_of_stream()?;
    client.close();
    let addr = server.addr;
    server
        .finish()?
        .success()?
        .stdout_has("shut down the sending side: the client reads end-of-stream")?
        .stdout_has("the client closed its side too")?
        .stdout_has(&format!("closed the connection to {peer}"))?
        .stdout_has(&format!(
            "closed the listening socket: {addr} is free again"
        ))?
        .stderr_empty()?;
    Ok(())
}

/// One session on a port, then at once a second run on the same port: it binds,
/// although the first run's connection waits out TIME_WAIT.
pub fn runs_again_at_once_on_the_same_port(program: &Program) -> Outcome {
    let mut first = program.start()?;
    let addr = first.addr;
    let mut client = first.connect()?;
    client.send("exit\n")?;
    first.expect_line("the client sent exit")?;
    client.expect_end_of_stream()?;
    client.close();
    first.finish()?.success()?;

    let second = program.launch().arg(addr.to_string()).start()?;
    if second.addr != addr {
        let expected = text::expect_line_containing(&format!("listening on {addr}"));
        return Err(second.fail(expected, text::found_text(&second.addr.to_string())));
    }
    let mut client = second.connect()?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    second.finish()?.success()?.stderr_empty()?;
    Ok(())
}
