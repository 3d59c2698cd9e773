//! The pitfalls lab: each `pitfall_*` example shows its mistake by default and its fix
//! with `--fixed`. These tests check that the mistake really happens on this machine
//! and that the fix really fixes it, asserting only what holds on every system (and
//! what one system does under its `cfg`). Times are printed by the demos, never
//! asserted.

use std::net::{Ipv6Addr, SocketAddr, TcpListener, ToSocketAddrs};

use assert_cmd::assert::OutputAssertExt;
use predicates::prelude::*;
use predicates::str::contains;

use crate::check::readiness;
use crate::support::{program, run};

/// Every pitfall of the lab.
const PITFALLS: [&str; 12] = [
    "pitfall_byte_stream",
    "pitfall_split_utf8",
    "pitfall_eof_spin",
    "pitfall_partial_write",
    "pitfall_nagle",
    "pitfall_localhost",
    "pitfall_time_wait",
    "pitfall_backlog",
    "pitfall_reset_on_close",
    "pitfall_bind_all",
    "pitfall_udp_truncate",
    "pitfall_udp_refused",
];

/// Runs `pitfall` (with `--fixed` if asked), checks that it ends with status 0 and
/// writes nothing on stderr, and returns its stdout.
#[track_caller]
fn demo(pitfall: &str, fixed: bool) -> String {
    let mut command = run(pitfall);
    if fixed {
        command.arg("--fixed");
    }
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("could not run {pitfall}: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success() && stderr.is_empty(),
        "{pitfall} (fixed: {fixed}) ended with {:?}\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}",
        output.status
    );
    stdout
}

/// The first line of `stdout` that contains `needle`.
#[track_caller]
fn line<'a>(stdout: &'a str, needle: &str) -> &'a str {
    stdout
        .lines()
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("no line containing {needle:?} in:\n{stdout}"))
}

/// The whole numbers in `line`, in order (`1.5` counts as 1 and 5).
fn numbers(line: &str) -> Vec<u64> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect()
}

/// The address of the demo's `listening on` line.
#[track_caller]
fn listening(stdout: &str) -> SocketAddr {
    stdout
        .lines()
        .find_map(readiness)
        .unwrap_or_else(|| panic!("no `listening on` line in:\n{stdout}"))
}

/// Three quick writes arrive as one read; the lesson's comparison with `exit` never
/// matches, and the demo gives up instead of waiting forever.
#[test]
fn pitfall_byte_stream_glues_three_writes_into_one_read() {
    let stdout = demo("pitfall_byte_stream", false);
    assert!(
        stdout.contains(r#"received 14 bytes: "helloworldexit""#),
        "{stdout}"
    );
    assert!(stdout.contains("would wait here forever"), "{stdout}");
    assert!(stdout.contains("3 writes arrived in 1 read:"), "{stdout}");
    assert!(!stdout.contains("the message is `exit`"), "{stdout}");
}

/// Framed by line, the same glued bytes give the three messages, and `exit` stops the
/// server.
#[test]
fn pitfall_byte_stream_fixed_finds_each_line_and_stops_at_exit() {
    let stdout = demo("pitfall_byte_stream", true);
    let messages: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("message: "))
        .collect();
    assert_eq!(
        messages,
        [
            r#"message: "hello""#,
            r#"message: "world""#,
            r#"message: "exit""#
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains("the message is `exit`: the server stops"),
        "{stdout}"
    );
    assert!(!stdout.contains("forever"), "{stdout}");
}

/// A 1024-byte read cuts `你` after two of its three bytes: neither read decodes on its
/// own, and the character is lost.
#[test]
fn pitfall_split_utf8_cannot_decode_either_half() {
    let stdout = demo("pitfall_split_utf8", false);
    assert!(
        stdout.contains(r#"received 1024 bytes, ending in "aaa\xE4\xBD""#),
        "{stdout}"
    );
    assert!(
        stdout.contains("the character at position 1022 is cut off after 2 of its bytes"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the byte at position 0 does not start a character"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`你` fell across the 1024-byte boundary"),
        "{stdout}"
    );
    assert!(!stdout.contains("arrived whole"), "{stdout}");
}

/// Carrying the cut bytes over to the next read decodes the text whole.
#[test]
fn pitfall_split_utf8_fixed_carries_the_cut_bytes_over() {
    let stdout = demo("pitfall_split_utf8", true);
    assert!(
        stdout.contains("(2 bytes of a character cut by this read wait for the next read)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#"decoded 7 bytes, ending in "你好\n""#),
        "{stdout}"
    );
    assert!(
        stdout.contains("the text arrived whole: 1025 characters"),
        "{stdout}"
    );
    assert!(!stdout.contains("fails"), "{stdout}");
}

/// After the client leaves, the lesson's loop reads 0 bytes again and again, up to the
/// demo's cap, printing the first few.
#[test]
fn pitfall_eof_spin_reads_zero_bytes_until_its_cap() {
    let stdout = demo("pitfall_eof_spin", false);
    // `the loop read 0 bytes 100000 times in … ms`
    let spun = line(&stdout, "the loop read 0 bytes");
    assert_eq!(numbers(spun)[..2], [0, 100_000], "{spun}");
    let empty = stdout
        .lines()
        .filter(|line| *line == r#"received 0 bytes: """#)
        .count();
    assert_eq!(empty, 3, "{stdout}");
    assert!(stdout.contains(r#"received 5 bytes: "hello""#), "{stdout}");
}

/// The fix stops at the first read of 0 bytes.
#[test]
fn pitfall_eof_spin_fixed_stops_at_the_first_empty_read() {
    let stdout = demo("pitfall_eof_spin", true);
    assert!(
        stdout.contains("the loop stopped at its first read of 0 bytes"),
        "{stdout}"
    );
    assert!(!stdout.contains("received 0 bytes"), "{stdout}");
}

/// The reader gets exactly what the one send took, and no more: on Linux and macOS
/// that is less than the message, and the rest is lost without an error.
#[test]
fn pitfall_partial_write_loses_what_send_did_not_take() {
    let stdout = demo("pitfall_partial_write", false);
    let took = numbers(line(&stdout, "send() took"));
    let read = numbers(line(&stdout, "the client read"));
    let (taken, total) = (took[0], took[1]);
    assert_eq!(total, 1 << 20, "{stdout}");
    assert_eq!(read, [taken, total], "{stdout}");
    // Windows may buffer a whole non-blocking send; Linux and macOS keep to SO_SNDBUF.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    assert!(taken < total, "{stdout}");
    if taken < total {
        assert!(
            stdout.contains(&format!("{} bytes never arrived", total - taken)),
            "{stdout}"
        );
    }
    assert!(!stdout.contains("every byte arrived"), "{stdout}");
}

/// `write_all` sends the rest, and every byte arrives in order.
#[test]
fn pitfall_partial_write_fixed_delivers_every_byte() {
    let stdout = demo("pitfall_partial_write", true);
    assert!(
        stdout.contains("the client read 1048576 of the 1048576 bytes"),
        "{stdout}"
    );
    assert!(stdout.contains("every byte arrived, in order"), "{stdout}");
    assert!(
        !stdout.contains("not the message's first bytes"),
        "{stdout}"
    );
}

/// The median line of `label`: the median and each of the rounds, in milliseconds.
#[track_caller]
fn medians(stdout: &str, label: &str) -> (f64, Vec<f64>) {
    let line = line(stdout, label);
    let parse = |text: &str| -> f64 {
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{text:?} is not a number in {line:?}"))
    };
    let median = line
        .split_once("median ")
        .and_then(|(_, rest)| rest.split_once(" ms"))
        .map(|(median, _)| parse(median))
        .unwrap_or_else(|| panic!("no median in {line:?}"));
    let rounds = line
        .split_once("in order: ")
        .and_then(|(_, rest)| rest.split_once(" ms)"))
        .map(|(rounds, _)| rounds.split(", ").map(parse).collect())
        .unwrap_or_else(|| panic!("no rounds in {line:?}"));
    (median, rounds)
}

/// The Nagle demo measures its rounds and prints their median: one way in the broken
/// mode, both fixes in the fixed mode. How long a round takes is reported, not
/// asserted: it depends on the system.
#[test]
fn pitfall_nagle_prints_the_median_of_each_way() {
    let broken = demo("pitfall_nagle", false);
    let fixed = demo("pitfall_nagle", true);
    for (stdout, label) in [
        (&broken, "two writes per reply, Nagle's algorithm on"),
        (&fixed, "one write per reply:"),
        (&fixed, "two writes per reply, TCP_NODELAY on"),
    ] {
        let (median, mut rounds) = medians(stdout, label);
        assert_eq!(rounds.len(), 9, "{stdout}");
        rounds.sort_by(f64::total_cmp);
        assert_eq!(median, rounds[4], "the median of {rounds:?}");
    }
    assert!(!broken.contains("TCP_NODELAY on"), "{broken}");
    assert!(!fixed.contains("Nagle's algorithm on"), "{fixed}");
}

/// The demo shows what `localhost` resolves to here; a client at `::1` does not reach
/// the IPv4 server: refused where IPv6 works, failing otherwise where it does not.
#[test]
fn pitfall_localhost_other_family_does_not_reach_the_server() {
    let stdout = demo("pitfall_localhost", false);
    let local = listening(&stdout);
    let resolved: Vec<String> = ("localhost", 0)
        .to_socket_addrs()
        .map(|addrs| addrs.map(|addr| addr.ip().to_string()).collect())
        .unwrap_or_default();
    if !resolved.is_empty() {
        let expected = format!(
            "resolves `localhost` to: {} (in this order)",
            resolved.join(", ")
        );
        assert!(stdout.contains(&expected), "{stdout}");
    }
    let other = SocketAddr::from((Ipv6Addr::LOCALHOST, local.port()));
    if TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).is_ok() {
        assert!(
            stdout.contains(&format!(
                "a client at `{other}` is refused (ConnectionRefused)"
            )),
            "{stdout}"
        );
    } else {
        assert!(stdout.contains("IPv6 is not available here"), "{stdout}");
        assert!(
            stdout.contains(&format!("a client at `{other}` fails (")),
            "{stdout}"
        );
    }
}

/// Client and server on the same literal address connect, and a message goes through.
#[test]
fn pitfall_localhost_fixed_connects_on_the_literal_address() {
    let stdout = demo("pitfall_localhost", true);
    let local = listening(&stdout);
    assert!(
        stdout.contains(&format!("the client connected to `{local}`")),
        "{stdout}"
    );
    assert!(
        stdout.contains("its message reached the client"),
        "{stdout}"
    );
}

/// A restart right after the server closed a live connection, without SO_REUSEADDR:
/// it either binds or meets AddrInUse, and on Linux and macOS it meets AddrInUse.
/// (Windows binds; the demo says so, and this test does not insist.)
#[test]
fn pitfall_time_wait_blocks_a_restart_without_reuseaddr() {
    let stdout = demo("pitfall_time_wait", false);
    let local = listening(&stdout);
    assert!(stdout.contains("SO_REUSEADDR: off"), "{stdout}");
    let in_use = format!("the restart could not bind `{local}`: address in use (AddrInUse)");
    let bound = format!("the restart bound `{local}` again");
    assert!(
        stdout.contains(&in_use) != stdout.contains(&bound),
        "{stdout}"
    );
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    assert!(stdout.contains(&in_use), "{stdout}");
}

/// With SO_REUSEADDR (and on Windows without it), the restart binds the same address at
/// once.
#[test]
fn pitfall_time_wait_fixed_restarts_at_once() {
    let stdout = demo("pitfall_time_wait", true);
    let local = listening(&stdout);
    assert!(
        stdout.contains(&format!("the restart bound `{local}` again and listens")),
        "{stdout}"
    );
    assert!(!stdout.contains("AddrInUse"), "{stdout}");
}

/// The counts of `of 5 clients: C connected, T timed out, R refused, F failed
/// otherwise`, and how many connections the server then accepted.
#[track_caller]
fn backlog_counts(stdout: &str) -> ([u64; 4], u64) {
    let summary = numbers(line(stdout, "of 5 clients:"));
    assert_eq!(summary.len(), 5, "{stdout}");
    let counts = [summary[1], summary[2], summary[3], summary[4]];
    assert_eq!(counts.iter().sum::<u64>(), 5, "{stdout}");
    let clients = stdout
        .lines()
        .filter(|line| line.starts_with("client "))
        .count();
    assert_eq!(clients, 5, "{stdout}");
    let accepted = numbers(line(stdout, "then the server called accept()"));
    (counts, accepted[0])
}

/// `listen(1)` with nothing accepting: at least one client completes its handshake
/// (how many differs between systems), every client gets an answer or a timeout, and
/// the server accepts no more than completed.
#[test]
fn pitfall_backlog_lets_at_least_one_client_in() {
    let stdout = demo("pitfall_backlog", false);
    assert!(stdout.contains("listen(1)"), "{stdout}");
    let ([connected, ..], accepted) = backlog_counts(&stdout);
    assert!(connected >= 1, "{stdout}");
    assert!(accepted <= connected, "{stdout}");
}

/// A backlog of 128 queues all five clients.
#[test]
fn pitfall_backlog_fixed_queues_every_client() {
    let stdout = demo("pitfall_backlog", true);
    assert!(stdout.contains("listen(128)"), "{stdout}");
    let ([connected, ..], accepted) = backlog_counts(&stdout);
    assert_eq!(connected, 5, "{stdout}");
    assert!(accepted <= connected, "{stdout}");
}

/// Closing with unread bytes resets the connection: the client sees a reset, not
/// end-of-stream.
#[test]
fn pitfall_reset_on_close_resets_the_client() {
    let stdout = demo("pitfall_reset_on_close", false);
    assert!(stdout.contains("with 41 bytes unread"), "{stdout}");
    assert!(
        stdout.contains("the client then got a connection reset"),
        "{stdout}"
    );
    assert!(!stdout.contains("end-of-stream (0 bytes)"), "{stdout}");
}

/// Shut down, read to the end, close: the client gets the reply and end-of-stream.
#[test]
fn pitfall_reset_on_close_fixed_ends_cleanly() {
    let stdout = demo("pitfall_reset_on_close", true);
    assert!(
        stdout.contains(r#"the client read 4 bytes: "bye\n""#),
        "{stdout}"
    );
    assert!(
        stdout.contains("the client then read end-of-stream (0 bytes): a clean close"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the server read the 41 bytes it had left unread"),
        "{stdout}"
    );
    assert!(!stdout.contains("reset ("), "{stdout}");
}

/// How the demo's knock at `target` went: the text after the address.
#[track_caller]
fn knock<'a>(stdout: &'a str, target: &str) -> &'a str {
    let prefix = format!("`{target}`: ");
    stdout
        .lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("no knock at {target} in:\n{stdout}"))
}

/// This computer's network address, as the demo found it.
fn network_address(stdout: &str) -> Option<&str> {
    stdout
        .lines()
        .find_map(|line| line.strip_prefix("this computer's address towards the network: `"))
        .and_then(|rest| rest.strip_suffix('`'))
}

/// Bound to `0.0.0.0`, the server answers on every address of this computer, the
/// network address among them.
// Listening on 0.0.0.0 makes Windows ask whether to let the test program through its
// firewall: a window a student running `cargo test` should not have to answer.
#[cfg_attr(windows, ignore = "Windows would ask about its firewall")]
#[test]
fn pitfall_bind_all_answers_on_every_address() {
    let stdout = demo("pitfall_bind_all", false);
    let port = listening(&stdout).port();
    assert!(
        stdout.contains(&format!("listening on 0.0.0.0:{port}")),
        "{stdout}"
    );
    assert_eq!(knock(&stdout, &format!("127.0.0.1:{port}")), "answered");
    // Every 127.x.x.x is this computer on Linux (on macOS only 127.0.0.1 is, by
    // default), and no firewall stands between a Linux program and its own address.
    #[cfg(target_os = "linux")]
    assert_eq!(knock(&stdout, &format!("127.0.0.2:{port}")), "answered");
    stays_on_loopback(&stdout);
}

/// Under test (stdout a pipe, no `--network`) the demo knocks on loopback only, and
/// says so.
#[track_caller]
fn stays_on_loopback(stdout: &str) {
    assert_eq!(network_address(stdout), None, "{stdout}");
    assert!(
        stdout
            .contains("not knocking on this computer's network address: stdout is not a terminal"),
        "{stdout}"
    );
    let knocked = stdout.lines().filter_map(|line| {
        let target = line.strip_prefix('`')?.split('`').next()?;
        target.parse::<SocketAddr>().ok()
    });
    for target in knocked {
        assert!(
            target.ip().is_loopback(),
            "a knock off loopback: {target}\n{stdout}"
        );
    }
}

/// Bound to `127.0.0.1`, the server answers there only.
#[test]
fn pitfall_bind_all_fixed_answers_on_loopback_only() {
    let stdout = demo("pitfall_bind_all", true);
    let port = listening(&stdout).port();
    assert!(
        stdout.contains(&format!("listening on 127.0.0.1:{port}")),
        "{stdout}"
    );
    assert_eq!(knock(&stdout, &format!("127.0.0.1:{port}")), "answered");
    // Windows answers a refused connection only after retrying for about 2 s, so
    // there the demo's short knock times out instead; Linux and macOS refuse at once.
    #[cfg(target_os = "linux")]
    assert!(
        knock(&stdout, &format!("127.0.0.2:{port}")).starts_with("refused"),
        "{stdout}"
    );
    stays_on_loopback(&stdout);
}

/// A step given `0.0.0.0` warns once, on stderr, in the language of the run, and names
/// the loopback address to use instead; given `127.0.0.1` it does not warn.
#[test]
fn step2_bind_warns_once_about_0_0_0_0() {
    let output = run("step2_bind").arg("0.0.0.0:0").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
    output
        .assert()
        .success()
        .stdout(contains("bound to 0.0.0.0:"))
        .stderr(contains(
            "warning: `0.0.0.0:0` means every network of this computer",
        ))
        .stderr(contains("use `127.0.0.1:0` for this computer only"));
    run("step2_bind")
        .args(["0.0.0.0:0", "--lang", "zh"])
        .assert()
        .success()
        .stderr(contains("警告：`0.0.0.0:0` 表示本机所有的网络"));
    run("step2_bind")
        .arg("127.0.0.1:0")
        .assert()
        .success()
        .stderr("");
}

/// A listening step server given `0.0.0.0:0` warns before its `listening on` line.
#[cfg_attr(windows, ignore = "Windows would ask about its firewall")]
#[test]
fn step3_listen_warns_when_given_0_0_0_0() -> crate::check::Outcome {
    let program = program("step3_listen");
    let server = program.launch().arg("0.0.0.0:0").start()?;
    server
        .finish()?
        .success()?
        .stdout_has("listening on 0.0.0.0:")?
        .stderr_has("warning: `0.0.0.0:0` means every network")?;
    Ok(())
}

/// Each pitfall's `--help` names the pitfall and offers `--fixed`, in English and in
/// Chinese.
#[test]
fn every_pitfall_explains_itself_in_help() {
    for pitfall in PITFALLS {
        run(pitfall)
            .arg("--help")
            .assert()
            .success()
            .stdout(contains("Pitfall: ").and(contains("--fixed")))
            .stdout(contains("run the fix instead of the mistake"));
        run(pitfall)
            .arg("--help")
            .env("WORKBOOK_LANG", "zh")
            .assert()
            .success()
            .stdout(contains("陷阱：").and(contains("运行修正后的写法")));
    }
}

/// A pitfall speaks Chinese with `--lang zh` or `WORKBOOK_LANG=zh`.
#[test]
fn pitfalls_speak_chinese() {
    run("pitfall_eof_spin")
        .args(["--lang", "zh"])
        .assert()
        .success()
        .stdout(contains("模式：错误的写法"))
        .stdout(contains("次 0 字节"))
        .stderr("");
    run("pitfall_byte_stream")
        .arg("--fixed")
        .env("WORKBOOK_LANG", "zh")
        .assert()
        .success()
        .stdout(contains("模式：修正后的写法"))
        .stdout(contains(r#"消息："exit""#))
        .stderr("");
}

/// An unknown flag is a usage error (exit status 2), not a panic.
#[test]
fn pitfall_rejects_an_unknown_flag_with_usage() {
    run("pitfall_backlog")
        .arg("--fix")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("Usage").and(contains("panicked").not()));
}

/// Every `pitfall_*` named in a comment of an example, in the library or in the README
/// is an example that exists, and the README's lab runs each pitfall.
#[test]
fn pitfall_names_in_comments_and_readme_are_real_examples() {
    let root = std::path::Path::new(crate::support::ROOT);
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["examples", "src", "src/text"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.push(root.join("README.md"));
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text.match_indices("pitfall_") {
            // A name starts here, not inside a longer word (`every_pitfall_has`).
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `pitfall_*` and `pitfall_<name>` speak of the family, not of one.
            if name == "pitfall_" {
                continue;
            }
            assert!(
                PITFALLS.contains(&name.as_str()),
                "{} names `{name}`, which is not a pitfall of the lab",
                file.display()
            );
        }
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for pitfall in PITFALLS {
        assert!(
            root.join("examples").join(format!("{pitfall}.rs")).exists(),
            "{pitfall}"
        );
        assert!(
            readme.contains(&format!("cargo run --example {pitfall}")),
            "the README does not run {pitfall}"
        );
    }
}
