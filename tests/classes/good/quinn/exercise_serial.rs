
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Arg;
use socket_workbook::args::{DEFAULT_CLIENTS, id, shown};
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding};
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};
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
                .value_parser(clap::value_parser!(u32).range(1..=10_000))
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
    outln!("{}", text::listening_on(local));

    let clients = args.clients();

    let mut k = 0;
    while k < clients {
        k += 1;
        println!("[{k}/{clients}]");
        serve_one(&server, local)?;
    }

    // The listening socket: no new client can connect, and the port is free again.
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听 socket：{local} 已释放，可以再次使用"
    );
    Ok(())
}

/// One client, from accept to close: steps 4 to 7.
fn serve_one(server: &Socket, local: SocketAddr) -> anyhow::Result<()> {
    // Step 4: accept.
    say!(
        "waiting for a client: accept() blocks until one connects",
        "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
    );
    let (mut conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
    let peer = peer.as_socket().context(Failed::Query)?;
    say!(
        "accepted connection from {peer}",
        "接收到客户端连接，连接来自：{peer}"
    );

    // Step 5: recv, until the client sends exit or closes.
    let mut buffer = [0u8; 1024];
    let mut decoder = Utf8Stream::new();
    loop {
        let n = match conn.read(&mut buffer) {
            Ok(n) => n,
            Err(error) if peer_left(&error) => {
                say!(
                    "the client reset the connection (it closed with data unread, or its program ended abruptly): ending the session",
                    "客户端重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）：结束会话"
                );
                break;
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        if n == 0 {
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            break;
        }
        let data = decoder.decode(&buffer[..n]);
        let shown = &data.shown;
        let s = plural(n);
        say!("received {n} byte{s}: {shown}", "收到 {n} 字节：{shown}");
        // A character that this read cut: its first bytes wait for the next read.
        if data.carried > 0 {
            let carried = data.carried;
            let s = plural(carried);
            say!(
                "  ({carried} byte{s} of a character cut by this read wait for the next read)",
                "  （有一个字符被本次读取截断，已收到的 {carried} 个字节留到下一次读取时拼接）"
            );
        }
        // Bytes that are not UTF-8: a warning, on stderr.
        if data.invalid > 0 {
            let invalid = data.invalid;
            let s = plural(invalid);
            let are = if invalid == 1 { "is" } else { "are" };
            warn!(
                "warning: {invalid} byte{s} {are} not valid UTF-8, shown as \\xNN; does the client send another encoding, such as GBK? set it to UTF-8",
                "警告：有 {invalid} 个字节不是有效的 UTF-8，已显示为 \\xNN；客户端是不是用了别的编码（比如 GBK）？请把客户端设置为 UTF-8"
            );
        }
        if is_exit(&data.text) {
            say!(
                "the client sent exit: ending the session",
                "客户端发送了 exit：结束会话"
            );
            break;
        }

        // Step 6: send the reply the operator types.
        say!(
            "type a reply and press Enter (exit ends the session):",
            "请输入回复消息，按回车发送（输入 exit 结束会话）："
        );
        // Decoded as UTF-8; bytes that are not get a warning, not the end of the session.
        let Some(reply) = lines::stdin_line(Encoding::Utf8).context(Failed::Stdin)? else {
            say!(
                "stdin closed: no more replies, ending the session",
                "标准输入已关闭：不再回复，结束会话"
            );
            break;
        };
        if is_exit(&reply.text) {
            say!(
                "you typed exit: ending the session",
                "你输入了 exit：结束会话"
            );
            break;
        }
        let reply = format!("{}\n", reply.text);
        match conn.write_all(reply.as_bytes()) {
            Ok(()) => {
                let bytes = reply.len();
                let s = plural(bytes);
                say!("sent {bytes} byte{s}", "已发送 {bytes} 字节");
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
    }
    let cut = decoder.finish();
    if cut > 0 {
        let s = plural(cut);
        let are = if cut == 1 { "is" } else { "are" };
        warn!(
            "warning: the connection ended in the middle of a character; its {cut} byte{s} {are} dropped",
            "警告：连接在一个字符的中途结束了，已收到的 {cut} 个字节被丢弃"
        );
    }

    // Step 7: close, in three moves.
    // Python: conn.close()
    //         socket_server.close()
    //
    // 1. shutdown(2) the sending side. The kernel sends a FIN after the last reply: the
    //    client's next read returns 0 bytes, end-of-stream, and it knows we are done.
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            say!(
                "shut down the sending side: the client reads end-of-stream",
                "已关闭发送方向（shutdown）：客户端会读到数据流结束"
            );
            // 2. Wait for the client to close its side, reading and dropping whatever it
            //    still sends. Closing with bytes unread would make the kernel send a reset
            //    (RST) instead, and the client could lose our last reply
            //    (pitfall_reset_on_close).
            //    The wait is a deadline, not a timeout per read: a client that
            //    trickles a byte a second must not keep us here for longer.
            let deadline = Instant::now() + LINGER;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                let read = if left.is_zero() {
                    Err(ErrorKind::TimedOut.into())
                } else {
                    conn.set_read_timeout(Some(left))
                        .and_then(|()| conn.read(&mut buffer))
                };
                match read {
                    Ok(0) => {
                        say!("the client closed its side too", "客户端也关闭了它那一端");
                        break;
                    }
                    Ok(_) => continue,
                    // The timeout shows as WouldBlock on Unix and TimedOut on Windows.
                    Err(error)
                        if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                    {
                        let seconds = LINGER.as_secs();
                        say!(
                            "the client did not close its side within {seconds} s: closing anyway",
                            "客户端在 {seconds} 秒内没有关闭它那一端：不再等待，直接关闭"
                        );
                        break;
                    }
                    Err(error) if peer_left(&error) => break,
                    Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
                }
            }
        }
        // After a reset there is no connection left to shut down.
        Err(error) if error.kind() == ErrorKind::NotConnected => {
            say!(
                "the connection is already closed: nothing to shut down",
                "连接已经关闭了：无需再关闭发送方向"
            );
        }
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    }

    // 3. close(2): dropping a socket closes it. Python's close() is this drop.
    //    std: `TcpStream` and `TcpListener` close the same way, when dropped.
    drop(conn);
    say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
    Ok(())
}
