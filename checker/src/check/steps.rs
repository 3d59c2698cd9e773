//! What each of the seven steps must do, as checks that drive the program like a
//! client and an operator would. `cargo test` runs them against the reference
//! examples; the checker runs the same ones against a student's exercise.

use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use super::facts;
use super::harness::{Client, Finished, Outcome, Program, Server};
use super::netassist::NetAssist;
use crate::text::check as text;
use socket_workbook::message::show;

/// Replies typed ahead for the steps that ask for one after each message.
const REPLIES: &str = "ok\nok\nok\nok\nok\nok\n";

/// How soon a session must end after the client closes. The promise is one second;
/// the margin absorbs a busy machine, and a server that spins, or waits for a timeout
/// to notice, still fails.
const PROMPTLY: Duration = Duration::from_secs(2);

// Step 1: socket.

/// Step 1 creates an IPv4 stream socket, shows its family, its type and its handle (a
/// number), and exits 0 with nothing on stderr.
pub fn describes_an_unbound_tcp_socket(program: &Program) -> Outcome {
    let run = program.launch().run()?;
    run.success()?.stderr_empty()?;
    let stdout = run.stdout();
    let lower = stdout.to_lowercase();
    let family = lower.contains("ipv4") || lower.contains("inet");
    let kind = lower.contains("stream") || lower.contains("tcp");
    let handle = stdout.lines().any(|line| !facts::numbers(line).is_empty());
    if family && kind && handle {
        Ok(())
    } else {
        Err(run.fail(text::expect_socket_facts(), text::found_see_output()))
    }
}

// Step 2: bind.

/// The address the socket is bound to, as step 2's output shows it: 127.0.0.1 and a
/// real port.
fn bound_addr(run: &Finished) -> Outcome<SocketAddr> {
    facts::loopback_addr(&run.stdout())
        .filter(|addr| addr.port() != 0)
        .ok_or_else(|| run.fail(text::expect_bound_addr(), text::found_see_output()))
}

/// Asked for port 0, step 2 shows the address it is bound to, with the real port the
/// system chose, and exits 0.
pub fn reports_the_port_the_system_chose(program: &Program) -> Outcome {
    let run = program.any_port().run()?;
    run.success()?;
    bound_addr(&run)?;
    run.stderr_empty()?;
    Ok(())
}

/// `localhost` means 127.0.0.1.
pub fn reads_localhost_as_127_0_0_1(program: &Program) -> Outcome {
    let run = program.launch().arg("localhost:0").run()?;
    run.success()?;
    bound_addr(&run)?;
    Ok(())
}

/// A port that another socket holds: exit status 1 and one clear message on stderr
/// that names the address and says it is in use; no panic, even with backtraces on.
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
        .stderr_lacks("panicked")?
        .stderr_lacks("backtrace")?;
    let stderr = run.stderr();
    let lower = stderr.to_lowercase();
    let in_use = ["in use", "占用", "only one usage"]
        .iter()
        .any(|words| lower.contains(words));
    if facts::shows_addr(&stderr, addr) && in_use {
        Ok(())
    } else {
        Err(run.fail(
            text::expect_in_use(&addr.to_string()),
            text::found_see_output(),
        ))
    }
}

// Step 3: listen.

/// A client's connection completes although the program never calls accept: the
/// kernel finishes the handshake and queues it. The program listens until Enter, then
/// exits 0.
pub fn accepts_connections_before_anyone_calls_accept(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("queued\n")?;
    // It must still listen: a moment in which it could end, and must not.
    if server.ends_within(Duration::from_millis(300)) {
        let found = text::found_ended(&text::found_see_output());
        return Err(server.fail(
            text::expect_still_running(&text::why_waits_for_enter()),
            found,
        ));
    }
    server.type_line("");
    let run = server.finish()?;
    run.success()?.stderr_empty()?;
    Ok(())
}

/// The end of stdin stops step 3 too.
pub fn stops_when_stdin_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    server.close_stdin();
    server.finish()?.success()?;
    Ok(())
}

/// `--backlog N` reaches the program: it shows the number.
pub fn takes_a_backlog(program: &Program) -> Outcome {
    let server = program.server().args(["--backlog", "37"]).start()?;
    let run = server.finish()?;
    run.success()?;
    if run
        .stdout()
        .lines()
        .any(|line| facts::shows_number(line, 37))
    {
        Ok(())
    } else {
        Err(run.fail(text::expect_number_shown(37), text::found_see_output()))
    }
}

// Step 4: accept.

/// Waits for the line that shows a client's address.
pub fn expect_client_addr(server: &mut Server, addr: SocketAddr) -> Outcome<String> {
    server.expect_line_where(text::expect_client_addr(addr), |line| {
        facts::shows_addr(line, addr)
    })
}

/// The address shown on accept is the client's own: its IP and the port its system
/// chose; then the program closes the connection and exits 0.
pub fn reports_the_client_address(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    expect_client_addr(&mut server, client.local_addr())?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// After accepting, the program closes the connection: the client reads the end of
/// the stream, with nothing before it, and the program exits 0.
pub fn closes_the_connection(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut client = server.connect()?;
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

/// Waits for the line that shows `message` as received (its text; for a read whose
/// text is empty, a character cut short, its size).
pub fn expect_shown(server: &mut Server, message: &[u8]) -> Outcome<String> {
    if facts::message_forms(message).is_empty() {
        let n = message.len();
        return server.expect_line_where(text::expect_count_shown(n), |line| {
            facts::shows_number(line, n as u64)
        });
    }
    server.expect_line_where(text::expect_message_shown(&show(message)), |line| {
        facts::shows_message(line, message)
    })
}

/// Sends `message`, waits until the server has shown it, and reads the reply of the
/// steps that send one.
fn exchange(
    program: &Program,
    server: &mut Server,
    client: &mut Client,
    message: &[u8],
) -> Outcome {
    exchange_shown_as(program, server, client, message, message)
}

/// As [`exchange`], for a message that is shown as `shown` (the rest of a character
/// cut between two writes is shown as the whole character).
fn exchange_shown_as(
    program: &Program,
    server: &mut Server,
    client: &mut Client,
    message: &[u8],
    shown: &[u8],
) -> Outcome {
    client.send(message)?;
    expect_shown(server, shown)?;
    if replies(program) {
        client.read_line()?;
    }
    Ok(())
}

/// The client's `exit` ends the session: the client reads the end of the stream, with
/// nothing before it, and the program exits 0.
fn ends_on_client_exit(program: &Program, exit: &str) -> Outcome {
    let server = start_session(program)?;
    let mut client = server.connect()?;
    client.send(exit)?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// A message that only contains the word `exit` is a message like any other: the
/// session goes on (a program that tests `contains("exit")` ends here, and fails).
fn goes_on_after(
    program: &Program,
    server: &mut Server,
    client: &mut Client,
    near: &str,
) -> Outcome {
    let near = near.as_bytes();
    client.send(near)?;
    expect_shown(server, near)?;
    let next = b"still here\n";
    let went_on = (|| {
        if replies(program) {
            client.read_line()?;
        }
        client.send(next)?;
        expect_shown(server, next)?;
        if replies(program) {
            client.read_line()?;
        }
        Ok(())
    })();
    went_on.map_err(|_: super::Failure| {
        server.fail(
            text::expect_still_running(&text::why_only_exit_ends()),
            text::found_ended_on(&show(near)),
        )
    })
}

/// `exit` alone ends the session.
pub fn ends_on_exit_alone(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit")
}

/// `exit\n` (nc, Linux, macOS) ends the session; `I will not exit yet` does not.
pub fn ends_on_exit_and_lf(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    goes_on_after(program, &mut server, &mut client, "I will not exit yet\n")?;
    goes_on_after(program, &mut server, &mut client, "exit!\n")?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// `exit\r\n` (telnet) ends the session.
pub fn ends_on_exit_and_crlf(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit\r\n")
}

/// `exit\r` (netAssist's 自动发送附加位 `0d`) ends the session.
pub fn ends_on_exit_and_cr(program: &Program) -> Outcome {
    ends_on_client_exit(program, "exit\r")
}

/// netAssist's defaults, in both languages: it connects (step 4 shows its address
/// and closes), each click is one message with no line ending, shown as one read
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
        expect_client_addr(&mut server, peer)?;
        if !lesson.starts_with("step4") {
            for (message, reply) in [("保持连接", "保持连接"), ("今天不想上课", "明天必须来")]
            {
                assist.click(message)?;
                expect_shown(&mut server, message.as_bytes())?;
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
/// the server waiting, and the server closes anyway.
pub fn stops_waiting_for_a_trickling_client(program: &Program) -> Outcome {
    let server = start_session(program)?;
    outwaits_a_trickle(server)
}

/// The check of [`stops_waiting_for_a_trickling_client`], on a server already
/// started: a client connects and sends `exit`; once it has read the server's FIN it
/// trickles bytes. The server must still be there a moment later (it waits for the
/// client's side), and end within 4 s of `exit` (2 s and a margin for a busy machine),
/// with exit status 0.
pub fn outwaits_a_trickle(mut server: Server) -> Outcome {
    const LIMIT: Duration = Duration::from_secs(4);
    let mut client = server.connect()?;
    client.send("exit\n")?;
    let sent = Instant::now();
    // The server's FIN: it shut down its sending side.
    client.read_to_end()?;
    if server.ends_within(Duration::from_millis(300)) {
        return Err(server.fail(
            text::expect_still_running(&text::why_waits_for_fin()),
            text::found_ended_at_once(),
        ));
    }
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
    let ended = server.ends_within(LIMIT.saturating_sub(sent.elapsed()));
    let waited = sent.elapsed();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let client = trickle.join();
    if !ended {
        return Err(server.fail(text::expect_end_within(LIMIT), format!("{waited:?}")));
    }
    if let Ok(client) = client {
        client.close();
    }
    server.finish()?.success()?.stderr_lacks("panicked")?;
    Ok(())
}

/// A client that closes without `exit` ends the session cleanly and at once: a read
/// of 0 bytes is the end, never a reason to read again.
pub fn ends_promptly_when_the_client_closes(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, b"hi\n")?;
    client.close();
    let closed = Instant::now();
    let run = server.finish_within(PROMPTLY)?;
    if closed.elapsed() > PROMPTLY {
        return Err(run.fail(
            text::expect_end_within(PROMPTLY),
            format!("{:?}", closed.elapsed()),
        ));
    }
    run.success()?.stderr_empty()?;
    Ok(())
}

/// A client that resets the connection (a crashed program) ends the session, and the
/// program exits 0: the server did nothing wrong.
pub fn ends_when_the_client_resets(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, b"hi\n")?;
    client.reset()?;
    server.finish()?.success()?.stderr_lacks("panicked")?;
    Ok(())
}

/// Whether `stdout` shows `count` characters `c` whole, and no broken one.
fn whole(stdout: &str, c: char, count: usize) -> bool {
    stdout.matches(c).count() >= count && !stdout.contains('\u{FFFD}') && !stdout.contains("\\x")
}

/// "ab" and 400 Chinese characters in one write: the 1024-byte reads cut a character,
/// yet every character is shown whole, with no replacement character.
pub fn prints_characters_whole_across_reads(program: &Program) -> Outcome {
    let message = format!("ab{}", "中".repeat(400));
    let server = start_session(program)?;
    let mut client = server.connect()?;
    client.send(&message)?;
    client.shutdown_write()?;
    client.read_to_end()?;
    let run = server.finish()?;
    if !whole(&run.stdout(), '中', 400) {
        return Err(run.fail(
            text::expect_characters_whole(400, "中"),
            text::found_see_output(),
        ));
    }
    run.success()?.stderr_empty()?;
    Ok(())
}

/// A character cut between two writes (the server shows the first read before the
/// rest is sent) is shown whole after the second read.
pub fn completes_a_character_cut_between_reads(program: &Program) -> Outcome {
    let bytes = "中\n".as_bytes();
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, &bytes[..2])?;
    exchange_shown_as(
        program,
        &mut server,
        &mut client,
        &bytes[2..],
        "中\n".as_bytes(),
    )?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    let run = server.finish()?;
    if !whole(&run.stdout(), '中', 1) {
        return Err(run.fail(
            text::expect_characters_whole(1, "中"),
            text::found_see_output(),
        ));
    }
    run.success()?.stderr_lacks("panicked")?;
    Ok(())
}

/// Bytes that are not UTF-8 are shown (as `\xNN` or �), and the session goes on to
/// end normally.
pub fn survives_invalid_bytes(program: &Program) -> Outcome {
    let mut server = start_session(program)?;
    let mut client = server.connect()?;
    exchange(program, &mut server, &mut client, b"\xff\xfehello\n")?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_lacks("panicked")?;
    Ok(())
}

// Step 5: recv.

/// Waits for the line that shows `message` and its size.
fn expect_shown_with_size(server: &mut Server, message: &[u8]) -> Outcome<String> {
    let n = message.len();
    server.expect_line_where(text::expect_message_and_count(&show(message), n), |line| {
        facts::shows_message(line, message) && facts::shows_number(line, n as u64)
    })
}

/// Each read is shown with its size and its text, and `exit` ends the session.
pub fn prints_each_read_decoded(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    for message in ["hello\n", "你好\r\n"] {
        client.send(message)?;
        expect_shown_with_size(&mut server, message.as_bytes())?;
    }
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

// Step 6: send.

/// The reply typed on stdin reaches the client whole, as one line, and its size is
/// shown.
pub fn delivers_the_typed_reply(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    expect_shown(&mut server, b"hello\n")?;
    server.type_line("你好, client");
    let reply = client.read_line()?;
    if reply != "你好, client\n" {
        return Err(client.fail(text::expect_reply_line(), text::found_text(&reply)));
    }
    server.expect_line_where(text::expect_number_shown(15), |line| {
        facts::shows_number(line, 15)
    })?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// The operator's `exit` ends the session without sending it; the client reads
/// end-of-stream, and the program exits 0.
pub fn ends_on_operator_exit(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    expect_shown(&mut server, b"hello\n")?;
    server.type_line("exit");
    client.expect_end_of_stream()?;
    server.finish()?.success()?;
    Ok(())
}

/// The end of stdin ends the session too, instead of sending empty replies.
pub fn ends_when_stdin_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    expect_shown(&mut server, b"hello\n")?;
    server.close_stdin();
    client.expect_end_of_stream()?;
    server.finish()?.success()?;
    Ok(())
}

/// Bytes typed on stdin that are not UTF-8 are replaced; the session goes on (reading
/// a line as a `String` would fail and end it).
pub fn survives_invalid_typed_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    expect_shown(&mut server, b"hello\n")?;
    server.type_bytes(b"\xffok");
    let reply = client.read_line()?;
    if reply != "\u{FFFD}ok\n" {
        return Err(client.fail(text::expect_reply_line(), text::found_text(&reply)));
    }
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    server.finish()?.success()?.stderr_lacks("panicked")?;
    Ok(())
}

// Step 7: close.

/// After the operator's `exit`, the server sends its FIN (shutdown(Write)): the client
/// reads end-of-stream while the server is still there, waiting for the client's side.
/// Once the client closes, the server ends at once (it read 0 bytes), with exit status
/// 0. A server that closes at once (drop, or shutdown(Read)) fails: it never waited.
pub fn lets_the_client_read_end_of_stream(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    let peer = client.local_addr();
    expect_client_addr(&mut server, peer)?;
    client.send("hello\n")?;
    expect_shown(&mut server, b"hello\n")?;
    server.type_line("bye");
    client.read_line()?;
    client.send("one more\n")?;
    expect_shown(&mut server, b"one more\n")?;
    server.type_line("exit");
    client.expect_end_of_stream()?;
    if server.ends_within(Duration::from_millis(300)) {
        return Err(server.fail(
            text::expect_still_running(&text::why_waits_for_fin()),
            text::found_ended_at_once(),
        ));
    }
    client.close();
    server.finish_within(PROMPTLY)?.success()?.stderr_empty()?;
    Ok(())
}

/// One session on a port, then at once a second run on the same port: it binds,
/// although the first run's connection waits out TIME_WAIT.
pub fn runs_again_at_once_on_the_same_port(program: &Program) -> Outcome {
    let first = program.start()?;
    let addr = first.addr;
    let mut client = first.connect()?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    first.finish()?.success()?;

    let second = program.launch().arg(addr.to_string()).start()?;
    let mut client = second.connect()?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    second.finish()?.success()?.stderr_empty()?;
    Ok(())
}
