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
//! terminal 2: nc -N 127.0.0.1 8888     (or netAssist as TCP Client, or cargo run --example client)
//! ```
//!
//! Type lines in terminal 2; `exit` ends the session, and so does Ctrl+D, which
//! closes nc's sending side only with `-N` (Debian's and Ubuntu's nc, OpenBSD netcat;
//! on Windows, nmap's `ncat` closes on Ctrl+Z then Enter).
//!
//! Lesson: step 5 of the socket lesson (通过recv方法，接收客户端发送的消息);
//! docs/en/step5_recv.md, 中文 docs/zh/step5_recv.md.

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::steps::{open_listener, say_received, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};

fn main() -> ExitCode {
    let args = Cli::server("step5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs, as steps 1 to 4 wrote them).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    // New in this step: recv(2), in a loop.
    // Python: data = conn.recv(1024).decode("UTF-8")
    // `read` is recv(2): it blocks until bytes arrive and says how many. std: the same.
    let mut buffer = [0u8; 1024];
    // A read can end inside a character (3 bytes for 中); the decoder keeps its first
    // bytes for the next read, where Python's decode() would fail (pitfall_split_utf8).
    let mut decoder = Utf8Stream::new();
    loop {
        let n = match conn.read(&mut buffer) {
            // 0 bytes: the client closed its side, and every later read returns 0 at
            // once. The lesson's loop does not check this and spins (pitfall_eof_spin).
            Ok(0) => {
                say!(
                    "the client closed the connection (recv returned 0 bytes): ending the session",
                    "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
                );
                break;
            }
            Ok(n) => n,
            // A reset (the client's program ended abruptly) also ends the session.
            Err(error) if peer_left(&error) => {
                say!(
                    "the client reset the connection (it closed with data unread, or its program ended abruptly): ending the session",
                    "客户端重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）：结束会话"
                );
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        let data = decoder.decode(&buffer[..n]);
        say_received(n, &data);
        // Python: if data == 'exit': break
        // "exit", "exit\n", "exit\r\n" and "exit\r" all count (netAssist, nc, telnet).
        if is_exit(&data.text) {
            say!(
                "the client sent exit: ending the session",
                "客户端发送了 exit：结束会话"
            );
            break;
        }
    }
    let cut = decoder.finish();
    if cut > 0 {
        warn!(
            cut,
            "warning: the connection ended in the middle of a character; its {cut} byte is dropped",
            "warning: the connection ended in the middle of a character; its {cut} bytes are dropped",
            "警告：连接在一个字符的中途结束了，已收到的 {cut} 个字节被丢弃"
        );
    }
    // End of the new part.
    // `conn` and `server` close when dropped, here; step 7 shows closing in detail.
    Ok(())
}
