//! Exercise 7: write the new part of `step7_close` yourself.
//!
//! This is `examples/step7_close.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise7_close
//! ```
//!
//! Check it: `cargo run -- check 7`. A hint: `cargo run -- hint 7`. Start
//! again: `cargo run -- reset 7`. The finished lesson, to compare once you are
//! done: `examples/step7_close.rs`.
//!
//! 练习 7：亲手写出 `step7_close` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check 7`；提示：`cargo run -- hint 7`；
//! 重新开始：`cargo run -- reset 7`；写完后可以对照完整的课程代码：
//! `examples/step7_close.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{ErrorKind, Read};
use std::net::Shutdown;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::steps::{LINGER, converse, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise7_close").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (the library's helpers).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;
    // Steps 5 and 6: print each message and send the reply typed, until one side ends.
    converse(&conn, peer)?;

    // TODO (exercise 7): write the new part here.
    // Close in three moves, saying each with say!: conn.shutdown(Shutdown::Write)
    // (NotConnected means a reset left nothing to shut down); wait for the client to close
    // its side, reading until a read returns 0 bytes or a deadline of LINGER passes,
    // however much it still sends; then drop conn and server, and show that the port is
    // free again. Your own words: the checker reads your FIN and watches you wait for its
    // own.
    // Python: conn.close()
    // 分三步关闭，每一步都用 say! 说明：conn.shutdown(Shutdown::Write)（NotConnected 表示
    // 连接已被重置，无需关闭）；等待客户端关闭它那一端：一直读，直到读到 0 字节，或者超过
    // LINGER 这个截止时间，不管它还在发送多少数据；然后 drop conn 和 server，并显示端口已
    // 经释放。措辞由你决定：检查会读取你的 FIN，并观察你是否等待它的 FIN。
    // Lesson: docs/en/step7_close.md, docs/zh/step7_close.md
    // Hint: cargo run -- hint 7; check: cargo run -- check 7
    Ok(())
}
