//! Step 9 — a pool: a fixed number of worker threads and a bounded queue.
//!
//! Step 8 starts a thread for every client, as many as come. This server starts its
//! threads once (`--workers`, default 8) and puts each accepted connection in a queue
//! that holds at most `--queue` of them (default 64). A free worker takes the next
//! connection and serves it to the end, then takes the next. Each line a client sends
//! comes back to it (an echo server); `exit` ends that client's session only.
//!
//! What happens when it is full: while every worker is busy, new clients wait in the
//! queue, connected but not answered; once the queue is full too, one more client is
//! told the server is full and closed. The cost is fixed up front (`--workers`
//! threads, whatever the load); the price is the wait, and a few silent clients can
//! hold every worker until `--idle-timeout` closes them. `--max-line` refuses
//! over-long lines.
//!
//! Slowloris: eight clients that send one byte a second and never a newline would hold
//! all eight workers for ever if each byte restarted the idle clock. Here only a whole
//! line moves a session's deadline (`LineSession`): each read waits for what is left
//! of it. Measured with `--idle-timeout 3`: the eight tricklers were closed at 3.04 s
//! (`error: no whole line within 3 s`), and a ninth client, queued at 0.5 s, read its
//! echo at 3.01 s; before, it waited with no answer at all. (Queued clients are not
//! sent a "please wait" line: it would come where a client expects its echo, and
//! every echo client, loadgen among them, would count it as a wrong answer.)
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step9_pool -- --workers 1
//! terminal 2: nc 127.0.0.1 8888
//! terminal 3: nc 127.0.0.1 8888
//! ```
//!
//! With one worker, terminal 3 waits in the queue until terminal 2 sends `exit`. Press
//! Enter in terminal 1 to stop the server (the end of its stdin does the same: that is
//! how the tests stop it); Ctrl+C stops it too.
//!
//! Lesson: README, "From one client to many"; docs/en/step9_pool.md,
//! docs/zh/step9_pool.md.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Heard, Limits, LineSession};
use socket_workbook::text;
use socket_workbook::{Args, Failed, outln, report, say, warn, words};
use socket2::{Domain, Protocol, Socket, Type};

/// Worker threads unless `--workers` says otherwise.
const WORKERS: usize = 8;

/// Clients that may wait for a worker unless `--queue` says otherwise.
const QUEUE: usize = 64;

/// A connection accepted and waiting for a worker.
type Waiting = (Socket, SocketAddr);

fn main() -> ExitCode {
    let args = ladder::cli("step9_pool")
        .arg(ladder::count("workers", WORKERS, ladder::help_workers()))
        .arg(ladder::count("queue", QUEUE, ladder::help_queue()))
        .parse();
    // What this server prints goes through a queue, written by a thread of its own
    // (`output::queue_stdout`): a terminal nobody reads, or a pipe into a slow reader,
    // never holds up a client. Lines that do not fit are counted, and the count said.
    socket_workbook::output::queue_stdout();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;
    let workers = ladder::get_count(args, "workers", WORKERS);
    let queue = ladder::get_count(args, "queue", QUEUE);
    let mut limits = Limits::from_args(args);
    // Served at once: one client per worker, and those waiting in the queue.
    limits.max_connections = workers + queue;

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

    // New in this step: the pool. Python: concurrent.futures.ThreadPoolExecutor(8),
    // whose queue has no bound; this one has.
    // `sync_channel(queue)` is a queue that holds at most `queue` connections. The
    // workers share its receiving end behind a mutex: whoever holds the lock waits for
    // the next connection, the others wait for the lock.
    let (to_workers, from_accept) = mpsc::sync_channel::<Waiting>(queue);
    let from_accept = Arc::new(Mutex::new(from_accept));
    for id in 1..=workers {
        let from_accept = Arc::clone(&from_accept);
        thread::Builder::new()
            .name(format!("worker {id}"))
            .spawn(move || work(id, &from_accept, &limits))
            .context(ladder::pool_failed())?;
    }
    say!(
        "started {workers} worker threads; up to {queue} more clients wait in the queue",
        "已启动 {workers} 个工作线程；队列里最多还能有 {queue} 个客户端等待"
    );

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
        if !limits.quiet {
            say!(
                "accepted connection from {peer}",
                "接收到客户端连接，连接来自：{peer}"
            );
        }

        // Into the queue, without waiting: when it is full, the client is told so,
        // rather than kept waiting in silence. A worker is held only by a client that
        // keeps sending whole lines: one that goes silent, or trickles bytes, is closed
        // at its next line's deadline (slowloris; see the header).
        match to_workers.try_send((conn, peer)) {
            Ok(()) => {
                if !limits.quiet {
                    say!(
                        "queued {peer} for the next free worker",
                        "{peer} 已进入队列，等待空闲的工作线程"
                    );
                }
            }
            Err(TrySendError::Full((conn, peer))) => refuse(conn, peer, &limits),
            // Every worker has ended: only a panic in one could do that.
            Err(TrySendError::Disconnected(_)) => anyhow::bail!(ladder::pool_failed()),
        }
    }
}

/// The loop of worker `id`: takes the next connection from the queue, serves it to the
/// end, and again.
fn work(id: usize, from_accept: &Mutex<Receiver<Waiting>>, limits: &Limits) {
    loop {
        // The lock is held only while waiting for a connection, not while serving it.
        // A worker that panicked while holding it (none does) leaves it usable.
        let next = from_accept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        // The sending end is gone: the accept loop has ended, and so does the worker.
        let Ok((conn, peer)) = next else {
            return;
        };
        if !limits.quiet {
            say!("worker {id} serves {peer}", "工作线程 {id} 开始服务 {peer}");
        }
        if let Err(error) = serve(conn, peer, limits) {
            let error = format!("{error:#}");
            warn!(
                "warning: the session with {peer} ended with an error, the server goes on: {error}",
                "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}"
            );
        }
        if !limits.quiet {
            say!(
                "worker {id} closed the connection to {peer} and takes the next client",
                "工作线程 {id} 关闭了与 {peer} 的连接，接着服务下一个客户端"
            );
        }
    }
}

/// Serves one client on a worker's thread: echoes each line until the client sends
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

/// Tells a client that finds the queue full that the server is full, and closes its
/// connection. The errors are ignored: a client that is gone already needs no answer.
fn refuse(mut conn: Socket, peer: SocketAddr, limits: &Limits) {
    if !limits.quiet {
        say!(
            "refused {peer}: every worker is busy and the queue is full (--workers, --queue)",
            "拒绝了 {peer}：所有工作线程都在忙，队列也满了（--workers、--queue）"
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
