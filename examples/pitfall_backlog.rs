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
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

use socket_workbook::{pitfall, report, say};

/// How many clients connect.
const CLIENTS: usize = 5;

/// How long each client waits for its handshake, and the server then for queued
/// connections. On loopback a handshake that the server answers takes well under 1 ms.
const TIMEOUT: Duration = Duration::from_millis(250);

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_backlog").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // New in this lesson: listen(1) or listen(128), and nothing accepts.
    // Python: socket_server.listen(1)
    let backlog = if fixed { 128 } else { 1 };
    // Steps 1 to 3 on a free port of this computer, with that backlog (src/pitfall.rs).
    let (server, local) = pitfall::listen_on(pitfall::ANY_PORT, backlog)?;
    say!(
        "listen({backlog}), and nothing calls accept(): {CLIENTS} clients connect one after another",
        "listen({backlog})，而且没有代码调用 accept()：{CLIENTS} 个客户端依次连接"
    );

    // The clients, one after another; the connected stay open, holding their places.
    let mut open = Vec::new();
    let (mut connected, mut timed_out, mut refused, mut failed) = (0, 0, 0, 0);
    for number in 1..=CLIENTS {
        match TcpStream::connect_timeout(&local, TIMEOUT).map_err(|error| error.kind()) {
            Ok(stream) => {
                connected += 1;
                say!(
                    "client {number}: connected (the kernel completed the handshake and queued the connection)",
                    "客户端 {number}：已连接（内核完成了握手，并把连接放进了队列）"
                );
                open.push(stream);
            }
            // No answer: the kernel dropped the SYN (Linux, macOS), or Windows retries.
            Err(ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
                timed_out += 1;
                let ms = TIMEOUT.as_millis();
                say!(
                    "client {number}: no answer within {ms} ms (the queue is full, so its SYN went unanswered; it would retry for a while, then fail)",
                    "客户端 {number}：{ms} 毫秒内没有回应（队列已满，它的 SYN 没有得到回应；它会重试一阵子，最后失败）"
                );
            }
            // A reset: the system refused the connection (Windows).
            Err(ErrorKind::ConnectionRefused) => {
                refused += 1;
                say!(
                    "client {number}: refused (the queue is full and the system answered with a reset)",
                    "客户端 {number}：被拒绝（队列已满，系统回复了 RST 来重置连接）"
                );
            }
            Err(kind) => {
                failed += 1;
                say!(
                    "client {number}: failed ({kind:?})",
                    "客户端 {number}：失败（{kind:?}）"
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
    // waiting in the queue (src/pitfall.rs: without blocking, for 250 ms at most).
    let accepted = pitfall::accept_queued(&server, local, connected, TIMEOUT)?;
    let connections = accepted.len();
    say!(
        connections,
        "then the server called accept() and took {connections} queued connection",
        "then the server called accept() and took {connections} queued connections",
        "随后服务端调用 accept()，取出了 {connections} 个排队的连接"
    );
    match fixed {
        true => say!(
            "a backlog of 128 holds this burst; a real server also calls accept() in a loop, so the queue rarely fills",
            "backlog 为 128 时能容纳这一波连接；真正的服务端还会循环调用 accept()，所以队列很少会满"
        ),
        false => say!(
            "the backlog is not how many clients a server may have: it is how many finished handshakes may wait for accept() (the system may round it up; Linux queues backlog + 1), and clients beyond it wait and fail",
            "backlog 并不是服务端能有多少个客户端：它是已完成握手、等待 accept() 的连接最多能排多少个（系统可能会把它调大；Linux 会排 backlog + 1 个），超出的客户端只能等待，最后失败"
        ),
    }
    Ok(())
}
