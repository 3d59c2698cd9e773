//! What the command line asks for: flags, the exercise it names, and which program
//! plays the exercise's part.

use clap::ArgMatches;

use checker::exercise::{Exercise, find};
use checker::text::exercises as say;

pub(crate) fn flag(matches: &ArgMatches, id: &str) -> bool {
    matches.try_get_one::<bool>(id).ok().flatten() == Some(&true)
}

pub(crate) fn is_json(matches: &ArgMatches) -> bool {
    matches.get_one::<String>("format").map(String::as_str) == Some("json")
}

/// The exercise named on the command line; a name that is none exits 2.
pub(crate) fn named(matches: &ArgMatches) -> Option<Exercise> {
    let query = matches.get_one::<String>("exercise")?;
    match find(query) {
        Some(exercise) => Some(exercise),
        None => {
            eprintln!("{}", say::unknown_exercise(query));
            std::process::exit(2);
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
pub(crate) fn example_of(exercise: &Exercise, playing: Playing<'_>) -> String {
    match playing {
        Playing::Exercise => exercise.name(),
        Playing::Lesson => exercise.lesson.to_string(),
        Playing::Example(name) => name.to_string(),
    }
}

/// What plays the part, from `--reference` and `--program`.
pub(crate) fn playing(matches: &ArgMatches) -> Playing<'_> {
    if let Ok(Some(name)) = matches.try_get_one::<String>("program") {
        Playing::Example(name)
    } else if flag(matches, "reference") {
        Playing::Lesson
    } else {
        Playing::Exercise
    }
}
