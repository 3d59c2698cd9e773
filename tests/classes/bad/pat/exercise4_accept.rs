
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
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

    let (conn, who) = server.accept()?;
    let who = who.as_socket().context("no address")?;
    println!("a client from {} came", who.ip());
    drop(conn);
    Ok(())
}
