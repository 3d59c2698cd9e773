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
#![forbid(unsafe_code)]
// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{self, ErrorKind, Read, Write};
use std::net::Shutdown;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit, print_read};
use socket_workbook::{Args, Cli, Failed, report, text};
use socket2::{Domain, Protocol, Socket, Type};

/// How long to wait for the client to close its side after ours.
const LINGER: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    let args = Cli::server("exercise7_close").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;

    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // Step 3: listen.
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    println!("{}", text::listening_on(local));

    // Step 4: accept.
    println!("{}", text::waiting_for_client());
    let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    println!("{}", text::accepted(peer));

    // Step 5: recv, until the client sends exit or closes.
    let mut buffer = [0u8; 1024];
    let mut decoder = Utf8Stream::new();
    loop {
        let n = match conn.read(&mut buffer) {
            Ok(n) => n,
            Err(error) if peer_left(&error) => {
                println!("{}", text::client_reset());
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        if n == 0 {
            println!("{}", text::client_closed());
            break;
        }
        let data = decoder.decode(&buffer[..n]);
        print_read(n, &data);
        if is_exit(&data.text) {
            println!("{}", text::client_sent_exit());
            break;
        }

        // Step 6: send the reply the operator types.
        println!("{}", text::reply_prompt());
        let mut reply = String::new();
        if io::stdin().read_line(&mut reply).context(Failed::Stdin)? == 0 {
            println!("{}", text::stdin_closed());
            break;
        }
        if is_exit(&reply) {
            println!("{}", text::operator_exit());
            break;
        }
        let reply = format!("{}\n", reply.trim_end_matches(['\r', '\n']));
        match conn.write_all(reply.as_bytes()) {
            Ok(()) => println!("{}", text::sent(reply.len())),
            Err(error) if peer_left(&error) => {
                println!("{}", text::client_gone());
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
    }
    let cut = decoder.finish();
    if cut > 0 {
        eprintln!("{}", text::cut_at_end(cut));
    }

    // TODO (exercise 7): write the new part here.
    // Close in three moves. conn.shutdown(Shutdown::Write), then print
    // text::shut_down_sending(). Read until the client closes its side (print
    // text::client_closed_too()) or a read timeout of LINGER passes
    // (conn.set_read_timeout; print text::client_kept_open(..)). After a reset, shutdown
    // fails with ErrorKind::NotConnected: print text::already_closed(). Then drop(conn),
    // print text::closed_connection(peer), drop(server), print
    // text::closed_listener(local).
    // Python: conn.close()
    // 分三步关闭。第一步：conn.shutdown(Shutdown::Write)，然后打印
    // text::shut_down_sending()。第二步：一直读取，直到客户端也关闭它那一端（打印
    // text::client_closed_too()），或者超过了 LINGER 的读超时（用 conn.set_read_timeout 设
    // 置），这时打印 text::client_kept_open(..)；如果连接已被重置，shutdown 会返回
    // ErrorKind::NotConnected，此时打印 text::already_closed()。第三步：drop(conn) 并打印
    // text::closed_connection(peer)，再 drop(server) 并打印 text::closed_listener(local)。
    // Lesson: docs/en/step7_close.md, docs/zh/step7_close.md
    // Hint: cargo run -- hint 7; check: cargo run -- check 7
    Ok(())
}
