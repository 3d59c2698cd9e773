//! Exercise c1: write the new part of `client1_connect` yourself.
//!
//! This is `examples/client1_connect.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_client1_connect
//! ```
//!
//! Check it: `cargo run -- check c1`. A hint: `cargo run -- hint c1`. Start
//! again: `cargo run -- reset c1`. The finished lesson, to compare once you are
//! done: `examples/client1_connect.rs`.
//!
//! 练习 c1：亲手写出 `client1_connect` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check c1`；提示：`cargo run -- hint c1`；
//! 重新开始：`cargo run -- reset c1`；写完后可以对照完整的课程代码：
//! `examples/client1_connect.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, addr_of, connect_failed};
use socket_workbook::{Args, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = connect::cli("exercise_client1_connect").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let (server, timeout) = (args.addr, connect::timeout(args));

    // Client step 1: socket, as the server's step 1.
    // Python: socket_client = socket.socket()
    let client =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // TODO (exercise c1): write the new part here.
    // Connect `client` to `server` within `timeout`:
    // client.connect_timeout(&server.into(), timeout), its error made clear with
    // .map_err(|error| connect_failed(error, server, timeout))? (refused: the command that
    // starts a server; no answer: the deadline). Then print with say! that you are
    // connected, and the client's own address: addr_of(client.local_addr())?.
    // Python: socket_client.connect(('127.0.0.1', 8888))
    // 在 timeout 之内把 client 连接到 server：client.connect_timeout(&server.into(),
    // timeout)，并用 .map_err(|error| connect_failed(error, server, timeout))? 把错误说清
    // 楚（被拒绝时给出启动服务端的命令；无人应答时说明期限）。然后用 say! 打印已经连接，以
    // 及本机这一端的地址：addr_of(client.local_addr())?。
    // Lesson: docs/en/client1_connect.md, docs/zh/client1_connect.md
    // Hint: cargo run -- hint c1; check: cargo run -- check c1

    // The program ends here, and the operating system closes the socket (client
    // step 4 closes it itself).
    say!(
        "the program ends, and the operating system closes the connection",
        "程序结束，操作系统会关闭这个连接"
    );
    Ok(())
}
