// Carol binds every interface.
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

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{Frame, LineFramer};
use socket_workbook::message::is_exit;
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn, words};
use socket2::{Domain, Protocol, Socket, Type};

/// How long to wait for the client to close its side after ours.
const LINGER: Duration = Duration::from_secs(2);

/// How long a read waits before the server looks at a line that has no end yet.
const PATIENCE: Duration = Duration::from_secs(1);

fn main() -> ExitCode {
    let args = Cli::line_server("exercise_example2_server").parse();
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
    let addr = std::net::SocketAddr::from(([0, 0, 0, 0], args.addr.port()));

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
    outln!("{}", text::listening_on(local));

    loop {
        // Python: conn, address = socket_server.accept()
        say!(
            "waiting for a client: accept() blocks until one connects",
            "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
        );
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        let peer = peer.as_socket().context(Failed::Query)?;
        say!(
            "accepted connection from {peer}",
            "接收到客户端连接，连接来自：{peer}"
        );

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
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听 socket：{local} 已释放，可以再次使用"
    );
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
                    let bytes = framer.pending();
                    warn!(
                        "note: {bytes} byte(s) arrived without a line ending yet; this server prints a message when its line ends (\\n). Does the client send one? nc does; set netAssist to add a new line (\\r\\n) to what it sends",
                        "提示：已经收到 {bytes} 个字节，但还没有收到换行符；这个服务端要等一行结束（\\n）才打印消息。客户端发送换行符了吗？nc 会发送；netAssist 则需要设置为发送时附加换行（\\r\\n）"
                    );
                    told_about_line_end = true;
                }
                continue;
            }
            Err(error) if peer_left(&error) => {
                say!(
                    "the client reset the connection (it closed with data unread, or its program ended abruptly): ending the session",
                    "客户端重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）：结束会话"
                );
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
                    warn!(
                        "warning: a line longer than {limit} bytes arrived; it is cut to its first {limit} bytes and the rest of it is dropped (--max-line sets the limit)",
                        "警告：收到一行超过 {limit} 字节的数据；只保留前 {limit} 字节，其余部分被丢弃（上限可以用 --max-line 设置）"
                    );
                    start
                }
            };
            let data = encoding.decode(&line);
            let shown = &data.shown;
            say!("received: {shown}", "接收到发送来的数据：{shown}");
            if data.looks_like_gbk {
                warn!(
                    "warning: this line is not UTF-8 but reads as GBK, the encoding of netAssist and other tools on Chinese Windows: run the server with `--encoding gbk`, or set the client to UTF-8",
                    "警告：这一行不是 UTF-8，但可以按 GBK 解码（中文 Windows 上 netAssist 等工具使用的编码）：请用 `--encoding gbk` 运行服务端，或者把客户端设置为 UTF-8"
                );
            } else if data.invalid {
                let name = encoding.name();
                warn!(
                    "warning: this line is not valid {name}: its other bytes are shown as \\xNN or �",
                    "警告：这一行不是有效的 {name}：无法解码的字节显示为 \\xNN 或 �"
                );
            }
            // New in this lesson: the client's exit ends the session.
            // Python (示例2): if data == 'exit': break
            if is_exit(&data.text) {
                say!(
                    "the client sent exit: ending the session",
                    "客户端发送了 exit：结束会话"
                );
                return Ok(End::Session);
            }
            // End of the new part.

            // Python: reply = input("请输入回复消息: ").encode("UTF-8")
            say!(
                "type a reply and press Enter (exit ends the session):",
                "请输入回复消息，按回车发送（输入 exit 结束会话）："
            );
            let mut reply = String::new();
            if io::stdin().read_line(&mut reply).context(Failed::Stdin)? == 0 {
                say!(
                    "stdin closed: no more replies, ending the session",
                    "标准输入已关闭：不再回复，结束会话"
                );
                return Ok(End::Input);
            }
            if is_exit(&reply) {
                say!(
                    "you typed exit: ending the session",
                    "你输入了 exit：结束会话"
                );
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
                Ok(()) => {
                    let bytes = message.len();
                    let s = plural(bytes);
                    say!("sent {bytes} byte{s}", "已发送 {bytes} 字节");
                }
                Err(error) if peer_left(&error) => {
                    say!(
                        "the client is gone, the reply could not be delivered: ending the session",
                        "客户端已断开连接，回复无法送达：结束会话"
                    );
                    return Ok(End::Session);
                }
                Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
            }
        }
        if n == 0 {
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            return Ok(End::Session);
        }
    }
}

/// Closes a connection as step 7 does: shutdown the sending side, wait briefly for the
/// client to close its side, then close.
fn close(conn: Socket, peer: SocketAddr) -> anyhow::Result<()> {
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            say!(
                "shut down the sending side: the client reads end-of-stream",
                "已关闭发送方向（shutdown）：客户端会读到数据流结束"
            );
            conn.set_read_timeout(Some(LINGER))
                .with_context(|| Failed::Recv(peer))?;
            let mut buffer = [0u8; 1024];
            loop {
                match (&conn).read(&mut buffer) {
                    Ok(0) => {
                        say!("the client closed its side too", "客户端也关闭了它那一端");
                        break;
                    }
                    Ok(_) => continue,
                    Err(error)
                        if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                    {
                        let seconds = LINGER.as_secs();
                        say!(
                            "the client did not close its side within {seconds} s: closing anyway",
                            "客户端在 {seconds} 秒内没有关闭它那一端：不再等待，直接关闭"
                        );
                        break;
                    }
                    Err(error) if peer_left(&error) => break,
                    Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
                }
            }
        }
        // After a reset there is no connection left to shut down.
        Err(error) if error.kind() == ErrorKind::NotConnected => {
            say!(
                "the connection is already closed: nothing to shut down",
                "连接已经关闭了：无需再关闭发送方向"
            );
        }
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    }
    drop(conn);
    say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
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
        let notice = words!(
            "the server is closing: it served one client, as the lesson's server does (run it with --keep-serving to serve clients one after another)\n",
            "服务端正在关闭：它和课程里的服务端一样只服务一个客户端（用 --keep-serving 运行它，就能一个接一个地服务客户端）\n"
        );
        match (&waiting).write_all(notice.as_bytes()) {
            Ok(()) => {
                say!(
                    "told {peer}, which was waiting to be served, that the server is closing",
                    "已通知正在等待的客户端 {peer}：服务端正在关闭"
                );
            }
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
