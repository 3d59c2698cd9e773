use std::io::{self, BufRead};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::local_addr;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("exercise3_listen").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(args.addr))?;
    server
        .bind(&args.addr.into())
        .with_context(|| Failed::Bind(args.addr))?;

    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(args.addr))?;
    let here = server.local_addr()?.as_socket().context("no address")?;
    outln!("{}", text::listening_on(here));
    println!("queue length: {}", args.backlog);
    println!("hit Enter when done");
    let mut nothing = String::new();
    std::io::stdin().read_line(&mut nothing)?;
    println!("done");
    Ok(())
}
