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
    // Bind `server` to `addr`: first let the address be reused at once,
    // `server.set_reuse_address(true)` (not on Windows: see step 2's comment), then
    // `server.bind(&addr.into())`, each with `?` and a context (`Failed::Bind(addr)`). Ask
    // the socket for the address it really has, `server.local_addr()?.as_socket()` (an
    // Option: `Failed::Query` is the context of its None), and show it: 127.0.0.1 and the
    // real port, the one the system chose when port 0 was asked for. Then say that it does
    // not listen yet. Your own words: the checker looks for the address and the port.
    // Python: socket_server.bind(('127.0.0.1', 8888))
    // 把 `server` 绑定到 `addr`：先允许地址立即重用，`server.set_reuse_address(true)`（
    // Windows 上不设置，见第 2 步中的注释），再调用 `server.bind(&addr.into())`，两者都用
    // `?` 并加上上下文（`Failed::Bind(addr)`）。然后查询 socket 实际绑定的地址，
    // `server.local_addr()?.as_socket()`（它是 Option：为 None 时的上下文是
    // `Failed::Query`），并把它显示出来：127.0.0.1 和真实端口（指定端口 0 时就是系统选择的
    // 端口）。最后说明还没有开始监听。措辞由你决定：检查只看地址和端口。
    // Lesson: docs/en/step2_bind.md, docs/zh/step2_bind.md
    // Hint: cargo run -- hint 2; check: cargo run -- check 2
    Ok(())
}
