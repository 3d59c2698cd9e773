//! What the client lessons (`client1_connect` … `client4_close`, `udp_client`) share and
//! no client lesson is about: their command line (the server's address, `--timeout`),
//! the line you type (Python's `input()`), and the errors a client meets, each with the
//! address, the likely cause and the fix.
//!
//! The socket calls stay in the lessons: `connect`, `send`, `recv`, `shutdown`, `close`.

use std::io::{self, ErrorKind, Read};
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, anyhow};
use clap::Arg;
use socket2::{Domain, Protocol, Socket, Type};

use crate::args::shown;
use crate::failure::Failed;
use crate::lines::{self, Encoding};
use crate::{Args, Cli, text, words};

/// How long a client waits, unless told (`--timeout`): for `connect` to be answered, and
/// for each reply. A person at netAssist or at a server's prompt types the reply, so it
/// is generous; a connect that nobody answers would otherwise wait about 2 minutes on
/// Linux (135 s measured), 75 s on macOS, 21 s on Windows.
pub const DEFAULT_TIMEOUT_S: u64 = 30;

/// The id of `--timeout`.
const TIMEOUT: &str = "timeout";

/// The command line of a client lesson: the server's address (first, default
/// `127.0.0.1:8888`, `localhost` is 127.0.0.1), `--timeout SECONDS`, `--lang`, `--help`.
pub fn cli(example: &'static str) -> Cli {
    Cli::new(example).server_address().arg(
        Arg::new(TIMEOUT)
            .long(TIMEOUT)
            .value_name("SECONDS")
            .default_value(shown(DEFAULT_TIMEOUT_S))
            .value_parser(clap::value_parser!(u64).range(1..=3600))
            .help(words!(
                "how long to wait for the server: to answer connect, and for each reply",
                "等待服务端的最长时间（秒）：等待 connect 被应答，以及等待每一条回复"
            )),
    )
}

/// `--timeout`, as a duration.
pub fn timeout(args: &Args) -> Duration {
    let seconds = args
        .matches
        .try_get_one::<u64>(TIMEOUT)
        .ok()
        .flatten()
        .copied()
        .unwrap_or(DEFAULT_TIMEOUT_S);
    Duration::from_secs(seconds)
}

/// Client step 1, as `client1_connect` shows it: a TCP socket (Python:
/// `socket.socket()`) connected to `server` (`connect(('127.0.0.1', 8888))`) within
/// `timeout`. Each read of it waits `timeout` at most, so that a server that never
/// replies cannot hold the client for ever.
pub fn open(server: SocketAddr, timeout: Duration) -> anyhow::Result<Socket> {
    let client =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    client
        .connect_timeout(&server.into(), timeout)
        .map_err(|error| connect_failed(error, server, timeout))?;
    client
        .set_read_timeout(Some(timeout))
        .context(Failed::Query)?;
    Ok(client)
}

/// Client step 3, as `client3_recv` shows it: one `recv(1024)` into `buffer`, the reply
/// or a part of it; 0 when the server has closed. No reply within the deadline of
/// [`open`] is an error that says so.
pub fn recv(client: &mut Socket, buffer: &mut [u8], server: SocketAddr) -> anyhow::Result<usize> {
    let timeout = client.read_timeout().ok().flatten().unwrap_or_default();
    match client.read(buffer) {
        Err(error) if timed_out(&error) => Err(no_reply(server, timeout)),
        read => read.with_context(|| Failed::Recv(server)),
    }
}

/// The line you type, without its line ending, as Python's `input()` gives it; `None`
/// at the end of input (Ctrl+D, or Ctrl+Z then Enter on Windows).
pub fn typed_line() -> anyhow::Result<Option<String>> {
    let typed = lines::stdin_line(Encoding::Utf8).context(Failed::Stdin)?;
    Ok(typed.map(|typed| typed.text))
}

/// The address a socket has: its own (`local_addr`) or its peer's.
pub fn addr_of(addr: io::Result<socket2::SockAddr>) -> anyhow::Result<SocketAddr> {
    addr.context(Failed::Query)?
        .as_socket()
        .context(Failed::Query)
}

/// Whether a read with a timeout gave up: `WouldBlock` on Unix, `TimedOut` on Windows.
pub fn timed_out(error: &io::Error) -> bool {
    matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// For `shutdown(Write)`: a connection that the server reset is closed already
/// (`NotConnected`), which is no failure of the client's close.
pub fn already_closed(error: io::Error) -> io::Result<()> {
    match error.kind() {
        ErrorKind::NotConnected => Ok(()),
        _ => Err(error),
    }
}

/// A failed `connect` to `addr`, explained: refused (nothing listens there: the
/// command that starts a server), or no answer within `timeout`.
pub fn connect_failed(error: io::Error, addr: SocketAddr, timeout: Duration) -> anyhow::Error {
    if !timed_out(&error) {
        // ConnectionRefused gets its hint from `failure::hint`: the command to start a server.
        return anyhow::Error::new(error).context(Failed::Connect(addr));
    }
    let seconds = timeout.as_secs();
    let hint = words!(
        "nothing answered `{addr}`: no computer has that address, a firewall drops the connection, or the server's backlog is full (pitfall_backlog); check the address (127.0.0.1 is this computer), or wait longer with --timeout",
        "没有任何程序应答 `{addr}`：可能没有哪台计算机使用这个地址，或者防火墙丢弃了连接，或者服务端的 backlog 已满（见 pitfall_backlog）；请检查地址（127.0.0.1 就是本机），或者用 --timeout 等待更久"
    );
    let why = words!(
        "no answer within {seconds} s (this client's deadline)",
        "{seconds} 秒内没有应答（这是本客户端设定的期限）"
    );
    anyhow!("{why}\n{}", hint_line(&hint)).context(Failed::Connect(addr))
}

/// No reply from `addr` within `timeout`.
pub fn no_reply(addr: SocketAddr, timeout: Duration) -> anyhow::Error {
    let seconds = timeout.as_secs();
    let why = words!("no reply within {seconds} s", "{seconds} 秒内没有收到回复");
    let hint = words!(
        "`{addr}` has not replied: step 5 only receives (client2_send is its client); 示例2, steps 6 and 7 reply when their operator types a line; netAssist when you click 发送; wait longer with --timeout",
        "`{addr}` 没有回复：第 5 步只接收不回复（它的客户端是 client2_send）；示例2、第 6 和第 7 步要等操作者输入一行才回复；netAssist 要等你点击 发送；也可以用 --timeout 等待更久"
    );
    anyhow!("{why}\n{}", hint_line(&hint)).context(Failed::Recv(addr))
}

/// `hint: …` in the language of the run.
fn hint_line(hint: &str) -> String {
    text::labelled(&text::hint_label(), hint)
}
