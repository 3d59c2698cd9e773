//! client — a TCP client that does what netAssist does, on every platform.
//!
//! The lesson uses netAssist, a Windows GUI, as the client. This program connects to a
//! server and, interactively, sends each line you type and prints what the server
//! sends as soon as it arrives. Scripted, it sends messages and waits for replies, for
//! tests, instructors, and students who check their own server.
//!
//! Run it (with a server running in another terminal):
//!
//! ```text
//! cargo run --example client                                  # 127.0.0.1:8888, interactive
//! cargo run --example client -- 127.0.0.1:8888 --suffix crlf --timestamps
//! cargo run --example client -- --send hello --expect hello --send exit --expect-eof
//! ```
//!
//! Interactive: `exit` sends `exit` and quits; Ctrl+D (Ctrl+Z then Enter on Windows)
//! closes the sending side and waits for the server to finish. Received data goes to
//! stdout, everything else to stderr. Scripted: `--send`, `--expect`, `--close` and
//! `--expect-eof` run in the order given; exit status 0 when every expectation held.
//!
//! The client's socket calls are std's `TcpStream`: connect, read, write, shutdown.
//! The lessons are about the server's side.
//!
//! Lesson: docs/en/client.md, docs/zh/client.md.

use std::io::{self, BufRead, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Arg, ArgAction};
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{Encoding, StreamDecoder, from_hex, to_hex};
use socket_workbook::message::show;
use socket_workbook::{Args, Cli, Failed, report, text, warn};

/// How long to wait for the connection itself.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// After `exit`, how long to wait for the server's last words.
const LINGER: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    let args = Cli::new("client")
        .server_address()
        .encoding()
        .arg(
            Arg::new("suffix")
                .long("suffix")
                .value_name("SUFFIX")
                .default_value("lf")
                .value_parser(["none", "lf", "crlf"])
                .help(text::servers::help_suffix()),
        )
        .arg(flag("hex", text::servers::help_hex()))
        .arg(flag("timestamps", text::servers::help_timestamps()))
        .arg(
            Arg::new("send")
                .long("send")
                .value_name("MESSAGE")
                .action(ArgAction::Append)
                .help(text::servers::help_send()),
        )
        .arg(
            Arg::new("expect")
                .long("expect")
                .value_name("TEXT")
                .action(ArgAction::Append)
                .help(text::servers::help_expect()),
        )
        .arg(flag("close", text::servers::help_close()))
        .arg(flag("expect-eof", text::servers::help_expect_eof()))
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .value_name("SECONDS")
                .default_value("5")
                .value_parser(clap::value_parser!(u64).range(1..=3600))
                .help(text::servers::help_timeout()),
        )
        .parse();
    report(run(&args))
}

fn flag(id: &'static str, help: String) -> Arg {
    Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
}

/// How to send and show data.
struct Options {
    encoding: Encoding,
    suffix: &'static [u8],
    hex: bool,
    timestamps: bool,
    timeout: Duration,
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
    let options = Options {
        encoding: args.encoding(),
        suffix: match matches.get_one::<String>("suffix").map(String::as_str) {
            Some("none") => b"",
            Some("crlf") => b"\r\n",
            _ => b"\n",
        },
        hex: args.flag("hex"),
        timestamps: args.flag("timestamps"),
        timeout: Duration::from_secs(matches.get_one::<u64>("timeout").copied().unwrap_or(5)),
    };

    // The script, in the order its flags were given on the command line.
    let mut steps: Vec<(usize, Step)> = Vec::new();
    for (id, make) in [
        ("send", Step::Send as fn(String) -> Step),
        ("expect", Step::Expect),
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
    for (id, step) in [("close", Step::Close), ("expect-eof", Step::ExpectEof)] {
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
    start: Instant,
}

impl Printer {
    fn new(options: &Options) -> Printer {
        Printer {
            decoder: StreamDecoder::new(options.encoding),
            hex: options.hex,
            timestamps: options.timestamps,
            start: Instant::now(),
        }
    }

    /// Prints `bytes` and returns them decoded.
    fn print(&mut self, bytes: &[u8]) -> String {
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
            let mut buffer = [0u8; 4096];
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
    for line in io::stdin().lock().lines() {
        let line = line.context(Failed::Stdin)?;
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
    let mut buffer = [0u8; 4096];
    let mut ended = false;

    for step in steps {
        match step {
            Step::Send(message) => {
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
