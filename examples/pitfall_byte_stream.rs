//! Pitfall — TCP is a byte stream (粘包/半包): writes do not arrive as messages.
//!
//! A client writes `hello`, `world` and `exit` in three quick calls. TCP keeps the
//! bytes in order but not the boundaries between the writes: here all 14 bytes arrive
//! in one read, `helloworldexit`. The lesson's loop compares each read with `exit`
//! (`if data == 'exit': break`), never sees it, and would wait forever; this demo stops
//! waiting after a short timeout. The fix: frame the messages, here one per line
//! (`exit\n`), and cut the bytes at each `\n` whatever the reads bring.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_byte_stream               # the mistake
//! cargo run --example pitfall_byte_stream -- --fixed    # the fix
//! ```
//!
//! Lesson: step 5's loop (示例2, `if data == 'exit': break`); docs/en/pitfall_byte_stream.md,
//! docs/zh/pitfall_byte_stream.md; README, "Pitfalls lab".

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::message::show;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say, stranger};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

/// How long the mistaken server waits for an `exit` that will never come on its own.
const GIVE_UP: Duration = Duration::from_millis(300);

fn main() -> ExitCode {
    let args = Cli::new("pitfall_byte_stream")
        .arg(
            Arg::new(id::FIXED)
                .long("fixed")
                .action(ArgAction::SetTrue)
                .help(pitfalls::help_fixed()),
        )
        .parse();
    report(run(args.fixed()))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    outln!("{}", pitfalls::mode(fixed));

    // Steps 1 to 3: socket, bind, listen, on a free port of this computer.
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    server.listen(1).with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;
    outln!("{}", text::listening_on(local));

    // The client's three messages: bare words as in the lesson, or one line each (the
    // fix: a `\n` marks where each message ends).
    let messages: [&str; 3] = if fixed {
        ["hello\n", "world\n", "exit\n"]
    } else {
        ["hello", "world", "exit"]
    };
    let total: usize = messages.iter().map(|message| message.len()).sum();

    // The client connects first: the kernel completes the handshake and queues the
    // connection (step 3), so accept returns at once. Client and server take turns in
    // this one thread: a few bytes fit in the kernel's buffers, so no write waits.
    let mut client =
        TcpStream::connect_timeout(&local, DEADLINE).with_context(|| Failed::Connect(local))?;
    // Step 4: accept.
    // Step 4: accept, the demo's own client only: on a shared machine another program
    // may connect to the printed port first (see `stranger`).
    let own = client.local_addr().context(Failed::Query)?;
    let (conn, peer) = stranger::accept_own(own, || {
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        Ok((conn, peer.as_socket().context(Failed::Query)?))
    })?;
    let mut conn = TcpStream::from(conn);
    conn.set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(peer))?;

    // The client: three write calls, one per message, in quick succession.
    for message in messages {
        // Python: client.send(message.encode("UTF-8"))
        client
            .write_all(message.as_bytes())
            .with_context(|| Failed::Send(local))?;
    }
    let writes = messages.len();
    say!(
        "the client wrote {writes} messages with {writes} write calls, {total} bytes in all, before the server's first read",
        "在服务端第一次读取之前，客户端已经用 {writes} 次 write 调用写出了 {writes} 条消息，共 {total} 字节"
    );

    // The server reads only after the client has written all three, as a server that
    // is busy for a moment does. Waiting until the bytes are there, without taking
    // them (peek), makes the demo the same on every run.
    wait_until_arrived(&conn, total).with_context(|| Failed::Recv(peer))?;
    let reads = if fixed {
        read_lines(&mut conn, peer)?
    } else {
        read_like_the_lesson(&mut conn, peer)?
    };
    let s = if reads == 1 { "" } else { "s" };
    say!(
        "{writes} writes arrived in {reads} read{s}: TCP keeps the order of the bytes, not the boundaries between writes",
        "{writes} 次写入在 {reads} 次读取中到达：TCP 保证字节的顺序，但不保留每次写入之间的边界"
    );
    // The client stayed connected all along, as a client waiting for a reply does.
    drop(client);
    Ok(())
}

// New in this lesson: the lesson's loop, and the fix: cut at each `\n`.
/// The lesson's loop: each read is taken as one message and compared with `exit`.
/// Returns how many reads brought bytes.
fn read_like_the_lesson(conn: &mut TcpStream, peer: SocketAddr) -> anyhow::Result<usize> {
    let mut buffer = [0u8; 1024];
    let mut reads = 0;
    // Unlike the lesson, this loop gives up after a while: see `GIVE_UP`.
    conn.set_read_timeout(Some(GIVE_UP))
        .with_context(|| Failed::Recv(peer))?;
    loop {
        // Python: data = conn.recv(1024).decode("UTF-8")
        let n = match conn.read(&mut buffer) {
            Ok(n) => n,
            // The timeout shows as WouldBlock on Unix and TimedOut on Windows.
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                let ms = GIVE_UP.as_millis();
                say!(
                    "nothing more arrives within {ms} ms, and no read was `exit`: the `exit` came glued to the other words, so the lesson's server would wait here forever; this demo stops",
                    "{ms} 毫秒内没有再收到数据，也没有哪次读到的正好是 `exit`：`exit` 和前面的词粘在了一起，课程里的服务端会在这里永远等下去；本演示到此停止"
                );
                return Ok(reads);
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        if n == 0 {
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            return Ok(reads);
        }
        reads += 1;
        let shown = show(&buffer[..n]);
        let s = if n == 1 { "" } else { "s" };
        say!("received {n} byte{s}: {shown}", "收到 {n} 字节：{shown}");
        // Python: if data == 'exit': break
        if &buffer[..n] == b"exit" {
            say!(
                "the message is `exit`: the server stops",
                "这条消息是 `exit`：服务端随即停止"
            );
            return Ok(reads);
        }
        say!(
            "that read is not `exit`, so the lesson's loop reads again",
            "这次读到的不是 `exit`，所以课程里的循环会接着读"
        );
    }
}

/// The fix: the bytes are cut at each `\n`, however the reads split them. Returns how
/// many reads brought bytes.
fn read_lines(conn: &mut TcpStream, peer: SocketAddr) -> anyhow::Result<usize> {
    let mut buffer = [0u8; 1024];
    let mut reads = 0;
    // What has arrived but does not end in `\n` yet: the start of the next message.
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let n = conn.read(&mut buffer).with_context(|| Failed::Recv(peer))?;
        if n == 0 {
            say!(
                "the client closed the connection (recv returned 0 bytes): ending the session",
                "客户端关闭了连接（recv 返回了 0 字节）：结束会话"
            );
            return Ok(reads);
        }
        reads += 1;
        let shown = show(&buffer[..n]);
        let s = if n == 1 { "" } else { "s" };
        say!("received {n} byte{s}: {shown}", "收到 {n} 字节：{shown}");
        pending.extend_from_slice(&buffer[..n]);
        // Each `\n` ends one message; the bytes after the last one wait for more.
        // std: `BufReader::read_line` does the same cutting.
        while let Some(end) = pending.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let message = &line[..end];
            let shown = show(message);
            say!("message: {shown}", "消息：{shown}");
            if message == b"exit" {
                say!(
                    "the message is `exit`: the server stops",
                    "这条消息是 `exit`：服务端随即停止"
                );
                return Ok(reads);
            }
        }
    }
}
// End of the new part.

/// Waits until `expected` bytes have arrived, without taking them: `peek` is a read
/// that leaves the bytes where they are. Gives up at `DEADLINE`.
fn wait_until_arrived(conn: &TcpStream, expected: usize) -> std::io::Result<()> {
    let mut buffer = vec![0u8; expected];
    let deadline = Instant::now() + DEADLINE;
    loop {
        // peek blocks until at least one byte is there (0 means the client closed), so
        // this loop only turns while the last bytes are on their way.
        let n = conn.peek(&mut buffer)?;
        if n == 0 || n >= expected || Instant::now() >= deadline {
            return Ok(());
        }
        // A pause, so that the last bytes can come.
        thread::sleep(Duration::from_millis(1));
    }
}
