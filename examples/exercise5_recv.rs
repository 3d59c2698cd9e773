//! Exercise 5: write the new part of `step5_recv` yourself.
//!
//! This is `examples/step5_recv.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise5_recv
//! ```
//!
//! Check it: `cargo run -- check 5`. A hint: `cargo run -- hint 5`. Start
//! again: `cargo run -- reset 5`. The finished lesson, to compare once you are
//! done: `examples/step5_recv.rs`.
//!
//! 练习 5：亲手写出 `step5_recv` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 5`；提示：`cargo run -- hint 5`；
//! 重新开始：`cargo run -- reset 5`；写完后可以对照完整的课程代码：
//! `examples/step5_recv.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("exercise5_recv").parse();
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

    // Step 4: accept.
    say!(
        "waiting for a client: accept() blocks until one connects",
        "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
    );
    let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    say!(
        "accepted connection from {peer}",
        "接收到客户端连接，连接来自：{peer}"
    );

    // TODO (exercise 5): write the new part here.
    // Receive in a loop, into a buffer of 1024 bytes (`conn.read(&mut [0u8; 1024])` is
    // recv(2)). A read of 0 bytes means the client closed the connection: end the loop
    // there (reading again returns 0 at once, for ever). An error for which `peer_left`
    // holds means the client reset the connection: end the loop too. Decode the reads with
    // one `Utf8Stream::new()` kept across them (`Utf8Stream::decode`), and show each
    // read's size in bytes and its text as received (data.shown quotes it, line ending
    // included); when data.carried > 0, say that a character's first bytes wait for the
    // next read; when data.invalid > 0, warn! on stderr. The message "exit" ends the
    // session: `is_exit` tells it ("exit" alone or with its line ending; a message that
    // only contains the word goes on). After the loop, `Utf8Stream::finish` tells how many
    // bytes of a cut character were left: warn! if any. Your own words: the checker looks
    // for the size and the text.
    // Python: data = conn.recv(1024).decode("UTF-8")
    // Python: if data == 'exit': break
    // 循环接收数据，缓冲区 1024 字节（`conn.read(&mut [0u8; 1024])` 就是 recv(2)）。读到 0
    // 字节表示客户端关闭了连接：就在这里结束循环（再读还是立刻返回 0，永远如此）。如果出错
    // 且 `peer_left` 成立，表示客户端重置了连接：同样结束循环。用同一个
    // `Utf8Stream::new()` 解码每次读到的数据（`Utf8Stream::decode`），显示每次读取的字节数
    // 和收到的文本（data.shown 带引号，包括换行符）；data.carried > 0 时说明有一个字符的前
    // 几个字节留到下一次读取；data.invalid > 0 时用 warn! 在标准错误中警告。消息 "exit" 结
    // 束会话：由 `is_exit` 判断（"exit" 本身，或者带换行符；只是包含这个单词的消息不算）。
    // 循环结束后，`Utf8Stream::finish` 给出被截断的字符还剩多少字节：如果有，用 warn! 警告
    // 。措辞由你决定：检查只看字节数和文本。
    // Lesson: docs/en/step5_recv.md, docs/zh/step5_recv.md
    // Hint: cargo run -- hint 5; check: cargo run -- check 5

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    say!(
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）"
    );
    drop(conn);
    Ok(())
}
