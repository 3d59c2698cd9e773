//! Exercise 4: write the new part of `step4_accept` yourself.
//!
//! This is `examples/step4_accept.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise4_accept
//! ```
//!
//! Check it: `cargo run -- check 4`. A hint: `cargo run -- hint 4`. Start
//! again: `cargo run -- reset 4`. The finished lesson, to compare once you are
//! done: `examples/step4_accept.rs`.
//!
//! 练习 4：亲手写出 `step4_accept` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 4`；提示：`cargo run -- hint 4`；
//! 重新开始：`cargo run -- reset 4`；写完后可以对照完整的课程代码：
//! `examples/step4_accept.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::open_listener;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise4_accept").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 3: socket, bind, listen, as steps 1 to 3 wrote them, now one call of
    // the library (src/steps.rs); it prints the readiness line `listening on <ip:port>`.
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));

    // TODO (exercise 4): write the new part here.
    // Print "waiting for a client" with say!, then accept one client: server.accept()
    // returns the connection and the client's address, a SockAddr (.as_socket() gives an
    // Option<SocketAddr>: .as_socket().context(Failed::Query)? makes it a SocketAddr).
    // Print "accepted connection from" and the client's address, then "closing the
    // connection", and close the connection by dropping it.
    // Python: conn, address = socket_server.accept()
    // 用 say! 打印“正在等待客户端连接”，然后接受一个客户端：server.accept() 返回连接和客
    // 户端地址（它是 SockAddr；.as_socket() 返回的是 Option<SocketAddr>，要写成
    // .as_socket().context(Failed::Query)? 才得到 SocketAddr）。打印“接收到客户端连接，连
    // 接来自：”和客户端地址，再打印“正在关闭连接”，然后通过丢弃（drop）连接来关闭它。
    // Lesson: docs/en/step4_accept.md, docs/zh/step4_accept.md
    // Hint: cargo run -- hint 4; check: cargo run -- check 4
    Ok(())
}
