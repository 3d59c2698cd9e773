//! Client step 2 — `send()`: send each line you type.
//!
//! Socket客户端 "可以发送消息": each line you type is sent as it is, UTF-8, with no line
//! ending, as the Python's `input()` and `send(msg.encode("UTF-8"))` do and as
//! netAssist does. The end of your input (Ctrl+D; Ctrl+Z then Enter on Windows) ends
//! the program.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step5_recv           (or example2_server, or netAssist)
//! terminal 2: cargo run --example client2_send, then type hello and exit
//! ```
//!
//! Lesson: docs/en/client2_send.md, 中文 docs/zh/client2_send.md.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, addr_of, typed_line};
use socket_workbook::message::show;
use socket_workbook::{Args, Failed, prompt, report, say};

fn main() -> ExitCode {
    let args = connect::cli("client2_send").parse();
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
        // New in this step: send(2).
        // Python: socket_client.send(send_msg.encode("UTF-8"))
        // write_all is Python's sendall: one write call may take only part of the
        // bytes (pitfall_partial_write). One write per message also spares a wait for
        // delayed ACKs (pitfall_nagle). If the server has closed, the first write
        // still succeeds and the next fails (BrokenPipe): step 3's recv sees it first.
        client
            .write_all(msg.as_bytes())
            .with_context(|| Failed::Send(server))?;
        let shown = show(msg.as_bytes());
        say!("sent {shown}", "已发送 {shown}");
        // End of the new part.
    }
    // The program ends, and the operating system closes the socket.
    Ok(())
}
