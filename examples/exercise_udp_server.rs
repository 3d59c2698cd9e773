//! Exercise u1: write the new part of `udp_server` yourself.
//!
//! This is `examples/udp_server.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_udp_server
//! ```
//!
//! Check it: `cargo run -- check u1`. A hint: `cargo run -- hint u1`. Start
//! again: `cargo run -- reset u1`. The finished lesson, to compare once you are
//! done: `examples/udp_server.rs`.
//!
//! 练习 u1：亲手写出 `udp_server` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check u1`；提示：`cargo run -- hint u1`；
//! 重新开始：`cargo run -- reset u1`；写完后可以对照完整的课程代码：
//! `examples/udp_server.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::ErrorKind;
use std::net::UdpSocket;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::typed_line;
use socket_workbook::message::{is_exit, show};
use socket_workbook::{Args, Cli, Failed, outln, prompt, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::new("exercise_udp_server").address().parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

    // Step 1: socket, of the datagram type.
    // Python: socket_server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    let socket =
        Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).context(Failed::Create)?;
    // Step 2: bind, as for TCP.
    // Python: socket_server.bind(('127.0.0.1', 8888))
    socket
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    // std's UdpSocket takes a plain byte buffer for recv_from.
    let server: UdpSocket = socket.into();
    let local = server.local_addr().context(Failed::Query)?;
    // No listen(), no accept(): datagrams can arrive from now on, from anyone.
    outln!("{}", text::listening_on(local));

    // TODO (exercise u1): write the new part here.
    // With a 1024-byte buffer (let mut buffer = [0u8; 1024];), in a loop:
    // server.recv_from(&mut buffer) gives one datagram, (n, peer) (skip an
    // ErrorKind::ConnectionReset: Windows reports an earlier ICMP that way). Print with
    // say! the sender, peer, and the datagram, show(&buffer[..n]). If
    // is_exit(&String::from_utf8_lossy(&buffer[..n])), say so and break. Else prompt! for
    // a reply, read it with typed_line()? (None: say that stdin closed and break), send it
    // to the sender with server.send_to(reply.as_bytes(), peer) (.with_context(||
    // Failed::Send(peer))?) and say! what you sent.
    // Python: data, address = socket_server.recvfrom(1024)
    // Python: if data.decode("UTF-8") == 'exit': break
    // Python: msg = input("请输入回复消息: ")
    // Python: socket_server.sendto(msg.encode("UTF-8"), address)
    // 准备 1024 字节的缓冲区（let mut buffer = [0u8; 1024];），然后循环：
    // server.recv_from(&mut buffer) 得到一个数据报 (n, peer)（遇到
    // ErrorKind::ConnectionReset 时跳过：Windows 用它报告之前的 ICMP）。用 say! 打印发送方
    // peer 和数据报 show(&buffer[..n])。如果
    // is_exit(&String::from_utf8_lossy(&buffer[..n])) 成立，说明后 break。否则用 prompt!
    // 提示输入回复，用 typed_line()? 读取（None：说明标准输入已关闭并 break），再用
    // server.send_to(reply.as_bytes(), peer)（加上 .with_context(|| Failed::Send(peer))?）
    // 发回给发送方，并用 say! 打印发送了什么。
    // Lesson: docs/en/udp_server.md, docs/zh/udp_server.md
    // Hint: cargo run -- hint u1; check: cargo run -- check u1

    // Step 7: close; no connection to shut down first.
    // Python: socket_server.close()
    drop(server);
    say!("closed the socket", "已关闭 socket");
    Ok(())
}
