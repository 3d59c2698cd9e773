//! The workbook's own command, an offline checker for the exercises.
//!
//! ```text
//! cargo run                         where to begin
//! cargo run -- list                 every exercise, and whether it passes
//! cargo run -- check 4              run the checks of step 4 against examples/exercise4_accept.rs
//! cargo run -- check --all --format json   the same for every exercise, for grading scripts
//! cargo run -- hint 4               what to write
//! cargo run -- watch 4              check again each time the file is saved
//! cargo run -- reset 4              restore the starter, after asking
//! cargo run -- kit                  for instructors: starters, lessons and checks agree
//! cargo run -- grade DIR            for instructors: grade a class, one folder per student
//! ```
//!
//! The checks are the very ones `cargo test` runs against the lessons
//! (`checker/src/check`, this package's library): one definition of what "works"
//! means. The command line, its subcommands and their mistakes are `cli.rs`; each
//! command is a file of `commands/`.

/// One line on stderr: the checker's one route there, the library's
/// `output::stderr_line`, which ignores a closed stderr where `eprintln!` would panic.
/// Its kin `err!` writes with no line ending and flushes.
macro_rules! errln {
    ($($arg:tt)*) => {
        socket_workbook::output::stderr_line(::std::format_args!($($arg)*))
    };
}

/// `errln!` with no line ending, flushed: a question answered on the same line, a
/// progress bar.
macro_rules! err {
    ($($arg:tt)*) => {
        socket_workbook::output::stderr_prompt(::std::format_args!($($arg)*))
    };
}

mod cli;
mod commands;
mod compile;
mod options;
mod progress;
mod report;
mod scratch;
mod similar;
mod todo_code;

use std::process::ExitCode;

use crate::options::Options;

fn main() -> ExitCode {
    let args = cli::parse();
    match args.matches.subcommand() {
        Some(("check", matches)) => commands::check::check_command(&Options::read(matches)),
        Some(("list", matches)) => commands::list::list_command(&Options::read(matches)),
        Some(("hint", matches)) => commands::hint::hint_command(&Options::read(matches)),
        Some(("watch", matches)) => commands::watch::watch_command(&Options::read(matches)),
        Some(("reset", matches)) => commands::reset::reset_command(&Options::read(matches)),
        Some(("kit", _)) => commands::kit::kit_command(),
        Some(("grade", matches)) => commands::grade::grade_command(&Options::read(matches)),
        Some(("grade-one", matches)) => {
            let arg = |id: &str| matches.get_one::<String>(id).cloned().unwrap_or_default();
            commands::grade::grade_one_command(
                &arg("key"),
                std::path::Path::new(&arg("exe")),
                std::path::Path::new(&arg("report")),
            )
        }
        _ => commands::begin::begin(),
    }
}
