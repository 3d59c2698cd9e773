//! Step 2 — `bind()`: give the socket an address, an IP and a port.
//!
//! Binding claims a port on one of this computer's addresses: `127.0.0.1` (only this
//! computer can connect) and 8888 in the lesson. Port 0 asks the operating system for
//! any free port; `local_addr()` tells which one it chose. Only one socket may be
//! bound to an address at a time, so a second run while the first still holds the
//! port fails with "address in use".
//!
//! Run it:
//!
//! ```text
//! cargo run --example step2_bind                 # the lesson's 127.0.0.1:8888
//! cargo run --example step2_bind -- 127.0.0.1:0  # any free port
//! ```
//!
//! Lesson: step 2 of the socket lesson (绑定socket_server到指定IP和端口);
//! docs/en/step2_bind.md, 中文 docs/zh/step2_bind.md.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::local_addr;
use socket_workbook::{Cli, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::new("step2_bind").address().parse();
    report(run(args.addr))
}

fn run(addr: SocketAddr) -> anyhow::Result<()> {
    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // New in this step: bind(2).
    // Python: socket_server.bind(('127.0.0.1', 8888))
    // Pitfalls of the address: pitfall_bind_all (0.0.0.0), pitfall_localhost (::1).
    // On Linux and macOS, SO_REUSEADDR lets a server bind its port again at once while
    // the last run's connections wait out TIME_WAIT (pitfall_time_wait). Not on Windows:
    // there it lets a second program bind our very port; the quick restart works anyway.
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    // std: `TcpListener::bind` sets SO_REUSEADDR the same way on Unix.

    // The address the socket really has: with port 0, the port the system chose.
    let bound = local_addr(&server)?;
    say!("bound to {bound}", "已绑定到 {bound}");
    if addr.port() == 0 {
        let port = bound.port();
        say!(
            "you asked for port 0, so the operating system chose port {port}",
            "你指定的是端口 0，所以由操作系统自动选择了端口 {port}"
        );
    }
    say!(
        "not listening yet: a client that connects now is refused (step 3 listens)",
        "还没有开始监听：客户端现在来连接会被拒绝（第 3 步才开始监听）"
    );
    // End of the new part.
    Ok(())
}
