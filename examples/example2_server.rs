//! 示例2 — the lesson's second complete server: the client's `exit` ends it too.
//!
//! The whole lesson in one program: socket, bind, listen, accept one client, then for
//! each message print it and send the reply you type, until the client sends `exit`,
//! you type `exit`, either side closes, or your input ends. Then close.
//!
//! Unlike the steps, this server frames messages by line: it cuts the byte stream at
//! each `\n` (a `\r` before it is dropped too), so several messages in one read, or one
//! message over many reads, each print once and whole. A line longer than
//! `--max-line` is cut and reported, never kept without bound.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example example2_server
//! terminal 2: cargo run --example client        (or: nc 127.0.0.1 8888)
//! ```
//!
//! Flags: `--encoding gbk` for netAssist on Chinese Windows, `--keep-serving` to serve
//! clients one after another, `--max-line BYTES`, `--backlog N`, `--lang zh`.
//!
//! Lesson: 示例2 of the socket lesson (实现服务端并结合客户端进行测试);
//! docs/en/example2_server.md, 中文 docs/zh/example2_server.md.
#![forbid(unsafe_code)]

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{Frame, LineFramer};
use socket_workbook::message::is_exit;
use socket_workbook::{Args, Cli, Failed, report, text};
use socket2::{Domain, Protocol, Socket, Type};

/// How long to wait for the client to close its side after ours.
const LINGER: Duration = Duration::from_secs(2);

/// How long a read waits before the server looks at a line that has no end yet.
const PATIENCE: Duration = Duration::from_secs(1);

fn main() -> ExitCode {
    let args = Cli::line_server("example2_server").parse();
    report(run(&args))
}

/// How a session ended.
#[derive(PartialEq)]
enum End {
    /// The client or the operator ended it, or the client left.
    Session,
    /// The operator's input ended: no more replies, so no more sessions either.
    Input,
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

    // Python: socket_server = socket.socket()
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Python: socket_server.bind(("localhost", 8888))
    // SO_REUSEADDR: restart at once on the same port (not on Windows; see step 2).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // Python: socket_server.listen(1)
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    println!("{}", text::listening_on(local));

    loop {
        // Python: conn, address = socket_server.accept()
        println!("{}", text::waiting_for_client());
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        let peer = peer.as_socket().context(Failed::Query)?;
        println!("{}", text::accepted(peer));

        let end = serve(&conn, peer, args)?;

        // Python: conn.close()
        close(conn, peer)?;
        // The lesson serves one client; --keep-serving goes back to accept.
        if end == End::Input || !args.keep_serving() {
            break;
        }
    }

    // Clients may have connected while we served one: the kernel completed their
    // handshake (the backlog), and they wait. Closing the listening socket would reset
    // them; tell them instead.
    tell_waiting_clients(&server)?;
    // Python: socket_server.close()
    drop(server);
    println!("{}", text::closed_listener(local));
    Ok(())
}

/// The conversation with one client: each line it sends is printed, and answered with
/// a line the operator types.
fn serve(mut conn: &Socket, peer: SocketAddr, args: &Args) -> anyhow::Result<End> {
    let encoding = args.encoding();
    let limit = args.max_line();
    // A read that waits longer than PATIENCE returns, so that the server can say when
    // bytes wait for a line ending that never comes (netAssist sends none by default).
    conn.set_read_timeout(Some(PATIENCE))
        .with_context(|| Failed::Recv(peer))?;
    let mut buffer = [0u8; 1024];
    let mut framer = LineFramer::new(limit);
    let mut told_about_line_end = false;
    loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = match conn.read(&mut buffer) {
            Ok(n) => n,
            // The timeout shows as WouldBlock on Unix and TimedOut on Windows.
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if framer.pending() > 0 && !told_about_line_end {
                    eprintln!("{}", text::servers::no_line_end(framer.pending()));
                    told_about_line_end = true;
                }
                continue;
            }
            Err(error) if peer_left(&error) => {
                println!("{}", text::client_reset());
                return Ok(End::Session);
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        // 0 bytes: the client closed its side; a last line without "\n" still counts.
        let frames = if n == 0 {
            framer.finish().into_iter().collect()
        } else {
            framer.push(&buffer[..n])
        };
        for frame in frames {
            let line = match frame {
                Frame::Line(line) => line,
                Frame::TooLong(start) => {
                    eprintln!("{}", text::servers::line_too_long(limit));
                    start
                }
            };
            let data = encoding.decode(&line);
            println!("{}", text::servers::received_line(&data.shown));
            if data.looks_like_gbk {
                eprintln!("{}", text::servers::looks_like_gbk());
            } else if data.invalid {
                eprintln!("{}", text::servers::not_in_encoding(encoding.name()));
            }
            // New in this lesson: the client's exit ends the session.
            // Python (示例2): if data == 'exit': break
            if is_exit(&data.text) {
                println!("{}", text::client_sent_exit());
                return Ok(End::Session);
            }
            // End of the new part.

            // Python: reply = input("请输入回复消息: ").encode("UTF-8")
            println!("{}", text::reply_prompt());
            let mut reply = String::new();
            if io::stdin().read_line(&mut reply).context(Failed::Stdin)? == 0 {
                println!("{}", text::stdin_closed());
                return Ok(End::Input);
            }
            if is_exit(&reply) {
                println!("{}", text::operator_exit());
                return Ok(End::Session);
            }
            // Python: conn.send(reply)
            // One line, ending in "\n", encoded as the client expects; write_all sends all
            // of it (Python's sendall).
            let mut message = encoding
                .encode(reply.trim_end_matches(['\r', '\n']))
                .into_owned();
            message.push(b'\n');
            match conn.write_all(&message) {
                Ok(()) => println!("{}", text::sent(message.len())),
                Err(error) if peer_left(&error) => {
                    println!("{}", text::client_gone());
                    return Ok(End::Session);
                }
                Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
            }
        }
        if n == 0 {
            println!("{}", text::client_closed());
            return Ok(End::Session);
        }
    }
}

/// Closes a connection as step 7 does: shutdown the sending side, wait briefly for the
/// client to close its side, then close.
fn close(conn: Socket, peer: SocketAddr) -> anyhow::Result<()> {
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            println!("{}", text::shut_down_sending());
            conn.set_read_timeout(Some(LINGER))
                .with_context(|| Failed::Recv(peer))?;
            let mut buffer = [0u8; 1024];
            loop {
                match (&conn).read(&mut buffer) {
                    Ok(0) => {
                        println!("{}", text::client_closed_too());
                        break;
                    }
                    Ok(_) => continue,
                    Err(error)
                        if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                    {
                        println!("{}", text::client_kept_open(LINGER.as_secs()));
                        break;
                    }
                    Err(error) if peer_left(&error) => break,
                    Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
                }
            }
        }
        // After a reset there is no connection left to shut down.
        Err(error) if error.kind() == ErrorKind::NotConnected => {
            println!("{}", text::already_closed());
        }
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    }
    drop(conn);
    println!("{}", text::closed_connection(peer));
    Ok(())
}

/// Accepts the clients that wait in the backlog, without blocking, and tells each in
/// one line that the server is closing.
fn tell_waiting_clients(server: &Socket) -> anyhow::Result<()> {
    let local = server.local_addr().ok().and_then(|addr| addr.as_socket());
    let local = local.context(Failed::Query)?;
    // Non-blocking: accept returns WouldBlock at once when no one waits.
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Accept(local))?;
    loop {
        let (waiting, peer) = match server.accept() {
            Ok(client) => client,
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(()),
            Err(error) if peer_left(&error) => continue,
            Err(error) => return Err(error).with_context(|| Failed::Accept(local)),
        };
        let Some(peer) = peer.as_socket() else {
            continue;
        };
        // Some systems (macOS, BSD) hand the listener's non-blocking mode on to the
        // accepted socket; the notice is short, but send it in blocking mode anyway.
        waiting
            .set_nonblocking(false)
            .with_context(|| Failed::Send(peer))?;
        let notice = format!("{}\n", text::servers::closing_notice());
        match (&waiting).write_all(notice.as_bytes()) {
            Ok(()) => println!("{}", text::servers::told_waiting_client(peer)),
            Err(error) if peer_left(&error) => continue,
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
        // Read what it already sent, so that closing sends an orderly FIN, not a reset
        // that could destroy the notice before the client reads it (pitfall_reset_on_close).
        waiting
            .set_nonblocking(true)
            .with_context(|| Failed::Recv(peer))?;
        let mut buffer = [0u8; 1024];
        while matches!((&waiting).read(&mut buffer), Ok(n) if n > 0) {}
        let _ = waiting.shutdown(Shutdown::Write);
    }
}
