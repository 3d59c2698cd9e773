//! Step 1 — `socket()`: create a TCP socket.
//!
//! A socket is the operating system's end of a network connection. Creating one asks
//! the kernel for it and gets back a handle (a file descriptor on Linux and macOS, a
//! `SOCKET` on Windows); it has no address yet, so nothing can reach it.
//!
//! Run it:
//!
//! ```text
//! cargo run --example step1_create
//! ```
//!
//! Lesson: step 1 of the socket lesson (创建socket对象); docs/en/step1_create.md,
//! 中文 docs/zh/step1_create.md.

#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(windows)]
use std::os::windows::io::AsRawSocket;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Cli, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    Cli::new("step1_create").parse();
    report(run())
}

fn run() -> anyhow::Result<()> {
    // New in this step: socket(2).
    // Python: socket_server = socket.socket()
    // Python's defaults spelled out: family AF_INET (IPv4), type SOCK_STREAM (a byte
    // stream), protocol TCP. std: `TcpListener::bind(addr)` does steps 1 to 3 at once.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Ask the socket what it is: the type comes back from the kernel (SO_TYPE).
    let (family, kind) = (Domain::IPV4, server.r#type().context(Failed::Query)?);
    say!(
        "created a socket: family {family:?} (IPv4), type {kind:?} (TCP)",
        "已创建 socket：地址族 {family:?}（IPv4），类型 {kind:?}（TCP）"
    );
    // Its handle: a file descriptor on Linux and macOS, a SOCKET on Windows.
    #[cfg(unix)]
    let (handle, en, zh) = (
        server.as_raw_fd().to_string(),
        "file descriptor",
        "文件描述符",
    );
    #[cfg(windows)]
    let (handle, en, zh) = (server.as_raw_socket().to_string(), "SOCKET", " SOCKET 句柄");
    say!(
        "the operating system knows it as {en} {handle}",
        "操作系统用{zh} {handle} 来标识它"
    );
    say!(
        "not bound yet: it has no address, so no client can reach it; step 2 binds it",
        "尚未绑定：它还没有地址，客户端还无法连接它；第 2 步会为它绑定地址"
    );
    // End of the new part.
    Ok(())
}
