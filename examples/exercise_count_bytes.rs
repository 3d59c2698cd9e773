//! Exercise count_bytes: write the new part of `extra_count_bytes` yourself.
//!
//! This is `examples/extra_count_bytes.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_count_bytes
//! ```
//!
//! Check it: `cargo run -- check count_bytes`. A hint: `cargo run -- hint count_bytes`. Start
//! again: `cargo run -- reset count_bytes`. The finished lesson, to compare once you are
//! done: `examples/extra_count_bytes.rs`.
//!
//! 练习 count_bytes：亲手写出 `extra_count_bytes` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check count_bytes`；提示：`cargo run -- hint count_bytes`；
//! 重新开始：`cargo run -- reset count_bytes`；写完后可以对照完整的课程代码：
//! `examples/extra_count_bytes.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::process::ExitCode;

use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, say_client_exit, wait_for_client};
use socket_workbook::{Args, Cli, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise_count_bytes").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (conn, peer) = wait_for_client(&server, local)?;

    // Step 5: recv, each read printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    // How many bytes the client sent in all.
    let mut total: u64 = 0;
    while let Some((bytes, data)) = receiver.read(&conn)? {
        // TODO (exercise count_bytes): write the new part here.
        // Add the size of this read, bytes.len(), to `total` (a u64): the line after the loop
        // shows it.
        // 把这次读到的字节数 bytes.len() 加到 `total`（u64）上：循环之后的那一行会显示它。
        // Lesson: README.md, "Exercises"
        // Hint: cargo run -- hint count_bytes; check: cargo run -- check count_bytes
        // Python: if data == 'exit': break
        if is_exit(&data.text) {
            say_client_exit();
            break;
        }
    }
    receiver.finish::<()>();
    say!(
        total,
        "the client sent {total} byte in all",
        "the client sent {total} bytes in all",
        "客户端一共发送了 {total} 字节"
    );

    // Dropping `conn` and `server` closes them; step 7 shows closing in detail.
    drop((conn, server));
    Ok(())
}
