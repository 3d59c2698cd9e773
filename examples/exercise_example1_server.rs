//! Exercise e1: write the new part of `example1_server` yourself.
//!
//! This is `examples/example1_server.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_example1_server
//! ```
//!
//! Check it: `cargo run -- check e1`. A hint: `cargo run -- hint e1`. Start
//! again: `cargo run -- reset e1`. The finished lesson, to compare once you are
//! done: `examples/example1_server.rs`.
//!
//! 练习 e1：亲手写出 `example1_server` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check e1`；提示：`cargo run -- hint e1`；
//! 重新开始：`cargo run -- reset e1`；写完后可以对照完整的课程代码：
//! `examples/example1_server.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::process::ExitCode;

use socket_workbook::conversation::Conversation;
use socket_workbook::message::is_exit;
use socket_workbook::steps::tell_waiting_clients;
use socket_workbook::steps::{accept_client, close_connection, close_listener, open_listener};
use socket_workbook::{Args, Cli, outln, prompt, report, say, text};

fn main() -> ExitCode {
    let args = Cli::line_server("exercise_example1_server").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let explain = args.explain();
    // Python: socket_server = socket.socket()
    //         socket_server.bind(('127.0.0.1', 8888))
    //         socket_server.listen(1)
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    loop {
        // Python: conn, address = socket_server.accept()
        let (conn, peer) = accept_client(&server, local, explain)?;
        // Python: print(f"接收到客户端连接，连接来自: {address}")
        say!(
            "accepted connection from {peer}",
            "接收到客户端连接，连接来自: {peer}"
        );
        let mut conversation = Conversation::new(&conn, peer, args);
        // `true` when your input ended: no more replies, so no more sessions either.
        let input_ended = loop {
            // Python: data = conn.recv(1024).decode("UTF-8")
            let Some(data) = conversation.receive()? else {
                break false;
            };
            // TODO (exercise e1): write the new part here.
            // The conversation, one message at a time: show each message with say! ("received: "
            // and data.shown) and conversation.note(&data); ask nothing of a client that has left
            // (conversation.has_left()?); else prompt! for a reply, read it
            // (conversation.typed_reply()?, None: break true), end the session on your exit, and
            // send it (conversation.send_line(..)?, false: break false). Your own words: the
            // checker looks for the message and your prompt, and types replies.
            // Python: print("接收到发送来的数据: ", data)
            // Python: msg = input("请输入你要和客户端回复的消息。")
            // Python: if msg == "exit": break
            // Python: conn.send(msg.encode("utf-8"))
            // 一条一条地对话：用 say! 显示每条消息（“接收到发送来的数据: ”和 data.shown），再调
            // 用 conversation.note(&data)；客户端已经离开（conversation.has_left()?）就不再询问；
            // 否则用 prompt! 请你输入回复，读取它（conversation.typed_reply()?，None 时 break true
            // ），你输入 exit 时结束会话，然后发送（conversation.send_line(..)?，false 时 break
            // false）。措辞由你决定：检查只看消息和提示，并会输入回复。
            // Lesson: docs/en/example1_server.md, docs/zh/example1_server.md
            // Hint: cargo run -- hint e1; check: cargo run -- check e1
        };
        // Python: conn.close()
        close_connection(conn, peer, explain)?;
        // The lesson serves one client; --keep-serving goes back to accept.
        if input_ended || !args.keep_serving() {
            break;
        }
    }
    // Clients that connected meanwhile wait in the backlog: closing would reset them.
    tell_waiting_clients(&server)?;
    // Python: socket_server.close()
    close_listener(server, local, explain);
    Ok(())
}
