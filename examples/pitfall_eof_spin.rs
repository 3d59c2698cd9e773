//! Pitfall — a read of 0 bytes means the peer closed, and the lesson's loop spins.
//!
//! A client sends `hello`, then leaves without sending `exit`. From then on every
//! `recv` returns 0 bytes at once: end-of-stream. The lesson's loop only stops on
//! `exit`, so it turns forever, printing an empty message each time and keeping a CPU
//! core busy. This demo counts those empty reads and stops at a cap; the fix stops at
//! the first read of 0 bytes.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_eof_spin               # the mistake
//! cargo run --example pitfall_eof_spin -- --fixed    # the fix
//! ```
//!
//! Lesson: step 5's loop (示例2, `while True:` … `if data == 'exit': break`);
//! docs/en/pitfall_eof_spin.md, docs/zh/pitfall_eof_spin.md; README, "Pitfalls lab".

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::message::show;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say, stranger};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

/// Where the mistaken loop is stopped. The lesson's loop has no such cap.
const CAP: u64 = 100_000;

/// How many of the empty reads are printed, as the lesson's `print` would.
const PRINTED: u64 = 3;

fn main() -> ExitCode {
    let args = Cli::new("pitfall_eof_spin")
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

    // The client connects first: the kernel completes the handshake and queues the
    // connection (step 3), so accept returns at once. Client and server take turns in
    // this one thread.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    // Step 4: accept.
    // Step 4: accept, the demo's own client only: on a shared machine another program
    // may connect to the printed port first (see `stranger`).
    let own = client.local_addr().context(Failed::Query)?;
    let (mut conn, peer) = stranger::accept_own(own, || {
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        Ok((conn, peer.as_socket().context(Failed::Query)?))
    })?;
    // A client that neither sends nor closes cannot hold this demo for longer.
    conn.set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(peer))?;

    // The client: `hello`, then it closes without `exit`. Dropping the stream closes
    // it: the kernel sends a FIN after the bytes.
    client
        .write_all(b"hello")
        .with_context(|| Failed::Send(local))?;
    drop(client);
    say!(
        "the client sent `hello` and closed the connection without sending `exit`",
        "客户端发送了 `hello`，然后没有发送 `exit` 就关闭了连接"
    );

    // New in this lesson: the lesson's loop, and the fix: stop on 0 bytes.
    let mut buffer = [0u8; 1024];
    let mut empty_reads: u64 = 0;
    let started = Instant::now();
    loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = conn.read(&mut buffer).with_context(|| Failed::Recv(peer))?;
        // Python: if data == 'exit': break
        if &buffer[..n] == b"exit" {
            say!(
                "the client sent exit: ending the session",
                "客户端发送了 exit：结束会话"
            );
            break;
        }
        if n == 0 {
            if fixed {
                // The fix: 0 bytes means the client closed its side, and every later
                // read would return 0 at once. Stop at the first.
                say!(
                    "the client closed the connection (recv returned 0 bytes): ending the session",
                    "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
                );
                say!(
                    "the loop stopped at its first read of 0 bytes",
                    "循环在第一次读到 0 字节时就停止了"
                );
                break;
            }
            empty_reads += 1;
            if empty_reads <= PRINTED {
                // Python: print("接收到发送来的数据: ", data), with data == ""
                let shown = show(b"");
                say!("received 0 bytes: {shown}", "收到 0 字节：{shown}");
            } else if empty_reads == PRINTED + 1 {
                say!(
                    "… and so on, without end: every read returns 0 bytes at once",
                    "……就这样没完没了：每次读取都立即返回 0 字节"
                );
            }
            if empty_reads == CAP {
                let millis = started.elapsed().as_secs_f64() * 1000.0;
                say!(
                    "the loop read 0 bytes {empty_reads} times in {millis:.0} ms, and it would never stop (a CPU core busy at 100 %); this demo stopped it at its cap",
                    "循环在 {millis:.0} 毫秒内读到了 {empty_reads} 次 0 字节，而且永远不会自己停下来（一个 CPU 核心的占用率达到 100%）；本演示在达到次数上限时强行停止了它"
                );
                break;
            }
            continue;
        }
        let shown = show(&buffer[..n]);
        let s = if n == 1 { "" } else { "s" };
        say!("received {n} byte{s}: {shown}", "收到 {n} 字节：{shown}");
    }
    // End of the new part.
    drop(conn);
    Ok(())
}
