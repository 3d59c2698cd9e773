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

    // Print every chunk the way it came, on one line, until exit shows up.
    let mut chunk = vec![0; 1024];
    let mut utf8 = Utf8Stream::new();
    let mut finished = false;
    while !finished {
        let size = conn.read(&mut chunk).context("recv")?;
        let got = utf8.decode(&chunk[..size]);
        print!("[{size} bytes] {} ", got.shown);
        finished = is_exit(&got.text);
    }
    // `conn` and `server` close when dropped, here; step 7 shows closing in detail.
    Ok(())
}
