use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::steps::{open_listener, say_received, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};
use socket2::Socket;

fn main() -> ExitCode {
    let args = Cli::server("exercise5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs, as steps 1 to 4 wrote them).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    let mut stream: std::net::TcpStream = conn.into();
    talk(&mut stream)?;
    let conn = Socket::from(stream);
    // `conn` and `server` close when dropped, here; step 7 shows closing in detail.
    Ok(())
}

/// Reads until the other side says exit or goes away.
fn talk(stream: &mut std::net::TcpStream) -> anyhow::Result<()> {
    let mut chunk = vec![0u8; 1024];
    let mut text = Utf8Stream::new();
    loop {
        let count = match stream.read(&mut chunk) {
            Ok(0) => {
                println!("-- EOF, peer is done");
                return Ok(());
            }
            Ok(count) => count,
            Err(oops) if peer_left(&oops) => {
                println!("-- peer reset");
                return Ok(());
            }
            Err(oops) => return Err(oops.into()),
        };
        let got = text.decode(&chunk[..count]);
        println!("{count:>4} B | {}", got.shown);
        if got.invalid > 0 {
            eprintln!("     ({} odd bytes)", got.invalid);
        }
        if is_exit(&got.text) {
            println!("-- exit received");
            return Ok(());
        }
    }
}
