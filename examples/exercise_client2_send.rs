//! Exercise c2: write the new part of `client2_send` yourself.
//!
//! This is `examples/client2_send.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_client2_send
//! ```
//!
//! Check it: `cargo run -- check c2`. A hint: `cargo run -- hint c2`. Start
//! again: `cargo run -- reset c2`. The finished lesson, to compare once you are
//! done: `examples/client2_send.rs`.
//!
//! 练习 c2：亲手写出 `client2_send` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check c2`；提示：`cargo run -- hint c2`；
//! 重新开始：`cargo run -- reset c2`；写完后可以对照完整的课程代码：
//! `examples/client2_send.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, addr_of, typed_line};
use socket_workbook::message::show;
use socket_workbook::{Args, Failed, prompt, report, say};

fn main() -> ExitCode {
    let args = connect::cli("exercise_client2_send").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let (server, timeout) = (args.addr, connect::timeout(args));

    // Client step 1: socket and connect, as client1_connect shows them.
    // Python: socket_client = socket.socket()
    // Python: socket_client.connect(('127.0.0.1', 8888))
    let mut client = connect::open(server, timeout)?;
    let local = addr_of(client.local_addr())?;
    say!(
        "connected to {server} from {local}",
        "已连接到 {server}，本机地址 {local}"
    );

    loop {
        // Python: send_msg = input("请输入要发送的消息：")
        prompt!("message to send: ", "请输入要发送的消息：");
        let Some(msg) = typed_line()? else { break };
        // TODO (exercise c2): write the new part here.
        // Send the line you typed, `msg`, as it is (UTF-8, no line ending added), in one
        // write: client.write_all(msg.as_bytes()) with .with_context(||
        // Failed::Send(server))?. Then print with say! what you sent: show(msg.as_bytes())
        // quotes it.
        // Python: socket_client.send(send_msg.encode("UTF-8"))
        // 把你输入的这一行 msg 原样（UTF-8，不加换行符）一次写出：
        // client.write_all(msg.as_bytes())，并加上 .with_context(|| Failed::Send(server))?。然
        // 后用 say! 打印发送了什么：show(msg.as_bytes()) 会给它加上引号。
        // Lesson: docs/en/client2_send.md, docs/zh/client2_send.md
        // Hint: cargo run -- hint c2; check: cargo run -- check c2
    }
    // The program ends, and the operating system closes the socket.
    Ok(())
}
