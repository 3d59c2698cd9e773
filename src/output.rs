//! A program's output: the macros a lesson prints its own words with, in both
//! languages, at the line where it prints them, and the functions under them (stdout,
//! stderr, and the queue of a server that must never wait on its terminal):
//!
//! ```
//! # use socket_workbook::say;
//! # let peer = "127.0.0.1:53422";
//! say!("accepted connection from {peer}", "接收到客户端连接，连接来自：{peer}");
//! ```
//!
//! English or Chinese is chosen once per run ([`crate::lang::current`]); each text is a
//! `format!` string that names its values inline. A student reads in the example
//! exactly what the program prints.
//!
//! | macro | where it writes |
//! |---|---|
//! | [`say!`](crate::say!) | one line on stdout |
//! | [`prompt!`](crate::prompt!) | stdout with no line ending, flushed: the operator types on the same line |
//! | [`warn!`](crate::warn!) | one line on stderr, for warnings and notes that are not the program's output |
//! | [`words!`](crate::words!) | a `String`, for text that goes elsewhere (a message to a client, a help line) |
//! | [`outln!`](crate::outln!) | `println!` for text in no language (the readiness line, a table of figures) |
//!
//! When stdout is closed (`cargo run --example step5_recv | head -n 1`), writing to it
//! fails with `BrokenPipe`; Rust's `println!` would panic. These macros end the program
//! quietly instead, with exit status 0: the reader has all it asked for.

use std::fmt::Arguments;
use std::io::{self, ErrorKind, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::time::{Duration, Instant};

use crate::lang::{self, Lang};

/// Prints one line on stdout in the language of this run: `say!(english, chinese)`.
#[macro_export]
macro_rules! say {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => $crate::output::stdout_line(::std::format_args!($en)),
            $crate::lang::Lang::Zh => $crate::output::stdout_line(::std::format_args!($zh)),
        }
    };
}

/// Prints on stdout with no line ending and flushes, so that what the operator types
/// follows on the same line: `prompt!("reply: ", "请输入回复消息: ")`.
#[macro_export]
macro_rules! prompt {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => $crate::output::stdout_prompt(::std::format_args!($en)),
            $crate::lang::Lang::Zh => $crate::output::stdout_prompt(::std::format_args!($zh)),
        }
    };
}

/// Prints one line on stderr in the language of this run: warnings and notes, which
/// are not the program's output.
#[macro_export]
macro_rules! warn {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => $crate::output::stderr_line(::std::format_args!($en)),
            $crate::lang::Lang::Zh => $crate::output::stderr_line(::std::format_args!($zh)),
        }
    };
}

/// The text in the language of this run, as a `String`: `words!(english, chinese)`.
#[macro_export]
macro_rules! words {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => ::std::format!($en),
            $crate::lang::Lang::Zh => ::std::format!($zh),
        }
    };
}

/// `println!`, but a closed stdout ends the program quietly: for text that is the same in
/// every language, such as the readiness line `listening on 127.0.0.1:8888`.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::output::stdout_line(::std::format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::output::stdout_line(::std::format_args!($($arg)*))
    };
}

/// `print!` with a flush, and a closed stdout ends the program quietly.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::stdout_prompt(::std::format_args!($($arg)*))
    };
}

/// Writes one line on stdout (what [`say!`](crate::say!) does).
pub fn stdout_line(text: Arguments<'_>) {
    if let Some(queue) = QUEUE.get() {
        queue.push(format!("{text}\n"));
        return;
    }
    let mut out = io::stdout().lock();
    let written = out.write_fmt(text).and_then(|()| out.write_all(b"\n"));
    quit_if_closed(written);
}

/// Writes on stdout without a line ending, then flushes (what [`prompt!`](crate::prompt!) does).
pub fn stdout_prompt(text: Arguments<'_>) {
    if let Some(queue) = QUEUE.get() {
        queue.push(text.to_string());
        return;
    }
    let mut out = io::stdout().lock();
    let written = out.write_fmt(text).and_then(|()| out.flush());
    quit_if_closed(written);
}

/// How many lines of output may wait for a slow stdout once [`queue_stdout`] is on.
pub const QUEUED_LINES: usize = 4096;

/// The queue of output lines, once [`queue_stdout`] has started it.
static QUEUE: OnceLock<Queue> = OnceLock::new();

/// Output waiting for stdout, and how many lines did not fit.
struct Queue {
    lines: SyncSender<Message>,
    dropped: AtomicUsize,
}

/// What the writer thread is given.
enum Message {
    /// Text to write.
    Text(String),
    /// Answer when every text before this one is written.
    Flushed(mpsc::Sender<()>),
}

impl Queue {
    /// Queues text without ever waiting: when the queue is full, the text is dropped
    /// and counted.
    fn push(&self, text: String) {
        match self.lines.try_send(Message::Text(text)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
            // The writer ended: stdout was closed, and the program is ending quietly.
            Err(TrySendError::Disconnected(_)) => {}
        }
    }
}

/// From now on, what this program prints goes through a queue of [`QUEUED_LINES`]
/// lines, written by a thread of its own: a server's threads never wait for the
/// terminal. A paused terminal (a selection in a Windows console, Ctrl+S) or a pipe
/// into a slow reader would otherwise block the first `println!` that finds its buffer
/// full, and with it the client that thread serves, and with the stdout lock every
/// other thread that prints. When the queue is full, lines are dropped and counted;
/// once stdout takes lines again, the count is said:
/// `(output was not read fast enough: 1234 lines dropped)`.
///
/// Servers of the concurrency ladder call it first; a lesson that serves one client
/// does not need it. Call [`flush_stdout`] before `process::exit`.
pub fn queue_stdout() {
    if QUEUE.get().is_some() {
        return;
    }
    let (lines, from_program) = mpsc::sync_channel(QUEUED_LINES);
    let started = std::thread::Builder::new()
        .name("stdout".into())
        .spawn(move || write_queued(&from_program));
    // Without a thread for it, output goes to stdout directly, as before.
    if started.is_ok() {
        let _ = QUEUE.set(Queue {
            lines,
            dropped: AtomicUsize::new(0),
        });
    }
}

/// The writer thread of [`queue_stdout`].
fn write_queued(from_program: &Receiver<Message>) {
    while let Ok(message) = from_program.recv() {
        let mut out = io::stdout().lock();
        let written = match message {
            Message::Text(text) => out.write_all(text.as_bytes()).and_then(|()| out.flush()),
            Message::Flushed(done) => {
                let _ = done.send(());
                continue;
            }
        };
        quit_if_closed(written);
        let dropped = QUEUE
            .get()
            .map_or(0, |queue| queue.dropped.swap(0, Ordering::Relaxed));
        if dropped > 0 {
            let said = match lang::current() {
                Lang::En => format!("(output was not read fast enough: {dropped} lines dropped)"),
                Lang::Zh => format!("（输出没有被及时读走：丢弃了 {dropped} 行）"),
            };
            let written = writeln!(out, "{said}").and_then(|()| out.flush());
            quit_if_closed(written);
        }
    }
}

/// Waits, for `limit` at most, until the queued output is written: before
/// `process::exit`, so that the last lines are not lost. Without a queue it returns at
/// once.
pub fn flush_stdout(limit: Duration) {
    let Some(queue) = QUEUE.get() else {
        return;
    };
    let deadline = Instant::now() + limit;
    let (done, written) = mpsc::channel();
    let mut message = Message::Flushed(done);
    // The queue may be full: try again until the deadline, never waiting on stdout.
    loop {
        match queue.lines.try_send(message) {
            Ok(()) => break,
            Err(TrySendError::Full(back)) if Instant::now() < deadline => {
                message = back;
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return,
        }
    }
    let _ = written.recv_timeout(deadline.saturating_duration_since(Instant::now()));
}

/// Writes one line on stderr (what [`warn!`](crate::warn!) does). A closed stderr is
/// ignored: there is nowhere left to say anything.
pub fn stderr_line(text: Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(text).and_then(|()| err.write_all(b"\n"));
}

/// Writes on stderr with no line ending, then flushes: a question whose answer is
/// typed on the same line (the checker's `reset`), or a progress bar that redraws
/// itself. A closed stderr is ignored, as in [`stderr_line`].
pub fn stderr_prompt(text: Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(text).and_then(|()| err.flush());
}

/// Writes one line on stdout that is not a lesson's own words (the readiness line, a
/// shared helper's output), with the same care for a closed stdout.
pub fn line(text: impl std::fmt::Display) {
    stdout_line(format_args!("{text}"));
}

/// Ends the program quietly when stdout was closed by its reader. Other write errors
/// (a full disk behind a redirection) are rare and not the lesson's: they are ignored,
/// as the lessons' output is a narration, not their result.
fn quit_if_closed(written: io::Result<()>) {
    if let Err(error) = written {
        if error.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}
