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
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::message::show;
use socket_workbook::{Failed, pitfall, report, say};

/// The lesson's buffer size, `conn.recv(1024)`; how many bytes of a read are shown.
const BUFFER: usize = 1024;
const SHOWN: usize = 5;

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_split_utf8").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // Steps 1 to 4, with the demo's own client (src/pitfall.rs).
    let (mut client, mut conn, local, peer) = pitfall::pair()?;
    // 1022 letters, then `你` at byte 1022: the 1024-byte read cuts it after two bytes.
    let message = format!("{}你好\n", "a".repeat(BUFFER - 2));
    let (bytes, tail) = (message.len(), pitfall::tail(&message, SHOWN));
    say!(
        "the client wrote one message of {bytes} bytes in one write call; it ends in {tail}",
        "客户端用一次 write 调用写出了一条 {bytes} 字节的消息，结尾是 {tail}"
    );
    client
        .write_all(message.as_bytes())
        .with_context(|| Failed::Send(local))?;
    drop(client);
    // Once it is all there, the first read is a full 1024 bytes on every run.
    pitfall::wait_until_arrived(&conn, bytes).with_context(|| Failed::Recv(peer))?;

    // New in this lesson: decode each read alone, or carry a cut character.
    let (mut buffer, mut received, mut pending) = ([0u8; BUFFER], String::new(), Vec::new());
    loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = conn.read(&mut buffer).with_context(|| Failed::Recv(peer))?;
        if n == 0 {
            break;
        }
        let tail = show(&buffer[n.saturating_sub(SHOWN)..n]);
        say!(
            "received {n} bytes, ending in {tail}",
            "收到 {n} 字节，结尾是 {tail}"
        );
        if !fixed {
            // The mistake: each read decoded alone. Where it fails, Python raises
            // UnicodeDecodeError; with errors="replace", the cut character turns into �.
            if let Err(error) = std::str::from_utf8(&buffer[..n]) {
                let (at, cut) = (error.valid_up_to(), n - error.valid_up_to());
                match error.error_len() {
                    None => say!(
                        "decoding this read alone fails: the character at position {at} is cut off after {cut} of its bytes (Python: UnicodeDecodeError, and the lesson's server stops with an error)",
                        "单独解码这次读到的字节失败：位置 {at} 处的字符只收到了 {cut} 个字节，被截断了（Python 会抛出 UnicodeDecodeError，课程里的服务端随之报错退出）"
                    ),
                    Some(_) => say!(
                        "decoding this read alone fails: the byte at position {at} does not start a character, it is the rest of the one the previous read cut (Python: UnicodeDecodeError)",
                        "单独解码这次读到的字节失败：位置 {at} 处的字节不是一个字符的开头，而是上一次读取截断的那个字符的剩余部分（Python 会抛出 UnicodeDecodeError）"
                    ),
                }
            }
            received.push_str(&String::from_utf8_lossy(&buffer[..n]));
            continue;
        }
        // The fix: decode up to a character this read cut; its bytes wait for the next.
        pending.extend_from_slice(&buffer[..n]);
        let complete = match std::str::from_utf8(&pending) {
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            // Whole, or bytes no later read repairs (they become �).
            _ => pending.len(),
        };
        let text = String::from_utf8_lossy(&pending[..complete]).into_owned();
        pending.drain(..complete);
        let tail = pitfall::tail(&text, SHOWN);
        say!(
            "decoded {complete} bytes, ending in {tail}",
            "解码了 {complete} 字节，结尾是 {tail}"
        );
        let carried = pending.len();
        if carried > 0 {
            say!(
                carried,
                "  ({carried} byte of a character cut by this read waits for the next read)",
                "  ({carried} bytes of a character cut by this read wait for the next read)",
                "  （有一个字符被本次读取截断，已收到的 {carried} 个字节留到下一次读取时拼接）"
            );
        }
        received.push_str(&text);
    }
    received.push_str(&String::from_utf8_lossy(&pending));
    // End of the new part.
    pitfall::say_whole_or_lost(&message, &received, '你', BUFFER);
    Ok(())
}
