//! Exercise 1: write the new part of `step1_create` yourself.
//!
//! This is `examples/step1_create.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise1_create
//! ```
//!
//! Check it: `cargo run -- check 1`. A hint: `cargo run -- hint 1`. Start
//! again: `cargo run -- reset 1`. The finished lesson, to compare once you are
//! done: `examples/step1_create.rs`.
//!
//! 练习 1：亲手写出 `step1_create` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 1`；提示：`cargo run -- hint 1`；
//! 重新开始：`cargo run -- reset 1`；写完后可以对照完整的课程代码：
//! `examples/step1_create.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(windows)]
use std::os::windows::io::AsRawSocket;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Cli, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    Cli::new("exercise1_create").parse();
    report(run())
}

fn run() -> anyhow::Result<()> {
    // TODO (exercise 1): write the new part here.
    // Create a TCP/IPv4 socket: Socket::new(Domain::IPV4, Type::STREAM,
    // Some(Protocol::TCP)), with `?` and .context(Failed::Create). Then print what it is
    // with say!, in English and in Chinese: "created a socket" with its family
    // (Domain::IPV4) and its type, from server.r#type(); its handle, "the operating system
    // knows it as file descriptor" and server.as_raw_fd() on Unix ("SOCKET" and
    // server.as_raw_socket() on Windows); that it is "not bound yet", with the local
    // address that server.local_addr() reports, or without one; and "the program ends
    // here, and the operating system closes the socket".
    // Python: socket_server = socket.socket()
    // 创建一个 TCP/IPv4 socket：Socket::new(Domain::IPV4, Type::STREAM,
    // Some(Protocol::TCP))，用 ? 和 .context(Failed::Create) 处理可能出现的错误。然后用
    // say! 打印它的信息（英文一句、中文一句）：“已创建 socket”，以及地址族（Domain::IPV4
    // ）和 server.r#type() 得到的类型；它的句柄：Unix 上是“操作系统用文件描述符……来标识
    // 它”和 server.as_raw_fd()（Windows 上是 SOCKET 句柄和 server.as_raw_socket()）；它“
    // 尚未绑定”，附上 server.local_addr() 报告的本地地址（如果有的话）；最后打印“程序到
    // 此结束，操作系统会关闭这个 socket”。
    // Lesson: docs/en/step1_create.md, docs/zh/step1_create.md
    // Hint: cargo run -- hint 1; check: cargo run -- check 1
    Ok(())
}
