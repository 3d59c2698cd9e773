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

use clap::{Arg, ArgAction};
use socket_workbook::{pitfall, report, say, words};

/// How long a knock waits: on loopback an answer comes in well under 1 ms (Windows retries a refusal).
const CONNECT_TIMEOUT: Duration = Duration::from_millis(300);

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_bind_all")
        .arg(Arg::new("network").long("network").action(ArgAction::SetTrue).help(words!(
            "also knock on this computer's network address (the default when stdout is a terminal)",
            "也去敲本机的网络地址（标准输出是终端时默认如此）"
        )))
        .parse();
    let network = args.matches.get_flag("network") || std::io::stdout().is_terminal();
    report(run(pitfall::mode(&args), network))
}

fn run(fixed: bool, network: bool) -> anyhow::Result<()> {
    // New in this lesson: bind `0.0.0.0` (every address), or `127.0.0.1` (the fix:
    // loopback only). Steps 1 to 3 on a free port of it (src/pitfall.rs).
    let ip = if fixed {
        Ipv4Addr::LOCALHOST
    } else {
        Ipv4Addr::UNSPECIFIED
    };
    let (_server, local) = pitfall::listen_on(SocketAddr::from((ip, 0)), 8)?;
    // End of the new part.

    // The addresses to knock on: loopback, another loopback address, and the network's.
    let mut targets = vec![Ipv4Addr::LOCALHOST, Ipv4Addr::new(127, 0, 0, 2)];
    match network.then(network_address).flatten() {
        _ if !network => say!(
            "not knocking on this computer's network address: stdout is not a terminal (--network does); `127.0.0.2` shows the same on loopback",
            "不去敲本机的网络地址：标准输出不是终端（--network 会去敲）；`127.0.0.2` 在回环地址上演示同样的事"
        ),
        Some(IpAddr::V4(network)) if !network.is_loopback() => {
            say!(
                "this computer's address towards the network: `{network}`",
                "本机面向网络的地址：`{network}`"
            );
            targets.push(network);
        }
        _ => say!(
            "this computer has no network address besides loopback right now",
            "本机目前除了回环地址以外没有别的网络地址"
        ),
    }
    for target in targets {
        let target = SocketAddr::from((target, local.port()));
        let ms = CONNECT_TIMEOUT.as_millis();
        match TcpStream::connect_timeout(&target, CONNECT_TIMEOUT).map_err(|error| error.kind()) {
            Ok(_) => say!("`{target}`: answered", "`{target}`：有回应"),
            Err(ErrorKind::ConnectionRefused) => say!(
                "`{target}`: refused (the server does not listen on this address)",
                "`{target}`：被拒绝（服务端没有在这个地址上监听）"
            ),
            Err(ErrorKind::TimedOut | ErrorKind::WouldBlock) => say!(
                "`{target}`: no answer within {ms} ms (no server reachable there)",
                "`{target}`：{ms} 毫秒内没有回应（那里没有可以连上的服务端）"
            ),
            Err(kind) => say!(
                "`{target}`: cannot be reached ({kind:?})",
                "`{target}`：无法到达（{kind:?}）"
            ),
        }
    }
    match fixed {
        true => say!(
            "`127.0.0.1` answers on loopback only: no other computer can reach it, and no firewall asks; bind `0.0.0.0` (or one network address) only when other computers must connect",
            "`127.0.0.1` 只在回环地址上回应：其他电脑无法访问它，防火墙也不会询问；只有确实需要让其他电脑连接时，才绑定 `0.0.0.0`（或某一个网络地址）"
        ),
        false => say!(
            "`0.0.0.0` answers on every address of this computer, including the one that other computers on the network reach, and Windows and macOS ask whether to let it through the firewall; bind `127.0.0.1` unless other computers must connect (--fixed)",
            "`0.0.0.0` 在本机的每个地址上都会回应，包括网络上其他电脑能访问到的那个地址，Windows 和 macOS 还会询问是否允许它通过防火墙；除非确实需要让其他电脑连接，否则请绑定 `127.0.0.1`（--fixed）"
        ),
    }
    Ok(())
}

/// This computer's address towards the network, if any: connecting a UDP socket sends
/// nothing, it asks which route (to 198.51.100.1, a documentation address) it would use.
fn network_address() -> Option<IpAddr> {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    probe.connect((Ipv4Addr::new(198, 51, 100, 1), 9)).ok()?;
    Some(probe.local_addr().ok()?.ip())
}
