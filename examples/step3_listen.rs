//! Step 3 — `listen()`: let clients connect.
//!
//! `listen` turns the bound socket into a listening one. From then on the kernel
//! answers clients' handshakes by itself and queues the finished connections (the
//! backlog) until the program takes them with `accept` in step 4, so a client can
//! connect although this program never accepts it.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step3_listen
//! terminal 2: nc 127.0.0.1 8888        (it connects; nothing answers yet)
//! terminal 1: press Enter to stop
//! ```
//!
//! Lesson: step 3 of the socket lesson (服务端开始监听端口); docs/en/step3_listen.md,
//! 中文 docs/zh/step3_listen.md.

use std::io::{self, BufRead};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::steps::local_addr;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("step3_listen").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(args.addr))?;
    server
        .bind(&args.addr.into())
        .with_context(|| Failed::Bind(args.addr))?;

    // New in this step: listen(2).
    // Python: socket_server.listen(1)
    // The backlog (1 in the lesson) bounds the finished handshakes the kernel queues for
    // accept(), not the clients (pitfall_backlog). std's `TcpListener::bind` uses 128.
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(args.addr))?;
    let local = local_addr(&server)?;
    outln!("{}", text::listening_on(local));

    let backlog = args.backlog;
    say!(
        "clients can connect now: the kernel completes their handshakes and queues the connections (backlog {backlog}), although nothing calls accept() yet (step 4 does)",
        "客户端现在已经可以连接：虽然还没有代码调用 accept()（第 4 步才调用），内核会替程序完成握手，并把连接放进队列（backlog 为 {backlog}）"
    );
    say!("press Enter to stop listening", "按回车键停止监听");
    io::stdin()
        .lock()
        .read_until(b'\n', &mut Vec::new())
        .context(Failed::Stdin)?;
    say!("stopped listening", "已停止监听");
    // End of the new part.
    Ok(())
}
