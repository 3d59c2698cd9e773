//! What the pitfalls lab must show: each `pitfall_*` example shows its mistake by
//! default and its fix with `--fixed`. These checks prove that the mistake really
//! happens on this machine and that the fix really fixes it, asserting only what holds
//! on every system (and what one system does under its `cfg`). Times are printed by the
//! demos, never judged.

use std::net::{Ipv6Addr, SocketAddr, TcpListener, ToSocketAddrs};

use super::harness::{Finished, Outcome, Program, readiness};

/// A finished run of a demo, which ended with status 0 and wrote nothing on stderr.
struct Demo {
    run: Finished,
    stdout: String,
}

/// Runs the demo (with `--fixed` if asked) to its end.
fn demo(program: &Program, fixed: bool) -> Outcome<Demo> {
    let launch = program.launch();
    let launch = if fixed { launch.arg("--fixed") } else { launch };
    let run = launch.run()?;
    run.success()?.stderr_empty()?;
    let stdout = run.stdout();
    Ok(Demo { run, stdout })
}

impl Demo {
    fn has(&self, needle: &str) -> Outcome<&Demo> {
        self.run.stdout_has(needle)?;
        Ok(self)
    }

    fn lacks(&self, needle: &str) -> Outcome<&Demo> {
        self.run.stdout_lacks(needle)?;
        Ok(self)
    }

    /// Holds `holds`, or fails: `expected` is what should have been.
    fn holds(&self, holds: bool, expected: &str) -> Outcome<&Demo> {
        if holds {
            Ok(self)
        } else {
            let last = self.stdout.lines().last().unwrap_or_default();
            Err(self.run.fail(expected.to_string(), last.to_string()))
        }
    }

    /// The first line that contains `needle`.
    fn line(&self, needle: &str) -> Outcome<&str> {
        self.stdout
            .lines()
            .find(|line| line.contains(needle))
            .ok_or_else(|| {
                self.run
                    .fail(format!("a line containing `{needle}`"), String::new())
            })
    }

    /// The address of the demo's `listening on` line.
    fn listening(&self) -> Outcome<SocketAddr> {
        self.stdout
            .lines()
            .find_map(readiness)
            .ok_or_else(|| self.run.fail("a `listening on` line".into(), String::new()))
    }
}

/// The whole numbers in `line`, in order (`1.5` counts as 1 and 5).
fn numbers(line: &str) -> Vec<u64> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect()
}

// Every pitfall.

/// `--help` names the pitfall and offers `--fixed`, in English and in Chinese.
pub fn explains_itself_in_help(program: &Program) -> Outcome {
    program
        .launch()
        .arg("--help")
        .run()?
        .success()?
        .stdout_has("Pitfall: ")?
        .stdout_has("--fixed")?
        .stdout_has("run the fix instead of the mistake")?;
    program
        .launch()
        .arg("--help")
        .env("WORKBOOK_LANG", "zh")
        .run()?
        .success()?
        .stdout_has("陷阱：")?
        .stdout_has("运行修正后的写法")?;
    Ok(())
}

/// The demo says which mode it runs in Chinese, with `--lang zh` or `WORKBOOK_LANG=zh`.
pub fn speaks_chinese(program: &Program) -> Outcome {
    program
        .launch()
        .args(["--lang", "zh"])
        .run()?
        .success()?
        .stdout_has("模式：错误的写法")?
        .stderr_empty()?;
    program
        .launch()
        .arg("--fixed")
        .env("WORKBOOK_LANG", "zh")
        .run()?
        .success()?
        .stdout_has("模式：修正后的写法")?
        .stderr_empty()?;
    Ok(())
}

/// An unknown flag is a usage error (exit status 2), not a panic.
pub fn rejects_an_unknown_flag_with_usage(program: &Program) -> Outcome {
    let run = program.launch().arg("--fix").run()?;
    run.code(2)?.stderr_has("Usage")?.stderr_lacks("panicked")?;
    if !run.stdout().is_empty() {
        return Err(run.fail("nothing on stdout".into(), run.stdout()));
    }
    Ok(())
}

// pitfall_byte_stream

/// Three quick writes arrive as one read; the lesson's comparison with `exit` never
/// matches, and the demo gives up instead of waiting forever.
pub fn glues_three_writes_into_one_read(program: &Program) -> Outcome {
    demo(program, false)?
        .has(r#"received 14 bytes: "helloworldexit""#)?
        .has("would wait here forever")?
        .has("3 writes arrived in 1 read:")?
        .lacks("the message is `exit`")?;
    Ok(())
}

/// Framed by line, the same glued bytes give the three messages, and `exit` stops the
/// server; in Chinese too.
pub fn finds_each_line_and_stops_at_exit_when_fixed(program: &Program) -> Outcome {
    let demo = demo(program, true)?;
    let messages: Vec<&str> = demo
        .stdout
        .lines()
        .filter(|line| line.starts_with("message: "))
        .collect();
    demo.holds(
        messages
            == [
                r#"message: "hello""#,
                r#"message: "world""#,
                r#"message: "exit""#,
            ],
        r#"message: "hello", message: "world", message: "exit", in this order"#,
    )?
    .has("the message is `exit`: the server stops")?
    .lacks("forever")?;
    program
        .launch()
        .arg("--fixed")
        .env("WORKBOOK_LANG", "zh")
        .run()?
        .success()?
        .stdout_has(r#"消息："exit""#)?;
    Ok(())
}

// pitfall_split_utf8

/// A 1024-byte read cuts `你` after two of its three bytes: neither read decodes on its
/// own, and the character is lost.
pub fn cannot_decode_either_half(program: &Program) -> Outcome {
    demo(program, false)?
        .has(r#"received 1024 bytes, ending in "aaa\xE4\xBD""#)?
        .has("the character at position 1022 is cut off after 2 of its bytes")?
        .has("the byte at position 0 does not start a character")?
        .has("`你` fell across the 1024-byte boundary")?
        .lacks("arrived whole")?;
    Ok(())
}

/// Carrying the cut bytes over to the next read decodes the text whole.
pub fn carries_the_cut_bytes_over_when_fixed(program: &Program) -> Outcome {
    demo(program, true)?
        .has("(2 bytes of a character cut by this read wait for the next read)")?
        .has(r#"decoded 7 bytes, ending in "你好\n""#)?
        .has("the text arrived whole: 1025 characters")?
        .lacks("fails")?;
    Ok(())
}

// pitfall_eof_spin

/// After the client leaves, the lesson's loop reads 0 bytes again and again, up to the
/// demo's cap, printing the first few; it counts them in Chinese too.
pub fn reads_zero_bytes_until_its_cap(program: &Program) -> Outcome {
    let demo = demo(program, false)?;
    // `the loop read 0 bytes 100000 times in … ms`
    let spun = numbers(demo.line("the loop read 0 bytes")?);
    demo.holds(
        spun.get(..2) == Some(&[0, 100_000][..]),
        "the loop read 0 bytes 100000 times",
    )?;
    let empty = demo
        .stdout
        .lines()
        .filter(|line| *line == r#"received 0 bytes: """#)
        .count();
    demo.holds(empty == 3, r#"3 lines `received 0 bytes: ""`"#)?
        .has(r#"received 5 bytes: "hello""#)?;
    program
        .launch()
        .args(["--lang", "zh"])
        .run()?
        .success()?
        .stdout_has("次 0 字节")?;
    Ok(())
}

/// The fix stops at the first read of 0 bytes.
pub fn stops_at_the_first_empty_read_when_fixed(program: &Program) -> Outcome {
    demo(program, true)?
        .has("the loop stopped at its first read of 0 bytes")?
        .lacks("received 0 bytes")?;
    Ok(())
}

// pitfall_partial_write

/// The reader gets exactly what the one send took, and no more: on Linux and macOS
/// that is less than the message, and the rest is lost without an error.
pub fn loses_what_send_did_not_take(program: &Program) -> Outcome {
    let demo = demo(program, false)?;
    let took = numbers(demo.line("send() took")?);
    let read = numbers(demo.line("the client read")?);
    let (taken, total) = match took[..] {
        [taken, total, ..] => (taken, total),
        _ => {
            return Err(demo
                .run
                .fail("send() took N of M bytes".into(), String::new()));
        }
    };
    demo.holds(total == 1 << 20, "a message of 1048576 bytes")?
        .holds(read == [taken, total], "the client read what send() took")?;
    // Windows may buffer a whole non-blocking send; Linux and macOS keep to SO_SNDBUF.
    if cfg!(any(target_os = "linux", target_os = "macos")) {
        demo.holds(taken < total, "send() took less than the message")?;
    }
    if taken < total {
        demo.has(&format!("{} bytes never arrived", total - taken))?;
    }
    demo.lacks("every byte arrived")?;
    Ok(())
}

/// `write_all` sends the rest, and every byte arrives in order.
pub fn delivers_every_byte_when_fixed(program: &Program) -> Outcome {
    demo(program, true)?
        .has("the client read 1048576 of the 1048576 bytes")?
        .has("every byte arrived, in order")?
        .lacks("not the message's first bytes")?;
    Ok(())
}

// pitfall_nagle

/// The median line of `label`: the median and each of the rounds, in milliseconds.
fn medians(demo: &Demo, label: &str) -> Outcome<(f64, Vec<f64>)> {
    let line = demo.line(label)?;
    let bad = || {
        demo.run.fail(
            format!("`{label}`: median M ms (…in order: …ms)"),
            line.into(),
        )
    };
    let median = line
        .split_once("median ")
        .and_then(|(_, rest)| rest.split_once(" ms"))
        .and_then(|(median, _)| median.trim().parse().ok())
        .ok_or_else(bad)?;
    let rounds = line
        .split_once("in order: ")
        .and_then(|(_, rest)| rest.split_once(" ms)"))
        .and_then(|(rounds, _)| {
            rounds
                .split(", ")
                .map(|round| round.trim().parse().ok())
                .collect::<Option<Vec<f64>>>()
        })
        .ok_or_else(bad)?;
    Ok((median, rounds))
}

/// The Nagle demo measures its rounds and prints their median: one way in the broken
/// mode, both fixes in the fixed mode. How long a round takes is reported, not
/// judged: it depends on the system.
pub fn prints_the_median_of_each_way(program: &Program) -> Outcome {
    let broken = demo(program, false)?;
    let fixed = demo(program, true)?;
    for (demo, label) in [
        (&broken, "two writes per reply, Nagle's algorithm on"),
        (&fixed, "one write per reply:"),
        (&fixed, "two writes per reply, TCP_NODELAY on"),
    ] {
        let (median, mut rounds) = medians(demo, label)?;
        rounds.sort_by(f64::total_cmp);
        demo.holds(rounds.len() == 9, "9 rounds")?
            .holds(median == rounds[4], "the median of the 9 rounds")?;
    }
    broken.lacks("TCP_NODELAY on")?;
    fixed.lacks("Nagle's algorithm on")?;
    Ok(())
}

// pitfall_localhost

/// The demo shows what `localhost` resolves to here; a client at `::1` does not reach
/// the IPv4 server: refused where IPv6 works, failing otherwise where it does not.
pub fn other_family_does_not_reach_the_server(program: &Program) -> Outcome {
    let demo = demo(program, false)?;
    let local = demo.listening()?;
    let resolved: Vec<String> = ("localhost", 0)
        .to_socket_addrs()
        .map(|addrs| addrs.map(|addr| addr.ip().to_string()).collect())
        .unwrap_or_default();
    if !resolved.is_empty() {
        demo.has(&format!(
            "resolves `localhost` to: {} (in this order)",
            resolved.join(", ")
        ))?;
    }
    let other = SocketAddr::from((Ipv6Addr::LOCALHOST, local.port()));
    if TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).is_ok() {
        demo.has(&format!(
            "a client at `{other}` is refused (ConnectionRefused)"
        ))?;
    } else {
        demo.has("IPv6 is not available here")?
            .has(&format!("a client at `{other}` fails ("))?;
    }
    Ok(())
}

/// Client and server on the same literal address connect, and a message goes through.
pub fn connects_on_the_literal_address_when_fixed(program: &Program) -> Outcome {
    let demo = demo(program, true)?;
    let local = demo.listening()?;
    demo.has(&format!("the client connected to `{local}`"))?
        .has("its message reached the client")?;
    Ok(())
}

// pitfall_time_wait

/// A restart right after the server closed a live connection, without SO_REUSEADDR:
/// it either binds or meets AddrInUse, and on Linux and macOS it meets AddrInUse.
/// (Windows binds; the demo says so, and the check does not insist.)
pub fn blocks_a_restart_without_reuseaddr(program: &Program) -> Outcome {
    let demo = demo(program, false)?;
    let local = demo.listening()?;
    let in_use = format!("the restart could not bind `{local}`: address in use (AddrInUse)");
    let bound = format!("the restart bound `{local}` again");
    demo.has("SO_REUSEADDR: off")?.holds(
        demo.stdout.contains(&in_use) != demo.stdout.contains(&bound),
        &format!("either `{in_use}` or `{bound}`"),
    )?;
    if cfg!(any(target_os = "linux", target_os = "macos")) {
        demo.has(&in_use)?;
    }
    Ok(())
}

/// With SO_REUSEADDR (and on Windows without it), the restart binds the same address at
/// once.
pub fn restarts_at_once_when_fixed(program: &Program) -> Outcome {
    let demo = demo(program, true)?;
    let local = demo.listening()?;
    demo.has(&format!("the restart bound `{local}` again and listens"))?
        .lacks("AddrInUse")?;
    Ok(())
}

// pitfall_backlog

/// The counts of `of 5 clients: C connected, T timed out, R refused, F failed
/// otherwise`, and how many connections the server then accepted.
fn backlog_counts(demo: &Demo) -> Outcome<([u64; 4], u64)> {
    let summary = numbers(demo.line("of 5 clients:")?);
    let [_, connected, timed_out, refused, failed] = summary[..] else {
        return Err(demo.run.fail(
            "of 5 clients: C connected, T timed out, R refused, F failed otherwise".into(),
            format!("{summary:?}"),
        ));
    };
    let counts = [connected, timed_out, refused, failed];
    let clients = demo
        .stdout
        .lines()
        .filter(|line| line.starts_with("client "))
        .count();
    demo.holds(
        counts.iter().sum::<u64>() == 5,
        "counts of 5 clients in all",
    )?
    .holds(clients == 5, "a line for each of the 5 clients")?;
    let accepted = numbers(demo.line("then the server called accept()")?);
    Ok((counts, accepted.first().copied().unwrap_or(u64::MAX)))
}

/// `listen(1)` with nothing accepting: at least one client completes its handshake
/// (how many differs between systems), every client gets an answer or a timeout, and
/// the server accepts no more than completed.
pub fn lets_at_least_one_client_in(program: &Program) -> Outcome {
    let demo = demo(program, false)?;
    demo.has("listen(1)")?;
    let ([connected, ..], accepted) = backlog_counts(&demo)?;
    demo.holds(connected >= 1, "at least 1 client connected")?
        .holds(accepted <= connected, "no more accepted than connected")?;
    Ok(())
}

/// A backlog of 128 queues all five clients.
pub fn queues_every_client_when_fixed(program: &Program) -> Outcome {
    let demo = demo(program, true)?;
    demo.has("listen(128)")?;
    let ([connected, ..], accepted) = backlog_counts(&demo)?;
    demo.holds(connected == 5, "5 clients connected")?
        .holds(accepted <= connected, "no more accepted than connected")?;
    Ok(())
}

// pitfall_reset_on_close

/// Closing with unread bytes resets the connection: the client sees a reset, not
/// end-of-stream.
pub fn resets_the_client(program: &Program) -> Outcome {
    demo(program, false)?
        .has("with 41 bytes unread")?
        .has("the client then got a connection reset")?
        .lacks("end-of-stream (0 bytes)")?;
    Ok(())
}

/// Shut down, read to the end, close: the client gets the reply and end-of-stream.
pub fn ends_cleanly_when_fixed(program: &Program) -> Outcome {
    demo(program, true)?
        .has(r#"the client read 4 bytes: "bye\n""#)?
        .has("the client then read end-of-stream (0 bytes): a clean close")?
        .has("the server read the 41 bytes it had left unread")?
        .lacks("reset (")?;
    Ok(())
}

// pitfall_bind_all

/// How the demo's knock at `target` went: the text after the address.
fn knock<'d>(demo: &'d Demo, target: &str) -> Outcome<&'d str> {
    let prefix = format!("`{target}`: ");
    demo.stdout
        .lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .ok_or_else(|| {
            demo.run
                .fail(format!("a knock at `{target}`"), String::new())
        })
}

/// Under a check (stdout a pipe, no `--network`) the demo knocks on loopback only, and
/// says so.
fn stays_on_loopback(demo: &Demo) -> Outcome {
    let network = demo
        .stdout
        .lines()
        .any(|line| line.starts_with("this computer's address towards the network: `"));
    demo.holds(!network, "no knock on the network address")?
        .has("not knocking on this computer's network address: stdout is not a terminal")?;
    let knocked = demo.stdout.lines().filter_map(|line| {
        let target = line.strip_prefix('`')?.split('`').next()?;
        target.parse::<SocketAddr>().ok()
    });
    for target in knocked {
        demo.holds(
            target.ip().is_loopback(),
            &format!("no knock off loopback ({target})"),
        )?;
    }
    Ok(())
}

/// Bound to `0.0.0.0`, the server answers on every address of this computer, the
/// network address among them.
pub fn answers_on_every_address(program: &Program) -> Outcome {
    // Listening on 0.0.0.0 makes Windows ask whether to let the program through its
    // firewall: a window a student running `cargo test` should not have to answer.
    // There this check proves nothing, and says so by passing without a run.
    if cfg!(windows) {
        return Ok(());
    }
    let demo = demo(program, false)?;
    let port = demo.listening()?.port();
    demo.has(&format!("listening on 0.0.0.0:{port}"))?;
    let here = knock(&demo, &format!("127.0.0.1:{port}"))?;
    demo.holds(here == "answered", &format!("`127.0.0.1:{port}`: answered"))?;
    // Every 127.x.x.x is this computer on Linux (on macOS only 127.0.0.1 is, by
    // default), and no firewall stands between a Linux program and its own address.
    if cfg!(target_os = "linux") {
        let other = knock(&demo, &format!("127.0.0.2:{port}"))?;
        demo.holds(
            other == "answered",
            &format!("`127.0.0.2:{port}`: answered"),
        )?;
    }
    stays_on_loopback(&demo)
}

/// Bound to `127.0.0.1`, the server answers there only.
pub fn answers_on_loopback_only_when_fixed(program: &Program) -> Outcome {
    let demo = demo(program, true)?;
    let port = demo.listening()?.port();
    demo.has(&format!("listening on 127.0.0.1:{port}"))?;
    let here = knock(&demo, &format!("127.0.0.1:{port}"))?;
    demo.holds(here == "answered", &format!("`127.0.0.1:{port}`: answered"))?;
    // Windows answers a refused connection only after retrying for about 2 s, so
    // there the demo's short knock times out instead; Linux and macOS refuse at once.
    if cfg!(target_os = "linux") {
        let other = knock(&demo, &format!("127.0.0.2:{port}"))?;
        demo.holds(
            other.starts_with("refused"),
            &format!("`127.0.0.2:{port}`: refused"),
        )?;
    }
    stays_on_loopback(&demo)
}
