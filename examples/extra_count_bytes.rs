//! Extra exercise — count the bytes: step 5, and the total the client sent.
//!
//! The server of step 5 prints each read; this one also adds up the bytes of every
//! read and, when the session ends, says how many the client sent in all. A read
//! returns a count (`n`); the total is the sum of those counts, whatever the messages.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example extra_count_bytes
//! terminal 2: nc 127.0.0.1 8888
//! ```
//!
//! Exercise: `cargo run --example exercise_count_bytes`, checked by
//! `cargo run -- check count_bytes`.
//!
//! Lesson: docs/en/extra_count_bytes.md, docs/zh/extra_count_bytes.md.

use std::process::ExitCode;

use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, say_client_exit, wait_for_client};
use socket_workbook::{Args, Cli, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("extra_count_bytes").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (conn, peer) = wait_for_client(&server, local)?;

    // Step 5: recv, each read printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    // How many bytes the client sent in all.
    let mut total: u64 = 0;
    while let Some((bytes, data)) = receiver.read(&conn)? {
        // New in this exercise: add this read's bytes to the total.
        total += bytes.len() as u64;
        // End of the new part.
        // Python: if data == 'exit': break
        if is_exit(&data.text) {
            say_client_exit();
            break;
        }
    }
    receiver.finish::<()>();
    say!(
        total,
        "the client sent {total} byte in all",
        "the client sent {total} bytes in all",
        "客户端一共发送了 {total} 字节"
    );

    // Dropping `conn` and `server` closes them; step 7 shows closing in detail.
    drop((conn, server));
    Ok(())
}
