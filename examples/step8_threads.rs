//! Step 8 — threads: many clients at once, one thread per client.
//!
//! The server of step 7 serves one client and ends. This one calls `accept()` in a
//! loop and hands each connection to a new thread, so that a client that is slow, or
//! silent, never holds up the others. Each line a client sends comes back to it (an
//! echo server); `exit` ends that client's session only.
//!
//! What it costs: a thread per client, each with its own stack (2 MiB of address space
//! reserved; about 14 KiB of memory used per idle client in the benchmark) and a task
//! for the kernel to schedule. Hundreds are cheap; ten thousand ran on Linux in the
//! benchmark, with 147 MiB and a p99 latency near 0.4 s (docs/benchmarks.md). So the server bounds what clients can cost it:
//! `--max-connections` (default 1000: one more client is told the server is full),
//! `--max-line` (a longer line is refused) and `--idle-timeout` (a silent client is
//! closed).
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step8_threads
//! terminal 2: nc 127.0.0.1 8888
//! terminal 3: nc 127.0.0.1 8888
//! ```
//!
//! Type in terminals 2 and 3: each gets its own lines back. Press Enter in terminal 1
//! to stop the server (the end of its stdin does the same: that is how the tests stop
//! it); Ctrl+C stops it too.
//!
//! Lesson: README, "From one client to many"; docs/en/step8_threads.md,
//! docs/zh/step8_threads.md.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Heard, Limits, LineSession};
use socket_workbook::text;
use socket_workbook::{Args, Failed, outln, report, say, warn, words};
use socket2::{Domain, Protocol, Socket, Type};

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 1000;

fn main() -> ExitCode {
    let args = ladder::cli("step8_threads")
        .arg(ladder::max_connections(MAX_CONNECTIONS))
        .parse();
    // What this server prints goes through a queue, written by a thread of its own
    // (`output::queue_stdout`): a terminal nobody reads, or a pipe into a slow reader,
    // never holds up a client. Lines that do not fit are counted, and the count said.
    socket_workbook::output::queue_stdout();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;
    let limits = Limits::from_args(args);

    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // Step 3: listen. Many clients may connect at once: the backlog is 1024 here, not
    // the lesson's 1 (`--backlog`).
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));
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

    // New in this step: accept in a loop, and start a thread for each client.
    // How many clients are served now: this thread adds one, each session's thread
    // takes its own away when it ends.
    let active = Arc::new(AtomicUsize::new(0));
    loop {
        // Step 4: accept.
        let accepted = server.accept().with_context(|| Failed::Accept(local));
        let (conn, peer) = match accepted {
            Ok(accepted) => accepted,
            // A client that gave up, or no file descriptor left: the server goes on.
            Err(error) => {
                if let Some(pause) = ladder::pause_after_accept_error(&error) {
                    thread::sleep(pause);
                }
                continue;
            }
        };
        let peer = peer.as_socket().context(Failed::Query)?;

        // The limit: one client more is told so, rather than kept waiting in silence.
        if active.load(Ordering::SeqCst) >= limits.max_connections {
            refuse(conn, peer, &limits);
            continue;
        }
        let running = active.fetch_add(1, Ordering::SeqCst) + 1;
        if !limits.quiet {
            say!(
                "accepted connection from {peer}",
                "接收到客户端连接，连接来自：{peer}"
            );
            say!(
                "started a thread for {peer}; client threads running: {running}",
                "为 {peer} 启动了一个线程；正在运行的客户端线程：{running} 个"
            );
        }

        // Python: threading.Thread(target=serve, args=(conn, address)).start()
        // `move` gives the thread its own connection; the `Arc` lets it share the count.
        // `Builder::spawn` reports a failure (the system refused one more thread) where
        // `thread::spawn` would panic.
        let active_here = Arc::clone(&active);
        let spawned = thread::Builder::new()
            .name(format!("client {peer}"))
            .spawn(move || {
                let result = serve(conn, peer, &limits);
                let left = active_here.fetch_sub(1, Ordering::SeqCst) - 1;
                if let Err(error) = result {
                    let error = format!("{error:#}");
                    warn!("warning: the session with {peer} ended with an error, the server goes on: {error}", "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}");
                }
                if !limits.quiet {
                    say!("closed the connection to {peer}; clients connected now: {left}", "已关闭与 {peer} 的连接；当前在线的客户端：{left} 个");
                }
            });
        if let Err(error) = spawned {
            // The connection went with the closure, and is closed already.
            active.fetch_sub(1, Ordering::SeqCst);
            let error = error.to_string();
            warn!(
                "warning: could not start a thread for {peer}, closing its connection: {error}",
                "警告：无法为 {peer} 启动线程，关闭它的连接：{error}"
            );
        }
    }
}

/// Serves one client on its own thread: echoes each line until the client sends
/// `exit`, closes, resets, or stays silent longer than the idle timeout.
fn serve(mut conn: Socket, peer: SocketAddr, limits: &Limits) -> anyhow::Result<()> {
    // The idle timeout: a read that waits longer fails (WouldBlock on Unix, TimedOut
    // on Windows); each read below waits only until the next line is due. The same
    // for a write: a client that never reads would otherwise hold this thread forever
    // once its receive buffer is full.
    conn.set_write_timeout(Some(limits.idle_timeout))
        .with_context(|| Failed::Send(peer))?;
    // What the session tells, unless `--quiet`.
    let tell = |line: String| {
        if !limits.quiet {
            socket_workbook::output::line(line);
        }
    };
    let idle = ladder::seconds(limits.idle_timeout);
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
                tell(words!("{peer} closed the connection", "{peer} 关闭了连接"));
                (session.finish(), true)
            }
            Ok(n) => (session.received(&buffer[..n]), false),
            // A signal interrupted the wait: nothing was read, wait again.
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) if ladder::read_timed_out(&error) => {
                if session.partial() {
                    tell(words!(
                        "{peer} sent part of a line but no whole line for {idle} s: closing its connection",
                        "{peer} 发送了半行，但 {idle} 秒内没有发完整的一行：关闭它的连接"
                    ));
                } else {
                    tell(words!(
                        "{peer} sent nothing for {idle} s: closing its connection",
                        "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
                    ));
                }
                // Best effort: a client that does not read cannot be told.
                let _ = conn.write_all(session.wire_too_slow().as_bytes());
                break;
            }
            Err(error) if peer_left(&error) => {
                tell(words!("{peer} reset the connection", "{peer} 重置了连接"));
                return Ok(());
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };

        tell_heard(peer, &reply.heard);

        // Step 6: send the echo.
        match conn.write_all(&reply.send) {
            Ok(()) => {}
            Err(error) if ladder::read_timed_out(&error) => {
                tell(words!(
                    "{peer} sent nothing for {idle} s: closing its connection",
                    "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
                ));
                break;
            }
            Err(error) if peer_left(&error) => {
                tell(words!("{peer} reset the connection", "{peer} 重置了连接"));
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

/// Tells a client over the limit that the server is full, and closes its connection.
/// The errors are ignored: a client that is gone already needs no answer.
fn refuse(mut conn: Socket, peer: SocketAddr, limits: &Limits) {
    if !limits.quiet {
        let max = limits.max_connections;
        say!(
            "refused {peer}: {max} clients are connected already (--max-connections)",
            "拒绝了 {peer}：已经有 {max} 个客户端在线（--max-connections）"
        );
    }
    // One short line into the empty send buffer of a new connection does not block.
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = conn.write_all(full.as_bytes());
    let _ = conn.shutdown(Shutdown::Write);
    // Dropping `conn` closes it. A client that had sent something already may read a
    // reset instead of the line (step 7 explains why).
}

/// Tells what the client sent, as the session heard it: each line, decoded; its
/// `exit`; a line over the limit.
fn tell_heard(peer: SocketAddr, heard: &[Heard]) {
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
