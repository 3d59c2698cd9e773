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
//! terminal 2: nc 127.0.0.1 8888
//! ```
//!
//! Type in terminal 2, reply in terminal 1; `exit` on either side ends the session.
//!
//! Lesson: step 7 of the socket lesson (关闭连接) and its 示例1 and 示例2;
//! docs/en/step7_close.md, 中文 docs/zh/step7_close.md.
#![forbid(unsafe_code)]

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
    let args = Cli::server("step7_close").parse();
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

    // New in this step: close, in three moves.
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
    // End of the new part.
    Ok(())
}
