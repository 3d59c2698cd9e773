//! Pitfall — `listen(1)` is not "one client at a time", and a full queue drops clients.
//!
//! The lesson reads `listen(1)` as "how many connections are accepted". The backlog is
//! the length of the queue of finished handshakes that wait for `accept()`: the kernel
//! completes a client's handshake by itself (step 3) and keeps the connection there.
//! When the queue is full, new clients are not accepted later: Linux and macOS drop
//! their SYN (the client retries for a minute or two, then gives up), Windows refuses
//! them. Here five clients connect one after another while nothing calls `accept()`,
//! each with a short timeout; the demo counts how many complete the handshake on this
//! computer and what the others see. How many fit differs between systems (Linux
//! queues backlog + 1). The fix: a backlog for the burst you expect (std's
//! `TcpListener` asks for 128 or more), and a server that keeps calling `accept()`.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_backlog               # listen(1), nothing accepts
//! cargo run --example pitfall_backlog -- --fixed    # listen(128)
//! ```
//!
//! Lesson: step 3 (`socket_server.listen(1)`); docs/en/pitfall_backlog.md,
//! docs/zh/pitfall_backlog.md; README, "Pitfalls lab".

use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say};
use socket2::{Domain, Protocol, Socket, Type};

/// How many clients connect.
const CLIENTS: usize = 5;

/// How long each client waits for its handshake. On this computer's loopback a
/// handshake that the server answers takes well under a millisecond.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(250);

/// How long the server then looks for queued connections.
const ACCEPT_TIMEOUT: Duration = Duration::from_millis(250);

/// The lesson's backlog, and the fix's.
const LESSON_BACKLOG: i32 = 1;
const FIXED_BACKLOG: i32 = 128;

fn main() -> ExitCode {
    let args = Cli::new("pitfall_backlog")
        .arg(
            Arg::new(id::FIXED)
                .long("fixed")
                .action(ArgAction::SetTrue)
                .help(pitfalls::help_fixed()),
        )
        .parse();
    report(run(args.fixed()))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    outln!("{}", pitfalls::mode(fixed));
    let backlog = if fixed { FIXED_BACKLOG } else { LESSON_BACKLOG };

    // Steps 1 to 3: socket, bind, listen, on a free port of this computer.
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    // New in this lesson: listen(1) or listen(128), and nothing accepts.
    // Python: socket_server.listen(1)
    server
        .listen(backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));
    say!(
        "listen({backlog}), and nothing calls accept(): {CLIENTS} clients connect one after another",
        "listen({backlog})，而且没有代码调用 accept()：{CLIENTS} 个客户端依次连接"
    );

    // The clients, one after another; nothing calls accept() meanwhile. The connected
    // ones stay open, so that their places in the queue stay taken.
    let mut open = Vec::new();
    let (mut connected, mut timed_out, mut refused, mut failed) = (0, 0, 0, 0);
    for number in 1..=CLIENTS {
        match TcpStream::connect_timeout(&local, CONNECT_TIMEOUT) {
            Ok(stream) => {
                connected += 1;
                say!(
                    "client {number}: connected (the kernel completed the handshake and queued the connection)",
                    "客户端 {number}：已连接（内核完成了握手，并把连接放进了队列）"
                );
                open.push(stream);
            }
            // No answer: the kernel dropped the SYN (Linux, macOS), or Windows refused it
            // and the client is still retrying.
            Err(error) if matches!(error.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
                timed_out += 1;
                let ms = CONNECT_TIMEOUT.as_millis();
                say!(
                    "client {number}: no answer within {ms} ms (the queue is full, so its SYN went unanswered; it would retry for a while, then fail)",
                    "客户端 {number}：{ms} 毫秒内没有回应（队列已满，它的 SYN 没有得到回应；它会重试一阵子，最后失败）"
                );
            }
            // A reset: the system refused the connection (Windows).
            Err(error) if error.kind() == ErrorKind::ConnectionRefused => {
                refused += 1;
                say!(
                    "client {number}: refused (the queue is full and the system answered with a reset)",
                    "客户端 {number}：被拒绝（队列已满，系统回复了 RST 来重置连接）"
                );
            }
            Err(error) => {
                failed += 1;
                let kind = format!("{:?}", error.kind());
                say!(
                    "client {number}: failed ({kind})",
                    "客户端 {number}：失败（{kind}）"
                );
            }
        }
    }
    say!(
        "of {CLIENTS} clients: {connected} connected, {timed_out} timed out, {refused} refused, {failed} failed otherwise",
        "{CLIENTS} 个客户端中：{connected} 个已连接，{timed_out} 个超时，{refused} 个被拒绝，{failed} 个因其他原因失败"
    );
    // End of the new part.

    // Now the server accepts: the connections that finished their handshake were
    // waiting in the queue. Non-blocking, so that an empty queue ends the search
    // instead of blocking (std has no accept with a timeout; a real server blocks in
    // accept, or waits with poll/epoll).
    server
        .set_nonblocking(true)
        .with_context(|| pitfalls::failed_option("O_NONBLOCK", local))?;
    let mut accepted = Vec::new();
    let deadline = Instant::now() + ACCEPT_TIMEOUT;
    while accepted.len() < connected && Instant::now() < deadline {
        match server.accept() {
            Ok((conn, _peer)) => accepted.push(conn),
            // The queue is empty for now: look again in a moment.
            Err(error) if error.kind() == ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(1));
            }
            Err(error) => return Err(error).with_context(|| Failed::Accept(local)),
        }
    }
    let connections = accepted.len();
    let s = if connections == 1 { "" } else { "s" };
    say!(
        "then the server called accept() and took {connections} queued connection{s}",
        "随后服务端调用 accept()，取出了 {connections} 个排队的连接"
    );
    if fixed {
        say!(
            "a backlog of 128 holds this burst; a real server also calls accept() in a loop, so the queue rarely fills",
            "backlog 为 128 时能容纳这一波连接；真正的服务端还会循环调用 accept()，所以队列很少会满"
        );
    } else {
        say!(
            "the backlog is not how many clients a server may have: it is how many finished handshakes may wait for accept() (the system may round it up; Linux queues backlog + 1), and clients beyond it wait and fail",
            "backlog 并不是服务端能有多少个客户端：它是已完成握手、等待 accept() 的连接最多能排多少个（系统可能会把它调大；Linux 会排 backlog + 1 个），超出的客户端只能等待，最后失败"
        );
    }
    Ok(())
}
