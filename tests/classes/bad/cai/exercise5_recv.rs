use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::steps::{open_listener, say_received, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};

fn main() -> ExitCode {
    let args = Cli::server("exercise5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs, as steps 1 to 4 wrote them).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    let mut buffer = [0u8; 1024];
    let mut decoder = Utf8Stream::new();
    loop {
        let n = match conn.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if peer_left(&e) => break,
            Err(e) => return Err(e.into()),
        };
        let data = decoder.decode(&buffer[..n]);
        println!("got {} bytes: {}", n, data.shown);
        if data.text == "exit\n" {
            println!("bye");
            break;
        }
    }
    // `conn` and `server` close when dropped, here; step 7 shows closing in detail.
    Ok(())
}
