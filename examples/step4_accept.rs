//! Step 4 — `accept()`: take one client's connection.
//!
//! `accept` blocks until a client has connected (or takes one that the kernel already
//! queued), then returns a new socket for talking to that one client and the client's
//! address. The listening socket stays as it was, ready for the next client.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step4_accept
//! terminal 2: nc 127.0.0.1 8888
//! ```
//!
//! Terminal 1 prints the client's address, `ip:port`; the port is the one the client's
//! system chose for it.
//!
//! Lesson: step 4 of the socket lesson (接收客户端连接，获得连接对象);
//! docs/en/step4_accept.md, 中文 docs/zh/step4_accept.md.

use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::open_listener;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("step4_accept").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 3: socket, bind, listen, as steps 1 to 3 wrote them, now one call of
    // the library (src/steps.rs); it prints the readiness line `listening on <ip:port>`.
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));

    // New in this step: accept(2).
    // Python: conn, address = socket_server.accept()
    // accept blocks this thread until a client connects; then it returns a *new*
    // socket, `conn`, for that client alone, and the client's address. `server` goes
    // on listening. std: `TcpListener::accept` returns a `TcpStream` and a `SocketAddr`.
    say!(
        "waiting for a client: accept() blocks until one connects",
        "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
    );
    let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    say!(
        "accepted connection from {peer}",
        "接收到客户端连接，连接来自：{peer}"
    );

    // Dropping `conn` closes it; step 7 shows closing in detail.
    say!(
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）"
    );
    drop(conn);
    // End of the new part.
    Ok(())
}
