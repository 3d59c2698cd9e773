
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Cli, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::new("exercise2_bind").address().parse();
    report(run(args.addr))
}

fn run(addr: SocketAddr) -> anyhow::Result<()> {
    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    #[cfg(not(windows))]
    server.set_reuse_address(true)?;
    server.bind(&addr.into())?;
    println!("bound to {addr}");
    Ok(())
}
