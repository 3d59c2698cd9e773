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
use socket_workbook::steps::{open_listener, say_received, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};

fn main() -> ExitCode {
    let args = Cli::server("exercise5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs, as steps 1 to 4 wrote them).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    // TODO (exercise 5): write the new part here.
    // Receive in a loop: conn.read(&mut buffer), 1024 bytes at most, is recv(2). Show each
    // read with say_received(n, &data), decoded by a message::Utf8Stream. End the loop,
    // saying why, when the client sent exit (message::is_exit), closed (a read of 0 bytes)
    // or reset the connection (failure::peer_left); then warn! if decoder.finish() says a
    // character was cut. Your own words: the checker looks for the size and the text.
    // Python: data = conn.recv(1024).decode("UTF-8")
    // Python: if data == 'exit': break
    // 循环接收：conn.read(&mut buffer)（最多 1024 字节）就是 recv(2)。用
    // message::Utf8Stream 解码，用 say_received(n, &data) 显示每次读到的数据。客户端发送
    // exit（message::is_exit）、关闭连接（读到 0 字节）或重置连接（failure::peer_left）时
    // 结束循环，并说明原因；之后如果 decoder.finish() 表明有字符被截断，用 warn! 警告。措
    // 辞由你决定：检查只看字节数和文本。
    // Lesson: docs/en/step5_recv.md, docs/zh/step5_recv.md
    // Hint: cargo run -- hint 5; check: cargo run -- check 5
    // `conn` and `server` close when dropped, here; step 7 shows closing in detail.
    Ok(())
}
