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
#![forbid(unsafe_code)]

#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(windows)]
use std::os::windows::io::AsRawSocket;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Cli, Failed, report, text};
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
    println!(
        "{}",
        text::created(&format!("{:?}", Domain::IPV4), &format!("{kind:?}"))
    );

    // Its handle differs by platform, hence the `cfg`.
    #[cfg(unix)]
    println!("{}", text::handle_fd(server.as_raw_fd()));
    #[cfg(windows)]
    println!("{}", text::handle_windows(server.as_raw_socket()));

    // Not bound yet: Linux and macOS report the address 0.0.0.0:0, Windows an error.
    match server.local_addr().ok().and_then(|addr| addr.as_socket()) {
        Some(addr) => println!("{}", text::unbound_with_address(addr)),
        None => println!("{}", text::unbound_without_address()),
    }

    // Dropping `server` closes it (close(2)); step 7 shows closing in detail.
    println!("{}", text::closed_at_exit());
    // End of the new part.
    Ok(())
}
