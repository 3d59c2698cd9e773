
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

    let mut stream: std::net::TcpStream = conn.into();
    talk(&mut stream)?;
    let conn = Socket::from(stream);

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    say!(
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）"
    );
    drop(conn);
    Ok(())
}

/// Reads until the other side says exit or goes away.
fn talk(stream: &mut std::net::TcpStream) -> anyhow::Result<()> {
    let mut chunk = vec![0u8; 1024];
    let mut text = Utf8Stream::new();
    loop {
        let count = match stream.read(&mut chunk) {
            Ok(0) => continue,
            Ok(count) => count,
            Err(oops) if peer_left(&oops) => {
                println!("-- peer reset");
                return Ok(());
            }
            Err(oops) => return Err(oops.into()),
        };
        let got = text.decode(&chunk[..count]);
        println!("{count:>4} B | {}", got.shown);
        if got.invalid > 0 {
            eprintln!("     ({} odd bytes)", got.invalid);
        }
        if is_exit(&got.text) {
            println!("-- exit received");
            return Ok(());
        }
    }
}
