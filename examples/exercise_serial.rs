//! Exercise serial: write the new part of `extra_serial` yourself.
//!
//! This is `examples/extra_serial.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_serial
//! ```
//!
//! Check it: `cargo run -- check serial`. A hint: `cargo run -- hint serial`. Start
//! again: `cargo run -- reset serial`. The finished lesson, to compare once you are
//! done: `examples/extra_serial.rs`.
//!
//! 练习 serial：亲手写出 `extra_serial` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check serial`；提示：`cargo run -- hint serial`；
//! 重新开始：`cargo run -- reset serial`；写完后可以对照完整的课程代码：
//! `examples/extra_serial.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

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

    // TODO (exercise serial): write the new part here.
    // Serve `clients` clients one after another: for each number from 1 to `clients`, show
    // with say! which client of how many is served, then accept it (wait_for_client),
    // converse with it and close its connection (close_connection(conn, peer, true)).
    // 一个接一个地服务 `clients` 个客户端：对从 1 到 `clients` 的每个编号，用 say! 显示正
    // 在服务第几个（共几个），然后接受它（wait_for_client）、与它对话（converse），再关闭
    // 连接（close_connection(conn, peer, true)）。
    // Lesson: README.md, "Exercises"
    // Hint: cargo run -- hint serial; check: cargo run -- check serial

    // The listening socket: no new client can connect, and the port is free again.
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听套接字：{local} 已释放，可以再次使用"
    );
    Ok(())
}
