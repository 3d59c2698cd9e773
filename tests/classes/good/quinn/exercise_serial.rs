use std::process::ExitCode;

use clap::Arg;
use socket_workbook::args::{DEFAULT_CLIENTS, id, shown};
use socket_workbook::steps::{close_connection, converse, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise_serial")
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

    let mut k = 0;
    while k < clients {
        k += 1;
        println!("[{k}/{clients}]");
        let (conn, peer) = wait_for_client(&server, local)?;
        converse(&conn, peer)?;
        close_connection(conn, peer, true)?;
    }

    // The listening socket: no new client can connect, and the port is free again.
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听 socket：{local} 已释放，可以再次使用"
    );
    Ok(())
}
