//! Running an exercise's checks, and their report: for people, and as JSON for grading.
//! What `list` keeps of a report between runs is the saved progress (`progress.rs`).

use socket_workbook::{out, outln};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use workbook_checker::check::{Behaviour, Failure, Program, ResourceLimits};
use workbook_checker::exercise::{Assignment, exercises};
use workbook_checker::text::exercises as text;

use crate::compile::{build, other_program};
use crate::options::{Playing, example_of};

/// How long a check waits for any one step of a student's program: long enough for a
/// busy machine, short enough that a program that hangs gets its verdict in seconds.
pub(crate) const CHECK_DEADLINE: Duration = Duration::from_secs(5);

/// How long one check may take in all, whatever its steps: past it the check fails and
/// its program is stopped.
pub(crate) const CHECK_BUDGET: Duration = Duration::from_secs(40);

/// The result of one behaviour.
pub(crate) enum Verdict {
    Passed,
    Failed(Failure),
    Skipped,
}

/// The result of checking one exercise.
pub(crate) struct Report {
    pub(crate) exercise: Assignment,
    pub(crate) program: String,
    /// Cargo's messages when the program does not compile.
    pub(crate) build_errors: Option<String>,
    pub(crate) verdicts: Vec<(&'static str, Verdict)>,
    /// Each check's weight, in the order of `verdicts`.
    pub(crate) weights: Vec<u32>,
    /// Each check's time, in the order of `verdicts`.
    pub(crate) times: Vec<Duration>,
    /// The time of the whole report, build included.
    pub(crate) seconds: f64,
    /// The file is not there at all.
    pub(crate) missing: bool,
}

impl Report {
    pub(crate) fn passed(&self) -> bool {
        self.build_errors.is_none()
            && self
                .verdicts
                .iter()
                .all(|(_, verdict)| matches!(verdict, Verdict::Passed))
    }

    /// The points scored: see [`workbook_checker::score::score`]; 0 when the program
    /// does not compile.
    pub(crate) fn score(&self) -> u32 {
        if self.build_errors.is_some() {
            return 0;
        }
        let results: Vec<(u32, Option<bool>)> = self
            .verdicts
            .iter()
            .zip(self.exercise.checks)
            .map(|((_, verdict), behaviour)| {
                let held = match verdict {
                    Verdict::Passed => Some(true),
                    Verdict::Failed(_) => Some(false),
                    Verdict::Skipped => None,
                };
                (behaviour.weight, held)
            })
            .collect();
        workbook_checker::score::score(&results)
    }

    /// The points there are to score: every weight of the exercise.
    pub(crate) fn max_score(&self) -> u32 {
        self.exercise
            .checks
            .iter()
            .map(|behaviour| behaviour.weight)
            .sum()
    }

    pub(crate) fn first_failure(&self) -> Option<(&'static str, &Failure)> {
        self.verdicts
            .iter()
            .find_map(|(name, verdict)| match verdict {
                Verdict::Failed(failure) => Some((*name, failure)),
                _ => None,
            })
    }
}

/// How a run of checks goes: on past a failure or not, and whether it says what it
/// builds.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Run {
    /// Run every check, not only those up to the first failure (`--keep-going`).
    pub(crate) keep_going: bool,
    /// Say nothing while building (`--format json`, `list`, `kit`).
    pub(crate) quiet: bool,
}

/// Builds the program that plays `exercise` and runs its checks in order; after the
/// first failure the rest are skipped unless `run.keep_going`.
pub(crate) fn run_checks(exercise: &Assignment, playing: Playing<'_>, run: Run) -> Report {
    let Run { keep_going, quiet } = run;
    let started = Instant::now();
    let program = example_of(exercise, playing);
    let mut report = Report::new(exercise, &program);
    if matches!(playing, Playing::Exercise) && !exercise.path().exists() {
        let file = workbook_checker::exercise::shown(&exercise.path());
        report.missing = true;
        report.build_errors = Some(text::grade_missing(&file));
        return report;
    }
    if !quiet {
        errln!("{}", text::building(&program));
    }
    let path = match build(&program, quiet) {
        Ok(path) => path,
        Err(messages) => {
            report.build_errors = Some(messages);
            report.seconds = started.elapsed().as_secs_f64();
            return report;
        }
    };
    let under_test = Program::executable(exercise.lesson, path)
        .deadline(CHECK_DEADLINE)
        .others(other_program)
        .bounded(ResourceLimits::default());
    report.run(&under_test, keep_going);
    report.seconds = started.elapsed().as_secs_f64();
    report
}

impl Report {
    /// A report with nothing checked yet.
    pub(crate) fn new(exercise: &Assignment, program: &str) -> Report {
        Report {
            exercise: *exercise,
            program: program.to_string(),
            build_errors: None,
            verdicts: Vec::new(),
            weights: exercise.checks.iter().map(|b| b.weight).collect(),
            times: Vec::new(),
            seconds: 0.0,
            missing: false,
        }
    }

    /// Runs the exercise's checks against `under_test`: the first alone (a program
    /// that never becomes ready fails it, and the rest are skipped: they would fail
    /// the same way), then the others side by side, [`CHECKS_AT_ONCE`] at a time (each
    /// has a port of its own, and most of a check is waiting on its program). The
    /// verdicts are in the order of the checks; without `keep_going`, those after the
    /// first failure are told as skipped.
    pub(crate) fn run(&mut self, under_test: &Program, keep_going: bool) {
        let checks = self.exercise.checks;
        let Some((first, rest)) = checks.split_first() else {
            return;
        };
        let timed = |behaviour: &Behaviour| {
            let started = Instant::now();
            let outcome = within_budget(behaviour, under_test);
            (outcome, started.elapsed())
        };
        let mut results = vec![timed(first)];
        let never_ready = results[0].0.as_ref().is_err_and(|failure| {
            failure.expected == workbook_checker::text::check::expect_readiness()
                || failure.expected == workbook_checker::text::check::expect_started()
        });
        if !never_ready {
            results.extend(map_n_at_once(rest, CHECKS_AT_ONCE, timed));
        }
        let mut failed = false;
        for (at, behaviour) in checks.iter().enumerate() {
            let (verdict, time) = match results.get_mut(at) {
                Some(_) if failed && !keep_going => (Verdict::Skipped, Duration::ZERO),
                Some((outcome, time)) => match std::mem::replace(outcome, Ok(())) {
                    Ok(()) => (Verdict::Passed, *time),
                    Err(failure) => {
                        failed = true;
                        (Verdict::Failed(failure), *time)
                    }
                },
                None => (Verdict::Skipped, Duration::ZERO),
            };
            self.times.push(time);
            self.verdicts.push((behaviour.name, verdict));
        }
    }
}

/// How many checks of one submission run at once.
const CHECKS_AT_ONCE: usize = 4;

/// Runs one check within [`CHECK_BUDGET`]. The check runs on a thread of its own; one
/// over budget is left to end at its next deadline, and its program is killed then.
fn within_budget(behaviour: &Behaviour, under_test: &Program) -> workbook_checker::check::Outcome {
    let (done, result) = mpsc::channel();
    let check = behaviour.check;
    let program = under_test.clone();
    std::thread::spawn(move || {
        // A check whose program had to be stopped for spinning fails, whatever it saw.
        let _ = done.send(workbook_checker::check::run_watched(check, &program));
    });
    match result.recv_timeout(CHECK_BUDGET) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::new(
            text::behaviour(behaviour.name),
            workbook_checker::text::check::found_over_budget(CHECK_BUDGET),
        )),
        // The check's thread panicked: a bug of the check, told as a failure.
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::new(
            text::behaviour(behaviour.name),
            workbook_checker::text::check::found_error("the check panicked"),
        )),
    }
}

/// What to write in `exercise`, in the language of the run.
pub(crate) fn todo(exercise: &Assignment) -> &'static str {
    exercise.todo.get()
}

/// Prints a report for people.
pub(crate) fn print_report(report: &Report) {
    let exercise = &report.exercise;
    outln!("{}", text::checking(&report.program, exercise.lesson));
    if let Some(errors) = &report.build_errors {
        if report.missing {
            outln!("{errors}");
        } else {
            outln!("{}", text::does_not_compile(&report.program));
            outln!("{}", text::first_compiler_error());
            outln!("{}", crate::compile::first_error(errors));
            for hint in crate::compile::hints(errors) {
                outln!("{hint}");
            }
        }
        outln!("{}", text::score(0, report.max_score()));
        return;
    }
    let mut skipped = 0;
    for (name, verdict) in &report.verdicts {
        let mark = match verdict {
            Verdict::Passed => text::passed(),
            Verdict::Failed(_) => text::failed(),
            Verdict::Skipped => {
                skipped += 1;
                text::skipped()
            }
        };
        outln!("  {mark} {}", text::behaviour(name));
    }
    let count = report.verdicts.len();
    match report.first_failure() {
        None => {
            outln!("{}", text::all_passed(&report.program, count));
            outln!("{}", text::score(report.score(), report.max_score()));
        }
        Some((name, failure)) => {
            let failed = report
                .verdicts
                .iter()
                .filter(|(_, verdict)| matches!(verdict, Verdict::Failed(_)))
                .count();
            outln!();
            outln!("{}", text::first_failure(&text::behaviour(name)));
            out!("{failure}");
            outln!();
            outln!("{}", text::what_to_write(todo(exercise)));
            outln!("{}", text::more_help(exercise.key, exercise.lesson));
            if skipped > 0 {
                outln!("{}", text::not_checked(skipped));
            }
            outln!("{}", text::some_failed(&report.program, failed, count));
            outln!("{}", text::score(report.score(), report.max_score()));
        }
    }
}

/// A report as JSON, for grading scripts.
pub(crate) fn report_json(report: &Report) -> Value {
    let behaviours: Vec<Value> = report
        .verdicts
        .iter()
        .map(|(name, verdict)| {
            let (status, failure) = match verdict {
                Verdict::Passed => ("passed", Value::Null),
                Verdict::Skipped => ("skipped", Value::Null),
                Verdict::Failed(failure) => (
                    "failed",
                    json!({
                        "expected": failure.expected,
                        "found": failure.found,
                        "command": failure.command,
                        "did": failure.did,
                        "stdout": failure.stdout,
                        "stderr": failure.stderr,
                    }),
                ),
            };
            json!({
                "name": name,
                "description": text::behaviour(name),
                "status": status,
                "failure": failure,
            })
        })
        .collect();
    let passed_checks = report
        .verdicts
        .iter()
        .filter(|(_, verdict)| matches!(verdict, Verdict::Passed))
        .count();
    let times: Vec<Value> = report
        .times
        .iter()
        .map(|time| json!((time.as_secs_f64() * 1000.0).round() / 1000.0))
        .collect();
    let behaviours: Vec<Value> = behaviours
        .into_iter()
        .zip(report.weights.iter())
        .enumerate()
        .map(|(at, (mut behaviour, weight))| {
            behaviour["weight"] = json!(weight);
            behaviour["seconds"] = times.get(at).cloned().unwrap_or(Value::Null);
            behaviour
        })
        .collect();
    json!({
        "key": report.exercise.key,
        "exercise": report.exercise.name(),
        "lesson": report.exercise.lesson,
        "program": report.program,
        "file": format!("examples/{}.rs", report.program),
        "compiles": report.build_errors.is_none(),
        "missing": report.missing,
        "build_errors": report.build_errors,
        "first_error": report.build_errors.as_deref().filter(|_| !report.missing).map(crate::compile::first_error),
        "hints": report.build_errors.as_deref().map(crate::compile::hints).unwrap_or_default(),
        "passed": report.passed(),
        "checks": report.verdicts.len(),
        "passed_checks": passed_checks,
        "score": report.score(),
        "max_score": report.max_score(),
        "seconds": (report.seconds * 1000.0).round() / 1000.0,
        "bounds": workbook_checker::check::bounds(),
        "behaviours": behaviours,
    })
}

pub(crate) fn json_document(reports: &[Report], playing: Playing<'_>) -> String {
    let passed = reports.iter().filter(|report| report.passed()).count();
    let document = json!({
        "workbook": env!("CARGO_PKG_NAME"),
        "version": env!("CARGO_PKG_VERSION"),
        "checked": match playing {
            Playing::Exercise => "exercises",
            Playing::Lesson => "lessons",
            Playing::Example(_) => "example",
        },
        "exercises": reports.iter().map(report_json).collect::<Vec<_>>(),
        "summary": { "exercises": reports.len(), "passed": passed },
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The exercise after `exercise`, in the order of the lessons.
pub(crate) fn next_after(exercise: &Assignment) -> Option<Assignment> {
    let all = exercises();
    let at = all.iter().position(|other| other.key == exercise.key)?;
    all.get(at + 1).copied()
}

/// Holds 127.0.0.1:8888, the lessons' default address, while checks run: the checks give
/// every program an address of their own, so one that binds 8888 whatever it is given
/// fails the same way on every machine. Nothing, when something else holds it already.
pub(crate) fn hold_default_port() -> Option<std::net::TcpListener> {
    std::net::TcpListener::bind(("127.0.0.1", 8888)).ok()
}

/// How many exercises are checked at once.
const AT_ONCE: usize = 4;

/// `each` of `items`, [`AT_ONCE`] at a time, the results in the order of `items`.
pub(crate) fn map_at_once<T: Sync, R: Send>(items: &[T], each: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_n_at_once(items, AT_ONCE, each)
}

/// `each` of `items`, `at_once` at a time, the results in the order of `items`.
pub(crate) fn map_n_at_once<T: Sync, R: Send>(
    items: &[T],
    at_once: usize,
    each: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..at_once.max(1).min(items.len()) {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(item) = items.get(at) else { break };
                    let result = each(item);
                    *results[at].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}
