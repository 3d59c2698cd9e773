//! Exercise e2: write the new part of `example2_server` yourself.
//!
//! This is `examples/example2_server.rs` with its new part taken out. The comment marked
//! TODO says what to write. Run it as you ran the lesson:
//!
//! ```text
//! cargo run --example exercise_example2_server
//! ```
//!
//! Check it: `cargo run -- check e2`. A hint: `cargo run -- hint e2`. Start
//! again: `cargo run -- reset e2`. The finished lesson, to compare once you are
//! done: `examples/example2_server.rs`.
//!
//! 练习 e2：亲手写出 `example2_server` 中新增的部分，标有 TODO 的注释说明了要写什么。
//! 检查：`cargo run -- check e2`；提示：`cargo run -- hint e2`；
//! 重新开始：`cargo run -- reset e2`；写完后可以对照完整的课程代码：
//! `examples/example2_server.rs`。

// Until you write your part, some names stay unused.
#![allow(unused)]

use std::io::{ErrorKind, Read, Write};
use std::mem::MaybeUninit;
use std::net::{Shutdown, SocketAddr};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Frame, LineFramer, QUIET};
use socket_workbook::message::is_exit;
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, outln, prompt, report, say, text, warn, words};
use socket2::{Domain, Protocol, Socket, Type};

/// How long to wait for the client to close its side after ours: a deadline that
/// what the client still sends does not move.
const LINGER: Duration = Duration::from_secs(2);

/// How much of what a waiting client already sent is read, at most, before its
/// socket closes: enough for any greeting, and a client that floods cannot hold the
/// server (bytes and time).
const DRAIN_BYTES: usize = 64 * 1024;
const DRAIN_TIME: Duration = Duration::from_millis(100);

fn main() -> ExitCode {
    let args = Cli::line_server("exercise_example2_server").parse();
    report(run(&args))
}

/// How a session ended.
#[derive(PartialEq)]
enum End {
    /// The client or the operator ended it, or the client left.
    Session,
    /// The operator's input ended: no more replies, so no more sessions either.
    Input,
}

/// How the client left.
#[derive(Clone, Copy)]
enum Left {
    /// It closed its side: a read returned 0 bytes.
    Closed,
    /// It reset the connection.
    Reset,
}

fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;
    let explain = args.explain();

    // Python: socket_server = socket.socket()
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Python: socket_server.bind(("localhost", 8888))
    // SO_REUSEADDR: restart at once on the same port (not on Windows; see step 2).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // Python: socket_server.listen(1)
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));

    loop {
        // Python: conn, address = socket_server.accept()
        if explain {
            say!(
                "waiting for a client: accept() blocks until one connects",
                "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上"
            );
        }
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        let peer = peer.as_socket().context(Failed::Query)?;
        // Python: print(f"接收到客户端连接，连接来自: {address}")
        say!(
            "accepted connection from {peer}",
            "接收到客户端连接，连接来自: {peer}"
        );
        if explain {
            say!(
                "after each message, type a reply and press Enter; exit, typed by you or sent by the client, ends the session",
                "每收到一条消息，输入回复后按回车发送；你输入 exit 或者客户端发送 exit 都会结束会话"
            );
        }

        let end = serve(&conn, peer, args)?;

        // Python: conn.close()
        close(conn, peer, explain)?;
        // The lesson serves one client; --keep-serving goes back to accept.
        if end == End::Input || !args.keep_serving() {
            break;
        }
    }

    // Clients may have connected while we served one: the kernel completed their
    // handshake (the backlog), and they wait. Closing the listening socket would reset
    // them; tell them instead.
    tell_waiting_clients(&server)?;
    // Python: socket_server.close()
    drop(server);
    if explain {
        say!(
            "closed the listening socket: {local} is free again (for a program without SO_REUSEADDR, such as netAssist in TCP Server mode, only after about a minute: TIME_WAIT)",
            "已关闭监听 socket：{local} 已释放，可以再次使用（没有设置 SO_REUSEADDR 的程序，例如 TCP Server 模式的 netAssist，要等大约一分钟：TIME_WAIT）"
        );
    }
    Ok(())
}

/// The conversation with one client: each message it sends is printed, and answered
/// with a line the operator types.
fn serve(mut conn: &Socket, peer: SocketAddr, args: &Args) -> anyhow::Result<End> {
    let encoding = args.encoding();
    let limit = args.max_line();
    let explain = args.explain();
    let mut buffer = [0u8; 1024];
    let mut framer = LineFramer::new(limit);
    let mut told_the_rule = false;
    loop {
        // Messages, not reads. With nothing waiting, a read waits
        // for as long as the client is silent. Once bytes wait for a line ending, the
        // read waits QUIET more: if nothing comes, they are one message (a click of
        // netAssist's 发送); if more comes, the wait starts again.
        let waiting = framer.pending() > 0;
        conn.set_read_timeout(waiting.then_some(QUIET))
            .with_context(|| Failed::Recv(peer))?;
        // Python: data = conn.recv(1024).decode("UTF-8")
        let (frames, unended, mut left) = match conn.read(&mut buffer) {
            // 0 bytes: the client closed its side; what waited is its last message.
            Ok(0) => (
                framer.take_unended().into_iter().collect(),
                true,
                Some(Left::Closed),
            ),
            Ok(n) => (framer.push(&buffer[..n]), false, None),
            // The timeout shows as WouldBlock on Unix and TimedOut on Windows.
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                (framer.take_unended().into_iter().collect(), true, None)
            }
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) if peer_left(&error) => (
                framer.take_unended().into_iter().collect(),
                true,
                Some(Left::Reset),
            ),
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        for frame in frames {
            let line = match frame {
                Frame::Line(line) => line,
                Frame::TooLong(start) => {
                    warn!(
                        "warning: a message longer than {limit} bytes arrived; it is cut to its first {limit} bytes and the rest of its line is dropped (--max-line sets the limit)",
                        "警告：收到一条超过 {limit} 字节的消息；只保留前 {limit} 字节，这一行的其余部分被丢弃（上限可以用 --max-line 设置）"
                    );
                    start
                }
            };
            let data = encoding.decode(&line);
            let shown = &data.shown;
            // TODO (exercise e2): write the new part here.
            // The client's "exit" ends the session too: when `is_exit(&data.text)` holds, say that
            // the client ended it and return `End::Session` inside Ok, without asking for a reply.
            // Only the whole message "exit" (alone or with its line ending) ends it, never a
            // message that only contains the word. Your own words: the checker sends "exit" in
            // four ways and watches the session end.
            // Python: if data == 'exit': break
            // 客户端发送 "exit" 也会结束会话：当 `is_exit(&data.text)` 成立时，说明是客户端结束了
            // 会话，然后返回包在 Ok 里的 `End::Session`，不再请求输入回复。只有整条消息是 "exit"（
            // 单独一个，或者带换行符）才结束，只是包含这个单词的消息不算。措辞由你决定：检查会用四
            // 种方式发送 "exit"，并观察会话是否结束。
            // Lesson: docs/en/example2_server.md, docs/zh/example2_server.md
            // Hint: cargo run -- hint e2; check: cargo run -- check e2

            // Python: print("接收到发送来的数据: ", data)
            say!("received: {shown}", "接收到发送来的数据: {shown}");
            // The mark of a message with no line ending, on stderr, so that stdout
            // stays the lesson's transcript; the rule is told the first time.
            if unended && told_the_rule {
                warn!("  (no line ending)", "  （没有换行符）");
            } else if unended {
                let ms = QUIET.as_millis();
                warn!(
                    "  (no line ending: taken as one message, since nothing followed it for {ms} ms; a line ending (\\n) ends a message at once; why no rule is perfect: pitfall_byte_stream)",
                    "  （没有换行符：{ms} 毫秒内没有更多数据，所以算作一条消息；换行符（\\n）会立即结束一条消息；为什么没有完美的规则：见 pitfall_byte_stream）"
                );
                told_the_rule = true;
            }
            if data.looks_like_gbk {
                warn!(
                    "warning: this message is not UTF-8 but reads as GBK: does the client send GBK (netAssist sends UTF-8)? run the server with `--encoding gbk`, or set the client to UTF-8",
                    "警告：这条消息不是 UTF-8，但可以按 GBK 解码：客户端发送的是 GBK 吗（netAssist 发送的是 UTF-8）？请用 `--encoding gbk` 运行服务端，或者把客户端设置为 UTF-8"
                );
            } else if data.invalid {
                let name = encoding.name();
                warn!(
                    "warning: this message is not valid {name}: its other bytes are shown as \\xNN or �",
                    "警告：这条消息不是有效的 {name}：无法解码的字节显示为 \\xNN 或 �"
                );
            }

            // A client that has left gets no reply: do not ask for one (its other
            // messages are still printed). It may have
            // left while we printed: look without waiting (Python:
            // conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)).
            if left.is_none() {
                left = left_meanwhile(conn, peer)?;
            }
            if left.is_some() {
                continue;
            }

            // Python: reply = input("请输入回复消息: ").encode("UTF-8")
            prompt!("type a reply: ", "请输入回复消息: ");
            let Some(reply) = lines::stdin_line(encoding).context(Failed::Stdin)? else {
                // Ctrl+D (Ctrl+Z on Windows) leaves the prompt's line open.
                outln!();
                say!(
                    "stdin closed: no more replies, ending the session",
                    "标准输入已关闭：不再回复，结束会话"
                );
                return Ok(End::Input);
            };
            if is_exit(&reply.text) {
                say!(
                    "you typed exit: ending the session",
                    "你输入了 exit：结束会话"
                );
                return Ok(End::Session);
            }
            // Python: conn.send(reply)
            // One line, ending in "\n", encoded as the client expects; write_all sends all
            // of it (Python's sendall).
            let mut message = encoding.encode(&reply.text).into_owned();
            message.push(b'\n');
            match conn.write_all(&message) {
                Ok(()) => {
                    if explain {
                        let bytes = message.len();
                        let s = plural(bytes);
                        say!("sent {bytes} byte{s}", "已发送 {bytes} 字节");
                    }
                }
                Err(error) if peer_left(&error) => {
                    say!(
                        "the client left before the reply could be delivered: ending the session",
                        "客户端在回复送达之前就离开了：结束会话"
                    );
                    return Ok(End::Session);
                }
                Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
            }
        }
        match left {
            Some(Left::Closed) => {
                say!(
                    "the client left: it closed the connection (recv returned 0 bytes); ending the session",
                    "客户端已离开：它关闭了连接（recv 返回了 0 字节）；结束会话"
                );
                return Ok(End::Session);
            }
            Some(Left::Reset) => {
                say!(
                    "the client left: it reset the connection (it closed with data unread, or its program ended abruptly); ending the session",
                    "客户端已离开：它重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）；结束会话"
                );
                return Ok(End::Session);
            }
            None => {}
        }
    }
}

/// Whether the client has left, without waiting: a peek at the next byte that
/// returns at once. The byte, if any, stays for the next read.
fn left_meanwhile(conn: &Socket, peer: SocketAddr) -> anyhow::Result<Option<Left>> {
    conn.set_nonblocking(true)
        .with_context(|| Failed::Recv(peer))?;
    let mut next = [MaybeUninit::<u8>::uninit(); 1];
    let peeked = conn.peek(&mut next);
    conn.set_nonblocking(false)
        .with_context(|| Failed::Recv(peer))?;
    match peeked {
        Ok(0) => Ok(Some(Left::Closed)),
        Ok(_) => Ok(None),
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
            ) =>
        {
            Ok(None)
        }
        Err(error) if peer_left(&error) => Ok(Some(Left::Reset)),
        Err(error) => Err(error).with_context(|| Failed::Recv(peer)),
    }
}

/// Closes a connection as step 7 does: shutdown the sending side, wait until a
/// deadline for the client to close its side, then close.
fn close(conn: Socket, peer: SocketAddr, explain: bool) -> anyhow::Result<()> {
    match conn.shutdown(Shutdown::Write) {
        Ok(()) => {
            if explain {
                say!(
                    "shut down the sending side: the client reads end-of-stream",
                    "已关闭发送方向（shutdown）：客户端会读到数据流结束"
                );
            }
            // What the client still sends is read and dropped, but it does not move
            // the deadline: a client that trickles a byte a second cannot hold us.
            let deadline = Instant::now() + LINGER;
            let mut buffer = [0u8; 1024];
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                let read = if left.is_zero() {
                    Err(ErrorKind::TimedOut.into())
                } else {
                    conn.set_read_timeout(Some(left))
                        .with_context(|| Failed::Recv(peer))?;
                    (&conn).read(&mut buffer)
                };
                match read {
                    Ok(0) => {
                        if explain {
                            say!("the client closed its side too", "客户端也关闭了它那一端");
                        }
                        break;
                    }
                    Ok(_) => continue,
                    Err(error) if error.kind() == ErrorKind::Interrupted => continue,
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
            if explain {
                say!(
                    "the connection is already closed: nothing to shut down",
                    "连接已经关闭了：无需再关闭发送方向"
                );
            }
        }
        Err(error) => return Err(error).with_context(|| Failed::Shutdown(peer)),
    }
    drop(conn);
    if explain {
        say!("closed the connection to {peer}", "已关闭与 {peer} 的连接");
    }
    Ok(())
}

/// Accepts the clients that wait in the backlog, without blocking, and tells each in
/// one line that the server is closing.
fn tell_waiting_clients(server: &Socket) -> anyhow::Result<()> {
    let local = server.local_addr().ok().and_then(|addr| addr.as_socket());
    let local = local.context(Failed::Query)?;
    // Non-blocking: accept returns WouldBlock at once when no one waits.
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Accept(local))?;
    loop {
        let (waiting, peer) = match server.accept() {
            Ok(client) => client,
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(()),
            Err(error) if peer_left(&error) => continue,
            Err(error) => return Err(error).with_context(|| Failed::Accept(local)),
        };
        let Some(peer) = peer.as_socket() else {
            continue;
        };
        // Some systems (macOS, BSD) hand the listener's non-blocking mode on to the
        // accepted socket; the notice is short, but send it in blocking mode anyway.
        waiting
            .set_nonblocking(false)
            .with_context(|| Failed::Send(peer))?;
        let notice = words!(
            "the server is closing: it served one client, as the lesson's server does (run it with --keep-serving to serve clients one after another)\n",
            "服务端正在关闭：它和课程里的服务端一样只服务一个客户端（用 --keep-serving 运行它，就能一个接一个地服务客户端）\n"
        );
        match (&waiting).write_all(notice.as_bytes()) {
            Ok(()) => {
                say!(
                    "told {peer}, which was waiting to be served, that the server is closing",
                    "已通知正在等待的客户端 {peer}：服务端正在关闭"
                );
            }
            Err(error) if peer_left(&error) => continue,
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        }
        // Read what it already sent, so that closing sends an orderly FIN, not a reset
        // that could destroy the notice before the client reads it (pitfall_reset_on_close).
        // Bounded in bytes and time: a client that never stops sending cannot hold us.
        waiting
            .set_nonblocking(true)
            .with_context(|| Failed::Recv(peer))?;
        let mut buffer = [0u8; 1024];
        let (mut drained, until) = (0, Instant::now() + DRAIN_TIME);
        while drained < DRAIN_BYTES && Instant::now() < until {
            match (&waiting).read(&mut buffer) {
                Ok(n) if n > 0 => drained += n,
                Err(error) if error.kind() == ErrorKind::Interrupted => continue,
                _ => break,
            }
        }
        let _ = waiting.shutdown(Shutdown::Write);
    }
}
