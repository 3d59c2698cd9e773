//! Exercise echo: write the new part of `extra_echo` yourself.
//!
//! This is `examples/extra_echo.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_echo
//! ```
//!
//! Check it: `cargo run -- check echo`. A hint: `cargo run -- hint echo`. Start
//! again: `cargo run -- reset echo`. The finished lesson, to compare once you are
//! done: `examples/extra_echo.rs`.
//!
//! 练习 echo：亲手写出 `extra_echo` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check echo`；提示：`cargo run -- hint echo`；
//! 重新开始：`cargo run -- reset echo`；写完后可以对照完整的课程代码：
//! `examples/extra_echo.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::is_exit;
use socket_workbook::steps::wait_for_client;
use socket_workbook::steps::{Receiver, close_connection, open_listener, say_client_exit};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise_echo").parse();
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
        // TODO (exercise echo): write the new part here.
        // Send the bytes you just read, `bytes`, back to the client as they came
        // (conn.write_all), and show with say! how many you echoed; if the client has gone
        // (failure::peer_left), say so and end the loop.
        // 把刚读到的 `bytes` 原样发回客户端（conn.write_all），并用 say! 显示发回了多少字节；
        // 如果客户端已经离开（failure::peer_left），说明这一点并结束循环。
        // Lesson: README.md, "Exercises"
        // Hint: cargo run -- hint echo; check: cargo run -- check echo
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
