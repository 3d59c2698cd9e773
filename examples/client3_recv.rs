//! Client step 3 — `recv()`: receive the server's reply.
//!
//! Socket客户端 "可以接收回复": after each message, one `recv(1024)` waits for the
//! reply (for `--timeout` at most) and prints it decoded. A reply may arrive in several
//! reads, and two replies in one: each read is printed as it came. A read of 0 bytes
//! means the server closed the connection: nothing more will come, and the client ends.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example example2_server      (or step 6, 7, or netAssist)
//! terminal 2: cargo run --example client3_recv, then type hello; reply in terminal 1
//! ```
//!
//! Lesson: docs/en/client3_recv.md, 中文 docs/zh/client3_recv.md.

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, addr_of, no_reply, timed_out, typed_line};
use socket_workbook::message::show;
use socket_workbook::{Args, Failed, prompt, report, say};

fn main() -> ExitCode {
    let args = connect::cli("client3_recv").parse();
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

        // New in this step: recv(2).
        // Python: recv_data = socket_client.recv(1024).decode("UTF-8")
        // open() gave each read a deadline, --timeout: without one, a server that
        // never replies would hold the client for ever.
        let mut buffer = [0u8; 1024];
        let n = match client.read(&mut buffer) {
            Err(error) if timed_out(&error) => return Err(no_reply(server, timeout)),
            read => read.with_context(|| Failed::Recv(server))?,
        };
        // 0 bytes: the server closed its side (a FIN); every later read returns 0.
        if n == 0 {
            say!(
                "the server closed the connection (recv returned 0)",
                "服务端关闭了连接（recv 返回 0）"
            );
            break;
        }
        // Python: print("服务端回复的消息是：", recv_data)
        // One read is what has arrived, not one reply: a reply longer than 1024 bytes
        // takes two reads, and two replies sent at once come in one (pitfall_byte_stream).
        let shown = show(&buffer[..n]);
        say!(
            "the server replied: {shown} (recv returned {n})",
            "服务端回复的消息是：{shown}（recv 返回了 {n}）"
        );
        // End of the new part.
    }
    // The program ends, and the operating system closes the socket.
    Ok(())
}
