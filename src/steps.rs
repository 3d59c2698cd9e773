//! What steps 1 to 7 taught, one call each, for the programs after them.
//!
//! A lesson shows its own calls; once a step has taught one, later programs call it
//! from here under a name that says what it does, as the Rust Book moves `ThreadPool`
//! into `lib.rs` once its chapter has taught it. Each helper narrates as its step does,
//! so that a later program's output still reads like the steps before it.
//!
//! | helper | taught by | what it does |
//! |---|---|---|
//! | [`open_listener`] | steps 1–3 | socket, `SO_REUSEADDR`, bind, listen; the caller prints the readiness line |
//! | [`local_addr`] | step 3 | the address a socket is bound to, as a `SocketAddr` |
//! | [`accept_client`], [`wait_for_client`] | step 4 | accept one client, quietly or as step 4 says it |
//! | [`Receiver`] | step 5 | read, decode and print what a client sends, until `exit` or it leaves |
//! | [`send_typed_reply`] | step 6 | read a line the operator types and send it |
//! | [`converse`] | steps 5, 6 | print each read and answer it with a typed line, until one side ends |
//! | [`close_connection`] | step 7 | shutdown, wait (to a deadline) for the client's side, close |
//! | [`tell_waiting_clients`] | 示例1, 示例2 | tell the clients still waiting in the backlog that the server closes |
//! | [`close_listener`] | step 7 | close the listening socket; with `--explain`, say that its port is free |

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::time::{Duration, Instant};

use anyhow::Context;
use socket2::{Domain, Protocol, Socket, Type};

use crate::failure::{Failed, peer_left};
use crate::lines::{self, Encoding};
use crate::message::{Decoded, Utf8Stream, is_exit};
use crate::{say, warn};

/// How long [`close_connection`] waits for the client to close its side after ours: a
/// deadline that what the client still sends does not move.
pub const LINGER: Duration = Duration::from_secs(2);

/// Steps 1 to 3: a TCP socket bound to `addr` (with `SO_REUSEADDR`, but not on
/// Windows: see step 2) and listening with `backlog`. Returns the socket and its real
/// address, for the readiness line `listening on <ip:port>` that the caller prints.
pub fn open_listener(addr: SocketAddr, backlog: i32) -> anyhow::Result<(Socket, SocketAddr)> {
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    server
        .listen(backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = local_addr(&server)?;
    Ok((server, local))
}

/// The address `socket` is bound to (its `local_addr`, as a `SocketAddr`).
pub fn local_addr(socket: &Socket) -> anyhow::Result<SocketAddr> {
    let local = socket.local_addr().context(Failed::Query)?;
    local.as_socket().context(Failed::Query)
}

/// Step 4: the next client's connection and its address. With `explain`, says first
/// that `accept` blocks.
pub fn accept_client(
    server: &Socket,
    local: SocketAddr,
    explain: bool,
) -> anyhow::Result<(Socket, SocketAddr)> {
    if explain {
        say!(
            "waiting for a client: accept() blocks until one connects",
            "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
        );
    }
    let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    Ok((conn, peer))
}

/// Step 4 as step 4 says it: that `accept` blocks, then whom it accepted.
pub fn wait_for_client(server: &Socket, local: SocketAddr) -> anyhow::Result<(Socket, SocketAddr)> {
    let (conn, peer) = accept_client(server, local, true)?;
    say!(
        "accepted connection from {peer}",
        "接收到客户端连接，连接来自：{peer}"
    );
    Ok((conn, peer))
}

/// Step 5's loop, one read at a time: each read is printed as step 5 prints it, until
/// the client sends `exit`, closes, or resets the connection.
pub struct Receiver {
    peer: SocketAddr,
    buffer: [u8; 1024],
    decoder: Utf8Stream,
}

impl Receiver {
    /// A receiver for the connection from `peer`.
    pub fn new(peer: SocketAddr) -> Receiver {
        Receiver {
            peer,
            buffer: [0; 1024],
            decoder: Utf8Stream::new(),
        }
    }

    /// The next read, printed as step 5 prints it, with its bytes; `None` once the
    /// client has closed or reset the connection (said). The caller checks for `exit`.
    pub fn read(&mut self, mut conn: &Socket) -> anyhow::Result<Option<(&[u8], Decoded)>> {
        let n = match conn.read(&mut self.buffer) {
            Ok(0) => {
                say!(
                    "the client closed the connection (recv returned 0 bytes): ending the session",
                    "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
                );
                return Ok(self.finish());
            }
            Ok(n) => n,
            Err(error) if peer_left(&error) => {
                say!(
                    "the client reset the connection (it closed with data unread, or its program ended abruptly): ending the session",
                    "客户端重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）：结束会话"
                );
                return Ok(self.finish());
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(self.peer)),
        };
        let data = self.decoder.decode(&self.buffer[..n]);
        say_received(n, &data);
        Ok(Some((&self.buffer[..n], data)))
    }

    /// The next read, printed; `None` once the session ends (`exit`, 0 bytes, a reset),
    /// said as step 5 says it.
    pub fn next(&mut self, conn: &Socket) -> anyhow::Result<Option<Decoded>> {
        let Some((_, data)) = self.read(conn)? else {
            return Ok(None);
        };
        if is_exit(&data.text) {
            say_client_exit();
            return Ok(self.finish());
        }
        Ok(Some(data))
    }

    /// The end of the stream: a character cut by the last read is warned of.
    pub fn finish<T>(&mut self) -> Option<T> {
        let cut = self.decoder.finish();
        if cut > 0 {
            warn!(
                cut,
                "warning: the connection ended in the middle of a character; its {cut} byte is dropped",
                "warning: the connection ended in the middle of a character; its {cut} bytes are dropped",
                "警告：连接在一个字符的中途结束了，已收到的 {cut} 个字节被丢弃"
            );
        }
        None
    }
}

/// Says that the client sent `exit`, as step 5 does.
pub fn say_client_exit() {
    say!(
        "the client sent exit: ending the session",
        "客户端发送了 exit：结束会话"
    );
}

/// Prints one read as step 5 does: its size and text, a character it cut, bytes that
/// are not UTF-8 (on stderr).
pub fn say_received(n: usize, data: &Decoded) {
    let shown = &data.shown;
    say!(
        n,
        "received {n} byte: {shown}",
        "received {n} bytes: {shown}",
        "收到 {n} 字节：{shown}"
    );
    let (carried, invalid) = (data.carried, data.invalid);
    if carried > 0 {
        say!(
            carried,
            "  ({carried} byte of a character cut by this read waits for the next read)",
            "  ({carried} bytes of a character cut by this read wait for the next read)",
            "  （有一个字符被本次读取截断，已收到的 {carried} 个字节留到下一次读取时拼接）"
        );
    }
    if invalid > 0 {
        warn!(
            invalid,
            "warning: {invalid} byte is not valid UTF-8, shown as \\xNN; does the client send another encoding, such as GBK? set it to UTF-8",
            "warning: {invalid} bytes are not valid UTF-8, shown as \\xNN; does the client send another encoding, such as GBK? set it to UTF-8",
            "警告：有 {invalid} 个字节不是有效的 UTF-8，已显示为 \\xNN；客户端是不是用了别的编码（比如 GBK）？请把客户端设置为 UTF-8"
        );
    }
}

/// Step 6: asks for a reply, reads the line the operator types and sends it with a
/// `\n`. `false` when the session ends instead: the operator typed `exit`, stdin
/// closed, or the client has gone.
pub fn send_typed_reply(mut conn: &Socket, peer: SocketAddr) -> anyhow::Result<bool> {
    say!(
        "type a reply and press Enter (exit ends the session):",
        "请输入回复消息，按回车发送（输入 exit 结束会话）："
    );
    let Some(reply) = lines::stdin_line(Encoding::Utf8).context(Failed::Stdin)? else {
        say!(
            "stdin closed: no more replies, ending the session",
            "标准输入已关闭：不再回复，结束会话"
        );
        return Ok(false);
    };
    if is_exit(&reply.text) {
        say!(
            "you typed exit: ending the session",
            "你输入了 exit：结束会话"
        );
        return Ok(false);
    }
    let reply = format!("{}\n", reply.text);
    match conn.write_all(reply.as_bytes()) {
        Ok(()) => {
            let bytes = reply.len();
            say!(
                bytes,
                "sent {bytes} byte",
                "sent {bytes} bytes",
                "已发送 {bytes} 字节"
            );
            Ok(true)
        }
        Err(error) if peer_left(&error) => {
            say!(
                "the client is gone, the reply could not be delivered: ending the session",
                "客户端已断开连接，回复无法送达：结束会话"
            );
            Ok(false)
        }
        Err(error) => Err(error).with_context(|| Failed::Send(peer)),
    }
}

/// Steps 5 and 6 together: each read printed, each answered with a line the operator
/// types, until one side ends the session.
pub fn converse(conn: &Socket, peer: SocketAddr) -> anyhow::Result<()> {
    let mut receiver = Receiver::new(peer);
    while receiver.next(conn)?.is_some() && send_typed_reply(conn, peer)? {}
    Ok(())
}

/// Whether `error` is a read's timeout: `WouldBlock` on Unix, `TimedOut` on Windows.
pub fn timed_out(error: &std::io::Error) -> bool {
    matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// Step 7's close: shutdown the sending side (the client reads end-of-stream), wait
/// until [`LINGER`] has passed for the client to close its side, reading and dropping
/// what it still sends (closing with bytes unread would send a reset), then close.
/// With `explain`, each move is said; a client that did not close in time always is.
pub fn close_connection(conn: Socket, peer: SocketAddr, explain: bool) -> anyhow::Result<()> {
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            if explain {
                say!(
                    "shut down the sending side: the client reads end-of-stream",
                    "已关闭发送方向（shutdown）：客户端会读到数据流结束"
                );
            }
            wait_for_their_side(&conn, peer, explain)?;
        }
        // After a reset there is no connection left to shut down.
        Err(error) if error.kind() == ErrorKind::NotConnected => {
            if explain {
                say!(
                    "the connection is already closed: nothing to shut down",
                    "连接已经关闭了：无需再关闭发送方向"
                );
            }
        }
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    }
    drop(conn);
    if explain {
        say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
    }
    Ok(())
}

/// The wait of [`close_connection`]: a deadline, not a timeout per read, so that a
/// client trickling a byte a second cannot hold the server.
fn wait_for_their_side(mut conn: &Socket, peer: SocketAddr, explain: bool) -> anyhow::Result<()> {
    let deadline = Instant::now() + LINGER;
    let mut buffer = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let read = if left.is_zero() {
            Err(ErrorKind::TimedOut.into())
        } else {
            conn.set_read_timeout(Some(left))
                .with_context(|| Failed::Recv(peer))?;
            conn.read(&mut buffer)
        };
        match read {
            Ok(0) => {
                if explain {
                    say!("the client closed its side too", "客户端也关闭了它那一端");
                }
                return Ok(());
            }
            Ok(_) => continue,
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) if timed_out(&error) => {
                let seconds = LINGER.as_secs();
                say!(
                    "the client did not close its side within {seconds} s: closing anyway",
                    "客户端在 {seconds} 秒内没有关闭它那一端：不再等待，直接关闭"
                );
                return Ok(());
            }
            Err(error) if peer_left(&error) => return Ok(()),
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        }
    }
}

/// How much of what a waiting client already sent is read, at most, before its socket
/// closes: enough for any greeting, and a client that floods cannot hold the server.
const DRAIN_BYTES: usize = 64 * 1024;
const DRAIN_TIME: Duration = Duration::from_millis(100);

/// Accepts the clients still waiting in the backlog, without blocking, tells each in
/// one line that the server is closing, and closes it in order: closing the listening
/// socket would reset them instead. Each is said on stdout.
pub fn tell_waiting_clients(server: &Socket) -> anyhow::Result<()> {
    let local = local_addr(server)?;
    let notice = crate::words!(
        "the server is closing: it served one client, as the lesson's server does (run it with --keep-serving to serve clients one after another)\n",
        "服务端正在关闭：它和课程里的服务端一样只服务一个客户端（用 --keep-serving 运行它，就能一个接一个地服务客户端）\n"
    );
    // Non-blocking: accept returns WouldBlock at once when no one waits.
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Accept(local))?;
    loop {
        let (mut waiting, peer) = match server.accept() {
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
        match waiting.write_all(notice.as_bytes()) {
            Ok(()) => say!(
                "told {peer}, which was waiting to be served, that the server is closing",
                "已通知正在等待的客户端 {peer}：服务端正在关闭"
            ),
            Err(error) if peer_left(&error) => continue,
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
        // Read what it already sent, so that closing sends an orderly FIN, not a reset
        // that could destroy the notice before the client reads it (pitfall_reset_on_close).
        waiting
            .set_nonblocking(true)
            .with_context(|| Failed::Recv(peer))?;
        let mut buffer = [0u8; 1024];
        let (mut drained, until) = (0, Instant::now() + DRAIN_TIME);
        while drained < DRAIN_BYTES && Instant::now() < until {
            match waiting.read(&mut buffer) {
                Ok(n) if n > 0 => drained += n,
                Err(error) if error.kind() == ErrorKind::Interrupted => continue,
                _ => break,
            }
        }
        let _ = waiting.shutdown(Shutdown::Write);
    }
}

/// Step 7's last move: closes the listening socket. With `explain`, says that its
/// address is free again, and when for a program without `SO_REUSEADDR`.
pub fn close_listener(server: Socket, local: SocketAddr, explain: bool) {
    drop(server);
    if explain {
        say!(
            "closed the listening socket: {local} is free again (for a program without SO_REUSEADDR, such as netAssist in TCP Server mode, only after about a minute: TIME_WAIT)",
            "已关闭监听套接字：{local} 已释放，可以再次使用（没有设置 SO_REUSEADDR 的程序，例如 TCP Server 模式的 netAssist，要等大约一分钟：TIME_WAIT）"
        );
    }
}
