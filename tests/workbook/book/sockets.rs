//! What the operating system shows: the `ss -tan` listings of the pages, and the states
//! that the diagrams name, taken from real runs on Linux.
//!
//! A block after `<!-- checked: sockets STEM MOMENT -->` is the listing of `ss -tan` at
//! one moment of a run of `STEM`: the lesson's sockets only (the server's listening
//! socket and the one connection the run makes), their states and queue sizes, with the
//! page's addresses in place of the real ones, one line per socket in a fixed order (the
//! listening socket, the server's side, the client's side). Elsewhere than on Linux
//! there is no `ss`: the page says that it shows Linux, and the blocks are not checked.
//!
//! A diagram (`docs/LANG/img/NAME.svg`) says which moments it draws, in a comment
//! `<!-- moments: STEM MOMENT, STEM MOMENT -->`; every TCP state it names must be in the
//! listing of one of them, but for the states that last too short a time for a listing
//! to catch (`TRANSIENT`).

use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use super::{CLIENT_ON_PAGE, Lang, SERVER_ON_PAGE, prompt, server};
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
/// socket, the server's side of the connection, the client's side.
fn ours(rows: &[Row], server: SocketAddr, client: Option<SocketAddr>) -> Vec<Row> {
    let server = server.to_string();
    let client = client.map(|client| client.to_string());
    let listening = rows
        .iter()
        .filter(|row| row.state == "LISTEN" && row.local == server);
    let side = |local: &str, peer: &str| {
        rows.iter()
            .filter(move |row| row.state != "LISTEN" && row.local == local && row.peer == peer)
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut listing: Vec<Row> = listening.cloned().collect();
    if let Some(client) = &client {
        listing.extend(side(&server, client));
        listing.extend(side(client, &server));
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
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let rows = ours(&ss()?, server, client);
        if settled(&rows) {
            return Ok(listing(&rows, server, client));
        }
        if Instant::now() > deadline {
            return Err(Failure::new(
                format!("`ss -tan` to show {what} within 10 s"),
                listing(&rows, server, client),
            ));
        }
        // The one sleep of these tests: between two looks at the kernel's table of
        // sockets, which has no way to wait for a change. A state settles within
        // microseconds on loopback, so the first or second look is nearly always it.
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The listing as a page shows it: `ss -tan`'s header, and a line per socket with the
/// page's addresses.
fn listing(rows: &[Row], server: SocketAddr, client: Option<SocketAddr>) -> String {
    let shown = |address: &str| {
        if address == server.to_string() {
            SERVER_ON_PAGE.to_string()
        } else if client.is_some_and(|client| address == client.to_string()) {
            CLIENT_ON_PAGE.to_string()
        } else {
            address.to_string()
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

/// The listings of one run of `stem`, at each moment its pages show: `None` where there
/// is no `ss` (not Linux).
pub fn moments(stem: &str, lang: Lang) -> Outcome<Option<Vec<(&'static str, String)>>> {
    if !cfg!(target_os = "linux") {
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
