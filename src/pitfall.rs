//! What every pitfall demo (`examples/pitfall_*.rs`) sets up before its mistake and
//! its fix: the `--fixed` flag and the mode line, a server on a free port of this
//! computer (steps 1–3), the demo's own client, and the server's side of that one
//! connection (step 4).
//!
//! On a shared machine (a classroom server, a lab computer) another program may connect
//! to the printed port first. [`connect_own`] keeps only the connection from the demo's
//! own client: each stranger is said and closed, and a stranger that resets before it
//! is accepted (`ConnectionAborted`, `ConnectionReset`) is passed over, so that it
//! cannot end the demo.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket2::{Domain, Protocol, Socket, Type};

use crate::args::{Args, Cli, id};
use crate::failure::{Failed, peer_left};
use crate::steps::local_addr;
use crate::text::{self, pitfalls};
use crate::{outln, say};

/// A free port of this computer: `127.0.0.1:0`.
pub const ANY_PORT: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));

/// Every blocking step of a demo ends within this time.
pub const DEADLINE: Duration = Duration::from_secs(5);

/// A pitfall's command line: `--fixed` runs the fix instead of the mistake.
pub fn cli(example: &'static str) -> Cli {
    Cli::new(example).arg(
        Arg::new(id::FIXED)
            .long("fixed")
            .action(ArgAction::SetTrue)
            .help(pitfalls::help_fixed()),
    )
}

/// Parses the command line of [`cli`] and prints the mode line; `true` for the fix.
pub fn mode(args: &Args) -> bool {
    let fixed = args.fixed();
    outln!("{}", pitfalls::mode(fixed));
    fixed
}

/// Steps 1 to 3 on a free port of this computer (`127.0.0.1:0`), with a backlog of
/// 1, as the lesson's `listen(1)`; the readiness line is printed.
pub fn listen() -> anyhow::Result<(Socket, SocketAddr)> {
    listen_on(ANY_PORT, 1)
}

/// Steps 1 to 3 at `addr` with `backlog` (no `SO_REUSEADDR`: a demo takes a free
/// port); the readiness line is printed.
pub fn listen_on(addr: SocketAddr, backlog: i32) -> anyhow::Result<(Socket, SocketAddr)> {
    listen_reusing(addr, backlog, false)
}

/// [`listen_on`], with `SO_REUSEADDR` set before bind when `reuse` (pitfall_time_wait).
pub fn listen_reusing(
    addr: SocketAddr,
    backlog: i32,
    reuse: bool,
) -> anyhow::Result<(Socket, SocketAddr)> {
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    if reuse {
        server
            .set_reuse_address(true)
            .with_context(|| Failed::ReuseAddress(addr))?;
    }
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;
    server
        .listen(backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = local_addr(&server)?;
    outln!("{}", text::listening_on(local));
    Ok((server, local))
}

/// A client socket of this computer, bound to a free port already, so that its
/// address is known before it connects (see [`connect_own`]).
pub fn client_socket() -> anyhow::Result<Socket> {
    let socket =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    socket
        .bind(&ANY_PORT.into())
        .with_context(|| Failed::Bind(ANY_PORT))?;
    Ok(socket)
}

/// The demo's own client (`client`, from [`client_socket`]) connects to `server` while
/// step 4 accepts; only the connection from its address is kept: each stranger is said
/// and closed, and one that reset before it was accepted is passed over. Strangers
/// therefore cannot fill a backlog of 1 before our client, nor end the demo. Every
/// wait ends within [`DEADLINE`]. Returns the client, the server's side of its
/// connection and the client's address.
pub fn connect_own(
    server: &Socket,
    local: SocketAddr,
    client: Socket,
) -> anyhow::Result<(TcpStream, Socket, SocketAddr)> {
    let own = local_addr(&client)?;
    let connecting = std::thread::spawn(move || {
        client
            .connect_timeout(&local.into(), DEADLINE)
            .map(|()| TcpStream::from(client))
    });
    // accept, too, waits DEADLINE at most (SO_RCVTIMEO), should our client never come.
    server
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Accept(local))?;
    let accepted = accept_own(server, local, own);
    let client = join(connecting).with_context(|| Failed::Connect(local))?;
    let (conn, peer) = accepted?;
    client
        .set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(local))?;
    conn.set_read_timeout(Some(DEADLINE))
        .with_context(|| Failed::Recv(peer))?;
    Ok((client, conn, peer))
}

/// Step 4 for the demo's own client only: accepts until the connection from `own`
/// arrives; strangers are said and closed.
fn accept_own(
    server: &Socket,
    local: SocketAddr,
    own: SocketAddr,
) -> anyhow::Result<(Socket, SocketAddr)> {
    loop {
        let (conn, peer) = match server.accept() {
            Ok(accepted) => accepted,
            // A stranger that connected and reset before we accepted it.
            Err(error) if peer_left(&error) => continue,
            Err(error) => return Err(error).with_context(|| Failed::Accept(local)),
        };
        match peer.as_socket() {
            Some(peer) if peer == own => return Ok((conn, peer)),
            Some(peer) => say!(
                "a stranger connected from `{peer}`, not this demo's own client `{own}`: closed it, waiting for our own",
                "有陌生的程序从 `{peer}` 连了进来，不是本演示自己的客户端 `{own}`：已关闭它，继续等待自己的客户端"
            ),
            None => {}
        }
    }
}

/// The whole common setup: [`listen`], then [`connect_own`]; from then on client and
/// server take turns in one thread.
/// Returns the client, the server's side of its connection (std's stream; for the
/// options only socket2 has, `Socket::from(conn)`), the server's address and the
/// client's. The listening socket is closed: a demo that needs it calls the three.
pub fn pair() -> anyhow::Result<(TcpStream, TcpStream, SocketAddr, SocketAddr)> {
    let (server, local) = listen()?;
    let (client, conn, peer) = connect_own(&server, local, client_socket()?)?;
    Ok((client, TcpStream::from(conn), local, peer))
}

/// Step 4 for the connections already queued: accepts, without blocking, until `want`
/// are taken or `within` has passed, and returns them. (std has no accept with a
/// timeout; a real server blocks in accept, or waits with poll/epoll.)
pub fn accept_queued(
    server: &Socket,
    local: SocketAddr,
    want: usize,
    within: Duration,
) -> anyhow::Result<Vec<Socket>> {
    server
        .set_nonblocking(true)
        .with_context(|| pitfalls::failed_option("O_NONBLOCK", local))?;
    let mut accepted = Vec::new();
    let deadline = std::time::Instant::now() + within;
    while accepted.len() < want && std::time::Instant::now() < deadline {
        match server.accept() {
            Ok((conn, _peer)) => accepted.push(conn),
            // The queue is empty for now: look again in a moment.
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(error) if peer_left(&error) => {}
            Err(error) => return Err(error).with_context(|| Failed::Accept(local)),
        }
    }
    Ok(accepted)
}

/// Says what one read brought, as step 5 does: `received 6 bytes: "hello\n"`.
pub fn say_read(bytes: &[u8]) {
    let (n, shown) = (bytes.len(), crate::message::show(bytes));
    say!(
        n,
        "received {n} byte: {shown}",
        "received {n} bytes: {shown}",
        "收到 {n} 字节：{shown}"
    );
}

/// Waits until `expected` bytes have arrived on `conn`, without taking them: `peek` is
/// a read that leaves the bytes where they are. It gives up at [`DEADLINE`], or when
/// the peer closed.
pub fn wait_until_arrived(conn: &TcpStream, expected: usize) -> std::io::Result<()> {
    let mut buffer = vec![0u8; expected];
    let deadline = std::time::Instant::now() + DEADLINE;
    loop {
        // peek blocks until at least one byte is there (0: the client closed), so this
        // loop only turns while the last bytes are on their way.
        let n = conn.peek(&mut buffer)?;
        if n == 0 || n >= expected || std::time::Instant::now() >= deadline {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// For pitfall_localhost: the addresses this computer gives for `localhost`, in the
/// order a client gets them (getaddrinfo(3), which reads /etc/hosts, or
/// C:\\Windows\\System32\\drivers\\etc\\hosts), said; and whether IPv6 is off here (some
/// containers and sandboxes), said when it is.
pub fn resolve_localhost() -> Vec<SocketAddr> {
    use std::net::{Ipv6Addr, ToSocketAddrs};
    let resolved: Vec<SocketAddr> = match ("localhost", 0).to_socket_addrs() {
        Ok(addresses) => addresses.collect(),
        Err(error) => {
            let kind = error.kind();
            say!(
                "this computer could not resolve `localhost` ({kind:?})",
                "本机无法解析 `localhost`（{kind:?}）"
            );
            Vec::new()
        }
    };
    let ips: Vec<String> = resolved.iter().map(|addr| addr.ip().to_string()).collect();
    let ips = ips.join(", ");
    say!(
        "this computer resolves `localhost` to: {ips} (in this order)",
        "本机把 `localhost` 解析为：{ips}（按此顺序）"
    );
    let ipv6 = SocketAddr::from((Ipv6Addr::LOCALHOST, 0));
    let probe = Socket::new(Domain::IPV6, Type::STREAM, Some(Protocol::TCP));
    if probe.and_then(|probe| probe.bind(&ipv6.into())).is_err() {
        say!(
            "IPv6 is not available here: `::1` cannot be bound on this computer",
            "本机无法使用 IPv6：不能绑定 `::1`"
        );
    }
    resolved
}

/// The median of `rounds` and all of them in order, in milliseconds to a hundredth:
/// what a demo that measures says of them.
pub fn median_and_all(rounds: &[Duration]) -> (String, String) {
    let millis = |duration: &Duration| format!("{:.2}", duration.as_secs_f64() * 1000.0);
    let all: Vec<String> = rounds.iter().map(millis).collect();
    let mut sorted = rounds.to_vec();
    sorted.sort();
    let median = sorted.get(sorted.len() / 2).map(millis).unwrap_or_default();
    (median, all.join(", "))
}

/// Waits for a demo's server thread and returns what it returned; its panic, if it
/// panicked, goes on in this thread.
pub fn join<T>(thread: std::thread::JoinHandle<T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Says what a demo's client read, and how its connection ended: end-of-stream (a
/// clean close), or a reset. Another error is returned, with the server's address.
pub fn say_client_read(
    read: &[u8],
    ended: std::io::Result<usize>,
    server: SocketAddr,
) -> anyhow::Result<()> {
    let (count, shown) = (read.len(), crate::message::show(read));
    say!(
        "the client read {count} bytes: {shown}",
        "客户端读到了 {count} 字节：{shown}"
    );
    match ended {
        Ok(_) => say!(
            "the client then read end-of-stream (0 bytes): a clean close",
            "客户端随后读到了数据流结束（0 字节）：正常关闭"
        ),
        Err(error) if peer_left(&error) => {
            let kind = error.kind();
            say!(
                "the client then got a connection reset ({kind:?}) instead of end-of-stream",
                "客户端随后遇到了连接重置（{kind:?}），而不是数据流结束"
            );
        }
        Err(error) => return Err(error).with_context(|| Failed::Recv(server)),
    }
    Ok(())
}

/// For pitfall_partial_write: a [`client_socket`] whose receive buffer (SO_RCVBUF) is
/// `size`, set before it connects, so that the window it offers is small at once.
pub fn client_with_receive_buffer(size: usize) -> anyhow::Result<Socket> {
    let socket = client_socket()?;
    socket
        .set_recv_buffer_size(size)
        .with_context(|| pitfalls::failed_option("SO_RCVBUF", ANY_PORT))?;
    Ok(socket)
}

/// A client that reads only when told to, in a thread of its own: send `()` on the
/// sender, and it reads to the end (or a reset); join the thread for what it read. Not
/// told within [`DEADLINE`], it fails.
pub fn slow_reader(
    mut client: TcpStream,
) -> (
    std::sync::mpsc::Sender<()>,
    std::thread::JoinHandle<anyhow::Result<Vec<u8>>>,
) {
    let (go, wait) = std::sync::mpsc::channel();
    let reading = std::thread::spawn(move || {
        wait.recv_timeout(DEADLINE)
            .context(pitfalls::server_gave_up())?;
        let mut received = Vec::new();
        // The end, or a reset: what arrived before it is what counts.
        let _ = std::io::Read::read_to_end(&mut client, &mut received);
        Ok(received)
    });
    (go, reading)
}

/// For pitfall_partial_write: how much of `message` the client `received`, whether it
/// is the message's start, and what never arrived.
pub fn say_how_much_arrived(message: &[u8], received: &[u8]) {
    let (got, total) = (received.len(), message.len());
    say!(
        "the client read {got} of the {total} bytes",
        "客户端读到了 {total} 字节中的 {got} 字节"
    );
    if !message.starts_with(received) {
        say!(
            "and they are not the message's first bytes",
            "而且它们并不是消息开头的那些字节"
        );
    }
    match total.saturating_sub(got) {
        0 => say!("every byte arrived, in order", "所有字节都按顺序到达了"),
        lost => say!(
            "{lost} bytes never arrived: the message is cut short, and no error said so",
            "有 {lost} 字节始终没有到达：消息被截短了，而且没有任何报错"
        ),
    }
}

/// The last `count` characters of `text`, quoted for display.
pub fn tail(text: &str, count: usize) -> String {
    let start = text
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(at, _)| at);
    crate::message::show(&text.as_bytes()[start..])
}

/// For pitfall_split_utf8: whether the text `received` is the `message` sent, whole,
/// or lost `cut`, the character that fell across a read's `boundary`.
pub fn say_whole_or_lost(message: &str, received: &str, cut: char, boundary: usize) {
    if received == message {
        let (chars, tail) = (received.chars().count(), tail(received, 5));
        say!(
            "the text arrived whole: {chars} characters, ending in {tail}",
            "文本完整无缺：共 {chars} 个字符，结尾是 {tail}"
        );
    } else {
        let replaced = received.matches(char::REPLACEMENT_CHARACTER).count();
        say!(
            "`{cut}` fell across the {boundary}-byte boundary: no read held all of its bytes, so it is lost (the text has {replaced} � instead)",
            "`{cut}` 正好跨在 {boundary} 字节的边界上：没有哪一次读取拿到了它的全部字节，于是它丢失了（文本里变成了 {replaced} 个 �）"
        );
    }
}
