//! Pitfall — `send` may take fewer bytes than it was given.
//!
//! `send(2)` copies what fits into the kernel's send buffer and returns how many bytes
//! it took. A blocking send on Linux usually waits until it has taken everything, but
//! it returns early on a non-blocking socket, at a send timeout (SO_SNDTIMEO), or when
//! a signal interrupts it; no system promises more than "some bytes". The lesson's
//! `conn.send(...)` ignores the number, so the rest of a long reply is silently never
//! sent. Here the server sends one message of 1 MiB to a client that does not read
//! yet, through small buffers, on a non-blocking socket so that the short send
//! happens on every run. The fix: look at the number and send the rest; `write_all`
//! does that (Python: `sendall`).
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_partial_write               # the mistake
//! cargo run --example pitfall_partial_write -- --fixed    # the fix
//! ```
//!
//! On Windows a non-blocking send may take the whole message at once (Windows can
//! buffer more than SO_SNDBUF); the demo then says so.
//!
//! Lesson: step 6 (`conn.send(msg.encode("UTF-8"))`); docs/en/pitfall_partial_write.md,
//! docs/zh/pitfall_partial_write.md; README, "Pitfalls lab".

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::failure::peer_left;
use socket_workbook::text::{self, pitfalls};
use socket_workbook::{Cli, Failed, outln, report, say, stranger};
use socket2::{Domain, Protocol, Socket, Type};

/// Every blocking step of this demo ends within this time.
const DEADLINE: Duration = Duration::from_secs(5);

/// The message: 1 MiB, far more than the buffers below hold.
const MESSAGE: usize = 1 << 20;

/// The buffer size asked for on both sides (SO_SNDBUF, SO_RCVBUF), in bytes.
const SMALL_BUFFER: usize = 4096;

fn main() -> ExitCode {
    let args = Cli::new("pitfall_partial_write")
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

    // A message whose every byte can be checked: 0, 1, … 250, 0, 1, …
    let message: Vec<u8> = (0..MESSAGE).map(|i| (i % 251) as u8).collect();
    let bytes = MESSAGE;
    say!(
        "the server sends one message of {bytes} bytes with one send call, to a client that does not read yet",
        "服务端用一次 send 调用发送一条 {bytes} 字节的消息，而客户端暂时还不读"
    );

    // The client connects first: the kernel completes the handshake and queues the
    // connection (step 3), so accept returns at once.
    let socket =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    // SO_RCVBUF before connect, so that the window the client offers is small at once.
    socket
        .set_recv_buffer_size(SMALL_BUFFER)
        .with_context(|| pitfalls::failed_option("SO_RCVBUF", local))?;
    socket
        .connect_timeout(&local.into(), DEADLINE)
        .with_context(|| Failed::Connect(local))?;
    let mut stream = TcpStream::from(socket);
    stream
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(local))?;
    // Step 4: accept.
    // Step 4: accept, the demo's own client only: on a shared machine another program
    // may connect to the printed port first (see `stranger`).
    let own = stream.local_addr().context(Failed::Query)?;
    let (mut conn, peer) = stranger::accept_own(own, || {
        let (conn, peer) = server.accept().with_context(|| Failed::Accept(local))?;
        Ok((conn, peer.as_socket().context(Failed::Query)?))
    })?;

    let (go_tx, go_rx) = mpsc::channel();
    thread::scope(|scope| {
        // The client: a slow reader, which reads only when it is told to.
        let client = scope.spawn(move || -> anyhow::Result<Vec<u8>> {
            go_rx
                .recv_timeout(DEADLINE)
                .context(pitfalls::server_gave_up())?;
            let mut received = Vec::new();
            match stream.read_to_end(&mut received) {
                Ok(_) => Ok(received),
                Err(error) if peer_left(&error) => Ok(received),
                Err(error) => Err(error).with_context(|| Failed::Recv(local)),
            }
        });

        // SO_SNDBUF: how much the kernel keeps for this connection's unsent bytes.
        conn.set_send_buffer_size(SMALL_BUFFER)
            .with_context(|| pitfalls::failed_option("SO_SNDBUF", peer))?;
        let size = conn
            .send_buffer_size()
            .with_context(|| pitfalls::failed_option("SO_SNDBUF", peer))?;
        let asked = SMALL_BUFFER;
        say!(
            "SO_SNDBUF: asked for {asked} bytes, the system gave {size}",
            "SO_SNDBUF：请求 {asked} 字节，系统实际给了 {size} 字节"
        );
        // Non-blocking: a send takes what fits now and returns at once.
        conn.set_nonblocking(true)
            .with_context(|| pitfalls::failed_option("O_NONBLOCK", peer))?;

        // New in this lesson: one send(2), and the fix: write_all.
        // Python: conn.send(msg) — one call. `write` on a socket2 `Socket` is send(2).
        let taken = match conn.write(&message) {
            Ok(taken) => taken,
            // Nothing fitted at all.
            Err(error) if error.kind() == ErrorKind::WouldBlock => 0,
            Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
        };
        let total = MESSAGE;
        say!(
            "send() took {taken} of the {total} bytes",
            "send() 实际发送了 {total} 字节中的 {taken} 字节"
        );

        if fixed {
            // The fix: send the rest. `write_all` calls send(2) until every byte is
            // taken; on a blocking socket each call waits for room. The timeout bounds
            // the wait, should the reader never read.
            let rest = MESSAGE - taken;
            say!(
                "the fix looks at the number and sends the other {rest} bytes with write_all, which calls send() until every byte is taken",
                "修正后的代码检查返回值，用 write_all 发送剩下的 {rest} 字节：它会反复调用 send()，直到全部发出"
            );
            conn.set_nonblocking(false)
                .with_context(|| pitfalls::failed_option("O_NONBLOCK", peer))?;
            conn.set_write_timeout(Some(DEADLINE))
                .with_context(|| Failed::Send(peer))?;
            let _ = go_tx.send(());
            conn.write_all(&message[taken..])
                .with_context(|| Failed::Send(peer))?;
        } else if taken < MESSAGE {
            // The lesson's code goes on as if all had been sent.
            let rest = MESSAGE - taken;
            say!(
                "the lesson's code does not look at that number: the other {rest} bytes are never sent",
                "课程里的代码不检查这个返回值：剩下的 {rest} 字节根本没有发出去"
            );
            let _ = go_tx.send(());
        } else {
            say!(
                "this time send() took the whole message: this system buffered all of it (Windows may); on Linux and macOS it takes less",
                "这一次 send() 就发送了整条消息：这个系统把它全部放进了发送缓冲区（Windows 可能会这样）；在 Linux 和 macOS 上它发送的会更少"
            );
            let _ = go_tx.send(());
        }
        // End of the new part.
        // The end: the kernel sends what it took, then a FIN.
        conn.shutdown(Shutdown::Write)
            .with_context(|| Failed::Shutdown(peer))?;
        drop(conn);

        let received = client
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let got = received.len();
        let total = MESSAGE;
        say!(
            "the client read {got} of the {total} bytes",
            "客户端读到了 {total} 字节中的 {got} 字节"
        );
        if !message.starts_with(&received) {
            say!(
                "and they are not the message's first bytes",
                "而且它们并不是消息开头的那些字节"
            );
        }
        if received.len() < MESSAGE {
            let lost = MESSAGE - received.len();
            say!(
                "{lost} bytes never arrived: the message is cut short, and no error said so",
                "有 {lost} 字节始终没有到达：消息被截短了，而且没有任何报错"
            );
        } else {
            say!("every byte arrived, in order", "所有字节都按顺序到达了");
        }
        Ok(())
    })
}
