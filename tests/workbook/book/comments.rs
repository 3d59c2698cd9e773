//! The Chinese of the code's comments. A Chinese page shows its example's code with the
//! comments in Chinese: the code is the example's own, checked as on the English page,
//! and each comment is replaced by its translation from `docs/zh/code-comments.txt`, as
//! gettext does for Comprehensive Rust: the English stays in the example, where the
//! code is, and the Chinese beside the pages.
//!
//! A comment is a run of lines that start with `//` at the same indentation; it is
//! translated whole, so that a Chinese sentence need not break where the English did.
//! The file holds one entry per comment, entries apart by a blank line: the English
//! lines, a line `=>`, the Chinese lines (without their indentation, which the code's
//! gives them). A comment without an entry stays English; an entry whose English no
//! example holds any more is a failure, so that a changed comment is translated again.

use std::path::Path;

use crate::check::{Failure, Outcome};

/// Where the translations live.
const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/zh/code-comments.txt");

/// One comment and its Chinese.
pub struct Entry {
    pub english: Vec<String>,
    pub chinese: Vec<String>,
}

/// The entries of the file.
pub fn entries() -> Outcome<Vec<Entry>> {
    let text = std::fs::read_to_string(FILE)
        .map_err(|error| Failure::new(format!("to read {FILE}"), error.to_string()))?;
    let mut entries = Vec::new();
    for chunk in text.split("\n\n") {
        let lines: Vec<&str> = chunk
            .lines()
            .filter(|line| !line.starts_with('#'))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let Some(arrow) = lines.iter().position(|line| *line == "=>") else {
            return Err(Failure::new(
                "docs/zh/code-comments.txt: English, `=>`, Chinese".into(),
                chunk.to_string(),
            ));
        };
        let (english, chinese) = (&lines[..arrow], &lines[arrow + 1..]);
        let comments = |lines: &[&str]| lines.iter().all(|line| line.starts_with("//"));
        if english.is_empty() || chinese.is_empty() || !comments(english) || !comments(chinese) {
            return Err(Failure::new(
                "docs/zh/code-comments.txt: `//` lines on both sides of `=>`".into(),
                chunk.to_string(),
            ));
        }
        entries.push(Entry {
            english: english.iter().map(|line| line.to_string()).collect(),
            chinese: chinese.iter().map(|line| line.to_string()).collect(),
        });
    }
    Ok(entries)
}

/// The comments of `code`: the range of their lines, their indentation, their lines
/// without it.
fn comments(lines: &[&str]) -> Vec<(std::ops::Range<usize>, usize, Vec<String>)> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let is_comment = |line: &str| line.trim_start().starts_with("//");
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        if !is_comment(lines[at]) {
            at += 1;
            continue;
        }
        let start = at;
        let depth = indent(lines[at]);
        while at < lines.len() && is_comment(lines[at]) && indent(lines[at]) == depth {
            at += 1;
        }
        let text = lines[start..at]
            .iter()
            .map(|line| line.trim().to_string())
            .collect();
        found.push((start..at, depth, text));
    }
    found
}

/// `code` with each comment that has an entry in Chinese.
pub fn in_chinese(code: &str, entries: &[Entry]) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut done = 0;
    for (range, depth, text) in comments(&lines) {
        let Some(entry) = entries.iter().find(|entry| entry.english == text) else {
            continue;
        };
        out.extend(lines[done..range.start].iter().map(|line| line.to_string()));
        let pad = " ".repeat(depth);
        out.extend(entry.chinese.iter().map(|line| format!("{pad}{line}")));
        done = range.end;
    }
    out.extend(lines[done..].iter().map(|line| line.to_string()));
    out.iter().map(|line| format!("{line}\n")).collect()
}

/// The English comments of `code` that have no entry.
pub fn untranslated(code: &str, entries: &[Entry]) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    comments(&lines)
        .into_iter()
        .filter(|(_, _, text)| !entries.iter().any(|entry| entry.english == *text))
        .map(|(_, _, text)| text.join("\n"))
        .collect()
}

/// Every entry translates a comment that an example's new part holds.
#[test]
fn every_translated_comment_is_in_an_example() -> Outcome {
    let entries = entries()?;
    let dir = Path::new(crate::support::ROOT).join("examples");
    let mut held = Vec::new();
    for (stem, _) in super::pages() {
        // A program with no new part (the client, the chat) shows functions of its
        // own, whose comments stay English.
        let path = dir.join(format!("{stem}.rs"));
        if path.exists() {
            // A page may also show one of the example's functions (`code STEM NAME`):
            // the comments of the whole file count too.
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let whole: Vec<&str> = source.lines().collect();
            held.extend(comments(&whole).into_iter().map(|(_, _, text)| text));
            let Ok(part) = super::new_part(stem) else {
                continue;
            };
            let lines: Vec<&str> = part.lines().collect();
            held.extend(comments(&lines).into_iter().map(|(_, _, text)| text));
        }
    }
    let stale: Vec<String> = entries
        .iter()
        .filter(|entry| !held.contains(&entry.english))
        .map(|entry| entry.english.join("\n"))
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            "docs/zh/code-comments.txt: comments of the examples' new parts".into(),
            stale.join("\n\n"),
        ))
    }
}

/// A comment is translated whole, at its own indentation; code stays as it is.
#[test]
fn a_comment_is_translated_whole() {
    let entries = vec![Entry {
        english: vec!["// one".into(), "// two".into()],
        chinese: vec!["// 一二".into()],
    }];
    let code = "a();\n    // one\n    // two\n    b(); // one\n// one\n";
    assert_eq!(
        in_chinese(code, &entries),
        "a();\n    // 一二\n    b(); // one\n// one\n"
    );
    assert_eq!(untranslated(code, &entries), vec!["// one".to_string()]);
}
