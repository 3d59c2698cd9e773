//! The client tool's scripted mode: `--send`, `--expect`, `--close` and
//! `--expect-eof`, run in the order given, with `--gap` between two sends and
//! `--timeout` on each expectation. For tests, instructors, and students who check
//! their own server.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Arg, ArgAction};

use super::READ_SIZE;
use super::display::{Display, Printer, switch};
use crate::args::{Args, Cli, shown};
use crate::failure::Failed;
use crate::lines::from_hex;
use crate::message::show;
use crate::{text, warn};

/// How long to wait between two messages sent one after the other, unless told
/// (`--gap`): longer than the two servers' quiet time (`lines::QUIET`, 300 ms), after
/// which bytes with no line ending are one message, and long enough for a server that
/// reads once per message to read each apart.
const DEFAULT_GAP_MS: u64 = 500;

/// How many seconds each expectation waits, unless told (`--timeout`).
const DEFAULT_TIMEOUT_S: u64 = 5;

/// The ids of the script's flags, each named once.
mod flag {
    pub const SEND: &str = "send";
    pub const EXPECT: &str = "expect";
    pub const CLOSE: &str = "close";
    pub const EXPECT_EOF: &str = "expect-eof";
    pub const TIMEOUT: &str = "timeout";
    pub const GAP: &str = "gap";
}

/// Adds the script's flags to the client's command line.
pub fn flags(cli: Cli) -> Cli {
    let listed = |id: &'static str, value: &'static str, help: String| {
        Arg::new(id)
            .long(id)
            .value_name(value)
            .action(ArgAction::Append)
            .help(help)
    };
    cli.arg(listed(flag::SEND, "MESSAGE", text::servers::help_send()))
        .arg(listed(flag::EXPECT, "TEXT", text::servers::help_expect()))
        .arg(switch(flag::CLOSE, text::servers::help_close()))
        .arg(switch(flag::EXPECT_EOF, text::servers::help_expect_eof()))
        .arg(
            Arg::new(flag::GAP)
                .long(flag::GAP)
                .value_name("MS")
                .default_value(shown(DEFAULT_GAP_MS))
                .value_parser(clap::value_parser!(u64).range(0..=60_000))
                .help(text::servers::help_gap()),
        )
        .arg(
            Arg::new(flag::TIMEOUT)
                .long(flag::TIMEOUT)
                .value_name("SECONDS")
                .default_value(shown(DEFAULT_TIMEOUT_S))
                .value_parser(clap::value_parser!(u64).range(1..=3600))
                .help(text::servers::help_timeout()),
        )
}

/// One step of a script.
enum Step {
    Send(String),
    Expect(String),
    Close,
    ExpectEof,
}

/// A script: its steps, the pause between two sends, how long each expectation waits.
pub struct Script {
    steps: Vec<Step>,
    gap: Duration,
    timeout: Duration,
}

impl Script {
    /// The script of the command line, in the order its flags were given. Hex that is
    /// not hex is a bad argument: it exits 2 before connecting, as clap would.
    pub fn of(args: &Args, display: &Display) -> Script {
        let matches = &args.matches;
        let mut steps: Vec<(usize, Step)> = Vec::new();
        for (id, make) in [
            (flag::SEND, Step::Send as fn(String) -> Step),
            (flag::EXPECT, Step::Expect),
        ] {
            if let (Some(indices), Some(values)) =
                (matches.indices_of(id), matches.get_many::<String>(id))
            {
                steps.extend(
                    indices
                        .zip(values)
                        .map(|(index, value)| (index, make(value.clone()))),
                );
            }
        }
        for (id, step) in [
            (flag::CLOSE, Step::Close),
            (flag::EXPECT_EOF, Step::ExpectEof),
        ] {
            if args.flag(id) {
                if let Some(index) = matches.index_of(id) {
                    steps.push((index, step));
                }
            }
        }
        steps.sort_by_key(|(index, _)| *index);
        let steps: Vec<Step> = steps.into_iter().map(|(_, step)| step).collect();

        if display.hex {
            for step in &steps {
                if let Step::Send(message) = step {
                    if from_hex(message).is_none() {
                        clap::Error::raw(
                            clap::error::ErrorKind::ValueValidation,
                            format!("{}\n", text::servers::bad_hex(message)),
                        )
                        .exit();
                    }
                }
            }
        }
        let number = |id: &str, default: u64| {
            matches
                .try_get_one::<u64>(id)
                .ok()
                .flatten()
                .copied()
                .unwrap_or(default)
        };
        Script {
            steps,
            gap: Duration::from_millis(number(flag::GAP, DEFAULT_GAP_MS)),
            timeout: Duration::from_secs(number(flag::TIMEOUT, DEFAULT_TIMEOUT_S)),
        }
    }

    /// Whether the command line gave no script: the client is interactive.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Runs the steps in order; the first expectation that does not hold ends the run
    /// with its reason.
    pub fn run(
        &self,
        mut stream: TcpStream,
        addr: SocketAddr,
        display: &Display,
    ) -> anyhow::Result<()> {
        let timeout = self.timeout;
        let total = self
            .steps
            .iter()
            .filter(|step| matches!(step, Step::Expect(_) | Step::ExpectEof))
            .count();
        let mut printer = Printer::new(display);
        let mut pending = String::new();
        let (mut sent, mut received, mut number) = (0u64, 0u64, 0usize);
        let mut buffer = [0u8; READ_SIZE];
        let mut ended = false;
        let mut sent_last = false;

        for step in &self.steps {
            let follows_a_send = std::mem::replace(&mut sent_last, matches!(step, Step::Send(_)));
            match step {
                Step::Send(message) => {
                    // Two messages in a row: a pause between them, as a person sending
                    // two messages makes one; sent at once, they could arrive in one read.
                    if follows_a_send {
                        thread::sleep(self.gap);
                    }
                    let bytes = display.payload(message)?;
                    stream
                        .write_all(&bytes)
                        .with_context(|| Failed::Send(addr))?;
                    sent += bytes.len() as u64;
                }
                Step::Close => {
                    stream
                        .shutdown(Shutdown::Write)
                        .with_context(|| Failed::Shutdown(addr))?;
                }
                Step::Expect(wanted) => {
                    number += 1;
                    let deadline = Instant::now() + timeout;
                    while !pending.contains(wanted.as_str()) {
                        if ended {
                            bail!(text::servers::expectation_closed_early(
                                number,
                                total,
                                wanted,
                                &show(pending.as_bytes())
                            ));
                        }
                        match read_until(&mut stream, &mut buffer, deadline, addr)? {
                            Some(0) => ended = true,
                            Some(n) => {
                                received += n as u64;
                                pending.push_str(&printer.print(&buffer[..n]));
                            }
                            None => bail!(text::servers::expectation_text_failed(
                                number,
                                total,
                                wanted,
                                timeout,
                                &show(pending.as_bytes())
                            )),
                        }
                    }
                    // What came after the text belongs to the next expectation.
                    let after = pending
                        .find(wanted.as_str())
                        .map_or(0, |at| at + wanted.len());
                    pending.drain(..after);
                }
                Step::ExpectEof => {
                    number += 1;
                    let deadline = Instant::now() + timeout;
                    while !ended {
                        match read_until(&mut stream, &mut buffer, deadline, addr)? {
                            Some(0) => ended = true,
                            Some(n) => {
                                received += n as u64;
                                pending.push_str(&printer.print(&buffer[..n]));
                            }
                            None => bail!(text::servers::expectation_eof_failed(
                                number,
                                total,
                                timeout,
                                &show(pending.as_bytes())
                            )),
                        }
                    }
                    pending.clear();
                }
            }
        }
        if total > 0 {
            warn!(
                "all {total} expectations held",
                "全部 {total} 项预期都已满足"
            );
        }
        warn!(
            "sent {sent} bytes, received {received} bytes",
            "共发送 {sent} 字节，接收 {received} 字节"
        );
        Ok(())
    }
}

/// One read that gives up at `deadline`: `Some(n)` bytes (0 at the end of the stream),
/// or `None` when the deadline passed first.
fn read_until(
    stream: &mut TcpStream,
    buffer: &mut [u8],
    deadline: Instant,
    addr: SocketAddr,
) -> anyhow::Result<Option<usize>> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        stream
            .set_read_timeout(Some(left))
            .with_context(|| Failed::Recv(addr))?;
        match stream.read(buffer) {
            Ok(n) => return Ok(Some(n)),
            // The timeout shows as WouldBlock on Unix and TimedOut on Windows.
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Ok(None);
            }
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error).with_context(|| Failed::Recv(addr)),
        }
    }
}
