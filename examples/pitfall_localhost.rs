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
use std::net::{Ipv6Addr, SocketAddr, TcpStream};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::pitfall::{self, DEADLINE};
use socket_workbook::{Failed, report, say};

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_localhost").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // What this computer makes of the name, and whether it has IPv6 (src/pitfall.rs).
    let resolved = pitfall::resolve_localhost();
    // Steps 1 to 3: IPv4 only, as the lesson's socket.socket() is, on 127.0.0.1.
    let (server, local) = pitfall::listen()?;

    // New in this lesson: the literal address (the fix), or `::1`.
    if fixed {
        // The fix: the client uses the very address the server bound, 127.0.0.1.
        let (mut client, mut conn, peer) =
            pitfall::connect_own(&server, local, pitfall::client_socket()?)?;
        say!(
            "the client connected to `{local}`, the very address the server bound",
            "客户端连接上了 `{local}`，正是服务端绑定的那个地址"
        );
        // Step 4 for our own client only, and a message that shows the connection is ours.
        conn.write_all(b"hello\n")
            .with_context(|| Failed::Send(peer))?;
        client
            .read_exact(&mut [0u8; 6])
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
    // The mistake: a client at the same port, but on the other family's loopback, ::1,
    // and one that takes the name's first address only, as many do.
    let other = SocketAddr::from((Ipv6Addr::LOCALHOST, local.port()));
    let first = resolved
        .first()
        .map(|first| SocketAddr::new(first.ip(), local.port()));
    for target in std::iter::once(other).chain(first) {
        match TcpStream::connect_timeout(&target, DEADLINE).map_err(|error| error.kind()) {
            Ok(_) if target == local => say!(
                "a client that takes only the first address of `localhost` uses `{target}` on this computer: here it reaches the server",
                "只取 `localhost` 第一个地址的客户端，在本机会使用 `{target}`：在这里它能连上服务端"
            ),
            Ok(_) => say!(
                "a client at `{target}` connected, but to another program that listens there, not to this server",
                "连接 `{target}` 的客户端连上了，但连到的是在那里监听的另一个程序，而不是这个服务端"
            ),
            Err(ErrorKind::ConnectionRefused) if target == other => say!(
                "a client at `{other}` is refused (ConnectionRefused): the server listens on IPv4 `{local}`, and nothing listens on IPv6 `::1`",
                "连接 `{other}` 的客户端被拒绝了（ConnectionRefused）：服务端监听的是 IPv4 的 `{local}`，而 IPv6 的 `::1` 上没有任何程序在监听"
            ),
            // No IPv6 here: the client fails another way, but it fails all the same.
            Err(kind) if target == other => say!(
                "a client at `{other}` fails ({kind:?}): it does not reach the server either",
                "连接 `{other}` 的客户端失败了（{kind:?}）：它同样到不了服务端"
            ),
            Err(kind) => say!(
                "a client that takes only the first address of `localhost` uses `{target}` on this computer, and fails ({kind:?})",
                "只取 `localhost` 第一个地址的客户端在本机会使用 `{target}`，结果失败了（{kind:?}）"
            ),
        }
    }
    // End of the new part.
    say!(
        "where `localhost` means `::1` first (usually on Windows and macOS, on many Linux systems too), such a client is refused although the server runs; bind the address you mean and give clients that same address (--fixed)",
        "在 `localhost` 首先解析为 `::1` 的电脑上（Windows 和 macOS 通常如此，很多 Linux 系统也是），这样的客户端会被拒绝，尽管服务端正在运行；请绑定你想要的具体地址，并让客户端连接同一个地址（--fixed）"
    );
    Ok(())
}
