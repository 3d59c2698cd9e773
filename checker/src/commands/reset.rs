//! `cargo run -- reset 4`: write the starter again, after asking.

use socket_workbook::outln;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use workbook_checker::text::exercises as say;

use crate::options::Options;

/// `reset EXERCISE`: write the starter again, after asking.
pub(crate) fn reset_command(options: &Options) -> ExitCode {
    let Some(exercise) = options.named() else {
        return ExitCode::from(2);
    };
    let path = exercise.path();
    let shown = workbook_checker::exercise::shown(&path);
    if path.exists() && !options.yes {
        eprint!("{}", say::reset_confirm(&shown));
        let _ = io::stderr().flush();
        let mut answer = String::new();
        let _ = io::stdin().lock().read_line(&mut answer);
        if !matches!(
            answer.trim().to_ascii_lowercase().as_str(),
            "y" | "yes" | "是"
        ) {
            outln!("{}", say::reset_kept(&shown));
            return ExitCode::SUCCESS;
        }
    }
    match std::fs::write(&path, exercise.starter()) {
        Ok(()) => {
            outln!("{}", say::reset_done(&shown));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: {error}", say::reset_failed(&shown));
            ExitCode::FAILURE
        }
    }
}
