//! What the operating system shows: the `ss -tan` listings of the pages, and the states
//! that the diagrams name, taken from real runs on Linux.
//!
//! A block after `<!-- checked: sockets STEM MOMENT -->` is the listing of `ss -tan` at
//! one moment of a run of `STEM`: the lesson's sockets only (the server's listening
//! socket and the connections the run makes), their states and queue sizes, with the
//! page's addresses in place of the real ones (the server's port as 8888, the clients
//! as 53422, 53423, … in the order they connected), one line per socket in a fixed
//! order (the listening socket, the server's side of each connection, each client's
//! side). A pitfall's demo is its own client and over within milliseconds: where the
//! moment a page shows cannot be caught in it, the run is of the lesson's step that
//! shows the same moment (step 3, 4 or 6, driven by the test's client), and the page
//! says so. Elsewhere than on Linux
//! there is no `ss`: the page says that it shows Linux, and the blocks are not checked.
//!
//! A diagram (`docs/LANG/img/NAME.svg`) says which moments it draws, in a comment
//! `<!-- moments: STEM MOMENT, STEM MOMENT -->`; every TCP state it names must be in the
//! listing of one of them, but for the states that last too short a time for a listing
//! to catch (`TRANSIENT`).

use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use super::{
    CLIENT_ON_PAGE, Lang, SERVER_ON_PAGE, buildable, echo_line, expect_about, expect_read, launch,
    other_address, prompt, readiness, server,
};
use crate::check::{Failure, Outcome};
use crate::support::program;

/// The states `ss -tan` prints, as it spells them.
pub const STATES: [&str; 11] = [
    "LISTEN",
    "SYN-SENT",
    "SYN-RECV",
    "ESTAB",
    "FIN-WAIT-1",
    "FIN-WAIT-2",
    "CLOSE-WAIT",
    "LAST-ACK",
    "TIME-WAIT",
    "CLOSING",
    "CLOSED",
];

/// States a connection passes through in the time of one packet's round trip on
/// loopback (microseconds): a diagram may name them, no listing can show them. `CLOSED`
/// is no socket at all, so `ss` never lists it.
pub const TRANSIENT: [&str; 6] = [
    "SYN-SENT",
    "SYN-RECV",
    "FIN-WAIT-1",
    "LAST-ACK",
    "CLOSING",
    "CLOSED",
];

/// One line of `ss -tan`.
#[derive(Clone, Debug)]
struct Row {
    state: String,
    recv_q: u64,
    send_q: u64,
    local: String,
    peer: String,
}

/// The TCP sockets of this machine, as `ss -tanH` lists them.
fn ss() -> Outcome<Vec<Row>> {
    let output = Command::new("ss")
        .arg("-tanH")
        .output()
        .map_err(|error| Failure::new("to run `ss -tanH`".into(), error.to_string()))?;
    if !output.status.success() {
        return Err(Failure::new(
            "`ss -tanH` to succeed".into(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let [state, recv_q, send_q, local, peer, ..] = words[..] else {
                return None;
            };
            Some(Row {
                state: state.to_string(),
                recv_q: recv_q.parse().ok()?,
                send_q: send_q.parse().ok()?,
                local: local.to_string(),
                peer: peer.to_string(),
            })
        })
        .collect())
}

/// The run's sockets, in the order a listing shows them: the server's listening
/// socket, the server's side of each connection, then each client's side, the clients
/// in the order given (the order they connected).
fn ours(rows: &[Row], server: SocketAddr, clients: &[SocketAddr]) -> Vec<Row> {
    let port = server.port();
    let on_port = |address: &str| address.rsplit(':').next() == Some(&port.to_string());
    let mut listing: Vec<Row> = rows
        .iter()
        .filter(|row| row.state == "LISTEN" && row.local == server.to_string())
        .cloned()
        .collect();
    for client in clients {
        let client = client.to_string();
        listing.extend(
            rows.iter()
                .filter(|row| row.state != "LISTEN" && on_port(&row.local) && row.peer == client)
                .cloned(),
        );
    }
    for client in clients {
        let client = client.to_string();
        listing.extend(
            rows.iter()
                .filter(|row| row.local == client && on_port(&row.peer))
                .cloned(),
        );
    }
    listing
}

/// Lists the run's sockets once `settled` holds for them: a state changes when a
/// packet arrives, and no event tells the test when, so it looks again until then.
fn watch(
    what: &str,
    server: SocketAddr,
    client: Option<SocketAddr>,
    settled: impl Fn(&[Row]) -> bool,
) -> Outcome<String> {
    watch_all(what, server, client.as_slice(), settled)
}

/// [`watch`], for a run with several clients, or none.
fn watch_all(
    what: &str,
    server: SocketAddr,
    clients: &[SocketAddr],
    settled: impl Fn(&[Row]) -> bool,
) -> Outcome<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let rows = ours(&ss()?, server, clients);
        if settled(&rows) {
            return Ok(listing(&rows, server, clients));
        }
        if Instant::now() > deadline {
            return Err(Failure::new(
                format!("`ss -tan` to show {what} within 10 s"),
                listing(&rows, server, clients),
            ));
        }
        // The one sleep of these tests: between two looks at the kernel's table of
        // sockets, which has no way to wait for a change. A state settles within
        // microseconds on loopback, so the first or second look is nearly always it.
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// How a page shows the `n`th client (from 0): `127.0.0.1:53422`, then `…:53423`, …
fn client_on_page(n: usize) -> String {
    let first: usize = CLIENT_ON_PAGE
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .unwrap_or(53422);
    format!("127.0.0.1:{}", first + n)
}

/// The listing as a page shows it: `ss -tan`'s header, and a line per socket with the
/// page's addresses: the server's port as 8888 (on whichever address it stands), the
/// clients as [`client_on_page`].
fn listing(rows: &[Row], server: SocketAddr, clients: &[SocketAddr]) -> String {
    let page_port = SERVER_ON_PAGE.rsplit(':').next().unwrap_or_default();
    let shown = |address: &str| {
        if address == server.to_string() && server.ip().is_loopback() {
            return SERVER_ON_PAGE.to_string();
        }
        if let Some(n) = clients
            .iter()
            .position(|client| address == client.to_string())
        {
            return client_on_page(n);
        }
        match address.rsplit_once(':') {
            Some((ip, port)) if port == server.port().to_string() => format!("{ip}:{page_port}"),
            _ => address.to_string(),
        }
    };
    let width = rows
        .iter()
        .map(|row| row.state.len())
        .chain(["State".len()])
        .max()
        .unwrap_or(0);
    let mut text = format!(
        "{:<width$} Recv-Q Send-Q {:>18} {:>18}\n",
        "State", "Local Address:Port", "Peer Address:Port"
    );
    for row in rows {
        text.push_str(&format!(
            "{:<width$} {:<6} {:<6} {:>18} {:>18}\n",
            row.state,
            row.recv_q,
            row.send_q,
            shown(&row.local),
            shown(&row.peer),
        ));
    }
    text
}

/// Finds the server's and the client's side among a listing's rows.
fn side(rows: &[Row], local: SocketAddr) -> Option<&Row> {
    let local = local.to_string();
    rows.iter()
        .find(|row| row.state != "LISTEN" && row.local == local)
}

/// Whether the rows are exactly these states, in the listing's order.
fn states(rows: &[Row], wanted: &[&str]) -> bool {
    rows.iter()
        .map(|row| row.state.as_str())
        .eq(wanted.iter().copied())
}

/// Runs a pitfall's demo to its end: the address it listened on and its client's, both
/// from what it printed.
fn demo(
    program: &crate::check::Program,
    args: &[&str],
    lang: Lang,
) -> Outcome<(SocketAddr, SocketAddr)> {
    let run = launch(program, lang).args(args).run()?;
    run.success()?;
    let stdout = run.stdout();
    let server = stdout
        .lines()
        .find_map(readiness)
        .ok_or_else(|| run.fail("listening on <ip:port>".into(), stdout.clone()))?;
    let client = other_address(&stdout, server)
        .ok_or_else(|| run.fail("the client's address".into(), stdout.clone()))?;
    Ok((server, client))
}

/// A client whose connection is begun and not waited for (non-blocking), so that it
/// may stay in SYN-SENT: its socket, and its address.
fn knock(server: SocketAddr) -> Outcome<(socket2::Socket, SocketAddr)> {
    use socket2::{Domain, Socket, Type};
    let failed = |error: std::io::Error| {
        Failure::new(format!("a connection begun to {server}"), error.to_string())
    };
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).map_err(failed)?;
    socket.set_nonblocking(true).map_err(failed)?;
    // A non-blocking connect answers "in progress" (EINPROGRESS), for which std has no
    // stable `ErrorKind` yet: its result tells nothing here. Whether the connection
    // began is what the listing shows (a `SYN-SENT` or `ESTAB` line of this address),
    // and the watch fails within its deadline if it did not.
    let _in_progress = socket.connect(&server.into());
    let local = socket.local_addr().map_err(failed)?.as_socket();
    let local = local.ok_or_else(|| Failure::new("an IPv4 address".into(), "none".into()))?;
    Ok((socket, local))
}

/// The listings of one run of `stem`, at each moment its pages show: `None` where there
/// is no `ss` (not Linux).
pub fn moments(stem: &str, lang: Lang) -> Outcome<Option<Vec<(&'static str, String)>>> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    if !buildable(stem) {
        return Ok(None);
    }
    let program = program(stem);
    let mut taken = Vec::new();
    match stem {
        // The client connects and sends `queued\n`; nothing accepts it.
        "step3_listen" => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("queued\n")?;
            taken.push((
                "queued",
                watch(
                    "a queued connection holding 7 bytes",
                    addr,
                    Some(peer),
                    |rows| {
                        rows.first().is_some_and(|row| row.recv_q == 1)
                            && side(rows, addr).is_some_and(|row| row.recv_q == 7)
                            && states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                    },
                )?,
            ));
            server.type_line("");
            server.finish()?.success()?;
            drop(client);
        }
        // The server waits in accept; a client comes, is accepted, and the server ends.
        "step4_accept" => {
            let server = server(&program, lang).start()?;
            let addr = server.addr;
            taken.push((
                "waiting",
                watch("the listening socket", addr, None, |rows| {
                    states(rows, &["LISTEN"])
                })?,
            ));
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
            taken.push((
                "after",
                watch("the server's side in TIME-WAIT", addr, Some(peer), |rows| {
                    states(rows, &["TIME-WAIT"]) && side(rows, addr).is_some()
                })?,
            ));
        }
        // The client sends `hello\n`, which the server prints.
        "step5_recv" => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(r#""hello\n""#)?;
            taken.push((
                "session",
                watch(
                    "a connection with nothing unread",
                    addr,
                    Some(peer),
                    |rows| {
                        states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                            && rows
                                .iter()
                                .all(|row| row.state == "LISTEN" || row.recv_q == 0)
                    },
                )?,
            ));
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        }
        // The client sends `hello\n`, then `again\n` before you reply.
        "step6_send" => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            client.send("again\n")?;
            taken.push((
                "unread",
                watch(
                    "6 bytes unread on the server's side",
                    addr,
                    Some(peer),
                    |rows| {
                        states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                            && side(rows, addr).is_some_and(|row| row.recv_q == 6)
                    },
                )?,
            ));
            server.type_line("hi");
            client.read_line()?;
            server.expect_line(prompt(lang))?;
            server.type_line("exit");
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        }
        // The client sends `hello\n`; you type `exit`: the server's FIN goes first, the
        // client closes when it reads the end of the stream.
        "step7_close" => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            taken.push((
                "session",
                watch("an established connection", addr, Some(peer), |rows| {
                    states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                })?,
            ));
            server.type_line("exit");
            client.expect_end_of_stream()?;
            taken.push((
                "between-fins",
                watch("the server's FIN acknowledged", addr, Some(peer), |rows| {
                    states(rows, &["LISTEN", "FIN-WAIT-2", "CLOSE-WAIT"])
                })?,
            ));
            client.close();
            server.finish()?.success()?;
            taken.push((
                "after",
                watch("the server's side in TIME-WAIT", addr, Some(peer), |rows| {
                    states(rows, &["TIME-WAIT"]) && side(rows, addr).is_some()
                })?,
            ));
        }
        // Two clients at once, each echoed once: a thread each.
        "step8_threads" => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let started = lang.says("started a thread for", "启动了一个线程");
            let mut a = server.connect()?;
            let peer_a = a.local_addr();
            expect_about(&mut server, peer_a, started)?;
            let mut b = server.connect()?;
            let peer_b = b.local_addr();
            expect_about(&mut server, peer_b, started)?;
            echo_line(&mut a, "hello\n")?;
            echo_line(&mut b, "你好\n")?;
            taken.push((
                "two-clients",
                watch_all(
                    "two established connections, nothing unread",
                    addr,
                    &[peer_a, peer_b],
                    |rows| {
                        states(rows, &["LISTEN", "ESTAB", "ESTAB", "ESTAB", "ESTAB"])
                            && rows.iter().skip(1).all(|row| row.recv_q == 0)
                    },
                )?,
            ));
            a.shutdown_write()?;
            a.expect_end_of_stream()?;
            a.close();
            b.shutdown_write()?;
            b.expect_end_of_stream()?;
            b.close();
            server.finish()?.success()?;
        }
        // `--workers 1`: the second client sends `你好` while the worker serves the first.
        "step9_pool" => {
            let mut server = server(&program, lang).args(["--workers", "1"]).start()?;
            let addr = server.addr;
            let serves = lang.says("serves", "开始服务");
            let mut a = server.connect()?;
            let peer_a = a.local_addr();
            expect_about(&mut server, peer_a, serves)?;
            let mut b = server.connect()?;
            let peer_b = b.local_addr();
            expect_about(&mut server, peer_b, lang.says("queued", "已进入队列"))?;
            echo_line(&mut a, "hello\n")?;
            b.send("你好\n")?;
            taken.push((
                "waiting",
                watch_all(
                    "7 bytes unread on the second connection",
                    addr,
                    &[peer_a, peer_b],
                    |rows| {
                        states(rows, &["LISTEN", "ESTAB", "ESTAB", "ESTAB", "ESTAB"])
                            && rows.get(1).is_some_and(|row| row.recv_q == 0)
                            && rows.get(2).is_some_and(|row| row.recv_q == 7)
                    },
                )?,
            ));
            a.send("exit\n")?;
            a.expect_end_of_stream()?;
            a.close();
            expect_read(&mut b, "你好\n")?;
            b.shutdown_write()?;
            b.expect_end_of_stream()?;
            b.close();
            server.finish()?.success()?;
        }
        // The workbook's client against the echo extra, after `hello` came back.
        "client" => {
            if !buildable("extra_echo") {
                return Ok(None);
            }
            let echo = super::program("extra_echo");
            let echo = server(&echo, lang).start()?;
            let addr = echo.addr;
            let mut client = launch(&program, lang).arg(addr.to_string()).begin()?;
            let connected = client.expect_stderr_line(&addr.to_string())?;
            let peer = other_address(&connected, addr).ok_or_else(|| {
                Failure::new(
                    "the client's own address on stderr".into(),
                    connected.clone(),
                )
            })?;
            client.type_line("hello");
            client.expect_line("hello")?;
            taken.push((
                "session",
                watch("an established connection", addr, Some(peer), |rows| {
                    states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                        && rows.iter().all(|row| row.recv_q == 0 && row.send_q <= 1)
                })?,
            ));
            client.close_stdin();
            client.finish()?.success()?;
            drop(echo);
        }
        // The echo extra, after `hello` came back.
        "extra_echo" => {
            let server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            echo_line(&mut client, "hello\n")?;
            taken.push((
                "session",
                watch(
                    "an established connection, nothing unsent",
                    addr,
                    Some(peer),
                    |rows| {
                        states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                            && rows
                                .iter()
                                .skip(1)
                                .all(|row| row.recv_q == 0 && row.send_q == 0)
                    },
                )?,
            ));
            client.send("exit\n")?;
            client.shutdown_write()?;
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        }
        // The first client is served (the server waits for your reply); the second
        // connects and sends `hello`.
        "extra_serial" => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut a = server.connect()?;
            let peer_a = a.local_addr();
            a.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            let mut b = server.connect()?;
            let peer_b = b.local_addr();
            b.send("hello\n")?;
            taken.push((
                "waiting",
                watch_all(
                    "one queued connection holding 6 bytes",
                    addr,
                    &[peer_a, peer_b],
                    |rows| {
                        states(rows, &["LISTEN", "ESTAB", "ESTAB", "ESTAB", "ESTAB"])
                            && rows.first().is_some_and(|row| row.recv_q == 1)
                            && rows.get(1).is_some_and(|row| row.recv_q == 0)
                            && rows.get(2).is_some_and(|row| row.recv_q == 6)
                    },
                )?,
            ));
            for client in [&mut a, &mut b] {
                if client.local_addr() == peer_b {
                    server.expect_line(prompt(lang))?;
                }
                server.type_line("hi");
                client.read_line()?;
                client.send("exit\n")?;
                client.shutdown_write()?;
                client.expect_end_of_stream()?;
                server.expect_line(lang.says("closed the connection to", "已关闭与"))?;
            }
            a.close();
            b.close();
            server.finish()?.success()?;
        }
        // The demo, to its end: the server's side of its connection is left in
        // TIME-WAIT, the kernel's.
        "pitfall_time_wait" | "pitfall_reset_on_close" => {
            let args: &[&str] = if stem == "pitfall_time_wait" {
                &[]
            } else {
                &["--fixed"]
            };
            let (addr, peer) = demo(&program, args, lang)?;
            taken.push((
                "after",
                watch("the server's side in TIME-WAIT", addr, Some(peer), |rows| {
                    states(rows, &["TIME-WAIT"]) && side(rows, addr).is_some()
                })?,
            ));
        }
        // The demo is over within milliseconds, too soon for `ss`: step 6's server,
        // which has read `hello` and waits for your reply, when the client closes.
        "pitfall_eof_spin" => {
            let step = super::program("step6_send");
            let mut server = server(&step, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello")?;
            server.expect_line(prompt(lang))?;
            client.shutdown_write()?;
            taken.push((
                "closed",
                watch(
                    "the client's FIN arrived, the server not closed",
                    addr,
                    Some(peer),
                    |rows| {
                        // The FIN takes a sequence number: until the server reads the
                        // end of the stream, its side counts it as 1 unread.
                        states(rows, &["LISTEN", "CLOSE-WAIT", "FIN-WAIT-2"])
                            && side(rows, addr).is_some_and(|row| row.recv_q == 1)
                    },
                )?,
            ));
            server.type_line("exit");
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        }
        // The demo's buffers fill and empty within microseconds, too soon for `ss`: step
        // 6's server has sent `hi\n` to a client that has not read it yet.
        "pitfall_partial_write" => {
            let step = super::program("step6_send");
            let mut server = server(&step, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            server.type_line("hi");
            server.expect_line(lang.says("sent 3 bytes", "已发送 3 字节"))?;
            taken.push((
                "unread",
                watch("3 bytes unread at the client", addr, Some(peer), |rows| {
                    states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                        && side(rows, addr).is_some_and(|row| row.recv_q == 0 && row.send_q == 0)
                        && side(rows, peer).is_some_and(|row| row.recv_q == 3)
                })?,
            ));
            client.read_line()?;
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        }
        // The demo is over within milliseconds: step 3's server, which never reads,
        // and a client that writes `hello`, `world` and `exit`.
        "pitfall_byte_stream" => {
            let step = super::program("step3_listen");
            let mut server = server(&step, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            for part in ["hello", "world", "exit"] {
                client.send(part)?;
            }
            taken.push((
                "unread",
                watch("14 bytes unread", addr, Some(peer), |rows| {
                    states(rows, &["LISTEN", "ESTAB", "ESTAB"])
                        && side(rows, addr).is_some_and(|row| row.recv_q == 14)
                })?,
            ));
            server.type_line("");
            server.finish()?.success()?;
            drop(client);
        }
        // The demo is over within milliseconds: step 4's server given `localhost`,
        // waiting in accept.
        "pitfall_localhost" | "pitfall_bind_all" => {
            let step = super::program("step4_accept");
            let host = if stem == "pitfall_localhost" {
                "localhost:0"
            } else {
                "0.0.0.0:0"
            };
            let server = launch(&step, lang).arg(host).start()?;
            let addr = server.addr;
            taken.push((
                "listening",
                watch("the listening socket", addr, None, |rows| {
                    states(rows, &["LISTEN"])
                })?,
            ));
            let loopback = SocketAddr::from(([127, 0, 0, 1], addr.port()));
            let mut client = crate::check::Client::connect(loopback)?;
            client.expect_end_of_stream()?;
            client.close();
            server.finish()?.success()?;
        }
        // The demo's clients give up after 250 ms: step 3's server, `listen(1)` and
        // never an accept, and five clients, the last three left knocking.
        "pitfall_backlog" => {
            let step = super::program("step3_listen");
            let mut server = server(&step, lang).start()?;
            let addr = server.addr;
            let mut queued = Vec::new();
            let mut peers = Vec::new();
            for n in 1..=2u64 {
                let client = server.connect()?;
                peers.push(client.local_addr());
                queued.push(client);
                watch_all("a connection queued", addr, &peers, |rows| {
                    rows.first().is_some_and(|row| row.recv_q == n)
                })?;
            }
            let mut knocking = Vec::new();
            for _ in 0..3 {
                let (socket, local) = knock(addr)?;
                peers.push(local);
                knocking.push(socket);
            }
            taken.push((
                "full",
                watch_all("two queued, three in SYN-SENT", addr, &peers, |rows| {
                    states(
                        rows,
                        &[
                            "LISTEN", "ESTAB", "ESTAB", "ESTAB", "ESTAB", "SYN-SENT", "SYN-SENT",
                            "SYN-SENT",
                        ],
                    ) && rows.first().is_some_and(|row| row.recv_q == 2)
                })?,
            ));
            drop(knocking);
            server.type_line("");
            server.finish()?.success()?;
            drop(queued);
        }
        _ => {
            return Err(Failure::new(
                format!("a run of {stem} whose sockets this test lists"),
                "none".into(),
            ));
        }
    }
    Ok(Some(taken))
}

/// The listing of `stem` at `moment`: `None` where there is no `ss`.
pub fn at(stem: &str, moment: &str, lang: Lang) -> Outcome<Option<String>> {
    let Some(taken) = moments(stem, lang)? else {
        return Ok(None);
    };
    let names: Vec<&str> = taken.iter().map(|(name, _)| *name).collect();
    taken
        .into_iter()
        .find(|(name, _)| *name == moment)
        .map(|(_, listing)| Some(listing))
        .ok_or_else(|| {
            Failure::new(
                format!("a moment of {stem}: {}", names.join(", ")),
                moment.to_string(),
            )
        })
}

/// The TCP states a text names, as `ss` spells them (`TIME_WAIT` is `TIME-WAIT`).
pub fn named_states(text: &str) -> Vec<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map(|word| word.replace('_', "-"))
        .collect();
    STATES
        .into_iter()
        .filter(|state| words.iter().any(|word| word == state))
        .collect()
}

/// Checks a diagram: each state it names, but the transient ones, stands in a listing
/// of a moment it says it draws.
pub fn check_diagram(path: &std::path::Path, lang: Lang) -> Outcome {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|error| Failure::new(format!("to read {name}"), error.to_string()))?;
    let declared = text
        .split("<!-- moments:")
        .nth(1)
        .and_then(|rest| rest.split("-->").next())
        .map(str::trim);
    let Some(declared) = declared else {
        return Err(Failure::new(
            format!("{name}: a comment `<!-- moments: STEM MOMENT, … -->`"),
            "none".into(),
        ));
    };
    // The picture's own words: the text of its <text> elements, not its comments.
    let words: String = text
        .split("<text")
        .skip(1)
        .filter_map(|element| element.split_once('>').map(|(_, rest)| rest))
        .filter_map(|rest| rest.split("</text>").next())
        .collect::<Vec<_>>()
        .join(" ");
    let named = named_states(&words);
    let mut seen = String::new();
    for moment in declared.split(',') {
        let words: Vec<&str> = moment.split_whitespace().collect();
        let [stem, moment] = words[..] else {
            return Err(Failure::new(
                format!("{name}: moments as `STEM MOMENT`"),
                moment.to_string(),
            ));
        };
        match at(stem, moment, lang)? {
            Some(listing) => seen.push_str(&listing),
            None => return Ok(()),
        }
    }
    let seen = named_states(&seen);
    let unseen: Vec<&str> = named
        .into_iter()
        .filter(|state| !TRANSIENT.contains(state) && !seen.contains(state))
        .collect();
    if unseen.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            format!("{name}: states that `ss -tan` shows at {declared}: {seen:?}"),
            unseen.join(", "),
        ))
    }
}
