//! The tables the benchmark prints (those of `docs/benchmarks.md`): the machine and
//! peers the numbers come from, one row per server and number of clients with its
//! ratio to the best peer, and the flood of 100 MB without a newline.

use std::process::Command;
use std::thread;

use crate::{outln, say, words};

/// The fewest clients whose memory per idle connection means something: with fewer,
/// the difference is a few pages of the allocator, divided by a small number.
const IDLE_CLIENTS: usize = 100;

/// One row of the table.
pub struct Row {
    pub contender: String,
    pub peer: bool,
    pub clients: usize,
    pub outcome: Result<Measured, String>,
}

/// What one run measured.
#[derive(Clone, Debug, Default)]
pub struct Measured {
    pub made: usize,
    pub ended: usize,
    pub messages_per_s: f64,
    pub mb_per_s: f64,
    pub p99_us: f64,
    pub max_us: f64,
    pub peak_rss_kib: Option<u64>,
    pub idle_kib_per_connection: Option<f64>,
}

impl Measured {
    /// The figures of loadgen's `--summary` line (`made=… messages_per_s=…`), with the
    /// server's peak memory and its memory before and while all clients were idle.
    pub fn of_summary(
        summary: &str,
        peak_rss_kib: Option<u64>,
        before: Option<u64>,
        idle: Option<u64>,
    ) -> Measured {
        let field = |key: &str| -> f64 {
            summary
                .split_whitespace()
                .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
                .and_then(|value| value.parse().ok())
                .unwrap_or(0.0)
        };
        let made = field("made") as usize;
        Measured {
            made,
            ended: field("ended") as usize,
            messages_per_s: field("messages_per_s"),
            mb_per_s: field("mb_per_s"),
            p99_us: field("p99_us"),
            max_us: field("max_us"),
            peak_rss_kib,
            idle_kib_per_connection: match (before, idle) {
                (Some(before), Some(idle)) if made > 0 => {
                    Some(idle.saturating_sub(before) as f64 / made as f64)
                }
                _ => None,
            },
        }
    }
}

/// What one flood of 100 MB without a newline did to a ladder server.
pub struct Flooded {
    pub answered: bool,
    pub rss_before_kib: Option<u64>,
    pub peak_rss_kib: Option<u64>,
}

/// The machine and tools the numbers come from.
pub fn print_machine(socat: Option<&str>, python: Option<&str>, size: usize, quick: bool) {
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
        "peers: {socat}; {python}; lines of {size} bytes, each client waits for each echo before the next line",
        "对比对象：{socat}；{python}；每行 {size} 字节，每个客户端收到上一行的回显后才发送下一行"
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
pub fn print_table(rows: &[Row]) {
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
pub fn print_floods(floods: &[(&str, Result<Flooded, String>)]) {
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
