//! The resident memory of a server (with its child processes, for socat, which
//! forks per client), read from `/proc` on Linux; elsewhere there is none to read, and
//! the memory columns stay empty.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Samples a process's resident memory while a measurement runs, and keeps the most.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    thread: JoinHandle<()>,
    pid: u32,
    tree: bool,
}

impl Sampler {
    /// Starts sampling process `pid`, with all its descendants if `tree`.
    pub fn start(pid: u32, tree: bool) -> Sampler {
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
    pub fn stop(self) -> Option<u64> {
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
pub fn rss_kib(pid: u32, tree: bool) -> Option<u64> {
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
pub fn rss_kib(_pid: u32, _tree: bool) -> Option<u64> {
    None
}

#[cfg(not(target_os = "linux"))]
fn high_water_kib(_pid: u32) -> Option<u64> {
    None
}
