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
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::Instant;

use anyhow::Context;
use socket_workbook::text::pitfalls;
use socket_workbook::{Failed, pitfall, report, say, words};

const ROUNDS: usize = 9; // per way of replying: enough for a median, and quick

/// The client's request; the server's reply: the body's length (2 bytes), the body.
const REQUEST: &[u8] = b"ping\n";
const LENGTH: [u8; 2] = (BODY.len() as u16).to_be_bytes();
const BODY: &[u8] = b"pong\n";

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_nagle").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // `(one_write, nodelay)`: two writes, Nagle on (the default); or one; or TCP_NODELAY.
    let ways = match fixed {
        true => vec![(true, false), (false, true)],
        false => vec![(false, false)],
    };
    for (one_write, nodelay) in ways {
        // Steps 1 to 4, with the demo's own client (src/pitfall.rs), for each way.
        let (mut client, conn, local, peer) = pitfall::pair()?;
        // The server, in a thread of its own: `ROUNDS` times, read a request and reply.
        let serving = thread::spawn(move || serve(conn, peer, (one_write, nodelay)));
        // The client: each round timed from its request to the reply's last byte.
        let (mut rounds, mut reply) = (Vec::new(), [0u8; LENGTH.len() + BODY.len()]);
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let round = client
                .write_all(REQUEST)
                .and_then(|()| client.read_exact(&mut reply));
            round.with_context(|| Failed::Recv(local))?;
            rounds.push(start.elapsed());
        }
        drop(client);
        pitfall::join(serving)?;
        let (median, all) = pitfall::median_and_all(&rounds);
        let label = match (one_write, nodelay) {
            (false, false) => words!(
                "two writes per reply, Nagle's algorithm on (the default)",
                "每个回复写两次，Nagle 算法开启（默认）"
            ),
            (true, _) => words!("one write per reply", "每个回复只写一次"),
            (false, true) => words!(
                "two writes per reply, TCP_NODELAY on",
                "每个回复写两次，开启 TCP_NODELAY"
            ),
        };
        say!(
            "{label}: median {median} ms over {ROUNDS} rounds (in order: {all} ms)",
            "{label}：{ROUNDS} 轮的中位数为 {median} 毫秒（依次为：{all} 毫秒）"
        );
    }
    match fixed {
        true => say!(
            "one write, or TCP_NODELAY, sends the whole reply at once: no round waits for the delayed-ACK timer",
            "只写一次，或者开启 TCP_NODELAY，整个回复都会立即发出：没有哪一轮需要等延迟 ACK 的定时器"
        ),
        false => say!(
            "the second write waits until the first is acknowledged (Nagle's algorithm), and the client delays that acknowledgement (delayed ACK), so a round can wait for the delayed-ACK timer; compare with --fixed",
            "第二次写入要等第一次写入被确认后才发出（Nagle 算法），而客户端会推迟这个确认（延迟 ACK），所以每一轮都可能要等延迟 ACK 的定时器；可以和 --fixed 的结果比较"
        ),
    }
    Ok(())
}

// New in this lesson: two writes, one write, or TCP_NODELAY.
fn serve(mut conn: TcpStream, peer: SocketAddr, way: (bool, bool)) -> anyhow::Result<()> {
    let (one_write, nodelay) = way;
    // TCP_NODELAY: each write goes out at once, acknowledged or not.
    conn.set_nodelay(nodelay)
        .with_context(|| pitfalls::failed_option("TCP_NODELAY", peer))?;
    let mut request = [0u8; REQUEST.len()];
    for _ in 0..ROUNDS {
        conn.read_exact(&mut request)
            .with_context(|| Failed::Recv(peer))?;
        let sent = match one_write {
            true => conn.write_all(&[&LENGTH[..], BODY].concat()),
            false => conn.write_all(&LENGTH).and_then(|()| conn.write_all(BODY)),
        };
        sent.with_context(|| Failed::Send(peer))?;
    }
    // Wait for the client to close first: closing now would push a held write out.
    let _ = conn.read(&mut [0u8; 1]);
    Ok(())
}
// End of the new part.
