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
#![forbid(unsafe_code)]
// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{ErrorKind, Read, Write};
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
    let args = Cli::server("exercise_echo").parse();
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

        // TODO (exercise echo): write the new part here.
        // Send the bytes you just read back to the client, as they came:
        // conn.write_all(&buffer[..n]), then print text::extras::echoed(n). If
        // failure::peer_left(&error), print text::client_gone() and stop.
        // 把刚读到的字节原样发回客户端：conn.write_all(&buffer[..n])，然后打印
        // text::extras::echoed(n)；如果出错且 failure::peer_left(&error) 成立，打印
        // text::client_gone() 并结束。
        // Lesson: README.md, "Exercises"
        // Hint: cargo run -- hint echo; check: cargo run -- check echo
    }
    let cut = decoder.finish();
    if cut > 0 {
        eprintln!("{}", text::cut_at_end(cut));
    }

    // Step 7: close, in three moves.
    // Python: conn.close()
    //         socket_server.close()
    //
    // 1. shutdown(2) the sending side. The kernel sends a FIN after the last reply: the
    //    client's next read returns 0 bytes, end-of-stream, and it knows we are done.
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            println!("{}", text::shut_down_sending());
            // 2. Wait for the client to close its side, reading and dropping whatever it
            //    still sends. Closing with bytes unread would make the kernel send a reset
            //    (RST) instead, and the client could lose our last reply
            //    (pitfall_reset_on_close). The timeout bounds the wait.
            conn.set_read_timeout(Some(LINGER))
                .with_context(|| Failed::Recv(peer))?;
            loop {
                match conn.read(&mut buffer) {
                    Ok(0) => {
                        println!("{}", text::client_closed_too());
                        break;
                    }
                    Ok(_) => continue,
                    // The timeout shows as WouldBlock on Unix and TimedOut on Windows.
                    Err(error)
                        if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                    {
                        println!("{}", text::client_kept_open(LINGER.as_secs()));
                        break;
                    }
                    Err(error) if peer_left(&error) => break,
                    Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
                }
            }
        }
        // After a reset there is no connection left to shut down.
        Err(error) if error.kind() == ErrorKind::NotConnected => {
            println!("{}", text::already_closed());
        }
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    }

    // 3. close(2): dropping a socket closes it. Python's close() is this drop.
    //    std: `TcpStream` and `TcpListener` close the same way, when dropped.
    drop(conn);
    println!("{}", text::closed_connection(peer));
    // The listening socket: no new client can connect, and the port is free again.
    drop(server);
    println!("{}", text::closed_listener(local));
    Ok(())
}
