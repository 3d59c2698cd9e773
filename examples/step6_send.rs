//! Step 6 — `send()`: reply to the client.
//!
//! After each message, the server reads a reply from you (the lesson's `input()`) and
//! sends it to the client, as the lesson's 示例1 and 示例2 do. `exit` typed by you, the
//! end of your input, or `exit` from the client ends the session.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step6_send
//! terminal 2: nc -N 127.0.0.1 8888     (or netAssist as TCP Client, or cargo run --example client)
//! ```
//!
//! Type a message in terminal 2, then a reply in terminal 1, and so on.
//!
//! Lesson: step 6 of the socket lesson (通过conn，调用send方法回复消息);
//! docs/en/step6_send.md, 中文 docs/zh/step6_send.md.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding};
use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("step6_send").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (the library's helpers).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;
    // Step 5: recv, printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    while receiver.next(&conn)?.is_some() {
        // New in this step: send(2), a reply to each message.
        // Python: msg = input("请输入回复消息: ")
        say!(
            "type a reply and press Enter (exit ends the session):",
            "请输入回复消息，按回车发送（输入 exit 结束会话）："
        );
        // None: stdin has ended (Ctrl+D, Ctrl+Z on Windows, or the end of a file).
        let Some(reply) = lines::stdin_line(Encoding::Utf8).context(Failed::Stdin)? else {
            say!(
                "stdin closed: no more replies, ending the session",
                "标准输入已关闭：不再回复，结束会话"
            );
            break;
        };
        // Python (示例1): if msg == "exit": break
        if is_exit(&reply.text) {
            say!(
                "you typed exit: ending the session",
                "你输入了 exit：结束会话"
            );
            break;
        }
        // Python: conn.send(msg.encode("UTF-8"))
        // `as_bytes()` is the encode (Rust strings are UTF-8); "\n" ends a line for nc.
        let reply = format!("{}\n", reply.text);
        // send(2) may take fewer bytes than given; `write_all` calls it until all are sent,
        // like Python's sendall() (pitfall_partial_write). One write per reply (pitfall_nagle).
        match conn.write_all(reply.as_bytes()) {
            Ok(()) => {
                let bytes = reply.len();
                say!(
                    bytes,
                    "sent {bytes} byte",
                    "sent {bytes} bytes",
                    "已发送 {bytes} 字节"
                );
            }
            Err(error) if peer_left(&error) => {
                say!(
                    "the client is gone, the reply could not be delivered: ending the session",
                    "客户端已断开连接，回复无法送达：结束会话"
                );
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
        // End of the new part.
    }
    Ok(())
}
