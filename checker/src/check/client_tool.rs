//! What the workbook's own client (`examples/client.rs`, in place of netAssist) must
//! do, against small servers written here: one that echoes, one that replies slowly,
//! one that closes at once, one that never answers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use socket2::{Domain, Socket, Type};

use super::harness::{DEADLINE, Failure, Finished, Outcome, Program};

/// A server on a free port that serves one connection with `serve`, on a thread of its
/// own; the thread ends with the connection, or after the deadline if none comes.
fn server(serve: impl FnOnce(TcpStream) + Send + 'static) -> Outcome<SocketAddr> {
    let failed = |error: std::io::Error| {
        Failure::new("a test server on 127.0.0.1:0".into(), error.to_string())
    };
    let listener = TcpListener::bind("127.0.0.1:0").map_err(failed)?;
    let addr = listener.local_addr().map_err(failed)?;
    thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            if stream.set_read_timeout(Some(DEADLINE)).is_ok() {
                serve(stream);
            }
        }
    });
    Ok(addr)
}

/// Echoes each line back until the client closes its side, then closes.
fn echo(stream: TcpStream) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    for line in BufReader::new(stream).split(b'\n') {
        let Ok(mut line) = line else { break };
        line.push(b'\n');
        if writer.write_all(&line).is_err() {
            break;
        }
    }
}

/// Expects the run's stdout to be exactly `wanted`.
fn stdout_is(run: &Finished, wanted: &str) -> Outcome {
    let stdout = run.stdout();
    if stdout == wanted {
        Ok(())
    } else {
        Err(run.fail(format!("stdout {wanted:?}"), format!("{stdout:?}")))
    }
}

/// What the test server received, within the deadline.
fn received(run: &Finished, got: &mpsc::Receiver<Vec<u8>>) -> Outcome<Vec<u8>> {
    got.recv_timeout(DEADLINE)
        .map_err(|_| run.fail("the bytes the server received".into(), "nothing".into()))
}

/// The scripted client waits for a reply that comes late, and for the end.
pub fn waits_for_a_slow_reply(program: &Program) -> Outcome {
    let addr = server(|mut stream| {
        let mut line = String::new();
        if BufReader::new(&stream).read_line(&mut line).is_err() {
            return;
        }
        // This server is slow on purpose: the reply comes after the client waited.
        thread::sleep(Duration::from_millis(300));
        let _ = stream.write_all(b"slow hello\n");
        let _ = stream.read_to_end(&mut Vec::new());
    })?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .args([
            "--send",
            "hello",
            "--expect",
            "slow hello",
            "--close",
            "--expect-eof",
        ])
        .run()?;
    run.success()?
        .stderr_has("all 2 expectations held")?
        .stderr_has("sent 6 bytes, received 11 bytes")?;
    stdout_is(&run, "slow hello\n")
}

/// A server that closes at once fails the expectation with the reason, exit status 1.
pub fn reports_a_server_that_closes_at_once(program: &Program) -> Outcome {
    let addr = server(drop)?;
    program
        .launch()
        .args([addr.to_string().as_str(), "--expect", "welcome"])
        .run()?
        .code(1)?
        .stderr_has("expectation 1 of 1 did not hold: the server closed the connection before sending `welcome`")?;
    Ok(())
}

/// A server that never answers: the timeout fires and names the expectation.
pub fn times_out_on_a_silent_server(program: &Program) -> Outcome {
    let (done, wait) = mpsc::channel::<()>();
    let addr = server(move |stream| {
        // Keep the connection open, silent, until the check is over.
        let _ = wait.recv_timeout(DEADLINE);
        drop(stream);
    })?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .args(["--send", "hi", "--expect", "never", "--timeout", "1"])
        .run();
    drop(done);
    run?.code(1)?.stderr_has(
        "expectation 1 of 1 did not hold: no reply containing `never` within 1s; received since the last expectation: \"\"",
    )?;
    Ok(())
}

/// Nothing listening: one message that says so and names the command that starts a
/// server.
pub fn explains_connection_refused(program: &Program) -> Outcome {
    // Bound but not listening: a connection is refused, and nothing else can take the
    // port meanwhile.
    let held = Socket::new(Domain::IPV4, Type::STREAM, None)
        .and_then(|holder| {
            holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into())?;
            let addr = holder.local_addr()?;
            Ok((holder, addr.as_socket()))
        })
        .map_err(|error| Failure::new("a bound socket".into(), error.to_string()))?;
    let (_holder, Some(addr)) = held else {
        return Err(Failure::new("an IPv4 address".into(), String::new()));
    };
    program
        .launch()
        .arg(addr.to_string())
        .run()?
        .code(1)?
        .stderr_has(&format!("could not connect to `{addr}`"))?
        .stderr_has(&format!("hint: nothing listens at `{addr}`"))?
        .stderr_has(&format!("cargo run --example example2_server -- {addr}"))?;
    Ok(())
}

/// Interactive: each typed line is sent, replies are printed, `exit` is sent and ends
/// the client, and the byte counts are told.
pub fn sends_typed_lines_and_prints_replies(program: &Program) -> Outcome {
    let addr = server(echo)?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .typed_ahead("hello\n你好\nexit\n")
        .run()?;
    run.success()?
        .stderr_has("sent 18 bytes, received 18 bytes")?;
    stdout_is(&run, "hello\n你好\nexit\n")
}

/// What the server sends is printed as it arrives, while the client still waits for
/// you to type (stdin open, nothing typed).
pub fn prints_replies_as_they_arrive(program: &Program) -> Outcome {
    let (done, wait) = mpsc::channel::<()>();
    let addr = server(move |mut stream| {
        let _ = stream.write_all(b"welcome\n");
        let _ = wait.recv_timeout(DEADLINE);
    })?;
    let mut running = program.launch().arg(addr.to_string()).spawn()?;
    let seen = running.expect_line("welcome");
    drop(done);
    seen?;
    Ok(())
}

/// Ctrl+D closes the sending side, and the client waits for the server's last words.
pub fn waits_for_the_server_after_the_end_of_input(program: &Program) -> Outcome {
    let addr = server(|mut stream| {
        let mut all = Vec::new();
        if stream.read_to_end(&mut all).is_ok() {
            let _ = stream.write_all(b"you said: ");
            let _ = stream.write_all(&all);
        }
    })?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .typed_ahead("one\ntwo\n")
        .run()?;
    run.success()?
        .stderr_has("the server closed the connection")?;
    stdout_is(&run, "you said: one\ntwo\n")
}

/// `--hex` sends hex as bytes and shows what arrives as hex; `--timestamps` stamps it.
pub fn speaks_hex_with_timestamps(program: &Program) -> Outcome {
    let addr = server(echo)?;
    program
        .launch()
        .arg(addr.to_string())
        .args(["--hex", "--suffix", "none", "--timestamps"])
        .args(["--send", "68 69 0a", "--expect", "hi"])
        .run()?
        .success()?
        .stdout_has("[+")?
        .stdout_has("s] 68 69 0A")?;
    Ok(())
}

/// `--suffix crlf` and `--encoding gbk` shape the bytes on the wire.
pub fn shapes_the_bytes_by_suffix_and_encoding(program: &Program) -> Outcome {
    let (got_tx, got) = mpsc::channel();
    let addr = server(move |mut stream| {
        let mut all = Vec::new();
        let _ = stream.read_to_end(&mut all);
        let _ = got_tx.send(all);
    })?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .args(["--suffix", "crlf", "--encoding", "gbk"])
        .args(["--send", "你好", "--close", "--expect-eof"])
        .run()?;
    run.success()?;
    let bytes = received(&run, &got)?;
    if bytes != b"\xc4\xe3\xba\xc3\r\n" {
        return Err(run.fail(r#""\xC4\xE3\xBA\xC3\r\n""#.into(), format!("{bytes:X?}")));
    }
    Ok(())
}

/// Hex that is not hex is a bad argument: exit status 2, before connecting.
pub fn refuses_bad_hex(program: &Program) -> Outcome {
    program
        .launch()
        .args(["127.0.0.1:9", "--hex", "--send", "zz"])
        .run()?
        .code(2)?
        .stderr_has("`zz` is not hex bytes")?;
    Ok(())
}

/// Three `--send`s in a row are three messages to step 5, which reads once per
/// message: the gap between them (`--gap`, 500 ms) lets each arrive on its own, and
/// `exit` ends the session.
pub fn sends_in_a_row_are_separate_messages_to_step5(program: &Program) -> Outcome {
    let server = program.other("step5_recv")?.start()?;
    program
        .launch()
        .arg(server.addr.to_string())
        .args(["--send", "hello", "--send", "你好", "--send", "exit"])
        .arg("--expect-eof")
        .run()?
        .success()?;
    server
        .finish()?
        .success()?
        .stdout_has(r#"received 6 bytes: "hello\n""#)?
        .stdout_has(r#"received 7 bytes: "你好\n""#)?
        .stdout_has("the client sent exit: ending the session")?;
    Ok(())
}

/// `--like-netassist` sends exactly the text, no line ending, and shows each read on a
/// line of its own (netAssist's 自动换行显示: a reply ending in `\n` is followed by a
/// blank line).
pub fn like_netassist_sends_the_bare_text_and_shows_each_read(program: &Program) -> Outcome {
    let (got_tx, got) = mpsc::channel();
    let addr = server(move |mut stream| {
        let mut buffer = [0u8; 1024];
        let Ok(n) = super::harness::again_if_interrupted(|| stream.read(&mut buffer)) else {
            return;
        };
        let _ = got_tx.send(buffer[..n].to_vec());
        let _ = stream.write_all("好的\n".as_bytes());
        let _ = stream.read_to_end(&mut Vec::new());
    })?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .args(["--like-netassist", "--send", "保持连接", "--expect", "好的"])
        .run()?;
    run.success()?;
    stdout_is(&run, "好的\n\n")?;
    let bytes = received(&run, &got)?;
    if bytes != "保持连接".as_bytes() {
        let found = String::from_utf8_lossy(&bytes).into_owned();
        return Err(run.fail("the bare text `保持连接`".into(), format!("{found:?}")));
    }
    Ok(())
}

/// A read that is not UTF-8 on its own (a character cut by the read) is what
/// netAssist's 解码错误 box reports: `--like-netassist` says so on stderr.
pub fn like_netassist_reports_a_read_that_is_not_utf8(program: &Program) -> Outcome {
    let addr = server(|mut stream| {
        let _ = stream.write_all(&"中".as_bytes()[..2]);
        let _ = stream.flush();
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let _ = stream.read_to_end(&mut Vec::new());
    })?;
    program
        .launch()
        .arg(addr.to_string())
        .args(["--like-netassist", "--expect-eof"])
        .run()?
        .success()?
        .stderr_has("decode error (netAssist's 解码错误)")?
        .stderr_has("E4 B8")?;
    Ok(())
}

/// `--like-netassist` has no encoding and no suffix to choose: asking for one is a
/// bad argument.
pub fn like_netassist_takes_no_suffix(program: &Program) -> Outcome {
    program
        .launch()
        .args(["127.0.0.1:1", "--like-netassist", "--suffix", "crlf"])
        .run()?
        .code(2)?;
    Ok(())
}
