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
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("exercise4_accept").parse();
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

    // Step 3: listen.
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));

    // TODO (exercise 4): write the new part here.
    // Accept one client: `server.accept()`, with `?` and a context
    // (`Failed::Accept(local)`), gives the connection and the client's address, a
    // SockAddr: its as_socket() is an Option<SocketAddr>, with `Failed::Query` as the
    // context of its None. Show the client's address (ip:port: the checker looks for it),
    // then close the connection by dropping it, and end with exit status 0.
    // Python: conn, address = socket_server.accept()
    // 接受一个客户端：`server.accept()`，用 `?` 并加上上下文（`Failed::Accept(local)`），
    // 它返回连接和客户端地址（SockAddr；它的 as_socket() 返回 Option<SocketAddr>，为 None
    // 时的上下文是 `Failed::Query`）。显示客户端地址（ip:port，检查会查找它），然后通过丢
    // 弃（drop）连接来关闭它，最后以退出码 0 结束。
    // Lesson: docs/en/step4_accept.md, docs/zh/step4_accept.md
    // Hint: cargo run -- hint 4; check: cargo run -- check 4
    Ok(())
}
