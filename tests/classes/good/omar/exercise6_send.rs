use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding};
use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::Socket;

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
        match answer(&mut conn)? {
            Answer::Sent(size) => println!("-> {size} bytes out"),
            Answer::Stop => break,
        }
    }
    Ok(())
}

/// What became of one reply.
enum Answer {
    Sent(usize),
    Stop,
}

/// Asks the operator for a reply and sends it.
fn answer(conn: &mut Socket) -> anyhow::Result<Answer> {
    println!("Your answer?");
    let Some(line) = lines::stdin_line(Encoding::Utf8).context("stdin")? else {
        println!("no more input");
        return Ok(Answer::Stop);
    };
    if is_exit(&line.text) {
        println!("bye (operator)");
        return Ok(Answer::Stop);
    }
    let payload = format!("{}\n", line.text);
    match conn.write_all(payload.as_bytes()) {
        Ok(()) => Ok(Answer::Sent(payload.len())),
        Err(e) if peer_left(&e) => {
            println!("peer vanished");
            Ok(Answer::Stop)
        }
        Err(e) => Err(e.into()),
    }
}
