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
//! ```
//!
//! The checks are the very ones `cargo test` runs against the lessons (`src/check`):
//! one definition of what "works" means.

mod commands;
mod compile;
mod options;
mod report;

use std::process::ExitCode;

use clap::{Arg, ArgAction};
use socket_workbook::Cli;

use checker::text::exercises as say;

fn main() -> ExitCode {
    let args = Cli::new("socket-workbook")
        .with(|command| {
            let exercise = || {
                Arg::new("exercise")
                    .value_name("EXERCISE")
                    .help(say::help_exercise())
            };
            let flag = |id: &'static str, help: String| {
                Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
            };
            let format = || {
                Arg::new("format")
                    .long("format")
                    .value_parser(["text", "json"])
                    .default_value("text")
                    .help(say::help_format())
            };
            command
                .subcommand(
                    clap::Command::new("check")
                        .about(say::help_check())
                        .arg(exercise())
                        .arg(flag("all", say::help_all()).conflicts_with("exercise"))
                        .arg(format())
                        .arg(flag("reference", say::help_reference()).conflicts_with("program"))
                        .arg(
                            Arg::new("program")
                                .long("program")
                                .value_name("EXAMPLE")
                                .conflicts_with("all")
                                .help(say::help_program()),
                        )
                        .arg(flag("keep-going", say::help_keep_going())),
                )
                .subcommand(
                    clap::Command::new("list")
                        .about(say::help_list())
                        .arg(format())
                        .arg(flag("reference", say::help_reference())),
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
                        .arg(flag("reference", say::help_reference()))
                        .arg(
                            Arg::new("poll-ms")
                                .long("poll-ms")
                                .value_name("MS")
                                .default_value("300")
                                .value_parser(clap::value_parser!(u64).range(10..=10_000))
                                .help(say::help_poll()),
                        ),
                )
                .subcommand(
                    clap::Command::new("reset")
                        .about(say::help_reset())
                        .arg(exercise().required(true))
                        .arg(flag("yes", say::help_yes())),
                )
                .subcommand(clap::Command::new("kit").about(say::help_kit()))
        })
        .parse();
    match args.matches.subcommand() {
        Some(("check", matches)) => commands::check::check_command(matches),
        Some(("list", matches)) => commands::list::list_command(matches),
        Some(("hint", matches)) => commands::hint::hint_command(matches),
        Some(("watch", matches)) => commands::watch::watch_command(matches),
        Some(("reset", matches)) => commands::reset::reset_command(matches),
        Some(("kit", _)) => commands::kit::kit_command(),
        _ => commands::begin::begin(),
    }
}
