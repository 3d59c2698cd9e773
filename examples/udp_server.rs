//! UDP server — `recvfrom()` and `sendto()`: datagrams, and no connection.
//!
//! netAssist's third mode. What stays the same as TCP: `socket()` (of another type),
//! `bind()`, bytes decoded as UTF-8, the `exit` word. What does not: no `listen()`, no
//! `accept()`, no connection and no end of stream; each `recvfrom` returns one whole
//! datagram and its sender, and each reply names the address it goes to. A datagram
//! may be lost, duplicated or reordered, and nothing says so.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example udp_server
//! terminal 2: cargo run --example udp_client, or netAssist in UDP mode with its
//!             本地端口号 moved from 8888 (which this server holds) to 8889
//! ```
//!
//! Lesson: docs/en/udp_server.md, 中文 docs/zh/udp_server.md.

use std::io::ErrorKind;
use std::net::UdpSocket;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::typed_line;
use socket_workbook::message::{is_exit, show};
use socket_workbook::{Args, Cli, Failed, outln, prompt, report, say, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::new("udp_server").address().parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

    // Step 1: socket, of the datagram type.
    // Python: socket_server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    let socket =
        Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).context(Failed::Create)?;
    // Step 2: bind, as for TCP.
    // Python: socket_server.bind(('127.0.0.1', 8888))
    socket
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    // std's UdpSocket takes a plain byte buffer for recv_from.
    let server: UdpSocket = socket.into();
    let local = server.local_addr().context(Failed::Query)?;
    // No listen(), no accept(): datagrams can arrive from now on, from anyone.
    outln!("{}", text::listening_on(local));

    // New in this lesson: recvfrom(2) and sendto(2), one datagram each.
    let mut buffer = [0u8; 1024];
    loop {
        // Python: data, address = socket_server.recvfrom(1024)
        // One whole datagram and its sender; a longer one is cut to the buffer on Linux
        // and fails on Windows (pitfall_udp_truncate). 0 bytes is an empty datagram, not
        // an end: UDP has no end of stream.
        let (n, peer) = match server.recv_from(&mut buffer) {
            Ok(got) => got,
            // Windows: the ICMP "port unreachable" of an earlier reply fails the next
            // receive with ConnectionReset (10054); the loop must not end on it
            // (pitfall_udp_refused). Linux does not report it here.
            Err(error) if error.kind() == ErrorKind::ConnectionReset => continue,
            Err(error) => return Err(error).with_context(|| Failed::Recv(local)),
        };
        let shown = show(&buffer[..n]);
        say!(
            "received from {peer}: {shown}",
            "收到来自 {peer} 的数据：{shown}"
        );
        // Python: if data.decode("UTF-8") == 'exit': break
        if is_exit(&String::from_utf8_lossy(&buffer[..n])) {
            say!("{peer} sent exit: stopping", "{peer} 发送了 exit：停止");
            break;
        }
        // Python: msg = input("请输入回复消息: ")
        prompt!("type a reply: ", "请输入回复消息: ");
        let Some(reply) = typed_line()? else {
            say!("stdin closed: stopping", "标准输入已关闭：停止");
            break;
        };
        // Python: socket_server.sendto(msg.encode("UTF-8"), address)
        // The reply goes to the address the datagram came from: there is no connection.
        server
            .send_to(reply.as_bytes(), peer)
            .with_context(|| Failed::Send(peer))?;
        let shown = show(reply.as_bytes());
        say!("sent to {peer}: {shown}", "已发送给 {peer}：{shown}");
    }
    // End of the new part.

    // Step 7: close; no connection to shut down first.
    // Python: socket_server.close()
    drop(server);
    say!("closed the socket", "已关闭 socket");
    Ok(())
}
