//! Exercise 3: write the new part of `step3_listen` yourself.
//!
//! This is `examples/step3_listen.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise3_listen
//! ```
//!
//! Check it: `cargo run -- check 3`. A hint: `cargo run -- hint 3`. Start
//! again: `cargo run -- reset 3`. The finished lesson, to compare once you are
//! done: `examples/step3_listen.rs`.
//!
//! 练习 3：亲手写出 `step3_listen` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 3`；提示：`cargo run -- hint 3`；
//! 重新开始：`cargo run -- reset 3`；写完后可以对照完整的课程代码：
//! `examples/step3_listen.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{self, BufRead};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("exercise3_listen").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // TODO (exercise 3): write the new part here.
    // Listen: `server.listen(args.backlog)` with `?` and a context
    // (`Failed::Listen(addr)`). Print the readiness line of the output contract,
    // `text::listening_on`, with the real address, `server.local_addr()?.as_socket()`.
    // Then show that clients can connect now, with the backlog's number (`args.backlog`),
    // wait for a line on stdin (Enter, or the end of input), and end with exit status 0.
    // Your own words: the checker connects, looks for the backlog's number, presses Enter.
    // Python: socket_server.listen(1)
    // 开始监听：`server.listen(args.backlog)`，用 `?` 并加上上下文（`Failed::Listen(addr)`
    // ）。用真实地址 `server.local_addr()?.as_socket()` 打印输出约定中的就绪行
    // `text::listening_on`。然后说明客户端现在已经可以连接，并给出 backlog 的数值（
    // `args.backlog`）；再等待标准输入中的一行（回车，或者输入结束），最后以退出码 0 结束
    // 。措辞由你决定：检查会连接、查找 backlog 的数值、再按回车。
    // Lesson: docs/en/step3_listen.md, docs/zh/step3_listen.md
    // Hint: cargo run -- hint 3; check: cargo run -- check 3
    Ok(())
}
