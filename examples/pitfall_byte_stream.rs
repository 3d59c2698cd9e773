//! Pitfall — TCP is a byte stream (粘包/半包): writes do not arrive as messages.
//!
//! A client writes `hello`, `world` and `exit` in three quick calls. TCP keeps the
//! bytes in order but not the boundaries between the writes: here all 14 bytes arrive
//! in one read, `helloworldexit`. The lesson's loop compares each read with `exit`
//! (`if data == 'exit': break`), never sees it, and would wait forever; this demo stops
//! waiting after a short timeout. The fix: frame the messages, here one per line
//! (`exit\n`), and cut the bytes at each `\n` whatever the reads bring.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_byte_stream               # the mistake
//! cargo run --example pitfall_byte_stream -- --fixed    # the fix
//! ```
//!
//! Lesson: step 5's loop (示例2, `if data == 'exit': break`); docs/en/pitfall_byte_stream.md,
//! docs/zh/pitfall_byte_stream.md; README, "Pitfalls lab".

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use socket_workbook::message::show;
use socket_workbook::pitfall::{self, say_read};
use socket_workbook::steps::timed_out;
use socket_workbook::{Failed, report, say};

const GIVE_UP: Duration = Duration::from_millis(300); // for an `exit` that never comes alone

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_byte_stream").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // The client's three messages: bare words as in the lesson, or lines (the fix).
    let messages = match fixed {
        true => ["hello\n", "world\n", "exit\n"],
        false => ["hello", "world", "exit"],
    };
    let total: usize = messages.iter().map(|message| message.len()).sum();
    // Steps 1 to 4, with the demo's own client (src/pitfall.rs).
    let (mut client, mut conn, local, peer) = pitfall::pair()?;
    // The client: three write calls, one per message, in quick succession.
    for message in messages {
        client
            .write_all(message.as_bytes())
            .with_context(|| Failed::Send(local))?;
    }
    let writes = messages.len();
    pitfall::wait_until_arrived(&conn, total).with_context(|| Failed::Recv(peer))?;
    say!(
        "the client wrote {writes} messages with {writes} write calls, {total} bytes in all, before the server's first read",
        "在服务端第一次读取之前，客户端已经用 {writes} 次 write 调用写出了 {writes} 条消息，共 {total} 字节"
    );

    // New in this lesson: the lesson's loop (which gives up here), and the fix.
    conn.set_read_timeout(Some(GIVE_UP))
        .with_context(|| Failed::Recv(peer))?;
    let (mut buffer, mut reads, mut pending) = ([0u8; 1024], 0, Vec::new());
    'reading: loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = match conn.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) if timed_out(&error) => {
                let ms = GIVE_UP.as_millis();
                say!(
                    "nothing more arrives within {ms} ms, and no read was `exit`: the `exit` came glued to the other words, so the lesson's server would wait here forever; this demo stops",
                    "{ms} 毫秒内没有再收到数据，也没有哪次读到的正好是 `exit`：`exit` 和前面的词粘在了一起，课程里的服务端会在这里永远等下去；本演示到此停止"
                );
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        reads += 1;
        say_read(&buffer[..n]);
        if !fixed {
            // The mistake: each read taken as one message. Python: if data == 'exit': break
            if &buffer[..n] == b"exit" {
                break;
            }
            say!(
                "that read is not `exit`, so the lesson's loop reads again",
                "这次读到的不是 `exit`，所以课程里的循环会接着读"
            );
        } else {
            // The fix: each `\n` ends one message, however the reads split (as BufRead::read_line).
            pending.extend_from_slice(&buffer[..n]);
            while let Some(end) = pending.iter().position(|&byte| byte == b'\n') {
                let line: Vec<u8> = pending.drain(..=end).collect();
                let (message, shown) = (&line[..end], show(&line[..end]));
                say!("message: {shown}", "消息：{shown}");
                if message == b"exit" {
                    say!(
                        "the message is `exit`: the server stops",
                        "这条消息是 `exit`：服务端随即停止"
                    );
                    break 'reading;
                }
            }
        }
    }
    // End of the new part.
    say!(
        reads,
        "{writes} writes arrived in {reads} read: TCP keeps the order of the bytes, not the boundaries between writes",
        "{writes} writes arrived in {reads} reads: TCP keeps the order of the bytes, not the boundaries between writes",
        "{writes} 次写入在 {reads} 次读取中到达：TCP 保证字节的顺序，但不保留每次写入之间的边界"
    );
    Ok(())
}
