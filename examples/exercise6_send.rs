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
        // After each message, print the reply prompt, "type a reply and press Enter", with
        // say!, and read a line from stdin: 0 bytes means your input ended (print "stdin
        // closed" and stop); message::is_exit(&reply) means you typed exit (print "you typed
        // exit" and stop). Send the reply as one line ending in "\n" with conn.write_all(..)
        // and print "sent" and its number of bytes; if failure::peer_left(&error), print "the
        // client is gone" and stop.
        // Python: msg = input("请输入回复消息: ")
        // Python: if msg == "exit": break
        // Python: conn.send(msg.encode("UTF-8"))
        // 每收到一条消息，就用 say! 打印回复提示“请输入回复消息”，并从标准输入读取一行：读到
        // 0 字节表示你的输入已经结束（打印“标准输入已关闭”并结束）；message::is_exit(&reply)
        // 成立表示你输入了 exit（打印“你输入了 exit”并结束）。用 conn.write_all(..) 把回复作
        // 为以 "\n" 结尾的一行发送，然后打印“已发送”和字节数；如果出错且
        // failure::peer_left(&error) 成立，打印“客户端已断开连接”并结束。
        // Lesson: docs/en/step6_send.md, docs/zh/step6_send.md
        // Hint: cargo run -- hint 6; check: cargo run -- check 6
    }
    Ok(())
}
