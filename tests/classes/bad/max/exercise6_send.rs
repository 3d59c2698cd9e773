use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding};
use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise6_send").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (the library's helpers).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;
    // Step 5: recv, printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    while receiver.next(&conn)?.is_some() {
        println!("reply?");
        let text = match lines::stdin_line(Encoding::Utf8)? {
            Some(line) => line.text,
            None => String::new(),
        };
        if is_exit(&text) {
            break;
        }
        conn.write_all(format!("{text}\n").as_bytes())?;
        println!("sent {} bytes", text.len() + 1);
    }
    Ok(())
}
