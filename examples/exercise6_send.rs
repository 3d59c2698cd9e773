//! Exercise 6: write the new part of `step6_send` yourself.
//!
//! This is `examples/step6_send.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise6_send
//! ```
//!
//! Check it: `cargo run -- check 6`. A hint: `cargo run -- hint 6`. Start
//! again: `cargo run -- reset 6`. The finished lesson, to compare once you are
//! done: `examples/step6_send.rs`.
//!
//! 练习 6：亲手写出 `step6_send` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 6`；提示：`cargo run -- hint 6`；
//! 重新开始：`cargo run -- reset 6`；写完后可以对照完整的课程代码：
//! `examples/step6_send.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding};
use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise6_send").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (the library's helpers).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;
    // Step 5: recv, printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    while receiver.next(&conn)?.is_some() {
        // TODO (exercise 6): write the new part here.
        // For each message, ask for a reply (a line that says so) and read one line from stdin
        // with `lines::stdin_line(Encoding::Utf8)`, with `?` and a context (`Failed::Stdin`):
        // None means your input ended: end the session. The reply "exit" ends the session
        // without sending it (`is_exit` tells it). Any other reply goes to the client as one
        // line ending in "\n", in one `conn.write_all(b"ok\n")`; then show how many bytes were
        // sent. If the write fails and `peer_left` holds, the client is gone: end the session.
        // Your own words: the checker types replies and reads them.
        // Python: msg = input("请输入回复消息: ")
        // Python: if msg == "exit": break
        // Python: conn.send(msg.encode("UTF-8"))
        // 每收到一条消息，就请求输入回复（打印一行提示），并用
        // `lines::stdin_line(Encoding::Utf8)` 从标准输入读取一行，用 `?` 并加上上下文（
        // `Failed::Stdin`）：None 表示你的输入已经结束，结束会话。回复 "exit" 结束会话，并且不
        // 发送它（由 `is_exit` 判断）。其他回复作为以 "\n" 结尾的一行，用一次
        // `conn.write_all(b"ok\n")` 发给客户端，然后显示发送的字节数。如果发送失败且
        // `peer_left` 成立，说明客户端已经断开：结束会话。措辞由你决定：检查会输入回复并读取它
        // 们。
        // Lesson: docs/en/step6_send.md, docs/zh/step6_send.md
        // Hint: cargo run -- hint 6; check: cargo run -- check 6
    }
    Ok(())
}
