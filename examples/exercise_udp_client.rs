//! Exercise u2: write the new part of `udp_client` yourself.
//!
//! This is `examples/udp_client.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_udp_client
//! ```
//!
//! Check it: `cargo run -- check u2`. A hint: `cargo run -- hint u2`. Start
//! again: `cargo run -- reset u2`. The finished lesson, to compare once you are
//! done: `examples/udp_client.rs`.
//!
//! 练习 u2：亲手写出 `udp_client` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check u2`；提示：`cargo run -- hint u2`；
//! 重新开始：`cargo run -- reset u2`；写完后可以对照完整的课程代码：
//! `examples/udp_client.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, timed_out, typed_line};
use socket_workbook::message::{is_exit, show};
use socket_workbook::{Args, Failed, prompt, report, say, warn};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = connect::cli("exercise_udp_client").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let (server, timeout) = (args.addr, connect::timeout(args));

    // Step 1: socket, of the datagram type.
    // Python: socket_client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    let socket =
        Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).context(Failed::Create)?;
    // A port of our own now, so that we can say it before the first datagram.
    let any = SocketAddr::from(([127, 0, 0, 1], 0));
    socket
        .bind(&any.into())
        .with_context(|| Failed::Bind(any))?;
    let client: UdpSocket = socket.into();
    client
        .set_read_timeout(Some(timeout))
        .context(Failed::Query)?;
    let local = client.local_addr().context(Failed::Query)?;
    say!(
        "my address is {local}: replies come to it (in netAssist: 远程IP and 端口号)",
        "本机地址是 {local}：回复要发到这里（在 netAssist 中填入 远程IP 和 端口号）"
    );

    let mut buffer = [0u8; 1024];
    loop {
        // Python: msg = input("请输入要发送的消息：")
        prompt!("message to send: ", "请输入要发送的消息：");
        let Some(msg) = typed_line()? else { break };
        // TODO (exercise u2): write the new part here.
        // Send the line, `msg`, as one datagram: client.send_to(msg.as_bytes(), server)
        // (.with_context(|| Failed::Send(server))?), and say! what you sent. If is_exit(&msg),
        // break. Then one client.recv_from(&mut buffer): print with say! who replied and what,
        // show(&buffer[..n]); a receive that gave up (timed_out(&error), or
        // ErrorKind::ConnectionReset on Windows) is no failure: warn! on stderr that no reply
        // came within the timeout, and go on.
        // Python: socket_client.sendto(msg.encode("UTF-8"), ('127.0.0.1', 8888))
        // Python: data, address = socket_client.recvfrom(1024)
        // 把这一行 msg 作为一个数据报发送：client.send_to(msg.as_bytes(), server)（加上
        // .with_context(|| Failed::Send(server))?），并用 say! 打印发送了什么。如果
        // is_exit(&msg) 成立就 break。然后调用一次 client.recv_from(&mut buffer)：用 say! 打印
        // 谁回复了什么 show(&buffer[..n])；接收超时（timed_out(&error)，或 Windows 上的
        // ErrorKind::ConnectionReset）不算失败：用 warn! 在标准错误上说明在期限内没有收到回复
        // ，然后继续。
        // Lesson: docs/en/udp_client.md, docs/zh/udp_client.md
        // Hint: cargo run -- hint u2; check: cargo run -- check u2
    }
    // Python: socket_client.close()
    Ok(())
}
