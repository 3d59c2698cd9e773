//! Extra exercise — echo: step 7, replying with the client's own bytes.
//!
//! The server of step 7 asks you for each reply; this one sends every read straight
//! back to the client, as it came, so it needs no one at the keyboard. `exit` from the
//! client, or the client closing, ends the session; then it closes as step 7 does.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example extra_echo
//! terminal 2: nc 127.0.0.1 8888
//! ```
//!
//! Exercise: `cargo run --example exercise_echo`, checked by `cargo run -- check echo`.
//!
//! Lesson: docs/en/extra_echo.md, docs/zh/extra_echo.md.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::is_exit;
use socket_workbook::steps::wait_for_client;
use socket_workbook::steps::{Receiver, close_connection, open_listener, say_client_exit};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("extra_echo").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    // Step 5: recv, each read printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    while let Some((bytes, data)) = receiver.read(&conn)? {
        // Python: if data == 'exit': break
        if is_exit(&data.text) {
            say_client_exit();
            break;
        }
        // New in this exercise: send the bytes back, as they came.
        match conn.write_all(bytes) {
            Ok(()) => {
                let n = bytes.len();
                say!(
                    n,
                    "echoed {n} byte",
                    "echoed {n} bytes",
                    "已原样发回 {n} 字节"
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
    receiver.finish::<()>();

    // Step 7: close, as step 7 does (src/steps.rs), then the listening socket.
    close_connection(conn, peer, true)?;
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听套接字：{local} 已释放，可以再次使用"
    );
    Ok(())
}
