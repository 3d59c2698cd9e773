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
use std::time::Duration;

use anyhow::Context;
use socket_workbook::client_tool::READ_SIZE;
use socket_workbook::client_tool::display::{self, Display, Printer};
use socket_workbook::client_tool::script::{self, Script};
use socket_workbook::failure::peer_left;
use socket_workbook::lines;
use socket_workbook::{Args, Cli, Failed, report, warn};

/// How long to wait for the connection itself.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// After `exit`, how long to wait for the server's last words.
const LINGER: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    // How it sends and shows data (`--hex`, `--like-netassist` …), then its script
    // (`--send`, `--expect` …): both in the library, `socket_workbook::client_tool`.
    let cli = script::flags(display::flags(Cli::new("client").server_address()));
    report(run(&cli.parse()))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let display = Display::of(args);
    let script = Script::of(args, &display);

    let addr = args.addr;
    let stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT)
        .with_context(|| Failed::Connect(addr))?;
    let local = stream.local_addr().context(Failed::Query)?;
    if script.is_empty() {
        warn!(
            "connected to {addr} from {local}; type a line and press Enter to send it; exit sends exit and quits; Ctrl+D (Ctrl+Z then Enter on Windows) closes the sending side",
            "已从 {local} 连接到 {addr}；输入一行后按回车即可发送；输入 exit 会发送 exit 并退出；Ctrl+D（Windows 上是 Ctrl+Z 再回车）关闭发送方向"
        );
        interactive(stream, addr, &display)
    } else {
        warn!(
            "connected to {addr} from {local}",
            "已从 {local} 连接到 {addr}"
        );
        script.run(stream, addr, &display)
    }
}

/// What the receiving side saw at the end.
enum Ending {
    Closed,
    Reset,
}

/// Interactive: each line typed is sent; what arrives is printed at once by a second
/// thread, not only after the next line is typed.
fn interactive(stream: TcpStream, addr: SocketAddr, display: &Display) -> anyhow::Result<()> {
    let sent = Arc::new(AtomicU64::new(0));
    let received = Arc::new(AtomicU64::new(0));
    // Set before we end the conversation ourselves, so that the receiving thread knows
    // the end of the stream is expected.
    let closing = Arc::new(AtomicBool::new(false));
    let (ended_tx, ended) = mpsc::channel();

    let mut reader = stream.try_clone().context(Failed::Query)?;
    let mut printer = Printer::new(display);
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
    while let Some(typed) = lines::stdin_line(display.encoding).context(Failed::Stdin)? {
        let line = typed.text;
        let bytes = match display.payload(&line) {
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
