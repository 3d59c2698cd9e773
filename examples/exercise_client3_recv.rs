//! Exercise c3: write the new part of `client3_recv` yourself.
//!
//! This is `examples/client3_recv.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_client3_recv
//! ```
//!
//! Check it: `cargo run -- check c3`. A hint: `cargo run -- hint c3`. Start
//! again: `cargo run -- reset c3`. The finished lesson, to compare once you are
//! done: `examples/client3_recv.rs`.
//!
//! 练习 c3：亲手写出 `client3_recv` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check c3`；提示：`cargo run -- hint c3`；
//! 重新开始：`cargo run -- reset c3`；写完后可以对照完整的课程代码：
//! `examples/client3_recv.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, addr_of, no_reply, timed_out, typed_line};
use socket_workbook::message::show;
use socket_workbook::{Args, Failed, prompt, report, say};

fn main() -> ExitCode {
    let args = connect::cli("exercise_client3_recv").parse();
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
        // Client step 2: send.
        // Python: socket_client.send(send_msg.encode("UTF-8"))
        client
            .write_all(msg.as_bytes())
            .with_context(|| Failed::Send(server))?;
        let shown = show(msg.as_bytes());
        say!("sent {shown}", "已发送 {shown}");

        // TODO (exercise c3): write the new part here.
        // Receive the reply: one client.read(&mut buffer), with a 1024-byte buffer (let mut
        // buffer = [0u8; 1024];), is recv(1024). A read that gave up (timed_out(&error):
        // open() gave each read the --timeout deadline) returns Err(no_reply(server,
        // timeout)). 0 bytes means the server closed: say so with say! and break. Otherwise
        // print the reply's text, show(&buffer[..n]), with say!.
        // Python: recv_data = socket_client.recv(1024).decode("UTF-8")
        // Python: print("服务端回复的消息是：", recv_data)
        // 接收回复：用 1024 字节的缓冲区（let mut buffer = [0u8; 1024];）调用一次
        // client.read(&mut buffer)，就是 recv(1024)。读取超时（timed_out(&error) 成立：open()
        // 给每次读取设置了 --timeout 期限）时返回 Err(no_reply(server, timeout))。读到 0 字节
        // 表示服务端关闭了连接：用 say! 说明并 break。否则用 say! 打印回复的内容
        // show(&buffer[..n])。
        // Lesson: docs/en/client3_recv.md, docs/zh/client3_recv.md
        // Hint: cargo run -- hint c3; check: cargo run -- check c3
    }
    // The program ends, and the operating system closes the socket.
    Ok(())
}
