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
    // Bind `server` to `addr`: first set SO_REUSEADDR (not on Windows, see step 2's
    // comment), then server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)).
    // Ask the socket for the address it really has, server.local_addr(), a SockAddr
    // (.as_socket() gives an Option<SocketAddr>: .as_socket().context(Failed::Query)?
    // makes it a SocketAddr), and print with say! "bound to" and that address; when port 0
    // was asked for, "you asked for port 0, so the operating system chose port" and its
    // port; then "not listening yet".
    // Python: socket_server.bind(('127.0.0.1', 8888))
    // 把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置，见第 2 步中的注释），
    // 再调用 server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr)) 处理可能
    // 出现的错误。然后用 server.local_addr() 查询 socket 实际绑定的地址（它是 SockAddr；
    // .as_socket() 返回的是 Option<SocketAddr>，要写成
    // .as_socket().context(Failed::Query)? 才得到 SocketAddr），用 say! 打印“已绑定到”和
    // 这个地址；如果指定的是端口 0，再打印“你指定的是端口 0，所以由操作系统自动选择了端口
    // ”和端口号；最后打印“还没有开始监听”。
    // Lesson: docs/en/step2_bind.md, docs/zh/step2_bind.md
    // Hint: cargo run -- hint 2; check: cargo run -- check 2
    Ok(())
}
