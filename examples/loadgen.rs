//! loadgen — a load generator for line echo servers: many clients at once.
//!
//! `N` clients connect at once (`--connections`); once all are connected, each sends
//! `M` lines (`--messages`) of `S` bytes (`--size`, the newline included), one at a
//! time: it waits for the echo of each line before it sends the next, and checks that
//! the echo is the very line it sent. Then it reports the connections made and failed,
//! the messages per second and megabytes per second, and the latency of one echo (p50,
//! p99, max), with a progress bar while it runs (on a terminal).
//!
//! Point it at your own server, or at a server of the ladder:
//!
//! ```text
//! terminal 1: cargo run --features nonblocking --example step10_nonblocking -- --quiet
//! terminal 2: cargo run --release --features loadgen --example loadgen -- 127.0.0.1:8888 -c 1000 -m 20
//! ```
//!
//! `--wait` stops after connecting, until you press Enter: look at the server then
//! (`ss -tan | grep 8888`, its memory in `top`). `--summary` adds one line for
//! programs (the benchmark, `examples/bench.rs`, reads it).
//!
//! Lesson: README, "From one client to many"; docs/en/loadgen.md, docs/zh/loadgen.md.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Arg, ArgAction, value_parser};
use indicatif::{ProgressBar, ProgressStyle};
use socket_workbook::args::id;
use socket_workbook::message::escape;
use socket_workbook::{Cli, Failed, report, say, words};
use socket_workbook::{ladder, load_report};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::timeout;

/// Connections being set up at once. Thousands of SYNs in one burst overflow the
/// server's backlog, and each one dropped costs the client a 1 s retransmission.
const CONNECTING_AT_ONCE: usize = 256;

/// The most different errors listed in the report.
const ERRORS_SHOWN: usize = 5;

/// What to do, from the command line.
#[derive(Clone, Copy, Debug)]
struct Load {
    addr: SocketAddr,
    connections: usize,
    messages: usize,
    size: usize,
    timeout: Duration,
    wait: bool,
    summary: bool,
}

fn main() -> ExitCode {
    let args = Cli::new("loadgen")
        .address()
        .arg(count(
            "connections",
            'c',
            "10",
            1,
            ladder::help_connections(),
        ))
        .arg(count("messages", 'm', "100", 0, ladder::help_messages()))
        .arg(count("size", 's', "64", 2, ladder::help_size()))
        .arg(count("threads", 't', "1", 1, ladder::help_threads()))
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .value_name("SECONDS")
                .default_value("10")
                .value_parser(ladder::parse_seconds)
                .help(ladder::help_timeout()),
        )
        .arg(
            Arg::new(id::WAIT)
                .long("wait")
                .action(ArgAction::SetTrue)
                .help(ladder::help_wait()),
        )
        .arg(
            Arg::new(id::SUMMARY)
                .long("summary")
                .action(ArgAction::SetTrue)
                .help(ladder::help_summary()),
        )
        .parse();
    let get = |id: &str| ladder::get_count(&args, id, 1);
    let load = Load {
        addr: args.addr,
        connections: get("connections"),
        messages: ladder::get_count(&args, "messages", 0),
        size: get("size"),
        timeout: args
            .matches
            .get_one::<Duration>("timeout")
            .copied()
            .unwrap_or(Duration::from_secs(10)),
        wait: args.wait(),
        summary: args.summary(),
    };
    // One runtime thread by default: the server under test, on the same machine,
    // keeps the other cores.
    let threads = get("threads");
    let runtime = if threads == 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .enable_all()
            .build()
    };
    match runtime.context(ladder::runtime_failed()) {
        Ok(runtime) => report(runtime.block_on(run(load))),
        Err(error) => report(Err(error)),
    }
}

/// A count flag, `-c N` or `--connections N`, at least `min`.
fn count(id: &'static str, short: char, default: &'static str, min: u64, help: String) -> Arg {
    Arg::new(id)
        .short(short)
        .long(id)
        .value_name("N")
        .default_value(default)
        .value_parser(value_parser!(u64).range(min..=10_000_000))
        .help(help)
}

/// What one client did.
#[derive(Default)]
struct Conversation {
    /// The time each echo took.
    latencies: Vec<Duration>,
    /// What went wrong, if something did.
    error: Option<String>,
    /// The server ended the connection before every echo.
    ended_early: bool,
}

async fn run(load: Load) -> anyhow::Result<()> {
    // Each connection is a file descriptor: room for them all, or a clear word.
    if let Some(limit) = ladder::open_files_limit(load.connections as u64 + 64) {
        if load.connections as u64 + 16 > limit {
            anyhow::bail!(ladder::loadgen_fd_limit(load.connections, limit));
        }
    }
    let connections = load.connections;
    let messages = load.messages;
    let size = load.size;
    let addr = load.addr;
    say!(
        "loadgen: {connections} clients, {messages} lines of {size} bytes each, to {addr}",
        "loadgen：{connections} 个客户端，每个发送 {messages} 行、每行 {size} 字节，目标 {addr}"
    );
    let mut errors: HashMap<String, usize> = HashMap::new();

    // All the clients connect first, so that the messages go over that many open
    // connections at once.
    let bar = progress(load.connections, words!("connecting", "连接中"));
    let connecting = Arc::new(Semaphore::new(CONNECTING_AT_ONCE));
    let mut tasks = JoinSet::new();
    for _ in 0..load.connections {
        let connecting = Arc::clone(&connecting);
        let bar = bar.clone();
        tasks.spawn(async move {
            let _turn = connecting.acquire_owned().await;
            let result = match timeout(load.timeout, TcpStream::connect(load.addr)).await {
                Ok(Ok(stream)) => stream.set_nodelay(true).map(|()| stream),
                Ok(Err(error)) => Err(error),
                Err(_elapsed) => Err(ErrorKind::TimedOut.into()),
            };
            bar.inc(1);
            result.with_context(|| Failed::Connect(load.addr))
        });
    }
    let mut streams = Vec::with_capacity(load.connections);
    let mut first_connect_error = None;
    while let Some(joined) = tasks.join_next().await {
        match joined.context(ladder::runtime_failed())? {
            Ok(stream) => streams.push(stream),
            Err(error) => {
                *errors.entry(format!("{error:#}")).or_default() += 1;
                first_connect_error.get_or_insert(error);
            }
        }
    }
    bar.finish_and_clear();
    let failed = load.connections - streams.len();
    // Not one connection: that is an error of its own, with its hint (nothing listens?).
    if let (true, Some(error)) = (streams.is_empty(), first_connect_error) {
        return Err(error);
    }
    let made = streams.len();
    say!(
        "open: {made} connections ({failed} failed)",
        "open: 已建立 {made} 个连接（{failed} 个失败）"
    );
    if load.wait {
        say!("press Enter to send the messages", "按回车键开始发送消息");
        let mut line = String::new();
        let enter = tokio::task::spawn_blocking(move || std::io::stdin().read_line(&mut line));
        let _ = enter.await;
    }

    // Then every client talks at once.
    let bar = progress(streams.len() * load.messages, words!("echoes", "回显"));
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for (index, stream) in streams.into_iter().enumerate() {
        let bar = bar.clone();
        tasks.spawn(async move { converse(stream, index, load, &bar).await });
    }
    let mut latencies = Vec::with_capacity(load.connections * load.messages);
    let mut ended = 0;
    while let Some(joined) = tasks.join_next().await {
        let conversation = joined.context(ladder::runtime_failed())?;
        latencies.extend(conversation.latencies);
        ended += usize::from(conversation.ended_early || conversation.error.is_some());
        if let Some(error) = conversation.error {
            *errors.entry(error).or_default() += 1;
        }
    }
    let elapsed = started.elapsed();
    bar.finish_and_clear();

    // The report (src/load_report.rs): for a person, then with --summary for a program.
    let told = load_report::Load {
        connections: load.connections,
        size: load.size,
        summary: load.summary,
        errors_shown: ERRORS_SHOWN,
    };
    load_report::print_report(&told, failed, ended, &mut latencies, elapsed, &errors);
    Ok(())
}

/// One client's messages: each line sent, its echo awaited and compared.
async fn converse(
    mut stream: TcpStream,
    index: usize,
    load: Load,
    bar: &ProgressBar,
) -> Conversation {
    let mut conversation = Conversation {
        latencies: Vec::with_capacity(load.messages),
        ..Conversation::default()
    };
    let (reader, mut writer) = stream.split();
    let mut reader = BufReader::with_capacity(load.size.clamp(256, 8192), reader);
    let mut line = vec![b'x'; load.size];
    let mut echo = Vec::with_capacity(load.size);
    for message in 0..load.messages {
        // Each line says whose and which it is, so that no echo can pass for another.
        let label = format!("{index}:{message} ");
        let room = load.size - 1;
        line[..room].fill(b'x');
        let label = &label.as_bytes()[..label.len().min(room)];
        line[..label.len()].copy_from_slice(label);
        line[room] = b'\n';

        let sent = Instant::now();
        match timeout(load.timeout, writer.write_all(&line)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                conversation.error = Some(format!(
                    "{:#}",
                    anyhow::Error::new(error).context(Failed::Send(load.addr))
                ));
                break;
            }
            Err(_elapsed) => {
                conversation.error = Some(ladder::timed_out(&ladder::seconds(load.timeout)));
                break;
            }
        }
        echo.clear();
        match timeout(load.timeout, reader.read_until(b'\n', &mut echo)).await {
            Ok(Ok(_)) if echo == line => {}
            Ok(Ok(_)) if !echo.ends_with(b"\n") => {
                conversation.ended_early = true;
                conversation.error = Some(ladder::ended_early());
                break;
            }
            Ok(Ok(_)) => {
                let shown = escape(&echo[..echo.len() - 1], false);
                conversation.error = Some(ladder::wrong_echo(&shown));
                break;
            }
            Ok(Err(error)) => {
                conversation.error = Some(format!(
                    "{:#}",
                    anyhow::Error::new(error).context(Failed::Recv(load.addr))
                ));
                break;
            }
            Err(_elapsed) => {
                conversation.error = Some(ladder::timed_out(&ladder::seconds(load.timeout)));
                break;
            }
        }
        conversation.latencies.push(sent.elapsed());
        bar.inc(1);
    }
    conversation
}

/// A progress bar on stderr, drawn only on a terminal.
fn progress(len: usize, what: String) -> ProgressBar {
    let bar = ProgressBar::new(len as u64).with_message(what);
    if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{wide_bar}] {pos}/{len} {per_sec}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
