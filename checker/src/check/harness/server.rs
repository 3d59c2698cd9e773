//! A running program: its output read as it comes, its stdin typed on, its end awaited;
//! and a program that has ended.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, ExitStatus};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use predicates::Predicate;
use wait_timeout::ChildExt;

use super::bounded::kill_group;
use super::story::{LINE_LIMIT, QUEUE_LIMIT, Shared, describe, failure, lock, record};
use super::{Client, Failure, Outcome};
use crate::text::check as text;
use socket_workbook::message::show;

/// Copies one output stream of the child into the story as it comes (a prompt with no
/// line ending too), and its lines into a channel as well. For stdout, `ticks` hears
/// of every piece, so that [`Server::expect_prompt`] can look at a line not ended yet.
///
/// Bounded whatever the program writes: the story keeps head and tail of each stream,
/// a line longer than [`LINE_LIMIT`] arrives in pieces, and lines that no check reads
/// wait in the queue up to [`QUEUE_LIMIT`] bytes, then are dropped from it.
pub(super) fn spawn_reader(
    mut stream: impl Read + Send + 'static,
    story: Shared,
    (lines, queued): (mpsc::Sender<String>, Arc<AtomicUsize>),
    ticks: Option<mpsc::Sender<()>>,
) -> JoinHandle<()> {
    let is_stdout = ticks.is_some();
    thread::spawn(move || {
        let mut piece = [0u8; 4096];
        let mut line = Vec::new();
        // A line for the checks, unless too many wait unread already.
        let send = |line: &[u8]| {
            if queued.load(Ordering::SeqCst) + line.len() > QUEUE_LIMIT {
                return;
            }
            let text = String::from_utf8_lossy(line).trim_end().to_string();
            queued.fetch_add(text.len(), Ordering::SeqCst);
            let _ = lines.send(text);
        };
        loop {
            let n = match stream.read(&mut piece) {
                Ok(0) => break,
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            {
                let mut story = lock(&story);
                let output = if is_stdout {
                    &mut story.stdout
                } else {
                    &mut story.stderr
                };
                output.push(&piece[..n]);
            }
            for &byte in &piece[..n] {
                line.push(byte);
                if byte == b'\n' || line.len() >= LINE_LIMIT {
                    send(&line);
                    line.clear();
                }
            }
            if let Some(ticks) = &ticks {
                let _ = ticks.send(());
            }
        }
        if !line.is_empty() {
            send(&line);
        }
        let mut story = lock(&story);
        story.open_streams = story.open_streams.saturating_sub(1);
    })
}

/// A running program. Dropping it kills and reaps the child.
pub struct Server {
    pub(super) child: Child,
    pub(super) stdin: Option<ChildStdin>,
    pub(super) lines: Receiver<String>,
    pub(super) errors: Receiver<String>,
    pub(super) story: Shared,
    pub(super) readers: Vec<JoinHandle<()>>,
    /// Bytes of lines waiting in `lines` and `errors`.
    pub(super) queued: Arc<AtomicUsize>,
    /// The address from the readiness line.
    pub addr: SocketAddr,
    pub(super) deadline: Duration,
    pub(super) ended: bool,
    /// A signal for each piece of stdout, for [`Server::expect_prompt`].
    pub(super) ticks: Receiver<()>,
    /// How many prompts [`Server::expect_prompt`] has seen.
    pub(super) prompts_seen: usize,
    /// Stops a student's program that spins (see `watchdog.rs`).
    pub(super) watchdog: Option<super::watchdog::Watchdog>,
}

impl Server {
    /// Waits until stdout shows `prompt` once more than the prompts already seen:
    /// a prompt ends no line (the operator types on it), so it is looked for in
    /// everything printed, not line by line.
    pub fn expect_prompt(&mut self, prompt: &str) -> Outcome {
        let deadline = Instant::now() + self.deadline;
        loop {
            let shown = lock(&self.story).stdout.text().matches(prompt).count();
            if shown > self.prompts_seen {
                self.prompts_seen += 1;
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.ticks.recv_timeout(left) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    let found = text::found_nothing_within(self.deadline);
                    return Err(self.fail(text::expect_prompt(prompt), found));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.fail(text::expect_prompt(prompt), text::found_stdout_closed()));
                }
            }
        }
    }

    /// Whether the program has ended already (it is then reaped).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Whether the program has ended within `limit` (without consuming the handle):
    /// `false` when it is still running then. It is not killed either way.
    pub fn ends_within(&mut self, limit: Duration) -> bool {
        // Reaped or not, its group (any child it started) is still killed on drop.
        matches!(self.child.wait_timeout(limit), Ok(Some(_)))
    }

    /// What the program has printed on stdout so far, all of it.
    pub fn stdout_so_far(&self) -> String {
        lock(&self.story).stdout.text()
    }

    /// Waits, at most `limit`, until what the program printed on stdout (all of it, a
    /// line not ended yet included) satisfies `wanted`; whether it did.
    pub fn wait_for_stdout(&mut self, limit: Duration, wanted: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if wanted(&self.stdout_so_far()) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.ticks.recv_timeout(left) {
                Ok(()) => continue,
                Err(_) => return wanted(&self.stdout_so_far()),
            }
        }
    }

    /// Tells what the check did that the harness cannot see.
    pub fn note(&self, action: String) {
        record(&self.story, action);
    }

    /// A client connected to this server.
    pub fn connect(&self) -> Outcome<Client> {
        Client::connect_within(self.addr, Arc::clone(&self.story), self.deadline)
    }

    /// Gives the program's output a moment to reach the story once it has ended, so
    /// that an account shows its last words (a panic's message on stderr).
    pub(super) fn settle(&self) {
        let until = Instant::now() + Duration::from_millis(500);
        while Instant::now() < until && !self.readers.iter().all(JoinHandle::is_finished) {
            // The readers end when the program's pipes close, with no event to wait on
            // but their ending: look again shortly.
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// A failure of this server's check, with the whole story so far.
    pub fn fail(&self, expected: String, found: String) -> Failure {
        failure(&self.story, expected, found)
    }

    /// Waits for the next stdout line that contains `needle`, skipping the others.
    pub fn expect_line(&mut self, needle: &str) -> Outcome<String> {
        self.expect_line_where(text::expect_line_containing(needle), |line| {
            line.contains(needle)
        })
    }

    /// Waits for the next stdout line that satisfies `wanted`, skipping the others;
    /// `what` describes it for a failure.
    pub fn expect_line_where(
        &mut self,
        what: String,
        wanted: impl Fn(&str) -> bool,
    ) -> Outcome<String> {
        self.expect_in(false, what, wanted)
    }

    /// Waits for the next stderr line that satisfies `wanted`, skipping the others;
    /// `what` describes it for a failure.
    pub fn expect_stderr_where(
        &mut self,
        what: String,
        wanted: impl Fn(&str) -> bool,
    ) -> Outcome<String> {
        self.expect_in(true, what, wanted)
    }
    /// Waits for the next stderr line that contains `needle`, skipping the others.
    pub fn expect_stderr_line(&mut self, needle: &str) -> Outcome<String> {
        self.expect_in(true, text::expect_stderr_has(needle), |line| {
            line.contains(needle)
        })
    }

    pub(super) fn expect_in(
        &mut self,
        stderr: bool,
        what: String,
        wanted: impl Fn(&str) -> bool,
    ) -> Outcome<String> {
        let deadline = Instant::now() + self.deadline;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let lines = if stderr { &self.errors } else { &self.lines };
            let received = lines.recv_timeout(left);
            if let Ok(line) = &received {
                self.queued.fetch_sub(line.len(), Ordering::SeqCst);
            }
            match received {
                Ok(line) if wanted(&line) => return Ok(line),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(self.fail(what, text::found_nothing_within(self.deadline)));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait_timeout(self.deadline).ok().flatten();
                    self.ended = status.is_some();
                    if self.ended {
                        self.settle();
                    }
                    let found = match status {
                        Some(status) => text::found_ended(&describe(status)),
                        None => text::found_stdout_closed(),
                    };
                    return Err(self.fail(what, found));
                }
            }
        }
    }

    pub(super) fn write_stdin(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            // The child may have ended already; what it did then is the check's to see.
            let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
        }
    }

    /// Types one line on the child's stdin, as the operator would.
    pub fn type_line(&mut self, line: &str) {
        record(&self.story, text::did_type(line));
        self.write_stdin(format!("{line}\n").as_bytes());
    }

    /// Types raw bytes and Enter on the child's stdin, as a terminal in another
    /// encoding (GBK on Chinese Windows) would send them.
    pub fn type_bytes(&mut self, bytes: &[u8]) {
        record(&self.story, text::did_type(&show(bytes)));
        let mut line = bytes.to_vec();
        line.push(b'\n');
        self.write_stdin(&line);
    }

    /// Closes the child's stdin (the end of input, as Ctrl+D).
    pub fn close_stdin(&mut self) {
        if self.stdin.take().is_some() {
            record(&self.story, text::did_close_stdin());
        }
    }

    /// Closes stdin, waits for the program to end, and returns what it wrote.
    pub fn finish(self) -> Outcome<Finished> {
        let deadline = self.deadline;
        self.finish_within(deadline)
    }

    /// As [`finish`](Server::finish), with another deadline.
    pub fn finish_within(mut self, limit: Duration) -> Outcome<Finished> {
        // Without a word on stdin, a program that waits for input ends here; closing it
        // says nothing about what the test did, so it is not recorded.
        self.stdin = None;
        let status = match self.child.wait_timeout(limit) {
            Ok(Some(status)) => status,
            Ok(None) => {
                return Err(self.fail(text::expect_end_within(limit), text::found_still_running()));
            }
            Err(error) => {
                return Err(self.fail(text::expect_end_within(limit), error.to_string()));
            }
        };
        self.ended = true;
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        Ok(Finished {
            status,
            story: Arc::clone(&self.story),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.watchdog = None;
        super::watchdog::note_if_stopped(&self.story);
        if !self.ended {
            kill_group(&mut self.child);
        }
    }
}

/// A program that has ended: its exit status and what it wrote, with checks.
pub struct Finished {
    /// The exit status.
    pub status: ExitStatus,
    pub(super) story: Shared,
}

impl Finished {
    /// What the program wrote on stdout.
    pub fn stdout(&self) -> String {
        lock(&self.story).stdout.text()
    }

    /// What the program wrote on stderr.
    pub fn stderr(&self) -> String {
        lock(&self.story).stderr.text()
    }

    /// Everything, for assert_cmd's `OutputAssertExt` in tests.
    pub fn output(&self) -> std::process::Output {
        let story = lock(&self.story);
        std::process::Output {
            status: self.status,
            stdout: story.stdout.text().into_bytes(),
            stderr: story.stderr.text().into_bytes(),
        }
    }

    /// A failure of a check of this run.
    pub fn fail(&self, expected: String, found: String) -> Failure {
        failure(&self.story, expected, found)
    }

    /// Expects exit status 0.
    pub fn success(&self) -> Outcome<&Self> {
        self.code(0)
    }

    /// Expects exit status `code`.
    pub fn code(&self, code: i32) -> Outcome<&Self> {
        if self.status.code() == Some(code) {
            Ok(self)
        } else {
            Err(self.fail(text::exit_code(code), describe(self.status)))
        }
    }

    /// Expects stdout to contain `needle`.
    pub fn stdout_has(&self, needle: &str) -> Outcome<&Self> {
        let pass = predicates::str::contains(needle).eval(&self.stdout());
        self.expect(pass, || text::expect_stdout_has(needle))
    }

    /// Expects stdout not to contain `needle`.
    pub fn stdout_lacks(&self, needle: &str) -> Outcome<&Self> {
        let pass = !predicates::str::contains(needle).eval(&self.stdout());
        self.expect(pass, || text::expect_stdout_lacks(needle))
    }

    /// Expects stderr to contain `needle`.
    pub fn stderr_has(&self, needle: &str) -> Outcome<&Self> {
        let pass = predicates::str::contains(needle).eval(&self.stderr());
        self.expect(pass, || text::expect_stderr_has(needle))
    }

    /// Expects stderr not to contain `needle`.
    pub fn stderr_lacks(&self, needle: &str) -> Outcome<&Self> {
        let pass = !predicates::str::contains(needle).eval(&self.stderr());
        self.expect(pass, || text::expect_stderr_lacks(needle))
    }

    /// Expects nothing on stderr: no warning, no error.
    pub fn stderr_empty(&self) -> Outcome<&Self> {
        let pass = predicates::str::is_empty().eval(self.stderr().as_str());
        self.expect(pass, text::expect_stderr_empty)
    }

    pub(super) fn expect(&self, pass: bool, expected: impl FnOnce() -> String) -> Outcome<&Self> {
        if pass {
            Ok(self)
        } else {
            Err(self.fail(expected(), text::found_see_output()))
        }
    }
}
