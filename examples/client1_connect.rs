//! Client step 1 — `connect()`: connect to the server.
//!
//! The other half of the lesson: Socket客户端 "主动连接服务端". The client creates a
//! socket as the server did, then connects it to the server's address: the kernel
//! sends a SYN, and the server's kernel answers (it listens), refuses (nothing listens:
//! `ConnectionRefused`), or never answers (this client gives up after `--timeout`).
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example example2_server      (or netAssist, TCP Server, its defaults)
//! terminal 2: cargo run --example client1_connect
//! ```
//!
//! Lesson: docs/en/client1_connect.md, 中文 docs/zh/client1_connect.md.

use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, addr_of, connect_failed};
use socket_workbook::{Args, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = connect::cli("client1_connect").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let (server, timeout) = (args.addr, connect::timeout(args));

    // Client step 1: socket, as the server's step 1.
    // Python: socket_client = socket.socket()
    let client =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // New in this step: connect(2).
    // Python: socket_client.connect(('127.0.0.1', 8888))
    // The kernel gives the socket a free port of its own, sends a SYN and waits for
    // the server's kernel: accept() is not needed for this, listen() is. Nothing
    // listening: refused at once (Linux, macOS) or after about 2 s (Windows). No
    // answer at all: the deadline, instead of about 2 minutes.
    client
        .connect_timeout(&server.into(), timeout)
        .map_err(|error| connect_failed(error, server, timeout))?;
    let local = addr_of(client.local_addr())?;
    say!(
        "connected to {server} from {local}",
        "已连接到 {server}，本机地址 {local}"
    );
    // End of the new part.

    // The program ends here, and the operating system closes the socket (client
    // step 4 closes it itself).
    say!(
        "the program ends, and the operating system closes the connection",
        "程序结束，操作系统会关闭这个连接"
    );
    Ok(())
}
