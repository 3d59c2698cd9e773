//! Pitfall — a character split across two reads.
//!
//! A Chinese character is three bytes in UTF-8, and a read ends wherever its buffer
//! is full, not between characters. Here the client sends one message of 1029 bytes:
//! 1022 letters, then `你好` and a newline. The lesson's `conn.recv(1024)` returns the
//! first 1024 bytes, which end with two of the three bytes of `你`. Decoding each read
//! on its own (`.decode("UTF-8")`) fails: Python raises `UnicodeDecodeError` and the
//! lesson's server dies; a lenient decoder shows `�` instead. The fix: keep the bytes
//! of a cut character and put them before the next read.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_split_utf8               # the mistake
//! cargo run --example pitfall_split_utf8 -- --fixed    # the fix
//! ```
//!
//! Lesson: step 5 (`data = conn.recv(1024).decode("UTF-8")`);
//! docs/en/pitfall_split_utf8.md, docs/zh/pitfall_split_utf8.md; README, "Pitfalls lab".

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::message::show;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say, stranger};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

/// The lesson's buffer size: `conn.recv(1024)`.
const BUFFER: usize = 1024;

/// How many bytes of each read are shown (all 1024 would fill the screen).
const SHOWN: usize = 5;

fn main() -> ExitCode {
    let args = Cli::new("pitfall_split_utf8")
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

    // 1022 letters, then `你` starts at byte 1022: the 1024-byte read cuts it after
    // two of its three bytes.
    let message = format!("{}你好\n", "a".repeat(BUFFER - 2));
    let cut = message
        .char_indices()
        .find(|&(at, c)| at < BUFFER && at + c.len_utf8() > BUFFER)
        .map_or('?', |(_, c)| c);
    let bytes = message.len();
    let tail = show(tail_text(&message).as_bytes());
    say!(
        "the client wrote one message of {bytes} bytes in one write call; it ends in {tail}",
        "客户端用一次 write 调用写出了一条 {bytes} 字节的消息，结尾是 {tail}"
    );

    // The client connects first: the kernel completes the handshake and queues the
    // connection (step 3), so accept returns at once. Client and server take turns in
    // this one thread: the message fits in the kernel's buffers, so no write waits.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    // Step 4: accept.
    // Step 4: accept, the demo's own client only: on a shared machine another program
    // may connect to the printed port first (see `stranger`).
    let own = client.local_addr().context(Failed::Query)?;
    let (conn, peer) = stranger::accept_own(own, || {
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        Ok((conn, peer.as_socket().context(Failed::Query)?))
    })?;
    let mut conn = TcpStream::from(conn);
    conn.set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(peer))?;

    // The client: the whole message in one write call, then it closes (the server's
    // last read returns 0 bytes).
    client
        .write_all(message.as_bytes())
        .with_context(|| Failed::Send(local))?;
    drop(client);

    // The server reads once the whole message is there, so that the first read is a
    // full 1024 bytes on every run, as it is whenever a server is a little late.
    wait_until_arrived(&conn, message.len()).with_context(|| Failed::Recv(peer))?;
    let received = if fixed {
        decode_across_reads(&mut conn, peer)?
    } else {
        decode_each_read(&mut conn, peer)?
    };
    if received == message {
        let chars = received.chars().count();
        let tail = show(tail_text(&received).as_bytes());
        say!(
            "the text arrived whole: {chars} characters, ending in {tail}",
            "文本完整无缺：共 {chars} 个字符，结尾是 {tail}"
        );
    } else {
        let replaced = received.matches(char::REPLACEMENT_CHARACTER).count();
        let buffer = BUFFER;
        say!(
            "`{cut}` fell across the {buffer}-byte boundary: no read held all of its bytes, so it is lost (the text has {replaced} � instead)",
            "`{cut}` 正好跨在 {buffer} 字节的边界上：没有哪一次读取拿到了它的全部字节，于是它丢失了（文本里变成了 {replaced} 个 �）"
        );
    }
    Ok(())
}

// New in this lesson: decode each read alone, or carry a cut character.
/// The mistake: each read is decoded on its own. Returns the text, with `�` where
/// decoding failed.
fn decode_each_read(conn: &mut TcpStream, peer: SocketAddr) -> anyhow::Result<String> {
    let mut buffer = [0u8; BUFFER];
    let mut received = String::new();
    loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = conn.read(&mut buffer).with_context(|| Failed::Recv(peer))?;
        if n == 0 {
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            return Ok(received);
        }
        let bytes = &buffer[..n];
        let tail = show(tail(bytes));
        say!(
            "received {n} bytes, ending in {tail}",
            "收到 {n} 字节，结尾是 {tail}"
        );
        match std::str::from_utf8(bytes) {
            Ok(text) => received.push_str(text),
            Err(error) => {
                let at = error.valid_up_to();
                match error.error_len() {
                    // The read ends inside a character.
                    None => {
                        let bytes = n - at;
                        say!(
                            "decoding this read alone fails: the character at position {at} is cut off after {bytes} of its bytes (Python: UnicodeDecodeError, and the lesson's server stops with an error)",
                            "单独解码这次读到的字节失败：位置 {at} 处的字符只收到了 {bytes} 个字节，被截断了（Python 会抛出 UnicodeDecodeError，课程里的服务端随之报错退出）"
                        );
                    }
                    // A byte that can only continue a character begun before.
                    Some(_) => say!(
                        "decoding this read alone fails: the byte at position {at} does not start a character, it is the rest of the one the previous read cut (Python: UnicodeDecodeError)",
                        "单独解码这次读到的字节失败：位置 {at} 处的字节不是一个字符的开头，而是上一次读取截断的那个字符的剩余部分（Python 会抛出 UnicodeDecodeError）"
                    ),
                }
                // What a lenient decoder makes of it: Python's errors="replace".
                let lenient = String::from_utf8_lossy(bytes);
                let shown = show(tail_text(&lenient).as_bytes());
                say!(
                    "decoded leniently instead (Python: errors=\"replace\"), it ends in {shown}: the cut character turns into �",
                    "改用宽松解码（Python：errors=\"replace\"）时，结尾是 {shown}：被截断的字符变成了 �"
                );
                received.push_str(&lenient);
            }
        }
    }
}

/// The fix: the bytes of a character that a read cut wait for the next read.
/// Returns the text.
fn decode_across_reads(conn: &mut TcpStream, peer: SocketAddr) -> anyhow::Result<String> {
    let mut buffer = [0u8; BUFFER];
    let mut received = String::new();
    // The bytes not decoded yet: at most the first 3 bytes of a cut character.
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let n = conn.read(&mut buffer).with_context(|| Failed::Recv(peer))?;
        if n == 0 {
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            if !pending.is_empty() {
                // The stream ended inside a character: those bytes are all there is.
                received.push_str(&String::from_utf8_lossy(&pending));
            }
            return Ok(received);
        }
        let tail = show(tail(&buffer[..n]));
        say!(
            "received {n} bytes, ending in {tail}",
            "收到 {n} 字节，结尾是 {tail}"
        );
        pending.extend_from_slice(&buffer[..n]);
        let complete = match std::str::from_utf8(&pending) {
            Ok(_) => pending.len(),
            // Cut at the end: decode up to the cut, keep the rest for the next read.
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            // Bytes that are not UTF-8 at all: no later read repairs them, so they
            // become `�` now.
            Err(_) => pending.len(),
        };
        let text = String::from_utf8_lossy(&pending[..complete]).into_owned();
        pending.drain(..complete);
        let tail = show(tail_text(&text).as_bytes());
        say!(
            "decoded {complete} bytes, ending in {tail}",
            "解码了 {complete} 字节，结尾是 {tail}"
        );
        if !pending.is_empty() {
            let bytes = pending.len();
            let s = if bytes == 1 { "" } else { "s" };
            say!(
                "  ({bytes} byte{s} of a character cut by this read wait for the next read)",
                "  （有一个字符被本次读取截断，已收到的 {bytes} 个字节留到下一次读取时拼接）"
            );
        }
        received.push_str(&text);
    }
}
// End of the new part.

/// The last bytes of a read, for display (`show` writes the bytes of a cut character
/// as `\xNN`).
fn tail(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(SHOWN)..]
}

/// The last characters of decoded text, for display.
fn tail_text(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(SHOWN - 1)
        .map_or(0, |(at, _)| at);
    &text[start..]
}

/// Waits until `expected` bytes have arrived, without taking them: `peek` is a read
/// that leaves the bytes where they are. Gives up at `DEADLINE`.
fn wait_until_arrived(conn: &TcpStream, expected: usize) -> std::io::Result<()> {
    let mut buffer = vec![0u8; expected];
    let deadline = Instant::now() + DEADLINE;
    loop {
        // peek blocks until at least one byte is there (0 means the client closed), so
        // this loop only turns while the last bytes are on their way.
        let n = conn.peek(&mut buffer)?;
        if n == 0 || n >= expected || Instant::now() >= deadline {
            return Ok(());
        }
        // A pause, so that the last bytes can come.
        thread::sleep(Duration::from_millis(1));
    }
}
