//! What the concurrency ladder must do: steps 8 to 11 (line echo servers), each driven
//! by many clients at once, and loadgen against them. No check here measures speed or
//! memory (the benchmark does, `examples/bench.rs`), and none judges a time: each
//! waits for what the server says or sends, within the harness's deadline (only a
//! trickling client sleeps between its bytes: being slow is its attack).
//!
//! Steps 10 and 11 need an optional feature to build (`nonblocking`, `async`), and
//! loadgen `loadgen`: `cargo test --all-features` runs their checks. The chat server's
//! are in [`super::chat`].

use super::harness::{Client, Outcome, Program, in_parallel};

/// The lines client `index` sends: ASCII, then Chinese, then Chinese cut by a write.
fn lines_of(index: usize) -> [String; 3] {
    [
        format!("client {index} says hello\n"),
        format!("你好，我是 {index} 号\n"),
        format!("第三行 {index}\n"),
    ]
}

/// Expects `got` to be exactly `wanted`, as `client` read it.
pub(super) fn expect_read(client: &Client, got: String, wanted: &str) -> Outcome {
    if got == wanted {
        Ok(())
    } else {
        Err(client.fail(format!("{wanted:?}"), format!("{got:?}")))
    }
}

/// Expects the next line `client` reads to be `wanted`.
pub(super) fn expect_reply(client: &mut Client, wanted: &str) -> Outcome {
    let got = client.read_line()?;
    expect_read(client, got, wanted)
}

/// The three lines of client `index`, sent in writes that cut a character, and each
/// read back exactly; then `exit` and the end of the stream.
fn echo_session(index: usize, mut client: Client) -> Outcome<()> {
    let [first, second, third] = lines_of(index);
    client.send(&first)?;
    expect_reply(&mut client, &first)?;
    let both = format!("{second}{third}");
    let bytes = both.as_bytes();
    // The cut falls inside the first Chinese character: the server must join the reads.
    client.send(&bytes[..1])?;
    client.send(&bytes[1..])?;
    expect_reply(&mut client, &second)?;
    expect_reply(&mut client, &third)?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    Ok(())
}

// Steps 8 to 11: the echo servers.

/// Many clients connected at once (50 threads' worth for steps 8 and 9, 200 for the
/// events and tasks of 10 and 11) each get exactly their own lines back, and the
/// server prints each client's address and each line, decoded.
pub fn serves_many_clients_at_once(program: &Program) -> Outcome {
    // The threads of steps 8 and 9 cost more than the events and tasks of 10 and 11.
    let clients = match program.lesson() {
        "step8_threads" | "step9_pool" => 50,
        _ => 200,
    };
    let server = program.start()?;
    let connected = server.connect_many(clients)?;
    let addrs: Vec<_> = connected.iter().map(Client::local_addr).collect();
    in_parallel(connected, echo_session)?;
    let run = server.finish()?;
    run.success()?;
    for (index, addr) in addrs.iter().enumerate() {
        run.stdout_has(&format!("accepted connection from {addr}\n"))?
            .stdout_has(&format!(
                "received from {addr}: client {index} says hello\n"
            ))?
            .stdout_has(&format!("received from {addr}: 你好，我是 {index} 号\n"))?;
    }
    run.stdout_has("Enter pressed or stdin closed: stopping the server")?
        .stderr_empty()?;
    Ok(())
}

/// One client's `exit` ends its session only: another, connected before and after,
/// is served on.
pub fn exit_from_one_leaves_the_others_served(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut leaving = server.connect()?;
    let mut staying = server.connect()?;
    leaving.send("bye soon\n")?;
    expect_reply(&mut leaving, "bye soon\n")?;
    staying.send("before\n")?;
    expect_reply(&mut staying, "before\n")?;
    let addr = leaving.local_addr();
    leaving.send("exit\n")?;
    leaving.expect_end_of_stream()?;
    server.expect_line(&format!("closed the connection to {addr}"))?;
    staying.send("after\n")?;
    expect_reply(&mut staying, "after\n")?;
    let run = server.finish()?;
    run.success()?.stdout_has(&format!(
        "{addr} sent exit: closing its connection, the others go on"
    ))?;
    Ok(())
}

/// With `--max-connections 2`, a third client reads that the server is full and
/// is closed; once one of the two leaves, a new client is served.
pub fn tells_a_client_over_the_limit_that_the_server_is_full(program: &Program) -> Outcome {
    let mut server = program.server().args(["--max-connections", "2"]).start()?;
    let mut first = server.connect()?;
    let mut second = server.connect()?;
    for client in [&mut first, &mut second] {
        client.send("in\n")?;
        expect_reply(client, "in\n")?;
    }
    let mut third = server.connect()?;
    expect_reply(
        &mut third,
        "error: the server is full (2 clients): try again later\n",
    )?;
    third.expect_end_of_stream()?;
    let addr = first.local_addr();
    first.send("exit\n")?;
    first.expect_end_of_stream()?;
    server.expect_line(&format!("closed the connection to {addr}"))?;
    let mut fourth = server.connect()?;
    fourth.send("my turn\n")?;
    expect_reply(&mut fourth, "my turn\n")?;
    let run = server.finish()?;
    run.success()?.stdout_has(&format!(
        "refused {}: 2 clients are connected already",
        third.local_addr()
    ))?;
    Ok(())
}

/// A line over `--max-line` (1 MiB without a newline, for a limit of 1 KiB) is
/// refused with a message, its rest dropped; the same client's next line is echoed,
/// and so is another client's.
pub fn refuses_an_over_long_line_and_serves_on(program: &Program) -> Outcome {
    let server = program.server().args(["--max-line", "1024"]).start()?;
    let mut flooding = server.connect()?;
    let mut other = server.connect()?;
    flooding.send(vec![b'x'; 1024 * 1024])?;
    expect_reply(
        &mut flooding,
        "error: line longer than 1024 bytes: refused, the rest of it dropped\n",
    )?;
    other.send("still here\n")?;
    expect_reply(&mut other, "still here\n")?;
    flooding.send("\nshort again\n")?;
    expect_reply(&mut flooding, "short again\n")?;
    let addr = flooding.local_addr();
    let run = server.finish()?;
    run.success()?
        .stdout_has(&format!(
            "{addr} sent a line longer than 1024 bytes: refused it"
        ))?
        .stdout_has(&format!("received from {addr}: short again"))?;
    Ok(())
}

/// A client silent for `--idle-timeout` reads why, and is closed; the server goes
/// on serving the next client. (Nothing is timed: the test only waits for the
/// message, which can come no sooner than the timeout.)
pub fn closes_a_silent_client_after_the_idle_timeout(program: &Program) -> Outcome {
    let server = program.server().args(["--idle-timeout", "0.2"]).start()?;
    let mut silent = server.connect()?;
    let idle = "error: nothing received for 0.2 s: closing the connection\n";
    expect_reply(&mut silent, idle)?;
    silent.expect_end_of_stream()?;
    // The next client is served: it is closed in the same way in its turn.
    let mut next = server.connect()?;
    expect_reply(&mut next, idle)?;
    let addr = silent.local_addr();
    let run = server.finish()?;
    run.success()?.stdout_has(&format!(
        "{addr} sent nothing for 0.2 s: closing its connection"
    ))?;
    Ok(())
}

/// A client that trickles bytes without ever finishing a line (slowloris) is closed
/// when its line is due, `--idle-timeout` after it connected, as surely as a silent
/// one: a byte does not move the deadline, only a whole line does.
pub fn closes_a_trickling_client_when_its_line_is_due(program: &Program) -> Outcome {
    use std::io::{Read, Write};
    let server = program.server().args(["--idle-timeout", "0.5"]).start()?;
    let failed =
        |what: &str, error: std::io::Error| server.fail(what.to_string(), error.to_string());
    let mut trickle =
        std::net::TcpStream::connect(server.addr).map_err(|error| failed("a connection", error))?;
    trickle
        .set_nonblocking(true)
        .map_err(|error| failed("a non-blocking socket", error))?;
    // One byte every 100 ms, for 6 s at most, until the server says something. The
    // sleep is the trickle itself: the attack is a client that is slow on purpose.
    let mut peeked = [0u8; 1];
    for _ in 0..60 {
        if trickle.write_all(b"x").is_err() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        if matches!(trickle.peek(&mut peeked), Ok(n) if n > 0) {
            break;
        }
    }
    trickle
        .set_nonblocking(false)
        .and_then(|()| trickle.set_read_timeout(Some(super::DEADLINE)))
        .map_err(|error| failed("a blocking socket", error))?;
    let mut got = Vec::new();
    let _ = trickle.read_to_end(&mut got);
    let got = String::from_utf8_lossy(&got).into_owned();
    let wanted = "error: no whole line within 0.5 s: closing the connection\n";
    if !got.starts_with(wanted) {
        return Err(server.fail(format!("{wanted:?} while trickling"), format!("{got:?}")));
    }
    let run = server.finish()?;
    run.success()?
        .stdout_has("sent part of a line but no whole line for 0.5 s: closing its connection")?;
    Ok(())
}

/// A stdout that nobody reads never holds up service: a client's 20,000 lines all
/// come back while the server's stdout pipe is full and unread (a paused terminal),
/// and once it is read again, the server says how many lines it dropped.
pub fn serves_on_while_nobody_reads_its_stdout(program: &Program) -> Outcome {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::Stdio;
    const LINES: usize = 20_000;
    let fail = |what: &str, found: String| super::Failure::new(what.into(), found);
    let mut command = program.command();
    command
        .arg("127.0.0.1:0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let child = command
        .spawn()
        .map_err(|error| fail("the server started", error.to_string()))?;
    // Killed and reaped on every way out.
    let mut child = KillOnDrop(child);
    let stdout = child
        .0
        .stdout
        .take()
        .ok_or_else(|| fail("a stdout", "none".into()))?;
    let mut stdout = BufReader::new(stdout);
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .map_err(|error| fail("a readiness line", error.to_string()))?;
    let addr = super::readiness(&first).ok_or_else(|| fail("a readiness line", first.clone()))?;
    // From here on nobody reads the server's stdout until every echo is back.
    let mut client = std::net::TcpStream::connect(addr)
        .map_err(|error| fail("a connection", error.to_string()))?;
    client
        .set_read_timeout(Some(super::DEADLINE))
        .map_err(|error| fail("a read timeout", error.to_string()))?;
    let writer = client
        .try_clone()
        .map_err(|error| fail("a second handle", error.to_string()))?;
    let sender = std::thread::spawn(move || {
        let mut writer = writer;
        let all: Vec<u8> = b"x\n".repeat(LINES);
        writer.write_all(&all)
    });
    let mut echoed = vec![0u8; 2 * LINES];
    let read = client.read_exact(&mut echoed);
    let _ = sender.join();
    read.map_err(|error| {
        fail(
            &format!("{LINES} echoes while stdout is not read"),
            error.to_string(),
        )
    })?;
    // Read again: the count of lines dropped comes, then stop the server.
    let mut said = String::new();
    let mut line = String::new();
    let mut told = false;
    let stdin = child.0.stdin.take();
    drop(stdin);
    while stdout.read_line(&mut line).unwrap_or(0) > 0 {
        told |= line.starts_with("(output was not read fast enough: ")
            && line.trim_end().ends_with(" lines dropped)");
        if said.len() < 4096 {
            said.push_str(&line);
        }
        line.clear();
    }
    if !told {
        return Err(fail(
            "(output was not read fast enough: N lines dropped)",
            said,
        ));
    }
    Ok(())
}

/// Kills and reaps a child process on drop.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The end of stdin stops the server with exit status 0 while clients are still
/// connected; they read the end of the stream.
pub fn stops_cleanly_when_stdin_closes(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    expect_reply(&mut client, "hello\n")?;
    let run = server.finish()?;
    run.success()?
        .stdout_has("stopping the server")?
        .stderr_empty()?;
    client.expect_end_of_stream()?;
    Ok(())
}

/// In Chinese, the server prints what it receives in Chinese, and its readiness
/// line still ends with the address.
pub fn speaks_chinese_to_the_operator(program: &Program) -> Outcome {
    let mut server = program.server().env("WORKBOOK_LANG", "zh").start()?;
    let mut client = server.connect()?;
    client.send("你好\n")?;
    expect_reply(&mut client, "你好\n")?;
    server.expect_line(&format!("收到 {} 的消息：你好", client.local_addr()))?;
    let run = server.finish()?;
    run.success()?.stdout_has("正在监听 127.0.0.1:")?;
    Ok(())
}

/// `--help` names the lesson; a bad value of a limit exits 2 with a clear word.
pub fn explains_its_flags_and_refuses_bad_values(program: &Program) -> Outcome {
    // How each rung serves many clients, as its `--help` says.
    let about = match program.lesson() {
        "step8_threads" => "one thread per client",
        "step9_pool" => "a fixed pool of worker threads",
        "step10_nonblocking" => "readiness events with mio",
        _ => "async tasks with tokio",
    };
    program
        .launch()
        .arg("--help")
        .run()?
        .success()?
        .stdout_has(about)?;
    program
        .launch()
        .args(["--idle-timeout", "soon"])
        .run()?
        .code(2)?
        .stderr_has("`soon` is not a number of seconds from 0.001 to 86400")?;
    program
        .launch()
        .args(["--max-line", "0"])
        .run()?
        .code(2)?
        .stderr_lacks("panicked")?;
    // Out of range, refused at parse time with the range: 1e-10 s would round to
    // 0, "never" for SO_RCVTIMEO and "at once" for a deadline.
    for seconds in ["1e-10", "0.0001", "86401", "1e300"] {
        program
            .launch()
            .args(["--idle-timeout", seconds])
            .run()?
            .code(2)?
            .stderr_has(&format!(
                "`{seconds}` is not a number of seconds from 0.001 to 86400"
            ))?;
    }
    program
        .launch()
        .args(["--backlog", "99999"])
        .run()?
        .code(2)?
        .stderr_has("99999 is not from 0 to 65535")?;
    Ok(())
}

/// Step 9: with one worker busy, the next client waits in the queue, answered once
/// the worker is free; with the queue (of one) full, one more is told the server
/// is full.
pub fn queues_clients_while_the_workers_are_busy_and_refuses_when_full(
    program: &Program,
) -> Outcome {
    let mut server = program
        .server()
        .args(["--workers", "1", "--queue", "1"])
        .start()?;
    let mut served = server.connect()?;
    served.send("first\n")?;
    expect_reply(&mut served, "first\n")?;
    let mut waiting = server.connect()?;
    waiting.send("second\n")?;
    server.expect_line(&format!(
        "queued {} for the next free worker",
        waiting.local_addr()
    ))?;
    let mut refused = server.connect()?;
    expect_reply(
        &mut refused,
        "error: the server is full (2 clients): try again later\n",
    )?;
    refused.expect_end_of_stream()?;
    served.send("exit\n")?;
    served.expect_end_of_stream()?;
    // The worker is free: the waiting client's line, sent long ago, comes back now.
    expect_reply(&mut waiting, "second\n")?;
    let run = server.finish()?;
    run.success()?
        .stdout_has("started 1 worker threads; up to 1 more clients wait in the queue")?
        .stdout_has(&format!(
            "refused {}: every worker is busy and the queue is full",
            refused.local_addr()
        ))?;
    Ok(())
}

// loadgen, against step 8.

/// Twenty clients of five lines each: every echo comes back and is counted, and the
/// summary line for programs says the same.
pub fn counts_every_echo_of_every_client(program: &Program) -> Outcome {
    let server = program
        .other("step8_threads")?
        .server()
        .arg("--quiet")
        .start()?;
    let run = program
        .launch()
        .arg(server.addr.to_string())
        .args(["-c", "20", "-m", "5", "-s", "32", "--summary"])
        .run()?;
    run.success()?
        .stdout_has("loadgen: 20 clients, 5 lines of 32 bytes each")?
        .stdout_has("open: 20 connections (0 failed)")?
        .stdout_has("connections: 20 made, 0 failed to connect, 0 ended before all their echoes")?
        .stdout_has("messages: 100 echoed in ")?
        .stdout_has("latency of one echo: p50 ")?
        .stdout_has(" made=20 failed=0 ended=0 messages=100 ")?;
    server.finish()?.success()?;
    Ok(())
}

/// Against a server that takes five clients, ten connect; the five it refused are
/// counted, with the server's own words.
pub fn counts_the_clients_a_full_server_refused(program: &Program) -> Outcome {
    let mut server = program
        .other("step8_threads")?
        .server()
        .args(["--max-connections", "5"])
        .start()?;
    let mut loadgen = program
        .launch()
        .arg(server.addr.to_string())
        .args(["-c", "10", "-m", "3", "--wait"])
        .begin()?;
    loadgen.expect_line("open: 10 connections (0 failed)")?;
    // The server has taken all ten before any client sends: five served, five told.
    for _ in 0..5 {
        server.expect_line("refused ")?;
    }
    loadgen.type_line("");
    let run = loadgen.finish()?;
    run.success()?
        .stdout_has("connections: 10 made, 0 failed to connect, 5 ended before all their echoes")?
        .stdout_has("messages: 15 echoed")?
        .stdout_has("5 × the server answered error: the server is full (5 clients): try again later instead of the echo")?;
    server.finish()?.success()?;
    Ok(())
}

/// A `--timeout` out of range is refused at parse time, with the range.
pub fn refuses_a_timeout_out_of_range(program: &Program) -> Outcome {
    for seconds in ["1e-10", "0", "86401"] {
        program
            .launch()
            .args(["--timeout", seconds])
            .run()?
            .code(2)?
            .stderr_has("is not a number of seconds from 0.001 to 86400")?;
    }
    Ok(())
}

/// Where nothing listens, loadgen ends with exit status 1, the address and a hint.
pub fn says_clearly_when_nothing_listens(program: &Program) -> Outcome {
    // A socket bound but not listening holds the port, and refuses connections.
    let holder = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
        .and_then(|socket| {
            socket.bind(&std::net::SocketAddr::from(([127, 0, 0, 1], 0)).into())?;
            Ok(socket)
        })
        .and_then(|socket| Ok((socket.local_addr()?, socket)));
    let (addr, _holder) =
        holder.map_err(|error| super::Failure::new("a bound socket".into(), error.to_string()))?;
    let addr = addr
        .as_socket()
        .ok_or_else(|| super::Failure::new("an IPv4 address".into(), format!("{addr:?}")))?;
    let run = program
        .launch()
        .arg(addr.to_string())
        .args(["-c", "3", "-m", "1"])
        .run()?;
    run.code(1)?
        .stderr_has(&format!("error: could not connect to `{addr}`"))?
        .stderr_has("hint: nothing listens at")?
        .stderr_lacks("panicked")?;
    Ok(())
}
