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
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));

    let (conn, who) = server.accept()?;
    let who = who.as_socket().context("no address")?;
    println!("a client from {} came", who.ip());
    drop(conn);
    Ok(())
}
