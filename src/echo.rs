//! The concurrency ladder's line serving, which step 8 taught and later rungs call:
//! one echo session on a blocking socket ([`serve_lines`], steps 8 and 9), a client
//! refused when the server is full ([`refuse`]), and what a session heard, said
//! ([`tell_heard`], steps 8 to 11).
//!
//! The protocol itself (lines, `exit`, the limit, the deadline of the next line) is
//! [`crate::ladder::LineSession`], without I/O.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};

use anyhow::Context;
use socket2::Socket;

use crate::failure::{Failed, peer_left};
use crate::ladder::{self, Heard, Limits, LineSession};
use crate::{Args, say, words};

/// Serves one client on a blocking socket (steps 8 and 9: its own thread, or a
/// worker's): echoes each line until the client sends
/// `exit`, closes, resets, or stays silent longer than the idle timeout.
pub fn serve_lines(mut conn: Socket, peer: SocketAddr, limits: &Limits) -> anyhow::Result<()> {
    // The idle timeout: a read that waits longer fails (WouldBlock on Unix, TimedOut
    // on Windows); each read below waits only until the next line is due. The same
    // for a write: a client that never reads would otherwise hold this thread forever
    // once its receive buffer is full.
    conn.set_write_timeout(Some(limits.idle_timeout))
        .with_context(|| Failed::Send(peer))?;
    let tell = |ended| tell_ended(peer, limits, ended);
    let mut session = LineSession::new(limits);
    let mut buffer = [0u8; 4096];
    loop {
        // Step 5: recv.
        // `closed`: the client closed its side (a read of 0 bytes); it may still read.
        // The deadline of the next whole line (see `LineSession`): each read waits
        // only for what is left of it, so that a client trickling a byte at a time
        // cannot put it off (slowloris).
        let read = match session.time_left() {
            Some(left) => conn
                .set_read_timeout(Some(left))
                .and_then(|()| conn.read(&mut buffer)),
            None => Err(ErrorKind::TimedOut.into()),
        };
        let (reply, closed) = match read {
            Ok(0) => {
                tell(Ended::Closed);
                (session.finish(), true)
            }
            Ok(n) => (session.received(&buffer[..n]), false),
            // A signal interrupted the wait: nothing was read, wait again.
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) if ladder::read_timed_out(&error) => {
                tell(Ended::Idle {
                    partial: session.partial(),
                });
                // Best effort: a client that does not read cannot be told.
                let _ = conn.write_all(session.wire_too_slow().as_bytes());
                break;
            }
            Err(error) if peer_left(&error) => {
                tell(Ended::Reset);
                return Ok(());
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };

        tell_heard(peer, &reply.heard);

        // Step 6: send the echo.
        match conn.write_all(&reply.send) {
            Ok(()) => {}
            Err(error) if ladder::read_timed_out(&error) => {
                tell(Ended::NotReading);
                break;
            }
            Err(error) if peer_left(&error) => {
                tell(Ended::Reset);
                return Ok(());
            }
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
        if reply.exit || closed {
            break;
        }
    }

    // Step 7: close. The client reads end-of-stream; dropping `conn` closes it.
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::NotConnected || peer_left(&error) => Ok(()),
        Err(error) => Err(error).with_context(|| Failed::Shutdown(peer)),
    }
}

/// Why a server is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// As many clients as `--max-connections` are connected (step 8).
    Connections,
    /// Every worker is busy and the queue is full (step 9).
    Pool,
}

/// Tells a client over the limit that the server is full, and closes its connection.
/// The errors are ignored: a client that is gone already needs no answer.
pub fn refuse(mut conn: Socket, peer: SocketAddr, limits: &Limits, full: Full) {
    tell_refused(peer, limits, full);
    // One short line into the empty send buffer of a new connection does not block.
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = conn.write_all(full.as_bytes());
    let _ = conn.shutdown(Shutdown::Write);
    // Dropping `conn` closes it. A client that had sent something already may read a
    // reset instead of the line (step 7 explains why).
}

/// Tells what the client sent, as the session heard it: each line, decoded; its
/// `exit`; a line over the limit.
pub fn tell_heard(peer: SocketAddr, heard: &[Heard]) {
    for heard in heard {
        match heard {
            Heard::Line(shown) => say!(
                "received from {peer}: {shown}",
                "收到 {peer} 的消息：{shown}"
            ),
            Heard::Exit => say!(
                "{peer} sent exit: closing its connection, the others go on",
                "{peer} 发送了 exit：关闭它的连接，其他客户端不受影响"
            ),
            Heard::TooLong(limit) => {
                say!(
                    "{peer} sent a line longer than {limit} bytes: refused it and dropped the rest of the line",
                    "{peer} 发送了超过 {limit} 字节的一行：已拒绝，并丢弃这一行的其余部分"
                );
            }
        }
    }
}

/// Steps 1 to 3 for a server of the ladder (steps 8 to 11): [`open_listener`], the
/// readiness line, then what it serves and how it stops: Enter, or the end of stdin.
///
/// [`open_listener`]: crate::steps::open_listener
pub fn open_ladder_server(args: &Args, limits: &Limits) -> anyhow::Result<(Socket, SocketAddr)> {
    let (server, local) = crate::steps::open_listener(args.addr, args.backlog)?;
    crate::outln!("{}", crate::text::listening_on(local));
    let max_connections = limits.max_connections;
    let max_line = limits.max_line;
    let idle = ladder::seconds(limits.idle_timeout);
    say!(
        "serving up to {max_connections} clients at once, lines up to {max_line} bytes, idle timeout {idle} s; press Enter to stop the server",
        "最多同时服务 {max_connections} 个客户端，每行最多 {max_line} 字节，空闲超时 {idle} 秒；按回车键停止服务端"
    );
    ladder::stop_on_enter(words!(
        "Enter pressed or stdin closed: stopping the server; the operating system closes every connection",
        "按下了回车键或标准输入已关闭：停止服务端；操作系统会关闭所有连接"
    ));
    Ok((server, local))
}

/// Step 8's accept loop, one client at a time: the next connection, and with
/// `say_accepted`, `accepted connection from <peer>`. A client that gave up before it
/// was accepted, or no file descriptor left, does not end the server: it pauses when
/// that helps, and accepts again.
pub fn accept_next(server: &Socket, local: SocketAddr, say_accepted: bool) -> (Socket, SocketAddr) {
    loop {
        let accepted = server.accept().with_context(|| Failed::Accept(local));
        let error = match accepted {
            Ok((conn, peer)) => match peer.as_socket() {
                Some(peer) => {
                    if say_accepted {
                        say!(
                            "accepted connection from {peer}",
                            "接收到客户端连接，连接来自：{peer}"
                        );
                    }
                    return (conn, peer);
                }
                None => continue,
            },
            Err(error) => error,
        };
        if let Some(pause) = ladder::pause_after_accept_error(&error) {
            std::thread::sleep(pause);
        }
    }
}

/// Says that the session with `peer` ended with an error (on stderr): the server goes on.
pub fn warn_session_error(peer: SocketAddr, error: &anyhow::Error) {
    let error = format!("{error:#}");
    crate::warn!(
        "warning: the session with {peer} ended with an error, the server goes on: {error}",
        "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}"
    );
}

/// How a session ended, told unless `--quiet`, as every rung of the ladder tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The client closed its side (a read of 0 bytes).
    Closed,
    /// The client reset the connection.
    Reset,
    /// The client sent no whole line before its deadline (`partial`: part of one).
    Idle { partial: bool },
    /// The client read nothing for the idle timeout.
    NotReading,
}

/// Tells how the session with `peer` ended, unless `--quiet`.
pub fn tell_ended(peer: SocketAddr, limits: &Limits, ended: Ended) {
    if limits.quiet {
        return;
    }
    let idle = ladder::seconds(limits.idle_timeout);
    match ended {
        Ended::Closed => say!("{peer} closed the connection", "{peer} 关闭了连接"),
        Ended::Reset => say!("{peer} reset the connection", "{peer} 重置了连接"),
        Ended::Idle { partial: true } => say!(
            "{peer} sent part of a line but no whole line for {idle} s: closing its connection",
            "{peer} 发送了半行，但 {idle} 秒内没有发完整的一行：关闭它的连接"
        ),
        Ended::Idle { partial: false } | Ended::NotReading => say!(
            "{peer} sent nothing for {idle} s: closing its connection",
            "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
        ),
    }
}

/// [`tell_ended`], then `Ok(())`: a session that ends so is no failure of the server,
/// so that a rung can `return session_ended(peer, limits, Ended::Reset);`.
pub fn session_ended(peer: SocketAddr, limits: &Limits, ended: Ended) -> anyhow::Result<()> {
    tell_ended(peer, limits, ended);
    Ok(())
}

/// Tells that `peer` was refused, unless `--quiet`; [`refuse`] does, on a blocking
/// socket, and the later rungs call it with their own sockets.
pub fn tell_refused(peer: SocketAddr, limits: &Limits, full: Full) {
    let max = limits.max_connections;
    match full {
        _ if limits.quiet => {}
        Full::Connections => say!(
            "refused {peer}: {max} clients are connected already (--max-connections)",
            "拒绝了 {peer}：已经有 {max} 个客户端在线（--max-connections）"
        ),
        Full::Pool => say!(
            "refused {peer}: every worker is busy and the queue is full (--workers, --queue)",
            "拒绝了 {peer}：所有工作线程都在忙，队列也满了（--workers、--queue）"
        ),
    }
}

/// Tells that the session with `peer` ended and how many clients are connected now,
/// unless `--quiet`.
pub fn tell_closed(peer: SocketAddr, limits: &Limits, connected: usize) {
    if !limits.quiet {
        say!(
            "closed the connection to {peer}; clients connected now: {connected}",
            "已关闭与 {peer} 的连接；当前在线的客户端：{connected} 个"
        );
    }
}
