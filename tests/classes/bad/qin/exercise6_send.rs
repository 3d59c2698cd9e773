
use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::lines::{self, Encoding};
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::text::plural;
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = Cli::server("exercise6_send").parse();
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

        match answer(&mut conn)? {
            Answer::Sent(size) => println!("-> {size} bytes out"),
            Answer::Stop => break,
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

    // Dropping `conn` closes the connection; step 7 shows closing in detail.
    say!(
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）"
    );
    drop(conn);
    Ok(())
}

/// What became of one reply.
enum Answer {
    Sent(usize),
    Stop,
}

/// Asks the operator for a reply and sends it.
fn answer(conn: &mut Socket) -> anyhow::Result<Answer> {
    println!("Your answer?");
    let line = loop {
        if let Some(line) = lines::stdin_line(Encoding::Utf8).context("stdin")? {
            break line;
        }
        print!("Your answer? ");
    };
    if is_exit(&line.text) {
        println!("bye (operator)");
        return Ok(Answer::Stop);
    }
    let payload = format!("{}\n", line.text);
    match conn.write_all(payload.as_bytes()) {
        Ok(()) => Ok(Answer::Sent(payload.len())),
        Err(e) if peer_left(&e) => {
            println!("peer vanished");
            Ok(Answer::Stop)
        }
        Err(e) => Err(e.into()),
    }
}
