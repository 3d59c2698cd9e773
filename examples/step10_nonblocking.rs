//! Step 10 — non-blocking: one thread serves every client, woken by readiness events.
//!
//! Steps 8 and 9 give each client a thread that blocks in `recv()` until its client
//! speaks. Here the sockets are non-blocking: a call that would wait returns
//! `WouldBlock` at once instead. One thread asks the kernel which sockets are ready
//! (`epoll` on Linux, `kqueue` on macOS, IOCP on Windows, all behind the mio crate,
//! on which tokio is built), serves those, and asks again. A client costs a
//! `Connection` struct and its socket, not a thread: ten thousand idle clients cost a
//! few megabytes. Each line a client sends comes back to it (an echo server); `exit`
//! ends that client's session only.
//!
//! The limits: `--max-connections` (default 10000; one more client is told the
//! server is full), `--max-line` (a longer line is refused) and `--idle-timeout` (a
//! silent client is closed). The server raises its limit of open files as far as the
//! system allows, and serves fewer clients, with a warning, if that is still too few.
//!
//! Run it (mio is an optional dependency, so the feature is needed):
//!
//! ```text
//! terminal 1: cargo run --features nonblocking --example step10_nonblocking
//! terminal 2: nc 127.0.0.1 8888
//! terminal 3: nc 127.0.0.1 8888
//! ```
//!
//! Type in terminals 2 and 3: each gets its own lines back. Press Enter in terminal 1
//! to stop the server (the end of its stdin does the same: that is how the tests stop
//! it); Ctrl+C stops it too.
//!
//! Lesson: README, "From one client to many"; docs/en/step10_nonblocking.md,
//! docs/zh/step10_nonblocking.md.

use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use mio::net::TcpListener;
use mio::{Events, Interest, Poll, Registry, Token};
use socket_workbook::echo::open_ladder_server;
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Limits};
use socket_workbook::nonblocking::{self, Clients, Connection, End, Turn};
use socket_workbook::{Args, Failed, report, say};

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 10_000;

/// The listening socket's token; each connection gets the next free number.
const LISTENER: Token = Token(0);

fn main() -> ExitCode {
    let args = ladder::cli("step10_nonblocking")
        .arg(ladder::max_connections(MAX_CONNECTIONS))
        .parse();
    // What it prints goes through a queue: a terminal nobody reads holds up no client.
    socket_workbook::output::queue_stdout();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let mut limits = Limits::from_args(args);
    ladder::fit_open_files(&mut limits);
    // Steps 1 to 3, as in step 8 (src/echo.rs), with a backlog of 1024 (`--backlog`).
    let (server, local) = open_ladder_server(args, &limits)?;

    // New in this step: non-blocking sockets. Python: socket_server.setblocking(False)
    // and the selectors module. `accept`, `recv` and `send` now return WouldBlock
    // instead of waiting; the connections that `accept` returns are non-blocking too.
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Listen(local))?;
    let mut listener = TcpListener::from_std(server.into());

    // The poll: the kernel's list of sockets to watch (epoll, kqueue, IOCP). Register
    // the listener: it is "readable" when a connection waits for accept.
    let mut poll = Poll::new().context(ladder::poll_failed())?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)
        .context(ladder::poll_failed())?;
    let mut events = Events::with_capacity(1024);
    // The clients by token (src/nonblocking.rs); one buffer serves every read.
    let mut clients = Clients::new(&limits);
    let mut buffer = vec![0u8; 64 * 1024];

    // The event loop: wait until something is ready, serve it, again.
    loop {
        // poll(2) with a timeout: blocks until an event, or until the next sweep.
        match poll.poll(&mut events, Some(clients.timeout())) {
            Ok(()) => {}
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error).context(ladder::poll_failed()),
        }
        for token in clients.ready(&events) {
            if token == LISTENER {
                accept_all(&listener, poll.registry(), &mut clients, local, &limits)?;
                continue;
            }
            // A connection closed earlier in this round has no entry any more.
            let Some(conn) = clients.get_mut(token) else {
                continue;
            };
            match take_turn(conn, &mut buffer) {
                Ok(Turn::Wait) => {}
                Ok(Turn::Again) => clients.again(token),
                Ok(Turn::Over(end)) => clients.close(token, end, poll.registry()),
                Err(error) => clients.failed(token, &error, poll.registry()),
            }
        }
        if clients.accept_due() {
            accept_all(&listener, poll.registry(), &mut clients, local, &limits)?;
        }
        clients.sweep(poll.registry());
    }
}

/// Accepts every connection that waits, until `accept` says WouldBlock.
fn accept_all(
    listener: &TcpListener,
    registry: &Registry,
    clients: &mut Clients,
    local: SocketAddr,
    limits: &Limits,
) -> anyhow::Result<()> {
    loop {
        // Step 4: accept. The event said a connection waits; there may be more than one.
        let (mut stream, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            // None left: wait for the next event.
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(()),
            // Another error (a client that gave up, no descriptor left) does not end
            // the server: accept the next at once, or after a pause if one helps.
            Err(error) if clients.accept_failed(&error, local) => return Ok(()),
            Err(_) => continue,
        };
        // The limit: one client more is told so, rather than kept waiting in silence.
        if clients.full() {
            clients.refuse(stream, peer);
            continue;
        }
        // Watch the connection for both: readable (the client sent something, or
        // closed) and writable (room again in the send buffer, after a WouldBlock).
        let token = clients.next_token();
        registry
            .register(&mut stream, token, Interest::READABLE | Interest::WRITABLE)
            .context(ladder::poll_failed())?;
        if !limits.quiet {
            say!(
                "accepted connection from {peer}",
                "接收到客户端连接，连接来自：{peer}"
            );
            let token = token.0;
            say!(
                "registered {peer} with the poll as token {token}",
                "已把 {peer} 注册到 poll，令牌（token）为 {token}"
            );
        }
        clients.insert(token, stream, peer);
    }
}

/// Serves one connection that is ready: sends the echoes that wait, then reads and
/// answers until the socket would block, or its turn is over.
fn take_turn(conn: &mut Connection, buffer: &mut [u8]) -> anyhow::Result<Turn> {
    let peer = conn.peer;
    for _ in 0..nonblocking::READS_PER_TURN {
        // Step 6: send what waits, first.
        while !conn.outgoing.is_empty() {
            match conn.stream.write(&conn.outgoing) {
                Ok(sent) => drop(conn.outgoing.drain(..sent)),
                // The send buffer is full: wait for "writable".
                Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(Turn::Wait),
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) if peer_left(&error) => return Ok(Turn::Over(End::Reset)),
                Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
            }
        }
        if let Some(end) = conn.ending {
            return Ok(Turn::Over(end));
        }
        // Step 5: recv. 0 bytes: the client closed (its echoes still go out first).
        match conn.stream.read(buffer) {
            Ok(n) => conn.received(&buffer[..n]),
            // Nothing more to read: wait for "readable".
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(Turn::Wait),
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(error) if peer_left(&error) => return Ok(Turn::Over(End::Reset)),
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        }
    }
    Ok(Turn::Again)
}
