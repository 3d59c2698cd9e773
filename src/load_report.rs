//! What loadgen reports once its clients are done: connections made and failed, the
//! messages echoed per second and MB/s, the latency of one echo (p50, p99, max: the
//! nearest rank), the most frequent errors, and with `--summary` one line of figures
//! for a program (the benchmark reads it).

use std::collections::HashMap;
use std::time::Duration;

use crate::{outln, say};

/// What loadgen was asked for, as far as its report tells it.
pub struct Load {
    /// How many clients connect.
    pub connections: usize,
    /// The size of each message, in bytes.
    pub size: usize,
    /// Whether to end with the line for a program.
    pub summary: bool,
    /// The most different errors listed.
    pub errors_shown: usize,
}

/// The report, for a person, then for a program with `--summary`.
pub fn print_report(
    load: &Load,
    failed: usize,
    ended: usize,
    latencies: &mut [Duration],
    elapsed: Duration,
    errors: &HashMap<String, usize>,
) {
    let made = load.connections - failed;
    let messages = latencies.len() as u64;
    let seconds = elapsed.as_secs_f64().max(f64::EPSILON);
    let per_second = messages as f64 / seconds;
    let mb_per_second = (messages * load.size as u64) as f64 / seconds / 1e6;
    say!(
        "connections: {made} made, {failed} failed to connect, {ended} ended before all their echoes",
        "连接：成功 {made} 个，连接失败 {failed} 个，未收完回显就结束的 {ended} 个"
    );
    say!(
        "messages: {messages} echoed in {seconds:.3} s: {per_second:.0} messages/s, {mb_per_second:.2} MB/s each way",
        "消息：{seconds:.3} 秒内回显了 {messages} 条：每秒 {per_second:.0} 条，每个方向 {mb_per_second:.2} MB/s"
    );
    latencies.sort_unstable();
    let percentile = |p: f64| -> Option<Duration> {
        // The nearest rank: the smallest latency that p of them do not exceed.
        let rank = ((p * latencies.len() as f64).ceil() as usize).max(1);
        latencies.get(rank - 1).copied()
    };
    let (p50, p99, max) = (
        percentile(0.50),
        percentile(0.99),
        latencies.last().copied(),
    );
    match (p50, p99, max) {
        (Some(p50), Some(p99), Some(max)) => {
            let (p50, p99, max) = (shown(p50), shown(p99), shown(max));
            say!(
                "latency of one echo: p50 {p50}, p99 {p99}, max {max}",
                "单次回显延迟：p50 {p50}，p99 {p99}，最大 {max}"
            );
        }
        _ => say!("latency: no echo came back", "延迟：没有收到任何回显"),
    }
    let mut errors: Vec<(&String, &usize)> = errors.iter().collect();
    errors.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (error, count) in errors.into_iter().take(load.errors_shown) {
        let count = *count;
        say!("  {count} × {error}", "  {count} × {error}");
    }
    if load.summary {
        let micros = |latency: Option<Duration>| latency.map_or(0, |latency| latency.as_micros());
        outln!(
            "summary connections={} made={made} failed={failed} ended={ended} messages={messages} seconds={seconds:.3} messages_per_s={per_second:.0} mb_per_s={mb_per_second:.3} p50_us={} p99_us={} max_us={}",
            load.connections,
            micros(p50),
            micros(p99),
            micros(max),
        );
    }
}

/// A latency as a person reads it: `45 µs`, `2.31 ms`.
pub fn shown(latency: Duration) -> String {
    let micros = latency.as_micros();
    if micros < 1000 {
        format!("{micros} µs")
    } else {
        format!("{:.2} ms", latency.as_secs_f64() * 1000.0)
    }
}
