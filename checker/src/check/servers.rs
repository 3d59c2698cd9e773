//! What the lesson's two complete servers must do (示例1 `example1_server`, 示例2
//! `example2_server`): line framing, the two ways to end, encodings, and what a
//! second client sees.

use std::time::{Duration, Instant};

use super::harness::{Client, Outcome, Program, Server};
use super::netassist::NetAssist;
use super::{facts, steps};
use crate::text::check as text;
use socket_workbook::message::show;

/// How soon a session must end after the client closes (see `steps::PROMPTLY`).
const PROMPTLY: Duration = Duration::from_secs(2);

/// The servers' wait for the client's FIN after their own (`LINGER` in the examples),
/// and the margin a busy machine needs on top of it.
const LINGER: Duration = Duration::from_secs(2);
const MARGIN: Duration = Duration::from_secs(2);

/// Whether the client's `exit` ends the session (示例2), or is a message like any
/// other (示例1).
fn client_exit_ends(program: &Program) -> bool {
    program.lesson() == "example2_server"
}

/// Starts the server with `replies` typed ahead.
fn start(program: &Program, replies: &str) -> Outcome<Server> {
    program.server().typed_ahead(replies).start()
}

/// Waits for the line that shows `message` as received.
fn shown(server: &mut Server, message: &str) -> Outcome<String> {
    steps::expect_shown(server, message.as_bytes())
}

/// Ends a session from the operator's side (the reply typed is `exit`) and expects a
/// clean end: the client reads end-of-stream and closes, and the server exits 0.
fn operator_ends(mut server: Server, mut client: Client) -> Outcome {
    server.type_line("exit");
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?;
    Ok(())
}

/// Whether the output after the last line that shows `message` has more to show (a
/// prompt, ended by a line ending or not).
fn more_after(all: &str, message: &str) -> bool {
    all.rsplit_once(message)
        .and_then(|(_, after)| after.split_once('\n'))
        .is_some_and(|(_, rest)| !rest.trim().is_empty())
}

/// Each line is shown as it was received (its line ending taken off), a prompt for the
/// reply shows before anything is typed, and the typed reply reaches the client as one
/// line. With `--explain`, the size of what was sent is shown too.
pub fn prints_each_line_and_sends_the_typed_reply(program: &Program) -> Outcome {
    let mut server = program.server().arg("--explain").start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    shown(&mut server, "hello\n")?;
    let prompted = server.wait_for_stdout(PROMPT_WAIT, |all| more_after(all, "hello"));
    server.type_line("你好, client");
    let reply = client.read_line()?;
    if reply != "你好, client\n" {
        return Err(client.fail(text::expect_reply_line(), show(reply.as_bytes())));
    }
    if !prompted {
        // It read the reply all the same: the prompt waits in stdout's buffer.
        return Err(server.fail(
            text::expect_prompt_shown(),
            text::found_prompt_not_flushed(),
        ));
    }
    client.send("again\r\n")?;
    shown(&mut server, "again\r\n")?;
    operator_ends_with(server, client, |run| {
        run.stdout_lacks("again\r")?;
        if run
            .stdout()
            .lines()
            .any(|line| facts::shows_number(line, 15))
        {
            run.stderr_empty()?;
            Ok(())
        } else {
            Err(run.fail(text::expect_number_shown(15), text::found_see_output()))
        }
    })
}

/// As [`operator_ends`], with more checks of the finished run.
fn operator_ends_with(
    mut server: Server,
    mut client: Client,
    more: impl FnOnce(&super::Finished) -> Outcome,
) -> Outcome {
    server.type_line("exit");
    client.expect_end_of_stream()?;
    client.close();
    let run = server.finish()?;
    run.success()?;
    more(&run)
}

/// How long a prompt may take to show after the message (it shows at once; the margin
/// is a busy machine's).
const PROMPT_WAIT: Duration = Duration::from_secs(2);

/// `hello\nexit\n` in one read: two messages. 示例2 shows `hello`, replies, and ends
/// on `exit` without a second reply; 示例1 shows both and goes on until the operator's
/// `exit`.
pub fn frames_two_messages_in_one_read(program: &Program) -> Outcome {
    // 示例2 must not ask for a second reply: if it did, it would send this one.
    let typed = if client_exit_ends(program) {
        "ok\nsecond reply\n"
    } else {
        "ok\n"
    };
    let mut server = start(program, typed)?;
    let mut client = server.connect()?;
    client.send("hello\nexit\n")?;
    shown(&mut server, "hello\n")?;
    client.read_line()?;
    if client_exit_ends(program) {
        client.expect_end_of_stream()?;
        client.close();
        server.finish()?.success()?.stderr_empty()?;
        Ok(())
    } else {
        shown(&mut server, "exit\n")?;
        operator_ends(server, client)
    }
}

/// A message sent one byte at a time is shown once, whole.
pub fn frames_a_message_sent_byte_by_byte(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    for byte in "你好 world\n".bytes() {
        client.send([byte])?;
    }
    shown(&mut server, "你好 world\n")?;
    operator_ends(server, client)
}

/// A line of 64 KiB arrives over many reads and is shown whole.
pub fn prints_a_64_kib_line_whole(program: &Program) -> Outcome {
    let line = "a".repeat(64 * 1024);
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send(format!("{line}\n"))?;
    server.expect_line_where(
        text::expect_line_containing("aaa… (65536 × a)"),
        |printed| printed.contains(&line),
    )?;
    operator_ends(server, client)
}

/// A line over `--max-line` is reported on stderr and cut; the next line is read as
/// usual.
pub fn cuts_a_line_over_the_limit(program: &Program) -> Outcome {
    let mut server = program
        .server()
        .args(["--max-line", "1000"])
        .typed_ahead("ok\n")
        .start()?;
    let mut client = server.connect()?;
    client.send(format!("{}\nafter\n", "b".repeat(5000)))?;
    let cut = "b".repeat(1000);
    server.expect_line_where(
        text::expect_line_containing("bbb… (1000 × b)"),
        |printed| printed.contains(&cut) && !printed.contains(&format!("{cut}b")),
    )?;
    server.expect_stderr_where(text::expect_number_shown(1000), |line| {
        facts::shows_number(line, 1000)
    })?;
    client.read_line()?;
    shown(&mut server, "after\n")?;
    operator_ends(server, client)
}

/// GBK bytes (a Windows tool that sends GBK; netAssist only with 16进制发送) are
/// shown as `\xNN` with a warning on stderr that names GBK.
pub fn suggests_gbk_for_gbk_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send(b"\xc4\xe3\xba\xc3\n")?; // 你好 in GBK
    server.expect_line(r"\xC4\xE3\xBA\xC3")?;
    // The warning is looked for once the program has ended: its whole stderr is then
    // known, and a program that never warns fails without a wait.
    operator_ends_with(server, client, |run| warned(run, "GBK", &["gbk"]))
}

/// Expects the program's stderr to name `what` (any of `words`, in any case).
fn warned(run: &super::Finished, what: &str, words: &[&str]) -> Outcome {
    let stderr = run.stderr();
    let lower = stderr.to_lowercase();
    if words.iter().any(|word| lower.contains(word)) {
        return Ok(());
    }
    let found = match stderr.trim() {
        "" => text::nothing(),
        said => said.to_string(),
    };
    Err(run.fail(text::expect_stderr_has(what), found))
}

/// Bytes that are neither UTF-8 nor GBK are shown as `\xNN` with a warning on stderr
/// that names the encoding, and the conversation goes on.
pub fn survives_invalid_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send(b"\xff\xfehello\n")?;
    server.expect_line(r"\xFF\xFEhello")?;
    operator_ends_with(server, client, |run| {
        warned(run, "UTF-8", &["utf-8", "utf8"])
    })
}

/// With `--encoding gbk`, GBK lines are shown as text, and replies typed in GBK (a
/// Chinese Windows console) are read as GBK and sent in GBK.
pub fn speaks_gbk_with_the_flag(program: &Program) -> Outcome {
    let mut server = program.server().args(["--encoding", "gbk"]).start()?;
    let mut client = server.connect()?;
    client.send(b"\xc4\xe3\xba\xc3\n")?;
    shown(&mut server, "你好\n")?;
    server.type_bytes(b"\xba\xc3\xb5\xc4"); // 好的 in GBK
    let reply = client.read_line_bytes()?;
    if reply != b"\xba\xc3\xb5\xc4\n" {
        let expected = text::expect_line_containing(r#""\xBA\xC3\xB5\xC4\n" (好的 in GBK)"#);
        return Err(client.fail(expected, show(&reply)));
    }
    client.send("bye\n")?;
    shown(&mut server, "bye\n")?;
    operator_ends(server, client)?;
    Ok(())
}

/// A reply typed with bytes that are not of the encoding is sent with � in their
/// place; the session goes on.
pub fn survives_invalid_typed_bytes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    shown(&mut server, "hello\n")?;
    server.type_bytes(b"\xffok");
    let reply = client.read_line()?;
    if reply != "\u{FFFD}ok\n" {
        return Err(client.fail(text::expect_reply_line(), show(reply.as_bytes())));
    }
    client.send("bye\n")?;
    shown(&mut server, "bye\n")?;
    operator_ends(server, client)
}

/// A client that closes without a word ends the session cleanly and at once.
pub fn ends_promptly_when_the_client_closes(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("hi\n")?;
    shown(&mut server, "hi\n")?;
    client.read_line()?;
    client.close();
    let closed = Instant::now();
    let run = server.finish_within(PROMPTLY)?;
    if closed.elapsed() > PROMPTLY {
        let found = format!("{:?}", closed.elapsed());
        return Err(run.fail(text::expect_end_within(PROMPTLY), found));
    }
    run.success()?.stderr_empty()?;
    Ok(())
}

/// A client that resets the connection ends the session, exit status 0.
pub fn ends_when_the_client_resets(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("hi\n")?;
    shown(&mut server, "hi\n")?;
    client.read_line()?;
    client.reset()?;
    server.finish()?.success()?.stderr_lacks("panicked")?;
    Ok(())
}

/// The end of the operator's input ends the session and the server.
pub fn ends_when_stdin_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    shown(&mut server, "hello\n")?;
    server.close_stdin();
    client.expect_end_of_stream()?;
    client.close();
    server.finish()?.success()?;
    Ok(())
}

/// A second client that connects while the first is served waits in the backlog; when
/// the server ends, it is told so in a line, then reads end-of-stream: never left
/// hanging, never reset. The server shows the address of the client it told.
pub fn tells_a_waiting_client_when_it_ends(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut first = server.connect()?;
    first.send("hello\n")?;
    shown(&mut server, "hello\n")?;
    first.read_line()?;
    let mut second = server.connect()?;
    let second_addr = second.local_addr();
    second.send("me too\n")?;
    first.send("bye\n")?;
    shown(&mut server, "bye\n")?;
    server.type_line("exit");
    first.expect_end_of_stream()?;
    first.close();
    let notice = second.read_line()?;
    if notice.trim().is_empty() {
        return Err(second.fail(text::expect_notice_line(), show(notice.as_bytes())));
    }
    second.expect_end_of_stream()?;
    second.close();
    let run = server.finish()?;
    run.success()?;
    if !run
        .stdout()
        .lines()
        .any(|line| facts::shows_addr(line, second_addr))
    {
        return Err(run.fail(
            text::expect_client_addr(second_addr),
            text::found_see_output(),
        ));
    }
    run.stdout_lacks("me too")?;
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
    shown(&mut server, "one\n")?;
    first.read_line()?;
    first.close();
    let mut second = server.connect()?;
    steps::expect_client_addr(&mut server, second.local_addr())?;
    second.send("two\n")?;
    shown(&mut server, "two\n")?;
    let reply = second.read_line()?;
    if reply != "second\n" {
        return Err(second.fail(text::expect_reply_line(), show(reply.as_bytes())));
    }
    second.send("three\n")?;
    shown(&mut server, "three\n")?;
    server.close_stdin();
    second.expect_end_of_stream()?;
    second.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// Bytes with no line ending are one message once nothing has followed them for the
/// quiet time (300 ms), with a note on stderr; the line ending that comes late is no
/// empty message. (One write: two would be two messages if this test stalled between
/// them for the quiet time; `lines`' own tests cut a message over reads.)
pub fn takes_bytes_with_no_line_ending_as_one_message(program: &Program) -> Outcome {
    let mut server = start(program, "ok\n")?;
    let mut client = server.connect()?;
    client.send("hello")?;
    shown(&mut server, "hello")?;
    server.expect_stderr_where(text::expect_stderr_has("(no line ending)"), |line| {
        !line.trim().is_empty()
    })?;
    client.read_line()?;
    client.send("\nnext\n")?;
    shown(&mut server, "next\n")?;
    operator_ends(server, client)
}

/// `exit` ends 示例2's session however it arrives: alone (netAssist), after Enter in
/// netAssist's box (`\n`), from telnet (`\r\n`), or with netAssist's 自动发送附加位
/// `0d` (`\r`), with no reply asked for. In 示例1 each is the message `exit`, shown
/// without its ending.
pub fn takes_exit_however_it_ends(program: &Program) -> Outcome {
    for exit in ["exit", "exit\n", "exit\r\n", "exit\r"] {
        // Near misses: a message that contains the word, or starts with it, is a
        // message: it is answered.
        let near = match exit {
            "exit\n" => Some("I will not exit yet\n"),
            "exit\r\n" => Some("exit now\r\n"),
            _ => None,
        };
        let typed = if near.is_some() { "ok\n" } else { "" };
        let mut server = start(program, typed)?;
        let mut client = server.connect()?;
        if let Some(near) = near {
            client.send(near)?;
            let answered = shown(&mut server, near).and_then(|_| client.read_line());
            if answered.is_err() {
                return Err(server.fail(
                    text::expect_still_running(&text::why_only_exit_ends()),
                    text::found_ended_on(&show(near.as_bytes())),
                ));
            }
        }
        client.send(exit)?;
        if client_exit_ends(program) {
            // Nothing is typed and stdin stays open: a server that asks for a reply
            // waits, and the client reads nothing.
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        } else {
            shown(&mut server, "exit")?;
            operator_ends_with(server, client, |run| {
                run.stdout_lacks("exit\r")?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// A client that clicks its last message and leaves at once (netAssist quit right
/// after a click) gets that message shown, and the server ends by itself, with stdin
/// open and nothing typed: it asks for no reply nobody would read. (Its FIN comes
/// within the quiet time, so the server knows it left before the message is complete;
/// a client whose FIN comes after a whole line is asked for a reply, as it could still
/// read one.)
pub fn asks_nothing_after_the_client_left(program: &Program) -> Outcome {
    let mut server = start(program, "")?;
    let mut client = server.connect()?;
    client.send("bye")?;
    client.shutdown_write()?;
    client.expect_end_of_stream()?;
    client.close();
    shown(&mut server, "bye")?;
    if !server.ends_within(PROMPTLY + MARGIN) {
        return Err(server.fail(
            text::expect_end_within(PROMPTLY + MARGIN),
            text::found_still_running(),
        ));
    }
    server.finish()?.success()?;
    Ok(())
}

/// netAssist's defaults, both languages: each click (UTF-8, no line ending) is one
/// message, each reply arrives in one read that is UTF-8 on its own, and the session
/// ends: 示例2 on a clicked `exit`, 示例1 on the operator's; the client reads the end.
pub fn serves_netassist_with_its_defaults(program: &Program) -> Outcome {
    for zh in [false, true] {
        let launch = program.server().typed_ahead("");
        let launch = if zh {
            launch.env("WORKBOOK_LANG", "zh")
        } else {
            launch
        };
        let mut server = launch.start()?;
        let mut assist = NetAssist::connect(&server)?;
        for (message, reply) in [("保持连接", "保持连接"), ("今天不想上课", "明天必须来")]
        {
            assist.click(message)?;
            shown(&mut server, message)?;
            server.type_line(reply);
            assist.receive_until(&format!("{reply}\n"))?;
        }
        if client_exit_ends(program) {
            assist.click("exit")?;
        } else {
            assist.click("好")?;
            shown(&mut server, "好")?;
            server.type_line("exit");
        }
        let rest = assist.receive_to_end()?;
        if !rest.is_empty() {
            return Err(server.fail(text::expect_end_of_stream(), show(rest.as_bytes())));
        }
        assist.quit();
        let run = server.finish()?;
        run.success()?.stdout_lacks("\\x")?;
    }
    Ok(())
}

/// netAssist's 断开 on Linux sends no FIN: the server hears nothing. The operator's
/// `exit` still ends it: the wait for the client's side is bounded (2 s), and the
/// server closes anyway. The bound on a silent client is the operator.
pub fn ends_despite_a_client_that_sends_no_fin(program: &Program) -> Outcome {
    let mut server = start(program, "")?;
    let mut assist = NetAssist::connect(&server)?;
    assist.click("保持连接")?;
    shown(&mut server, "保持连接")?;
    let silent = assist.disconnect_without_fin();
    server.type_line("exit");
    let typed = Instant::now();
    let run = server.finish_within(LINGER + MARGIN)?;
    if typed.elapsed() > LINGER + MARGIN {
        let found = format!("{:?}", typed.elapsed());
        return Err(run.fail(text::expect_end_within(LINGER + MARGIN), found));
    }
    drop(silent);
    run.success()?;
    Ok(())
}

/// After the server's `exit`, a client that trickles a byte every 1.5 s cannot hold it
/// open: the wait for its side is a deadline (2 s), not a timeout that each byte
/// starts again.
pub fn a_trickling_client_cannot_hold_the_close(program: &Program) -> Outcome {
    let mut server = start(program, "")?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    shown(&mut server, "hello\n")?;
    server.type_line("exit");
    let typed = Instant::now();
    // The trickle runs on a thread of its own until the server ends; its pauses are
    // the behaviour under test (a byte every 1.5 s), so they are real time, but each
    // pause also ends at once when the server has ended: the check then waits for no
    // more of the trickle than it needs.
    let (ended, server_ended) = std::sync::mpsc::channel::<()>();
    let trickle = std::thread::spawn(move || {
        for _ in 0..4 {
            if client.send("x").is_err() {
                break;
            }
            client.note(text::did_wait("1.5 s before the next byte"));
            match server_ended.recv_timeout(Duration::from_millis(1500)) {
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                _ => break,
            }
        }
        client
    });
    let run = server.finish_within(LINGER + MARGIN);
    let took = typed.elapsed();
    drop(ended);
    let _ = trickle.join();
    let run = run?;
    if took > LINGER + MARGIN {
        return Err(run.fail(
            text::expect_end_within(LINGER + MARGIN),
            format!("{took:?}"),
        ));
    }
    run.success()?;
    Ok(())
}

/// The lesson's 运行结果 (示例2), as the seed shows it, line for line: the Chinese run
/// with netAssist's clicks prints exactly these lines after `正在监听 …`, once what
/// the operator types is put after each prompt as a terminal echoes it; the
/// addresses aside (Python prints `('127.0.0.1', 2334)`). The English run has the
/// same shape. One last line says how the session ended.
pub fn prints_the_lessons_transcript(program: &Program) -> Outcome {
    // The seed's 运行结果, the client's address written as ours.
    const SEED: [&str; 7] = [
        "接收到客户端连接，连接来自: {peer}",
        "接收到发送来的数据: 保持连接",
        "请输入回复消息: 保持连接",
        "接收到发送来的数据: 今天不想上课",
        "请输入回复消息: 明天必须来",
        "接收到发送来的数据: 封锁，触发会持续",
        "请输入回复消息: OK",
    ];
    const ENGLISH: [&str; 7] = [
        "accepted connection from {peer}",
        "received: 保持连接",
        "type a reply: 保持连接",
        "received: 今天不想上课",
        "type a reply: 明天必须来",
        "received: 封锁，触发会持续",
        "type a reply: OK",
    ];
    let talk = [
        ("保持连接", "保持连接"),
        ("今天不想上课", "明天必须来"),
        ("封锁，触发会持续", "OK"),
    ];
    const PROMPT: &str = "type a reply: ";
    const PROMPT_ZH: &str = "请输入回复消息: ";
    for zh in [true, false] {
        let (expected, prompt, ending) = if zh {
            (SEED, PROMPT_ZH, "客户端发送了 exit：结束会话")
        } else {
            (ENGLISH, PROMPT, "the client sent exit: ending the session")
        };
        let launch = program.server();
        let launch = if zh {
            launch.env("WORKBOOK_LANG", "zh")
        } else {
            launch
        };
        let mut server = launch.start()?;
        let mut assist = NetAssist::connect(&server)?;
        let peer = assist.local_addr();
        for (message, reply) in talk {
            assist.click(message)?;
            server.expect_prompt(prompt)?;
            server.type_line(reply);
            assist.receive_until(&format!("{reply}\n"))?;
        }
        assist.click("exit")?;
        assist.receive_to_end()?;
        assist.quit();
        let run = server.finish()?;
        run.success()?;
        // What a terminal shows: each typed reply after its prompt.
        let mut replies = talk.iter().map(|(_, reply)| *reply);
        let stdout = run.stdout();
        let mut shown = String::new();
        let mut parts = stdout.split(prompt).peekable();
        while let Some(part) = parts.next() {
            shown.push_str(part);
            if parts.peek().is_some() {
                shown.push_str(prompt);
                shown.push_str(replies.next().unwrap_or("?"));
                shown.push('\n');
            }
        }
        let lines: Vec<&str> = shown.lines().collect();
        let mut wanted: Vec<String> = vec![text_listening(zh, server_addr(&lines))];
        wanted.extend(
            expected
                .iter()
                .map(|line| line.replace("{peer}", &peer.to_string())),
        );
        wanted.push(ending.to_string());
        if lines != wanted {
            let expected = text::expect_whole_text(&wanted.join("\n"));
            return Err(run.fail(expected, text::found_text(&lines.join("\n"))));
        }
    }
    Ok(())
}

/// The readiness line as the run printed it (its address is the run's).
fn text_listening(zh: bool, addr: &str) -> String {
    if zh {
        format!("正在监听 {addr}")
    } else {
        format!("listening on {addr}")
    }
}

/// The address at the end of the first line.
fn server_addr<'a>(lines: &[&'a str]) -> &'a str {
    lines
        .first()
        .and_then(|line| line.rsplit(' ').next())
        .unwrap_or("")
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
    let run = server.finish()?;
    run.success()?.stderr_empty()?;
    if !run
        .stdout()
        .lines()
        .any(|line| facts::shows_message(line, b"hello"))
    {
        return Err(run.fail(
            text::expect_message_shown("\"hello\""),
            text::found_see_output(),
        ));
    }
    Ok(())
}
