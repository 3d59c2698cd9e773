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
//! Lesson: step 2, 示例2 (`socket_server.bind(("localhost", 8888))`); README,
//! "Pitfalls lab".
#![forbid(unsafe_code)]

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, report};
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
    println!("{}", pitfalls::mode(fixed));

    // What this computer makes of the name, in the order a client gets the addresses
    // (getaddrinfo(3), which reads the hosts file: /etc/hosts, or
    // C:\Windows\System32\drivers\etc\hosts).
    let resolved: Vec<SocketAddr> = match ("localhost", 0).to_socket_addrs() {
        Ok(addresses) => addresses.collect(),
        Err(error) => {
            println!(
                "{}",
                pitfalls::lh_no_resolve(&format!("{:?}", error.kind()))
            );
            Vec::new()
        }
    };
    if !resolved.is_empty() {
        let ips: Vec<String> = resolved.iter().map(|addr| addr.ip().to_string()).collect();
        println!("{}", pitfalls::lh_resolves(&ips.join(", ")));
    }

    // Can this computer use IPv6 at all? Some (containers, sandboxes) have it off.
    let ipv6 = SocketAddr::from((Ipv6Addr::LOCALHOST, 0));
    let ipv6_works = Socket::new(Domain::IPV6, Type::STREAM, Some(Protocol::TCP))
        .and_then(|probe| probe.bind(&ipv6.into()))
        .is_ok();
    if !ipv6_works {
        println!("{}", pitfalls::lh_no_ipv6());
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
    println!("{}", text::listening_on(local));

    if fixed {
        // The fix: the client uses the very address the server bound, 127.0.0.1.
        let mut client =
            TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
        client
            .set_read_timeout(Some(DEADLINE))
            .with_context(|| Failed::Recv(local))?;
        println!("{}", pitfalls::lh_connected(local));
        // Step 4 and a message each way, to show the connection is the server's.
        let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        let peer = peer.as_socket().context(Failed::Query)?;
        conn.write_all(b"hello\n")
            .with_context(|| Failed::Send(peer))?;
        let mut reply = [0u8; 6];
        client
            .read_exact(&mut reply)
            .with_context(|| Failed::Recv(local))?;
        println!("{}", pitfalls::lh_exchanged(peer));
        println!("{}", pitfalls::lh_fix());
        return Ok(());
    }

    // The mistake: a client at the same port, but on the other family's loopback, ::1.
    let other = SocketAddr::from((Ipv6Addr::LOCALHOST, local.port()));
    match TcpStream::connect_timeout(&other, DEADLINE) {
        Err(error) if error.kind() == ErrorKind::ConnectionRefused => {
            println!("{}", pitfalls::lh_refused(other, local));
        }
        // No IPv6 here: the client fails another way, but it fails all the same.
        Err(error) => {
            println!(
                "{}",
                pitfalls::lh_other_error(other, &format!("{:?}", error.kind()))
            );
        }
        // Another program listens there: the client reached it, not our server.
        Ok(_) => println!("{}", pitfalls::lh_someone_else(other)),
    }

    // A client that takes the name's first address only, as many do.
    if let Some(first) = resolved.first() {
        let first = SocketAddr::new(first.ip(), local.port());
        match TcpStream::connect_timeout(&first, DEADLINE) {
            Ok(_) if first == local => println!("{}", pitfalls::lh_first_reaches(first)),
            Ok(_) => println!("{}", pitfalls::lh_someone_else(first)),
            Err(error) => println!(
                "{}",
                pitfalls::lh_first_fails(first, &format!("{:?}", error.kind()))
            ),
        }
    }
    println!("{}", pitfalls::lh_explain());
    Ok(())
}
