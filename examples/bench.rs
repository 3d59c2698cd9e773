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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Arg, ArgAction};
use socket_workbook::args::id;
use socket_workbook::ladder;
use socket_workbook::{Cli, outln, report, say, warn, words};

/// Each level of load: clients at once, and lines each client sends.
const LEVELS: [(usize, usize); 4] = [(1, 20_000), (100, 1_000), (1_000, 100), (10_000, 10)];

/// The fewest clients whose memory per idle connection means something: with fewer,
/// the difference is a few pages of the allocator, divided by a small number.
const IDLE_CLIENTS: usize = 100;

/// The size of each line, newline included.
const SIZE: usize = 64;

/// The most clients a peer is run with: the issue asks 10,000 of the ladder's
/// non-blocking and async servers only, and socat would fork 20,000 processes.
const PEER_MAX_CLIENTS: usize = 1_000;

/// The flags every ladder server gets: no line per message, the peers' backlog, no
/// idle timeout in the way. Each also gets room for every client (`NO_LIMIT`).
const LADDER_FLAGS: [&str; 5] = ["--quiet", "--backlog", "4096", "--idle-timeout", "600"];

/// A connection limit above the most clients of the benchmark.
const NO_LIMIT: [&str; 2] = ["--max-connections", "20000"];

/// How long a server may take to start.
const START: Duration = Duration::from_secs(20);

/// How long one run of loadgen may take, at most.
const RUN: Duration = Duration::from_secs(300);

/// A server under test.
#[derive(Clone, Debug)]
struct Contender {
    /// Its name in the table.
    name: &'static str,
    /// How to start it.
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    /// A ladder example and its own flags.
    Ladder(&'static str, &'static [&'static str]),
    /// socat with a process pair per client.
    Socat,
    /// A Python script of `.ci/bench`.
    Python(&'static str),
}

impl Contender {
    fn is_peer(&self) -> bool {
        !matches!(self.kind, Kind::Ladder(..))
    }

    /// Whether its memory is that of several processes (socat forks per client).
    fn forks(&self) -> bool {
        matches!(self.kind, Kind::Socat)
    }
}

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

/// One row of the table.
struct Row {
    contender: String,
    peer: bool,
    clients: usize,
    outcome: Result<Measured, String>,
}

/// What one run measured.
#[derive(Clone, Debug, Default)]
struct Measured {
    made: usize,
    ended: usize,
    messages_per_s: f64,
    mb_per_s: f64,
    p99_us: f64,
    max_us: f64,
    peak_rss_kib: Option<u64>,
    idle_kib_per_connection: Option<f64>,
}

fn run(quick: bool) -> anyhow::Result<()> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let have_socat = tool_version(
        "socat",
        &["-V"],
        "socat version",
        words!(
            "socat not found: its rows are skipped; install it with `apt-get install -y socat` (Debian, Ubuntu) or `brew install socat` (macOS)",
            "没有找到 socat：跳过它的测试；安装方法：`apt-get install -y socat`（Debian、Ubuntu）或 `brew install socat`（macOS）"
        ),
    );
    let have_python = tool_version(
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
    let loadgen = build(manifest, "loadgen")?;
    let mut ready: Vec<(Contender, Option<PathBuf>)> = Vec::new();
    for contender in contenders() {
        match contender.kind {
            Kind::Ladder(example, _) => {
                let path = build(manifest, example)?;
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

    print_machine(have_socat.as_deref(), have_python.as_deref(), quick);
    print_table(&rows);
    print_floods(&floods);
    Ok(())
}

/// The version line of a tool, or `None` with a word on how to install it.
fn tool_version(program: &str, args: &[&str], marker: &str, install: String) -> Option<String> {
    let output = Command::new(program).args(args).output();
    let version = output.ok().and_then(|output| {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        text.lines()
            .find(|line| line.contains(marker))
            .map(|line| line.trim().to_string())
    });
    if version.is_none() {
        socket_workbook::output::stderr_line(format_args!("{install}"));
    }
    version
}

/// Builds an example in release mode with the ladder's features, through Cargo.
fn build(manifest: &Path, example: &str) -> anyhow::Result<PathBuf> {
    let built = escargot::CargoBuild::new()
        .example(example)
        .release()
        .features("ladder")
        .manifest_path(manifest.join("Cargo.toml"))
        .run()
        .with_context(|| ladder::bench_build_failed(example))?;
    Ok(built.path().to_path_buf())
}

/// A server running for one measurement: killed and reaped when dropped.
struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    addr: SocketAddr,
    /// The server ends cleanly when its stdin closes (the ladder's), or is killed.
    stops_on_stdin: bool,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stdin = None;
        if self.stops_on_stdin && wait_for(&mut self.child, Duration::from_secs(10)) {
            return;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits up to `limit` for `child` to end; whether it did.
fn wait_for(child: &mut Child, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        // A benchmark may poll: nothing here is a test, and 10 ms is no cost.
        thread::sleep(Duration::from_millis(10));
    }
    false
}

/// The lines a child writes on stdout, as they come.
fn lines_of(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// Waits for the line that `wanted` accepts, within `limit`.
fn wait_line(
    lines: &Receiver<String>,
    limit: Duration,
    wanted: impl Fn(&str) -> bool,
) -> anyhow::Result<String> {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if wanted(&line) => return Ok(line),
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => bail!(ladder::bench_no_line(limit.as_secs())),
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!(ladder::bench_ended()),
        }
    }
}

/// Starts a contender on a free port of 127.0.0.1.
fn start(manifest: &Path, contender: &Contender, path: Option<&Path>) -> anyhow::Result<Running> {
    let mut command;
    let mut fixed_port = None;
    match contender.kind {
        Kind::Ladder(_, flags) => {
            command = Command::new(path.context(ladder::bench_build_failed(contender.name))?);
            command.arg("127.0.0.1:0").args(LADDER_FLAGS).args(flags);
        }
        Kind::Socat => {
            // socat takes no port 0 and prints no address: ask the system for a free
            // port, free it, and give it to socat.
            let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
            command = Command::new("socat");
            command.arg(format!(
                "TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr,backlog=4096"
            ));
            command.arg("EXEC:cat");
            fixed_port = Some(port);
        }
        Kind::Python(script) => {
            command = Command::new("python3");
            command
                .arg(manifest.join(".ci").join("bench").join(script))
                .args(["127.0.0.1", "0"]);
        }
    }
    let mut child = command
        .env("WORKBOOK_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| ladder::bench_start_failed(contender.name))?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let mut running = Running {
        child,
        stdin,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        stops_on_stdin: !contender.is_peer(),
    };
    running.addr = match fixed_port {
        Some(port) => {
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            let deadline = Instant::now() + START;
            // socat prints nothing when it listens: try to connect until it answers.
            while TcpStream::connect(addr).is_err() {
                if Instant::now() > deadline {
                    bail!(ladder::bench_no_line(START.as_secs()));
                }
                thread::sleep(Duration::from_millis(20));
            }
            addr
        }
        None => {
            let lines = lines_of(stdout.context(ladder::bench_start_failed(contender.name))?);
            let line = wait_line(&lines, START, |line| line.starts_with("listening on "))?;
            // Keep reading what the server prints, so that it never blocks on a full pipe.
            thread::spawn(move || for _ in lines {});
            line.rsplit(' ')
                .next()
                .and_then(|addr| addr.parse().ok())
                .context(ladder::bench_no_line(START.as_secs()))?
        }
    };
    Ok(running)
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

    let field = |key: &str| -> f64 {
        summary
            .split_whitespace()
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
            .and_then(|value| value.parse().ok())
            .unwrap_or(0.0)
    };
    let made = field("made") as usize;
    Ok(Measured {
        made,
        ended: field("ended") as usize,
        messages_per_s: field("messages_per_s"),
        mb_per_s: field("mb_per_s"),
        p99_us: field("p99_us"),
        max_us: field("max_us"),
        peak_rss_kib: peak,
        idle_kib_per_connection: match (before, idle) {
            (Some(before), Some(idle)) if made > 0 => {
                Some(idle.saturating_sub(before) as f64 / made as f64)
            }
            _ => None,
        },
    })
}

/// What one flood of 100 MB without a newline did to a ladder server.
struct Flooded {
    answered: bool,
    rss_before_kib: Option<u64>,
    peak_rss_kib: Option<u64>,
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

/// Samples a process's resident memory while a measurement runs, and keeps the most.
struct Sampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    thread: JoinHandle<()>,
    pid: u32,
    tree: bool,
}

impl Sampler {
    fn start(pid: u32, tree: bool) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicU64::new(0));
        // Reading the memory of hundreds of forked processes costs CPU time that the
        // benchmark needs: sample them less often.
        let every = Duration::from_millis(if tree { 250 } else { 50 });
        let thread = {
            let (stop, peak) = (Arc::clone(&stop), Arc::clone(&peak));
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(rss) = rss_kib(pid, tree) {
                        peak.fetch_max(rss, Ordering::Relaxed);
                    }
                    thread::sleep(every);
                }
            })
        };
        Sampler {
            stop,
            peak,
            thread,
            pid,
            tree,
        }
    }

    /// Stops sampling; the peak, with the kernel's own high-water mark of the process
    /// (which sees peaks between samples) where it covers all of it.
    fn stop(self) -> Option<u64> {
        let high_water = if self.tree {
            None
        } else {
            high_water_kib(self.pid)
        };
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        let sampled = self.peak.load(Ordering::Relaxed);
        match (sampled, high_water) {
            (0, None) => None,
            (sampled, high_water) => Some(sampled.max(high_water.unwrap_or(0))),
        }
    }
}

/// The resident memory of process `pid` in KiB, with all its descendants if `tree`.
/// Linux only: it reads `/proc`.
#[cfg(target_os = "linux")]
fn rss_kib(pid: u32, tree: bool) -> Option<u64> {
    let mut pids = vec![pid];
    if tree {
        // Each process's parent, from /proc/<pid>/stat (the field after the name).
        let mut parents = Vec::new();
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Some(child) = entry
                .file_name()
                .to_str()
                .and_then(|name| name.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
                continue;
            };
            let parent = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|parent| parent.parse::<u32>().ok());
            if let Some(parent) = parent {
                parents.push((child, parent));
            }
        }
        let mut index = 0;
        while index < pids.len() {
            let parent = pids[index];
            pids.extend(
                parents
                    .iter()
                    .filter(|(_, p)| *p == parent)
                    .map(|(child, _)| *child),
            );
            index += 1;
        }
    }
    let total = pids
        .iter()
        .filter_map(|pid| status_kib(*pid, "VmRSS:"))
        .sum::<u64>();
    (total > 0).then_some(total)
}

/// The kernel's record of the most resident memory process `pid` had, in KiB.
#[cfg(target_os = "linux")]
fn high_water_kib(pid: u32) -> Option<u64> {
    status_kib(pid, "VmHWM:")
}

/// A `kB` field of `/proc/<pid>/status`.
#[cfg(target_os = "linux")]
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|value| value.split_whitespace().next())
        .and_then(|value| value.parse().ok())
}

// Elsewhere there is no /proc: the memory columns stay empty.
#[cfg(not(target_os = "linux"))]
fn rss_kib(_pid: u32, _tree: bool) -> Option<u64> {
    None
}

#[cfg(not(target_os = "linux"))]
fn high_water_kib(_pid: u32) -> Option<u64> {
    None
}

/// The machine and tools the numbers come from.
fn print_machine(socat: Option<&str>, python: Option<&str>, quick: bool) {
    let cores = thread::available_parallelism().map_or(0, |cores| cores.get());
    let kernel = Command::new("uname")
        .arg("-sr")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_default();
    say!(
        "machine: {cores} cores, {kernel}; servers and loadgen on the same machine, over 127.0.0.1",
        "机器：{cores} 个核心，{kernel}；服务端和 loadgen 在同一台机器上，通过 127.0.0.1 通信"
    );
    let socat = socat.unwrap_or("-");
    let python = python.unwrap_or("-");
    say!(
        "peers: {socat}; {python}; lines of {SIZE} bytes, each client waits for each echo before the next line",
        "对比对象：{socat}；{python}；每行 {SIZE} 字节，每个客户端收到上一行的回显后才发送下一行"
    );
    if quick {
        say!(
            "--quick: a tenth of the messages; the numbers are rougher",
            "--quick：只发送十分之一的消息；数字更粗略"
        );
    }
    outln!();
}

/// The main table: one row per server and number of clients.
fn print_table(rows: &[Row]) {
    outln!(
        "| {} |",
        words!(
            "server | clients | connected | messages/s | vs best peer | MB/s | p99 ms | vs best peer | max ms | peak RSS MiB | vs best peer | KiB per idle connection",
            "服务端 | 客户端数 | 已连接 | 每秒消息数 | 与最佳对比对象之比 | MB/s | p99 毫秒 | 与最佳对比对象之比 | 最大毫秒 | 峰值 RSS MiB | 与最佳对比对象之比 | 每个空闲连接 KiB"
        )
    );
    outln!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for row in rows {
        let measured = match &row.outcome {
            Ok(measured) => measured,
            Err(error) => {
                outln!(
                    "| {} | {} | {} |",
                    row.contender,
                    row.clients,
                    words!("failed: {error}", "失败：{error}")
                );
                continue;
            }
        };
        // The best peer at the same number of clients: the most messages, the least
        // latency, the least memory.
        let peers: Vec<&Measured> = rows
            .iter()
            .filter(|other| other.peer && other.clients == row.clients)
            .filter_map(|other| other.outcome.as_ref().ok())
            .filter(|other| other.made == row.clients && other.ended == 0)
            .collect();
        let best = |pick: fn(&Measured) -> Option<f64>, most: bool| {
            peers
                .iter()
                .filter_map(|peer| pick(peer))
                .reduce(|a, b| if most == (b > a) { b } else { a })
        };
        let ratio = |ours: Option<f64>, best: Option<f64>| match (ours, best) {
            (Some(ours), Some(best)) if best > 0.0 => format!("{:.2}×", ours / best),
            _ => "–".to_string(),
        };
        let throughput = |m: &Measured| Some(m.messages_per_s);
        let p99 = |m: &Measured| Some(m.p99_us);
        let peak = |m: &Measured| m.peak_rss_kib.map(|kib| kib as f64);
        let connected = if measured.ended > 0 {
            format!("{} ({} ended early)", measured.made, measured.ended)
        } else {
            measured.made.to_string()
        };
        outln!(
            "| {} | {} | {} | {:.0} | {} | {:.2} | {:.2} | {} | {:.1} | {} | {} | {} |",
            row.contender,
            row.clients,
            connected,
            measured.messages_per_s,
            ratio(throughput(measured), best(throughput, true)),
            measured.mb_per_s,
            measured.p99_us / 1000.0,
            ratio(p99(measured), best(p99, false)),
            measured.max_us / 1000.0,
            measured.peak_rss_kib.map_or("–".to_string(), |kib| format!(
                "{:.1}",
                kib as f64 / 1024.0
            )),
            ratio(peak(measured), best(peak, false)),
            measured
                .idle_kib_per_connection
                .filter(|_| row.clients >= IDLE_CLIENTS)
                .map_or("–".to_string(), |kib| format!("{kib:.1}")),
        );
    }
    outln!();
}

/// The flood table: 100 MB without a newline.
fn print_floods(floods: &[(&str, Result<Flooded, String>)]) {
    outln!(
        "| {} |",
        words!(
            "server | answers after 100 MB without a newline | RSS before, MiB | peak RSS, MiB",
            "服务端 | 收到不带换行符的 100 MB 之后是否还能应答 | 之前的 RSS，MiB | 峰值 RSS，MiB"
        )
    );
    outln!("|---|---|--:|--:|");
    let mib = |kib: Option<u64>| {
        kib.map_or("–".to_string(), |kib| {
            format!("{:.1}", kib as f64 / 1024.0)
        })
    };
    for (name, outcome) in floods {
        match outcome {
            Ok(flooded) => outln!(
                "| {name} | {} | {} | {} |",
                if flooded.answered {
                    words!("yes", "是")
                } else {
                    words!("no", "否")
                },
                mib(flooded.rss_before_kib),
                mib(flooded.peak_rss_kib),
            ),
            Err(error) => outln!(
                "| {name} | {} | – | – |",
                words!("failed: {error}", "失败：{error}")
            ),
        }
    }
}
