//! Pitfall — a datagram larger than the receive buffer is cut (Linux, macOS) or lost
//! with an error (Windows).
//!
//! One `recvfrom(1024)`, the lesson's buffer, takes one whole datagram. A datagram of
//! 2000 bytes does not fit: Linux and macOS return its first 1024 bytes and drop the
//! rest, silently; Windows fails the receive with WSAEMSGSIZE (10040), and the
//! datagram and its sender are lost. The next `recvfrom` gets the next datagram, never
//! the rest. The fix: a buffer for the largest datagram, 65,507 bytes over IPv4.
//!
//! Run it (one program plays both sides, on free ports of 127.0.0.1):
//!
//! ```text
//! cargo run --example pitfall_udp_truncate              # the mistake: 1024 bytes
//! cargo run --example pitfall_udp_truncate -- --fixed   # the fix: 65,507 bytes
//! ```
//!
//! Lesson: docs/en/pitfall_udp_truncate.md, 中文 docs/zh/pitfall_udp_truncate.md.

use std::net::UdpSocket;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::text::pitfalls;
use socket_workbook::{Cli, Failed, outln, report, say};

/// The datagram the demo sends: 2000 bytes, `0123456789` over and over.
const SENT: usize = 2000;

/// The largest datagram over IPv4: 65,535 minus the IP header (20) and the UDP one (8).
const LARGEST: usize = 65_507;

fn main() -> ExitCode {
    let args = Cli::new("pitfall_udp_truncate")
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
    let here = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let server = UdpSocket::bind(here).with_context(|| Failed::Bind(here))?;
    let client = UdpSocket::bind(here).with_context(|| Failed::Bind(here))?;
    let to = server.local_addr().context(Failed::Query)?;
    // A deadline, so that a lost datagram cannot hold the demo.
    let wait = Some(std::time::Duration::from_secs(5));
    server.set_read_timeout(wait).context(Failed::Query)?;

    let datagram: Vec<u8> = (0..SENT).map(|i| b'0' + (i % 10) as u8).collect();
    client
        .send_to(&datagram, to)
        .with_context(|| Failed::Send(to))?;
    client
        .send_to(b"next", to)
        .with_context(|| Failed::Send(to))?;
    say!(
        "sent a datagram of {SENT} bytes, then one of 4",
        "发送了一个 {SENT} 字节的数据报，然后又发送了一个 4 字节的"
    );

    // The mistake: the lesson's recvfrom(1024). The fix: room for the largest datagram.
    let mut buffer = vec![0u8; if fixed { LARGEST } else { 1024 }];
    let size = buffer.len();
    for _ in 0..2 {
        match server.recv_from(&mut buffer) {
            Ok((n, from)) => {
                let head = String::from_utf8_lossy(&buffer[..n.min(12)]);
                say!(
                    "recvfrom({size}) returned {n} bytes from {from}, starting {head:?}",
                    "recvfrom({size}) 从 {from} 收到 {n} 字节，开头是 {head:?}"
                );
            }
            // Windows: WSAEMSGSIZE (10040), which std does not name (rust-lang/rust#55794):
            // ErrorKind::Uncategorized; the datagram is gone, and so is its sender.
            #[cfg(windows)]
            Err(error) if error.raw_os_error() == Some(10040) => say!(
                "recvfrom({size}) failed: the datagram was larger than the buffer and is lost (WSAEMSGSIZE)",
                "recvfrom({size}) 失败：数据报比缓冲区大，已经丢失（WSAEMSGSIZE）"
            ),
            Err(error) => return Err(error).with_context(|| Failed::Recv(to)),
        }
    }
    if fixed {
        say!(
            "the whole datagram arrived: the buffer holds the largest one",
            "整个数据报都收到了：缓冲区能装下最大的数据报"
        );
    } else {
        say!(
            "the rest of the datagram is gone: no later recvfrom returns it",
            "数据报剩下的部分丢了：之后的 recvfrom 也不会再返回它"
        );
    }
    Ok(())
}
