//! Pitfall — write, write, read: Nagle's algorithm meets delayed ACK.
//!
//! The server answers each request in two small writes, a 2-byte length and then the
//! body, and then reads the next request. Nagle's algorithm holds the second small
//! write until the first is acknowledged; the client delays its acknowledgement,
//! hoping to send it along with data, but has nothing to send until the whole reply
//! is there. Each round then waits for the delayed-ACK timer: about 40 ms on Linux,
//! up to 200 ms on Windows and macOS. The fixes: send each reply in one write, or turn
//! Nagle's algorithm off with `set_nodelay(true)` (TCP_NODELAY). The demo measures a
//! few rounds each way and prints the medians; what they are depends on the system
//! (the first round is often quick: Linux acknowledges at once while a connection is
//! new).
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_nagle               # two writes, Nagle on
//! cargo run --example pitfall_nagle -- --fixed    # one write; and TCP_NODELAY
//! ```
//!
//! Lesson: step 6 (`conn.send(...)`, then `conn.recv(1024)` again);
//! docs/en/pitfall_nagle.md, docs/zh/pitfall_nagle.md; README, "Pitfalls lab".

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::failure::peer_left;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say, stranger, words};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

/// Rounds per way of replying: enough for a median, few enough to stay quick.
const ROUNDS: usize = 9;

/// The client's request, one write.
const REQUEST: &[u8] = b"ping\n";

/// The body of the server's reply.
const BODY: &[u8] = b"pong\n";

/// The reply's first part: the length of the body, as 2 bytes (big-endian).
const LENGTH: [u8; 2] = (BODY.len() as u16).to_be_bytes();

/// How the server sends its reply.
#[derive(Clone, Copy)]
enum Reply {
    /// The length, then the body: two writes, Nagle's algorithm on (the default).
    TwoWrites,
    /// The length and the body in one buffer, one write.
    OneWrite,
    /// Two writes, with TCP_NODELAY set.
    NoDelay,
}

fn main() -> ExitCode {
    let args = Cli::new("pitfall_nagle")
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

    // Steps 1 to 3: socket, bind, listen, on a free port of this computer.
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    server.listen(1).with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));

    let ways = if fixed {
        vec![Reply::OneWrite, Reply::NoDelay]
    } else {
        vec![Reply::TwoWrites]
    };
    for way in ways {
        let rounds = measure(&server, local, way)?;
        let mut sorted = rounds.clone();
        sorted.sort();
        let median = sorted[sorted.len() / 2];
        let label = match way {
            Reply::TwoWrites => words!(
                "two writes per reply, Nagle's algorithm on (the default)",
                "每个回复写两次，Nagle 算法开启（默认）"
            ),
            Reply::OneWrite => words!("one write per reply", "每个回复只写一次"),
            Reply::NoDelay => words!(
                "two writes per reply, TCP_NODELAY on",
                "每个回复写两次，开启 TCP_NODELAY"
            ),
        };
        let all: Vec<String> = rounds.iter().map(|&round| millis(round)).collect();
        let median = millis(median);
        let rounds = ROUNDS;
        let all = all.join(", ");
        say!(
            "{label}: median {median} ms over {rounds} rounds (in order: {all} ms)",
            "{label}：{rounds} 轮的中位数为 {median} 毫秒（依次为：{all} 毫秒）"
        );
    }
    if fixed {
        say!(
            "one write, or TCP_NODELAY, sends the whole reply at once: no round waits for the delayed-ACK timer",
            "只写一次，或者开启 TCP_NODELAY，整个回复都会立即发出：没有哪一轮需要等延迟 ACK 的定时器"
        );
    } else {
        say!(
            "the second write waits until the first is acknowledged (Nagle's algorithm), and the client delays that acknowledgement (delayed ACK), so a round can wait for the delayed-ACK timer; compare with --fixed",
            "第二次写入要等第一次写入被确认后才发出（Nagle 算法），而客户端会推迟这个确认（延迟 ACK），所以每一轮都可能要等延迟 ACK 的定时器；可以和 --fixed 的结果比较"
        );
    }
    Ok(())
}

/// One connection, `ROUNDS` requests and replies; returns how long each round took,
/// from the client's request to the last byte of the reply.
fn measure(server: &Socket, local: SocketAddr, way: Reply) -> anyhow::Result<Vec<Duration>> {
    // The client connects first: the kernel completes the handshake and queues the
    // connection (step 3), so accept returns at once.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    client
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(local))?;
    // Step 4: accept.
    // Step 4: accept, the demo's own client only: on a shared machine another program
    // may connect to the printed port first (see `stranger`).
    let own = client.local_addr().context(Failed::Query)?;
    let (conn, peer) = stranger::accept_own(own, || {
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        Ok((conn, peer.as_socket().context(Failed::Query)?))
    })?;

    thread::scope(|scope| {
        // The server, in a thread of its own: read a request, reply, and again.
        let serving = scope.spawn(move || serve(conn, peer, way));

        let mut rounds = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let start = Instant::now();
            client
                .write_all(REQUEST)
                .with_context(|| Failed::Send(local))?;
            let mut length = [0u8; 2];
            client
                .read_exact(&mut length)
                .with_context(|| Failed::Recv(local))?;
            let mut body = vec![0u8; usize::from(u16::from_be_bytes(length))];
            client
                .read_exact(&mut body)
                .with_context(|| Failed::Recv(local))?;
            rounds.push(start.elapsed());
        }
        drop(client);
        serving
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(rounds)
    })
}

// New in this lesson: two writes, one write, or TCP_NODELAY.
/// The server's side of one connection: `ROUNDS` times, read a request and reply.
fn serve(mut conn: Socket, peer: SocketAddr, way: Reply) -> anyhow::Result<()> {
    conn.set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(peer))?;
    if let Reply::NoDelay = way {
        // TCP_NODELAY: each write goes out at once, acknowledged or not.
        // std: `TcpStream::set_nodelay(true)`.
        conn.set_tcp_nodelay(true)
            .with_context(|| pitfalls::failed_option("TCP_NODELAY", peer))?;
    }
    let length = LENGTH;
    let mut request = [0u8; REQUEST.len()];
    for _ in 0..ROUNDS {
        conn.read_exact(&mut request)
            .with_context(|| Failed::Recv(peer))?;
        match way {
            Reply::TwoWrites | Reply::NoDelay => {
                conn.write_all(&length)
                    .with_context(|| Failed::Send(peer))?;
                conn.write_all(BODY).with_context(|| Failed::Send(peer))?;
            }
            Reply::OneWrite => {
                let reply = [&length[..], BODY].concat();
                conn.write_all(&reply).with_context(|| Failed::Send(peer))?;
            }
        }
    }
    // Wait for the client to close first: closing now would push a held write out at
    // once, and the last round would not show its wait.
    let mut end = [0u8; 1];
    match conn.read(&mut end) {
        Ok(_) => Ok(()),
        Err(error) if peer_left(&error) => Ok(()),
        Err(error) => Err(error).with_context(|| Failed::Recv(peer)),
    }
}
// End of the new part.

/// A duration in milliseconds, to a hundredth.
fn millis(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}
