//! Extra exercise — one after another: step 7, for several clients in turn.
//!
//! The server of step 7 serves one client and ends, as the lesson's does. This one goes
//! back to `accept` after each session and serves `--clients N` clients (2 by default),
//! one after another; a client that connects meanwhile waits in the listen backlog.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example extra_serial
//! terminal 2: nc 127.0.0.1 8888     (then, after it ends, again)
//! ```
//!
//! Exercise: `cargo run --example exercise_serial`, checked by
//! `cargo run -- check serial`.
//!
//! Lesson: docs/en/extra_serial.md, docs/zh/extra_serial.md.

use std::process::ExitCode;

use clap::Arg;
use socket_workbook::args::{DEFAULT_CLIENTS, id, shown};
use socket_workbook::steps::{close_connection, converse, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("extra_serial")
        .arg(
            Arg::new(id::CLIENTS)
                .long("clients")
                .value_name("N")
                .default_value(shown(DEFAULT_CLIENTS))
                .value_parser(clap::value_parser!(u32).range(1..=10_000))
                .help(text::extras::help_clients()),
        )
        .parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 3: socket, bind, listen (src/steps.rs).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let clients = args.clients();

    // New in this exercise: serve clients one after another, then stop.
    for number in 1..=clients {
        say!(
            "serving client {number} of {clients}",
            "正在服务第 {number} 个客户端（共 {clients} 个）"
        );
        // Steps 4 to 7: accept, each message answered with a typed reply, close.
        let (conn, peer) = wait_for_client(&server, local)?;
        converse(&conn, peer)?;
        close_connection(conn, peer, true)?;
    }
    // End of the new part.

    // The listening socket: no new client can connect, and the port is free again.
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听套接字：{local} 已释放，可以再次使用"
    );
    Ok(())
}
