//! The command line in the language of the run: `--help` with our headings, notes and
//! `--help` flag, and each mistake on the command line said in our words with the
//! closest known flag, the usage line and a pointer to `--help` (exit status 2).
//!
//! clap's own texts are English only, and its advice does not fit a student (see
//! [`exit_on_error`]). The lessons' command lines use all of it through
//! [`Cli::parse`](super::Cli::parse); the checker adds what its subcommands need
//! (`checker/src/cli.rs`) to [`explain`] and [`exit_with`].

use std::num::{IntErrorKind, ParseIntError};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use super::id;
use crate::text::{self, cli};

/// `command` and its subcommands with help in the language of the run: our headings,
/// our `--help` flag, and the defaults and possible values written by us.
pub fn in_language(command: Command) -> Command {
    let template = help_template(command.get_positionals().next().is_some(), None);
    command
        .disable_help_flag(true)
        .arg(
            Arg::new(id::HELP)
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(cli::help_help()),
        )
        .help_template(template)
        .mut_args(with_notes)
        .mut_subcommands(in_language)
}

/// clap's help layout (`DEFAULT_TEMPLATE` in clap) with headings in our words: clap
/// writes `Usage:`, `Arguments:`, `Options:` and `Commands:` in English only. A
/// program with subcommands (the checker) gives the heading of its commands.
pub fn help_template(positionals: bool, commands_heading: Option<&str>) -> String {
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n",
        cli::usage_heading()
    );
    if let Some(heading) = commands_heading {
        template += &format!("{heading}\n{{subcommands}}\n\n");
    }
    if positionals {
        template += &format!("{}\n{{positionals}}\n\n", cli::arguments_heading());
    }
    template += &format!("{}\n{{options}}{{after-help}}", cli::options_heading());
    template
}

/// `arg` with its default and its possible values written into its help in our
/// words, and clap's English `[default: …]` and `[possible values: …]` hidden.
fn with_notes(arg: Arg) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let values = possible_values(&arg);
    if !arg.is_hide_possible_values_set() && !values.is_empty() {
        help += &cli::shown_values(&values.join(&cli::list_separator()));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if !arg.is_hide_default_value_set() && !defaults.is_empty() {
        help += &cli::shown_default(&defaults.join(" "));
    }
    arg.help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
}

fn possible_values(arg: &Arg) -> Vec<String> {
    arg.get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_string())
        .collect()
}

/// Prints what is wrong with the command line, in the language of the run, and
/// exits: `--help` (and `--version`) to stdout with status 0, a mistake to stderr
/// with status 2, followed by the usage line and a pointer to `--help`.
///
/// We render the mistakes ourselves because clap's texts are English only, and
/// because clap's advice does not fit a student: its `tip: to pass '--bogus' as a
/// value, use '-- --bogus'` is shown to someone who already typed `--` (the one of
/// `cargo run --example … -- --bogus`, which Cargo takes away).
pub fn exit_on_error(error: clap::Error, command: &Command) -> ! {
    exit_unless_help(&error);
    let (message, hint) = explain(&error, command);
    exit_with(&message, hint.as_deref(), &usage(&error, command))
}

/// Exits as clap would for help (in our words already) or a version, which are no
/// mistakes; returns for a mistake.
pub fn exit_unless_help(error: &clap::Error) {
    if !error.use_stderr() || error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        error.exit()
    }
}

/// The usage line of `command`, as a mistake on its line shows it: clap's, without its
/// English heading.
pub fn usage(error: &clap::Error, command: &Command) -> String {
    let usage = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => command.clone().render_usage().to_string(),
    };
    let usage = usage.trim();
    usage
        .strip_prefix("Usage:")
        .unwrap_or(usage)
        .trim_start()
        .to_string()
}

/// Prints a mistake on the command line, its hint, the usage line and a pointer to
/// `--help` on stderr, and exits with status 2.
pub fn exit_with(message: &str, hint: Option<&str>, usage: &str) -> ! {
    let mut out = text::labelled(&text::error_label(), message);
    if let Some(hint) = hint {
        out += "\n";
        out += &text::labelled(&text::hint_label(), hint);
    }
    // Not `eprintln!`, which panics when stderr is closed.
    crate::output::stderr_line(format_args!(
        "{out}\n\n{}{usage}\n\n{}",
        cli::usage_heading(),
        cli::more_help()
    ));
    std::process::exit(2)
}

/// What is wrong, and a hint if there is one, for a mistake made on `command`'s line.
/// The mistakes of subcommands are the checker's to explain (`checker/src/cli.rs`).
pub fn explain(error: &clap::Error, command: &Command) -> (String, Option<String>) {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let valid = quoted_list(&contexts(error, ContextKind::ValidValue));
    match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            let hint = (!valid.is_empty()).then(|| cli::the_values_are(&valid));
            (cli::needs_value(&arg), hint)
        }
        ErrorKind::InvalidValue => (cli::not_one_of(&arg, &value, &valid), None),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|source| reason(source, &value))
                .unwrap_or_default();
            (cli::bad_value(&arg, &value, &reason), None)
        }
        ErrorKind::UnknownArgument => {
            let known = command
                .get_arguments()
                .filter(|known| !known.is_hide_set())
                .filter_map(|known| known.get_long());
            let hint = match arg.strip_prefix("--") {
                Some(long) => closest(long.split('=').next().unwrap_or(long), known)
                    .map(|long| cli::did_you_mean(&format!("--{long}"))),
                // A word where no more words belong (the checker hints at its commands).
                None if !arg.starts_with('-') => None,
                // `--backlog -1`: clap reads `-1` as a flag, and says no more.
                None if arg.parse::<i64>().is_ok() => Some(cli::negative_number(&arg)),
                None => None,
            };
            (cli::unexpected_argument(&arg), hint)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = quoted_list(&contexts(error, ContextKind::InvalidArg));
            (cli::missing_argument(&missing), None)
        }
        ErrorKind::ArgumentConflict => {
            let other = contexts(error, ContextKind::PriorArg);
            (cli::conflict(&arg, &other.join("`, `")), None)
        }
        ErrorKind::NoEquals => (cli::no_equals(&arg), None),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            (cli::wrong_number_of_values(&arg), None)
        }
        ErrorKind::InvalidUtf8 => (cli::invalid_utf8(), None),
        _ => (cli::bad_command_line(), None),
    }
}

/// Why a value was refused: our own parsers' reasons as they are (the `bad_addr_*`
/// messages, already in the language of the run), clap's number parsers' in our words.
fn reason(source: &(dyn std::error::Error + 'static), value: &str) -> String {
    if let Some(error) = source.downcast_ref::<ParseIntError>() {
        return match error.kind() {
            IntErrorKind::Empty => cli::empty_number(),
            _ => cli::not_a_whole_number(value),
        };
    }
    let reason = source.to_string();
    // clap's ranged number parser says `{value} is not in {low}..={high}` (or `..{end}`).
    if let Some((number, range)) = reason.split_once(" is not in ") {
        if let Some((low, high)) = range.split_once("..=") {
            return cli::out_of_range(number, low, high);
        }
        if let Some((low, end)) = range.split_once("..") {
            if let Ok(end) = end.parse::<i64>() {
                return cli::out_of_range(number, low, &(end - 1).to_string());
            }
        }
    }
    reason
}

/// The context `kind` of `error`, as text.
pub fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::Strings(texts) => Some(texts.join(" ")),
        _ => None,
    }
}

/// The context `kind` of `error`, as a list.
fn contexts(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(texts)) => texts.clone(),
        Some(ContextValue::StyledStr(text)) => vec![text.to_string()],
        Some(ContextValue::StyledStrs(texts)) => texts.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// `` `a`, `b` `` (`` `a`、`b` `` in Chinese).
pub fn quoted_list(items: &[impl AsRef<str>]) -> String {
    items
        .iter()
        .map(|item| {
            let item = item.as_ref();
            format!("`{item}`")
        })
        .collect::<Vec<_>>()
        .join(&cli::list_separator())
}

/// The candidate nearest to `word`, if it is near enough to be what was meant: at
/// most two edits, and fewer than half of the candidate's letters (so that `x` does
/// not become `kit`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&word, &candidate.to_lowercase()), candidate))
        .filter(|&(distance, candidate)| {
            distance <= 2 && distance < candidate.chars().count() / 2 + 1
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// How many single-character edits turn `a` into `b`: insertions, deletions,
/// substitutions, and swaps of two neighbours (`chekc` is one edit from `check`), the
/// "optimal string alignment" distance. Two rows of the table are kept, and the one
/// before them for the swaps.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;
    use crate::args::Cli;

    /// The edit distance counts insertions, deletions, substitutions and swaps.
    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("check", "check"), 0);
        assert_eq!(edit_distance("chek", "check"), 1);
        assert_eq!(edit_distance("chekc", "check"), 1);
        assert_eq!(edit_distance("chack", "check"), 1);
        assert_eq!(edit_distance("", "kit"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("检查", "检"), 1);
    }

    /// The closest name is offered only when it is close enough.
    #[test]
    fn closest_offers_only_a_near_name() {
        let commands = ["check", "list", "hint", "watch", "reset", "kit", "help"];
        assert_eq!(closest("chek", commands), Some("check"));
        assert_eq!(closest("CHECK", commands), Some("check"));
        assert_eq!(closest("lsit", commands), Some("list"));
        assert_eq!(closest("x", commands), None);
        assert_eq!(closest("bogus", commands), None);
        assert_eq!(closest("fix", ["fixed", "lang", "help"]), Some("fixed"));
        assert_eq!(closest("anything", std::iter::empty()), None);
    }

    /// No mistake of a lesson's line is ever advised `-- --flag`.
    #[test]
    fn no_double_dash_advice() {
        for args in [
            &["x", "--bogus"][..],
            &["x", "--", "127.0.0.1:0", "--bogus"],
        ] {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            let mut command = Cli::server("step3_listen").into_command();
            let error = command
                .try_get_matches_from_mut(&args)
                .expect_err("a mistake on the command line");
            let (message, hint) = explain(&error, &command);
            let said = format!("{message} {hint:?}");
            assert!(!said.contains("-- --bogus"), "{args:?}: {said}");
        }
    }

    /// The help template has a heading only for what the command has.
    #[test]
    fn the_help_template_heads_only_what_is_there() {
        let template = help_template(false, None);
        assert!(!template.contains("{positionals}") && !template.contains("{subcommands}"));
        assert!(template.contains("{usage}") && template.contains("{options}"));
        let template = help_template(true, Some("Commands:"));
        assert!(template.contains("{positionals}") && template.contains("{subcommands}"));
    }
}
