//! Step 7 — `close()`: end the conversation cleanly, then free the port.
//!
//! The whole server of step 6, then closing in three moves: `shutdown` the sending
//! side (the client reads end-of-stream), wait briefly for the client to close its
//! side, then close the connection and the listening socket. A server closed this way
//! can run again at once on the same port.
//!
//! Run it:
//!
//! ```text
//! terminal 1: cargo run --example step7_close
//! terminal 2: nc -N 127.0.0.1 8888     (or netAssist as TCP Client, or cargo run --example client)
//! ```
//!
//! Type in terminal 2, reply in terminal 1; `exit` on either side ends the session.
//!
//! Lesson: step 7 of the socket lesson (关闭连接) and its 示例1 and 示例2;
//! docs/en/step7_close.md, 中文 docs/zh/step7_close.md.

use std::io::{ErrorKind, Read};
use std::net::Shutdown;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::steps::{LINGER, converse, open_listener, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("step7_close").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (the library's helpers).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;
    // Steps 5 and 6: print each message and send the reply typed, until one side ends.
    converse(&conn, peer)?;

    // New in this step: close, in three moves.
    // Python: conn.close()
    //         socket_server.close()
    // 1. shutdown(2) the sending side: a FIN follows our last reply, the client reads 0.
    let mut waiting = match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            say!(
                "shut down the sending side: the client reads end-of-stream",
                "已关闭发送方向（shutdown）：客户端会读到数据流结束"
            );
            true
        }
        Err(error) if error.kind() == ErrorKind::NotConnected => false, // after a reset
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    };
    // 2. Wait for the client's FIN, until a deadline, dropping what it still sends: to
    //    close with bytes unread sends a reset that can destroy our reply (pitfall_reset_on_close).
    let deadline = Instant::now() + LINGER;
    while waiting {
        let left = deadline.saturating_duration_since(Instant::now());
        conn.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .with_context(|| Failed::Recv(peer))?;
        match conn.read(&mut [0; 1024]) {
            Ok(0) => {
                say!("the client closed its side too", "客户端也关闭了它那一端");
                waiting = false;
            }
            Ok(_) if Instant::now() < deadline => continue,
            Err(error) if peer_left(&error) => waiting = false,
            // The deadline passed, or the read timed out (or failed: we close anyway).
            _ => {
                let seconds = LINGER.as_secs();
                say!(
                    "the client did not close its side within {seconds} s: closing anyway",
                    "客户端在 {seconds} 秒内没有关闭它那一端：不再等待，直接关闭"
                );
                waiting = false;
            }
        }
    }
    // 3. close(2): dropping a socket closes it; Python's close() is this drop.
    drop(conn);
    say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听套接字：{local} 已释放，可以再次使用"
    );
    // End of the new part.
    Ok(())
}
