//! Exercise serial: write the new part of `extra_serial` yourself.
//!
//! This is `examples/extra_serial.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_serial
//! ```
//!
//! Check it: `cargo run -- check serial`. A hint: `cargo run -- hint serial`. Start
//! again: `cargo run -- reset serial`. The finished lesson, to compare once you are
//! done: `examples/extra_serial.rs`.
//!
//! 练习 serial：亲手写出 `extra_serial` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check serial`；提示：`cargo run -- hint serial`；
//! 重新开始：`cargo run -- reset serial`；写完后可以对照完整的课程代码：
//! `examples/extra_serial.rs`。
#![forbid(unsafe_code)]
// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Arg;
use socket_workbook::args::{DEFAULT_CLIENTS, id, shown};
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit, print_read};
use socket_workbook::{Args, Cli, Failed, report, text};
use socket2::{Domain, Protocol, Socket, Type};

/// How long to wait for the client to close its side after ours.
const LINGER: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    let args = Cli::server("exercise_serial")
        .arg(
            Arg::new(id::CLIENTS)
                .long("clients")
                .value_name("N")
                .default_value(shown(DEFAULT_CLIENTS))
                .value_parser(clap::value_parser!(u32).range(1..))
                .help(text::extras::help_clients()),
        )
        .parse();
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

    let clients = args.clients();

    // TODO (exercise serial): write the new part here.
    // Serve `clients` clients one after another: for each number from 1 to `clients`,
    // print text::extras::serving_client(number, clients) and call serve_one(&server,
    // local)?.
    // 一个接一个地服务 clients 个客户端：对从 1 到 clients 的每个 number，打印
    // text::extras::serving_client(number, clients)，然后调用 serve_one(&server, local)?。
    // Lesson: README.md, "Exercises"
    // Hint: cargo run -- hint serial; check: cargo run -- check serial

    // The listening socket: no new client can connect, and the port is free again.
    drop(server);
    println!("{}", text::closed_listener(local));
    Ok(())
}

/// One client, from accept to close: steps 4 to 7.
fn serve_one(server: &Socket, local: SocketAddr) -> anyhow::Result<()> {
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
    Ok(())
}
