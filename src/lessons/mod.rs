//! The one table of lessons ([`LESSONS`], written in `src/lessons/table.rs`): what each
//! program in `examples/` is, in the spirit of rustlings' `info.toml`, as a Rust
//! `const` so that the compiler checks it.
//!
//! The lessons' library reads it for each program's one-line `--help`; the checker
//! reads the same file with the checks' functions in place of their names
//! (`checker/src/lessons.rs`). The book lists the lessons again for its readers, in
//! each language's `docs/*/SUMMARY.md`, and its test checks that list against this
//! table (`tests/workbook/book/shape.rs`); the README's tables of steps are prose.

/// A text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// English.
    pub en: &'static str,
    /// Chinese.
    pub zh: &'static str,
}

impl Words {
    /// The text in the language of this run.
    pub fn get(&self) -> &'static str {
        match crate::lang::current() {
            crate::lang::Lang::En => self.en,
            crate::lang::Lang::Zh => self.zh,
        }
    }
}

/// Which family of programs a lesson belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Steps 1 to 7: one socket call each.
    Step,
    /// The lesson's two complete servers, 示例1 and 示例2.
    Server,
    /// The workbook's own client, in place of netAssist.
    Client,
    /// An extra exercise beyond the lesson.
    Extra,
    /// A classic mistake, shown beside its fix.
    Pitfall,
    /// The concurrency ladder, steps 8 to 11 and the chat server.
    Ladder,
    /// A tool for the ladder: the load generator and the benchmark.
    Tool,
    /// The client's side of the lesson, one call at a time, and the capstone pair.
    ClientStep,
    /// UDP: a server and a client without a connection.
    Udp,
}

/// A lesson's page in the book: `docs/en/NAME.md` and `docs/zh/NAME.md`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// The runs the page shows besides the plain one (`in-use`, `gbk`, …); the book's
    /// test makes each of them for real.
    pub shows: &'static [&'static str],
}

/// A lesson's exercise: its new part, left for the student to write.
#[derive(Debug, Clone, Copy)]
pub struct Exercise {
    /// The short name a student types: `4`, `e1`, `echo`.
    pub key: &'static str,
    /// The example the student writes, without `.rs`: `exercise4_accept`.
    pub file: &'static str,
    /// What to write, in words.
    pub todo: Words,
}

/// One program of `examples/`. `Checks` is what its checks are to the crate reading the
/// table: their names here, the functions themselves in the checker.
#[derive(Debug, Clone, Copy)]
pub struct Lesson<Checks: 'static = &'static [&'static str]> {
    /// The example's name: `step4_accept`.
    pub name: &'static str,
    /// Its family.
    pub family: Family,
    /// What it teaches, in one line: its `--help`.
    pub teaches: Words,
    /// Its page in the book, if it has one.
    pub page: Option<Page>,
    /// Its exercise, if it has one.
    pub exercise: Option<Exercise>,
    /// The behaviours it promises, in the order they are checked.
    pub checks: Checks,
}

/// Here a check is known by its function's name; its weight (the points it scores,
/// `=> 3`) and its words (what it proves, `{ en: …, zh: … }`, written where the table
/// first names it) are the checker's to read.
macro_rules! checks {
    ($($module:ident::$check:ident => $weight:literal $({ en: $en:literal, zh: $zh:literal $(,)? })?),* $(,)?) => {
        &[$(stringify!($check)),*]
    };
}

/// Every lesson, in the order they are taught.
pub const LESSONS: &[Lesson] = include!("table.rs");

/// The lesson named `name` (`step4_accept`).
pub fn by_name(name: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|lesson| lesson.name == name)
}

/// The lesson whose exercise is the example `file` (`exercise4_accept`).
pub fn of_exercise(file: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|lesson| {
        lesson
            .exercise
            .is_some_and(|exercise| exercise.file == file)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_program_in_examples_is_a_lesson_or_an_exercise() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"));
        let mut unknown = Vec::new();
        for entry in std::fs::read_dir(dir).expect("the examples folder") {
            let path = entry.expect("an entry").path();
            let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
                continue;
            };
            if by_name(stem).is_none() && of_exercise(stem).is_none() {
                unknown.push(stem.to_string());
            }
        }
        assert!(
            unknown.is_empty(),
            "not in src/lessons/table.rs: {unknown:?}"
        );
    }

    #[test]
    fn names_and_keys_are_unique() {
        for (at, lesson) in LESSONS.iter().enumerate() {
            for other in &LESSONS[at + 1..] {
                assert_ne!(lesson.name, other.name);
                if let (Some(a), Some(b)) = (lesson.exercise, other.exercise) {
                    assert_ne!(a.key, b.key, "{} and {}", lesson.name, other.name);
                    assert_ne!(a.file, b.file, "{} and {}", lesson.name, other.name);
                }
            }
        }
    }

    #[test]
    fn a_pitfall_says_so_in_both_languages() {
        for lesson in LESSONS
            .iter()
            .filter(|lesson| lesson.family == Family::Pitfall)
        {
            assert!(lesson.name.starts_with("pitfall_"), "{}", lesson.name);
            assert!(
                lesson.teaches.en.starts_with("Pitfall: "),
                "{}",
                lesson.name
            );
            assert!(lesson.teaches.zh.starts_with("陷阱："), "{}", lesson.name);
        }
    }

    #[test]
    fn a_lesson_with_an_exercise_has_checks() {
        for lesson in LESSONS.iter().filter(|lesson| lesson.exercise.is_some()) {
            assert!(!lesson.checks.is_empty(), "{}", lesson.name);
        }
    }
}
