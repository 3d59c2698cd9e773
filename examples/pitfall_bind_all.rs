//! Pitfall — `0.0.0.0` is every address of this computer, not "this computer only".
//!
//! A server bound to `0.0.0.0` answers on every network this computer is on: anyone
//! who can reach its Wi-Fi or LAN address can connect, and Windows and macOS ask
//! whether to let it through the firewall. A server bound to `127.0.0.1` answers on
//! loopback only, which no other computer can reach. The demo binds one or the other
//! and knocks on each address it can find here: `127.0.0.1`, `127.0.0.2`, and the
//! address this computer uses towards the network. The step servers warn when they are
//! given `0.0.0.0`.
//!
//! `127.0.0.2` shows the lesson without leaving loopback: a server on `0.0.0.0` answers
//! there, one on `127.0.0.1` does not. On Linux and Windows every `127.x.x.x` is this
//! computer (Windows takes a refused connection for about 2 s of retries, so the
//! demo's short knock reads "no answer" there). macOS puts only `127.0.0.1` on `lo0`
//! by default: `127.0.0.2` reaches nothing there, whichever the bind, until
//! `sudo ifconfig lo0 alias 127.0.0.2` adds it.
//!
//! The knock on the network address is for a person: it happens when stdout is a
//! terminal, or with `--network`. Piped (as under `cargo test` and CI), the demo stays
//! on loopback and says so: a test sends nothing towards a network.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_bind_all               # bind 0.0.0.0 (a firewall may ask)
//! cargo run --example pitfall_bind_all -- --fixed    # bind 127.0.0.1
//! ```
//!
//! Lesson: step 2 (`socket_server.bind(('127.0.0.1', 8888))`); docs/en/pitfall_bind_all.md,
//! docs/zh/pitfall_bind_all.md; README, "Pitfalls lab".

use std::io::{ErrorKind, IsTerminal};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream, UdpSocket};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say};
use socket2::{Domain, Protocol, Socket, Type};

/// How long each knock waits for an answer. On loopback an answer, or a refusal, comes
/// well within a millisecond; only an address that nothing answers waits (and Windows,
/// which retries a refused connection for about 2 s).
const CONNECT_TIMEOUT: Duration = Duration::from_millis(300);

fn main() -> ExitCode {
    let args = Cli::new("pitfall_bind_all")
        .arg(
            Arg::new(id::FIXED)
                .long("fixed")
                .action(ArgAction::SetTrue)
                .help(pitfalls::help_fixed()),
        )
        .arg(
            Arg::new("network")
                .long("network")
                .action(ArgAction::SetTrue)
                .help(socket_workbook::words!(
                    "also knock on this computer's network address (the default when stdout is a terminal)",
                    "也去敲本机的网络地址（标准输出是终端时默认如此）"
                )),
        )
        .parse();
    let network = args.matches.get_flag("network") || std::io::stdout().is_terminal();
    report(run(args.fixed(), network))
}

fn run(fixed: bool, network: bool) -> anyhow::Result<()> {
    outln!("{}", pitfalls::mode(fixed));

    // New in this lesson: bind `0.0.0.0`, or `127.0.0.1` (the fix).
    // Steps 1 to 3: socket, bind, listen, on a free port of 0.0.0.0 (every address)
    // or of 127.0.0.1 (loopback only).
    let ip = if fixed {
        Ipv4Addr::LOCALHOST
    } else {
        Ipv4Addr::UNSPECIFIED
    };
    let addr = SocketAddr::from((ip, 0));
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    server.listen(8).with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));
    // End of the new part.

    // The addresses to knock on.
    let mut targets = vec![Ipv4Addr::LOCALHOST, Ipv4Addr::new(127, 0, 0, 2)];
    if !network {
        say!(
            "not knocking on this computer's network address: stdout is not a terminal (--network does); `127.0.0.2` shows the same on loopback",
            "不去敲本机的网络地址：标准输出不是终端（--network 会去敲）；`127.0.0.2` 在回环地址上演示同样的事"
        );
    }
    match network.then(network_address).flatten() {
        Some(IpAddr::V4(network)) if !network.is_loopback() => {
            say!(
                "this computer's address towards the network: `{network}`",
                "本机面向网络的地址：`{network}`"
            );
            targets.push(network);
        }
        _ if !network => {}
        _ => say!(
            "this computer has no network address besides loopback right now",
            "本机目前除了回环地址以外没有别的网络地址"
        ),
    }

    for target in targets {
        let target = SocketAddr::from((target, local.port()));
        match TcpStream::connect_timeout(&target, CONNECT_TIMEOUT) {
            Ok(_) => say!("`{target}`: answered", "`{target}`：有回应"),
            Err(error) if error.kind() == ErrorKind::ConnectionRefused => {
                say!(
                    "`{target}`: refused (the server does not listen on this address)",
                    "`{target}`：被拒绝（服务端没有在这个地址上监听）"
                );
            }
            Err(error) if matches!(error.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
                let ms = CONNECT_TIMEOUT.as_millis();
                say!(
                    "`{target}`: no answer within {ms} ms (no server reachable there)",
                    "`{target}`：{ms} 毫秒内没有回应（那里没有可以连上的服务端）"
                );
            }
            Err(error) => {
                let kind = format!("{:?}", error.kind());
                say!(
                    "`{target}`: cannot be reached ({kind})",
                    "`{target}`：无法到达（{kind}）"
                );
            }
        }
    }
    if fixed {
        say!(
            "`127.0.0.1` answers on loopback only: no other computer can reach it, and no firewall asks; bind `0.0.0.0` (or one network address) only when other computers must connect",
            "`127.0.0.1` 只在回环地址上回应：其他电脑无法访问它，防火墙也不会询问；只有确实需要让其他电脑连接时，才绑定 `0.0.0.0`（或某一个网络地址）"
        );
    } else {
        say!(
            "`0.0.0.0` answers on every address of this computer, including the one that other computers on the network reach, and Windows and macOS ask whether to let it through the firewall; bind `127.0.0.1` unless other computers must connect (--fixed)",
            "`0.0.0.0` 在本机的每个地址上都会回应，包括网络上其他电脑能访问到的那个地址，Windows 和 macOS 还会询问是否允许它通过防火墙；除非确实需要让其他电脑连接，否则请绑定 `127.0.0.1`（--fixed）"
        );
    }
    Ok(())
}

/// The address this computer uses towards the network, if it is on one. Connecting a
/// UDP socket sends nothing: it only asks the system which route, and so which own
/// address, it would use. 198.51.100.1 is an address reserved for documentation
/// (RFC 5737), never a real host.
fn network_address() -> Option<IpAddr> {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    probe.connect((Ipv4Addr::new(198, 51, 100, 1), 9)).ok()?;
    Some(probe.local_addr().ok()?.ip())
}
