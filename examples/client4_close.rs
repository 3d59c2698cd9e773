//! Client step 4 — `close()`: end the conversation cleanly.
//!
//! Typing `exit` sends it (示例2 ends its session on it) and ends the conversation;
//! so does the end of your input. The client then closes in three moves, as the
//! server's step 7 does: shutdown(Write), so that the server reads end-of-stream; read
//! what the server still sends until its own end-of-stream (for `--timeout` at most);
//! close.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example example2_server      (or step 6, 7, or netAssist)
//! terminal 2: cargo run --example client4_close, then type hello, then exit
//! ```
//!
//! Lesson: docs/en/client4_close.md, 中文 docs/zh/client4_close.md.

use std::io::{Read, Write};
use std::net::Shutdown;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, timed_out, typed_line};
use socket_workbook::message::{is_exit, show};
use socket_workbook::{Args, Failed, prompt, report, say};

fn main() -> ExitCode {
    let args = connect::cli("client4_close").parse();
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

    // New in this step: close, in three moves.
    // Python: socket_client.close()
    // 1. shutdown(2) the sending side: a FIN, the server reads end-of-stream.
    client
        .shutdown(Shutdown::Write)
        .or_else(connect::already_closed)
        .with_context(|| Failed::Shutdown(server))?;
    say!("shut down the sending side", "已关闭发送方向（shutdown）");
    // 2. Read until the server closes its side too (0 bytes), or the deadline passes.
    loop {
        match client.read(&mut buffer) {
            Ok(0) => break say!("the server closed its side too", "服务端也关闭了它那一端"),
            Ok(n) => {
                let shown = show(&buffer[..n]);
                say!("the server sent: {shown}", "服务端发来：{shown}");
            }
            Err(error) if timed_out(&error) => {
                break say!(
                    "the server did not close its side in time: closing anyway",
                    "服务端没有按时关闭它那一端：照样关闭"
                );
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(server)),
        }
    }
    drop(client); // 3. close(2): dropping the socket closes it.
    say!("closed the connection", "已关闭连接");
    // End of the new part.
    Ok(())
}
