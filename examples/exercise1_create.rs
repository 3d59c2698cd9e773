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
    // Create the TCP/IPv4 socket, `Socket::new(Domain::IPV4, Type::STREAM,
    // Some(Protocol::TCP))`, with `?` and a context (`Failed::Create`). Then show, with
    // say! in English and in Chinese, what it is: its family (IPv4), its type
    // (`Socket::r#type` gives it: TCP's is a stream), and its handle, the number the
    // operating system knows it by (`Socket::as_raw_fd` on Unix; on Windows,
    // as_raw_socket()); and that it is not bound yet (`Socket::local_addr`). Your own
    // words: the checker looks for these facts and for exit status 0.
    // Python: socket_server = socket.socket()
    // 创建 TCP/IPv4 socket：`Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))`
    // ，用 `?` 并加上上下文（`Failed::Create`）。然后用 say!（英文一句、中文一句）说明它是
    // 什么：地址族（IPv4）、类型（由 `Socket::r#type` 得到，TCP 的类型是 stream），以及它
    // 的句柄，也就是操作系统用来标识它的数字（Unix 上是 `Socket::as_raw_fd`；Windows 上是
    // as_raw_socket()）；再说明它尚未绑定（`Socket::local_addr`）。措辞由你决定：检查只看
    // 这些事实，以及退出码 0。
    // Lesson: docs/en/step1_create.md, docs/zh/step1_create.md
    // Hint: cargo run -- hint 1; check: cargo run -- check 1
    Ok(())
}
