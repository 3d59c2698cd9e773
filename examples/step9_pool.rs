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

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use anyhow::Context;
use socket_workbook::echo::warn_session_error;
use socket_workbook::echo::{Full, accept_next, open_ladder_server, refuse, serve_lines};
use socket_workbook::ladder::{self, Limits};
use socket_workbook::{Args, report, say};
use socket2::Socket;

/// Worker threads, and clients that may wait for one, unless `--workers`, `--queue` say.
const WORKERS: usize = 8;
const QUEUE: usize = 64;

type Waiting = (Socket, std::net::SocketAddr);

/// Idle workers (all at first), clients waiting for a worker: read to say `queued`.
#[derive(Default)]
struct Counts {
    idle_workers: AtomicUsize,
    waiting_clients: AtomicUsize,
}

fn main() -> ExitCode {
    let args = ladder::cli("step9_pool")
        .arg(ladder::count("workers", WORKERS, ladder::help_workers()))
        .arg(ladder::count("queue", QUEUE, ladder::help_queue()))
        .parse();
    socket_workbook::output::queue_stdout();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let workers = ladder::get_count(args, "workers", WORKERS);
    let queue = ladder::get_count(args, "queue", QUEUE);
    let mut limits = Limits::from_args(args);
    // Served at once: one client per worker, and those waiting in the queue.
    limits.max_connections = workers + queue;
    // Steps 1 to 3, as in step 8 (src/echo.rs).
    let (server, local) = open_ladder_server(args, &limits)?;

    // New in this step: the pool. Python: concurrent.futures.ThreadPoolExecutor(8).
    // `sync_channel(queue)` holds at most `queue` connections (Python's has no bound).
    // The workers share its receiving end behind a mutex: who holds the lock waits.
    let (to_workers, from_accept) = mpsc::sync_channel::<Waiting>(queue);
    let from_accept = Arc::new(Mutex::new(from_accept));
    let counts = Arc::new(Counts::default());
    counts.idle_workers.store(workers, Ordering::SeqCst);
    for id in 1..=workers {
        let (from_accept, counts) = (Arc::clone(&from_accept), Arc::clone(&counts));
        thread::Builder::new()
            .name(format!("worker {id}"))
            .spawn(move || work(id, &from_accept, &counts, &limits))
            .context(ladder::pool_failed())?;
    }
    say!(
        "started {workers} worker threads; up to {queue} more clients wait in the queue",
        "已启动 {workers} 个工作线程；队列里最多还能有 {queue} 个客户端等待"
    );

    loop {
        // Step 4: accept, as in step 8.
        let (conn, peer) = accept_next(&server, local, !limits.quiet);
        // Into the queue, without waiting: when it is full, the client is told so. The
        // log says `queued` first, and only when no worker is free and the queue has
        // room: said after the send, a worker may have served that client already.
        let has_room = counts.waiting_clients.load(Ordering::SeqCst) < queue;
        if has_room && counts.idle_workers.load(Ordering::SeqCst) == 0 && !limits.quiet {
            say!(
                "queued {peer} for the next free worker",
                "{peer} 已进入队列，等待空闲的工作线程"
            );
        }
        counts.waiting_clients.fetch_add(1, Ordering::SeqCst);
        match to_workers.try_send((conn, peer)) {
            Ok(()) => {}
            Err(TrySendError::Full((conn, peer))) => {
                counts.waiting_clients.fetch_sub(1, Ordering::SeqCst);
                refuse(conn, peer, &limits, Full::Pool);
            }
            // Every worker has ended: only a panic in one could do that.
            Err(TrySendError::Disconnected(_)) => anyhow::bail!(ladder::pool_failed()),
        }
    }
}

/// Worker `id`: takes the next connection from the queue, serves it, and again.
fn work(id: usize, from_accept: &Mutex<Receiver<Waiting>>, counts: &Counts, limits: &Limits) {
    loop {
        // The lock is held only while waiting, not while serving; a panic leaves it usable.
        let next = from_accept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        counts.idle_workers.fetch_sub(1, Ordering::SeqCst);
        // The sending end is gone: the accept loop has ended.
        let Ok((conn, peer)) = next else {
            return;
        };
        counts.waiting_clients.fetch_sub(1, Ordering::SeqCst);
        if !limits.quiet {
            say!("worker {id} serves {peer}", "工作线程 {id} 开始服务 {peer}");
        }
        // Steps 5 to 7: echo each line until `exit`, then close (src/echo.rs).
        if let Err(error) = serve_lines(conn, peer, limits) {
            warn_session_error(peer, &error);
        }
        counts.idle_workers.fetch_add(1, Ordering::SeqCst);
        if !limits.quiet {
            say!(
                "worker {id} closed the connection to {peer} and takes the next client",
                "工作线程 {id} 关闭了与 {peer} 的连接，接着服务下一个客户端"
            );
        }
    }
}
