
use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("exercise5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

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

    // Step 3: listen.
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));

    // Step 4: accept.
    say!(
        "waiting for a client: accept() blocks until one connects",
        "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
    );
    let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    say!(
        "accepted connection from {peer}",
        "接收到客户端连接，连接来自：{peer}"
    );

    let mut buffer = [0u8; 1024];
    let mut decoder = Utf8Stream::new();
    loop {
        let n = conn.read(&mut buffer)?;
        let data = decoder.decode(&buffer[..n]);
        println!("received {} bytes: {}", n, data.shown);
        if is_exit(&data.text) {
            break;
        }
    }

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    say!(
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）"
    );
    drop(conn);
    Ok(())
}
