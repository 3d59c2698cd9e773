//! Pitfall — `localhost` is a name, and it may mean `::1` (IPv6) before `127.0.0.1`.
//!
//! The lesson binds `("localhost", 8888)` with an IPv4 socket, that is
//! `127.0.0.1:8888`. A client that looks `localhost` up may get `::1` first (Windows
//! and macOS usually list it first, many Linux systems too) and, if it tries only that
//! address, it knocks at the IPv6 door where nothing listens: "connection refused",
//! although the server runs. The demo shows what this computer resolves `localhost`
//! to, then a server on `127.0.0.1` and a client at `[::1]`. The fix: bind the literal
//! address you mean, and give clients that same literal (or a client that tries every
//! address a name resolves to, as Rust's `TcpStream::connect` and Python's
//! `socket.create_connection` do).
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_localhost               # the mistake
//! cargo run --example pitfall_localhost -- --fixed    # the fix
//! ```
//!
//! Lesson: step 2, 示例2 (`socket_server.bind(("localhost", 8888))`);
//! docs/en/pitfall_localhost.md, docs/zh/pitfall_localhost.md; README, "Pitfalls lab".

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    let args = Cli::new("pitfall_localhost")
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

    // What this computer makes of the name, in the order a client gets the addresses
    // (getaddrinfo(3), which reads the hosts file: /etc/hosts, or
    // C:\Windows\System32\drivers\etc\hosts).
    let resolved: Vec<SocketAddr> = match ("localhost", 0).to_socket_addrs() {
        Ok(addresses) => addresses.collect(),
        Err(error) => {
            let kind = format!("{:?}", error.kind());
            say!(
                "this computer could not resolve `localhost` ({kind})",
                "本机无法解析 `localhost`（{kind}）"
            );
            Vec::new()
        }
    };
    if !resolved.is_empty() {
        let ips: Vec<String> = resolved.iter().map(|addr| addr.ip().to_string()).collect();
        let ips = ips.join(", ");
        say!(
            "this computer resolves `localhost` to: {ips} (in this order)",
            "本机把 `localhost` 解析为：{ips}（按此顺序）"
        );
    }

    // Can this computer use IPv6 at all? Some (containers, sandboxes) have it off.
    let ipv6 = SocketAddr::from((Ipv6Addr::LOCALHOST, 0));
    let ipv6_works = Socket::new(Domain::IPV6, Type::STREAM, Some(Protocol::TCP))
        .and_then(|probe| probe.bind(&ipv6.into()))
        .is_ok();
    if !ipv6_works {
        say!(
            "IPv6 is not available here: `::1` cannot be bound on this computer",
            "本机无法使用 IPv6：不能绑定 `::1`"
        );
    }

    // The server: IPv4 only, as the lesson's socket.socket() is, on 127.0.0.1.
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    server.listen(1).with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));

    // New in this lesson: the literal address (the fix), or `::1`.
    if fixed {
        // The fix: the client uses the very address the server bound, 127.0.0.1.
        let mut client =
            TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
        client
            .set_read_timeout(Some(DEADLINE))
            .with_context(|| Failed::Recv(local))?;
        say!(
            "the client connected to `{local}`, the very address the server bound",
            "客户端连接上了 `{local}`，正是服务端绑定的那个地址"
        );
        // Step 4, and a message from the server to the client, to show that the connection
        // is the server's.
        let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        let peer = peer.as_socket().context(Failed::Query)?;
        conn.write_all(b"hello\n")
            .with_context(|| Failed::Send(peer))?;
        let mut reply = [0u8; 6];
        client
            .read_exact(&mut reply)
            .with_context(|| Failed::Recv(local))?;
        say!(
            "the server accepted `{peer}`, and its message reached the client",
            "服务端接受了 `{peer}` 的连接，它发出的消息也到达了客户端"
        );
        say!(
            "bind the literal address you mean (127.0.0.1, not localhost) and connect to that same literal; a client that must use a name should try every address it resolves to, as Rust's TcpStream::connect and Python's socket.create_connection do",
            "绑定你想要的具体地址（写 127.0.0.1，而不是 localhost），客户端也连接同一个地址；如果客户端必须使用主机名，就应当依次尝试它解析出的每个地址，Rust 的 TcpStream::connect 和 Python 的 socket.create_connection 就是这样做的"
        );
        return Ok(());
    }

    // The mistake: a client at the same port, but on the other family's loopback, ::1.
    let other = SocketAddr::from((Ipv6Addr::LOCALHOST, local.port()));
    match TcpStream::connect_timeout(&other, DEADLINE) {
        Err(error) if error.kind() == ErrorKind::ConnectionRefused => {
            say!(
                "a client at `{other}` is refused (ConnectionRefused): the server listens on IPv4 `{local}`, and nothing listens on IPv6 `::1`",
                "连接 `{other}` 的客户端被拒绝了（ConnectionRefused）：服务端监听的是 IPv4 的 `{local}`，而 IPv6 的 `::1` 上没有任何程序在监听"
            );
        }
        // No IPv6 here: the client fails another way, but it fails all the same.
        Err(error) => {
            let kind = format!("{:?}", error.kind());
            say!(
                "a client at `{other}` fails ({kind}): it does not reach the server either",
                "连接 `{other}` 的客户端失败了（{kind}）：它同样到不了服务端"
            );
        }
        // Another program listens there: the client reached it, not our server.
        Ok(_) => say!(
            "a client at `{other}` connected, but to another program that listens there, not to this server",
            "连接 `{other}` 的客户端连上了，但连到的是在那里监听的另一个程序，而不是这个服务端"
        ),
    }
    // End of the new part.

    // A client that takes the name's first address only, as many do.
    if let Some(first) = resolved.first() {
        let first = SocketAddr::new(first.ip(), local.port());
        match TcpStream::connect_timeout(&first, DEADLINE) {
            Ok(_) if first == local => say!(
                "a client that takes only the first address of `localhost` uses `{first}` on this computer: here it reaches the server",
                "只取 `localhost` 第一个地址的客户端，在本机会使用 `{first}`：在这里它能连上服务端"
            ),
            Ok(_) => say!(
                "a client at `{first}` connected, but to another program that listens there, not to this server",
                "连接 `{first}` 的客户端连上了，但连到的是在那里监听的另一个程序，而不是这个服务端"
            ),
            Err(error) => {
                let kind = format!("{:?}", error.kind());
                say!(
                    "a client that takes only the first address of `localhost` uses `{first}` on this computer, and fails ({kind})",
                    "只取 `localhost` 第一个地址的客户端在本机会使用 `{first}`，结果失败了（{kind}）"
                );
            }
        }
    }
    say!(
        "where `localhost` means `::1` first (usually on Windows and macOS, on many Linux systems too), such a client is refused although the server runs; bind the address you mean and give clients that same address (--fixed)",
        "在 `localhost` 首先解析为 `::1` 的电脑上（Windows 和 macOS 通常如此，很多 Linux 系统也是），这样的客户端会被拒绝，尽管服务端正在运行；请绑定你想要的具体地址，并让客户端连接同一个地址（--fixed）"
    );
    Ok(())
}
