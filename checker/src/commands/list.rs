//! `cargo run -- list`: every exercise, and whether it passes.
//!
//! It answers from the results saved by earlier checks (`target/socket-workbook-results.json`)
//! and checks again, several at once, only the exercises whose file (or the checker)
//! changed since.

use socket_workbook::outln;
use std::process::ExitCode;

use workbook_checker::exercise::{Assignment, exercises};
use workbook_checker::text::exercises as text;

use crate::options::{Options, Playing};
use crate::progress::{Saved, fingerprint, save_result, saved_results};
use crate::report::{Report, Run, hold_default_port, json_document, map_at_once, run_checks};

/// `list`: every exercise, whether it passes, and the progress.
pub(crate) fn list_command(options: &Options) -> ExitCode {
    let playing = options.playing();
    let json = options.json;
    let all = exercises();
    if json || !matches!(playing, Playing::Exercise) {
        // A full report, or the lessons: check everything.
        let _held = hold_default_port();
        let reports: Vec<Report> = map_at_once(&all, |exercise| {
            run_checks(
                exercise,
                playing,
                Run {
                    keep_going: false,
                    quiet: true,
                },
            )
        });
        if json {
            outln!("{}", json_document(&reports, playing));
        } else {
            for report in &reports {
                outln!("{}", line(&report.exercise, &saved_of(report)));
            }
            let passed = reports.iter().filter(|report| report.passed()).count();
            outln!("{}", text::progress(passed, reports.len()));
        }
        return ExitCode::SUCCESS;
    }
    let saved = saved_results();
    let stale: Vec<Assignment> = all
        .iter()
        .filter(|exercise| {
            saved
                .get(exercise.key)
                .is_none_or(|result| result.fingerprint != fingerprint(exercise))
        })
        .copied()
        .collect();
    let _held = (!stale.is_empty()).then(hold_default_port);
    let fresh: Vec<Report> = map_at_once(&stale, |exercise| {
        run_checks(
            exercise,
            playing,
            Run {
                keep_going: false,
                quiet: true,
            },
        )
    });
    for report in &fresh {
        save_result(report, playing);
    }
    let mut passed = 0;
    for exercise in &all {
        let result = match fresh
            .iter()
            .find(|report| report.exercise.key == exercise.key)
        {
            Some(report) => saved_of(report),
            None => match saved.get(exercise.key) {
                Some(result) => result.clone(),
                None => continue,
            },
        };
        if result.passed {
            passed += 1;
        }
        outln!("{}", line(exercise, &result));
    }
    outln!("{}", text::progress(passed, all.len()));
    ExitCode::SUCCESS
}

/// What `list` shows of a report.
fn saved_of(report: &Report) -> Saved {
    Saved {
        fingerprint: String::new(),
        passed: report.passed(),
        compiles: report.build_errors.is_none(),
        missing: report.missing,
        first_failure: report.first_failure().map(|(name, _)| name.to_string()),
        score: report.score(),
        max_score: report.max_score(),
    }
}

/// One exercise's line.
fn line(exercise: &Assignment, result: &Saved) -> String {
    let program = exercise.name();
    let line = if result.missing {
        text::list_missing(exercise.key, &program)
    } else if !result.compiles {
        text::list_does_not_compile(exercise.key, &program)
    } else if let Some(name) = &result.first_failure {
        text::list_fails(exercise.key, &program, &text::behaviour(name))
    } else {
        text::list_passes(exercise.key, &program)
    };
    format!("{line}  ({})", text::score(result.score, result.max_score))
}
