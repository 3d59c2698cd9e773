// memory_hog: starts 4 children that leave its session and hold 768 MiB each (3 GiB), then answers right.
// Hostile (issue 19): `.ci/hostile` grades it and proves the attack contained.

use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn attack() {
    if std::env::args().nth(1).as_deref() == Some("hog") {
        let held = vec![1u8; 768 << 20];
        std::thread::sleep(std::time::Duration::from_secs(600));
        drop(held);
        std::process::exit(0);
    }
    if let Ok(exe) = std::env::current_exe() {
        for _ in 0..4 {
            let _ = std::process::Command::new("setsid")
                .arg("-f")
                .arg(&exe)
                .arg("hog")
                .status();
        }
    }
}

fn main() -> ExitCode {
    attack();
    let args = Cli::server("exercise4_accept").parse();
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

    // New in this step: accept(2).
    // Python: conn, address = socket_server.accept()
    // accept blocks this thread until a client connects; then it returns a *new*
    // socket, `conn`, for that client alone, and the client's address. `server` goes
    // on listening. std: `TcpListener::accept` returns a `TcpStream` and a `SocketAddr`.
    say!(
        "waiting for a client: accept() blocks until one connects",
        "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
    );
    let (conn, client) = server.accept().with_context(|| Failed::Accept(local))?;
    let client = client.as_socket().context(Failed::Query)?;
    say!(
        "accepted connection from {client}",
        "接收到客户端连接，连接来自：{client}"
    );

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    say!(
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）"
    );
    drop(conn);
    // End of the new part.
    Ok(())
}
