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
//! Lesson: README, "From one client to many".
#![forbid(unsafe_code)]

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::serve::{self, Limits, LineSession};
use socket_workbook::text::{self, ladder};
use socket_workbook::{Args, Failed, report};
use socket2::{Domain, Protocol, Socket, Type};

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 1000;

fn main() -> ExitCode {
    let args = serve::cli("step8_threads")
        .arg(serve::max_connections(MAX_CONNECTIONS))
        .parse();
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
    println!("{}", text::listening_on(local));
    println!("{}", limits.describe());
    serve::stop_on_enter();

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
                if let Some(pause) = serve::pause_after_accept_error(&error) {
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
            println!("{}", text::accepted(peer));
            println!("{}", ladder::thread_started(peer, running));
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
                    eprintln!("{}", ladder::session_failed(peer, &format!("{error:#}")));
                }
                if !limits.quiet {
                    println!("{}", ladder::closed(peer, left));
                }
            });
        if let Err(error) = spawned {
            // The connection went with the closure, and is closed already.
            active.fetch_sub(1, Ordering::SeqCst);
            eprintln!("{}", ladder::thread_failed(peer, &error.to_string()));
        }
    }
}

/// Serves one client on its own thread: echoes each line until the client sends
/// `exit`, closes, resets, or stays silent longer than the idle timeout.
fn serve(mut conn: Socket, peer: SocketAddr, limits: &Limits) -> anyhow::Result<()> {
    // The idle timeout: a read that waits longer fails (WouldBlock on Unix, TimedOut
    // on Windows). The same for a write: a client that never reads would otherwise
    // hold this thread forever once its receive buffer is full.
    conn.set_read_timeout(Some(limits.idle_timeout))
        .with_context(|| Failed::Recv(peer))?;
    conn.set_write_timeout(Some(limits.idle_timeout))
        .with_context(|| Failed::Send(peer))?;
    let say = |line: String| {
        if !limits.quiet {
            println!("{line}");
        }
    };
    let mut session = LineSession::new(peer, limits);
    let mut buffer = [0u8; 4096];
    loop {
        // Step 5: recv.
        // `closed`: the client closed its side (a read of 0 bytes); it may still read.
        let (reply, closed) = match conn.read(&mut buffer) {
            Ok(0) => {
                say(ladder::client_closed(peer));
                (session.finish(), true)
            }
            Ok(n) => (session.received(&buffer[..n]), false),
            // A signal interrupted the wait: nothing was read, wait again.
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) if serve::timed_out(&error) => {
                say(ladder::client_idle(
                    peer,
                    &serve::seconds(limits.idle_timeout),
                ));
                // Best effort: a client that does not read cannot be told.
                let idle = serve::wire(ladder::wire_idle(&serve::seconds(limits.idle_timeout)));
                let _ = conn.write_all(idle.as_bytes());
                break;
            }
            Err(error) if peer_left(&error) => {
                say(ladder::client_reset(peer));
                return Ok(());
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };

        // Step 6: send the echo.
        match conn.write_all(&reply.send) {
            Ok(()) => {}
            Err(error) if serve::timed_out(&error) => {
                say(ladder::client_idle(
                    peer,
                    &serve::seconds(limits.idle_timeout),
                ));
                break;
            }
            Err(error) if peer_left(&error) => {
                say(ladder::client_reset(peer));
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
        println!("{}", ladder::refused_full(peer, limits.max_connections));
    }
    // One short line into the empty send buffer of a new connection does not block.
    let full = serve::wire(ladder::wire_full(limits.max_connections));
    let _ = conn.write_all(full.as_bytes());
    let _ = conn.shutdown(Shutdown::Write);
    // Dropping `conn` closes it. A client that had sent something already may read a
    // reset instead of the line (step 7 explains why).
}
