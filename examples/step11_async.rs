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
use socket_workbook::echo::{self, Ended, Full, open_ladder_server, tell_ended, tell_heard};
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Limits, LineSession};
use socket_workbook::{Args, Failed, report, say};
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
    socket_workbook::output::queue_stdout();
    report(run(&args).await)
}

async fn run(args: &Args) -> anyhow::Result<()> {
    let mut limits = Limits::from_args(args);
    ladder::fit_open_files(&mut limits);
    // Steps 1 to 3, as in step 8 (src/echo.rs), then non-blocking as in step 10:
    // tokio's runtime watches the socket (with mio). `TcpListener::bind` would do all.
    let (server, local) = open_ladder_server(args, &limits)?;
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Listen(local))?;
    let listener = TcpListener::from_std(server.into()).with_context(|| Failed::Listen(local))?;

    // The limit: a permit per client, held by its task until it ends.
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        // Step 4: accept. `.await`: this task waits here, and its thread runs other
        // tasks meanwhile. A client that gave up, or no descriptor left, is no end.
        let accepted = listener.accept().await;
        let (stream, peer) = match accepted.with_context(|| Failed::Accept(local)) {
            Ok(accepted) => accepted,
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
            if let Err(error) = serve(stream, peer, &limits).await {
                echo::warn_session_error(peer, &error);
            }
            drop(permit);
            let connected = limits.max_connections - permits.available_permits();
            echo::tell_closed(peer, &limits, connected);
        });
    }
}

/// One client's task: echoes each line until `exit`, its close or reset, or idleness.
async fn serve(mut stream: TcpStream, peer: SocketAddr, limits: &Limits) -> anyhow::Result<()> {
    let mut session = LineSession::new(limits);
    loop {
        // Wait for something to read, until the next whole line is due (a trickle of
        // bytes does not move that deadline: slowloris). A wait costs no buffer.
        let due = tokio::time::Instant::from_std(session.deadline());
        match timeout_at(due, stream.readable()).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => return Err(error).with_context(|| Failed::Recv(peer)),
            Err(_elapsed) => {
                tell_ended(
                    peer,
                    limits,
                    Ended::Idle {
                        partial: session.partial(),
                    },
                );
                // Best effort: a client that does not read cannot be told.
                let message = session.wire_too_slow();
                let _ = timeout(LAST_WORD, stream.write_all(message.as_bytes())).await;
                break;
            }
        }
        // Step 5: recv. The buffer lives in this block, on the stack for the read only:
        // kept across an `.await`, it would cost every client's task 4 KiB.
        let (reply, closed) = {
            let mut buffer = [0u8; 4096];
            match stream.try_read(&mut buffer) {
                Ok(0) => {
                    tell_ended(peer, limits, Ended::Closed);
                    (session.finish(), true)
                }
                Ok(n) => (session.received(&buffer[..n]), false),
                // The readiness was stale (another read took the bytes): wait again.
                Err(error) if error.kind() == ErrorKind::WouldBlock => continue,
                Err(error) if peer_left(&error) => {
                    return echo::session_ended(peer, limits, Ended::Reset);
                }
                Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
            }
        };
        tell_heard(peer, &reply.heard);
        // Step 6: send the echo, for the idle timeout at most (a client may not read).
        match timeout(limits.idle_timeout, stream.write_all(&reply.send)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) if peer_left(&error) => {
                return echo::session_ended(peer, limits, Ended::Reset);
            }
            Ok(Err(error)) => return Err(error).with_context(|| Failed::Send(peer)),
            Err(_elapsed) => {
                tell_ended(peer, limits, Ended::NotReading);
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

/// Tells a client over the limit that the server is full, and closes (errors ignored).
async fn refuse(mut stream: TcpStream, peer: SocketAddr, limits: Limits) {
    echo::tell_refused(peer, &limits, Full::Connections);
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = timeout(LAST_WORD, stream.write_all(full.as_bytes())).await;
    let _ = timeout(LAST_WORD, stream.shutdown()).await;
}
