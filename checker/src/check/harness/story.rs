//! The story of a check: what the test did and what the program wrote, kept bounded,
//! and the account of a failure built from it.

use std::fmt;
use std::process::ExitStatus;
use std::sync::{Arc, Mutex, PoisonError};

use crate::text::check as text;

/// What the test did so far, and what the program wrote: shared by a server and its
/// clients so that any failure can tell the whole story.
#[derive(Default)]
pub(super) struct Story {
    pub(super) command: String,
    pub(super) did: Vec<String>,
    pub(super) stdout: Capped,
    pub(super) stderr: Capped,
    /// The program's output streams not closed yet (0 once it has ended).
    pub(super) open_streams: usize,
    /// Why the watchdog stopped the program, if it did (it spun).
    pub(super) stopped: Option<String>,
}

/// How much of each output stream is kept: its first bytes (room for a 64 KiB line and
/// more) and its last ones; what lies between is counted, not kept.
pub(super) const KEEP_HEAD: usize = 256 * 1024;
pub(super) const KEEP_TAIL: usize = 64 * 1024;
/// How much of each stream an account of failure shows, head and tail.
pub(super) const SHOW_HEAD: usize = 8 * 1024;
pub(super) const SHOW_TAIL: usize = 8 * 1024;
/// The most bytes of lines waiting to be read by a check; past it, lines are dropped
/// from the queue (they stay in the output kept).
pub(super) const QUEUE_LIMIT: usize = 4 * 1024 * 1024;
/// The longest line passed to a check whole; a longer one arrives in pieces.
pub(super) const LINE_LIMIT: usize = 1024 * 1024;

/// An output stream, kept head and tail, with a count of the bytes left out between.
#[derive(Default)]
pub(super) struct Capped {
    pub(super) head: Vec<u8>,
    pub(super) tail: Vec<u8>,
    pub(super) dropped: usize,
}

impl Capped {
    pub(super) fn push(&mut self, mut bytes: &[u8]) {
        if self.head.len() < KEEP_HEAD {
            let room = (KEEP_HEAD - self.head.len()).min(bytes.len());
            self.head.extend_from_slice(&bytes[..room]);
            bytes = &bytes[room..];
        }
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > 2 * KEEP_TAIL {
            let extra = self.tail.len() - KEEP_TAIL;
            self.tail.drain(..extra);
            self.dropped += extra;
        }
    }

    /// How many bytes the stream has carried, kept or not.
    pub(super) fn total(&self) -> usize {
        self.head.len() + self.tail.len() + self.dropped
    }

    /// The text kept, with a note of what was left out.
    pub(super) fn text(&self) -> String {
        self.clipped(usize::MAX, usize::MAX)
    }

    /// At most `head` bytes of the start and `tail` of the end, as text.
    pub(super) fn clipped(&self, head: usize, tail: usize) -> String {
        let all: Vec<u8> = self.head.iter().chain(&self.tail).copied().collect();
        let dropped_inside = self.dropped;
        let (start, end, dropped) = if all.len() > head.saturating_add(tail) {
            (
                &all[..head],
                &all[all.len() - tail..],
                dropped_inside + all.len() - head - tail,
            )
        } else if dropped_inside > 0 {
            let split = self.head.len();
            (&all[..split], &all[split..], dropped_inside)
        } else {
            return String::from_utf8_lossy(&all).into_owned();
        };
        let mut text = String::from_utf8_lossy(start).into_owned();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&text::dropped_bytes(dropped));
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(end));
        text
    }
}

pub(super) type Shared = Arc<Mutex<Story>>;

pub(super) fn lock(story: &Shared) -> std::sync::MutexGuard<'_, Story> {
    story.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(super) fn record(story: &Shared, action: String) {
    lock(story).did.push(action);
}

pub(super) fn failure(story: &Shared, expected: String, found: String) -> Failure {
    // A program that is ending writes its last words now (`error: …` and exit 1): give
    // its output a moment to arrive whole, so the account shows all of its stderr.
    let until = std::time::Instant::now() + std::time::Duration::from_millis(250);
    while lock(story).open_streams > 0 && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let story = lock(story);
    // A line printed again and again is folded, and named as the likely cause.
    let (stdout, repeated) = super::super::fold::fold(&story.stdout.clipped(SHOW_HEAD, SHOW_TAIL));
    let (stderr, repeated_err) =
        super::super::fold::fold(&story.stderr.clipped(SHOW_HEAD, SHOW_TAIL));
    // A program stopped for spinning: that is what went wrong, whatever the step saw
    // of its end (killed by a signal).
    let found = match &story.stopped {
        Some(stopped) => stopped.clone(),
        None => found,
    };
    let found = match repeated.or(repeated_err) {
        Some(_) if story.stopped.is_some() => found,
        Some((line, count)) => format!("{found}\n{}", text::found_repeated(&line, count)),
        None => found,
    };
    Failure(Box::new(Account {
        expected,
        found,
        command: story.command.clone(),
        did: story.did.clone(),
        stdout,
        stderr,
    }))
}

/// A check that did not hold; its [`Account`] tells what and how.
#[derive(Clone, PartialEq, Eq)]
pub struct Failure(Box<Account>);

impl std::ops::Deref for Failure {
    type Target = Account;

    fn deref(&self) -> &Account {
        &self.0
    }
}

/// What a failed check expected, what happened instead, what the check did, and what
/// the program printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// What the check expected.
    pub expected: String,
    /// What happened instead.
    pub found: String,
    /// The program's command line.
    pub command: String,
    /// What the test did, in order.
    pub did: Vec<String>,
    /// What the program wrote on stdout.
    pub stdout: String,
    /// What the program wrote on stderr.
    pub stderr: String,
}

impl Failure {
    /// A failure with no program involved.
    pub fn new(expected: String, found: String) -> Failure {
        failure(&Shared::default(), expected, found)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labelled = socket_workbook::text::labelled;
        writeln!(f, "{}", labelled(&text::label_expected(), &self.expected))?;
        writeln!(f, "{}", labelled(&text::label_found(), &self.found))?;
        writeln!(f, "{}", labelled(&text::label_did(), "").trim_end())?;
        if !self.command.is_empty() {
            writeln!(f, "  - {}", text::did_start(&self.command))?;
        }
        for action in &self.did {
            writeln!(f, "  - {action}")?;
        }
        for (label, output) in [
            (text::label_stdout(), &self.stdout),
            (text::label_stderr(), &self.stderr),
        ] {
            if output.trim().is_empty() {
                writeln!(f, "{}", labelled(&label, &text::nothing()))?;
            } else {
                writeln!(f, "{}", labelled(&label, "").trim_end())?;
                for line in output.lines() {
                    writeln!(f, "  | {line}")?;
                }
            }
        }
        Ok(())
    }
}

// A test that returns `Err(Failure)` prints it with `Debug`: show the same account.
impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Failure {}

/// Exit status 0, 1, … or the signal that ended a program.
pub(super) fn describe(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => text::exit_code(code),
        None => text::killed(&status.to_string()),
    }
}
