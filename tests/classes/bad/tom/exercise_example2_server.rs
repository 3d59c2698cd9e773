//! Exercise e2: write the new part of `example2_server` yourself.
//!
//! This is `examples/example2_server.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_example2_server
//! ```
//!
//! Check it: `cargo run -- check e2`. A hint: `cargo run -- hint e2`. Start
//! again: `cargo run -- reset e2`. The finished lesson, to compare once you are
//! done: `examples/example2_server.rs`.
//!
//! 练习 e2：亲手写出 `example2_server` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check e2`；提示：`cargo run -- hint e2`；
//! 重新开始：`cargo run -- reset e2`；写完后可以对照完整的课程代码：
//! `examples/example2_server.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::process::ExitCode;

use socket_workbook::conversation::Conversation;
use socket_workbook::message::is_exit;
use socket_workbook::steps::tell_waiting_clients;
use socket_workbook::steps::{accept_client, close_connection, close_listener, open_listener};
use socket_workbook::{Args, Cli, outln, prompt, report, say, text};

fn main() -> ExitCode {
    let args = Cli::line_server("exercise_example2_server").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let explain = args.explain();
    // Python: socket_server = socket.socket()
    //         socket_server.bind(("localhost", 8888))
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
                println!("received: ");
                continue;
            };
            if is_exit(&data.text) {
                say!("the client sent exit", "客户端发送了 exit");
                break false;
            }
            // The client's exit ends the session too: when message::is_exit(&data.text), say so
            // and break false.
            // Python: if data == 'exit': break
            // 客户端发送 exit 也会结束会话：message::is_exit(&data.text) 成立时，说明这一点并
            // break false。
            // Lesson: docs/en/example2_server.md, docs/zh/example2_server.md
            // Hint: cargo run -- hint e2; check: cargo run -- check e2
            // Python: print("接收到发送来的数据: ", data)
            let shown = &data.shown;
            say!("received: {shown}", "接收到发送来的数据: {shown}");
            conversation.note(&data);
            // A client that has left gets no reply: ask for none.
            if conversation.has_left()? {
                continue;
            }
            // Python: reply = input("请输入回复消息: ").encode("UTF-8")
            prompt!("type a reply: ", "请输入回复消息: ");
            let Some(reply) = conversation.typed_reply()? else {
                break true;
            };
            if is_exit(&reply.text) {
                say!(
                    "you typed exit: ending the session",
                    "你输入了 exit：结束会话"
                );
                break false;
            }
            // Python: conn.send(reply)
            if !conversation.send_line(&reply.text)? {
                break false;
            }
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
