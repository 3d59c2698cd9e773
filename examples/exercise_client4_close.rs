//! Exercise c4: write the new part of `client4_close` yourself.
//!
//! This is `examples/client4_close.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_client4_close
//! ```
//!
//! Check it: `cargo run -- check c4`. A hint: `cargo run -- hint c4`. Start
//! again: `cargo run -- reset c4`. The finished lesson, to compare once you are
//! done: `examples/client4_close.rs`.
//!
//! 练习 c4：亲手写出 `client4_close` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check c4`；提示：`cargo run -- hint c4`；
//! 重新开始：`cargo run -- reset c4`；写完后可以对照完整的课程代码：
//! `examples/client4_close.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{Read, Write};
use std::net::Shutdown;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, timed_out, typed_line};
use socket_workbook::message::{is_exit, show};
use socket_workbook::{Args, Failed, prompt, report, say};

fn main() -> ExitCode {
    let args = connect::cli("exercise_client4_close").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let server = args.addr;

    // Python: socket_client = socket.socket()
    // Python: socket_client.connect(('127.0.0.1', 8888))
    let mut client = connect::open(server, connect::timeout(args))?;

    let mut buffer = [0u8; 1024];
    loop {
        // Python: send_msg = input("请输入要发送的消息：")
        prompt!("message to send: ", "请输入要发送的消息：");
        let Some(msg) = typed_line()? else { break };
        // Client step 2: send. `exit` too: 示例2 ends its session on it.
        // Python: socket_client.send(send_msg.encode("UTF-8"))
        client
            .write_all(msg.as_bytes())
            .with_context(|| Failed::Send(server))?;
        let shown = show(msg.as_bytes());
        say!("sent {shown}", "已发送 {shown}");
        // Python: if send_msg == 'exit': break
        if is_exit(&msg) {
            break;
        }
        // Client step 3: recv. 0 bytes: the server closed; the close below says so.
        let n = connect::recv(&mut client, &mut buffer, server)?;
        if n == 0 {
            break;
        }
        let shown = show(&buffer[..n]);
        say!("the server sent: {shown}", "服务端发来：{shown}");
    }

    // TODO (exercise c4): write the new part here.
    // Close in three moves. client.shutdown(Shutdown::Write), with
    // .or_else(connect::already_closed) (a connection the server reset is closed already)
    // and .with_context(|| Failed::Shutdown(server))?, then say! that the sending side is
    // shut down. Read in a loop with client.read(&mut buffer): print with say! what still
    // arrives, show(&buffer[..n]); stop at Ok(0) (say that the server closed its side too)
    // or at a read that gave up, timed_out(&error) (say that it did not close in time).
    // Then drop(client) and say! that the connection is closed.
    // Python: socket_client.close()
    // 分三步关闭。client.shutdown(Shutdown::Write)，加上 .or_else(connect::already_closed)
    // （被服务端重置的连接已经关闭了）和 .with_context(|| Failed::Shutdown(server))?，然后
    // 用 say! 说明发送方向已关闭。用 client.read(&mut buffer) 循环读取：用 say! 打印还在到
    // 达的数据 show(&buffer[..n])；读到 Ok(0) 时停止（说明服务端也关闭了它那一端），读取超
    // 时 timed_out(&error) 时也停止（说明它没有按时关闭）。最后 drop(client)，并用 say! 说
    // 明连接已关闭。
    // Lesson: docs/en/client4_close.md, docs/zh/client4_close.md
    // Hint: cargo run -- hint c4; check: cargo run -- check c4
    Ok(())
}
