//! A student's program that spins ends its check at once: a watchdog looks at what the
//! program uses while a check runs, and stops it, with the diagnosis in the story,
//! when it prints without end (more than [`OUTPUT_CAP`]) or, on Linux, keeps the CPU
//! busy with nothing to wait for (a loop on reads of 0 bytes after the client closed,
//! or on a stdin that has ended). Its pipes then close and its end is an event every
//! waiting step hears: no step waits out its deadline for a program that spins.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::story::{Shared, lock};
use super::{Failure, Outcome, Program};
use crate::text::check as text;

/// The most a program may print (stdout and stderr together) in one check: a lesson
/// prints a few KiB, its longest line 64 KiB; a loop that prints on reads of 0 bytes
/// passes this in well under a second.
pub(super) const OUTPUT_CAP: usize = 2 * 1024 * 1024;
/// How often the watchdog looks.
const EVERY: Duration = Duration::from_millis(25);
/// A program that used this share of a core over [`WINDOW`] spins: a lesson waits on
/// the network or on stdin nearly all the time. Half a core, because a program that
/// spins while other checks run (`grade`, four at once on two cores) gets no more.
#[cfg(target_os = "linux")]
const BUSY_SHARE: f64 = 0.5;
#[cfg(target_os = "linux")]
const WINDOW: Duration = Duration::from_millis(500);
/// CPU time that no lesson uses in one check (tens of ms do): a spinning program that
/// shares the cores with other checks (`grade`) is caught by this one.
#[cfg(target_os = "linux")]
const CPU_BUDGET: Duration = Duration::from_millis(1000);

thread_local! {
    /// The failure of a program stopped during the check that runs on this thread.
    static STOPPED: RefCell<Option<Failure>> = const { RefCell::new(None) };
}

/// Runs `check` on `program`: a check that passed, although its program had to be
/// stopped for spinning, fails with the diagnosis.
pub fn run_watched(check: fn(&Program) -> Outcome, program: &Program) -> Outcome {
    STOPPED.with(|stopped| stopped.borrow_mut().take());
    let outcome = check(program);
    let stopped = STOPPED.with(|stopped| stopped.borrow_mut().take());
    match (outcome, stopped) {
        (Ok(()), Some(failure)) => Err(failure),
        (outcome, _) => outcome,
    }
}

/// Notes on this thread that its check's program was stopped, when it was.
pub(super) fn note_if_stopped(story: &Shared) {
    let diagnosis = lock(story).stopped.clone();
    if let Some(diagnosis) = diagnosis {
        let failure = super::story::failure(story, text::expect_no_spin(), diagnosis);
        STOPPED.with(|stopped| *stopped.borrow_mut() = Some(failure));
    }
}

/// Watches one program until dropped.
pub(super) struct Watchdog {
    done: Arc<AtomicBool>,
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// Starts watching the program whose process (the leader of its group) is `pid`.
pub(super) fn watch(pid: u32, story: Shared) -> Watchdog {
    let done = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&done);
    thread::spawn(move || {
        let mut samples = std::collections::VecDeque::new();
        while !flag.load(Ordering::SeqCst) {
            let diagnosis = over_output(&story).or_else(|| spinning(pid, &mut samples));
            if let Some(diagnosis) = diagnosis {
                lock(&story).stopped = Some(diagnosis);
                kill_tree(pid);
                return;
            }
            if lock(&story).open_streams == 0 {
                return;
            }
            thread::sleep(EVERY);
        }
    });
    Watchdog { done }
}

fn over_output(story: &Shared) -> Option<String> {
    let story = lock(story);
    let printed = story.stdout.total() + story.stderr.total();
    (printed > OUTPUT_CAP).then(|| text::found_flooding(OUTPUT_CAP >> 20))
}

/// The diagnosis of a program that spins, from the CPU time of its processes.
#[cfg(target_os = "linux")]
fn spinning(
    pid: u32,
    samples: &mut std::collections::VecDeque<(Instant, Duration)>,
) -> Option<String> {
    let now = Instant::now();
    let used = cpu_time(pid)?;
    samples.push_back((now, used));
    while samples
        .front()
        .is_some_and(|(at, _)| now.duration_since(*at) > WINDOW)
    {
        samples.pop_front();
    }
    let (since, before) = *samples.front()?;
    let wall = now.duration_since(since);
    let busy = wall >= WINDOW.mul_f64(0.9)
        && (used.saturating_sub(before)).as_secs_f64() >= wall.as_secs_f64() * BUSY_SHARE;
    (busy || used >= CPU_BUDGET).then(|| text::found_spinning(used.as_millis()))
}

/// Elsewhere the CPU time of a process is not read: a program that spins without
/// printing is stopped by its step's deadline.
#[cfg(not(target_os = "linux"))]
fn spinning(
    _pid: u32,
    _samples: &mut std::collections::VecDeque<(Instant, Duration)>,
) -> Option<String> {
    None
}

/// The CPU time (user and system) of `pid` and every process it started, from /proc;
/// `None` once it is gone.
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Option<Duration> {
    // USER_HZ, the unit of /proc's times, is 100 on every Linux that Rust targets.
    const TICK: Duration = Duration::from_millis(10);
    let mut ticks = 0u64;
    let mut todo = vec![pid];
    let mut seen = 0;
    while let Some(pid) = todo.pop() {
        seen += 1;
        if seen > 256 {
            break;
        }
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The command's name, in parentheses, may hold spaces: count from after it.
        let Some(after) = stat.rfind(')').map(|at| &stat[at + 1..]) else {
            continue;
        };
        let fields: Vec<&str> = after.split_whitespace().collect();
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name.
        let times = fields.get(11..13).unwrap_or_default();
        ticks += times
            .iter()
            .filter_map(|field| field.parse::<u64>().ok())
            .sum::<u64>();
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for task in tasks.flatten() {
                let children = task.path().join("children");
                if let Ok(children) = std::fs::read_to_string(children) {
                    todo.extend(
                        children
                            .split_whitespace()
                            .filter_map(|c| c.parse::<u32>().ok()),
                    );
                }
            }
        }
    }
    (seen > 0 && std::path::Path::new(&format!("/proc/{pid}")).exists())
        .then(|| TICK * u32::try_from(ticks).unwrap_or(u32::MAX))
}

/// Kills the program's process group (it leads its own; its children are in it).
#[cfg(unix)]
fn kill_tree(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{pid}")])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// Windows: `taskkill` ends the program and the processes it started.
#[cfg(windows)]
fn kill_tree(pid: u32) {
    let _ = std::process::Command::new("taskkill")
        .args(["/F", "/T", "/PID", &pid.to_string()])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

#[cfg(not(any(unix, windows)))]
fn kill_tree(_pid: u32) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::check::ResourceLimits;

    /// Waits for the program's end alone, far longer than the watchdog takes: the test
    /// is judged by what ends the wait (the program stopped, the diagnosis given).
    fn waits_for_its_end(program: &Program) -> Outcome {
        program
            .launch()
            .spawn()?
            .finish_within(Duration::from_secs(120))?;
        Ok(())
    }

    fn student(argv: &[&str]) -> Program {
        let argv = argv.iter().map(Into::into).collect();
        Program::with_command("spin", argv).bounded(ResourceLimits::default())
    }

    #[test]
    fn a_program_that_prints_without_end_is_stopped_with_the_diagnosis() {
        let failure =
            run_watched(waits_for_its_end, &student(&["yes", "received: "])).expect_err("stopped");
        assert_eq!(failure.expected, text::expect_no_spin());
        assert_eq!(failure.found, text::found_flooding(OUTPUT_CAP >> 20));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_program_that_spins_in_silence_is_stopped_with_the_diagnosis() {
        let program = student(&["sh", "-c", "while :; do :; done"]);
        let failure = run_watched(waits_for_its_end, &program).expect_err("stopped");
        assert_eq!(failure.expected, text::expect_no_spin());
        assert!(failure.found.contains("0 bytes"), "{}", failure.found);
    }

    #[test]
    fn a_program_that_waits_is_left_alone() {
        let program = student(&["sh", "-c", "read line; echo got $line"]);
        let ends = |program: &Program| -> Outcome {
            let mut server = program.launch().spawn()?;
            server.type_line("hi");
            server.finish()?.success()?.stdout_has("got hi")?;
            Ok(())
        };
        run_watched(ends, &program).unwrap();
    }
}
