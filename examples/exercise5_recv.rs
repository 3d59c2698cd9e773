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
    // Receive in a loop: conn.read(&mut buffer) with a 1024-byte buffer is recv(2). 0
    // bytes means the client closed: print "the client closed the connection" with say!
    // and stop. An error for which failure::peer_left(&error) holds means it reset: print
    // "the client reset the connection" and stop. Decode each read with a
    // message::Utf8Stream and print "received", the number of bytes (text::plural(n) gives
    // the English "s") and data.shown; when data.carried > 0, say that a character's first
    // bytes wait for the next read; when data.invalid > 0, warn! that some bytes are not
    // valid UTF-8. When message::is_exit(&data.text), print "the client sent exit" and
    // stop. After the loop, decoder.finish() tells how many bytes of a cut character were
    // left: warn! that the connection ended in the middle of a character.
    // Python: data = conn.recv(1024).decode("UTF-8")
    // Python: if data == 'exit': break
    // 循环接收：conn.read(&mut buffer)（使用 1024 字节的缓冲区）就相当于 recv(2)。读到 0
    // 字节表示客户端关闭了连接：用 say! 打印“客户端关闭了连接”并结束循环；如果出错且
    // failure::peer_left(&error) 成立，表示连接被重置：打印“客户端重置了连接”并结束循环
    // 。用 message::Utf8Stream 解码每次读到的数据，打印“收到”、字节数和 data.shown（英文
    // 句子里的复数 s 由 text::plural(n) 给出）；data.carried > 0 时说明有一个字符被本次读
    // 取截断、留到下一次读取；data.invalid > 0 时用 warn! 警告有字节不是有效的 UTF-8。如果
    // message::is_exit(&data.text) 成立，打印“客户端发送了 exit”后结束循环。循环结束后，
    // decoder.finish() 会告诉你被截断的字符还剩下多少字节：用 warn! 警告连接在一个字符的中
    // 途结束了。
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
