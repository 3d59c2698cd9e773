//! The picture of the wire on a lesson page: `docs/LANG/img/wire-STEM.svg`, a sequence
//! diagram of the packets that one real run of the lesson puts on the loopback
//! interface, captured with `tcpdump` and drawn by this file (so it cannot lie). The
//! lessons run as the pages tell, driven by this test's client; a pitfall's demo, which
//! is its own client on a port it chooses, runs in a network namespace of its own, so
//! that its loopback carries its packets only.
//!
//! Each picture holds two comments: `<!-- wire: … -->`, the arrows it draws, one per
//! line (`client > server PSH ACK data 6 "hello\n"`), and `<!-- check: … -->`, what the
//! test compares: every SYN, FIN and RST in order, and between them the bytes each side
//! sent (their number and a hash). The test makes the run again, captures it, and checks
//! that these are the same. How the bytes were cut into segments, the pure ACKs and the
//! times are drawn as the run that made the picture had them, and not compared: they
//! depend on timing (Nagle's algorithm, delayed ACKs), not on the program.
//! `WORKBOOK_BLESS=1 cargo test --all-features book::wire -- --ignored` draws again,
//! in English and in Chinese, from new runs, the pictures that are no longer true of
//! the wire (or missing: delete them all to redraw them all). The check of the pictures
//! is an ignored test, which `.ci/run` runs: 36 captures take seconds that `cargo test`
//! keeps for the lessons, and a student's machine could not capture anyway.
//!
//! A capture needs `tcpdump` and the right to capture (root, or `CAP_NET_RAW`), and a
//! pitfall's `unshare` and `nsenter`: where they are missing (a student's machine,
//! Windows, macOS), the check says so on stderr and is not made; `.ci/run` runs it as
//! root, with `tcpdump` installed.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::{BLESS_VAR, DOCS, Lang, bound_only, echo_line, prompt, server, server_prompt};
use crate::check::{Failure, Outcome};
use crate::support::program;

/// The lesson pages that show a picture of the wire.
pub const PAGES: [&str; 36] = [
    "step1_create",
    "step2_bind",
    "step3_listen",
    "step4_accept",
    "step5_recv",
    "step6_send",
    "step7_close",
    "example1_server",
    "example2_server",
    "extra_echo",
    "extra_count_bytes",
    "extra_serial",
    "client",
    "client1_connect",
    "client2_send",
    "client3_recv",
    "client4_close",
    "udp_server",
    "udp_client",
    "step8_threads",
    "step9_pool",
    "step10_nonblocking",
    "step11_async",
    "chat_server",
    "pitfall_byte_stream",
    "pitfall_split_utf8",
    "pitfall_eof_spin",
    "pitfall_partial_write",
    "pitfall_nagle",
    "pitfall_localhost",
    "pitfall_time_wait",
    "pitfall_backlog",
    "pitfall_reset_on_close",
    "pitfall_bind_all",
    "pitfall_udp_truncate",
    "pitfall_udp_refused",
];

/// One packet, as the picture draws it.
#[derive(Clone, Debug, PartialEq)]
struct Packet {
    /// Which side sent it: 0 for the server, 1 for the first client, 2 for the second.
    from: usize,
    to: usize,
    /// `SYN`, `SYN ACK`, `ACK`, `FIN ACK`, `RST ACK`, `PSH ACK` …
    flags: String,
    /// What it carries.
    data: Vec<u8>,
    /// Milliseconds since the packet before: drawn where a wait shows (Nagle's), never
    /// compared (it differs on every run).
    gap: f64,
}

impl Packet {
    fn pure_ack(&self) -> bool {
        self.flags == "ACK" && self.data.is_empty()
    }

    /// The packet as a line of the picture's comment.
    fn line(&self) -> String {
        let mut line = format!(
            "{} > {} {}",
            side_name(self.from),
            side_name(self.to),
            self.flags
        );
        if !self.data.is_empty() {
            line.push_str(&format!(" data {} {}", self.data.len(), shown(&self.data)));
        }
        line
    }
}

/// Data as the page's outputs show it: a Rust string literal, `"hi\n"`, cut after 20
/// characters; bytes that are no text, by their number only (empty).
fn shown(data: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(data) else {
        return String::new();
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return String::new();
    }
    if text.chars().count() > 20 {
        let cut: String = text.chars().take(20).collect();
        format!("{cut:?}…")
    } else {
        format!("{text:?}")
    }
}

fn side_name(n: usize) -> String {
    match n {
        0 => "server".to_string(),
        1 => "client".to_string(),
        n => format!("client{n}"),
    }
}

/// What the check compares of a run: every SYN, FIN and RST in order, and between
/// them the bytes each side sent, as a length and a hash. How the bytes were cut into
/// segments, and the pure ACKs, are left out: they depend on timing (Nagle's algorithm,
/// delayed ACKs), not on the program; a byte stream promises the bytes and their order.
///
/// Connection by connection: TCP orders the packets of one connection, not those of
/// two (the server's threads or tasks answer two clients in either order).
fn keys(packets: &[Packet]) -> Vec<String> {
    let clients = packets.iter().map(|p| p.from.max(p.to)).max().unwrap_or(0);
    (1..=clients)
        .flat_map(|client| {
            let theirs: Vec<Packet> = packets
                .iter()
                .filter(|p| p.from == client || p.to == client)
                .cloned()
                .collect();
            connection_keys(&theirs)
        })
        .collect()
}

/// FNV-1a, 64 bits.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The payload of the datagram that marks the end of a run on the capture.
const MARK: &[u8] = b"wire-capture-end";

/// [`keys`] of the packets of one connection.
fn connection_keys(packets: &[Packet]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    // The data run being summed: its direction and bytes.
    let mut run: Option<(usize, usize, Vec<u8>)> = None;
    let flush = |run: &mut Option<(usize, usize, Vec<u8>)>, keys: &mut Vec<String>| {
        if let Some((from, to, bytes)) = run.take() {
            keys.push(format!(
                "{} > {} data {} bytes {:016x}",
                side_name(from),
                side_name(to),
                bytes.len(),
                hash(&bytes)
            ));
        }
    };
    for packet in packets {
        // A datagram is a message of its own: its size and bytes, one by one; an ICMP
        // error, as it is.
        if packet.flags == "UDP" || packet.flags.starts_with("ICMP") {
            flush(&mut run, &mut keys);
            let mut key = format!(
                "{} > {} {}",
                side_name(packet.from),
                side_name(packet.to),
                packet.flags
            );
            if packet.flags == "UDP" {
                key.push_str(&format!(
                    " datagram {} bytes {:016x}",
                    packet.data.len(),
                    hash(&packet.data)
                ));
            }
            keys.push(key);
            continue;
        }
        if !packet.data.is_empty() {
            match &mut run {
                Some((from, to, bytes)) if *from == packet.from && *to == packet.to => {
                    bytes.extend_from_slice(&packet.data);
                }
                _ => {
                    flush(&mut run, &mut keys);
                    run = Some((packet.from, packet.to, packet.data.clone()));
                }
            }
        }
        let control: Vec<&str> = packet
            .flags
            .split(' ')
            .filter(|flag| ["SYN", "FIN", "RST"].contains(flag))
            .collect();
        if !control.is_empty() {
            flush(&mut run, &mut keys);
            keys.push(format!(
                "{} > {} {}",
                side_name(packet.from),
                side_name(packet.to),
                control.join(" ")
            ));
        }
    }
    flush(&mut run, &mut keys);
    keys
}

/// A running capture of one port on loopback.
struct Capture {
    child: Child,
    lines: mpsc::Receiver<String>,
    /// The server's port; for a demo in a namespace of its own, the port its first
    /// SYN goes to.
    port: Option<u16>,
}

impl Drop for Capture {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `tcpdump` on loopback for `port`, and waits until it captures. `None`: no
/// capture can be made here (not Linux, no `tcpdump`, no right to capture).
fn capture(port: u16) -> Outcome<Option<Capture>> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    let mut command = Command::new("tcpdump");
    command
        .args(["-i", "lo", "-n", "-l", "-x", "-U", "-tt"])
        .arg(format!("port {port}"));
    start(command, Some(port))
}

/// Starts `tcpdump` on the loopback of a network namespace of its own, where a
/// pitfall's demo then runs (see [`inside`]): every packet there is the demo's, on
/// whichever port it chose. `None`: no namespace or no capture here.
fn isolated() -> Outcome<Option<Capture>> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    let mut command = Command::new("unshare");
    command.args([
        "--net",
        "sh",
        "-c",
        "ip link set lo up && exec tcpdump -i lo -n -l -x -U -tt",
    ]);
    start(command, None)
}

/// A command run in the namespace of an [`isolated`] capture.
fn inside(capture: &Capture, argv: &[std::ffi::OsString]) -> Vec<std::ffi::OsString> {
    ["nsenter", "-t", &capture.child.id().to_string(), "-n", "--"]
        .into_iter()
        .map(std::ffi::OsString::from)
        .chain(argv.iter().cloned())
        .collect()
}

fn start(mut command: Command, port: Option<u16>) -> Outcome<Option<Capture>> {
    let spawned = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = spawned else {
        eprintln!("book::wire: no `tcpdump` here, the pictures of the wire are not checked");
        return Ok(None);
    };
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(Failure::new("tcpdump's output".into(), "none".into()));
    };
    // Ready when it says `listening on lo`; a refusal (no right to capture) ends it.
    let mut stderr = BufReader::new(stderr);
    let mut said = String::new();
    loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).unwrap_or(0);
        if read == 0 {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!(
                "book::wire: tcpdump cannot capture here ({}), the pictures of the wire are not checked",
                said.trim()
            );
            return Ok(None);
        }
        if line.starts_with("listening on") {
            break;
        }
        said.push_str(&line);
    }
    std::thread::spawn(move || for _ in stderr.lines() {});
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Ok(Some(Capture { child, lines, port }))
}

impl Capture {
    /// Ends the capture: a UDP datagram to the port marks the end of the run, every
    /// packet before it is the run's. Returns the TCP packets between the server's port
    /// and the `clients` (any port, when none is given), the server as side 0 and the
    /// clients numbered in the order of their first packet. Once the server has ended,
    /// another test may bind its port: the clients' ports tell its packets apart.
    fn finish(self, only: &[SocketAddr]) -> Outcome<Vec<Packet>> {
        let marked = match self.port {
            Some(port) => UdpSocket::bind("127.0.0.1:0")
                .and_then(|socket| socket.send_to(MARK, ("127.0.0.1", port)))
                .map(|_| ()),
            // In the namespace: bash's /dev/udp sends the datagram.
            None => Command::new("nsenter")
                .args(["-t", &self.child.id().to_string(), "-n", "--", "bash", "-c"])
                .arg("printf wire-capture-end > /dev/udp/127.0.0.1/9")
                .status()
                .and_then(|status| {
                    status
                        .success()
                        .then_some(())
                        .ok_or_else(|| std::io::Error::other(status.to_string()))
                }),
        };
        marked.map_err(|error| {
            Failure::new("a datagram to end the capture".into(), error.to_string())
        })?;
        let mut raw: Vec<(String, Vec<u8>)> = Vec::new();
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(10))
                .map_err(|_| {
                    Failure::new(
                        "tcpdump to see the end of the run within 10 s".into(),
                        raw.iter()
                            .map(|(head, _)| head.as_str())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                })?;
            if let Some(hex) = line.trim_start().strip_prefix("0x") {
                // `0x0010:  7f00 0001 …`: the packet's bytes, 16 a line.
                if let Some((_, words)) = hex.split_once(':') {
                    if let Some((_, bytes)) = raw.last_mut() {
                        for word in words.split_whitespace() {
                            for at in (0..word.len()).step_by(2) {
                                if let Ok(byte) =
                                    u8::from_str_radix(&word[at..(at + 2).min(word.len())], 16)
                                {
                                    bytes.push(byte);
                                }
                            }
                        }
                    }
                }
                // The mark, whole (the IP header's total length): the end of the run.
                if let Some((head, bytes)) = raw.last() {
                    let total = bytes
                        .get(2..4)
                        .map(|n| usize::from(u16::from_be_bytes([n[0], n[1]])));
                    if head.contains(": UDP,")
                        && total.is_some_and(|total| bytes.len() >= total)
                        && bytes.ends_with(MARK)
                    {
                        raw.pop();
                        break;
                    }
                }
                continue;
            }
            raw.push((line, Vec::new()));
        }
        let mut clients: Vec<u16> = Vec::new();
        let mut packets = Vec::new();
        let mut server_port = self.port;
        let mut last: Option<f64> = None;
        for (head, bytes) in raw {
            // `1700000000.000000 IP 127.0.0.1.53422 > 127.0.0.1.8888: Flags [S], … length 0`
            // (`IP6 ::1.53422 > ::1.8888: …` for IPv6.)
            let Some((time, rest)) = head.split_once(" IP ").or_else(|| head.split_once(" IP6 "))
            else {
                continue;
            };
            let time: f64 = time.trim().parse().unwrap_or_default();
            let Some((ends, rest)) = rest.split_once(": ") else {
                continue;
            };
            let Some((src, dst)) = ends.split_once(" > ") else {
                continue;
            };
            let port = |end: &str| end.rsplit('.').next().and_then(|p| p.parse::<u16>().ok());
            let (src, dst, flags) = if rest.starts_with("ICMP ") {
                // `ICMP 127.0.0.1 udp port 40000 unreachable`: from the port where
                // nothing listens, to the sender of the datagram it quotes (its IP and
                // UDP headers follow the ICMP header's 8 bytes).
                let ihl = |at: usize| bytes.get(at).map(|b| usize::from(b & 0x0f) * 4);
                let inner = ihl(0).map(|outer| outer + 8);
                let udp = inner.and_then(|inner| Some(inner + ihl(inner)?));
                let port_at = |at: usize| {
                    bytes
                        .get(at..at + 2)
                        .map(|n| u16::from_be_bytes([n[0], n[1]]))
                };
                let (Some(from), Some(to)) =
                    (udp.and_then(|udp| port_at(udp + 2)), udp.and_then(port_at))
                else {
                    continue;
                };
                (from, to, "ICMP unreachable")
            } else {
                let (Some(src), Some(dst)) = (port(src), port(dst)) else {
                    continue;
                };
                let flags = if rest.starts_with("UDP,") {
                    "U"
                } else {
                    let Some(flags) = rest
                        .split_once("Flags [")
                        .and_then(|(_, rest)| rest.split_once(']'))
                        .map(|(flags, _)| flags)
                    else {
                        continue;
                    };
                    flags
                };
                (src, dst, flags)
            };
            // In a namespace of its own, the server is where the first SYN (or
            // datagram) goes.
            let first_goes = flags == "S" || flags == "U";
            let server = *server_port.get_or_insert(if first_goes { dst } else { src });
            let theirs = if src == server { dst } else { src };
            if !only.is_empty() && !only.iter().any(|client| client.port() == theirs) {
                continue;
            }
            let length: usize = if flags.starts_with("ICMP") {
                0
            } else {
                rest.rsplit_once("length ")
                    .and_then(|(_, n)| n.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
                    .unwrap_or(0)
            };
            let mut side = |p: u16| {
                if p == server {
                    0
                } else {
                    clients.iter().position(|&c| c == p).unwrap_or_else(|| {
                        clients.push(p);
                        clients.len() - 1
                    }) + 1
                }
            };
            let (from, to) = (side(src), side(dst));
            let mut names = Vec::new();
            if flags == "U" {
                names.push("UDP");
            } else if flags.starts_with("ICMP") {
                names.push(flags);
            } else {
                for (letter, name) in [
                    ('S', "SYN"),
                    ('F', "FIN"),
                    ('R', "RST"),
                    ('P', "PSH"),
                    ('.', "ACK"),
                ] {
                    if flags.contains(letter) {
                        names.push(name);
                    }
                }
            }
            let data = bytes[bytes.len().saturating_sub(length)..].to_vec();
            let gap = last.map(|last| (time - last) * 1000.0).unwrap_or_default();
            last = Some(time);
            packets.push(Packet {
                from,
                to,
                flags: names.join(" "),
                data,
                gap,
            });
        }
        Ok(packets)
    }
}

/// Closes a client's connection with its FIN sent now. `close` alone sends it when the
/// last descriptor of the socket closes, and a child that another test is starting
/// holds a copy of every descriptor for a moment (between its fork and its exec): the
/// FIN could then leave after the capture ended. `shutdown` acts on the socket itself.
fn close(client: crate::check::Client) -> Outcome {
    client.shutdown_write()?;
    client.close();
    Ok(())
}

/// The client's address, from the server's `accepted connection from ADDR`.
fn accepted(server: &mut crate::check::Server, lang: Lang) -> Outcome<SocketAddr> {
    let line = server.expect_line(lang.says("accepted connection from", "连接来自"))?;
    line.split(|c: char| c.is_whitespace() || c == '：')
        .filter_map(|word| word.parse().ok())
        .next_back()
        .ok_or_else(|| Failure::new("the client's address".into(), line.clone()))
}

/// Connects to `addr` where nothing listens, and expects the refusal.
fn refused(addr: SocketAddr) -> Outcome {
    match TcpStream::connect_timeout(&addr, Duration::from_secs(5)) {
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => Ok(()),
        other => Err(Failure::new(
            format!("a refusal from {addr}"),
            format!("{other:?}"),
        )),
    }
}

/// One run of `stem` as its page tells it, captured. `None`: no capture here.
fn run(stem: &str, lang: Lang) -> Outcome<Option<Vec<Packet>>> {
    let program = program(stem);
    match stem {
        // Steps 1 and 2: no socket listens yet, so a client's SYN is answered by a reset.
        "step1_create" | "step2_bind" => {
            let (_bound, addr) = bound_only()?;
            let Some(capture) = capture(addr.port())? else {
                return Ok(None);
            };
            refused(addr)?;
            // The bound socket holds the port until the capture ends: every packet on
            // it is this run's.
            capture.finish(&[]).map(Some)
        }
        // The client connects and sends `queued\n`; nothing accepts it; Enter ends the
        // server, whose queue is dropped: a reset.
        "step3_listen" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("queued\n")?;
            server.type_line("");
            server.finish()?.success()?;
            drop(client);
            capture.finish(&[peer]).map(Some)
        }
        // A client comes, is accepted, the server ends: its FIN, then the client's.
        "step4_accept" => {
            let server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.expect_end_of_stream()?;
            close(client)?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // `hello\n`, then `exit\n`: the server prints the first and ends on the second.
        "step5_recv" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(r#""hello\n""#)?;
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            close(client)?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // `hello\n`, you reply `hi`; the client's `exit\n` ends step 6, your `exit` after
        // the client's `bye\n` ends step 7.
        "step6_send" | "step7_close" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            server.type_line("hi");
            client.read_line()?;
            if stem == "step6_send" {
                client.send("exit\n")?;
            } else {
                // Step 7: you end it. The server's FIN goes first; the client closes
                // when it reads the end of the stream.
                client.send("bye\n")?;
                server.expect_line(prompt(lang))?;
                server.type_line("exit");
            }
            client.expect_end_of_stream()?;
            close(client)?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // One message and its reply; then `exit`, typed by you (示例1) or sent by the
        // client (示例2).
        "example1_server" | "example2_server" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("保持连接\n")?;
            server.expect_prompt(server_prompt(lang))?;
            server.type_line("OK");
            client.read_line()?;
            if stem == "example2_server" {
                client.send("exit\n")?;
            } else {
                client.send("再见\n")?;
                server.expect_prompt(server_prompt(lang))?;
                server.type_line("exit");
            }
            // The server's FIN first: the client closes when it reads the end.
            client.expect_end_of_stream()?;
            close(client)?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // `hello\n` comes back; the client has nothing more to say.
        "extra_echo" => {
            let server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            echo_line(&mut client, "hello\n")?;
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            close(client)?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // `hello\n` counted, then `exit\n`.
        "extra_count_bytes" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(r#""hello\n""#)?;
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            close(client)?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // Two clients one after the other: `hello\n`, you reply `hi`, `exit\n`.
        "extra_serial" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut peers = Vec::new();
            for _ in 0..2 {
                let mut client = server.connect()?;
                peers.push(client.local_addr());
                client.send("hello\n")?;
                server.expect_line(prompt(lang))?;
                server.type_line("hi");
                client.read_line()?;
                client.send("exit\n")?;
                client.expect_end_of_stream()?;
                close(client)?;
                // The next client connects once this one's session has ended.
                server.expect_line(lang.says("closed the connection to", "已关闭与"))?;
            }
            server.finish()?.success()?;
            capture.finish(&peers).map(Some)
        }
        // The workbook's client against the echo extra: `hello`, then Ctrl+D.
        "client" => {
            let echo_program = crate::support::program("extra_echo");
            let echo = super::launch(&echo_program, lang)
                .arg("127.0.0.1:0")
                .start()?;
            let Some(capture) = capture(echo.addr.port())? else {
                return Ok(None);
            };
            let mut client = super::launch(&program, lang)
                .arg(echo.addr.to_string())
                .begin()?;
            client.type_line("hello");
            client.expect_line("hello")?;
            client.close_stdin();
            client.finish()?.success()?;
            // The echo server holds its port until the capture ends: every packet on
            // it is this run's.
            let packets = capture.finish(&[]);
            drop(echo);
            packets.map(Some)
        }
        // The client lessons run as their pages tell: the lesson's client against one of
        // the lesson's servers, typed into on both sides. The client's port is the one
        // the server says it accepted.
        // Client step 1 against 示例2: it connects and ends; 示例2 sees it leave.
        "client1_connect" => {
            let mut server = server(&crate::support::program("example2_server"), lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let client = super::launch(&program, lang)
                .arg(server.addr.to_string())
                .begin()?;
            let peer = accepted(&mut server, lang)?;
            client.finish()?.success()?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // Client step 2 against step 5: hello, 你好 and exit, typed one at a time; exit
        // ends step 5, then the end of input ends the client.
        "client2_send" => {
            let mut server = server(&crate::support::program("step5_recv"), lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = super::launch(&program, lang)
                .arg(server.addr.to_string())
                .begin()?;
            let peer = accepted(&mut server, lang)?;
            for typed in ["hello", "你好", "exit"] {
                client.type_line(typed);
                server.expect_line(&format!("{typed:?}"))?;
            }
            server.finish()?.success()?;
            client.close_stdin();
            client.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // Client step 3 against 示例2: 你好, the reply 好的 typed at the server, then exit:
        // 示例2 closes first, and the client ends when it reads the end of the stream.
        "client3_recv" => {
            let mut server = server(&crate::support::program("example2_server"), lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = super::launch(&program, lang)
                .arg(server.addr.to_string())
                .begin()?;
            let peer = accepted(&mut server, lang)?;
            client.type_line("你好");
            server.expect_prompt(server_prompt(lang))?;
            server.type_line("好的");
            client.expect_line(lang.says("the server replied", "服务端回复的消息是"))?;
            client.type_line("exit");
            client.expect_line(lang.says("the server closed", "服务端关闭了连接"))?;
            client.finish()?.success()?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // Client step 4 against 示例2, the lesson's 运行结果: two messages and their
        // replies, then exit and the client's shutdown: its FIN, then 示例2's.
        "client4_close" => {
            let mut server = server(&crate::support::program("example2_server"), lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = super::launch(&program, lang)
                .arg(server.addr.to_string())
                .begin()?;
            let peer = accepted(&mut server, lang)?;
            for (message, reply) in [("保持连接", "保持连接"), ("今天不想上课", "明天必须来")]
            {
                client.type_line(message);
                server.expect_prompt(server_prompt(lang))?;
                server.type_line(reply);
                client.expect_line(lang.says("the server sent", "服务端发来"))?;
            }
            client.type_line("exit");
            client.finish()?.success()?;
            server.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // UDP, both pages: the lesson's client sends 你好 to the lesson's server, which
        // prints it with the client's address; 收到 typed there goes back; exit, one
        // more datagram, ends the server. No connection: three datagrams, nothing else.
        "udp_server" | "udp_client" => {
            let mut server = server(&crate::support::program("udp_server"), lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut client = super::launch(&crate::support::program("udp_client"), lang)
                .arg(server.addr.to_string())
                .begin()?;
            client.type_line("你好");
            let line = server.expect_line(lang.says("received from", "收到来自"))?;
            let peer = line
                .split_whitespace()
                .filter_map(|word| word.trim_end_matches(':').parse().ok())
                .next_back()
                .ok_or_else(|| Failure::new("the client's address".into(), line.clone()))?;
            server.expect_prompt(server_prompt(lang))?;
            server.type_line("收到");
            client.expect_line("收到")?;
            client.type_line("exit");
            server.finish()?.success()?;
            client.close_stdin();
            client.finish()?.success()?;
            capture.finish(&[peer]).map(Some)
        }
        // `--workers 1`: the second client waits in the queue until the first leaves.
        "step9_pool" => {
            let mut server = server(&program, lang).args(["--workers", "1"]).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let serves = lang.says("serves", "开始服务");
            let mut a = server.connect()?;
            let peer_a = a.local_addr();
            super::expect_about(&mut server, peer_a, serves)?;
            let mut b = server.connect()?;
            let peer_b = b.local_addr();
            super::expect_about(&mut server, peer_b, lang.says("queued", "已进入队列"))?;
            echo_line(&mut a, "hello\n")?;
            a.send("exit\n")?;
            a.expect_end_of_stream()?;
            close(a)?;
            super::expect_about(&mut server, peer_b, serves)?;
            echo_line(&mut b, "hi\n")?;
            b.send("exit\n")?;
            b.expect_end_of_stream()?;
            close(b)?;
            super::expect_about(
                &mut server,
                peer_b,
                lang.says("takes the next", "接着服务下一个"),
            )?;
            drop(server);
            capture.finish(&[peer_a, peer_b]).map(Some)
        }
        // Two clients at once, each echoed once, the second before the first leaves.
        "step8_threads" | "step10_nonblocking" | "step11_async" => {
            let server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut first = server.connect()?;
            echo_line(&mut first, "hello\n")?;
            let mut second = server.connect()?;
            echo_line(&mut second, "hi\n")?;
            for client in [&mut first, &mut second] {
                client.shutdown_write()?;
                client.expect_end_of_stream()?;
            }
            let peers = [first.local_addr(), second.local_addr()];
            first.close();
            second.close();
            drop(server);
            capture.finish(&peers).map(Some)
        }
        // alice and bob join; alice says `hi bob`; bob leaves with `exit`, alice closes.
        "chat_server" => {
            let mut server = server(&program, lang).start()?;
            let Some(capture) = capture(server.addr.port())? else {
                return Ok(None);
            };
            let mut alice = server.connect()?;
            let peer_a = alice.local_addr();
            alice.read_line()?;
            alice.send("alice\n")?;
            alice.read_line()?;
            let mut bob = server.connect()?;
            let peer_b = bob.local_addr();
            bob.read_line()?;
            bob.send("bob\n")?;
            bob.read_line()?;
            super::expect_read(
                &mut alice,
                lang.says("* bob joined\n", "* bob 加入了聊天\n"),
            )?;
            alice.send("hi bob\n")?;
            super::expect_read(&mut bob, "alice: hi bob\n")?;
            bob.send("exit\n")?;
            bob.expect_end_of_stream()?;
            close(bob)?;
            super::expect_read(&mut alice, lang.says("* bob left\n", "* bob 离开了聊天\n"))?;
            let closed = lang.says("closed the connection to", "已关闭与");
            super::expect_about(&mut server, peer_b, closed)?;
            alice.shutdown_write()?;
            alice.expect_end_of_stream()?;
            alice.close();
            super::expect_about(&mut server, peer_a, closed)?;
            server.finish()?.success()?;
            capture.finish(&[peer_a, peer_b]).map(Some)
        }
        // A pitfall's demo is its own client, on a port it chooses: it runs in a network
        // namespace of its own, whose loopback carries its packets only.
        pitfall if pitfall.starts_with("pitfall_") => {
            let Some(capture) = isolated()? else {
                return Ok(None);
            };
            let argv = inside(
                &capture,
                &[crate::support::executable(stem).into_os_string()],
            );
            let demo = crate::check::Program::with_command(stem, argv);
            super::launch(&demo, lang).run()?.success()?;
            capture.finish(&[]).map(Some)
        }
        _ => Err(Failure::new(
            format!("a run of {stem} to capture"),
            "none".into(),
        )),
    }
}

/// The words of a picture, in its language.
struct Words {
    client: &'static str,
    server: &'static str,
    bytes: &'static str,
    note: &'static str,
    legend: &'static str,
    udp_legend: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            client: "client",
            server: "server",
            bytes: "bytes",
            note: "captured on loopback from a real run",
            legend: "SYN: connect · ACK: received · FIN: no more data · RST: reset",
            udp_legend: "UDP: one datagram, no connection · ICMP: nothing listens there",
        },
        Lang::Zh => Words {
            client: "客户端",
            server: "服务端",
            bytes: "字节",
            note: "从一次真实运行在回环接口上抓到的包",
            legend: "SYN：建立连接 · ACK：已收到 · FIN：不再发送 · RST：重置",
            udp_legend: "UDP：一个数据报，没有连接 · ICMP：那里没有程序在监听",
        },
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The picture: a lifeline per side, an arrow per packet, its flags above it and what it
/// carries below. 360 px wide, to be read as it is on a phone.
/// The arrows of a picture: the packets, but a long run of segments one way (with only
/// the other side's pure ACKs between them) drawn as one arrow, `N segments`.
fn view(packets: &[Packet]) -> Vec<Packet> {
    let mut arrows = Vec::new();
    let mut at = 0;
    while at < packets.len() {
        let first = &packets[at];
        let mut end = at;
        let mut segments = 0;
        if !first.data.is_empty() && first.flags != "UDP" {
            while end < packets.len() {
                let packet = &packets[end];
                let more = !packet.data.is_empty()
                    && packet.from == first.from
                    && !packet.flags.contains("FIN");
                let answer = packet.pure_ack() && packet.from == first.to;
                if !(more || answer) {
                    break;
                }
                segments += usize::from(more);
                end += 1;
            }
        }
        if segments >= 4 {
            let data: Vec<u8> = packets[at..end]
                .iter()
                .filter(|packet| packet.from == first.from)
                .flat_map(|packet| packet.data.iter().copied())
                .collect();
            arrows.push(Packet {
                flags: format!("SEGMENTS {segments}"),
                data,
                ..first.clone()
            });
            at = end;
        } else {
            arrows.push(first.clone());
            at += 1;
        }
    }
    arrows
}

fn draw(stem: &str, packets: &[Packet], lang: Lang) -> String {
    let all = packets;
    let arrows = view(packets);
    let packets = &arrows[..];
    let w = words(lang);
    let sides = packets.iter().map(|p| p.from.max(p.to)).max().unwrap_or(1) + 1;
    let width = 360.0_f64;
    let margin = 50.0;
    // Clients on the left, the server on the right.
    let x = |side: usize| -> f64 {
        if side == 0 {
            width - margin
        } else if sides <= 2 {
            margin
        } else {
            margin + (side - 1) as f64 * (width - 2.0 * margin) / (sides - 1) as f64 * 0.5
        }
    };
    // A row per packet, a taller one for a packet that carries data (two lines of words).
    let row = |packet: &Packet| if packet.data.is_empty() { 34.0 } else { 48.0 };
    let top = 56.0;
    let height = top + packets.iter().map(row).sum::<f64>() + 40.0;
    let mut svg = String::new();
    svg.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"13\">\n"
    ));
    svg.push_str(&format!(
        "<!-- Drawn by tests/workbook/book/wire.rs from a capture of {stem}: WORKBOOK_BLESS=1 cargo test book::wire -->\n<!-- wire:\n"
    ));
    for packet in packets {
        svg.push_str(&escape(&packet.line()));
        svg.push('\n');
    }
    svg.push_str("-->\n<!-- check:\n");
    for key in keys(all) {
        svg.push_str(&escape(&key));
        svg.push('\n');
    }
    svg.push_str("-->\n");
    svg.push_str("<defs><marker id=\"a\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
    svg.push_str(&format!(
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>\n"
    ));
    for side in 0..sides {
        let name = match side {
            0 => w.server.to_string(),
            1 if sides <= 2 => w.client.to_string(),
            n => format!("{} {n}", w.client),
        };
        let cx = x(side);
        svg.push_str(&format!(
            "<text x=\"{cx}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
            escape(&name)
        ));
        svg.push_str(&format!(
            "<line x1=\"{cx}\" y1=\"28\" x2=\"{cx}\" y2=\"{}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n",
            height - 40.0
        ));
    }
    let mut y = top;
    for packet in packets {
        let here = y;
        y += row(packet);
        let y = here;
        let (x1, x2) = (x(packet.from), x(packet.to));
        let color = if packet.flags.contains("RST") || packet.flags.starts_with("ICMP") {
            "#c0392b"
        } else if packet.flags.contains("SYN") || packet.flags.contains("FIN") {
            "#1f5fa8"
        } else if packet.data.is_empty() {
            "#777"
        } else {
            "#1e7d32"
        };
        svg.push_str(&format!(
            "<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{}\" stroke=\"{color}\" stroke-width=\"1.6\" marker-end=\"url(#a)\"/>\n",
            y + 12.0
        ));
        let mid = (x1 + x2) / 2.0;
        // A wait worth seeing (Nagle's, a delayed ACK, a timeout): its length, at left.
        if packet.gap >= 10.0 {
            svg.push_str(&format!(
                "<text x=\"2\" y=\"{}\" font-size=\"11\" fill=\"#a05a00\">+{:.0} ms</text>\n",
                y + 4.0,
                packet.gap
            ));
        }
        if packet.data.is_empty() {
            svg.push_str(&format!(
                "<text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" fill=\"{color}\">{}</text>\n",
                y - 3.0,
                escape(&packet.flags)
            ));
        } else {
            // The data above the arrow, the flags that carry it below.
            let carried = match packet.flags.strip_prefix("SEGMENTS ") {
                Some(n) => match lang {
                    Lang::En => format!("{n} segments"),
                    Lang::Zh => format!("{n} 个数据段"),
                },
                None => packet.flags.clone(),
            };
            let preview = shown(&packet.data);
            let size = format!("{} {}", packet.data.len(), w.bytes);
            let label = if preview.is_empty() {
                size
            } else {
                format!("{preview} ({size})")
            };
            svg.push_str(&format!(
                "<text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" fill=\"{color}\" font-weight=\"bold\">{}</text>\n",
                y - 3.0,
                escape(&label)
            ));
            svg.push_str(&format!(
                "<text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{}</text>\n",
                y + 26.0,
                escape(&carried)
            ));
        }
    }
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{}</text>\n",
        width / 2.0,
        height - 22.0,
        escape(w.note)
    ));
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{}</text>\n",
        width / 2.0,
        height - 7.0,
        escape(if all.iter().any(|p| p.flags == "UDP") {
            w.udp_legend
        } else {
            w.legend
        })
    ));
    svg.push_str("</svg>\n");
    svg
}

/// What a picture says of its run: the keys of [`keys`].
fn drawn(svg: &str) -> Vec<String> {
    svg.split("<!-- check:")
        .nth(1)
        .and_then(|rest| rest.split("-->").next())
        .map(|lines| {
            lines
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(|line| {
                    line.replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&")
                })
                .collect()
        })
        .unwrap_or_default()
}

fn picture(lang: Lang, stem: &str) -> std::path::PathBuf {
    std::path::Path::new(DOCS)
        .join(lang.dir())
        .join("img")
        .join(format!("wire-{stem}.svg"))
}

/// Every page of [`PAGES`] shows its picture, in both languages.
#[test]
fn every_lesson_page_shows_its_wire() -> Outcome {
    for stem in PAGES {
        for lang in Lang::BOTH {
            let page = std::path::Path::new(DOCS)
                .join(lang.dir())
                .join(format!("{stem}.md"));
            let text = std::fs::read_to_string(&page).unwrap_or_default();
            let wanted = format!("<img class=\"wire\" src=\"img/wire-{stem}.svg\"");
            if !text.contains(&wanted) {
                return Err(Failure::new(
                    format!("{}: `{wanted}`", page.display()),
                    "none".into(),
                ));
            }
            if !picture(lang, stem).exists() {
                return Err(Failure::new(
                    format!("{}", picture(lang, stem).display()),
                    "no such file".into(),
                ));
            }
        }
    }
    Ok(())
}

/// Each picture draws the packets of a real run: made again and captured here.
#[test]
#[ignore = "36 captures on loopback (root and tcpdump only): .ci/run runs it"]
fn the_pictures_of_the_wire_are_real_runs() -> Outcome {
    let bless = std::env::var_os(BLESS_VAR).is_some();
    let mut wrong = Vec::new();
    // The runs wait on programs and packets, not on the CPU: seven pages at a time.
    for pages in PAGES.chunks(7) {
        let outcomes: Vec<Outcome<Option<Vec<Failure>>>> = std::thread::scope(|scope| {
            let runs: Vec<_> = pages
                .iter()
                .map(|&stem| scope.spawn(move || check_pictures(stem, bless)))
                .collect();
            runs.into_iter()
                .map(|run| {
                    run.join().unwrap_or_else(|_| {
                        Err(Failure::new("a run of a page".into(), "a panic".into()))
                    })
                })
                .collect()
        });
        for outcome in outcomes {
            match outcome? {
                Some(failures) => wrong.extend(failures),
                // No capture here: nothing is checked (said on stderr).
                None => return Ok(()),
            }
        }
    }
    // Every picture that differs, not only the first.
    match wrong.into_iter().reduce(|all, one| {
        Failure::new(
            format!("{}\n\n{}", all.expected, one.expected),
            format!("{}\n\n{}", all.found, one.found),
        )
    }) {
        Some(failure) => Err(failure),
        None => Ok(()),
    }
}

/// Makes a run of `stem` in each language, captured, and compares its pictures with it
/// (in bless mode, first draws them from it). `None`: no capture can be made here.
fn check_pictures(stem: &str, bless: bool) -> Outcome<Option<Vec<Failure>>> {
    let mut wrong = Vec::new();
    // A run that needs a feature this binary lacks is not made: `--all-features`.
    let needs: &[&str] = match stem {
        "client" => &["client", "extra_echo"],
        "client1_connect" | "client3_recv" | "client4_close" => &[stem, "example2_server"],
        "client2_send" => &[stem, "step5_recv"],
        "udp_server" | "udp_client" => &["udp_server", "udp_client"],
        _ => &[stem],
    };
    if !needs.iter().all(|stem| super::buildable(stem)) {
        return Ok(Some(wrong));
    }
    for lang in Lang::BOTH {
        let Some(packets) = run(stem, lang)? else {
            return Ok(None);
        };
        let path = picture(lang, stem);
        let real = keys(&packets);
        // A bless draws a picture again only when what it shows of the wire is no longer
        // true (or it is missing: delete the pictures to draw them all again after a
        // change to `draw`); the timings a new run would draw differ every time, and a
        // picture that is still true stays as it is.
        let stale = drawn(&std::fs::read_to_string(&path).unwrap_or_default()) != real;
        if bless && stale {
            std::fs::write(&path, draw(stem, &packets, lang)).map_err(|error| {
                Failure::new(format!("to write {}", path.display()), error.to_string())
            })?;
        }
        let svg = std::fs::read_to_string(&path).unwrap_or_default();
        let on_page = drawn(&svg);
        if on_page != real {
            wrong.push(Failure::new(
                format!(
                    "{}: the SYNs, FINs, RSTs and bytes of a real run of {stem}\n{}",
                    path.display(),
                    real.join("\n")
                ),
                on_page.join("\n"),
            ));
        }
    }
    Ok(Some(wrong))
}
