//! Every behaviour of every lesson, one test each, made from the one table of lessons
//! (`src/lessons/table.rs`): the same checks that `cargo run -- check` runs on a
//! student's exercise, here run against the reference examples. A test is named
//! `LESSON::BEHAVIOUR`, so `cargo test step4` runs step 4's.
//!
//! The table is a `const`, which `#[test]` functions cannot be generated from, so this
//! binary has its own small harness (`harness = false` in tests/Cargo.toml), with the
//! built-in one's output and its usual flags: filters, `--exact`, `--skip`,
//! `--test-threads`, `--list`. (A harness crate such as libtest-mimic would bring clap
//! with its derive and color features, and Cargo unifies features over the workspace:
//! a student's first build would compile them too.) `WORKBOOK_UNDER_TEST=exercise`
//! points it at the exercises.
//!
//! A lesson whose example needs a Cargo feature (`required-features` in Cargo.toml:
//! step 10, step 11, the chat server, loadgen) has its checks run only when this test
//! binary is built with it (`cargo test --all-features`); otherwise they are counted as
//! ignored, with the feature they need.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

// `support` reads the checks' harness as `crate::check`.
use workbook_checker::check::{self, Behaviour};
use workbook_checker::lessons::CHECKED_LESSONS;

#[path = "../support/mod.rs"]
#[allow(dead_code)] // The other test binary uses the rest of the harness.
mod support;

/// One test: a lesson's behaviour.
struct Trial {
    name: String,
    lesson: &'static str,
    behaviour: Behaviour,
}

/// What the command line asks for, as the built-in harness reads it.
#[derive(Default)]
struct Options {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    quiet: bool,
    /// `--ignored`: only the ignored tests, and none of these is.
    only_ignored: bool,
    /// `--report-time` (after `-Z unstable-options`, as the built-in harness asks):
    /// each test's time beside its verdict.
    report_time: bool,
    threads: Option<usize>,
}

impl Options {
    fn read(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
        let mut options = Options::default();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag.to_string(), Some(value.to_string()))
                }
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or(format!("{name} needs a value"))
            };
            match flag.as_str() {
                "--exact" => options.exact = true,
                "--list" => options.list = true,
                "-q" | "--quiet" => options.quiet = true,
                "--ignored" => options.only_ignored = true,
                "--report-time" => options.report_time = true,
                "--skip" => options.skip.push(value("--skip")?),
                "--test-threads" => {
                    let threads = value("--test-threads")?;
                    options.threads = Some(threads.parse().ok().filter(|&n| n > 0).ok_or(
                        format!("--test-threads takes a number above 0, not `{threads}`"),
                    )?);
                }
                // Flags of the built-in harness that change nothing here.
                "--include-ignored" | "--nocapture" | "--show-output" | "--test" => {}
                "--format" | "--color" | "-Z" => {
                    value(&flag)?;
                }
                other if other.starts_with('-') => return Err(format!("unknown flag `{other}`")),
                filter => options.filters.push(filter.to_string()),
            }
        }
        Ok(options)
    }

    fn selects(&self, name: &str) -> bool {
        let matches = |pattern: &String| {
            if self.exact {
                name == pattern
            } else {
                name.contains(pattern.as_str())
            }
        };
        (self.filters.is_empty() || self.filters.iter().any(matches))
            && !self.skip.iter().any(matches)
    }

    /// `--test-threads`, else `WORKBOOK_CHECK_THREADS` (16 in .cargo/config.toml: the
    /// checks mostly wait), else `RUST_TEST_THREADS`, else the cores.
    fn threads(&self) -> usize {
        let var = |name: &str| std::env::var(name).ok()?.parse().ok();
        self.threads
            .or_else(|| var("WORKBOOK_CHECK_THREADS"))
            .or_else(|| var("RUST_TEST_THREADS"))
            .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
            .unwrap_or(1)
            .max(1)
    }
}

/// Runs one trial: `Err` with what to show when it fails.
fn run(trial: &Trial) -> Result<(), String> {
    let check = trial.behaviour.check;
    match catch_unwind(AssertUnwindSafe(|| check(&support::program(trial.lesson)))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(failure)) => Err(failure.to_string()),
        Err(panic) => Err(panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
            .unwrap_or_else(|| "the check panicked".to_string())),
    }
}

fn main() -> ExitCode {
    let options = match Options::read(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let all: Vec<Trial> = CHECKED_LESSONS
        .iter()
        .flat_map(|lesson| {
            lesson.checks.iter().map(move |&behaviour| Trial {
                name: format!("{}::{}", lesson.name, behaviour.name),
                lesson: lesson.name,
                behaviour,
            })
        })
        // The checks of a lesson alone (its 运行结果), never of an exercise.
        .chain(
            workbook_checker::lessons::LESSON_ONLY
                .iter()
                .filter(|_| std::env::var("WORKBOOK_UNDER_TEST").as_deref() != Ok("exercise"))
                .map(|&(lesson, behaviour)| Trial {
                    name: format!("{lesson}::{}", behaviour.name),
                    lesson,
                    behaviour,
                }),
        )
        .collect();
    let total = all.len();
    let (trials, unbuilt): (Vec<Trial>, Vec<Trial>) = all
        .into_iter()
        .filter(|trial| !options.only_ignored && options.selects(&trial.name))
        .partition(|trial| support::can_build(trial.lesson));
    let selected = trials.len() + unbuilt.len();
    if options.list {
        for trial in trials.iter().chain(&unbuilt) {
            println!("{}: test", trial.name);
        }
        println!("\n{selected} tests, 0 benchmarks");
        return ExitCode::SUCCESS;
    }

    let started = Instant::now();
    if !trials.is_empty() {
        // Everything the tests run is built first, before any check starts its clock:
        // the examples in one Cargo run, then the checker, which `tests/workbook` runs
        // next. A build beside running checks would slow them on a machine of two cores.
        support::executable(trials[0].lesson);
        support::checker();
    }
    println!("\nrunning {selected} tests");
    for trial in &unbuilt {
        let needs = support::required_features(trial.lesson).join(",");
        if options.quiet {
            print!("i");
        } else {
            println!("test {} ... ignored, needs --features {needs}", trial.name);
        }
    }
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.threads().min(trials.len().max(1)) {
            scope.spawn(|| {
                while let Some(trial) = trials.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let began = Instant::now();
                    let result = run(trial);
                    let verdict = if result.is_ok() { "ok" } else { "FAILED" };
                    if options.quiet {
                        print!("{}", if result.is_ok() { "." } else { "F" });
                    } else if options.report_time {
                        let seconds = began.elapsed().as_secs_f64();
                        println!("test {} ... {verdict} <{seconds:.3}s>", trial.name);
                    } else {
                        println!("test {} ... {verdict}", trial.name);
                    }
                    if let Err(shown) = result {
                        let mut failures =
                            failures.lock().unwrap_or_else(|poison| poison.into_inner());
                        failures.push((trial.name.clone(), shown));
                    }
                }
            });
        }
    });
    let mut failures = failures
        .into_inner()
        .unwrap_or_else(|poison| poison.into_inner());
    failures.sort();
    if options.quiet {
        println!();
    }
    if !failures.is_empty() {
        println!("\nfailures:\n");
        for (name, shown) in &failures {
            println!("---- {name} stdout ----\n{shown}\n");
        }
        println!("failures:");
        for (name, _) in &failures {
            println!("    {name}");
        }
    }
    let failed = failures.len();
    println!(
        "\ntest result: {}. {} passed; {failed} failed; {} ignored; 0 measured; {} filtered out; finished in {:.2}s\n",
        if failed == 0 { "ok" } else { "FAILED" },
        trials.len() - failed,
        unbuilt.len(),
        total - selected,
        started.elapsed().as_secs_f64(),
    );
    // The built-in harness's status for failed tests.
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(101)
    }
}
