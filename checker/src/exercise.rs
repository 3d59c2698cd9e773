//! The exercises: which lessons have one, how a student names them, and their
//! starters, made from the lessons themselves.
//!
//! A starter is its lesson with the new part taken out. In each lesson the new part
//! runs from a line `// New in this step…` (or `lesson`, or `exercise`) to the line
//! `// End of the new part.`; the starter puts, in its place, a comment that says what
//! to write. So a starter never drifts from its lesson: change the lesson, then
//! `cargo run -- reset N --yes` writes the starter again.

use std::path::{Path, PathBuf};

use socket_workbook::lessons::Words;

use crate::check::Behaviour;
use crate::lessons::CHECKED_LESSONS;

/// One exercise: a lesson of the table that has one.
#[derive(Debug, Clone, Copy)]
pub struct Assignment {
    /// The short name a student types: `4`, `e1`, `echo`.
    pub key: &'static str,
    /// The lesson it is the exercise of: `step4_accept`.
    pub lesson: &'static str,
    /// The example the student writes: `exercise4_accept`.
    pub file: &'static str,
    /// What to write, in words.
    pub todo: Words,
    /// What the lesson promises, and so what the exercise must do.
    pub checks: &'static [Behaviour],
}

/// Every exercise, in the order of the lessons.
pub fn exercises() -> Vec<Assignment> {
    CHECKED_LESSONS
        .iter()
        .filter_map(|lesson| {
            let exercise = lesson.exercise?;
            Some(Assignment {
                key: exercise.key,
                lesson: lesson.name,
                file: exercise.file,
                todo: exercise.todo,
                checks: lesson.checks,
            })
        })
        .collect()
}

/// The exercise a student means by `query`: its key (`4`, `e1`, `echo`), its name
/// (`exercise4_accept`), its lesson (`step4_accept`), `step4`, or `示例1`.
pub fn meant_by(query: &str) -> Option<Assignment> {
    let query = query.trim().to_ascii_lowercase();
    let query = match query.as_str() {
        "示例1" => "e1".to_string(),
        "示例2" => "e2".to_string(),
        _ => query,
    };
    exercises().into_iter().find(|exercise| {
        exercise.key == query
            || exercise.lesson == query
            || exercise.name() == query
            || exercise.lesson.split('_').next() == Some(query.as_str())
            || exercise.key.replace('_', "-") == query
    })
}

impl Assignment {
    /// The example a student writes: `exercise4_accept`.
    pub fn name(&self) -> String {
        self.file.to_string()
    }

    /// The lesson's source, from which the starter is made: `examples/step4_accept.rs`
    /// of the workbook (never of `WORKBOOK_EXAMPLES_DIR`, which holds exercises).
    pub fn source(&self) -> String {
        let path = Path::new(LESSONS_DIR).join(format!("{}.rs", self.lesson));
        std::fs::read_to_string(&path).unwrap_or_default()
    }

    /// Where the student's file is.
    pub fn path(&self) -> PathBuf {
        examples_dir().join(format!("{}.rs", self.name()))
    }

    /// Where the lesson is explained: its pages in the book (English, Chinese), or the
    /// README's section on the extra exercises.
    pub fn pages(&self) -> String {
        if self.lesson.starts_with("extra_") {
            "README.md, \"Exercises\"".to_string()
        } else {
            format!("docs/en/{0}.md, docs/zh/{0}.md", self.lesson)
        }
    }

    /// The starter: the lesson with its new part replaced by what to write.
    pub fn starter(&self) -> String {
        let name = self.name();
        let source = self.source();
        // The lesson's own `//!` header gives way to the exercise's.
        let body: Vec<&str> = source
            .lines()
            .skip_while(|line| line.starts_with("//!"))
            .collect();
        let mut out = format!(
            "//! Exercise {key}: write the new part of `{lesson}` yourself.\n\
             //!\n\
             //! This is `examples/{lesson}.rs` with its new part taken out. The comment marked\n\
             //! TODO says what to write. Run it as you ran the lesson:\n\
             //!\n\
             //! ```text\n\
             //! cargo run --example {name}\n\
             //! ```\n\
             //!\n\
             //! Check it: `cargo run -- check {key}`. A hint: `cargo run -- hint {key}`. Start\n\
             //! again: `cargo run -- reset {key}`. The finished lesson, to compare once you are\n\
             //! done: `examples/{lesson}.rs`.\n\
             //!\n\
             //! 练习 {key}：亲手写出 `{lesson}` 中新增的部分，标有 TODO 的注释说明了要写什么。\n\
             //! 检查：`cargo run -- check {key}`；提示：`cargo run -- hint {key}`；\n\
             //! 重新开始：`cargo run -- reset {key}`；写完后可以对照完整的课程代码：\n\
             //! `examples/{lesson}.rs`。\n\
             \n\
             // Until you write your part, some names stay unused.\n\
             #![allow(unused)]\n",
            key = self.key,
            lesson = self.lesson,
        );
        let mut lines = body.into_iter();
        while let Some(line) = lines.next() {
            if !line.trim_start().starts_with("// New in this ") {
                out.push_str(
                    &line.replace(&format!("(\"{}\")", self.lesson), &format!("(\"{name}\")")),
                );
                out.push('\n');
                continue;
            }
            // The new part: keep its Python lines for the comment, drop the rest.
            let indent = &line[..line.len() - line.trim_start().len()];
            let mut python = Vec::new();
            for inner in lines.by_ref() {
                let inner = inner.trim();
                if inner == "// End of the new part." {
                    break;
                }
                if let Some(py) = python_line(inner) {
                    python.push(py);
                }
            }
            out.push_str(&self.todo_comment(indent, &python));
        }
        out
    }

    /// The comment that stands where the new part was.
    fn todo_comment(&self, indent: &str, python: &[String]) -> String {
        let mut comment = String::new();
        let mut say = |text: &str| {
            comment.push_str(indent);
            comment.push_str("//");
            if !text.is_empty() {
                comment.push(' ');
                comment.push_str(text);
            }
            comment.push('\n');
        };
        say(&format!(
            "TODO (exercise {}): write the new part here.",
            self.key
        ));
        for line in wrap(self.todo.en, 84) {
            say(&line);
        }
        for line in python {
            say(&format!("Python: {line}"));
        }
        for line in wrap(self.todo.zh, 84) {
            say(&line);
        }
        say(&format!("Lesson: {}", self.pages()));
        say(&format!(
            "Hint: cargo run -- hint {}; check: cargo run -- check {}",
            self.key, self.key
        ));
        comment
    }
}

/// The Python in a comment `// Python: …` or `// Python (示例2): …`.
fn python_line(comment: &str) -> Option<String> {
    let rest = comment.strip_prefix("// Python")?;
    let rest = match rest.trim_start().strip_prefix('(') {
        Some(inside) => inside.split_once(')')?.1,
        None => rest,
    };
    Some(rest.trim_start().strip_prefix(':')?.trim().to_string())
}

/// Breaks `text` into lines of at most `width` columns, where a Chinese character
/// takes two: between words, or between Chinese characters, never inside a word of
/// code such as `server.accept()`.
fn wrap(text: &str, width: usize) -> Vec<String> {
    // The pieces that may not be split: a run of ASCII without spaces, a space, or one
    // other character.
    let mut pieces: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = c.is_ascii() && c != ' ';
        match pieces.last_mut() {
            Some(last) if joins && last.chars().all(|d| d.is_ascii() && d != ' ') => last.push(c),
            _ => pieces.push(c.to_string()),
        }
    }
    let columns = |piece: &str| {
        piece
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        if !line.is_empty() && columns(&line) + columns(&piece) > width {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        if line.is_empty() && piece == " " {
            continue;
        }
        line.push_str(&piece);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The folder of the lessons: the workbook's `examples/`.
const LESSONS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");

/// How a file in the examples' folder is shown to a student: `examples/exercise4_accept.rs`
/// when it is the workbook's own, its whole path otherwise.
pub fn shown(path: &Path) -> String {
    match path.strip_prefix(LESSONS_DIR) {
        Ok(file) => Path::new("examples").join(file).display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The folder of the examples and exercises: `examples/` of this crate, or
/// `WORKBOOK_EXAMPLES_DIR` (for the checker's own tests).
pub fn examples_dir() -> PathBuf {
    match std::env::var_os("WORKBOOK_EXAMPLES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(LESSONS_DIR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exercise_can_be_named_by_its_key_its_file_and_its_lesson() {
        for exercise in exercises() {
            for query in [
                exercise.key.to_string(),
                exercise.name(),
                exercise.lesson.to_string(),
            ] {
                assert_eq!(
                    meant_by(&query).map(|found| found.lesson),
                    Some(exercise.lesson),
                    "{query}"
                );
            }
        }
        assert_eq!(
            meant_by("示例2").map(|found| found.lesson),
            Some("example2_server")
        );
        assert_eq!(
            meant_by("step4").map(|found| found.lesson),
            Some("step4_accept")
        );
        assert!(meant_by("step99").is_none());
    }

    #[test]
    fn every_lesson_marks_exactly_one_new_part() {
        for exercise in exercises() {
            let source = exercise.source();
            let starts = source
                .lines()
                .filter(|line| line.trim_start().starts_with("// New in this "))
                .count();
            let ends = source
                .lines()
                .filter(|line| line.trim() == "// End of the new part.")
                .count();
            assert_eq!((starts, ends), (1, 1), "{}", exercise.lesson);
        }
    }

    #[test]
    fn a_starter_is_its_lesson_without_the_new_part() {
        for exercise in exercises() {
            let starter = exercise.starter();
            assert!(starter.contains(&format!("TODO (exercise {})", exercise.key)));
            assert!(!starter.contains("// New in this "), "{}", exercise.lesson);
            assert!(
                !starter.contains("// End of the new part."),
                "{}",
                exercise.lesson
            );
            assert!(
                starter.contains(&format!("(\"{}\")", exercise.name())),
                "{}",
                exercise.lesson
            );
            assert!(starter.contains("#![allow(unused)]"));
        }
        let step4 = meant_by("4")
            .map(|exercise| exercise.starter())
            .unwrap_or_default();
        assert!(!step4.contains("= server.accept()"));
        assert!(step4.contains("server\n        .listen(args.backlog)"));
        assert!(step4.contains("// Python: conn, address = socket_server.accept()"));
    }

    #[test]
    fn wrapping_keeps_words_of_code_whole() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(
            wrap("打印 text::accepted(peer) 和", 12),
            ["打印", "text::accepted(peer)", "和"]
        );
        assert_eq!(wrap("你好世界", 4), ["你好", "世界"]);
    }

    #[test]
    fn python_lines_are_read_from_comments() {
        assert_eq!(
            python_line("// Python: listen(1)").as_deref(),
            Some("listen(1)")
        );
        assert_eq!(
            python_line("// Python (示例2): if data == 'exit': break").as_deref(),
            Some("if data == 'exit': break")
        );
        assert_eq!(python_line("// not python"), None);
    }
}
