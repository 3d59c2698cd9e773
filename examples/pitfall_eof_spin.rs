//! Pitfall — a read of 0 bytes means the peer closed, and the lesson's loop spins.
//!
//! A client sends `hello`, then leaves without sending `exit`. From then on every
//! `recv` returns 0 bytes at once: end-of-stream. The lesson's loop only stops on
//! `exit`, so it turns forever, printing an empty message each time and keeping a CPU
//! core busy. This demo counts those empty reads and stops at a cap; the fix stops at
//! the first read of 0 bytes.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_eof_spin               # the mistake
//! cargo run --example pitfall_eof_spin -- --fixed    # the fix
//! ```
//!
//! Lesson: step 5's loop (示例2, `while True:` … `if data == 'exit': break`);
//! docs/en/pitfall_eof_spin.md, docs/zh/pitfall_eof_spin.md; README, "Pitfalls lab".

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use socket_workbook::message::show;
use socket_workbook::pitfall;
use socket_workbook::{Failed, report, say};

/// Where the mistaken loop is stopped. The lesson's loop has no such cap.
const CAP: u64 = 100_000;

/// How many of the empty reads are printed, as the lesson's `print` would.
const PRINTED: u64 = 3;

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_eof_spin").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // Steps 1 to 4, with the demo's own client (src/pitfall.rs).
    let (mut client, mut conn, local, peer) = pitfall::pair()?;
    // The client: `hello`, then it closes without `exit` (a FIN after the bytes).
    client
        .write_all(b"hello")
        .with_context(|| Failed::Send(local))?;
    drop(client);
    say!(
        "the client sent `hello` and closed the connection without sending `exit`",
        "客户端发送了 `hello`，然后没有发送 `exit` 就关闭了连接"
    );

    // New in this lesson: the lesson's loop, and the fix: stop on 0 bytes.
    let mut buffer = [0u8; 1024];
    let mut empty_reads: u64 = 0;
    let started = Instant::now();
    loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = conn.read(&mut buffer).with_context(|| Failed::Recv(peer))?;
        let shown = show(&buffer[..n]);
        // Python: if data == 'exit': break
        if &buffer[..n] == b"exit" {
            break say!("the client sent exit", "客户端发送了 exit");
        }
        if n > 0 {
            say!(
                n,
                "received {n} byte: {shown}",
                "received {n} bytes: {shown}",
                "收到 {n} 字节：{shown}"
            );
        } else if fixed {
            // The fix: 0 bytes means the client closed its side, and every later read
            // would return 0 at once. Stop at the first.
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            break say!(
                "the loop stopped at its first read of 0 bytes",
                "循环在第一次读到 0 字节时就停止了"
            );
        } else {
            empty_reads += 1;
            if empty_reads <= PRINTED {
                // Python: print("接收到发送来的数据: ", data), with data == ""
                say!("received 0 bytes: {shown}", "收到 0 字节：{shown}");
            } else if empty_reads == PRINTED + 1 {
                say!(
                    "… and so on, without end: every read returns 0 bytes at once",
                    "……就这样没完没了：每次读取都立即返回 0 字节"
                );
            } else if empty_reads == CAP {
                let millis = started.elapsed().as_millis();
                break say!(
                    "the loop read 0 bytes {empty_reads} times in {millis} ms, and it would never stop (a CPU core busy at 100 %); this demo stopped it at its cap",
                    "循环在 {millis} 毫秒内读到了 {empty_reads} 次 0 字节，而且永远不会自己停下来（一个 CPU 核心的占用率达到 100%）；本演示在达到次数上限时强行停止了它"
                );
            }
        }
    }
    // End of the new part.
    Ok(())
}
