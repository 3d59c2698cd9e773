//! UDP client — `sendto()` and `recvfrom()`: each line you type is one datagram.
//!
//! No `connect()` is needed: each datagram names the server's address. The client binds
//! 127.0.0.1 at a port the system chooses and prints it, since netAssist in UDP mode
//! replies only to its 远程IP and 端口号 fields: put this address there. A reply that
//! does not come within `--timeout` is said on stderr, and the client goes on: UDP
//! never says whether a datagram arrived.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example udp_server           (or netAssist, UDP, 本地端口号 8888)
//! terminal 2: cargo run --example udp_client, then type hello; reply in terminal 1
//! ```
//!
//! Lesson: docs/en/udp_client.md, 中文 docs/zh/udp_client.md.

use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::connect::{self, timed_out, typed_line};
use socket_workbook::message::{is_exit, show};
use socket_workbook::{Args, Failed, prompt, report, say, warn};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = connect::cli("udp_client").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let (server, timeout) = (args.addr, connect::timeout(args));

    // Step 1: socket, of the datagram type.
    // Python: socket_client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    let socket =
        Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).context(Failed::Create)?;
    // A port of our own now, so that we can say it before the first datagram.
    let any = SocketAddr::from(([127, 0, 0, 1], 0));
    socket
        .bind(&any.into())
        .with_context(|| Failed::Bind(any))?;
    let client: UdpSocket = socket.into();
    client
        .set_read_timeout(Some(timeout))
        .context(Failed::Query)?;
    let local = client.local_addr().context(Failed::Query)?;
    say!(
        "my address is {local}: replies come to it (in netAssist: 远程IP and 端口号)",
        "本机地址是 {local}：回复要发到这里（在 netAssist 中填入 远程IP 和 端口号）"
    );

    let mut buffer = [0u8; 1024];
    loop {
        // Python: msg = input("请输入要发送的消息：")
        prompt!("message to send: ", "请输入要发送的消息：");
        let Some(msg) = typed_line()? else { break };
        // New in this lesson: sendto(2), then recvfrom(2).
        // Python: socket_client.sendto(msg.encode("UTF-8"), ('127.0.0.1', 8888))
        // It succeeds whether or not anything listens there: a datagram is sent, not
        // delivered (pitfall_udp_refused).
        client
            .send_to(msg.as_bytes(), server)
            .with_context(|| Failed::Send(server))?;
        let shown = show(msg.as_bytes());
        say!("sent to {server}: {shown}", "已发送给 {server}：{shown}");
        if is_exit(&msg) {
            break;
        }
        // Python: data, address = socket_client.recvfrom(1024)
        match client.recv_from(&mut buffer) {
            Ok((n, from)) => {
                let shown = show(&buffer[..n]);
                say!(
                    "received from {from}: {shown}",
                    "收到来自 {from} 的数据：{shown}"
                );
            }
            // A lost datagram, a lost reply, or no server: UDP cannot tell them apart.
            // Windows also reports an ICMP "port unreachable" here, as ConnectionReset.
            Err(error)
                if timed_out(&error) || error.kind() == std::io::ErrorKind::ConnectionReset =>
            {
                let seconds = timeout.as_secs();
                warn!(
                    "no reply from {server} within {seconds} s: the datagram or its reply was lost, or no server is there (netAssist replies only to its 远程IP and 端口号)",
                    "{seconds} 秒内没有收到 {server} 的回复：数据报或回复丢失了，或者那里没有服务端（netAssist 只回复到它的 远程IP 和 端口号）"
                );
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(server)),
        }
        // End of the new part.
    }
    // Python: socket_client.close()
    Ok(())
}
