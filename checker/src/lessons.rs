//! The one table of lessons (`src/lessons/table.rs`), read with each check's function in
//! place of its name: what every program is, its exercise, its page, and the behaviours
//! it promises with the checks that prove them.

use socket_workbook::lessons::{Exercise, Family, Lesson, Page, Words};

use crate::check::{Behaviour, chat, client_tool, extras, ladder, pitfalls, servers, steps};

/// Here a check is its function, under its name, with its weight and what it proves
/// in both languages: a name that is no check in `checker/src/check` does not compile.
macro_rules! checks {
    ($($module:ident::$check:ident => $weight:literal { en: $en:literal, zh: $zh:literal $(,)? }),* $(,)?) => {
        &[$(Behaviour {
            name: stringify!($check),
            check: $module::$check,
            weight: $weight,
            proves: Words { en: $en, zh: $zh },
        }),*]
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
        proves: Words {
            en: "prints the lesson's 运行结果 line for line, in Chinese and in English",
            zh: "逐行打印出课程中的运行结果，中文和英文都是如此",
        },
    },
)];

/// The lesson named `name` (`step4_accept`).
fn checked_lesson(name: &str) -> Option<&'static Lesson<&'static [Behaviour]>> {
    CHECKED_LESSONS.iter().find(|lesson| lesson.name == name)
}

/// What the check named `name` proves, in the language of this run; its name in words
/// for a name that no lesson checks. A name that several lessons check proves the same
/// everywhere (a test below holds the table to it).
pub fn proves(name: &str) -> String {
    CHECKED_LESSONS
        .iter()
        .flat_map(|lesson| lesson.checks)
        .chain(LESSON_ONLY.iter().map(|(_, behaviour)| behaviour))
        .find(|behaviour| behaviour.name == name)
        .map_or_else(
            || name.replace('_', " "),
            |behaviour| behaviour.proves.get().to_string(),
        )
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
    /// reports and `hint` show it), and a check that several lessons name says the same
    /// in each of them.
    #[test]
    fn every_check_is_described_once() {
        let mut seen: std::collections::HashMap<&str, (&str, &str)> = Default::default();
        for lesson in CHECKED_LESSONS {
            for behaviour in lesson.checks {
                let Words { en, zh } = behaviour.proves;
                assert!(
                    !en.is_empty() && !zh.is_empty(),
                    "{}: {}",
                    lesson.name,
                    behaviour.name
                );
                let first = *seen.entry(behaviour.name).or_insert((en, zh));
                assert_eq!(first, (en, zh), "{}: {}", lesson.name, behaviour.name);
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
