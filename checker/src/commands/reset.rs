//! `cargo run -- reset 4`: write the starter again, after asking.

use socket_workbook::outln;
use std::io::{self, BufRead};
use std::process::ExitCode;

use workbook_checker::text::exercises as text;

use crate::options::Options;

/// `reset EXERCISE`: write the starter again, after asking.
pub(crate) fn reset_command(options: &Options) -> ExitCode {
    let exercise = match options.named() {
        Ok(Some(exercise)) => exercise,
        Ok(None) => return ExitCode::from(2),
        Err(message) => {
            errln!("{message}");
            return ExitCode::from(2);
        }
    };
    let path = exercise.path();
    let shown = workbook_checker::exercise::shown(&path);
    if path.exists() && !options.yes {
        err!("{}", text::reset_confirm(&shown));
        let mut answer = String::new();
        let _ = io::stdin().lock().read_line(&mut answer);
        if !matches!(
            answer.trim().to_ascii_lowercase().as_str(),
            "y" | "yes" | "是"
        ) {
            outln!("{}", text::reset_kept(&shown));
            return ExitCode::SUCCESS;
        }
    }
    match std::fs::write(&path, exercise.starter()) {
        Ok(()) => {
            outln!("{}", text::reset_done(&shown));
            ExitCode::SUCCESS
        }
        Err(error) => {
            errln!("{}: {error}", text::reset_failed(&shown));
            ExitCode::FAILURE
        }
    }
}
