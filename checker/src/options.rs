//! What the command line asks for: flags, the exercise it names, and which program
//! plays the exercise's part.

use clap::ArgMatches;

use workbook_checker::exercise::{Assignment, meant_by};
use workbook_checker::text::exercises as text;

/// The ids of the checker's arguments, each named once: main.rs defines the arguments
/// with them, [`Options::read`] reads them.
pub(crate) mod id {
    pub(crate) const EXERCISE: &str = "exercise";
    pub(crate) const ALL: &str = "all";
    pub(crate) const FORMAT: &str = "format";
    pub(crate) const REFERENCE: &str = "reference";
    pub(crate) const PROGRAM: &str = "program";
    pub(crate) const KEEP_GOING: &str = "keep-going";
    pub(crate) const POLL_MS: &str = "poll-ms";
    pub(crate) const YES: &str = "yes";
    pub(crate) const DIR: &str = "dir";
    pub(crate) const EXERCISES: &str = "exercises";
    pub(crate) const OUT: &str = "out";
    pub(crate) const JOBS: &str = "jobs";
    pub(crate) const NO_SANDBOX: &str = "no-sandbox";
}

/// How often `watch` looks at the file, by default.
pub(crate) const DEFAULT_POLL_MS: u64 = 300;

/// What a command's line asked for, read once, by type. An argument that the command
/// does not take reads as absent.
#[derive(Debug, Default)]
pub(crate) struct Options {
    /// The exercise named: `4`, `e1`, `exercise4_accept`.
    pub(crate) exercise: Option<String>,
    /// `--all`.
    pub(crate) all: bool,
    /// `--format json`.
    pub(crate) json: bool,
    /// `--reference`: the finished lesson plays the part.
    pub(crate) reference: bool,
    /// `--program EXAMPLE`: another example plays the part.
    pub(crate) program: Option<String>,
    /// `--keep-going`.
    pub(crate) keep_going: bool,
    /// `--poll-ms`.
    pub(crate) poll_ms: u64,
    /// `--yes`.
    pub(crate) yes: bool,
    /// `grade DIR`.
    pub(crate) dir: Option<String>,
    /// `grade --exercise KEY`, any number of times.
    pub(crate) exercises: Vec<String>,
    /// `grade --out OUT`.
    pub(crate) out: Option<String>,
    /// `--jobs N`.
    pub(crate) jobs: Option<usize>,
    /// `grade --no-sandbox`.
    pub(crate) no_sandbox: bool,
}

impl Options {
    /// Reads the options of one command.
    pub(crate) fn read(matches: &ArgMatches) -> Options {
        let flag = |id: &str| matches.try_get_one::<bool>(id).ok().flatten() == Some(&true);
        let text = |id: &str| matches.try_get_one::<String>(id).ok().flatten().cloned();
        Options {
            exercise: text(id::EXERCISE),
            all: flag(id::ALL),
            json: text(id::FORMAT).as_deref() == Some("json"),
            reference: flag(id::REFERENCE),
            program: text(id::PROGRAM),
            keep_going: flag(id::KEEP_GOING),
            poll_ms: matches
                .try_get_one::<u64>(id::POLL_MS)
                .ok()
                .flatten()
                .copied()
                .unwrap_or(DEFAULT_POLL_MS),
            yes: flag(id::YES),
            dir: text(id::DIR),
            exercises: matches
                .try_get_many::<String>(id::EXERCISES)
                .ok()
                .flatten()
                .map(|values| values.cloned().collect())
                .unwrap_or_default(),
            out: text(id::OUT),
            no_sandbox: flag(id::NO_SANDBOX),
            jobs: matches
                .try_get_one::<usize>(id::JOBS)
                .ok()
                .flatten()
                .copied(),
        }
    }

    /// The exercise named on the command line, none if none is named, or the message
    /// for a name that is no exercise (the command then exits 2).
    pub(crate) fn named(&self) -> Result<Option<Assignment>, String> {
        match self.exercise.as_deref() {
            None => Ok(None),
            Some(query) => meant_by(query)
                .map(Some)
                .ok_or_else(|| text::unknown_exercise(query)),
        }
    }

    /// What plays the part, from `--reference` and `--program`.
    pub(crate) fn playing(&self) -> Playing<'_> {
        if let Some(name) = &self.program {
            Playing::Example(name)
        } else if self.reference {
            Playing::Lesson
        } else {
            Playing::Exercise
        }
    }
}

/// Which program plays an exercise's part.
#[derive(Clone, Copy)]
pub(crate) enum Playing<'a> {
    /// The student's exercise.
    Exercise,
    /// The finished lesson.
    Lesson,
    /// Another example, such as a submission saved under its own name.
    Example(&'a str),
}

/// The example that plays `exercise`'s part.
pub(crate) fn example_of(exercise: &Assignment, playing: Playing<'_>) -> String {
    match playing {
        Playing::Exercise => exercise.name(),
        Playing::Lesson => exercise.lesson.to_string(),
        Playing::Example(name) => name.to_string(),
    }
}
