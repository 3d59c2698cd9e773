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
    // Python's defaults are spelled out here: family AF_INET (IPv4), type SOCK_STREAM
    // (a byte stream), protocol TCP.
    // std: has no bare socket; `TcpListener::bind(addr)` does steps 1 to 3 in one call.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Ask the socket what it is: the type comes back from the kernel (SO_TYPE).
    let kind = server.r#type().context(Failed::Query)?;
    let family = Domain::IPV4;
    say!(
        "created a socket: family {family:?} (IPv4), type {kind:?} (TCP)",
        "已创建 socket：地址族 {family:?}（IPv4），类型 {kind:?}（TCP）"
    );

    // Its handle differs by platform, hence the `cfg`.
    #[cfg(unix)]
    {
        let fd = server.as_raw_fd();
        say!(
            "the operating system knows it as file descriptor {fd}",
            "操作系统用文件描述符 {fd} 来标识它"
        );
    }
    #[cfg(windows)]
    {
        let socket = server.as_raw_socket();
        say!(
            "the operating system knows it as SOCKET {socket}",
            "操作系统用 SOCKET 句柄 {socket} 来标识它"
        );
    }

    // Not bound yet: Linux and macOS report the address 0.0.0.0:0, Windows an error.
    match server.local_addr().ok().and_then(|addr| addr.as_socket()) {
        Some(addr) => say!(
            "not bound yet: its local address is {addr} (no IP, no port), so no client can reach it; step 2 binds it",
            "尚未绑定：它的本地地址是 {addr}（既没有 IP，也没有端口），客户端还无法连接它；第 2 步会为它绑定地址"
        ),
        None => say!(
            "not bound yet: it has no local address, so no client can reach it; step 2 binds it",
            "尚未绑定：它还没有本地地址，客户端还无法连接它；第 2 步会为它绑定地址"
        ),
    }

    // Dropping `server` closes it (close(2)); step 7 shows closing in detail.
    say!(
        "the program ends here, and the operating system closes the socket",
        "程序到此结束，操作系统会关闭这个 socket"
    );
    // End of the new part.
    Ok(())
}
