//! The README's sample output is what the programs print: each transcript on the page
//! is checked against a real run here, never pasted by hand.

use std::net::SocketAddr;

use crate::check::{Failure, Outcome};
use crate::support::program;

/// The README's `text` blocks that show a server's output (they begin with its
/// readiness line).
fn transcripts() -> Vec<String> {
    let readme = include_str!("../../README.md");
    readme
        .split("```text\n")
        .skip(1)
        .filter_map(|block| block.split_once("```").map(|(body, _)| body))
        .filter(|body| body.starts_with("listening on "))
        .map(str::to_string)
        .collect()
}

/// What the page shows for a run, with the addresses the page uses.
fn as_on_the_page(stdout: &str, server: SocketAddr, client: SocketAddr) -> String {
    stdout
        .replace(&server.to_string(), "127.0.0.1:8888")
        .replace(&client.to_string(), "127.0.0.1:53422")
}

/// Compares a run with the README's transcript that contains `marker`.
fn matches_the_page(marker: &str, shown: String) -> Outcome {
    let on_page = transcripts()
        .into_iter()
        .find(|transcript| transcript.contains(marker))
        .ok_or_else(|| {
            Failure::new(
                format!("a README transcript with `{marker}`"),
                "none".into(),
            )
        })?;
    if on_page != shown {
        return Err(Failure::new(
            format!("the README's transcript:\n{on_page}"),
            format!("this run:\n{shown}"),
        ));
    }
    Ok(())
}

/// The README's step 5 transcript: a client sends `hello`, then `exit`.
#[test]
fn the_step5_transcript_is_real() -> Outcome {
    let mut server = program("step5_recv").start()?;
    let mut client = server.connect()?;
    let (addr, peer) = (server.addr, client.local_addr());
    client.send("hello\n")?;
    server.expect_line("received 6 bytes")?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    let run = server.finish()?;
    run.success()?;
    matches_the_page(
        "received 6 bytes",
        as_on_the_page(&run.stdout(), addr, peer),
    )
}

/// The README's 示例2 transcript: the lesson's 运行结果, then the client's `exit`.
#[test]
fn the_example2_transcript_is_real() -> Outcome {
    let mut server = program("example2_server").start()?;
    let mut client = server.connect()?;
    let (addr, peer) = (server.addr, client.local_addr());
    client.send("保持连接\n")?;
    server.expect_prompt("type a reply: ")?;
    server.type_line("保持连接");
    client.read_line()?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    let run = server.finish()?;
    run.success()?;
    // What a terminal shows: the reply you type, after the prompt that waits for it.
    let shown = run
        .stdout()
        .replacen("type a reply: ", "type a reply: 保持连接\n", 1);
    matches_the_page("received: 保持连接", as_on_the_page(&shown, addr, peer))
}

/// Every `pitfall_*` named in a comment of an example, in the library or in the README
/// is a pitfall of the table of lessons, and the README's lab runs each of them.
#[test]
fn pitfall_names_in_comments_and_readme_are_real_pitfalls() {
    use socket_workbook::lessons::{Family, LESSONS};
    let pitfalls: Vec<&str> = LESSONS
        .iter()
        .filter(|lesson| lesson.family == Family::Pitfall)
        .map(|lesson| lesson.name)
        .collect();
    let root = std::path::Path::new(crate::support::ROOT);
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["examples", "src", "src/text"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.push(root.join("README.md"));
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text.match_indices("pitfall_") {
            // A name starts here, not inside a longer word (`every_pitfall_has`).
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `pitfall_*` and `pitfall_<name>` speak of the family, not of one.
            if name == "pitfall_" {
                continue;
            }
            assert!(
                pitfalls.contains(&name.as_str()),
                "{} names `{name}`, which is not a pitfall of the lab",
                file.display()
            );
        }
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert_eq!(pitfalls.len(), 12, "{pitfalls:?}");
    for pitfall in pitfalls {
        assert!(
            root.join("examples").join(format!("{pitfall}.rs")).exists(),
            "{pitfall}"
        );
        assert!(
            readme.contains(&format!("cargo run --example {pitfall}")),
            "the README does not run {pitfall}"
        );
    }
}

/// Each book carries its own copy of the search box and layout script (mdBook copies
/// `additional-js` and `additional-css` only from inside a book's folder): the two
/// copies stay one file, and a fix to one reaches both.
#[test]
fn both_books_carry_the_same_script_and_style() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    for file in ["wb/workbook.js", "wb/workbook.css"] {
        let read = |lang: &str| {
            std::fs::read(docs.join(lang).join(file))
                .unwrap_or_else(|error| panic!("docs/{lang}/{file}: {error}"))
        };
        assert!(
            read("en") == read("zh"),
            "docs/en/{file} and docs/zh/{file} differ: copy the one you changed over the other"
        );
    }
}
