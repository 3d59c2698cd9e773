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
use std::net::Shutdown;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Failed, pitfall, report, say};

/// The client's request (its first line), more that the server never reads, and the
/// server's reply.
const REQUEST: &[u8] = b"hello\n";
const MORE: &[u8] = b"and a second line the server never reads\n";
const REPLY: &[u8] = b"bye\n";

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_reset_on_close").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // Steps 1 to 4, with the demo's own client (src/pitfall.rs).
    let (mut client, mut conn, local, peer) = pitfall::pair()?;
    // The client: the request and more, in one write, so they arrive together.
    let request = [REQUEST, MORE].concat();
    client
        .write_all(&request)
        .with_context(|| Failed::Send(local))?;
    // The server reads the first line only, and replies.
    let mut request = [0u8; REQUEST.len()];
    conn.read_exact(&mut request)
        .with_context(|| Failed::Recv(peer))?;
    pitfall::say_read(&request);
    conn.write_all(REPLY).with_context(|| Failed::Send(peer))?;
    let bytes = REPLY.len();
    say!(
        bytes,
        "sent {bytes} byte",
        "sent {bytes} bytes",
        "已发送 {bytes} 字节"
    );

    // New in this lesson: close with bytes unread, or shutdown first.
    let conn = if fixed {
        // The fix, as step 7 closes: shutdown(2) the sending side (a FIN after the
        // reply), read until the client closes its side, then close.
        conn.shutdown(Shutdown::Write)
            .with_context(|| Failed::Shutdown(peer))?;
        say!(
            "shut down the sending side: the client reads end-of-stream",
            "已关闭发送方向（shutdown）：客户端会读到数据流结束"
        );
        Some(conn)
    } else {
        // Python: conn.close(), with bytes still unread.
        drop(conn);
        let bytes = MORE.len();
        say!(
            "the server closed the connection with {bytes} bytes unread: its kernel ends it with a reset (RST), not a FIN",
            "服务端关闭连接时还有 {bytes} 字节未读取：内核因此用重置（RST）而不是 FIN 来结束连接"
        );
        None
    };
    // The client reads until the connection ends, cleanly or by a reset, and closes.
    let mut read = Vec::new();
    let ended = client.read_to_end(&mut read);
    drop(client);
    if let Some(mut conn) = conn {
        // The client has closed: the server reads what it had not read, then 0 bytes.
        let mut unread = Vec::new();
        let _ = conn.read_to_end(&mut unread);
        let drained = unread.len();
        say!(
            "the server read the {drained} bytes it had left unread, until the client closed its side",
            "服务端读完了之前未读取的 {drained} 字节，直到客户端关闭它那一端"
        );
        drop(conn);
        say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
    }
    // End of the new part.
    pitfall::say_client_read(&read, ended, local)?;
    match fixed {
        true => say!(
            "shutdown(Write), then read until the client closes, then close: the client reads the reply and then end-of-stream, on every system",
            "先 shutdown(Write)，再读到客户端关闭，最后关闭：在任何系统上，客户端都能读到回复，然后读到数据流结束"
        ),
        false => say!(
            "a close with unread bytes resets the connection: the client sees an error, and on Windows it loses the reply as well; shut down the sending side and read to the end first (--fixed)",
            "还有字节未读取就关闭，会重置连接：客户端会看到一个错误，在 Windows 上连回复也会丢失；应当先关闭发送方向（shutdown），读到数据流结束，再关闭（--fixed）"
        ),
    }
    Ok(())
}
