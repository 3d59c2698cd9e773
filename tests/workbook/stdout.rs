//! A closed stdout (`cargo run --example … | head -n 1`) ends a program quietly, with
//! its normal exit status: no panic, in every family. Each test starts a program with
//! stdout a pipe, reads its first line, closes the pipe, makes the program print more
//! (a client connects, stdin closes), and expects exit status 0 and no panic.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::check::{DEADLINE, readiness};
use crate::support::{executable, executable_with_features, features};

/// A child killed and reaped on every way out.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `command` with its three streams piped, reads its first stdout line, then
/// closes stdout: from now on each write to it fails with `BrokenPipe`.
#[track_caller]
fn start_and_close_stdout(mut command: Command) -> (Running, String) {
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "WORKBOOK_LANG"] {
        command.env_remove(var);
    }
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = Running(command.spawn().expect("the program starts"));
    let stdout = child.0.stdout.take().expect("a stdout");
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).expect("a first line");
    drop(reader);
    (child, first)
}

/// Waits for the end of `child` within the deadline, and expects exit status 0 and no
/// panic on stderr.
#[track_caller]
fn ends_quietly(mut child: Running, what: &str) {
    drop(child.0.stdin.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().expect("a status") {
            break status;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "{what}: still running {DEADLINE:?} after its stdout closed"
        );
        // Polling: std has no wait with a timeout. 10 ms is far below the deadline.
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    if let Some(mut err) = child.0.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    assert_eq!(status.code(), Some(0), "{what}: {status}\n{stderr}");
}

/// A client that sends `lines`, reads what comes back for a moment, and closes. The
/// program may have ended already, quietly, at the first line it could not print (the
/// line after `listening on`): then the connect is refused, or the connection it had
/// queued is reset, and there is nothing to say; how the program ended is what
/// [`ends_quietly`] judges.
fn client_says(addr: SocketAddr, lines: &str) {
    let Ok(mut client) = TcpStream::connect(addr) else {
        return;
    };
    client
        .set_read_timeout(Some(Duration::from_millis(500)))
        .expect("a read timeout");
    if client.write_all(lines.as_bytes()).is_ok() {
        let mut some = [0u8; 256];
        let _ = client.read(&mut some);
    }
}

/// A server of `example`, its first line read, stdout closed, a client served.
#[track_caller]
fn server_with_closed_stdout(path: std::path::PathBuf, example: &str, lines: &str) {
    let mut command = Command::new(path);
    command.arg("127.0.0.1:0");
    let (child, first) = start_and_close_stdout(command);
    let addr = readiness(&first).unwrap_or_else(|| panic!("{example}: {first:?}"));
    client_says(addr, lines);
    ends_quietly(child, example);
}

/// Steps: step 5 prints each read; with stdout closed it ends with status 0.
#[test]
fn a_step_ends_quietly_when_stdout_closes() {
    server_with_closed_stdout(executable("step5_recv"), "step5_recv", "hello\nexit\n");
}

/// Extras: extra_echo with stdout closed ends with status 0.
#[test]
fn an_extra_ends_quietly_when_stdout_closes() {
    server_with_closed_stdout(executable("extra_echo"), "extra_echo", "hello\nexit\n");
}

/// The ladder: step 8 (a thread per client) and step 9 (a pool) print through a queue;
/// its writer ends the program with status 0 when stdout closes.
#[test]
fn ladder_servers_end_quietly_when_stdout_closes() {
    for example in ["step8_threads", "step9_pool"] {
        let path = executable_with_features(example, &features());
        server_with_closed_stdout(path, example, "hello\nexit\n");
    }
}

/// The ladder's async servers: step 11 and the chat.
#[cfg(feature = "async")]
#[test]
fn async_servers_end_quietly_when_stdout_closes() {
    for example in ["step11_async", "chat_server"] {
        let path = executable_with_features(example, &features());
        server_with_closed_stdout(path, example, "alice\nhello\nexit\n");
    }
}

/// Pitfalls: a demo prints a dozen lines; with stdout closed after the first it ends
/// with status 0.
#[test]
fn a_pitfall_ends_quietly_when_stdout_closes() {
    for pitfall in ["pitfall_byte_stream", "pitfall_bind_all", "pitfall_nagle"] {
        let (child, _) = start_and_close_stdout(Command::new(executable(pitfall)));
        ends_quietly(child, pitfall);
    }
}

/// loadgen: its first line, then its summary, against a quiet step 8.
#[cfg(feature = "loadgen")]
#[test]
fn loadgen_ends_quietly_when_stdout_closes() {
    let server = crate::support::program("step8_threads")
        .server()
        .arg("--quiet")
        .start()
        .expect("a server");
    let mut command = Command::new(executable_with_features("loadgen", &features()));
    command
        .arg(server.addr.to_string())
        .args(["-c", "5", "-m", "20"]);
    let (child, _) = start_and_close_stdout(command);
    ends_quietly(child, "loadgen");
}

/// `--help` of every family, with stdout closed before it is read.
#[test]
fn help_ends_quietly_when_stdout_closes() {
    for example in [
        "step5_recv",
        "extra_echo",
        "pitfall_byte_stream",
        "step8_threads",
    ] {
        let mut command = Command::new(executable(example));
        command.arg("--help");
        for var in ["LANG", "LC_ALL", "LC_MESSAGES", "WORKBOOK_LANG"] {
            command.env_remove(var);
        }
        let output = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .and_then(|mut child| {
                // Closed before the program writes, most often: what it then writes fails.
                drop(child.stdout.take());
                child.wait_with_output()
            })
            .expect("a run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{example}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{example}: {stderr}");
    }
}
