//! Step 11 — async: a task per client, with tokio.
//!
//! Step 10 serves every client from one thread with non-blocking sockets and an event
//! loop written by hand. tokio writes that loop for you: each client gets a *task*,
//! code that reads like step 8's thread (read, answer, read again) but that, where it
//! would wait, hands its thread back to the runtime until its socket is ready. A task
//! has no stack of its own: an idle client costs about 1.5 KiB (docs/benchmarks.md),
//! and the runtime runs every task on one thread per core. Each line a client sends comes back to it (an echo server); `exit`
//! ends that client's session only.
//!
//! The limits: `--max-connections` (default 10000; one more client is told the
//! server is full), `--max-line` (a longer line is refused) and `--idle-timeout` (a
//! silent client is closed). The server raises its limit of open files as far as the
//! system allows, and serves fewer clients, with a warning, if that is still too few.
//!
//! Run it (tokio is an optional dependency, so the feature is needed):
//!
//! ```text
//! terminal 1: cargo run --features async --example step11_async
//! terminal 2: nc 127.0.0.1 8888
//! terminal 3: nc 127.0.0.1 8888
//! ```
//!
//! Type in terminals 2 and 3: each gets its own lines back. Press Enter in terminal 1
//! to stop the server (the end of its stdin does the same: that is how the tests stop
//! it); Ctrl+C stops it too.
//!
//! Lesson: README, "From one client to many"; docs/en/step11_async.md,
//! docs/zh/step11_async.md.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Heard, Limits, LineSession};
use socket_workbook::text;
use socket_workbook::{Args, Failed, outln, report, say, warn, words};
use socket2::{Domain, Protocol, Socket, Type};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{timeout, timeout_at};

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 10_000;

/// How long telling a refused or idle client may take before it is closed anyway.
const LAST_WORD: Duration = Duration::from_secs(1);

// `#[tokio::main]` starts the runtime (a thread per core) and runs `main` on it.
#[tokio::main]
async fn main() -> ExitCode {
    let args = ladder::cli("step11_async")
        .arg(ladder::max_connections(MAX_CONNECTIONS))
        .parse();
    // What this server prints goes through a queue, written by a thread of its own
    // (`output::queue_stdout`): a terminal nobody reads, or a pipe into a slow reader,
    // never holds up a client. Lines that do not fit are counted, and the count said.
    socket_workbook::output::queue_stdout();
    report(run(&args).await)
}

async fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;
    let mut limits = Limits::from_args(args);
    ladder::fit_open_files(&mut limits);

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

    // Non-blocking, as in step 10: tokio's runtime watches the socket (with mio).
    // `TcpListener::bind` would do steps 1 to 3 and this in one call.
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Listen(addr))?;
    let listener = TcpListener::from_std(server.into()).with_context(|| Failed::Listen(addr))?;
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

    // The limit: a permit per client. The task of a session holds one; when it ends,
    // the permit goes back.
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        // Step 4: accept. `.await`: this task waits here, and its thread runs other
        // tasks meanwhile.
        let accepted = listener
            .accept()
            .await
            .with_context(|| Failed::Accept(local));
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            // A client that gave up, or no file descriptor left: the server goes on.
            Err(error) => {
                if let Some(pause) = ladder::pause_after_accept_error(&error) {
                    tokio::time::sleep(pause).await;
                }
                continue;
            }
        };

        // One client more than the limit is told so, rather than kept waiting.
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            tokio::spawn(refuse(stream, peer, limits));
            continue;
        };
        if !limits.quiet {
            say!(
                "accepted connection from {peer}",
                "接收到客户端连接，连接来自：{peer}"
            );
            say!("spawned a task for {peer}", "为 {peer} 创建了一个任务");
        }

        // New in this step: a task per client. Python: asyncio.create_task(serve(...)).
        let permits = Arc::clone(&permits);
        tokio::spawn(async move {
            let result = serve(stream, peer, &limits).await;
            drop(permit);
            if let Err(error) = result {
                let error = format!("{error:#}");
                warn!(
                    "warning: the session with {peer} ended with an error, the server goes on: {error}",
                    "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}"
                );
            }
            if !limits.quiet {
                let connected = limits.max_connections - permits.available_permits();
                say!(
                    "closed the connection to {peer}; clients connected now: {connected}",
                    "已关闭与 {peer} 的连接；当前在线的客户端：{connected} 个"
                );
            }
        });
    }
}

/// Serves one client in its own task: echoes each line until the client sends `exit`,
/// closes, resets, or stays silent longer than the idle timeout.
async fn serve(mut stream: TcpStream, peer: SocketAddr, limits: &Limits) -> anyhow::Result<()> {
    // What the session tells, unless `--quiet`.
    let tell = |line: String| {
        if !limits.quiet {
            socket_workbook::output::line(line);
        }
    };
    let idle = ladder::seconds(limits.idle_timeout);
    let mut session = LineSession::new(limits);
    loop {
        // Wait until the client sends something, until its next whole line is due at
        // most: only a whole line moves that deadline, not a byte (see `LineSession`),
        // so a client trickling a byte at a time cannot put it off (slowloris).
        // Waiting needs no buffer: a silent client costs only its task and its socket.
        let due = tokio::time::Instant::from_std(session.deadline());
        match timeout_at(due, stream.readable()).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => return Err(error).with_context(|| Failed::Recv(peer)),
            Err(_elapsed) => {
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
                let message = session.wire_too_slow();
                // Best effort: a client that does not read cannot be told.
                let _ = timeout(LAST_WORD, stream.write_all(message.as_bytes())).await;
                break;
            }
        }

        // Step 5: recv, now that there is something to read. The buffer lives in this
        // block, on the thread's stack for the read only: kept across an `.await`, it
        // would be part of the task, 4 KiB more for every client, silent or not.
        let (reply, closed) = {
            let mut buffer = [0u8; 4096];
            match stream.try_read(&mut buffer) {
                Ok(0) => {
                    tell(words!("{peer} closed the connection", "{peer} 关闭了连接"));
                    (session.finish(), true)
                }
                Ok(n) => (session.received(&buffer[..n]), false),
                // The readiness was stale (another read took the bytes): wait again.
                Err(error) if error.kind() == ErrorKind::WouldBlock => continue,
                Err(error) if peer_left(&error) => {
                    tell(words!("{peer} reset the connection", "{peer} 重置了连接"));
                    return Ok(());
                }
                Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
            }
        };

        tell_heard(peer, &reply.heard);

        // Step 6: send the echo, for the idle timeout at most: a client that does not
        // read must not hold its task forever.
        match timeout(limits.idle_timeout, stream.write_all(&reply.send)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) if peer_left(&error) => {
                tell(words!("{peer} reset the connection", "{peer} 重置了连接"));
                return Ok(());
            }
            Ok(Err(error)) => return Err(error).with_context(|| Failed::Send(peer)),
            Err(_elapsed) => {
                tell(words!(
                    "{peer} sent nothing for {idle} s: closing its connection",
                    "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
                ));
                break;
            }
        }
        if reply.exit || closed {
            break;
        }
    }

    // Step 7: close. `shutdown()` is shutdown(2) of the sending side: the client reads
    // end-of-stream. Dropping `stream` closes it.
    match stream.shutdown().await {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::NotConnected || peer_left(&error) => Ok(()),
        Err(error) => Err(error).with_context(|| Failed::Shutdown(peer)),
    }
}

/// Tells a client over the limit that the server is full, and closes its connection.
/// The errors are ignored: a client that is gone already needs no answer.
async fn refuse(mut stream: TcpStream, peer: SocketAddr, limits: Limits) {
    if !limits.quiet {
        let max = limits.max_connections;
        say!(
            "refused {peer}: {max} clients are connected already (--max-connections)",
            "拒绝了 {peer}：已经有 {max} 个客户端在线（--max-connections）"
        );
    }
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = timeout(LAST_WORD, stream.write_all(full.as_bytes())).await;
    let _ = timeout(LAST_WORD, stream.shutdown()).await;
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
