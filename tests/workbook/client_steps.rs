//! The client steps and UDP, process to process: each client against each of the
//! lesson's servers (示例2, steps 5 to 7), in both languages; through the faults a client
//! meets (nothing listening, a server that never answers, one that closes at once, a
//! reset, a reply longer than 1024 bytes); against a server no one here wrote, the
//! lesson's own Python 示例2 run by python3; and the textbook's question, the client
//! started before the server, for TCP. (The scripted server's faults, replies in pieces
//! and together, are the table's checks: `cargo test --test lessons client`.)

use std::net::{SocketAddr, TcpListener};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::check::scripted::{Listener, Unanswering, WAIT};
use crate::check::{Finished, Outcome, Server, free_addr};
use crate::support::program;

/// A client step against `server`, `--timeout 1`, with `typed` on its stdin.
fn client(step: &str, server: SocketAddr, typed: &str, zh: bool) -> Outcome<Server> {
    let program = program(step);
    let mut launch = program
        .launch()
        .arg(server.to_string())
        .args(["--timeout", "1"])
        .typed_ahead(typed);
    if zh {
        launch = launch.env("WORKBOOK_LANG", "zh");
    }
    launch.begin()
}

/// One of the lesson's servers on a port of its own, with replies typed ahead.
fn lesson_server(name: &str, zh: bool) -> Outcome<Server> {
    let program = program(name);
    let mut launch = program.server().typed_ahead("好的\nok\nok\n");
    if zh {
        launch = launch.env("WORKBOOK_LANG", "zh");
    }
    launch.start()
}

#[track_caller]
fn code(run: &Finished, code: i32) {
    assert_eq!(
        run.status.code(),
        Some(code),
        "{}\n{}",
        run.stdout(),
        run.stderr()
    );
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
}

/// Client step 1 connects to each server, which sees it come and go; both end with 0.
#[test]
fn client1_connects_to_each_lesson_server() -> Outcome {
    for (name, zh) in [
        ("step5_recv", false),
        ("step6_send", true),
        ("step7_close", false),
        ("example2_server", true),
    ] {
        let mut server = lesson_server(name, zh)?;
        let mut client = client("client1_connect", server.addr, "", zh)?;
        client.close_stdin();
        let run = client.finish()?;
        code(&run, 0);
        assert!(
            run.stdout().contains(&server.addr.to_string()),
            "{}",
            run.stdout()
        );
        server.close_stdin();
        server.finish()?.success()?;
    }
    Ok(())
}

/// Client step 2 sends to step 5 what is typed, one message at a time; `exit` ends
/// step 5's session, and the end of input ends the client.
#[test]
fn client2_sends_to_step5_and_exit_ends_it() -> Outcome {
    for zh in [false, true] {
        let mut server = lesson_server("step5_recv", zh)?;
        let mut client = client("client2_send", server.addr, "你好\n", zh)?;
        server.expect_line("\"你好\"")?;
        client.type_line("exit");
        server.expect_line("\"exit\"")?;
        client.close_stdin();
        code(&client.finish()?, 0);
        server.finish()?.success()?;
    }
    Ok(())
}

/// Client steps 3 and 4 talk with each server that replies (示例2, steps 6 and 7): the
/// reply typed at the server is printed by the client; `exit` ends both with 0.
#[test]
fn clients3_and_4_talk_with_each_replying_server() -> Outcome {
    for step in ["client3_recv", "client4_close"] {
        for (name, zh) in [
            ("step6_send", false),
            ("step7_close", true),
            ("example2_server", false),
            ("example2_server", true),
        ] {
            let server = lesson_server(name, zh)?;
            let mut client = client(step, server.addr, "hello\n", zh)?;
            client.expect_line("好的")?;
            client.type_line("exit");
            client.close_stdin();
            let run = client.finish()?;
            code(&run, 0);
            server.finish()?.success()?;
        }
    }
    Ok(())
}

/// Step 5 never replies: client step 3 gives up at its deadline with exit status 1,
/// and its hint names client2_send, step 5's client.
#[test]
fn client3_against_step5_says_that_step5_does_not_reply() -> Outcome {
    let server = lesson_server("step5_recv", false)?;
    let mut client = client("client3_recv", server.addr, "hello\n", false)?;
    client.close_stdin();
    let run = client.finish()?;
    code(&run, 1);
    assert!(
        run.stderr().contains("no reply within 1 s"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("client2_send"), "{}", run.stderr());
    Ok(())
}

/// Nothing listening: each client step exits 1 with the address and the command that
/// starts a server, in English and in Chinese.
#[test]
fn every_client_step_explains_nothing_listening() -> Outcome {
    let addr = free_addr();
    for step in [
        "client1_connect",
        "client2_send",
        "client3_recv",
        "client4_close",
    ] {
        for (zh, hint) in [
            (false, "cargo run --example"),
            (true, "请先在这个地址上启动服务端"),
        ] {
            let mut client = client(step, addr, "", zh)?;
            client.close_stdin();
            let run = client.finish()?;
            code(&run, 1);
            let stderr = run.stderr();
            assert!(stderr.contains(&format!("`{addr}`")), "{step}: {stderr}");
            assert!(stderr.contains(hint), "{step}: {stderr}");
        }
    }
    Ok(())
}

/// A server that never answers the handshake: the client gives up at its deadline
/// (`--timeout 1`), says so, and exits 1.
#[test]
fn a_connect_nobody_answers_ends_at_the_deadline() -> Outcome {
    let server = Unanswering::new()?;
    let started = std::time::Instant::now();
    let mut client = client("client4_close", server.addr, "", false)?;
    client.close_stdin();
    let run = client.finish()?;
    code(&run, 1);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(
        run.stderr().contains("no answer within 1 s"),
        "{}",
        run.stderr()
    );
    Ok(())
}

/// A server that accepts and closes at once: client step 3's first read returns 0, and
/// it says the server closed, exit 0; step 4 closes in order, exit 0.
#[test]
fn a_server_that_closes_at_once_is_an_end_of_stream() -> Outcome {
    for step in ["client3_recv", "client4_close"] {
        let listener = Listener::new()?;
        let mut client = client(step, listener.addr, "", false)?;
        let conn = listener.accept(&mut client)?;
        drop(conn);
        // Typed once the server has closed: had `hi` arrived before the close, unread,
        // the close would have been a reset (see `a_reset_is_explained`).
        client.type_line("hi");
        client.close_stdin();
        let run = client.finish()?;
        code(&run, 0);
        assert!(run.stdout().contains("closed"), "{step}: {}", run.stdout());
    }
    Ok(())
}

/// A server that resets the connection: the client says so with the address and a
/// hint, exit 1, no panic.
#[test]
fn a_reset_is_explained() -> Outcome {
    let listener = Listener::new()?;
    let mut client = client("client3_recv", listener.addr, "hi\n", false)?;
    client.close_stdin();
    let mut conn = listener.accept(&mut client)?;
    let _ = conn.message(WAIT);
    conn.reset();
    let run = client.finish()?;
    code(&run, 1);
    let stderr = run.stderr();
    assert!(stderr.contains(&listener.addr.to_string()), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    Ok(())
}

/// A reply of 2000 bytes: client step 3 reads 1024 of it (one recv(1024)), and the rest
/// with the next message; client step 4 reads it all by the end.
#[test]
fn a_reply_longer_than_1024_bytes_takes_two_reads() -> Outcome {
    for (step, typed) in [("client3_recv", "a\nb\n"), ("client4_close", "a\n")] {
        let listener = Listener::new()?;
        let mut client = client(step, listener.addr, typed, false)?;
        client.close_stdin();
        let mut conn = listener.accept(&mut client)?;
        let _ = conn.message(WAIT);
        conn.send(&[b'~'; 2000]);
        let _ = conn.rest(WAIT);
        drop(conn);
        let run = client.finish()?;
        code(&run, 0);
        let stdout = run.stdout();
        assert_eq!(stdout.matches('~').count(), 2000, "{step}: {stdout}");
        assert!(stdout.contains("(recv returned 1024)") || step == "client4_close");
    }
    Ok(())
}

/// The textbook question, for TCP: a client started before its server is refused at
/// once; started again once the server listens, it connects.
#[test]
fn a_tcp_client_started_before_its_server_is_refused() -> Outcome {
    let addr = free_addr();
    let mut early = client("client1_connect", addr, "", false)?;
    early.close_stdin();
    let run = early.finish()?;
    code(&run, 1);
    assert!(run.stderr().contains("nothing listens"), "{}", run.stderr());
    let program = program("step4_accept");
    let mut server = program.launch().arg(addr.to_string()).start()?;
    let mut late = client("client1_connect", server.addr, "", false)?;
    late.close_stdin();
    code(&late.finish()?, 0);
    server.expect_line("accepted connection from")?;
    Ok(())
}

/// The lesson's own 示例2, in Python (its port from the command line, its readiness
/// line added), started by python3: client step 4 talks to it, and its `exit` ends the
/// Python server, which compares `data == 'exit'` exactly. Skipped, with a message,
/// where python3 is missing.
#[test]
fn client4_talks_with_the_lessons_python_server() -> Outcome {
    const PYTHON: &str = r#"
import socket, sys
socket_server = socket.socket()
socket_server.bind(("localhost", int(sys.argv[1])))
socket_server.listen(1)
print("listening on 127.0.0.1:%d" % socket_server.getsockname()[1], flush=True)
conn, address = socket_server.accept()
print(f"接收到客户端连接，连接来自: {address}", flush=True)
while True:
    data = conn.recv(1024).decode("UTF-8")
    if data == 'exit':
        break
    print("接收到发送来的数据: ", data, flush=True)
    reply = input("请输入回复消息: ").encode("UTF-8")
    conn.send(reply)
conn.close()
socket_server.close()
"#;
    if Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        eprintln!("skipped: python3 is not installed");
        return Ok(());
    }
    // A free port for Python to bind (it takes no port 0 here, as the lesson's code).
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .unwrap_or(0);
    let python = crate::check::Program::with_command(
        "python",
        vec!["python3".into(), "-u".into(), "-c".into(), PYTHON.into()],
    );
    let mut server = python
        .launch()
        .arg(port.to_string())
        .typed_ahead("明天必须来\n")
        .start()?;
    let mut client = client("client4_close", server.addr, "今天不想上课\n", true)?;
    client.expect_line("明天必须来")?;
    server.expect_line("今天不想上课")?;
    client.type_line("exit");
    client.close_stdin();
    let run = client.finish()?;
    code(&run, 0);
    assert!(
        run.stdout().contains("服务端也关闭了它那一端"),
        "{}",
        run.stdout()
    );
    server.finish()?.success()?;
    Ok(())
}

/// The UDP pair, process to process, in Chinese: the client's line reaches the server,
/// the reply typed there comes back, and the client's `exit` ends the server.
#[test]
fn udp_client_and_server_talk() -> Outcome {
    let program = program("udp_server");
    let mut server = program
        .any_port()
        .env("WORKBOOK_LANG", "zh")
        .typed_ahead("收到\n")
        .start()?;
    let mut client = client("udp_client", server.addr, "你好\n", true)?;
    server.expect_line("你好")?;
    client.expect_line("收到")?;
    client.type_line("exit");
    client.close_stdin();
    code(&client.finish()?, 0);
    server.finish()?.success()?;
    Ok(())
}

/// The UDP pitfalls show what they teach: a datagram cut to 1024 bytes, and whole with
/// the fix; no error on an unconnected socket, ConnectionRefused on a connected one
/// (Linux; Windows reports ConnectionReset for both).
#[test]
fn the_udp_pitfalls_show_the_cut_and_the_icmp() {
    let run = |name: &str, fixed: bool| {
        let mut command = program(name).command();
        if fixed {
            command.arg("--fixed");
        }
        let output = command.output().expect("the pitfall runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let cut = run("pitfall_udp_truncate", false);
    let whole = run("pitfall_udp_truncate", true);
    if cfg!(windows) {
        assert!(cut.contains("WSAEMSGSIZE"), "{cut}");
    } else {
        assert!(cut.contains("returned 1024 bytes"), "{cut}");
    }
    assert!(whole.contains("returned 2000 bytes"), "{whole}");
    let quiet = run("pitfall_udp_refused", false);
    let refused = run("pitfall_udp_refused", true);
    if cfg!(target_os = "linux") {
        assert!(quiet.contains("no error"), "{quiet}");
        assert!(refused.contains("ConnectionRefused"), "{refused}");
    }
}

/// `--help` of each new program speaks its lesson, in both languages; a bad address
/// is exit status 2.
#[test]
fn the_new_programs_have_help_and_refuse_bad_addresses() -> Outcome {
    for name in [
        "client1_connect",
        "client4_close",
        "udp_server",
        "udp_client",
    ] {
        let mut command = program(name).command();
        let output = command
            .arg("--help")
            .output()
            .map_err(|error| crate::check::Failure::new("--help".into(), error.to_string()))?;
        assert!(output.status.success());
        let help = String::from_utf8_lossy(&output.stdout);
        let lesson = socket_workbook::lessons::by_name(name).map(|lesson| lesson.teaches.en);
        assert!(
            lesson.is_some_and(|teaches| help.contains(teaches)),
            "{help}"
        );
        let mut command = program(name).command();
        let output = command.arg("8888").output().map_err(|error| {
            crate::check::Failure::new("a bad address".into(), error.to_string())
        })?;
        assert_eq!(output.status.code(), Some(2), "{name}");
    }
    Ok(())
}
