//! Exercise 2: write the new part of `step2_bind` yourself.
//!
//! This is `examples/step2_bind.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise2_bind
//! ```
//!
//! Check it: `cargo run -- check 2`. A hint: `cargo run -- hint 2`. Start
//! again: `cargo run -- reset 2`. The finished lesson, to compare once you are
//! done: `examples/step2_bind.rs`.
//!
//! 练习 2：亲手写出 `step2_bind` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 2`；提示：`cargo run -- hint 2`；
//! 重新开始：`cargo run -- reset 2`；写完后可以对照完整的课程代码：
//! `examples/step2_bind.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::local_addr;
use socket_workbook::{Cli, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::new("exercise2_bind").address().parse();
    report(run(args.addr))
}

fn run(addr: SocketAddr) -> anyhow::Result<()> {
    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // TODO (exercise 2): write the new part here.
    // Bind `server` to `addr`: SO_REUSEADDR first (not on Windows), then
    // server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)). Show with say!
    // the address it really has (local_addr(&server)?), the port the system chose when
    // port 0 was asked for, and that it is not listening yet. Your own words: the checker
    // looks for the address and the port.
    // Python: socket_server.bind(('127.0.0.1', 8888))
    // 把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置），再
    // server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr))。用 say! 显示它
    // 实际绑定的地址（local_addr(&server)?）、指定端口 0 时系统选的端口，以及它还没有开始
    // 监听。措辞由你决定：检查只看地址和端口。
    // Lesson: docs/en/step2_bind.md, docs/zh/step2_bind.md
    // Hint: cargo run -- hint 2; check: cargo run -- check 2
    Ok(())
}
