//! The one table of lessons (`src/lessons/table.rs`), read with each check's function in
//! place of its name: what every program is, its exercise, its page, and the behaviours
//! it promises with the checks that prove them.

use socket_workbook::lessons::{Exercise, Family, Lesson, Page, Words};

use crate::check::{
    Behaviour, chat, client_tool, clients, extras, ladder, pitfalls, servers, steps, udp,
};

/// Here a check is its function, under its name, with its weight and what it proves
/// in both languages: a name that is no check in `checker/src/check` does not compile.
/// Its words are written once, where the table first names it; a later lesson that
/// names it again gives its weight alone (`steps::ends_on_exit_alone => 0`).
macro_rules! checks {
    ($($module:ident::$check:ident => $weight:literal $({ en: $en:literal, zh: $zh:literal $(,)? })?),* $(,)?) => {
        &[$(Behaviour {
            name: stringify!($check),
            check: $module::$check,
            weight: $weight,
            proves: described!($($en, $zh)?),
        }),*]
    };
}

/// A check's words, where the table gives them.
macro_rules! described {
    () => {
        None
    };
    ($en:literal, $zh:literal) => {
        Some(Words { en: $en, zh: $zh })
    };
}

/// Every lesson, in the order they are taught, with its checks.
pub const CHECKED_LESSONS: &[Lesson<&[Behaviour]>] = include!("../../src/lessons/table.rs");

/// Checks of a lesson alone, never of a student's exercise: the lesson's 运行结果, its
/// sentences line for line, is what the lesson prints; a student's answer is judged on
/// what it does and the facts it shows, in its own words (`cargo test` runs these
/// against the lessons, `check` and `grade` never do).
pub const LESSON_ONLY: &[(&str, Behaviour)] = &[(
    "example2_server",
    Behaviour {
        name: "prints_the_lessons_transcript",
        check: servers::prints_the_lessons_transcript,
        weight: 0,
        proves: Some(Words {
            en: "prints the lesson's 运行结果 line for line, in Chinese and in English",
            zh: "逐行打印出课程中的运行结果，中文和英文都是如此",
        }),
    },
)];

/// The lesson named `name` (`step4_accept`).
fn checked_lesson(name: &str) -> Option<&'static Lesson<&'static [Behaviour]>> {
    CHECKED_LESSONS.iter().find(|lesson| lesson.name == name)
}

/// What the check named `name` proves, in the language of this run, from where the
/// table first names it; its name in words for a name that no lesson describes.
pub fn proves(name: &str) -> String {
    CHECKED_LESSONS
        .iter()
        .flat_map(|lesson| lesson.checks)
        .chain(LESSON_ONLY.iter().map(|(_, behaviour)| behaviour))
        .filter(|behaviour| behaviour.name == name)
        .find_map(|behaviour| behaviour.proves)
        .map_or_else(|| name.replace('_', " "), |words| words.get().to_string())
}

/// The behaviours `lesson` promises, in the order they are checked; none for a name
/// that is no lesson.
pub fn behaviours(lesson: &str) -> &'static [Behaviour] {
    checked_lesson(lesson).map_or(&[], |lesson| lesson.checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every check says in words, in both languages, what it proves (the checker's
    /// reports and `hint` show it), once: where the table first names it, and nowhere
    /// after, so that its words cannot differ from one lesson to another.
    #[test]
    fn every_check_is_described_once() {
        let mut seen = std::collections::HashSet::new();
        let all = CHECKED_LESSONS
            .iter()
            .flat_map(|lesson| lesson.checks.iter().map(move |b| (lesson.name, b)))
            .chain(LESSON_ONLY.iter().map(|(lesson, b)| (*lesson, b)));
        for (lesson, behaviour) in all {
            let first = seen.insert(behaviour.name);
            match behaviour.proves {
                Some(Words { en, zh }) => {
                    assert!(
                        first,
                        "{lesson}: {} is described where the table first names it, not again",
                        behaviour.name
                    );
                    assert!(
                        !en.is_empty() && !zh.is_empty(),
                        "{lesson}: {}",
                        behaviour.name
                    );
                }
                None => assert!(
                    !first,
                    "{lesson}: {} needs its words `{{ en: …, zh: … }}` here, where the table first names it",
                    behaviour.name
                ),
            }
        }
    }

    /// The library's reading of the table names the same checks, in the same order.
    #[test]
    fn both_readings_of_the_table_agree() {
        let library = socket_workbook::lessons::LESSONS;
        assert_eq!(library.len(), CHECKED_LESSONS.len());
        for (named, checked) in library.iter().zip(CHECKED_LESSONS) {
            assert_eq!(named.name, checked.name);
            let names: Vec<&str> = checked.checks.iter().map(|b| b.name).collect();
            assert_eq!(named.checks, names.as_slice(), "{}", named.name);
        }
    }
}
