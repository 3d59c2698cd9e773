//! bench — the ladder's servers against what a student would use instead, under the
//! same load, in one run on one machine; prints the tables of `docs/benchmarks.md`.
//!
//! Each server is started on a free port of 127.0.0.1, then `loadgen` (built in release
//! mode, like the servers) connects N clients at once, waits a second for the server
//! to settle, and each client sends its lines, one at a time, each waiting for its
//! echo. N is 1, 100 and 1,000 for every server, and 10,000 for the ladder's. The
//! peers: socat (`socat TCP-LISTEN:PORT,fork,reuseaddr EXEC:cat`, a process pair per
//! client), Python's `socketserver.ThreadingTCPServer` and Python's asyncio streams
//! (`.ci/bench/*.py`). Every server gets a listen backlog of 4096. For each run: the
//! clients that connected, messages per second and MB/s, the 99th percentile and the
//! maximum of the latency of one echo, the server's peak resident memory (with its child processes)
//! and its memory per idle connection (measured while all N are connected and silent),
//! each beside its ratio to the best peer at the same N. Then a client sends each
//! ladder server 100 MB without a newline, and the table says whether the server still
//! answers and how much memory it took.
//!
//! Run it (it takes a few minutes, and wants the machine to itself):
//!
//! ```text
//! cargo run --release --features ladder --example bench
//! cargo run --release --features ladder --example bench -- --quick    # a tenth of the messages
//! ```
//!
//! It checks for socat and python3 first, and says how to install what is missing;
//! the rest runs without them. Memory is read from `/proc`: on macOS and Windows that
//! column is empty.
//!
//! Lesson: README, "From one client to many"; docs/en/bench.md, docs/zh/bench.md; the
//! results: docs/benchmarks.md.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use std::time::Duration;

use anyhow::Context;
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::bench::memory::{Sampler, rss_kib};
use socket_workbook::bench::servers::{
    self, Contender, Kind, lines_of, start, wait_for, wait_line,
};
use socket_workbook::bench::table::{self, Flooded, Measured, Row};
use socket_workbook::{Cli, ladder, report, warn, words};

/// Each level of load: clients at once, and lines each client sends.
const LEVELS: [(usize, usize); 4] = [(1, 20_000), (100, 1_000), (1_000, 100), (10_000, 10)];

/// The size of each line, newline included.
const SIZE: usize = 64;

/// The most clients a peer is run with: the issue asks 10,000 of the ladder's
/// non-blocking and async servers only, and socat would fork 20,000 processes.
const PEER_MAX_CLIENTS: usize = 1_000;

/// A connection limit above the most clients of the benchmark, for each ladder
/// server (the library gives each the peers' backlog, `--quiet` and no idle timeout).
const NO_LIMIT: [&str; 2] = ["--max-connections", "20000"];

/// How long one run of loadgen may take, at most.
const RUN: Duration = Duration::from_secs(300);

/// The servers under test: the ladder's, then the peers a student would use instead.
fn contenders() -> Vec<Contender> {
    vec![
        Contender {
            name: "step8_threads",
            kind: Kind::Ladder("step8_threads", &NO_LIMIT),
        },
        Contender {
            name: "step9_pool (8 workers)",
            kind: Kind::Ladder("step9_pool", &["--workers", "8", "--queue", "20000"]),
        },
        Contender {
            name: "step10_nonblocking",
            kind: Kind::Ladder("step10_nonblocking", &NO_LIMIT),
        },
        Contender {
            name: "step11_async",
            kind: Kind::Ladder("step11_async", &NO_LIMIT),
        },
        Contender {
            name: "socat fork + cat",
            kind: Kind::Socat,
        },
        Contender {
            name: "Python ThreadingTCPServer",
            kind: Kind::Python("threading_echo.py"),
        },
        Contender {
            name: "Python asyncio",
            kind: Kind::Python("asyncio_echo.py"),
        },
    ]
}

fn main() -> ExitCode {
    let args = Cli::new("bench")
        .arg(
            Arg::new(id::QUICK)
                .long("quick")
                .action(ArgAction::SetTrue)
                .help(ladder::help_quick()),
        )
        .parse();
    report(run(args.quick()))
}

fn run(quick: bool) -> anyhow::Result<()> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The peers, each skipped with a word on how to install it when it is missing.
    let have_socat = servers::tool_version(
        "socat",
        &["-V"],
        "socat version",
        words!(
            "socat not found: its rows are skipped; install it with `apt-get install -y socat` (Debian, Ubuntu) or `brew install socat` (macOS)",
            "没有找到 socat：跳过它的测试；安装方法：`apt-get install -y socat`（Debian、Ubuntu）或 `brew install socat`（macOS）"
        ),
    );
    let have_python = servers::tool_version(
        "python3",
        &["--version"],
        "Python",
        words!(
            "python3 not found: the Python servers are skipped; install Python 3 (`apt-get install -y python3`, or python.org)",
            "没有找到 python3：跳过 Python 服务端的测试；请安装 Python 3（`apt-get install -y python3`，或从 python.org 下载）"
        ),
    );

    warn!(
        "building loadgen and the ladder's servers in release mode",
        "正在以 release 模式编译 loadgen 和阶梯中的服务端"
    );
    let loadgen = servers::build(manifest, "loadgen")?;
    let mut ready: Vec<(Contender, Option<PathBuf>)> = Vec::new();
    for contender in contenders() {
        match contender.kind {
            Kind::Ladder(example, _) => {
                let path = servers::build(manifest, example)?;
                ready.push((contender, Some(path)));
            }
            Kind::Socat if have_socat.is_none() => {}
            Kind::Python(_) if have_python.is_none() => {}
            _ => ready.push((contender, None)),
        }
    }

    let mut rows = Vec::new();
    for &(clients, messages) in &LEVELS {
        let messages = if quick {
            (messages / 10).max(1)
        } else {
            messages
        };
        for (contender, path) in &ready {
            if contender.is_peer() && clients > PEER_MAX_CLIENTS {
                continue;
            }
            let name = contender.name;
            warn!(
                "{name}: {clients} clients, {messages} lines each",
                "{name}：{clients} 个客户端，每个 {messages} 行"
            );
            let outcome = measure(
                manifest,
                contender,
                path.as_deref(),
                &loadgen,
                clients,
                messages,
            )
            .map_err(|error| format!("{error:#}"));
            if let Err(error) = &outcome {
                socket_workbook::output::stderr_line(format_args!("  {error}"));
            }
            rows.push(Row {
                contender: contender.name.to_string(),
                peer: contender.is_peer(),
                clients,
                outcome,
            });
        }
    }

    let mut floods = Vec::new();
    for (contender, path) in &ready {
        if let (Kind::Ladder(..), Some(path)) = (&contender.kind, path) {
            let name = contender.name;
            warn!(
                "{name}: 100 MB without a newline",
                "{name}：不带换行符的 100 MB 数据"
            );
            let outcome = flood(contender, path).map_err(|error| format!("{error:#}"));
            floods.push((contender.name, outcome));
        }
    }

    table::print_machine(have_socat.as_deref(), have_python.as_deref(), SIZE, quick);
    table::print_table(&rows);
    table::print_floods(&floods);
    Ok(())
}

/// Runs loadgen against one contender with `clients` clients of `messages` lines.
fn measure(
    manifest: &Path,
    contender: &Contender,
    path: Option<&Path>,
    loadgen: &Path,
    clients: usize,
    messages: usize,
) -> anyhow::Result<Measured> {
    let server = start(manifest, contender, path)?;
    let pid = server.child.id();
    let tree = contender.forks();
    let before = rss_kib(pid, tree);
    let sampler = Sampler::start(pid, tree);

    let mut child = Command::new(loadgen)
        .arg(server.addr.to_string())
        .args(["-c", &clients.to_string(), "-m", &messages.to_string()])
        .args([
            "-s",
            &SIZE.to_string(),
            "--timeout",
            "30",
            "--wait",
            "--summary",
        ])
        .env("WORKBOOK_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context(ladder::bench_start_failed("loadgen"))?;
    let lines = lines_of(
        child
            .stdout
            .take()
            .context(ladder::bench_start_failed("loadgen"))?,
    );
    let mut errors = String::new();
    let stderr = child.stderr.take();
    let stderr_reader = thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    });

    let measured = (|| {
        wait_line(&lines, RUN, |line| line.starts_with("open: "))?;
        // Every client is connected and silent. A second lets the server take the last
        // ones from its backlog before its memory is read.
        thread::sleep(Duration::from_secs(1));
        let idle = rss_kib(pid, tree);
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(b"\n")?;
        }
        let summary = wait_line(&lines, RUN, |line| line.starts_with("summary "))?;
        Ok::<_, anyhow::Error>((summary, idle))
    })();
    if !wait_for(&mut child, RUN) {
        let _ = child.kill();
        let _ = child.wait();
    }
    errors.push_str(&stderr_reader.join().unwrap_or_default());
    let peak = sampler.stop();
    drop(server);
    let (summary, idle) = measured.with_context(|| errors.trim().to_string())?;

    Ok(Measured::of_summary(&summary, peak, before, idle))
}

/// Sends 100 MB without a newline, then a short line, and checks the echo of the
/// short line comes back, while the server's memory is sampled.
fn flood(contender: &Contender, path: &Path) -> anyhow::Result<Flooded> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let server = start(manifest, contender, Some(path))?;
    let pid = server.child.id();
    let before = rss_kib(pid, false);
    let sampler = Sampler::start(pid, false);
    let mut client = TcpStream::connect(server.addr)?;
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    client.set_write_timeout(Some(Duration::from_secs(30)))?;
    // The refusal comes back while we send: read it on another thread, or both sides
    // could wait on full buffers.
    let mut reader = client.try_clone()?;
    let replies = thread::spawn(move || {
        let mut got = Vec::new();
        let mut buffer = [0u8; 4096];
        while !got.ends_with(b"ping\n") {
            match reader.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buffer[..n]),
            }
        }
        got
    });
    let chunk = vec![b'x'; 1024 * 1024];
    for _ in 0..100 {
        client.write_all(&chunk)?;
    }
    client.write_all(b"\nping\n")?;
    let got = replies.join().unwrap_or_default();
    let peak = sampler.stop();
    drop(server);
    Ok(Flooded {
        answered: got.ends_with(b"ping\n") && got.starts_with(b"error: line longer than"),
        rss_before_kib: before,
        peak_rss_kib: peak,
    })
}
