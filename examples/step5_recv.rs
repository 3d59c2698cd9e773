//! Step 5 — `recv()`: receive what the client sends.
//!
//! Each `recv` waits for bytes and returns up to 1024 of them: whatever part of the
//! byte stream has arrived, not one message. The server prints each read, decoded
//! as UTF-8, until the client sends `exit` or closes the connection (a read of 0
//! bytes).
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step5_recv
//! terminal 2: nc 127.0.0.1 8888
//! ```
//!
//! Type lines in terminal 2; `exit` or Ctrl+D (Ctrl+Z then Enter on Windows) ends the
//! session.
//!
//! Lesson: step 5 of the socket lesson (通过recv方法，接收客户端发送的消息);
//! docs/en/step5_recv.md, 中文 docs/zh/step5_recv.md.
#![forbid(unsafe_code)]

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit, print_read};
use socket_workbook::{Args, Cli, Failed, report, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("step5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // Step 3: listen.
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    println!("{}", text::listening_on(local));

    // Step 4: accept.
    println!("{}", text::waiting_for_client());
    let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    println!("{}", text::accepted(peer));

    // New in this step: recv(2), in a loop.
    // Python: data = conn.recv(1024).decode("UTF-8")
    // `read` on a socket2 `Socket` is recv(2) with no flags (its own `recv` takes a
    // buffer of `MaybeUninit` bytes, which a lesson does not need).
    // std: `TcpStream` reads the same way, with `read`.
    let mut buffer = [0u8; 1024];
    // A read can end inside a character (3 bytes for 中); the decoder keeps its first
    // bytes for the next read, where Python's decode() would fail (pitfall_split_utf8).
    let mut decoder = Utf8Stream::new();
    loop {
        // Blocks until bytes arrive, then returns how many it put in `buffer`.
        let n = match conn.read(&mut buffer) {
            Ok(n) => n,
            // A reset (the client's program ended abruptly) also ends the session.
            Err(error) if peer_left(&error) => {
                println!("{}", text::client_reset());
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        // 0 bytes means the client closed its side: every later read returns 0 at once.
        // The lesson's loop does not check this and spins forever (pitfall_eof_spin).
        if n == 0 {
            println!("{}", text::client_closed());
            break;
        }
        let data = decoder.decode(&buffer[..n]);
        print_read(n, &data);
        // Python: if data == 'exit': break
        // nc sends "exit\n" and Windows tools "exit\r\n", so both count. Several lines can
        // arrive in one read, and then they do not (pitfall_byte_stream).
        if is_exit(&data.text) {
            println!("{}", text::client_sent_exit());
            break;
        }
    }
    let cut = decoder.finish();
    if cut > 0 {
        eprintln!("{}", text::cut_at_end(cut));
    }
    // End of the new part.

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    println!("{}", text::closing_connection());
    drop(conn);
    Ok(())
}
