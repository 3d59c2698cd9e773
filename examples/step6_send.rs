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
//! terminal 2: nc 127.0.0.1 8888
//! ```
//!
//! Type a message in terminal 2, then a reply in terminal 1, and so on.
//!
//! Lesson: step 6 of the socket lesson (通过conn，调用send方法回复消息);
//! docs/en/step6_send.md, 中文 docs/zh/step6_send.md.
#![forbid(unsafe_code)]

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit, print_read};
use socket_workbook::{Args, Cli, Failed, report, text};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("step6_send").parse();
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

        // New in this step: send(2), a reply to each message.
        // Python: msg = input("请输入回复消息: ")
        println!("{}", text::reply_prompt());
        let mut reply = String::new();
        // 0 bytes: stdin has ended (Ctrl+D, Ctrl+Z on Windows, or the end of a file).
        if io::stdin().read_line(&mut reply).context(Failed::Stdin)? == 0 {
            println!("{}", text::stdin_closed());
            break;
        }
        // Python (示例1): if msg == "exit": break
        if is_exit(&reply) {
            println!("{}", text::operator_exit());
            break;
        }
        // Python: conn.send(msg.encode("UTF-8"))
        // Rust strings are UTF-8 already: `as_bytes()` is the encode. The "\n" ends the
        // line, so that line-based clients (nc, a Python readline) show it at once.
        let reply = format!("{}\n", reply.trim_end_matches(['\r', '\n']));
        // send(2) may take fewer bytes than it was given; `write_all` calls it until all
        // are sent, like Python's sendall() (pitfall_partial_write). std: the same
        // `write_all` on a `TcpStream`.
        // One write per reply: two small writes and a read wait on delayed ACKs (pitfall_nagle).
        match conn.write_all(reply.as_bytes()) {
            Ok(()) => println!("{}", text::sent(reply.len())),
            // The client left while we waited for your reply.
            Err(error) if peer_left(&error) => {
                println!("{}", text::client_gone());
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
        // End of the new part.
    }
    let cut = decoder.finish();
    if cut > 0 {
        eprintln!("{}", text::cut_at_end(cut));
    }

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    println!("{}", text::closing_connection());
    drop(conn);
    Ok(())
}
