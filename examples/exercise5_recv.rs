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
#![forbid(unsafe_code)]
// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, report, say, text, warn};
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
    println!("{}", text::listening_on(local));

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
    // bytes means the client closed: print text::client_closed() and stop. An error for
    // which failure::peer_left(&error) holds means it reset: print text::client_reset()
    // and stop. Decode each read with a message::Utf8Stream, print it with
    // message::print_read(n, &data), and stop after text::client_sent_exit() when
    // message::is_exit(&data.text). After the loop, decoder.finish() tells how many bytes
    // of a cut character were left: warn with text::cut_at_end(..).
    // Python: data = conn.recv(1024).decode("UTF-8")
    // Python: if data == 'exit': break
    // 循环接收：conn.read(&mut buffer)（使用 1024 字节的缓冲区）就相当于 recv(2)。读到 0
    // 字节表示客户端关闭了连接：打印 text::client_closed() 并结束循环；如果出错且
    // failure::peer_left(&error) 成立，表示连接被重置：打印 text::client_reset() 并结束循
    // 环。用 message::Utf8Stream 解码每次读到的数据，再用 message::print_read(n, &data) 打
    // 印出来；如果 message::is_exit(&data.text) 成立，打印 text::client_sent_exit() 后结束
    // 循环。循环结束后，decoder.finish() 会告诉你被截断的字符还剩下多少字节：用
    // text::cut_at_end(..) 给出警告。
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
