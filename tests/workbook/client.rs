//! The workbook's client, against small servers written here: one that echoes, one that
//! replies slowly, one that closes at once, one that never answers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use predicates::prelude::*;
use predicates::str::contains;
use socket2::{Domain, Socket, Type};

use crate::check::DEADLINE;
use crate::support::run;

/// A server on a free port that serves one connection with `serve`.
fn server(serve: impl FnOnce(TcpStream) + Send + 'static) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            stream.set_read_timeout(Some(DEADLINE)).unwrap();
            serve(stream);
        }
    });
    addr
}

/// Echoes each line back until the client closes its side, then closes.
fn echo(stream: TcpStream) {
    let mut writer = stream.try_clone().unwrap();
    for line in BufReader::new(stream).split(b'\n') {
        let Ok(mut line) = line else { break };
        line.push(b'\n');
        if writer.write_all(&line).is_err() {
            break;
        }
    }
}

/// The scripted client waits for a reply that comes late, and for the end.
#[test]
fn scripted_client_waits_for_a_slow_reply() {
    let addr = server(|mut stream| {
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line).unwrap();
        // This server is slow on purpose: the reply comes after the client waited.
        thread::sleep(Duration::from_millis(300));
        stream.write_all(b"slow hello\n").unwrap();
        let _ = stream.read_to_end(&mut Vec::new());
    });
    run("client")
        .args([
            &addr.to_string(),
            "--send",
            "hello",
            "--expect",
            "slow hello",
        ])
        .args(["--close", "--expect-eof"])
        .assert()
        .success()
        .stdout("slow hello\n")
        .stderr(
            contains("all 2 expectations held").and(contains("sent 6 bytes, received 11 bytes")),
        );
}

/// A server that closes at once fails the expectation with the reason, exit status 1.
#[test]
fn scripted_client_reports_a_server_that_closes_at_once() {
    let addr = server(drop);
    run("client")
        .args([&addr.to_string(), "--expect", "welcome"])
        .assert()
        .code(1)
        .stderr(contains(
            "expectation 1 of 1 did not hold: the server closed the connection before sending `welcome`",
        ));
}

/// A server that never answers: the timeout fires and names the expectation.
#[test]
fn scripted_client_times_out_on_a_silent_server() {
    let (done, wait) = mpsc::channel::<()>();
    let addr = server(move |stream| {
        // Keep the connection open, silent, until the test is over.
        let _ = wait.recv_timeout(DEADLINE);
        drop(stream);
    });
    run("client")
        .args([&addr.to_string(), "--send", "hi", "--expect", "never", "--timeout", "1"])
        .assert()
        .code(1)
        .stderr(contains(
            "expectation 1 of 1 did not hold: no reply containing `never` within 1s; received since the last expectation: \"\"",
        ));
    drop(done);
}

/// Nothing listening: one message that says so and names the command that starts a
/// server.
#[test]
fn client_explains_connection_refused() {
    // Bound but not listening: a connection is refused, and no other test can take the
    // port meanwhile.
    let holder = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    holder
        .bind(&"127.0.0.1:0".parse::<SocketAddr>().unwrap().into())
        .unwrap();
    let addr = holder.local_addr().unwrap().as_socket().unwrap();
    run("client")
        .arg(addr.to_string())
        .assert()
        .code(1)
        .stderr(contains(format!("could not connect to `{addr}`")))
        .stderr(contains(format!("hint: nothing listens at `{addr}`")))
        .stderr(contains(format!(
            "cargo run --example example2_server -- {addr}"
        )));
}

/// Interactive: each typed line is sent, replies are printed, `exit` is sent and ends
/// the client, and the byte counts are told.
#[test]
fn interactive_client_sends_lines_and_prints_replies() {
    let addr = server(echo);
    run("client")
        .arg(addr.to_string())
        .write_stdin("hello\n你好\nexit\n")
        .assert()
        .success()
        .stdout("hello\n你好\nexit\n")
        .stderr(contains("sent 18 bytes, received 18 bytes"));
}

/// What the server sends is printed as it arrives, while the client still waits for
/// you to type (stdin open, nothing typed).
#[test]
fn interactive_client_prints_replies_as_they_arrive() -> crate::check::Outcome {
    let (done, wait) = mpsc::channel::<()>();
    let addr = server(move |mut stream| {
        stream.write_all(b"welcome\n").unwrap();
        let _ = wait.recv_timeout(DEADLINE);
    });
    let client = crate::support::program("client");
    let mut running = client.launch().arg(addr.to_string()).spawn()?;
    running.expect_line("welcome")?;
    drop(done);
    Ok(())
}

/// Ctrl+D closes the sending side, and the client waits for the server's last words.
#[test]
fn interactive_client_waits_for_the_server_after_the_end_of_input() {
    let addr = server(|mut stream| {
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        stream.write_all(b"you said: ").unwrap();
        stream.write_all(&all).unwrap();
    });
    run("client")
        .arg(addr.to_string())
        .write_stdin("one\ntwo\n")
        .assert()
        .success()
        .stdout("you said: one\ntwo\n")
        .stderr(contains("the server closed the connection"));
}

/// `--hex` sends hex as bytes and shows what arrives as hex; `--timestamps` stamps it.
#[test]
fn hex_and_timestamps() {
    let addr = server(echo);
    run("client")
        .args([
            &addr.to_string(),
            "--hex",
            "--suffix",
            "none",
            "--timestamps",
        ])
        .args(["--send", "68 69 0a", "--expect", "hi"])
        .assert()
        .success()
        .stdout(contains("[+").and(contains("s] 68 69 0A")));
}

/// `--suffix crlf` and `--encoding gbk` shape the bytes on the wire.
#[test]
fn suffix_and_encoding_shape_the_bytes_sent() {
    let (got, bytes) = mpsc::channel();
    let addr = server(move |mut stream| {
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        got.send(all).unwrap();
    });
    run("client")
        .args([&addr.to_string(), "--suffix", "crlf", "--encoding", "gbk"])
        .args(["--send", "你好", "--close", "--expect-eof"])
        .assert()
        .success();
    let bytes = bytes.recv_timeout(DEADLINE).unwrap();
    assert_eq!(bytes, b"\xc4\xe3\xba\xc3\r\n");
}

/// Hex that is not hex is a bad argument: exit status 2, before connecting.
#[test]
fn bad_hex_is_a_bad_argument() {
    run("client")
        .args(["127.0.0.1:9", "--hex", "--send", "zz"])
        .assert()
        .code(2)
        .stderr(contains("`zz` is not hex bytes"));
}

/// Three `--send`s in a row are three messages to step 5, which reads once per
/// message: the gap between them (`--gap`, 500 ms) lets each arrive on its own, and
/// `exit` ends the session.
#[test]
fn sends_in_a_row_are_separate_messages_to_step5() -> crate::check::Outcome {
    let server = crate::support::program("step5_recv").start()?;
    let addr = server.addr.to_string();
    run("client")
        .args([&addr, "--send", "hello", "--send", "你好", "--send", "exit"])
        .args(["--expect-eof"])
        .assert()
        .success();
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
#[test]
fn like_netassist_sends_the_bare_text_and_shows_each_read() {
    let (got_tx, got) = mpsc::channel();
    let addr = server(move |mut stream| {
        let mut buffer = [0u8; 1024];
        let n = stream.read(&mut buffer).unwrap();
        got_tx.send(buffer[..n].to_vec()).unwrap();
        stream.write_all("好的\n".as_bytes()).unwrap();
        let _ = stream.read_to_end(&mut Vec::new());
    });
    run("client")
        .args([&addr.to_string(), "--like-netassist", "--send", "保持连接"])
        .args(["--expect", "好的"])
        .assert()
        .success()
        .stdout("好的\n\n");
    assert_eq!(got.recv_timeout(DEADLINE).unwrap(), "保持连接".as_bytes());
}

/// A read that is not UTF-8 on its own (a character cut by the read) is what
/// netAssist's 解码错误 box reports: `--like-netassist` says so on stderr.
#[test]
fn like_netassist_reports_a_read_that_is_not_utf8() {
    let addr = server(|mut stream| {
        stream.write_all(&"中".as_bytes()[..2]).unwrap();
        stream.flush().unwrap();
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let _ = stream.read_to_end(&mut Vec::new());
    });
    run("client")
        .args([&addr.to_string(), "--like-netassist", "--expect-eof"])
        .assert()
        .success()
        .stderr(contains("decode error (netAssist's 解码错误)"))
        .stderr(contains("E4 B8"));
}

/// `--like-netassist` has no encoding and no suffix to choose: asking for one is a
/// bad argument.
#[test]
fn like_netassist_takes_no_suffix() {
    run("client")
        .args(["127.0.0.1:1", "--like-netassist", "--suffix", "crlf"])
        .assert()
        .code(2);
}
