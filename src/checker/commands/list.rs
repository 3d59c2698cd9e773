//! `cargo run -- list`: every exercise, and whether it passes.

use socket_workbook::outln;
use std::process::ExitCode;

use checker::exercise::exercises;
use checker::text::exercises as say;

use crate::options::Options;
use crate::report::{Report, json_document, run_checks};

/// `list`: every exercise, whether it passes, and the progress.
pub(crate) fn list_command(options: &Options) -> ExitCode {
    let playing = options.playing();
    let json = options.json;
    let reports: Vec<Report> = exercises()
        .iter()
        .map(|exercise| {
            let report = run_checks(exercise, playing, false, true);
            if !json {
                let line = if report.build_errors.is_some() {
                    say::list_does_not_compile(exercise.key, &report.program)
                } else if let Some((name, _)) = report.first_failure() {
                    say::list_fails(exercise.key, &report.program, &say::behaviour(name))
                } else {
                    say::list_passes(exercise.key, &report.program)
                };
                outln!("{line}");
            }
            report
        })
        .collect();
    let passed = reports.iter().filter(|report| report.passed()).count();
    if json {
        outln!("{}", json_document(&reports, playing));
    } else {
        outln!("{}", say::progress(passed, reports.len()));
    }
    ExitCode::SUCCESS
}
