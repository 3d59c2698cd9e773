//! What the servers of the concurrency ladder (steps 8 to 11, the chat server) share,
//! and no lesson is about: their flags and limits, the line protocol of one echo
//! session without any I/O ([`LineSession`]), stopping on Enter, what to do after a
//! failed `accept`, and the limit of open files.
//!
//! The socket calls stay in the examples: each one reads, writes, accepts and closes
//! in its own way (a thread per client, a pool, readiness events, async tasks), and
//! hands the bytes it read to a [`LineSession`], which says what to send back.
//!
//! The family's shared words (help, errors, the lines sent to a client) are in
//! `src/text/ladder.rs`, and here too: `ladder::help_workers()`.

use std::io::{self, ErrorKind};
use std::time::{Duration, Instant};

use clap::Arg;

use crate::args::shown;
use crate::lines::{DEFAULT_MAX_LINE, Encoding, Frame, LineFramer};
use crate::text::ladder as text;
use crate::{Args, Cli};

pub use crate::text::ladder::*;

/// The backlog of a ladder server unless `--backlog` says otherwise: a thousand
/// clients that connect at once must not wait for SYN retransmissions. The kernel
/// caps it (`net.core.somaxconn` on Linux, 128 on older macOS).
pub const BACKLOG: i32 = 1024;

/// The longest line that `--max-line` accepts: 16 MiB.
pub const MAX_MAX_LINE: u64 = 16 * 1024 * 1024;

/// The idle timeout unless `--idle-timeout` says otherwise.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(300);

/// What one client may cost a server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The most clients served at once (`--max-connections`).
    pub max_connections: usize,
    /// The longest line in bytes (`--max-line`).
    pub max_line: usize,
    /// How long a client may take to send its next whole line (`--idle-timeout`):
    /// silent, or trickling bytes without a newline.
    pub idle_timeout: Duration,
    /// No line per connection or message (`--quiet`).
    pub quiet: bool,
}

/// The command line of a ladder server: the address, `--backlog` (default
/// [`BACKLOG`]), `--max-line`, `--idle-timeout` and `--quiet`. Add
/// [`max_connections`] and a lesson's own flags with [`Cli::arg`].
pub fn cli(example: &'static str) -> Cli {
    Cli::new(example)
        .address()
        .arg(
            Arg::new("backlog")
                .long("backlog")
                .value_name("N")
                .default_value(shown(BACKLOG))
                .value_parser(clap::value_parser!(i32).range(0..=65_535))
                .help(text::help_backlog()),
        )
        .arg(
            Arg::new("max-line")
                .long("max-line")
                .value_name("BYTES")
                .default_value(shown(DEFAULT_MAX_LINE))
                .value_parser(clap::value_parser!(u64).range(1..=MAX_MAX_LINE))
                .help(text::help_max_line()),
        )
        .arg(
            Arg::new("idle-timeout")
                .long("idle-timeout")
                .value_name("SECONDS")
                .default_value(shown(seconds(IDLE_TIMEOUT)))
                .value_parser(parse_seconds)
                .help(text::help_idle_timeout()),
        )
        .arg(
            Arg::new("quiet")
                .long("quiet")
                .action(clap::ArgAction::SetTrue)
                .help(text::help_quiet()),
        )
}

/// `--max-connections N`, the most clients served at once, `default` unless given.
pub fn max_connections(default: usize) -> Arg {
    Arg::new("max-connections")
        .long("max-connections")
        .value_name("N")
        .default_value(shown(default))
        .value_parser(clap::value_parser!(u64).range(1..=1_000_000))
        .help(text::help_max_connections())
}

/// A count of at least 1 (`--workers`, `--queue`), `default` unless given.
pub fn count(id: &'static str, default: usize, help: String) -> Arg {
    Arg::new(id)
        .long(id)
        .value_name("N")
        .default_value(shown(default))
        .value_parser(clap::value_parser!(u64).range(1..=1_000_000))
        .help(help)
}

/// The value of a [`count`] (or of `--max-connections`), or `default` if the command
/// line has no such flag.
pub fn get_count(args: &Args, id: &str, default: usize) -> usize {
    args.matches
        .try_get_one::<u64>(id)
        .ok()
        .flatten()
        .and_then(|&value| usize::try_from(value).ok())
        .unwrap_or(default)
}

impl Limits {
    /// The limits given on the command line built by [`cli`].
    pub fn from_args(args: &Args) -> Limits {
        Limits {
            max_connections: get_count(args, "max-connections", 1),
            max_line: get_count(args, "max-line", DEFAULT_MAX_LINE),
            idle_timeout: args
                .matches
                .try_get_one::<Duration>("idle-timeout")
                .ok()
                .flatten()
                .copied()
                .unwrap_or(IDLE_TIMEOUT),
            quiet: args
                .matches
                .try_get_one::<bool>("quiet")
                .ok()
                .flatten()
                .copied()
                .unwrap_or(false),
        }
    }
}

/// The shortest `--idle-timeout`: a millisecond. Below it a timeout rounds to 0,
/// which `set_read_timeout` refuses, SO_RCVTIMEO reads as "never", and a deadline
/// reads as "close everyone at once".
pub const MIN_SECONDS: f64 = 0.001;

/// The longest `--idle-timeout`: a day.
pub const MAX_SECONDS: f64 = 86_400.0;

/// Reads a number of seconds from [`MIN_SECONDS`] to [`MAX_SECONDS`], `60` or `0.5`.
pub fn parse_seconds(input: &str) -> Result<Duration, String> {
    match input.trim().parse::<f64>() {
        Ok(secs) if (MIN_SECONDS..=MAX_SECONDS).contains(&secs) => {
            Ok(Duration::from_secs_f64(secs))
        }
        _ => Err(text::bad_seconds(input)),
    }
}

/// A duration in seconds as a person writes it: `300`, `0.5`.
pub fn seconds(duration: Duration) -> String {
    duration.as_secs_f64().to_string()
}

/// What to send back after a read, and whether the session ends after it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The bytes to send: the echo of each whole line, and a refusal for each line
    /// over the limit.
    pub send: Vec<u8>,
    /// The client sent `exit`: send the reply, then end the session. What came after
    /// `exit` is ignored.
    pub exit: bool,
    /// What the client sent, for the server to tell in its own words; empty when
    /// quiet.
    pub heard: Vec<Heard>,
}

/// What a [`LineSession`] heard from its client, in the order it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// A line, decoded for a person to read (quoted, see `message::show`).
    Line(String),
    /// The line `exit`.
    Exit,
    /// A line longer than the limit, which it holds in bytes: refused, its rest
    /// dropped.
    TooLong(usize),
}

/// The line protocol of one echo session, without any I/O: give it each read's bytes,
/// send back what it returns. Each line comes back to its client; `exit` ends the
/// session; a line longer than the limit is refused with a message, its rest dropped,
/// and the session goes on. It keeps at most the limit of one line, whatever the
/// client sends.
///
/// It also keeps the session's deadline: the next whole line must arrive within the
/// idle timeout of the last one (or of the start). Only a whole line moves the
/// deadline, not a byte: a client that trickles one byte a second without a newline
/// (slowloris) is closed as surely as a silent one, and cannot hold a thread or a
/// worker for longer than the idle timeout.
#[derive(Debug)]
pub struct LineSession {
    framer: LineFramer,
    max_line: usize,
    quiet: bool,
    idle_timeout: Duration,
    /// When the next whole line is due.
    deadline: Instant,
    /// Bytes of a line have arrived since the last whole one.
    partial: bool,
}

impl LineSession {
    /// A session with one client, within `limits`; its first line is due within the
    /// idle timeout from now.
    pub fn new(limits: &Limits) -> LineSession {
        LineSession {
            framer: LineFramer::new(limits.max_line),
            max_line: limits.max_line,
            quiet: limits.quiet,
            idle_timeout: limits.idle_timeout,
            deadline: Instant::now() + limits.idle_timeout,
            partial: false,
        }
    }

    /// Takes the bytes of one read and returns what to send back, and what was heard
    /// (each line decoded) unless quiet.
    pub fn received(&mut self, bytes: &[u8]) -> Reply {
        let frames = self.framer.push(bytes);
        if let Some(&last) = bytes.last() {
            self.partial = last != b'\n';
        }
        if !frames.is_empty() {
            self.deadline = Instant::now() + self.idle_timeout;
        }
        self.answer(frames)
    }

    /// When the next whole line is due: past it, close the session.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// How long the client has left to finish its next line, or `None` once the
    /// deadline has passed. A read waits that long at most (`set_read_timeout`).
    pub fn time_left(&self) -> Option<Duration> {
        Some(self.deadline.saturating_duration_since(Instant::now())).filter(|left| !left.is_zero())
    }

    /// What to send a client whose deadline passed: that it was silent, or that it
    /// sent part of a line and no more.
    pub fn wire_too_slow(&self) -> String {
        let idle = seconds(self.idle_timeout);
        if self.partial {
            wire(text::wire_no_whole_line(&idle))
        } else {
            wire(text::wire_idle(&idle))
        }
    }

    /// Whether the client sent part of a line since its last whole one: a deadline
    /// that passes then is a trickle, not silence.
    pub fn partial(&self) -> bool {
        self.partial
    }

    /// The client closed its side: a last line without `\n` is still answered (the
    /// client may still read).
    pub fn finish(&mut self) -> Reply {
        let frames = self.framer.finish().into_iter().collect();
        self.answer(frames)
    }

    fn answer(&mut self, frames: Vec<Frame>) -> Reply {
        let mut reply = Reply::default();
        for frame in frames {
            match frame {
                Frame::Line(line) if line == b"exit" => {
                    if !self.quiet {
                        reply.heard.push(Heard::Exit);
                    }
                    reply.exit = true;
                    break;
                }
                Frame::Line(line) => {
                    if !self.quiet {
                        reply
                            .heard
                            .push(Heard::Line(Encoding::Utf8.decode(&line).shown));
                    }
                    reply.send.extend_from_slice(&line);
                    reply.send.push(b'\n');
                }
                Frame::TooLong(_) => {
                    if !self.quiet {
                        reply.heard.push(Heard::TooLong(self.max_line));
                    }
                    reply.send.extend_from_slice(
                        wire(text::wire_line_too_long(self.max_line)).as_bytes(),
                    );
                }
            }
        }
        reply
    }
}

/// A message for a client, as one line.
pub fn wire(message: String) -> String {
    message + "\n"
}

/// Whether a read or write with a timeout (`set_read_timeout`) ran out of time: it
/// shows as `WouldBlock` on Unix and as `TimedOut` on Windows.
pub fn read_timed_out(error: &io::Error) -> bool {
    matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// What to do after `accept` failed (`error` carries [`crate::Failed::Accept`]):
/// how long to pause before the next `accept`, if at all.
///
/// An error about the one connection being accepted (the client gave up before we
/// took it) leaves the listener fine: accept the next at once. Any other error, most
/// often "too many open files", would fail again at once, and retrying at once would
/// spin: it is told on stderr and answered with a short pause, in which sessions end
/// and free their descriptors. Production servers do the same (tokio's and hyper's
/// documentation recommend it).
pub fn pause_after_accept_error(error: &anyhow::Error) -> Option<Duration> {
    let kind = error.downcast_ref::<io::Error>().map(io::Error::kind);
    match kind {
        Some(
            ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::Interrupted,
        ) => None,
        _ => {
            let pause = Duration::from_millis(100);
            let error = format!("{error:#}");
            let millis = pause.as_millis();
            crate::warn!(
                "warning: {error}; the server goes on and tries again in {millis} ms",
                "警告：{error}；服务端继续运行，{millis} 毫秒后重试"
            );
            Some(pause)
        }
    }
}

/// Stops the whole program, with exit status 0, when Enter is pressed or stdin ends
/// (Ctrl+D; Ctrl+Z then Enter on Windows; a test closing the pipe). Ctrl+C stops it
/// too, with the status of an interrupted program.
///
/// The watch runs on a thread of its own, so that the server's threads need not look.
/// Ending the process closes every socket in the kernel: each client reads
/// end-of-stream. A production server would first stop accepting and let each session
/// finish its reply (a graceful shutdown).
///
/// `stopping` is the server's last line, printed before it ends.
pub fn stop_on_enter(stopping: String) {
    std::thread::spawn(move || {
        let mut line = String::new();
        // A line, the end of input, or an error reading stdin (no terminal at all): stop.
        let _ = io::stdin().read_line(&mut line);
        crate::output::line(stopping);
        crate::output::flush_stdout(Duration::from_secs(1));
        std::process::exit(0);
    });
}

/// Fits `--max-connections` to the limit of open files: raises the soft limit to the
/// hard one (256 files on macOS by default, often 1024 on Linux), and if that is still
/// too few, serves fewer clients, with a warning. Each connection is a file
/// descriptor; a few are kept for stdio, the listener and the poll.
#[cfg(feature = "rlimit")]
pub fn fit_open_files(limits: &mut Limits) {
    /// Descriptors that are not connections: stdio, the listener, the poll, the runtime.
    const RESERVED: u64 = 32;
    let Some(limit) = open_files_limit(limits.max_connections as u64 + RESERVED) else {
        return;
    };
    let room = usize::try_from(limit.saturating_sub(RESERVED).max(1)).unwrap_or(usize::MAX);
    if limits.max_connections > room {
        let (max, capped) = (limits.max_connections, room);
        crate::warn!(
            "warning: --max-connections {max} needs as many open files, but this process may open only {limit}: serving up to {capped} clients",
            "警告：--max-connections {max} 需要同样多的打开文件，但本进程最多只能打开 {limit} 个：最多服务 {capped} 个客户端"
        );
        limits.max_connections = room;
    }
}

/// Raises the soft limit of open files towards `wanted` (up to the hard limit), and
/// returns the limit in force; `None` where there is no such limit (Windows).
#[cfg(feature = "rlimit")]
pub fn open_files_limit(wanted: u64) -> Option<u64> {
    // Windows has no limit of open files per process of this kind: rlimit answers
    // `wanted` itself there, and there is nothing to fit.
    if cfg!(windows) {
        return None;
    }
    rlimit::increase_nofile_limit(wanted).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_line: usize) -> Limits {
        Limits {
            max_connections: 10,
            max_line,
            idle_timeout: IDLE_TIMEOUT,
            quiet: true,
        }
    }

    fn session(max_line: usize) -> LineSession {
        LineSession::new(&limits(max_line))
    }

    #[test]
    fn each_whole_line_is_echoed_whatever_the_reads() {
        let mut session = session(100);
        assert_eq!(session.received(b"hel").send, b"");
        assert_eq!(
            session.received("lo\r\nworld\n你".as_bytes()).send,
            b"hello\nworld\n"
        );
        assert_eq!(
            session.received("好\n".as_bytes()).send,
            "你好\n".as_bytes()
        );
    }

    #[test]
    fn exit_ends_the_session_and_what_follows_is_ignored() {
        let mut session = session(100);
        let reply = session.received(b"a\nexit\r\nb\n");
        assert_eq!(reply.send, b"a\n");
        assert!(reply.exit);
    }

    #[test]
    fn a_line_over_the_limit_is_refused_and_the_session_goes_on() {
        let mut session = session(4);
        let reply = session.received(b"abcdefgh");
        assert!(reply.send.starts_with(b"error: line longer than 4 bytes"));
        assert!(!reply.exit);
        assert_eq!(session.received(b"ijk\nok\n").send, b"ok\n");
    }

    #[test]
    fn a_last_line_without_newline_is_answered_at_the_end() {
        let mut session = session(100);
        assert_eq!(session.received(b"bye").send, b"");
        assert_eq!(session.finish().send, b"bye\n");
        assert_eq!(session.finish(), Reply::default());
    }

    #[test]
    fn only_a_whole_line_moves_the_deadline() {
        let mut session = session(100);
        let first = session.deadline();
        assert!(!session.partial());
        assert!(session.received(b"h").send.is_empty());
        assert_eq!(
            session.deadline(),
            first,
            "a byte must not move the deadline"
        );
        assert!(session.partial());
        assert!(
            session
                .wire_too_slow()
                .starts_with("error: no whole line within 300 s")
        );
        assert_eq!(session.received(b"i\n").send, b"hi\n");
        assert!(session.deadline() >= first);
        assert!(!session.partial());
        assert!(
            session
                .wire_too_slow()
                .starts_with("error: nothing received for 300 s")
        );
        assert!(session.time_left().is_some());
    }

    #[test]
    fn seconds_read_and_written_as_a_person_does() {
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_seconds("60"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_seconds("0.001"), Ok(Duration::from_millis(1)));
        assert_eq!(parse_seconds("86400"), Ok(Duration::from_secs(86_400)));
        for bad in [
            "0", "-1", "soon", "NaN", "inf", "1e-10", "0.0009", "86401", "1e300",
        ] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
        assert_eq!(seconds(Duration::from_millis(200)), "0.2");
        assert_eq!(seconds(IDLE_TIMEOUT), "300");
    }
}
