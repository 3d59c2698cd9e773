//! What each client step must do, judged on the wire by a scripted server of the
//! checker's own (`scripted.rs`): what the client sent, that it printed the reply's
//! text, that it ended on end-of-stream, that it closed with a FIN, its exit status.
//! No check reads a sentence: a client in its own words and its own style passes.
//! Every client runs with `--timeout 1`, so that a check of a deadline takes a second.

use std::net::SocketAddr;
use std::time::Duration;

use super::harness::{Finished, Outcome, Program, Server, free_addr};
use super::scripted::{End, Got, Listener, Unanswering, WAIT, without_line_ending};

/// How long a client may take to end once it has all it needs (its input ended, the
/// server closed): a second of `--timeout` and a margin for a busy machine.
const PROMPTLY: Duration = Duration::from_secs(4);

/// The `--timeout` every check gives the client.
const TIMEOUT: &str = "1";

/// Starts the client under test against `addr`, with `typed` on its stdin (closed
/// after it when `close` holds), in Chinese when `zh` holds: the facts it must show are
/// the same in both languages.
fn start(
    program: &Program,
    addr: SocketAddr,
    typed: &str,
    close: bool,
    zh: bool,
) -> Outcome<Server> {
    let mut launch = program
        .launch()
        .arg(addr.to_string())
        .args(["--timeout", TIMEOUT])
        .typed_ahead(typed);
    if zh {
        launch = launch.env("WORKBOOK_LANG", "zh");
    }
    let mut client = launch.begin()?;
    if close {
        client.close_stdin();
    }
    Ok(client)
}

/// Whether the lesson reads a reply after each message (client steps 3 and 4).
fn reads_replies(program: &Program) -> bool {
    matches!(program.lesson(), "client3_recv" | "client4_close")
}

/// Expects an end with no panic: exit status 0, or 1 with its message, as `allowed`.
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

/// The messages a check expects, as the client may send them: as typed (the lesson,
/// netAssist), or each with a line ending.
fn same_messages(got: &[u8], typed: &[&str]) -> bool {
    let bare: Vec<u8> = typed.concat().into_bytes();
    let with = |ending: &str| -> Vec<u8> {
        typed
            .iter()
            .flat_map(|line| format!("{line}{ending}").into_bytes())
            .collect()
    };
    got == bare || got == with("\n") || got == with("\r\n")
}

/// Reads the client's next message and expects `wanted` (its line ending aside).
fn expect_message(conn: &mut super::scripted::Conn, program: &Server, wanted: &str) -> Outcome {
    match conn.message(WAIT) {
        Got::Message(bytes) if without_line_ending(&bytes) == wanted.as_bytes() => Ok(()),
        _ => Err(conn.fail(
            program,
            format!("the client to send `{wanted}`, the line typed"),
            "something else",
        )),
    }
}

// Client step 1: connect.

/// It connects to the address it is given, and prints its own address (the one the
/// server's accept() sees); then it ends with exit status 0 and the connection closes.
pub fn connects_and_shows_its_own_address(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "", true, false)?;
    let mut conn = listener.accept(&mut client)?;
    let peer = conn.peer;
    let (_, end) = conn.rest(WAIT);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has(&peer.to_string())?;
    if end == End::Silence {
        return Err(run.fail(
            "the connection closed when the client ended".into(),
            end.said().to_string(),
        ));
    }
    Ok(())
}

/// Nothing listens: exit status 1, and a message on stderr that names the address (and
/// no panic).
pub fn explains_a_refused_connection(program: &Program) -> Outcome {
    let addr = free_addr();
    let run = start(program, addr, "", true, true)?.finish_within(PROMPTLY)?;
    ended(&run, &[1])?;
    run.stderr_has(&addr.to_string())?;
    Ok(())
}

/// A server that never answers the handshake (its backlog is full): the client gives
/// up at its deadline, exit status 1, with the address on stderr.
pub fn gives_up_when_nothing_answers(program: &Program) -> Outcome {
    let server = Unanswering::new()?;
    let run = start(program, server.addr, "", true, false)?.finish_within(PROMPTLY)?;
    ended(&run, &[1])?;
    run.stderr_has(&server.addr.to_string())?;
    Ok(())
}

// Client step 2: send.

/// Each line typed goes to the server as typed, UTF-8 (with no line ending, as the
/// lesson and netAssist send it, or with one); the end of input ends the client with
/// exit status 0, and the connection closes with a FIN.
pub fn sends_each_line_as_typed(program: &Program) -> Outcome {
    let typed = ["hello", "你好 world"];
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "hello\n你好 world\n", true, true)?;
    let mut conn = listener.accept(&mut client)?;
    let mut got = Vec::new();
    if reads_replies(program) {
        // Client steps 3 and 4 wait for a reply to each message before the next.
        for _ in typed {
            match conn.message(WAIT) {
                Got::Message(bytes) => got.extend(bytes),
                Got::Ended(_) => break,
            }
            conn.send("ok".as_bytes());
        }
    }
    let (rest, end) = conn.rest(WAIT);
    got.extend(rest);
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    if !same_messages(&got, &typed) || end != End::Fin {
        return Err(run.fail(
            "the server to receive `hello` then `你好 world` (UTF-8), then end-of-stream".into(),
            format!(
                "{}, then {}",
                socket_workbook::message::show(&got),
                end.said()
            ),
        ));
    }
    ended(&run, &[0])
}

/// The server reads one message and closes; more lines are typed. The client ends
/// within its deadline, without a panic (exit status 0, or 1 with its message).
pub fn ends_when_the_server_has_gone(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "one\n", false, false)?;
    let mut conn = listener.accept(&mut client)?;
    expect_message(&mut conn, &client, "one")?;
    drop(conn);
    for line in ["two", "three", "four"] {
        client.type_line(line);
    }
    client.close_stdin();
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0, 1])
}

// Client step 3: recv.

/// After each message, the client reads the reply and prints its text, decoded, before
/// it sends the next; the replies come with no line ending, as netAssist sends them.
pub fn prints_each_reply(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "hello\n再见\n", true, true)?;
    let mut conn = listener.accept(&mut client)?;
    for (message, reply) in [("hello", "reply-1 好的"), ("再见", "reply-2 明白")] {
        expect_message(&mut conn, &client, message)?;
        conn.send(reply.as_bytes());
    }
    let _ = conn.rest(WAIT);
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    let stdout = run.stdout();
    match (stdout.find("reply-1 好的"), stdout.find("reply-2 明白")) {
        (Some(first), Some(second)) if first < second => Ok(()),
        _ => Err(run.fail(
            "stdout to show the replies `reply-1 好的`, then `reply-2 明白`".into(),
            "see the output".into(),
        )),
    }
}

/// The server replies to the first message, then closes its side. The client sees the
/// end of the stream: it stops (it sends at most the next line it had read, never the
/// one after), and ends with exit status 0.
pub fn ends_when_the_server_closes(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "one\ntwo\nthree\n", true, false)?;
    let mut conn = listener.accept(&mut client)?;
    expect_message(&mut conn, &client, "one")?;
    conn.send(b"bye-1");
    conn.shutdown_write();
    let (rest, _) = conn.rest(WAIT);
    if String::from_utf8_lossy(&rest).contains("three") {
        return Err(conn.fail(
            &client,
            "the client to stop once recv returned 0 bytes".into(),
            "it went on sending",
        ));
    }
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has("bye-1")?;
    Ok(())
}

/// The server reads the message and never replies: the client gives up at its deadline
/// with exit status 1 and the server's address on stderr.
pub fn gives_up_on_a_server_that_never_replies(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "hello\n", true, true)?;
    let mut conn = listener.accept(&mut client)?;
    expect_message(&mut conn, &client, "hello")?;
    let run = client.finish_within(PROMPTLY)?;
    drop(conn);
    ended(&run, &[1])?;
    run.stderr_has(&listener.addr.to_string())?;
    Ok(())
}

/// Replies that do not match reads: the first comes in two pieces, a pause apart; the
/// second and third come in one write. The client prints every piece's text and ends.
pub fn prints_replies_in_pieces_and_together(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "a\nb\nc\n", true, false)?;
    let mut conn = listener.accept(&mut client)?;
    expect_message(&mut conn, &client, "a")?;
    conn.send(b"first-");
    conn.pause(Duration::from_millis(150));
    conn.send(b"half");
    // The client reads "half" as the reply to `b` and sends `c` at once: `b` and `c`
    // may arrive together.
    match conn.message(WAIT) {
        Got::Message(bytes) if bytes.starts_with(b"b") => {}
        _ => {
            let expected = "the client to send `b`, the line typed".to_string();
            return Err(conn.fail(&client, expected, "something else"));
        }
    }
    conn.send(b"two-A\ntwo-B\n");
    // The third message may come, or not: what came is read to the end.
    let _ = conn.rest(WAIT);
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    for piece in ["first-", "half", "two-A", "two-B"] {
        run.stdout_has(piece)?;
    }
    Ok(())
}

// Client step 4: close.

/// After `exit`, the client shuts down its sending side (the server reads a FIN, not a
/// reset) and still reads: the server's last words, sent after that FIN, are printed;
/// when the server closes, the client ends with exit status 0.
pub fn shuts_down_then_reads_to_the_end(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "hi\nexit\n", true, true)?;
    let mut conn = listener.accept(&mut client)?;
    expect_message(&mut conn, &client, "hi")?;
    conn.send("ok-1".as_bytes());
    let end = after_exit(&mut conn, &client)?;
    if end != End::Fin {
        return Err(conn.fail(
            &client,
            "end-of-stream (FIN) from the client after exit".into(),
            end.said(),
        ));
    }
    conn.send("bye-就这样".as_bytes());
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    run.stdout_has("bye-就这样")?;
    Ok(())
}

/// Reads `exit` (or nothing: a client may close without sending it) and then the
/// client's end.
fn after_exit(conn: &mut super::scripted::Conn, client: &Server) -> Outcome<End> {
    match conn.message(WAIT) {
        Got::Message(bytes) if without_line_ending(&bytes) == b"exit" => Ok(conn.rest(WAIT).1),
        Got::Ended(end) => Ok(end),
        Got::Message(_) => Err(conn.fail(
            client,
            "`exit`, then end-of-stream".into(),
            "another message",
        )),
    }
}

/// After the client's FIN, the server sends 3000 bytes in one write and closes: the
/// client reads them all (three reads or more) and prints them.
pub fn reads_a_long_reply_to_its_end(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "exit\n", true, false)?;
    let mut conn = listener.accept(&mut client)?;
    let end = after_exit(&mut conn, &client)?;
    if end != End::Fin {
        return Err(conn.fail(
            &client,
            "end-of-stream (FIN) from the client".into(),
            end.said(),
        ));
    }
    conn.send(&[b'~'; 3000]);
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])?;
    let shown = run.stdout().matches('~').count();
    if shown != 3000 {
        return Err(run.fail("3000 `~` on stdout".into(), format!("{shown}")));
    }
    Ok(())
}

/// After the client's FIN, the server sends a last word and never closes: the client
/// prints it and gives up at its deadline (exit status 0, or 1 with its message).
pub fn gives_up_on_a_server_that_does_not_close(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let mut client = start(program, listener.addr, "exit\n", true, true)?;
    let mut conn = listener.accept(&mut client)?;
    let end = after_exit(&mut conn, &client)?;
    if end != End::Fin {
        return Err(conn.fail(
            &client,
            "end-of-stream (FIN) from the client".into(),
            end.said(),
        ));
    }
    conn.pause(Duration::from_millis(100));
    conn.send(b"late-words");
    let run = client.finish_within(PROMPTLY)?;
    drop(conn);
    ended(&run, &[0, 1])?;
    run.stdout_has("late-words")?;
    Ok(())
}

/// `exit` ends the conversation, however it is surrounded: a line that only contains
/// the word is sent as any other; after `exit` the client sends nothing more.
pub fn stops_on_exit(program: &Program) -> Outcome {
    let listener = Listener::new()?;
    let typed = "I will not exit yet\nexit\nafter\n";
    let mut client = start(program, listener.addr, typed, true, false)?;
    let mut conn = listener.accept(&mut client)?;
    expect_message(&mut conn, &client, "I will not exit yet")?;
    conn.send(b"ok");
    let end = after_exit(&mut conn, &client)?;
    if end != End::Fin {
        return Err(conn.fail(&client, "end-of-stream after `exit`".into(), end.said()));
    }
    drop(conn);
    let run = client.finish_within(PROMPTLY)?;
    ended(&run, &[0])
}

/// The capstone pair: the client talks to the 示例2 server of the same hand (the
/// student's `exercise_example2_server` when the client is an exercise, the lesson's
/// otherwise): the server prints the message, the client prints the typed reply, the
/// client's `exit` ends both with exit status 0.
pub fn talks_with_its_example2_server(program: &Program) -> Outcome {
    // The student's own 示例2 when the client is an exercise and that server can be
    // found (`check c4`); the lesson's otherwise (the tests, and `grade`, which builds
    // each submission apart).
    let exists =
        |program: &Program| std::path::Path::new(program.command().get_program()).is_file();
    let exercise = program
        .command()
        .get_program()
        .to_string_lossy()
        .contains("exercise_");
    let own = match exercise {
        true => program.other("exercise_example2_server").ok(),
        false => None,
    };
    let partner = match own {
        Some(own) if exists(&own) => own,
        _ => program.other("example2_server")?,
    };
    let mut server = partner
        .any_port()
        .env("WORKBOOK_LANG", "zh")
        .typed_ahead("好的，收到\n")
        .start()?;
    let run = program
        .launch()
        .arg(server.addr.to_string())
        .args(["--timeout", "5"])
        .env("WORKBOOK_LANG", "zh")
        .typed_ahead("你好，服务端\nexit\n")
        .run()?;
    ended(&run, &[0])?;
    run.stdout_has("好的，收到")?;
    server.expect_line("你好，服务端")?;
    server.finish_within(PROMPTLY)?.success()?;
    Ok(())
}
