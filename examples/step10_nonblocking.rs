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

use std::collections::{HashMap, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Registry, Token};
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Heard, Limits, LineSession};
use socket_workbook::text;
use socket_workbook::{Args, Failed, outln, report, say, warn, words};
use socket2::{Domain, Protocol, Socket, Type};

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 10_000;

/// The listening socket's token; each connection gets the next free number.
const LISTENER: Token = Token(0);

/// Reads in a row for one connection before the others get their turn: a client that
/// sends without pause must not starve the rest.
const READS_PER_TURN: usize = 16;

fn main() -> ExitCode {
    let args = ladder::cli("step10_nonblocking")
        .arg(ladder::max_connections(MAX_CONNECTIONS))
        .parse();
    // What this server prints goes through a queue, written by a thread of its own
    // (`output::queue_stdout`): a terminal nobody reads, or a pipe into a slow reader,
    // never holds up a client. Lines that do not fit are counted, and the count said.
    socket_workbook::output::queue_stdout();
    report(run(&args))
}

/// One client, as the single thread keeps it between events.
struct Connection {
    stream: TcpStream,
    peer: SocketAddr,
    session: LineSession,
    /// Echoes the socket could not take yet. Nothing more is read from the client until
    /// they are sent, which bounds them: a client that does not read cannot fill our
    /// memory with its echoes.
    outgoing: Vec<u8>,
    /// Set once the session is over (`exit`, or the client closed): close after
    /// `outgoing` is sent.
    ending: Option<End>,
}

/// How a session ended.
#[derive(Clone, Copy, Debug)]
enum End {
    Exit,
    Closed,
    Reset,
    Idle,
}

/// What a turn of a connection left to do.
enum Turn {
    /// Wait for the next readiness event.
    Wait,
    /// It may have more to read: give it another turn after the others.
    Again,
    /// Close it.
    Over(End),
}

fn run(args: &Args) -> anyhow::Result<()> {
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

    // New in this step: non-blocking sockets. Python: socket_server.setblocking(False)
    // and the selectors module. `accept`, `recv` and `send` now return WouldBlock
    // instead of waiting; the connections that `accept` returns are non-blocking too.
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Listen(addr))?;
    let mut listener = TcpListener::from_std(server.into());

    // The poll: the kernel's list of sockets to watch (epoll, kqueue, IOCP). Register
    // the listener: it is "readable" when a connection waits for accept.
    let mut poll = Poll::new().context(ladder::poll_failed())?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)
        .context(ladder::poll_failed())?;

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

    let mut connections: HashMap<Token, Connection> = HashMap::new();
    let mut next_token = 1;
    let mut events = Events::with_capacity(1024);
    // One buffer for every read: the thread reads one socket at a time.
    let mut buffer = vec![0u8; 64 * 1024];
    // Connections that may have more to read after their turn.
    let mut again: VecDeque<Token> = VecDeque::new();
    // Idle clients are looked for a few times per idle timeout, not at every event.
    let sweep_every =
        (limits.idle_timeout / 4).clamp(Duration::from_millis(10), Duration::from_secs(1));
    let mut next_sweep = Instant::now() + sweep_every;
    // After accept failed for lack of descriptors: when to try again.
    let mut accept_again: Option<Instant> = None;

    // The event loop: wait until something is ready, serve it, again.
    loop {
        let now = Instant::now();
        let wake = accept_again.map_or(next_sweep, |at| at.min(next_sweep));
        let timeout = if again.is_empty() {
            wake.saturating_duration_since(now)
        } else {
            Duration::ZERO
        };
        // poll(2) with a timeout: blocks until an event, or until the next sweep.
        match poll.poll(&mut events, Some(timeout)) {
            Ok(()) => {}
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error).context(ladder::poll_failed()),
        }

        let mut ready: Vec<Token> = events.iter().map(|event| event.token()).collect();
        ready.extend(again.drain(..));
        for token in ready {
            if token == LISTENER {
                accept_again = accept_all(
                    &listener,
                    poll.registry(),
                    &mut connections,
                    &mut next_token,
                    local,
                    &limits,
                )?;
                continue;
            }
            // A connection closed earlier in this round has no entry any more.
            let Some(conn) = connections.get_mut(&token) else {
                continue;
            };
            match take_turn(conn, &mut buffer) {
                Ok(Turn::Wait) => {}
                Ok(Turn::Again) => again.push_back(token),
                Ok(Turn::Over(end)) => {
                    close(&mut connections, token, end, poll.registry(), &limits)
                }
                Err(error) => {
                    let peer = conn.peer;
                    let error = format!("{error:#}");
                    warn!(
                        "warning: the session with {peer} ended with an error, the server goes on: {error}",
                        "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}"
                    );
                    close(
                        &mut connections,
                        token,
                        End::Reset,
                        poll.registry(),
                        &limits,
                    );
                }
            }
        }

        let now = Instant::now();
        if accept_again.is_some_and(|at| now >= at) {
            accept_again = accept_all(
                &listener,
                poll.registry(),
                &mut connections,
                &mut next_token,
                local,
                &limits,
            )?;
        }
        if now >= next_sweep {
            next_sweep = now + sweep_every;
            let idle: Vec<Token> = connections
                .iter()
                // Due: the next whole line did not come in time. Only a whole line
                // moves a session's deadline, not a byte (see `LineSession`): a
                // client trickling a byte at a time cannot put it off (slowloris).
                .filter(|(_, conn)| now >= conn.session.deadline())
                .map(|(&token, _)| token)
                .collect();
            for token in idle {
                close(&mut connections, token, End::Idle, poll.registry(), &limits);
            }
        }
    }
}

/// Accepts every connection that waits, until `accept` says WouldBlock. Returns when
/// to try again if accept failed for lack of descriptors.
fn accept_all(
    listener: &TcpListener,
    registry: &Registry,
    connections: &mut HashMap<Token, Connection>,
    next_token: &mut usize,
    local: SocketAddr,
    limits: &Limits,
) -> anyhow::Result<Option<Instant>> {
    loop {
        // Step 4: accept. The event said a connection waits; there may be more than one.
        let (mut stream, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            // None left: wait for the next event.
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(None),
            Err(error) => {
                let error = anyhow::Error::new(error).context(Failed::Accept(local));
                match ladder::pause_after_accept_error(&error) {
                    // The listener stays "ready" in the kernel, but mio reports a change
                    // only once (edge-triggered): try again after the pause.
                    Some(pause) => return Ok(Some(Instant::now() + pause)),
                    None => continue,
                }
            }
        };

        // The limit: one client more is told so, rather than kept waiting in silence.
        if connections.len() >= limits.max_connections {
            refuse(stream, peer, limits);
            continue;
        }

        // Watch the connection for both: readable (the client sent something, or
        // closed) and writable (room again in the send buffer, after a WouldBlock).
        let token = Token(*next_token);
        *next_token += 1;
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
        connections.insert(
            token,
            Connection {
                stream,
                peer,
                session: LineSession::new(limits),
                outgoing: Vec::new(),
                ending: None,
            },
        );
    }
}

/// Serves one connection that is ready: sends the echoes that wait, then reads and
/// answers until the socket would block, or its turn is over.
fn take_turn(conn: &mut Connection, buffer: &mut [u8]) -> anyhow::Result<Turn> {
    let peer = conn.peer;
    for _ in 0..READS_PER_TURN {
        // Step 6: send what waits, first.
        while !conn.outgoing.is_empty() {
            match conn.stream.write(&conn.outgoing) {
                Ok(sent) => {
                    conn.outgoing.drain(..sent);
                }
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

        // Step 5: recv.
        match conn.stream.read(buffer) {
            Ok(0) => {
                let reply = conn.session.finish();
                tell_heard(peer, &reply.heard);
                conn.outgoing.extend_from_slice(&reply.send);
                conn.ending = Some(End::Closed);
            }
            Ok(n) => {
                let reply = conn.session.received(&buffer[..n]);
                tell_heard(peer, &reply.heard);
                conn.outgoing.extend_from_slice(&reply.send);
                if reply.exit {
                    conn.ending = Some(End::Exit);
                }
            }
            // Nothing more to read: wait for "readable".
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(Turn::Wait),
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(error) if peer_left(&error) => return Ok(Turn::Over(End::Reset)),
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        }
    }
    Ok(Turn::Again)
}

/// Ends a session: says why, tells an idle client, shuts down the sending side, takes
/// the socket off the poll and closes it.
fn close(
    connections: &mut HashMap<Token, Connection>,
    token: Token,
    end: End,
    registry: &Registry,
    limits: &Limits,
) {
    let Some(mut conn) = connections.remove(&token) else {
        return;
    };
    let peer = conn.peer;
    let idle = ladder::seconds(limits.idle_timeout);
    let why = match end {
        End::Exit => None, // tell_heard said so already
        End::Closed => Some(words!("{peer} closed the connection", "{peer} 关闭了连接")),
        End::Reset => Some(words!("{peer} reset the connection", "{peer} 重置了连接")),
        End::Idle => {
            // Best effort, without waiting: a client that does not read cannot be told.
            let _ = conn.stream.write(conn.session.wire_too_slow().as_bytes());
            if conn.session.partial() {
                Some(words!(
                    "{peer} sent part of a line but no whole line for {idle} s: closing its connection",
                    "{peer} 发送了半行，但 {idle} 秒内没有发完整的一行：关闭它的连接"
                ))
            } else {
                Some(words!(
                    "{peer} sent nothing for {idle} s: closing its connection",
                    "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
                ))
            }
        }
    };
    // Step 7: close. The errors are ignored: the client may be gone already, and the
    // socket is closed below whatever happens.
    let _ = conn.stream.shutdown(Shutdown::Write);
    let _ = registry.deregister(&mut conn.stream);
    drop(conn);
    if !limits.quiet {
        if let Some(why) = why {
            outln!("{why}");
        }
        let active = connections.len();
        say!(
            "closed the connection to {peer}; clients connected now: {active}",
            "已关闭与 {peer} 的连接；当前在线的客户端：{active} 个"
        );
    }
}

/// Tells a client over the limit that the server is full, and closes its connection.
/// The errors are ignored: a client that is gone already needs no answer.
fn refuse(mut stream: TcpStream, peer: SocketAddr, limits: &Limits) {
    if !limits.quiet {
        let max = limits.max_connections;
        say!(
            "refused {peer}: {max} clients are connected already (--max-connections)",
            "拒绝了 {peer}：已经有 {max} 个客户端在线（--max-connections）"
        );
    }
    // One short line into the empty send buffer of a new connection does not block.
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = stream.write(full.as_bytes());
    let _ = stream.shutdown(Shutdown::Write);
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
