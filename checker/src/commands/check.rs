//! `cargo run -- check 4`, `check --all [--format json]`.

use socket_workbook::outln;
use std::process::ExitCode;

use workbook_checker::exercise::{Assignment, exercises};
use workbook_checker::text::exercises as text;

use crate::options::Options;
use crate::progress::save_result;
use crate::report::{
    Report, Run, hold_default_port, json_document, map_at_once, next_after, print_report,
    run_checks,
};

/// `check EXERCISE` or `check --all`.
pub(crate) fn check_command(options: &Options) -> ExitCode {
    let json = options.json;
    let playing = options.playing();
    // A grading script wants every behaviour, not only the first failure.
    let keep_going = options.keep_going || json;
    let chosen: Vec<Assignment> = if options.all {
        exercises()
    } else {
        match options.named() {
            Ok(Some(exercise)) => vec![exercise],
            Err(message) => {
                errln!("{message}");
                return ExitCode::from(2);
            }
            Ok(None) => {
                errln!("{}", text::which_exercise());
                return ExitCode::from(2);
            }
        }
    };
    let _held = hold_default_port();
    let reports: Vec<Report> = if chosen.len() == 1 {
        chosen
            .iter()
            .map(|exercise| {
                run_checks(
                    exercise,
                    playing,
                    Run {
                        keep_going,
                        quiet: json,
                    },
                )
            })
            .collect()
    } else {
        // Several exercises: checked at once (they mostly wait on their programs), each
        // built quietly; the reports come in the order of the lessons.
        map_at_once(&chosen, |exercise| {
            run_checks(
                exercise,
                playing,
                Run {
                    keep_going,
                    quiet: true,
                },
            )
        })
    };
    for report in &reports {
        save_result(report, playing);
        if !json {
            print_report(report);
            outln!();
        }
    }
    let passed = reports.iter().filter(|report| report.passed()).count();
    if json {
        outln!("{}", json_document(&reports, playing));
    } else if reports.len() > 1 {
        outln!("{}", text::progress(passed, reports.len()));
    } else if let [report] = reports.as_slice() {
        if report.passed() {
            if let Some(next) = next_after(&report.exercise) {
                outln!("{}", text::next_exercise(next.key));
            }
        }
    }
    if passed == reports.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
