//! The harness: runs a lesson's program as a child process, waits for its readiness
//! line, drives a TCP client against it and feeds its stdin.
//!
//! Every blocking step has a deadline, a server child is killed and reaped when its
//! handle drops, and a failing test prints what the child wrote. Servers listen on
//! `127.0.0.1:0`, so tests run in parallel without sharing ports.
//!
//! Which program plays a lesson is decided in one place, [`program_name`]: the
//! reference example by default, or a student's exercise of the same step.

#![allow(dead_code)] // Each test module uses its own part of the harness.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// The longest any one step may take: a server starting, a line arriving, a process
/// ending. Generous, because it only decides how long a broken program takes to fail.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Chooses the program under test. `WORKBOOK_UNDER_TEST=exercise` points the same
/// tests at the student's exercise of the step (`step4_accept` → `exercise4_accept`).
pub const UNDER_TEST_VAR: &str = "WORKBOOK_UNDER_TEST";

/// The example target that plays `lesson` in this run.
pub fn program_name(lesson: &str) -> String {
    match std::env::var(UNDER_TEST_VAR).as_deref() {
        Ok("exercise") => lesson.replacen("step", "exercise", 1),
        _ => lesson.to_string(),
    }
}

/// The path of the program that plays `lesson`, built through Cargo once per test run.
pub fn program(lesson: &str) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let name = program_name(lesson);
    // One build at a time: parallel tests would only queue on Cargo's lock.
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(path) = built.get(&name) {
        return path.clone();
    }
    let run = escargot::CargoBuild::new()
        .example(&name)
        .manifest_path(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .run()
        .unwrap_or_else(|error| panic!("could not build example `{name}`: {error}"));
    let path = run.path().to_path_buf();
    built.insert(name, path.clone());
    path
}

/// A command for `lesson` with the environment the tests assume: English, whatever
/// the machine's locale, unless a test asks otherwise.
pub fn command(lesson: &str) -> Command {
    let mut command = Command::new(program(lesson));
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "WORKBOOK_LANG"] {
        command.env_remove(var);
    }
    command
}

/// A one-shot run of `lesson` for assert_cmd, ended by [`DEADLINE`].
pub fn run(lesson: &str) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(command(lesson));
    command.timeout(DEADLINE);
    command
}

/// The address in a readiness line, `listening on <addr>` (or its Chinese form,
/// which ends with the address too).
pub fn readiness(line: &str) -> Option<SocketAddr> {
    let line = line.trim_end();
    if !(line.starts_with("listening on ") || line.starts_with("正在监听")) {
        return None;
    }
    line.rsplit(' ').next()?.parse().ok()
}

/// What a child wrote so far.
#[derive(Default)]
struct Transcript {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// How to start a server lesson; [`Server::start`] is the common case.
pub struct Launch {
    lesson: String,
    addr: String,
    args: Vec<OsString>,
    envs: Vec<(String, String)>,
    stdin: Vec<u8>,
}

impl Launch {
    /// `lesson` on `127.0.0.1:0`, in English, with nothing on stdin yet.
    pub fn new(lesson: &str) -> Launch {
        Launch {
            lesson: lesson.to_string(),
            addr: "127.0.0.1:0".to_string(),
            args: Vec::new(),
            envs: Vec::new(),
            stdin: Vec::new(),
        }
    }

    /// Listen on `addr` instead of a free port.
    pub fn addr(mut self, addr: impl ToString) -> Launch {
        self.addr = addr.to_string();
        self
    }

    /// One more argument after the address.
    pub fn arg(mut self, arg: impl Into<OsString>) -> Launch {
        self.args.push(arg.into());
        self
    }

    /// An environment variable for the child.
    pub fn env(mut self, key: &str, value: &str) -> Launch {
        self.envs.push((key.to_string(), value.to_string()));
        self
    }

    /// Text written to the child's stdin at once (replies typed ahead); stdin stays
    /// open until [`Server::close_stdin`] or [`Server::finish`].
    pub fn typed_ahead(mut self, text: &str) -> Launch {
        self.stdin.extend_from_slice(text.as_bytes());
        self
    }

    /// Starts the server and waits for its readiness line.
    #[track_caller]
    pub fn start(self) -> Server {
        let mut command = command(&self.lesson);
        command
            .arg(&self.addr)
            .args(&self.args)
            .envs(self.envs.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let description = format!("{} {} {:?}", self.lesson, self.addr, self.args);
        let mut child = command
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {description}: {error}"));

        let transcript = Arc::new(Mutex::new(Transcript::default()));
        let (lines_tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let readers = vec![
            spawn_reader(stdout, Arc::clone(&transcript), Some(lines_tx), true),
            spawn_reader(stderr, Arc::clone(&transcript), None, false),
        ];
        let stdin = child.stdin.take();
        let mut server = Server {
            description,
            child,
            stdin,
            lines,
            transcript,
            readers,
            addr: "0.0.0.0:0".parse().expect("a socket address"),
            finished: false,
        };
        if !self.stdin.is_empty() {
            server.write_stdin(&self.stdin);
        }
        let line = server.expect_line_where("a readiness line `listening on <addr>`", |line| {
            readiness(line).is_some()
        });
        server.addr = readiness(&line).expect("checked by the predicate");
        server
    }
}

/// Copies one output stream of the child into the transcript, and stdout's lines
/// into a channel as well.
fn spawn_reader(
    stream: impl Read + Send + 'static,
    transcript: Arc<Mutex<Transcript>>,
    lines: Option<mpsc::Sender<String>>,
    is_stdout: bool,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            {
                let mut transcript = transcript.lock().unwrap_or_else(|p| p.into_inner());
                let buffer = if is_stdout {
                    &mut transcript.stdout
                } else {
                    &mut transcript.stderr
                };
                buffer.extend_from_slice(&line);
            }
            if let Some(lines) = &lines {
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                let _ = lines.send(text);
            }
        }
    })
}

/// A running server lesson. Dropping it kills and reaps the child; if the test is
/// failing, it prints what the child wrote.
pub struct Server {
    description: String,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    transcript: Arc<Mutex<Transcript>>,
    readers: Vec<JoinHandle<()>>,
    /// The address from the readiness line.
    pub addr: SocketAddr,
    finished: bool,
}

impl Server {
    /// `lesson` on a free port of 127.0.0.1, ready for clients.
    #[track_caller]
    pub fn start(lesson: &str) -> Server {
        Launch::new(lesson).start()
    }

    /// A client connected to this server.
    #[track_caller]
    pub fn connect(&self) -> Client {
        Client::connect(self.addr)
    }

    /// What the child wrote so far, for failure messages.
    pub fn transcript(&self) -> String {
        let transcript = self.transcript.lock().unwrap_or_else(|p| p.into_inner());
        format!(
            "--- {} stdout ---\n{}--- stderr ---\n{}---",
            self.description,
            String::from_utf8_lossy(&transcript.stdout),
            String::from_utf8_lossy(&transcript.stderr)
        )
    }

    /// Waits for the next stdout line that contains `needle`, skipping the others.
    #[track_caller]
    pub fn expect_line(&mut self, needle: &str) -> String {
        self.expect_line_where(&format!("a line containing {needle:?}"), |line| {
            line.contains(needle)
        })
    }

    /// Waits for the next stdout line that satisfies `wanted`, skipping the others.
    #[track_caller]
    pub fn expect_line_where(&mut self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("waited {DEADLINE:?} for {what}\n{}", self.transcript())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait_timeout(DEADLINE).ok().flatten();
                    panic!(
                        "the program ended ({status:?}) before printing {what}\n{}",
                        self.transcript()
                    )
                }
            }
        }
    }

    /// Writes `bytes` to the child's stdin.
    #[track_caller]
    pub fn write_stdin(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is still open");
        // The child may have ended already; what it did then is the test's to check.
        let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
    }

    /// Types one line on the child's stdin, as the operator would.
    #[track_caller]
    pub fn type_line(&mut self, line: &str) {
        self.write_stdin(format!("{line}\n").as_bytes());
    }

    /// Closes the child's stdin (end of input, as Ctrl+D).
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Closes stdin, waits up to [`DEADLINE`] for the child to end, and returns all it
    /// wrote, for assertions with assert_cmd's `OutputAssertExt`.
    #[track_caller]
    pub fn finish(self) -> Output {
        self.finish_within(DEADLINE)
    }

    /// As [`finish`](Server::finish), with a shorter deadline.
    #[track_caller]
    pub fn finish_within(mut self, limit: Duration) -> Output {
        self.close_stdin();
        let status = match self.child.wait_timeout(limit) {
            Ok(Some(status)) => status,
            Ok(None) => panic!(
                "the program did not end within {limit:?}\n{}",
                self.transcript()
            ),
            Err(error) => panic!(
                "could not wait for the program: {error}\n{}",
                self.transcript()
            ),
        };
        self.finished = true;
        self.collect(status)
    }

    /// Joins the output readers (the child has ended, so its pipes are closing) and
    /// returns everything it wrote.
    fn collect(&mut self, status: ExitStatus) -> Output {
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        let transcript = self.transcript.lock().unwrap_or_else(|p| p.into_inner());
        Output {
            status,
            stdout: transcript.stdout.clone(),
            stderr: transcript.stderr.clone(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if thread::panicking() {
            eprintln!("{}", self.transcript());
        }
    }
}

/// A test's TCP client: every read and write has a deadline.
pub struct Client {
    stream: TcpStream,
}

impl Client {
    /// Connects to `addr` within [`DEADLINE`].
    #[track_caller]
    pub fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect_timeout(&addr, DEADLINE)
            .unwrap_or_else(|error| panic!("could not connect to {addr}: {error}"));
        stream
            .set_read_timeout(Some(DEADLINE))
            .expect("read timeout");
        stream
            .set_write_timeout(Some(DEADLINE))
            .expect("write timeout");
        Client { stream }
    }

    /// The client's own address, as the server should report it.
    pub fn local_addr(&self) -> SocketAddr {
        self.stream
            .local_addr()
            .expect("a connected socket has an address")
    }

    /// Sends all of `bytes` in one write call.
    #[track_caller]
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.stream
            .write_all(bytes.as_ref())
            .unwrap_or_else(|error| panic!("could not send: {error}"));
    }

    /// Reads one line (up to `\n`, included).
    #[track_caller]
    pub fn read_line(&mut self) -> String {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while !line.ends_with(b"\n") {
            match self.stream.read(&mut byte) {
                Ok(0) => panic!("end of stream after {:?}", String::from_utf8_lossy(&line)),
                Ok(_) => line.push(byte[0]),
                Err(error) => panic!("no line within {DEADLINE:?}: {error}"),
            }
        }
        String::from_utf8(line).expect("a UTF-8 line")
    }

    /// Reads until the server ends the stream, and returns what came before it.
    #[track_caller]
    pub fn read_to_end(&mut self) -> Vec<u8> {
        let mut all = Vec::new();
        self.stream
            .read_to_end(&mut all)
            .unwrap_or_else(|error| panic!("no end of stream within {DEADLINE:?}: {error}"));
        all
    }

    /// Closes the sending side: the server reads end-of-stream, and we can still read.
    pub fn shutdown_write(&self) {
        self.stream
            .shutdown(Shutdown::Write)
            .expect("shutdown of a connected socket");
    }

    /// Ends the connection with a reset (RST) instead of an orderly close, as a client
    /// program that crashes does.
    pub fn reset(self) {
        socket2::SockRef::from(&self.stream)
            .set_linger(Some(Duration::ZERO))
            .expect("SO_LINGER");
        drop(self.stream);
    }
}
