//! Pitfall — "connection refused" on UDP, which has no connection: an ICMP message.
//!
//! A datagram sent to a port where nothing listens is answered by the other kernel
//! with an ICMP "port unreachable". `sendto` has already succeeded; the ICMP arrives
//! later. On Linux only a *connected* UDP socket reports it, as `ConnectionRefused` on
//! its next receive; an unconnected one never hears of it, and a receive just waits.
//! On Windows the next receive fails with `ConnectionReset` (10054), connected or not:
//! a UDP server that replied to a client gone since must not end its loop on that.
//!
//! Run it (one program, on free ports of 127.0.0.1):
//!
//! ```text
//! cargo run --example pitfall_udp_refused              # the mistake: an unconnected socket waits
//! cargo run --example pitfall_udp_refused -- --fixed   # the fix: connect(), then the error comes
//! ```
//!
//! Lesson: docs/en/pitfall_udp_refused.md, 中文 docs/zh/pitfall_udp_refused.md.

use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::text::pitfalls;
use socket_workbook::{Cli, Failed, outln, report, say};

/// How long the demo waits for a reply that cannot come.
const WAIT: Duration = Duration::from_secs(1);

fn main() -> ExitCode {
    let args = Cli::new("pitfall_udp_refused")
        .arg(
            Arg::new(id::FIXED)
                .long("fixed")
                .action(ArgAction::SetTrue)
                .help(pitfalls::help_fixed()),
        )
        .parse();
    report(run(args.fixed()))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    outln!("{}", pitfalls::mode(fixed));
    let here = SocketAddr::from(([127, 0, 0, 1], 0));
    // A port where nothing listens: bound, asked for its address, closed.
    let nobody = UdpSocket::bind(here).with_context(|| Failed::Bind(here))?;
    let to = nobody.local_addr().context(Failed::Query)?;
    drop(nobody);

    let client = UdpSocket::bind(here).with_context(|| Failed::Bind(here))?;
    client.set_read_timeout(Some(WAIT)).context(Failed::Query)?;
    if fixed {
        // The fix: connect() a UDP socket. No packet is sent; the socket now takes
        // datagrams from `to` only, and hears of its ICMP errors.
        client.connect(to).with_context(|| Failed::Connect(to))?;
        client.send(b"hello").with_context(|| Failed::Send(to))?;
    } else {
        client
            .send_to(b"hello", to)
            .with_context(|| Failed::Send(to))?;
    }
    say!(
        "sent \"hello\" to {to}, where nothing listens: sendto succeeded",
        "已向 {to} 发送 \"hello\"（那里没有程序在监听）：sendto 成功了"
    );

    let mut buffer = [0u8; 1024];
    let received = if fixed {
        client.recv(&mut buffer)
    } else {
        client.recv_from(&mut buffer).map(|(n, _)| n)
    };
    match received {
        Ok(n) => say!("received {n} bytes, unexpectedly", "意外地收到了 {n} 字节"),
        // Linux and macOS, connected: the ICMP "port unreachable" as an error.
        Err(error) if error.kind() == ErrorKind::ConnectionRefused => say!(
            "the next receive failed at once: ConnectionRefused, the ICMP \"port unreachable\" for {to}",
            "下一次接收立即失败：ConnectionRefused，也就是 {to} 返回的 ICMP“端口不可达”"
        ),
        // Windows, connected or not: WSAECONNRESET (10054). A server loop goes on.
        Err(error) if error.kind() == ErrorKind::ConnectionReset => say!(
            "the next receive failed at once: ConnectionReset (Windows's word for the ICMP \"port unreachable\")",
            "下一次接收立即失败：ConnectionReset（Windows 用它表示 ICMP“端口不可达”）"
        ),
        Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => say!(
            "nothing came within 1 s, and no error: an unconnected socket never hears of the ICMP",
            "1 秒内什么也没收到，也没有报错：未连接的 socket 永远不会知道那个 ICMP"
        ),
        Err(error) => return Err(error).with_context(|| Failed::Recv(to)),
    }
    Ok(())
}
