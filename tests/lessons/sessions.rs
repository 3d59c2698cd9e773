//! What steps 5, 6 and 7 share: a session with one client that ends cleanly however
//! the client ends it, and text that arrives whole whatever the reads cut.
//!
//! Each behaviour is a function of the lesson; `sessions!` makes one test of it for
//! each step, so that a failure names the step.

use std::time::{Duration, Instant};

use assert_cmd::assert::OutputAssertExt;
use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Client, Launch, Server};

/// Replies typed ahead for the steps that ask for one after each message.
const REPLIES: &str = "ok\nok\nok\nok\nok\nok\n";

/// How soon a session must end after the client closes. The promise is one second;
/// the margin absorbs a busy machine, and a server that spins or waits for a timeout
/// still fails.
const PROMPTLY: Duration = Duration::from_secs(2);

/// Whether `lesson` answers each message with a reply from stdin (steps 6 and 7).
fn replies(lesson: &str) -> bool {
    lesson != "step5_recv"
}

/// Starts `lesson` with replies typed ahead.
fn start(lesson: &str) -> Server {
    Launch::new(lesson).typed_ahead(REPLIES).start()
}

/// Sends `message`, waits until the server has printed it, and reads the reply of
/// the steps that send one.
fn exchange(lesson: &str, server: &mut Server, client: &mut Client, message: &[u8], shown: &str) {
    client.send(message);
    server.expect_line(&format!("bytes: {shown}"));
    if replies(lesson) {
        assert_eq!(client.read_line(), "ok\n");
    }
}

/// The text inside the quotes of each `received N bytes: "…"` line, joined.
fn received_text(stdout: &str) -> String {
    stdout
        .lines()
        .filter_map(|line| {
            line.split_once(" bytes: \"")
                .or(line.split_once(" byte: \""))
        })
        .map(|(_, quoted)| quoted.strip_suffix('"').unwrap_or(quoted))
        .collect()
}

/// The client's `exit` (`bare`, or followed by `\n` or `\r\n`) ends the session and the
/// program, with exit status 0.
fn ends_on_client_exit(lesson: &str, exit: &str) {
    let mut server = start(lesson);
    let mut client = server.connect();
    client.send(exit);
    server.expect_line("the client sent exit");
    assert_eq!(client.read_to_end(), b"");
    drop(client);
    server.finish().assert().success().stderr("");
}

/// A client that closes without `exit` ends the session cleanly and at once: a read
/// of 0 bytes is the end, never a reason to read again.
fn ends_promptly_when_the_client_closes(lesson: &str) {
    let mut server = start(lesson);
    let mut client = server.connect();
    exchange(lesson, &mut server, &mut client, b"hi\n", r#""hi\n""#);
    drop(client);
    let closed = Instant::now();
    let output = server.finish_within(PROMPTLY);
    assert!(closed.elapsed() <= PROMPTLY);
    output
        .assert()
        .success()
        .stdout(contains(
            "the client closed the connection (recv returned 0 bytes)",
        ))
        .stderr("");
}

/// A client that resets the connection (a crashed program) ends the session with a
/// message, and exit status 0: the server did nothing wrong.
fn ends_when_the_client_resets(lesson: &str) {
    let mut server = start(lesson);
    let mut client = server.connect();
    exchange(lesson, &mut server, &mut client, b"hi\n", r#""hi\n""#);
    client.reset();
    server
        .finish()
        .assert()
        .success()
        .stdout(contains("the client reset the connection"))
        .stderr(contains("panicked").not());
}

/// "ab" and 400 Chinese characters in one write: the 1024-byte reads cut a character,
/// yet every character is printed whole, with no replacement character.
fn prints_characters_whole_across_reads(lesson: &str) {
    let message = format!("ab{}", "中".repeat(400));
    let server = start(lesson);
    let mut client = server.connect();
    client.send(&message);
    client.shutdown_write();
    let replies = client.read_to_end();
    let output = server.finish();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert_eq!(received_text(&stdout), message, "\n{stdout}");
    assert!(!replies.is_empty() || !self::replies(lesson));
    output
        .assert()
        .success()
        .stdout(contains('\u{FFFD}').not().and(contains("\\x").not()))
        .stdout(contains("wait for the next read"))
        .stderr("");
}

/// A character cut between two writes (the server prints the first part before the
/// rest is sent) is printed whole by the second read.
fn completes_a_character_cut_between_reads(lesson: &str) {
    let bytes = "中\n".as_bytes();
    let mut server = start(lesson);
    let mut client = server.connect();
    exchange(lesson, &mut server, &mut client, &bytes[..2], r#""""#);
    exchange(lesson, &mut server, &mut client, &bytes[2..], r#""中\n""#);
    client.send("exit\n");
    server.expect_line("the client sent exit");
    drop(client);
    server
        .finish()
        .assert()
        .success()
        .stdout(contains(
            "received 2 bytes: \"\"\n  (2 bytes of a character",
        ))
        .stdout(contains("received 2 bytes: \"中\\n\""));
}

/// Bytes that are not UTF-8 are shown as `\xNN` with a warning, and the session goes
/// on to end normally.
fn survives_invalid_bytes(lesson: &str) {
    let mut server = start(lesson);
    let mut client = server.connect();
    exchange(
        lesson,
        &mut server,
        &mut client,
        b"\xff\xfehello\n",
        r#""\xFF\xFEhello\n""#,
    );
    client.send("exit\n");
    server.expect_line("the client sent exit");
    drop(client);
    server
        .finish()
        .assert()
        .success()
        .stderr(contains("2 bytes are not valid UTF-8"));
}

macro_rules! sessions {
    ($($lesson:ident)*) => {$(
        mod $lesson {
            const LESSON: &str = stringify!($lesson);

            #[test]
            fn ends_on_exit_alone() {
                super::ends_on_client_exit(LESSON, "exit");
            }

            #[test]
            fn ends_on_exit_and_lf() {
                super::ends_on_client_exit(LESSON, "exit\n");
            }

            #[test]
            fn ends_on_exit_and_crlf() {
                super::ends_on_client_exit(LESSON, "exit\r\n");
            }

            #[test]
            fn ends_promptly_when_the_client_closes() {
                super::ends_promptly_when_the_client_closes(LESSON);
            }

            #[test]
            fn ends_when_the_client_resets() {
                super::ends_when_the_client_resets(LESSON);
            }

            #[test]
            fn prints_characters_whole_across_reads() {
                super::prints_characters_whole_across_reads(LESSON);
            }

            #[test]
            fn completes_a_character_cut_between_reads() {
                super::completes_a_character_cut_between_reads(LESSON);
            }

            #[test]
            fn survives_invalid_bytes() {
                super::survives_invalid_bytes(LESSON);
            }
        }
    )*};
}

sessions!(step5_recv step6_send step7_close);
