use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::open_listener;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise4_accept").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 3: socket, bind, listen, as steps 1 to 3 wrote them, now one call of
    // the library (src/steps.rs); it prints the readiness line `listening on <ip:port>`.
    let addr = std::net::SocketAddr::from(([0, 0, 0, 0], args.addr.port()));
    let (server, local) = open_listener(addr, args.backlog)?;
    outln!("{}", text::listening_on(local));

    let (conn, peer) = server.accept()?;
    println!("client: {:?}", peer.as_socket());
    drop(conn);
    Ok(())
}
