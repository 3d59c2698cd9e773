//! 示例2 — the lesson's second complete server: the client's `exit` ends it too.
//!
//! The whole lesson in one program: socket, bind, listen, accept one client, then for
//! each message print it and send the reply you type, until the client sends `exit`,
//! you type `exit`, the client leaves, or your input ends. Then close. Its output
//! reads like the lesson's 运行结果, line for line; `--explain` adds what the transcript
//! leaves out (how to end, the bytes sent, each step of closing).
//!
//! Every call here was taught by a step before it, and comes from the library under a
//! name that says what it does: `open_listener` (steps 1–3), `accept_client` (step 4),
//! a `Conversation` that receives one message at a time and sends a line (steps 5–6,
//! framed by line as pitfall_byte_stream teaches: src/conversation.rs), and
//! `close_connection` (step 7). What this lesson adds is the client's `exit`, however
//! it ends (`exit`, `exit\n`, `exit\r\n`, `exit\r`).
//!
//! A client that has left gets no reply: the server says so and asks you for nothing.
//! A client that goes silent without closing (netAssist's 断开 on Linux sends no FIN)
//! holds `recv` as long as its program runs: quitting it sends the FIN, Ctrl+C ends the
//! server.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example example2_server
//! terminal 2: cargo run --example client        (or: nc -N 127.0.0.1 8888, or netAssist)
//! ```
//!
//! netAssist: 1.协议类型 TCP Client, 2.远程ip地址 127.0.0.1, 3.远程端口号 8888, 开始连接,
//! then type in 数据发送 and click 发送. Flags: `--explain`, `--keep-serving` to serve
//! clients one after another, `--encoding gbk` for a client that sends GBK (not
//! netAssist, which sends UTF-8), `--max-line BYTES`, `--backlog N`, `--lang zh`.
//!
//! Lesson: 示例2 of the socket lesson (实现服务端并结合客户端进行测试);
//! docs/en/example2_server.md, 中文 docs/zh/example2_server.md.

use std::process::ExitCode;

use socket_workbook::conversation::Conversation;
use socket_workbook::message::is_exit;
use socket_workbook::steps::tell_waiting_clients;
use socket_workbook::steps::{accept_client, close_connection, close_listener, open_listener};
use socket_workbook::{Args, Cli, outln, prompt, report, say, text};

fn main() -> ExitCode {
    let args = Cli::line_server("example2_server").parse();
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
                break false;
            };
            // New in this lesson: the client's exit ends the session.
            // Python (示例2): if data == 'exit': break
            if is_exit(&data.text) {
                say!(
                    "the client sent exit: ending the session",
                    "客户端发送了 exit：结束会话"
                );
                break false;
            }
            // End of the new part.
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
