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

use std::io::{ErrorKind, Write};
use std::net::Shutdown;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::pitfall::{self, DEADLINE};
use socket_workbook::text::pitfalls;
use socket_workbook::{Failed, report, say};

/// The message: 1 MiB, far more than the buffers (SO_SNDBUF, SO_RCVBUF) of 4 KiB hold.
const MESSAGE: usize = 1 << 20;
const SMALL_BUFFER: usize = 4096;

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_partial_write").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // Steps 1 to 3 on a free port (src/pitfall.rs).
    let (server, local) = pitfall::listen()?;
    // A message whose every byte can be checked: 0, 1, … 250, 0, 1, …
    let message: Vec<u8> = (0..MESSAGE).map(|i| (i % 251) as u8).collect();
    say!(
        "the server sends one message of {MESSAGE} bytes with one send call, to a client that does not read yet",
        "服务端用一次 send 调用发送一条 {MESSAGE} 字节的消息，而客户端暂时还不读"
    );
    // The client, with SO_RCVBUF small before it connects; step 4 for it only; and it
    // is a slow reader, that reads only when it is told to (src/pitfall.rs).
    let client = pitfall::client_with_receive_buffer(SMALL_BUFFER)?;
    let (client, mut conn, peer) = pitfall::connect_own(&server, local, client)?;
    let (go, reading) = pitfall::slow_reader(client);
    // SO_SNDBUF: how much the kernel keeps for this connection's unsent bytes.
    conn.set_send_buffer_size(SMALL_BUFFER)
        .with_context(|| pitfalls::failed_option("SO_SNDBUF", peer))?;
    let size = conn.send_buffer_size().unwrap_or(0);
    say!(
        "SO_SNDBUF: asked for {SMALL_BUFFER} bytes, the system gave {size}",
        "SO_SNDBUF：请求 {SMALL_BUFFER} 字节，系统实际给了 {size} 字节"
    );
    // Non-blocking: a send takes what fits now and returns at once.
    conn.set_nonblocking(true)
        .with_context(|| pitfalls::failed_option("O_NONBLOCK", peer))?;

    // New in this lesson: one send(2), and the fix: write_all.
    // Python: conn.send(msg) — one call. `write` on a socket2 `Socket` is send(2).
    let taken = match conn.write(&message) {
        Ok(taken) => taken,
        Err(error) if error.kind() == ErrorKind::WouldBlock => 0,
        Err(error) => return Err(error).with_context(|| Failed::Send(peer)),
    };
    say!(
        "send() took {taken} of the {MESSAGE} bytes",
        "send() 实际发送了 {MESSAGE} 字节中的 {taken} 字节"
    );
    let rest = MESSAGE - taken;
    if fixed {
        say!(
            "the fix looks at the number and sends the other {rest} bytes with write_all, which calls send() until every byte is taken",
            "修正后的代码检查返回值，用 write_all 发送剩下的 {rest} 字节：它会反复调用 send()，直到全部发出"
        );
        // Blocking again, each send waits for room; the timeout bounds the wait.
        conn.set_nonblocking(false)
            .and_then(|()| conn.set_write_timeout(Some(DEADLINE)))
            .with_context(|| Failed::Send(peer))?;
        let _ = go.send(());
        conn.write_all(&message[taken..])
            .with_context(|| Failed::Send(peer))?;
    } else if rest > 0 {
        say!(
            "the lesson's code does not look at that number: the other {rest} bytes are never sent",
            "课程里的代码不检查这个返回值：剩下的 {rest} 字节根本没有发出去"
        );
    } else {
        say!(
            "this time send() took the whole message: this system buffered all of it (Windows may); on Linux and macOS it takes less",
            "这一次 send() 就发送了整条消息：这个系统把它全部放进了发送缓冲区（Windows 可能会这样）；在 Linux 和 macOS 上它发送的会更少"
        );
    }
    // End of the new part.
    // The end: the kernel sends what it took, then a FIN.
    let _ = go.send(());
    conn.shutdown(Shutdown::Write)
        .with_context(|| Failed::Shutdown(peer))?;
    drop(conn);
    pitfall::say_how_much_arrived(&message, &pitfall::join(reading)?);
    Ok(())
}
