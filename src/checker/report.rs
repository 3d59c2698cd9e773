//! Running an exercise's checks, and their report: for people, and as JSON for grading.

use socket_workbook::{out, outln};
use std::time::Duration;

use serde_json::{Value, json};

use checker::check::{Failure, Program};
use checker::exercise::{Exercise, exercises};
use checker::text::exercises as say;

use crate::compile::{build, other_program};
use crate::options::{Playing, example_of};

/// How long a check waits for any one step of a student's program: long enough for a
/// busy machine, short enough that a program that hangs gets its verdict in seconds.
pub(crate) const CHECK_DEADLINE: Duration = Duration::from_secs(5);

/// The result of one behaviour.
pub(crate) enum Verdict {
    Passed,
    Failed(Failure),
    Skipped,
}

/// The result of checking one exercise.
pub(crate) struct Report {
    pub(crate) exercise: Exercise,
    pub(crate) program: String,
    /// Cargo's messages when the program does not compile.
    pub(crate) build_errors: Option<String>,
    pub(crate) verdicts: Vec<(&'static str, Verdict)>,
}

impl Report {
    pub(crate) fn passed(&self) -> bool {
        self.build_errors.is_none()
            && self
                .verdicts
                .iter()
                .all(|(_, verdict)| matches!(verdict, Verdict::Passed))
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

/// Builds the program that plays `exercise` and runs its checks in order; after the
/// first failure the rest are skipped unless `keep_going`.
pub(crate) fn run_checks(
    exercise: &Exercise,
    playing: Playing<'_>,
    keep_going: bool,
    quiet: bool,
) -> Report {
    let program = example_of(exercise, playing);
    let mut report = Report {
        exercise: *exercise,
        program: program.clone(),
        build_errors: None,
        verdicts: Vec::new(),
    };
    if !quiet {
        eprintln!("{}", say::building(&program));
    }
    let path = match build(&program, quiet) {
        Ok(path) => path,
        Err(messages) => {
            report.build_errors = Some(messages);
            return report;
        }
    };
    let under_test = Program::executable(exercise.lesson, path)
        .deadline(CHECK_DEADLINE)
        .others(other_program);
    let mut failed = false;
    for behaviour in exercise.checks {
        let verdict = if failed && !keep_going {
            Verdict::Skipped
        } else {
            match (behaviour.check)(&under_test) {
                Ok(()) => Verdict::Passed,
                Err(failure) => {
                    failed = true;
                    Verdict::Failed(failure)
                }
            }
        };
        report.verdicts.push((behaviour.name, verdict));
    }
    report
}

/// What to write in `exercise`, in the language of the run.
pub(crate) fn todo(exercise: &Exercise) -> &'static str {
    exercise.todo.get()
}

/// Prints a report for people.
pub(crate) fn print_report(report: &Report) {
    let exercise = &report.exercise;
    outln!("{}", say::checking(&report.program, exercise.lesson));
    if report.build_errors.is_some() {
        outln!("{}", say::does_not_compile(&report.program));
        return;
    }
    let mut skipped = 0;
    for (name, verdict) in &report.verdicts {
        let mark = match verdict {
            Verdict::Passed => say::passed(),
            Verdict::Failed(_) => say::failed(),
            Verdict::Skipped => {
                skipped += 1;
                say::skipped()
            }
        };
        outln!("  {mark} {}", say::behaviour(name));
    }
    let count = report.verdicts.len();
    match report.first_failure() {
        None => outln!("{}", say::all_passed(&report.program, count)),
        Some((name, failure)) => {
            let failed = report
                .verdicts
                .iter()
                .filter(|(_, verdict)| matches!(verdict, Verdict::Failed(_)))
                .count();
            outln!();
            outln!("{}", say::first_failure(&say::behaviour(name)));
            out!("{failure}");
            outln!();
            outln!("{}", say::what_to_write(todo(exercise)));
            outln!("{}", say::more_help(exercise.key, exercise.lesson));
            if skipped > 0 {
                outln!("{}", say::not_checked(skipped));
            }
            outln!("{}", say::some_failed(&report.program, failed, count));
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
                "description": say::behaviour(name),
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
    json!({
        "key": report.exercise.key,
        "exercise": report.exercise.name(),
        "lesson": report.exercise.lesson,
        "program": report.program,
        "file": format!("examples/{}.rs", report.program),
        "compiles": report.build_errors.is_none(),
        "build_errors": report.build_errors,
        "passed": report.passed(),
        "checks": report.verdicts.len(),
        "passed_checks": passed_checks,
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
pub(crate) fn next_after(exercise: &Exercise) -> Option<Exercise> {
    let all = exercises();
    let at = all.iter().position(|other| other.key == exercise.key)?;
    all.get(at + 1).copied()
}
