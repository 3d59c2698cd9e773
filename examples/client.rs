//! client — a TCP client for the lessons, on every platform.
//!
//! The lesson uses netAssist (a PyQt GUI, 网络调试助手) as the client. This program
//! connects to a server and, interactively, sends each line you type and prints what
//! the server sends as soon as it arrives. Scripted, it sends messages and waits for
//! replies, for tests, instructors, and students who check their own server.
//! `--like-netassist` sends and shows as netAssist does: UTF-8, no line ending (the
//! text of its box, one write per click of 发送), and each `recv(1024)` decoded as
//! UTF-8 on a line of its own.
//!
//! Run it (with a server running in another terminal):
//!
//! ```text
//! cargo run --example client                                  # 127.0.0.1:8888, interactive
//! cargo run --example client -- 127.0.0.1:8888 --suffix crlf --timestamps
//! cargo run --example client -- --send hello --expect hello --send exit --expect-eof
//! cargo run --example client -- --like-netassist --send 保持连接 --expect 保持连接 --send exit
//! ```
//!
//! Interactive: `exit` sends `exit` and quits; Ctrl+D (Ctrl+Z then Enter on Windows)
//! closes the sending side and waits for the server to finish. Received data goes to
//! stdout, everything else to stderr. Scripted: `--send`, `--expect`, `--close` and
//! `--expect-eof` run in the order given; exit status 0 when every expectation held.
//! Two `--send`s in a row are two messages, `--gap` milliseconds apart (500 unless
//! told): a server that reads once per message, as step 5 does, reads each apart.
//!
//! The client's socket calls are std's `TcpStream`: connect, read, write, shutdown.
//! The lessons are about the server's side.
//!
//! Lesson: docs/en/client.md, docs/zh/client.md.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Arg, ArgAction};
use socket_workbook::args::{id, shown};
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding, StreamDecoder, from_hex, to_hex};
use socket_workbook::message::show;
use socket_workbook::{Args, Cli, Failed, report, text, warn};

/// How long to wait for the connection itself.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// After `exit`, how long to wait for the server's last words.
const LINGER: Duration = Duration::from_secs(2);

/// How long to wait between two messages sent one after the other, unless told
/// (`--gap`): longer than the two servers' quiet time (`lines::QUIET`, 300 ms), after
/// which bytes with no line ending are one message, and long enough for a server that
/// reads once per message to read each apart.
const DEFAULT_GAP_MS: u64 = 500;

/// How many seconds each expectation waits, unless told (`--timeout`).
const DEFAULT_TIMEOUT_S: u64 = 5;

/// How much one read takes: netAssist's `recv(1024)`, the lesson's too.
const READ_SIZE: usize = 1024;

/// The ids of the client's flags, each named once: defined with `Arg::new(flag::HEX)`,
/// read back by the typed accessors of [`Options`].
mod flag {
    pub const SUFFIX: &str = "suffix";
    pub const HEX: &str = "hex";
    pub const TIMESTAMPS: &str = "timestamps";
    pub const SEND: &str = "send";
    pub const EXPECT: &str = "expect";
    pub const CLOSE: &str = "close";
    pub const EXPECT_EOF: &str = "expect-eof";
    pub const TIMEOUT: &str = "timeout";
    pub const GAP: &str = "gap";
    pub const LIKE_NETASSIST: &str = "like-netassist";
}

fn main() -> ExitCode {
    let args = Cli::new("client")
        .server_address()
        .encoding()
        .arg(
            Arg::new(flag::SUFFIX)
                .long(flag::SUFFIX)
                .value_name("SUFFIX")
                .default_value("lf")
                .value_parser(["none", "lf", "crlf"])
                .help(text::servers::help_suffix()),
        )
        .arg(switch(flag::HEX, text::servers::help_hex()))
        .arg(switch(flag::TIMESTAMPS, text::servers::help_timestamps()))
        .arg(
            switch(flag::LIKE_NETASSIST, text::servers::help_like_netassist())
                .conflicts_with_all([flag::SUFFIX, id::ENCODING]),
        )
        .arg(
            Arg::new(flag::SEND)
                .long(flag::SEND)
                .value_name("MESSAGE")
                .action(ArgAction::Append)
                .help(text::servers::help_send()),
        )
        .arg(
            Arg::new(flag::EXPECT)
                .long(flag::EXPECT)
                .value_name("TEXT")
                .action(ArgAction::Append)
                .help(text::servers::help_expect()),
        )
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
        .parse();
    report(run(&args))
}

fn switch(id: &'static str, help: String) -> Arg {
    Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
}

/// How to send and show data.
struct Options {
    encoding: Encoding,
    suffix: &'static [u8],
    hex: bool,
    timestamps: bool,
    timeout: Duration,
    gap: Duration,
    /// Each read shown on a line of its own, decoded as UTF-8 whole (netAssist).
    per_read: bool,
}

impl Options {
    /// The options of the command line, read by type.
    fn of(args: &Args) -> Options {
        let like_netassist = args.flag(flag::LIKE_NETASSIST);
        let number = |id: &str, default: u64| {
            args.matches
                .try_get_one::<u64>(id)
                .ok()
                .flatten()
                .copied()
                .unwrap_or(default)
        };
        let suffix = args
            .matches
            .try_get_one::<String>(flag::SUFFIX)
            .ok()
            .flatten()
            .map(String::as_str);
        Options {
            // netAssist has no encoding setting: UTF-8 always.
            encoding: if like_netassist {
                Encoding::Utf8
            } else {
                args.encoding()
            },
            // netAssist sends exactly the text of its box.
            suffix: match suffix {
                _ if like_netassist => b"",
                Some("none") => b"",
                Some("crlf") => b"\r\n",
                _ => b"\n",
            },
            hex: args.flag(flag::HEX),
            timestamps: args.flag(flag::TIMESTAMPS),
            timeout: Duration::from_secs(number(flag::TIMEOUT, DEFAULT_TIMEOUT_S)),
            gap: Duration::from_millis(number(flag::GAP, DEFAULT_GAP_MS)),
            per_read: like_netassist,
        }
    }
}

/// One step of a script.
enum Step {
    Send(String),
    Expect(String),
    Close,
    ExpectEof,
}

fn run(args: &Args) -> anyhow::Result<()> {
    let matches = &args.matches;
    let options = Options::of(args);

    // The script, in the order its flags were given on the command line.
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

    // Hex that is not hex is a bad argument: say so before connecting, as clap would.
    if options.hex {
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

    let addr = args.addr;
    let stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT)
        .with_context(|| Failed::Connect(addr))?;
    let local = stream.local_addr().context(Failed::Query)?;
    if steps.is_empty() {
        warn!(
            "connected to {addr} from {local}; type a line and press Enter to send it; exit sends exit and quits; Ctrl+D (Ctrl+Z then Enter on Windows) closes the sending side",
            "已从 {local} 连接到 {addr}；输入一行后按回车即可发送；输入 exit 会发送 exit 并退出；Ctrl+D（Windows 上是 Ctrl+Z 再回车）关闭发送方向"
        );
        interactive(stream, addr, &options)
    } else {
        warn!(
            "connected to {addr} from {local}",
            "已从 {local} 连接到 {addr}"
        );
        scripted(stream, addr, &options, &steps)
    }
}

/// The bytes to send for one message: the text (or hex) and the suffix.
fn payload(message: &str, options: &Options) -> anyhow::Result<Vec<u8>> {
    let mut bytes = if options.hex {
        match from_hex(message) {
            Some(bytes) => bytes,
            None => bail!(text::servers::bad_hex(message)),
        }
    } else {
        options.encoding.encode(message).into_owned()
    };
    bytes.extend_from_slice(options.suffix);
    Ok(bytes)
}

/// Shows received bytes as they arrive: text in the connection's encoding (a character
/// cut by a read waits for the next), or hex; with the time since the connection.
struct Printer {
    decoder: StreamDecoder,
    hex: bool,
    timestamps: bool,
    per_read: bool,
    start: Instant,
}

impl Printer {
    fn new(options: &Options) -> Printer {
        Printer {
            decoder: StreamDecoder::new(options.encoding),
            hex: options.hex,
            timestamps: options.timestamps,
            per_read: options.per_read,
            start: Instant::now(),
        }
    }

    /// Prints `bytes` and returns them decoded.
    fn print(&mut self, bytes: &[u8]) -> String {
        if self.per_read {
            return self.print_read(bytes);
        }
        let decoded = self.decoder.decode(bytes);
        let shown = if self.hex {
            to_hex(bytes)
        } else {
            decoded.clone()
        };
        let mut stdout = io::stdout().lock();
        let _ = if self.timestamps || self.hex {
            let stamp = if self.timestamps {
                format!("[+{:.3}s] ", self.start.elapsed().as_secs_f64())
            } else {
                String::new()
            };
            writeln!(stdout, "{stamp}{}", shown.trim_end_matches('\n'))
        } else {
            write!(stdout, "{shown}")
        };
        let _ = stdout.flush();
        decoded
    }
}

impl Printer {
    /// netAssist's way: the bytes of one read decoded as UTF-8 on their own, each read
    /// on a line of its own (自动换行显示, so a reply that ends in `\n` shows a blank
    /// line after it). A read that is not UTF-8 (a character cut by the read, or GBK)
    /// is what netAssist's 解码错误 box reports; here it is shown as hex, with a warning.
    fn print_read(&mut self, bytes: &[u8]) -> String {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let (count, hex) = (bytes.len(), to_hex(bytes));
                warn!(
                    "decode error (netAssist's 解码错误): the {count} bytes of this read are not UTF-8: {hex}",
                    "解码错误（netAssist 会弹出 解码错误 提示）：这一次读取的 {count} 个字节不是 UTF-8：{hex}"
                );
                String::from_utf8_lossy(bytes).into_owned()
            }
        };
        let shown = if self.hex {
            to_hex(bytes)
        } else {
            text.clone()
        };
        let stamp = if self.timestamps {
            format!("[+{:.3}s] ", self.start.elapsed().as_secs_f64())
        } else {
            String::new()
        };
        let mut stdout = io::stdout().lock();
        let _ = writeln!(stdout, "{stamp}{shown}").and_then(|()| stdout.flush());
        text
    }
}

/// What the receiving side saw at the end.
enum Ending {
    Closed,
    Reset,
}

/// Interactive: each line typed is sent; what arrives is printed at once by a second
/// thread, not only after the next line is typed.
fn interactive(stream: TcpStream, addr: SocketAddr, options: &Options) -> anyhow::Result<()> {
    let sent = Arc::new(AtomicU64::new(0));
    let received = Arc::new(AtomicU64::new(0));
    // Set before we end the conversation ourselves, so that the receiving thread knows
    // the end of the stream is expected.
    let closing = Arc::new(AtomicBool::new(false));
    let (ended_tx, ended) = mpsc::channel();

    let mut reader = stream.try_clone().context(Failed::Query)?;
    let mut printer = Printer::new(options);
    {
        let (sent, received, closing) = (sent.clone(), received.clone(), closing.clone());
        thread::spawn(move || {
            let mut buffer = [0u8; READ_SIZE];
            let ending = loop {
                match reader.read(&mut buffer) {
                    Ok(0) => break Ending::Closed,
                    Ok(n) => {
                        received.fetch_add(n as u64, Ordering::Relaxed);
                        printer.print(&buffer[..n]);
                    }
                    Err(error) if error.kind() == ErrorKind::Interrupted => continue,
                    Err(_) => break Ending::Reset,
                }
            };
            if closing.load(Ordering::SeqCst) {
                let _ = ended_tx.send(ending);
                return;
            }
            // The server ended the conversation while you were typing: say so and end,
            // rather than wait for a line that can no longer be sent.
            let _ = io::stdout().flush();
            let code = match ending {
                Ending::Closed => {
                    warn!("the server closed the connection", "服务端关闭了连接");
                    0
                }
                Ending::Reset => {
                    warn!(
                        "the server reset the connection (it closed with data unread, or ended abruptly)",
                        "服务端重置了连接（它关闭时还有数据未读取，或者它异常退出了）"
                    );
                    1
                }
            };
            let (sent, received) = (
                sent.load(Ordering::Relaxed),
                received.load(Ordering::Relaxed),
            );
            warn!(
                "sent {sent} bytes, received {received} bytes",
                "共发送 {sent} 字节，接收 {received} 字节"
            );
            std::process::exit(code);
        });
    }

    let mut writer = &stream;
    let mut said_exit = false;
    // What you type is read in the connection's encoding, as the servers read your
    // replies; bytes not of it get a warning, not the end of the session.
    while let Some(typed) = lines::stdin_line(options.encoding).context(Failed::Stdin)? {
        let line = typed.text;
        let bytes = match payload(&line, options) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{error}");
                continue;
            }
        };
        match writer.write_all(&bytes) {
            Ok(()) => sent.fetch_add(bytes.len() as u64, Ordering::Relaxed),
            // The receiving thread tells how the server left.
            Err(error) if peer_left(&error) => break,
            Err(error) => return Err(error).with_context(|| Failed::Send(addr)),
        };
        if line.trim() == "exit" {
            said_exit = true;
            break;
        }
    }

    // We end: close our sending side; the server reads end-of-stream.
    closing.store(true, Ordering::SeqCst);
    match stream.shutdown(Shutdown::Write) {
        Ok(()) => {}
        Err(error) if error.kind() == ErrorKind::NotConnected => {}
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(addr)),
    }
    // After `exit`, wait a little for the server's last words; after Ctrl+D, wait for
    // the server to finish, as long as it takes.
    let ending = if said_exit {
        ended.recv_timeout(LINGER).ok()
    } else {
        ended.recv().ok()
    };
    match ending {
        Some(Ending::Closed) => {
            warn!("the server closed the connection", "服务端关闭了连接");
        }
        Some(Ending::Reset) => {
            warn!(
                "the server reset the connection (it closed with data unread, or ended abruptly)",
                "服务端重置了连接（它关闭时还有数据未读取，或者它异常退出了）"
            );
        }
        None => {}
    }
    let (sent, received) = (
        sent.load(Ordering::Relaxed),
        received.load(Ordering::Relaxed),
    );
    warn!(
        "sent {sent} bytes, received {received} bytes",
        "共发送 {sent} 字节，接收 {received} 字节"
    );
    Ok(())
}

/// Scripted: the steps in order; the first expectation that does not hold ends the
/// run with its reason.
fn scripted(
    mut stream: TcpStream,
    addr: SocketAddr,
    options: &Options,
    steps: &[Step],
) -> anyhow::Result<()> {
    let total = steps
        .iter()
        .filter(|step| matches!(step, Step::Expect(_) | Step::ExpectEof))
        .count();
    let mut printer = Printer::new(options);
    let mut pending = String::new();
    let (mut sent, mut received, mut number) = (0u64, 0u64, 0usize);
    let mut buffer = [0u8; READ_SIZE];
    let mut ended = false;
    let mut sent_last = false;

    for step in steps {
        let follows_a_send = std::mem::replace(&mut sent_last, matches!(step, Step::Send(_)));
        match step {
            Step::Send(message) => {
                // Two messages in a row: a pause between them, as a person sending two
                // messages makes one; sent at once, they could arrive in one read.
                if follows_a_send {
                    thread::sleep(options.gap);
                }
                let bytes = payload(message, options)?;
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
                let deadline = Instant::now() + options.timeout;
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
                            options.timeout,
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
                let deadline = Instant::now() + options.timeout;
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
                            options.timeout,
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
