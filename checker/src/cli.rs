//! The checker's command line: its subcommands on the lessons' command line
//! (`socket_workbook::Cli`, with `--lang` and `--help` in the language of the run), and
//! the mistakes only subcommands can have, said in our words: a misspelt command gets
//! the closest one, a missing one the list. Every other mistake is said as a lesson's
//! is (`socket_workbook::args::render`).

use std::ffi::OsString;

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};
use socket_workbook::args::render;
use socket_workbook::{Args, Cli};

use workbook_checker::exercise::exercises;
use workbook_checker::text::exercises as text;

use crate::options::{DEFAULT_POLL_MS, id};

/// The program's arguments, parsed: `--help` prints help and exits 0; a mistake is
/// said on stderr with the usage line of the subcommand it was made on, exit status 2.
pub(crate) fn parse() -> Args {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut command = command();
    match command.try_get_matches_from_mut(&args) {
        Ok(matches) => Args::from_matches(matches),
        Err(error) => exit_on_error(&error, &command, &args),
    }
}

/// The checker's command line, its help in the language of the run.
fn command() -> Command {
    let mut command = Cli::new("socket-workbook").with(subcommands).into_command();
    let positionals = command.get_positionals().next().is_some();
    command = command.help_template(render::help_template(
        positionals,
        Some(&text::commands_heading()),
    ));
    // clap adds its `help` subcommand when it builds the command, in English; once
    // built, it can be given our words.
    command.build();
    if command.find_subcommand("help").is_some() {
        command = command.mut_subcommand("help", |help| {
            help.about(text::help_command())
                .mut_args(|arg| arg.help(text::help_command_arg()))
        });
    }
    command
}

/// The checker's subcommands, added to the lessons' command line.
fn subcommands(command: Command) -> Command {
    let keys: Vec<&str> = exercises().iter().map(|exercise| exercise.key).collect();
    let keys = keys.join(", ");
    let exercise = || {
        Arg::new(id::EXERCISE)
            .value_name("EXERCISE")
            .help(text::help_exercise(&keys))
    };
    let flag = |id: &'static str, help: String| {
        Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
    };
    let format = || {
        Arg::new(id::FORMAT)
            .long(id::FORMAT)
            .value_parser(["text", "json"])
            .default_value("text")
            .help(text::help_format())
    };
    command
        .subcommand(
            clap::Command::new("check")
                .about(text::help_check())
                .arg(exercise())
                .arg(flag(id::ALL, text::help_all()).conflicts_with(id::EXERCISE))
                .arg(format())
                .arg(flag(id::REFERENCE, text::help_reference()).conflicts_with(id::PROGRAM))
                .arg(
                    Arg::new(id::PROGRAM)
                        .long(id::PROGRAM)
                        .value_name("EXAMPLE")
                        .conflicts_with(id::ALL)
                        .help(text::help_program()),
                )
                .arg(flag(id::KEEP_GOING, text::help_keep_going())),
        )
        .subcommand(
            clap::Command::new("list")
                .about(text::help_list())
                .arg(format())
                .arg(flag(id::REFERENCE, text::help_reference())),
        )
        .subcommand(
            clap::Command::new("hint")
                .about(text::help_hint())
                .arg(exercise().required(true)),
        )
        .subcommand(
            clap::Command::new("watch")
                .about(text::help_watch())
                .arg(exercise())
                .arg(flag(id::REFERENCE, text::help_reference()))
                .arg(
                    Arg::new(id::POLL_MS)
                        .long(id::POLL_MS)
                        .value_name("MS")
                        .default_value(socket_workbook::args::shown(DEFAULT_POLL_MS))
                        .value_parser(clap::value_parser!(u64).range(10..=10_000))
                        .help(text::help_poll()),
                ),
        )
        .subcommand(
            clap::Command::new("reset")
                .about(text::help_reset())
                .arg(exercise().required(true))
                .arg(flag(id::YES, text::help_yes())),
        )
        .subcommand(clap::Command::new("kit").about(text::help_kit()))
        .subcommand(
            clap::Command::new("grade")
                .about(text::help_grade())
                .arg(
                    Arg::new(id::DIR)
                        .value_name("DIR")
                        .required(true)
                        .help(text::help_grade_dir()),
                )
                .arg(
                    Arg::new(id::EXERCISES)
                        .long("exercise")
                        .value_name("KEY")
                        .action(ArgAction::Append)
                        .help(text::help_grade_exercise()),
                )
                .arg(
                    Arg::new(id::OUT)
                        .long(id::OUT)
                        .value_name("OUT")
                        .default_value("grading")
                        .help(text::help_grade_out()),
                )
                .arg(
                    Arg::new(id::JOBS)
                        .long(id::JOBS)
                        .value_name("N")
                        .value_parser(clap::value_parser!(usize))
                        .help(text::help_jobs()),
                )
                .arg(flag(id::NO_SANDBOX, text::help_no_sandbox())),
        )
        .subcommand(
            clap::Command::new("grade-one")
                .hide(true)
                .arg(Arg::new("key").required(true))
                .arg(Arg::new("exe").required(true))
                .arg(Arg::new("report").required(true)),
        )
}

/// Says what is wrong with the command line `args` and exits 2 (or prints help and
/// exits 0): the mistakes of subcommands here, every other as a lesson's.
fn exit_on_error(error: &clap::Error, root: &Command, args: &[OsString]) -> ! {
    render::exit_unless_help(error);
    let command = command_of(root, args);
    let (message, hint) = explain(error, command);
    render::exit_with(&message, hint.as_deref(), &render::usage(error, command))
}

/// What is wrong, and a hint if there is one, for a mistake made on `command`'s line.
fn explain(error: &clap::Error, command: &Command) -> (String, Option<String>) {
    let names = || command_names(command);
    let all_names = || render::quoted_list(&names().collect::<Vec<_>>());
    match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = render::context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            let hint = match render::closest(&name, names()) {
                Some(near) => socket_workbook::text::cli::did_you_mean(near),
                None => text::the_commands_are(&all_names()),
            };
            (text::unknown_command(&name), Some(hint))
        }
        ErrorKind::MissingSubcommand => (
            text::missing_command(),
            Some(text::the_commands_are(&all_names())),
        ),
        kind => {
            let (message, hint) = render::explain(error, command);
            // A word where no more words belong: perhaps a misspelt command.
            let arg = render::context(error, ContextKind::InvalidArg).unwrap_or_default();
            let hint = hint.or_else(|| {
                (kind == ErrorKind::UnknownArgument && !arg.starts_with('-'))
                    .then(|| render::closest(&arg, names()))
                    .flatten()
                    .map(socket_workbook::text::cli::did_you_mean)
            });
            (message, hint)
        }
    }
}

/// The subcommand that `args` reached in `root` (`check`, say), or `root`: the one
/// whose flags and usage a mistake is about.
fn command_of<'a>(root: &'a Command, args: &[OsString]) -> &'a Command {
    let mut command = root;
    for arg in args.iter().skip(1) {
        let Some(arg) = arg.to_str() else { break };
        if arg == "--" {
            break;
        }
        if let Some(sub) = command.find_subcommand(arg) {
            command = sub;
        }
    }
    command
}

/// The names of `command`'s subcommands, clap's `help` among them.
fn command_names(command: &Command) -> impl Iterator<Item = &str> + '_ {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(Command::get_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error of `args` on the checker's command line, as [`exit_on_error`] would
    /// explain it.
    fn explained(args: &[&str]) -> (ErrorKind, String, Option<String>) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let mut command = command();
        let error = command
            .try_get_matches_from_mut(&args)
            .expect_err("a mistake on the command line");
        let (message, hint) = explain(&error, command_of(&command, &args));
        (error.kind(), message, hint)
    }

    /// Unknown subcommands and flags of a subcommand get the closest known one.
    #[test]
    fn mistakes_get_the_closest_name() {
        let (kind, message, hint) = explained(&["x", "chek"]);
        assert_eq!(kind, ErrorKind::InvalidSubcommand);
        assert!(message.contains("`chek`"), "{message}");
        assert!(
            hint.as_deref().is_some_and(|hint| hint.contains("`check`")),
            "{hint:?}"
        );
        let (kind, message, hint) = explained(&["x", "check", "--kep-going"]);
        assert_eq!(kind, ErrorKind::UnknownArgument);
        assert!(message.contains("`--kep-going`"), "{message}");
        assert!(
            hint.as_deref()
                .is_some_and(|hint| hint.contains("`--keep-going`")),
            "{hint:?}"
        );
        let (kind, _, hint) = explained(&["x", "bogus"]);
        assert_eq!(kind, ErrorKind::InvalidSubcommand);
        assert!(
            hint.as_deref().is_some_and(|hint| hint.contains("`list`")),
            "{hint:?}"
        );
    }
}
