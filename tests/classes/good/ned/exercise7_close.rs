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

    let reset_already = match conn.shutdown(Shutdown::Write) {
        Ok(()) => false,
        Err(e) if e.kind() == ErrorKind::NotConnected => true,
        Err(e) => return Err(e).context("shutdown"),
    };
    if !reset_already {
        println!("my side is shut, waiting");
        let stop_at = Instant::now() + LINGER;
        let mut junk = [0u8; 512];
        while let Some(budget) = stop_at.checked_duration_since(Instant::now()) {
            if budget.is_zero() {
                break;
            }
            conn.set_read_timeout(Some(budget))?;
            match conn.read(&mut junk) {
                Ok(0) => {
                    println!("they closed as well");
                    break;
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }
    drop(conn);
    println!("bye {peer}");
    drop(server);
    println!("listener {local} closed");
    Ok(())
}
