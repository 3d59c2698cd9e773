//! `cargo run -- hint 4`: what to write.

use socket_workbook::outln;
use std::process::ExitCode;

use workbook_checker::text::exercises as text;

use crate::options::Options;
use crate::report::todo;

/// `hint EXERCISE`.
pub(crate) fn hint_command(options: &Options) -> ExitCode {
    let exercise = match options.named() {
        Ok(Some(exercise)) => exercise,
        Ok(None) => return ExitCode::from(2),
        Err(message) => {
            errln!("{message}");
            return ExitCode::from(2);
        }
    };
    outln!(
        "{}",
        text::hint_heading(exercise.key, &exercise.name(), exercise.lesson)
    );
    outln!();
    outln!("{}", text::what_to_write(todo(&exercise)));
    for line in exercise
        .starter()
        .lines()
        .filter_map(|line| line.trim().strip_prefix("// Python: "))
    {
        outln!("Python: {line}");
    }
    outln!();
    outln!("{}", text::hint_checks());
    for behaviour in exercise.checks {
        outln!("  - {}", text::behaviour(behaviour.name));
    }
    outln!();
    outln!("{}", text::hint_look(&exercise.pages(), exercise.lesson));
    ExitCode::SUCCESS
}
