//! The book as a book: one mdBook per language (`docs/en/book.toml`, `docs/zh/book.toml`),
//! whose `SUMMARY.md` lists every program of the table in teaching order; every page
//! links the same page in the other language and only files the built book holds; a
//! Chinese paragraph is one line; every `ss -tan` listing is checked.
//!
//! `mdbook build` itself, the links of the built HTML and a look in a browser are
//! `.ci/book`'s: it runs [`the_built_books_link_only_files_that_exist`] once the books
//! are built.

use std::path::{Component, Path, PathBuf};

use super::{DOCS, Lang, check_links, pages};
use crate::check::{Failure, Outcome};

/// The pages that the SUMMARY lists and that are no lesson of the table.
const OTHER_PAGES: [&str; 6] = [
    "index",
    "exercises",
    "instructors",
    "glossary",
    "next",
    "summary",
];

/// Pages that another change of this merge writes: the instructors' guide (its English
/// is `docs/instructors.md` until it moves beside its Chinese). Every lesson of the
/// table whose entry has no page yet is one too. Once all are merged, this is empty
/// and `mdbook build` builds.
const TO_COME: [&str; 0] = [];

/// A page's place: `docs/en/step3_listen.md`.
fn page_path(lang: Lang, stem: &str) -> PathBuf {
    Path::new(DOCS).join(lang.dir()).join(format!("{stem}.md"))
}

/// The pages that a language's `SUMMARY.md` lists, in its order, as stems.
fn summary(lang: Lang) -> Outcome<Vec<String>> {
    let path = Path::new(DOCS).join(lang.dir()).join("SUMMARY.md");
    let text = std::fs::read_to_string(&path)
        .map_err(|error| Failure::new(format!("to read {}", path.display()), error.to_string()))?;
    Ok(text
        .match_indices("](")
        .filter_map(|(at, _)| text[at + 2..].split(')').next())
        .filter_map(|target| target.strip_suffix(".md"))
        .map(str::to_string)
        .collect())
}

/// Resolves `target` against `dir` without touching the disk: `a/../b` is `b`.
fn resolve(dir: &Path, target: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for component in dir.join(target).components() {
        match component {
            Component::ParentDir => {
                path.pop();
            }
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    path
}

/// The relative link targets of a Markdown text, without their `#…`: links and
/// pictures, `[text](target)` and `![text](target)`.
fn targets(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .filter_map(|(at, _)| text[at + 2..].split(')').next())
        .map(|target| target.split('#').next().unwrap_or(""))
        .filter(|target| {
            !(target.is_empty() || target.contains("://") || target.starts_with("mailto:"))
        })
        .collect()
}

/// The diagrams a page shows: `![…](img/NAME.svg)`.
pub fn diagrams(path: &Path, text: &str) -> Vec<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    targets(text)
        .into_iter()
        .filter(|target| target.ends_with(".svg"))
        .map(|target| resolve(dir, target))
        .collect()
}

/// Checks what every page of the book must do: link the same page in the other
/// language, and only files that exist and that the built book holds: the pages and
/// pictures of both books and the examples, which `.ci/book` copies beside them; an
/// `ss -tan` listing is a checked block.
pub fn check_in_book(path: &Path, lang: Lang, stem: &str, text: &str) -> Outcome {
    let name = format!("docs/{}/{stem}.md", lang.dir());
    let other = format!("../{}/{stem}.md", lang.other().dir());
    if !targets(text).contains(&other.as_str()) {
        return Err(Failure::new(
            format!("{name}: a link to the same page in the other language, `{other}`"),
            "none".into(),
        ));
    }
    check_links(path, text)?;
    let root = resolve(Path::new(DOCS), "..");
    let held = [
        root.join("docs/en"),
        root.join("docs/zh"),
        root.join("examples"),
    ];
    let dir = path.parent().unwrap_or(Path::new("."));
    let outside: Vec<&str> = targets(text)
        .into_iter()
        .filter(|target| {
            let file = resolve(dir, target);
            !held.iter().any(|dir| file.starts_with(dir))
        })
        .collect();
    if !outside.is_empty() {
        return Err(Failure::new(
            format!(
                "{name}: links inside the books, or to examples/ (the built book holds nothing else)"
            ),
            outside.join("\n"),
        ));
    }
    let lines: Vec<&str> = text.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        let listing = line.starts_with("State ") && line.contains("Recv-Q");
        let marked = at >= 2
            && lines[at - 1].starts_with("```")
            && lines[at - 2].starts_with("<!-- checked: sockets ");
        if listing && !marked {
            return Err(Failure::new(
                format!(
                    "{name}:{}: an `ss -tan` listing under `<!-- checked: sockets STEM MOMENT -->`",
                    at + 1
                ),
                line.to_string(),
            ));
        }
    }
    if lang == Lang::Zh {
        hard_wraps(&name, text)?;
    }
    Ok(())
}

/// Whether a character is Chinese, or Chinese punctuation.
fn chinese(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303f | 0x3400..=0x9fff | 0xff00..=0xffef | 0x2014 | 0x2026 | 0x201c | 0x201d)
}

/// Whether a line begins a block of its own rather than going on with a paragraph.
fn begins_a_block(line: &str) -> bool {
    let line = line.trim_start();
    let numbered = line.split_once(". ").is_some_and(|(number, _)| {
        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
    });
    numbered
        || ["#", "- ", "* ", "+ ", "|", ">", "<", "```", "!["]
            .iter()
            .any(|start| line.starts_with(start))
}

/// A Chinese paragraph is one line: a browser shows a line break inside it as a space
/// (知道客户端 什么时候走了), which Chinese does not have.
fn hard_wraps(name: &str, text: &str) -> Outcome {
    // The paragraphs, as their lines with their numbers: a block's first line, and the
    // lines that go on with it.
    let mut paragraphs: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut fenced = false;
    let mut open = false;
    for (at, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            open = false;
            continue;
        }
        if fenced || line.trim().is_empty() {
            open = false;
            continue;
        }
        let goes_on = open
            && !begins_a_block(line)
            && paragraphs
                .last()
                .and_then(|paragraph| paragraph.last())
                .is_some_and(|(_, before)| !before.trim_start().starts_with('<'));
        if goes_on {
            if let Some(paragraph) = paragraphs.last_mut() {
                paragraph.push((at + 1, line));
            }
        } else {
            paragraphs.push(vec![(at + 1, line)]);
        }
        open = true;
    }
    let wraps: Vec<String> = paragraphs
        .iter()
        .filter(|lines| lines.len() > 1)
        .filter(|lines| lines.iter().any(|(_, line)| line.chars().any(chinese)))
        .map(|lines| {
            let shown: Vec<&str> = lines.iter().map(|(_, line)| line.trim()).collect();
            format!("{}: {}", lines[0].0, shown.join("⏎"))
        })
        .collect();
    if wraps.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            format!("{name}: Chinese paragraphs on one line each"),
            wraps.join("\n"),
        ))
    }
}

/// Each language's SUMMARY lists every program of the table, in the table's order
/// (the order they are taught), then the pages that are no lesson; every lesson that has
/// a page has its entry.
#[test]
fn the_summary_lists_every_lesson_in_teaching_order() -> Outcome {
    let lessons: Vec<&str> = socket_workbook::lessons::LESSONS
        .iter()
        .map(|lesson| lesson.name)
        .collect();
    for lang in Lang::BOTH {
        let listed = summary(lang)?;
        let in_order: Vec<&str> = listed
            .iter()
            .map(String::as_str)
            .filter(|stem| lessons.contains(stem))
            .collect();
        if in_order != lessons {
            return Err(Failure::new(
                format!(
                    "docs/{}/SUMMARY.md: the lessons of the table, in its order\n{}",
                    lang.dir(),
                    lessons.join("\n")
                ),
                in_order.join("\n"),
            ));
        }
        let others: Vec<&str> = listed
            .iter()
            .map(String::as_str)
            .filter(|stem| !lessons.contains(stem))
            .collect();
        let mut wanted = OTHER_PAGES.to_vec();
        wanted.sort_unstable();
        let mut found = others.clone();
        found.sort_unstable();
        if found != wanted {
            return Err(Failure::new(
                format!(
                    "docs/{}/SUMMARY.md: besides the lessons, {}",
                    lang.dir(),
                    OTHER_PAGES.join(", ")
                ),
                others.join(", "),
            ));
        }
        for (stem, _) in pages() {
            if !listed.iter().any(|listed| listed == stem) {
                return Err(Failure::new(
                    format!("docs/{}/SUMMARY.md: an entry `{stem}.md`", lang.dir()),
                    "none".into(),
                ));
            }
        }
    }
    Ok(())
}

/// Every SUMMARY entry is a page, or a page that another change of this merge writes:
/// a lesson whose table entry has no page yet, or the instructors' guide.
#[test]
fn every_summary_entry_is_a_page_or_one_to_come() -> Outcome {
    let to_come = |stem: &str| {
        TO_COME.contains(&stem)
            || socket_workbook::lessons::LESSONS
                .iter()
                .any(|lesson| lesson.name == stem && lesson.page.is_none())
    };
    for lang in Lang::BOTH {
        let missing: Vec<String> = summary(lang)?
            .into_iter()
            .filter(|stem| !page_path(lang, stem).exists() && !to_come(stem))
            .collect();
        if !missing.is_empty() {
            return Err(Failure::new(
                format!("docs/{}/SUMMARY.md: entries whose pages exist", lang.dir()),
                missing.join("\n"),
            ));
        }
    }
    Ok(())
}

/// The pages that are no lesson (the home page, the exercises, the glossary, the
/// summary, the instructors' guide) link their other language and files the book holds.
#[test]
fn the_other_pages_link_their_translation_and_files_the_book_holds() -> Outcome {
    for lang in Lang::BOTH {
        for stem in OTHER_PAGES {
            let path = page_path(lang, stem);
            if TO_COME.contains(&stem) && !path.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|error| {
                Failure::new(format!("to read {}", path.display()), error.to_string())
            })?;
            check_in_book(&path, lang, stem, &text)?;
        }
    }
    Ok(())
}

/// No Chinese page, whoever wrote it, breaks a line inside a paragraph.
#[test]
fn chinese_paragraphs_are_not_hard_wrapped() -> Outcome {
    let dir = Path::new(DOCS).join("zh");
    let entries = std::fs::read_dir(&dir)
        .map_err(|error| Failure::new(format!("to list {}", dir.display()), error.to_string()))?;
    let mut failures = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "md") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let name = format!("docs/zh/{}", entry.file_name().to_string_lossy());
            if let Err(failure) = hard_wraps(&name, &text) {
                failures.push(failure.to_string());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

/// The check of hard wraps finds a line break between Chinese words, and only inside a
/// paragraph.
#[test]
fn a_hard_wrap_is_found_inside_a_paragraph_only() {
    assert!(hard_wraps("x", "知道客户端\n什么时候走了\n").is_err());
    assert!(hard_wraps("x", "1. 运行\n   `--fixed` 一次\n").is_err());
    assert!(hard_wraps("x", "知道客户端什么时候走了\n\n下一段\n").is_ok());
    assert!(hard_wraps("x", "- 一\n- 二\n1. 三\n| 表 |\n").is_ok());
    assert!(hard_wraps("x", "```text\n终端 1\n终端 2\n```\n").is_ok());
    assert!(hard_wraps("x", "English lines\nmay wrap\n").is_ok());
}

/// The built books (`.ci/book` builds them into target/book) link only files that
/// exist: every `href` and `src` of every page, but those to the network and to a
/// place in the same page.
#[test]
#[ignore = "run by .ci/book, after mdbook build"]
fn the_built_books_link_only_files_that_exist() -> Outcome {
    let root = resolve(Path::new(DOCS), "../target/book/docs");
    let mut broken = Vec::new();
    let mut pages = 0;
    for lang in Lang::BOTH {
        let dir = root.join(lang.dir());
        let entries = std::fs::read_dir(&dir).map_err(|error| {
            Failure::new(
                format!("a built book in {} (run .ci/book)", dir.display()),
                error.to_string(),
            )
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|ext| ext != "html") {
                continue;
            }
            pages += 1;
            let html = std::fs::read_to_string(&path).unwrap_or_default();
            for attribute in ["href=\"", "src=\""] {
                for (at, _) in html.match_indices(attribute) {
                    let value = html[at + attribute.len()..].split('"').next().unwrap_or("");
                    let target = value.split(['#', '?']).next().unwrap_or("");
                    if target.is_empty()
                        || target.contains("://")
                        || target.starts_with("mailto:")
                        || target.starts_with("javascript:")
                        || target.starts_with("data:")
                    {
                        continue;
                    }
                    if !resolve(&dir, target).exists() {
                        broken.push(format!(
                            "docs/{}/{}: {value}",
                            lang.dir(),
                            entry.file_name().to_string_lossy()
                        ));
                    }
                }
            }
        }
    }
    if pages < 2 * OTHER_PAGES.len() {
        return Err(Failure::new(
            "the pages of both books in target/book/docs (run .ci/book)".into(),
            format!("{pages} pages"),
        ));
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            "links to files that exist".into(),
            broken.join("\n"),
        ))
    }
}

/// The exercises' page, in both languages, names every exercise of the table: its key
/// in the table's order, and its starter file.
#[test]
fn the_exercises_page_names_every_exercise() -> Outcome {
    for lang in Lang::BOTH {
        let path = page_path(lang, "exercises");
        let text = std::fs::read_to_string(&path).map_err(|error| {
            Failure::new(format!("to read {}", path.display()), error.to_string())
        })?;
        let rows: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with("| `"))
            .collect();
        let exercises: Vec<_> = socket_workbook::lessons::LESSONS
            .iter()
            .filter_map(|lesson| lesson.exercise.as_ref())
            .collect();
        let named = rows.len() == exercises.len()
            && rows.iter().zip(&exercises).all(|(row, exercise)| {
                row.starts_with(&format!("| `{}` |", exercise.key))
                    && row.contains(&format!("(../../examples/{}.rs)", exercise.file))
            });
        if !named {
            let keys: Vec<&str> = exercises.iter().map(|exercise| exercise.key).collect();
            return Err(Failure::new(
                format!(
                    "docs/{}/exercises.md: a row per exercise, in order: {}",
                    lang.dir(),
                    keys.join(", ")
                ),
                rows.join("\n"),
            ));
        }
    }
    Ok(())
}

/// The home page's table of the whole lesson, in both languages, quotes each step's
/// example: its Python is in the example's `// Python:` comments and its Rust in its
/// code (compared without spaces, a `let …=` before it and the `?;` after it).
#[test]
fn the_home_page_quotes_each_step() -> Outcome {
    let bare = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    for lang in Lang::BOTH {
        let path = page_path(lang, "index");
        let text = std::fs::read_to_string(&path).map_err(|error| {
            Failure::new(format!("to read {}", path.display()), error.to_string())
        })?;
        let mut rows = 0;
        for row in text.lines().filter(|line| line.starts_with("| [")) {
            let Some(stem) = row
                .split("](")
                .nth(1)
                .and_then(|rest| rest.split(".md)").next())
            else {
                continue;
            };
            let source = bare(&super::example_source(stem)?);
            let cells: Vec<&str> = row.split(" | ").collect();
            let quoted = cells
                .iter()
                .skip(1)
                .take(2)
                .flat_map(|cell| cell.split('`').skip(1).step_by(2));
            for code in quoted {
                let code = code.trim_end_matches(';').trim_end_matches('?');
                let code = match code.strip_prefix("let ") {
                    Some(rest) => rest.split_once(" = ").map_or(rest, |(_, value)| value),
                    None => code,
                };
                if !source.contains(&bare(code)) {
                    return Err(Failure::new(
                        format!("docs/{}/index.md: code of examples/{stem}.rs", lang.dir()),
                        code.to_string(),
                    ));
                }
            }
            rows += 1;
        }
        if rows != 7 {
            return Err(Failure::new(
                format!(
                    "docs/{}/index.md: a row for each of the 7 steps",
                    lang.dir()
                ),
                rows.to_string(),
            ));
        }
    }
    Ok(())
}
