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

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use socket_workbook::echo::warn_session_error;
use socket_workbook::echo::{Full, accept_next, open_ladder_server, refuse, serve_lines};
use socket_workbook::ladder::{self, Limits};
use socket_workbook::{Args, report, say, warn};

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
    let limits = Limits::from_args(args);
    // Steps 1 to 3, with a backlog of 1024 (`--backlog`), not the lesson's 1: many
    // clients may connect at once. Enter, or the end of stdin, stops the server.
    let (server, local) = open_ladder_server(args, &limits)?;

    // New in this step: accept in a loop, and start a thread for each client.
    // How many clients are served now: this thread adds one, each session's thread
    // takes its own away when it ends.
    let active = Arc::new(AtomicUsize::new(0));
    loop {
        // Step 4: accept. A client that gave up before it was accepted, or no file
        // descriptor left (`accept_next` pauses then), does not end the server.
        let (conn, peer) = accept_next(&server, local, false);

        // The limit: one client more is told so, rather than kept waiting in silence.
        if active.load(Ordering::SeqCst) >= limits.max_connections {
            refuse(conn, peer, &limits, Full::Connections);
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
                // Steps 5 to 7: echo each line until `exit`, then close (src/echo.rs).
                let result = serve_lines(conn, peer, &limits);
                let left = active_here.fetch_sub(1, Ordering::SeqCst) - 1;
                if let Err(error) = result {
                    warn_session_error(peer, &error);
                }
                if !limits.quiet {
                    say!(
                        "closed the connection to {peer}; clients connected now: {left}",
                        "已关闭与 {peer} 的连接；当前在线的客户端：{left} 个"
                    );
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
