//! Pitfall — closing with unread data sends a reset, not an end-of-stream.
//!
//! A client sends a request and a bit more. The server reads only the first line,
//! replies, and closes at once (the lesson's `conn.close()`). Because bytes it never
//! read are still in its receive buffer, the kernel does not end the connection with
//! a FIN but with a reset (RST): the client sees "connection reset" instead of the
//! clean end-of-stream it waits for, and on Windows it loses the reply too, which was
//! already on its way. The fix: shut down the sending side (the client reads the reply
//! and then end-of-stream), read what the client still sends until it closes, then
//! close.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_reset_on_close               # the mistake
//! cargo run --example pitfall_reset_on_close -- --fixed    # the fix
//! ```
//!
//! Lesson: step 7 (`conn.close()`); README, "Pitfalls lab".
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::failure::peer_left;
use socket_workbook::message::show;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, report};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

/// The client's request (its first line), and more that the server never reads.
const REQUEST: &[u8] = b"hello\n";
const MORE: &[u8] = b"and a second line the server never reads\n";

/// The server's reply.
const REPLY: &[u8] = b"bye\n";

fn main() -> ExitCode {
    let args = Cli::new("pitfall_reset_on_close")
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

    // Steps 1 to 3: socket, bind, listen, on a free port of this computer.
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

    // The client connects: the kernel queues it (step 3), so accept returns at once.
    // Client and server take turns in this one thread.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    client
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(local))?;
    // Step 4: accept.
    let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    conn.set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(peer))?;

    // The client: the request and more, in one write, so they arrive together.
    client
        .write_all(&[REQUEST, MORE].concat())
        .with_context(|| Failed::Send(local))?;

    // The server reads the first line only, and replies.
    let mut request = [0u8; REQUEST.len()];
    conn.read_exact(&mut request)
        .with_context(|| Failed::Recv(peer))?;
    println!("{}", text::received(request.len(), &show(&request)));
    conn.write_all(REPLY).with_context(|| Failed::Send(peer))?;
    println!("{}", text::sent(REPLY.len()));

    if fixed {
        // The fix, as step 7 closes: shutdown(2) the sending side (a FIN after the
        // reply), read until the client closes its side, then close.
        conn.shutdown(Shutdown::Write)
            .with_context(|| Failed::Shutdown(peer))?;
        println!("{}", text::shut_down_sending());
        let seen = client_reads(&mut client, local)?;
        drop(client);
        // The client has closed: the server reads what it had not read, then 0 bytes.
        let mut buffer = [0u8; 1024];
        let mut drained = 0;
        loop {
            match conn.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => drained += n,
                Err(error) if peer_left(&error) => break,
                Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
            }
        }
        println!("{}", pitfalls::rc_drained(drained));
        drop(conn);
        println!("{}", text::closed_connection(peer));
        seen.print();
    } else {
        // Python: conn.close(), with bytes still unread.
        drop(conn);
        println!("{}", pitfalls::rc_closed_unread(MORE.len()));
        let seen = client_reads(&mut client, local)?;
        seen.print();
    }
    if fixed {
        println!("{}", pitfalls::rc_explain_fix());
    } else {
        println!("{}", pitfalls::rc_explain_mistake());
    }
    Ok(())
}

/// What the client read, and how the connection ended for it.
struct Seen {
    bytes: Vec<u8>,
    reset: Option<std::io::ErrorKind>,
}

impl Seen {
    fn print(&self) {
        println!(
            "{}",
            pitfalls::rc_client_got(self.bytes.len(), &show(&self.bytes))
        );
        match self.reset {
            None => println!("{}", pitfalls::rc_client_end()),
            Some(kind) => println!("{}", pitfalls::rc_client_reset(&format!("{kind:?}"))),
        }
    }
}

/// The client reads the reply until the connection ends, cleanly or by a reset.
fn client_reads(client: &mut TcpStream, server: SocketAddr) -> anyhow::Result<Seen> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match client.read(&mut buffer) {
            Ok(0) => return Ok(Seen { bytes, reset: None }),
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            Err(error) if peer_left(&error) => {
                return Ok(Seen {
                    bytes,
                    reset: Some(error.kind()),
                });
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(server)),
        }
    }
}
