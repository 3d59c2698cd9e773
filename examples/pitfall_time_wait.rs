//! Pitfall — restart a server at once, and its port is still taken (TIME_WAIT).
//!
//! The side of a connection that closes first keeps a trace of it for a while, in the
//! state TIME_WAIT (60 s on Linux, about 30 s on macOS, up to 4 minutes on Windows), so
//! that stray packets of the old connection cannot land in a new one. When a server
//! closes a live connection first and then stops, that trace still holds its address:
//! on Linux and macOS, a restart that binds the same port without SO_REUSEADDR fails
//! with "address in use" until TIME_WAIT ends. With SO_REUSEADDR set (before `bind`,
//! in both runs), the restart binds at once; a listening socket on the port still
//! cannot be doubled.
//!
//! Windows is different: there a restart binds despite TIME_WAIT without any option,
//! and SO_REUSEADDR means something dangerous instead: it lets another program bind a
//! port that is in use. So on Windows the fixed mode sets nothing, as the steps do.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_time_wait               # the mistake
//! cargo run --example pitfall_time_wait -- --fixed    # the fix
//! ```
//!
//! Lesson: step 2 (`bind`) and step 7 (`close`); README, "Pitfalls lab".
#![forbid(unsafe_code)]

use std::io::{ErrorKind, Read};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::failure::peer_left;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, report};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    let args = Cli::new("pitfall_time_wait")
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
    // Whether both runs set SO_REUSEADDR: the fix, on Linux and macOS. On Windows the
    // option would let other programs take the port, and the restart needs none.
    let reuse = fixed && cfg!(not(windows));

    // The first run. Steps 1 to 3: socket, bind, listen, on a free port.
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let first =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    if reuse {
        first
            .set_reuse_address(true)
            .with_context(|| Failed::ReuseAddress(addr))?;
    }
    first
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    first.listen(1).with_context(|| Failed::Listen(addr))?;
    let local = first.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    println!("{}", text::listening_on(local));
    let reuse_line = if reuse {
        pitfalls::tw_reuse_on()
    } else if fixed {
        pitfalls::tw_reuse_windows()
    } else {
        pitfalls::tw_reuse_off()
    };
    println!("{reuse_line}");

    // A client connects: the kernel queues it (step 3), so accept returns at once.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    client
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(local))?;
    let (conn, peer) = first.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;

    // The server closes first: its side of the connection will wait in TIME_WAIT.
    drop(conn);
    // The client reads end-of-stream, and closes its side too.
    let mut rest = Vec::new();
    match client.read_to_end(&mut rest) {
        Ok(_) => {}
        Err(error) if peer_left(&error) => {}
        Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
    }
    drop(client);
    println!("{}", pitfalls::tw_closed_first(peer));
    // The server stops: its listening socket closes too.
    drop(first);
    println!("{}", pitfalls::tw_stopped(local));

    // The restart, at once, on the same address.
    let second =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    if reuse {
        // Python: socket_server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        second
            .set_reuse_address(true)
            .with_context(|| Failed::ReuseAddress(local))?;
    }
    match second.bind(&local.into()) {
        Ok(()) => {
            second.listen(1).with_context(|| Failed::Listen(local))?;
            println!("{}", pitfalls::tw_bound_again(local));
        }
        // Matched by kind, not by the system's wording, which differs between systems
        // and languages.
        Err(error) if error.kind() == ErrorKind::AddrInUse => {
            println!("{}", pitfalls::tw_in_use(local));
            println!("{}", pitfalls::tw_see_it(local.port()));
        }
        Err(error) => return Err(error).with_context(|| Failed::Bind(local)),
    }
    if fixed {
        println!("{}", pitfalls::tw_explain_fix());
    } else {
        println!("{}", pitfalls::tw_explain_mistake());
    }
    Ok(())
}
