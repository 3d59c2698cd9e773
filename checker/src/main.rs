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
//! The checks are the very ones `cargo test` runs against the lessons (`src/check`):
//! one definition of what "works" means.

mod commands;
mod compile;
mod options;
mod report;
mod scratch;
mod similar;

use std::process::ExitCode;

use clap::{Arg, ArgAction};
use socket_workbook::Cli;

use workbook_checker::exercise::exercises;
use workbook_checker::text::exercises as say;

use crate::options::{DEFAULT_POLL_MS, Options, id};

fn main() -> ExitCode {
    let args = Cli::new("socket-workbook")
        .with(|command| {
            let keys: Vec<&str> = exercises().iter().map(|exercise| exercise.key).collect();
            let keys = keys.join(", ");
            let exercise = || {
                Arg::new(id::EXERCISE)
                    .value_name("EXERCISE")
                    .help(say::help_exercise(&keys))
            };
            let flag = |id: &'static str, help: String| {
                Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
            };
            let format = || {
                Arg::new(id::FORMAT)
                    .long(id::FORMAT)
                    .value_parser(["text", "json"])
                    .default_value("text")
                    .help(say::help_format())
            };
            command
                .subcommand(
                    clap::Command::new("check")
                        .about(say::help_check())
                        .arg(exercise())
                        .arg(flag(id::ALL, say::help_all()).conflicts_with(id::EXERCISE))
                        .arg(format())
                        .arg(flag(id::REFERENCE, say::help_reference()).conflicts_with(id::PROGRAM))
                        .arg(
                            Arg::new(id::PROGRAM)
                                .long(id::PROGRAM)
                                .value_name("EXAMPLE")
                                .conflicts_with(id::ALL)
                                .help(say::help_program()),
                        )
                        .arg(flag(id::KEEP_GOING, say::help_keep_going())),
                )
                .subcommand(
                    clap::Command::new("list")
                        .about(say::help_list())
                        .arg(format())
                        .arg(flag(id::REFERENCE, say::help_reference())),
                )
                .subcommand(
                    clap::Command::new("hint")
                        .about(say::help_hint())
                        .arg(exercise().required(true)),
                )
                .subcommand(
                    clap::Command::new("watch")
                        .about(say::help_watch())
                        .arg(exercise())
                        .arg(flag(id::REFERENCE, say::help_reference()))
                        .arg(
                            Arg::new(id::POLL_MS)
                                .long(id::POLL_MS)
                                .value_name("MS")
                                .default_value(socket_workbook::args::shown(DEFAULT_POLL_MS))
                                .value_parser(clap::value_parser!(u64).range(10..=10_000))
                                .help(say::help_poll()),
                        ),
                )
                .subcommand(
                    clap::Command::new("reset")
                        .about(say::help_reset())
                        .arg(exercise().required(true))
                        .arg(flag(id::YES, say::help_yes())),
                )
                .subcommand(clap::Command::new("kit").about(say::help_kit()))
                .subcommand(
                    clap::Command::new("grade")
                        .about(say::help_grade())
                        .arg(
                            Arg::new(id::DIR)
                                .value_name("DIR")
                                .required(true)
                                .help(say::help_grade_dir()),
                        )
                        .arg(
                            Arg::new(id::EXERCISES)
                                .long("exercise")
                                .value_name("KEY")
                                .action(ArgAction::Append)
                                .help(say::help_grade_exercise()),
                        )
                        .arg(
                            Arg::new(id::OUT)
                                .long(id::OUT)
                                .value_name("OUT")
                                .default_value("grading")
                                .help(say::help_grade_out()),
                        )
                        .arg(
                            Arg::new(id::JOBS)
                                .long(id::JOBS)
                                .value_name("N")
                                .value_parser(clap::value_parser!(usize))
                                .help(say::help_jobs()),
                        )
                        .arg(flag(id::NO_SANDBOX, say::help_no_sandbox())),
                )
                .subcommand(
                    clap::Command::new("grade-one")
                        .hide(true)
                        .arg(Arg::new("key").required(true))
                        .arg(Arg::new("exe").required(true))
                        .arg(Arg::new("report").required(true)),
                )
        })
        .parse();
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
