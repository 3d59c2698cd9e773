use std::io::{ErrorKind, Read};
use std::net::Shutdown;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::steps::{LINGER, converse, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise7_close").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (the library's helpers).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;
    // Steps 5 and 6: print each message and send the reply typed, until one side ends.
    converse(&conn, peer)?;

    conn.shutdown(Shutdown::Write)?;
    println!("sent FIN");

    drop(conn);
    println!("closed {peer}");
    drop(server);
    println!("closed {local}");
    Ok(())
}
