//! What the lesson's two complete servers must do (示例1 `example1_server`, 示例2
//! `example2_server`): line framing, the two ways to end, encodings, and what a
//! second client sees.

use std::time::{Duration, Instant};

use super::harness::{Client, Outcome, Program, Server};
use crate::text::check as text;
use socket_workbook::message::show;

/// How soon a session must end after the client closes (see `steps::PROMPTLY`).
const PROMPTLY: Duration = Duration::from_secs(2);

/// Whether the client's `exit` ends the session (示例2), or is a message like any
/// other (示例1).
fn client_exit_ends(program: &Program) -> bool {
    program.lesson() == "example2_server"
}

/// Starts the server with `replies` typed ahead.
fn start(program: &Program, replies: &str) -> Outcome<Server> {
    program.server().typed_ahead(replies).start()
}

/// Ends a session from the operator's side and expects a clean end: the client reads
/// end-of-stream and closes, and the server ends.
fn operator_ends(mut server: Server, mut client: Client) -> Outcome {
    server.type_line("exit");
    client.expect_end_of_stream()?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("you typed exit: ending the session")?;
    Ok(())
}

/// Each line is printed as the lesson prints it, and the typed reply reaches the client
/// as one line.
pub fn prints_each_line_and_sends_the_typed_reply(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("received: hello")?;
    server.expect_line("type a reply")?;
    server.type_line("你好, client");
    let reply = client.read_line()?;
    if reply != "你好, client\n" {
        return Err(client.fail(text::expect_reply_line(), show(reply.as_bytes())));
    }
    client.send("again\r\n")?;
    server.expect_line("received: again")?;
    server.expect_line("type a reply")?;
    server.type_line("exit");
    client.expect_end_of_stream()?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("sent 15 bytes")?
        .stdout_has("you typed exit: ending the session")?
        .stdout_lacks("received: again\r")?
        .stderr_empty()?;
    Ok(())
}

/// `hello\nexit\n` in one read: two messages. 示例2 prints `hello`, replies, and ends
/// on `exit`; 示例1 prints both and goes on until the operator's `exit`.
pub fn frames_two_messages_in_one_read(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("hello\nexit\n")?;
    server.expect_line("received: hello")?;
    client.read_line()?;
    server.expect_line("received: exit")?;
    if client_exit_ends(program) {
        server.expect_line("the client sent exit: ending the session")?;
        client.expect_end_of_stream()?;
        client.close();
        server.finish()?.success()?.stderr_empty()?;
        Ok(())
    } else {
        server.expect_line("type a reply")?;
        operator_ends(server, client)
    }
}

/// The client's `exit` (with `\r\n`, as netAssist sends it): 示例2 says so, ends the
/// session and closes the connection; for 示例1 it is a message like any other, printed
/// and answered.
pub fn ends_when_the_client_sends_exit(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("exit\r\n")?;
    server.expect_line("received: exit")?;
    if client_exit_ends(program) {
        server.expect_line("the client sent exit: ending the session")?;
        client.expect_end_of_stream()?;
        client.close();
        server
            .finish()?
            .success()?
            .stdout_lacks("type a reply")?
            .stderr_empty()?;
        Ok(())
    } else {
        server.expect_line("type a reply")?;
        client.read_line()?;
        // 示例1 reads the operator's line after the next message.
        client.send("bye\n")?;
        server.expect_line("received: bye")?;
        server.expect_line("type a reply")?;
        operator_ends(server, client)
    }
}

/// A message sent one byte at a time is printed once, whole.
pub fn frames_a_message_sent_byte_by_byte(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    for byte in "你好 world\n".bytes() {
        client.send([byte])?;
    }
    server.expect_line("received: 你好 world")?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// A line of 64 KiB arrives over many reads and is printed whole.
pub fn prints_a_64_kib_line_whole(program: &Program) -> Outcome {
    let line = "a".repeat(64 * 1024);
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send(format!("{line}\n"))?;
    server.expect_line_where(text::expect_line_containing("received: aaa…"), |printed| {
        printed == format!("received: {line}")
    })?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// A line over `--max-line` is reported and cut; the next line is read as usual.
pub fn cuts_a_line_over_the_limit(program: &Program) -> Outcome {
    let mut server = program
        .server()
        .args(["--max-line", "1000"])
        .typed_ahead("ok\n")
        .start()?;
    let mut client = server.connect()?;
    client.send(format!("{}\nafter\n", "b".repeat(5000)))?;
    server.expect_stderr_line("a line longer than 1000 bytes arrived")?;
    server.expect_line_where(text::expect_line_containing("received: bbb…"), |printed| {
        printed == format!("received: {}", "b".repeat(1000))
    })?;
    client.read_line()?;
    server.expect_line("received: after")?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// GBK bytes (netAssist on Chinese Windows) are shown as `\xNN` with a hint that
/// names `--encoding gbk`.
pub fn suggests_gbk_for_gbk_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send(b"\xc4\xe3\xba\xc3\n")?; // 你好 in GBK
    server.expect_line(r"received: \xC4\xE3\xBA\xC3")?;
    server.expect_stderr_line("--encoding gbk")?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// Bytes that are neither UTF-8 nor GBK are shown as `\xNN` with a warning, and the
/// conversation goes on.
pub fn survives_invalid_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send(b"\xff\xfehello\n")?;
    server.expect_line(r"received: \xFF\xFEhello")?;
    server.expect_stderr_line("this line is not valid utf-8")?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// With `--encoding gbk`, GBK lines are printed as text and replies are sent in GBK.
pub fn speaks_gbk_with_the_flag(program: &Program) -> Outcome {
    let mut server = program.server().args(["--encoding", "gbk"]).start()?;
    let mut client = server.connect()?;
    client.send(b"\xc4\xe3\xba\xc3\n")?;
    server.expect_line("received: 你好")?;
    server.expect_line("type a reply")?;
    server.type_line("好的");
    let reply = client.read_line_bytes()?;
    if reply != b"\xba\xc3\xb5\xc4\n" {
        let expected = text::expect_line_containing(r#""\xBA\xC3\xB5\xC4\n" (好的 in GBK)"#);
        return Err(client.fail(expected, show(&reply)));
    }
    client.send("bye\n")?;
    server.expect_line("received: bye")?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// A client that closes without a word ends the session cleanly and at once.
pub fn ends_promptly_when_the_client_closes(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("hi\n")?;
    server.expect_line("received: hi")?;
    client.read_line()?;
    client.close();
    let closed = Instant::now();
    let run = server.finish_within(PROMPTLY)?;
    if closed.elapsed() > PROMPTLY {
        let found = format!("{:?}", closed.elapsed());
        return Err(run.fail(text::expect_end_within(PROMPTLY), found));
    }
    run.success()?
        .stdout_has("the client closed the connection (recv returned 0 bytes)")?
        .stderr_empty()?;
    Ok(())
}

/// A client that resets the connection ends the session with a message, exit status 0.
pub fn ends_when_the_client_resets(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("hi\n")?;
    server.expect_line("received: hi")?;
    client.read_line()?;
    client.reset()?;
    server
        .finish()?
        .success()?
        .stdout_has("the client reset the connection")?
        .stderr_lacks("panicked")?;
    Ok(())
}

/// The end of the operator's input ends the session and the server.
pub fn ends_when_stdin_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("type a reply")?;
    server.close_stdin();
    client.expect_end_of_stream()?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("stdin closed: no more replies")?;
    Ok(())
}

/// A second client that connects while the first is served waits in the backlog; when
/// the server ends, it is told so in a line, then reads end-of-stream: never left
/// hanging, never reset.
pub fn tells_a_waiting_client_when_it_ends(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut first = server.connect()?;
    first.send("hello\n")?;
    server.expect_line("received: hello")?;
    first.read_line()?;
    let mut second = server.connect()?;
    let second_addr = second.local_addr();
    second.send("me too\n")?;
    first.send("bye\n")?;
    server.expect_line("received: bye")?;
    server.expect_line("type a reply")?;
    server.type_line("exit");
    first.expect_end_of_stream()?;
    first.close();
    let notice = second.read_line()?;
    if !notice.contains("the server is closing") {
        let expected = text::expect_line_containing("the server is closing");
        return Err(second.fail(expected, show(notice.as_bytes())));
    }
    second.expect_end_of_stream()?;
    second.close();
    server
        .finish()?
        .success()?
        .stdout_has(&format!("told {second_addr}, which was waiting"))?
        .stdout_lacks("received: me too")?;
    Ok(())
}

/// With `--keep-serving`, the server goes back to accept after a session and serves
/// the next client; the end of its input ends it.
pub fn serves_clients_one_after_another_with_keep_serving(program: &Program) -> Outcome {
    let mut server = program
        .server()
        .arg("--keep-serving")
        .typed_ahead("first\nsecond\n")
        .start()?;
    let mut first = server.connect()?;
    first.send("one\n")?;
    server.expect_line("received: one")?;
    first.read_line()?;
    first.close();
    server.expect_line("the client closed the connection")?;
    let mut second = server.connect()?;
    server.expect_line(&format!("accepted connection from {}", second.local_addr()))?;
    second.send("two\n")?;
    server.expect_line("received: two")?;
    let reply = second.read_line()?;
    if reply != "second\n" {
        return Err(second.fail(text::expect_reply_line(), show(reply.as_bytes())));
    }
    second.send("three\n")?;
    server.expect_line("type a reply")?;
    server.close_stdin();
    second.expect_end_of_stream()?;
    second.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// Bytes that wait long for a line ending get a note: the client may send none
/// (netAssist's default).
pub fn says_when_a_line_has_no_end(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello")?;
    server.expect_stderr_line("5 byte(s) arrived without a line ending")?;
    client.send("\n")?;
    server.expect_line("received: hello")?;
    server.expect_line("type a reply")?;
    operator_ends(server, client)
}

/// The workbook's own client, process to process, in scripted mode.
pub fn works_with_the_workbook_client(program: &Program) -> Outcome {
    let client = program.other("client")?;
    let (replies, ending) = if client_exit_ends(program) {
        ("hi back\n", "exit")
    } else {
        ("hi back\nexit\n", "bye")
    };
    let server = start(program, replies)?;
    let addr = server.addr.to_string();
    let run = client
        .launch()
        .args([addr.as_str(), "--send", "hello", "--expect", "hi back"])
        .args(["--send", ending, "--expect-eof"])
        .run()?;
    run.success()?
        .stdout_has("hi back")?
        .stderr_has("all 2 expectations held")?;
    server
        .finish()?
        .success()?
        .stdout_has("received: hello")?
        .stderr_empty()?;
    Ok(())
}
