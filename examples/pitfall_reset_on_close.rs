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
//! Lesson: step 7 (`conn.close()`); docs/en/pitfall_reset_on_close.md,
//! docs/zh/pitfall_reset_on_close.md; README, "Pitfalls lab".

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
use socket_workbook::{Cli, Failed, outln, report, say, stranger};
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
    outln!("{}", pitfalls::mode(fixed));

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
    outln!("{}", text::listening_on(local));

    // The client connects: the kernel queues it (step 3), so accept returns at once.
    // Client and server take turns in this one thread.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    client
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(local))?;
    // Step 4: accept.
    // Step 4: accept, the demo's own client only: on a shared machine another program
    // may connect to the printed port first (see `stranger`).
    let own = client.local_addr().context(Failed::Query)?;
    let (mut conn, peer) = stranger::accept_own(own, || {
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        Ok((conn, peer.as_socket().context(Failed::Query)?))
    })?;
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
    let bytes = request.len();
    let shown = show(&request);
    let s = if bytes == 1 { "" } else { "s" };
    say!(
        "received {bytes} byte{s}: {shown}",
        "收到 {bytes} 字节：{shown}"
    );
    conn.write_all(REPLY).with_context(|| Failed::Send(peer))?;
    let bytes = REPLY.len();
    let s = if bytes == 1 { "" } else { "s" };
    say!("sent {bytes} byte{s}", "已发送 {bytes} 字节");

    // New in this lesson: close with bytes unread, or shutdown first.
    if fixed {
        // The fix, as step 7 closes: shutdown(2) the sending side (a FIN after the
        // reply), read until the client closes its side, then close.
        conn.shutdown(Shutdown::Write)
            .with_context(|| Failed::Shutdown(peer))?;
        say!(
            "shut down the sending side: the client reads end-of-stream",
            "已关闭发送方向（shutdown）：客户端会读到数据流结束"
        );
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
        say!(
            "the server read the {drained} bytes it had left unread, until the client closed its side",
            "服务端读完了之前未读取的 {drained} 字节，直到客户端关闭它那一端"
        );
        drop(conn);
        say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
        seen.print();
    } else {
        // Python: conn.close(), with bytes still unread.
        drop(conn);
        let bytes = MORE.len();
        say!(
            "the server closed the connection with {bytes} bytes unread: its kernel ends it with a reset (RST), not a FIN",
            "服务端关闭连接时还有 {bytes} 字节未读取：内核因此用重置（RST）而不是 FIN 来结束连接"
        );
        let seen = client_reads(&mut client, local)?;
        seen.print();
    }
    // End of the new part.
    if fixed {
        say!(
            "shutdown(Write), then read until the client closes, then close: the client reads the reply and then end-of-stream, on every system",
            "先 shutdown(Write)，再读到客户端关闭，最后关闭：在任何系统上，客户端都能读到回复，然后读到数据流结束"
        );
    } else {
        say!(
            "a close with unread bytes resets the connection: the client sees an error, and on Windows it loses the reply as well; shut down the sending side and read to the end first (--fixed)",
            "还有字节未读取就关闭，会重置连接：客户端会看到一个错误，在 Windows 上连回复也会丢失；应当先关闭发送方向（shutdown），读到数据流结束，再关闭（--fixed）"
        );
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
        let bytes = self.bytes.len();
        let shown = show(&self.bytes);
        say!(
            "the client read {bytes} bytes: {shown}",
            "客户端读到了 {bytes} 字节：{shown}"
        );
        match self.reset {
            None => say!(
                "the client then read end-of-stream (0 bytes): a clean close",
                "客户端随后读到了数据流结束（0 字节）：正常关闭"
            ),
            Some(kind) => {
                let kind = format!("{kind:?}");
                say!(
                    "the client then got a connection reset ({kind}) instead of end-of-stream",
                    "客户端随后遇到了连接重置（{kind}），而不是数据流结束"
                );
            }
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
