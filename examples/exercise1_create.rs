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
#![forbid(unsafe_code)]
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
    // Some(Protocol::TCP)), with `?` and .context(Failed::Create). Then print what it is:
    // text::created(..) with the family and the type from server.r#type(); its handle,
    // text::handle_fd(..) on Unix or text::handle_windows(..) on Windows;
    // text::unbound_with_address(..) or text::unbound_without_address() after asking
    // server.local_addr(); and text::closed_at_exit().
    // Python: socket_server = socket.socket()
    // 创建一个 TCP/IPv4 socket：Socket::new(Domain::IPV4, Type::STREAM,
    // Some(Protocol::TCP))，用 ? 和 .context(Failed::Create) 处理可能出现的错误。然后打印
    // 它的信息：用 text::created(..) 打印地址族和 server.r#type() 得到的类型；用
    // text::handle_fd(..)（Unix）或 text::handle_windows(..)（Windows）打印它的句柄；调用
    // server.local_addr() 查询本地地址后，打印 text::unbound_with_address(..) 或
    // text::unbound_without_address()；最后打印 text::closed_at_exit()。
    // Lesson: docs/en/step1_create.md, docs/zh/step1_create.md
    // Hint: cargo run -- hint 1; check: cargo run -- check 1
    Ok(())
}
