//! The checker (`cargo run -- …`): what it says about a program that passes, one that
//! fails, and its other commands. These tests never read the exercise files, which
//! belong to the student: a failing program is a lesson checked against the checks of
//! the next one (`--program`).

use std::path::PathBuf;

use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

use crate::check::{DEADLINE, Outcome, Program};

/// The checker, with room for the builds it asks Cargo for.
fn checker() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(
        Program::executable("workbook-checker", crate::support::checker()).command(),
    );
    command.timeout(DEADLINE * 6);
    command
}

/// How many checks the table gives `lesson`.
fn checks_of(lesson: &str) -> usize {
    workbook_checker::lessons::behaviours(lesson).len()
}

/// The checker's last line for a lesson that passes all of its checks.
fn passes_all(lesson: &str) -> String {
    format!("{lesson} passes all {} checks", checks_of(lesson))
}

/// A fresh folder for one test, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path =
            std::env::temp_dir().join(format!("socket-workbook-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// With no arguments, it says where to begin.
#[test]
fn it_says_where_to_begin() {
    checker()
        .assert()
        .success()
        .stdout(contains("cargo run --example step1_create").and(contains("cargo run -- check 4")));
}

/// A program that does what the lesson does passes, and the next exercise is named.
#[test]
fn a_finished_lesson_passes_its_checks() {
    checker()
        .args(["check", "4", "--reference"])
        .assert()
        .success()
        .stdout(contains("ok      accepts one client, prints its address"))
        .stdout(contains(passes_all("step4_accept")))
        .stdout(contains("next: `cargo run -- check 5`"));
}

/// A program that fails gets the first failure told in full: what was expected, what
/// happened, what the check did, what the program printed, what to write.
#[test]
fn the_first_failure_is_explained() {
    checker()
        .args(["check", "5", "--program", "step4_accept"])
        .assert()
        .code(1)
        .stdout(contains(
            "FAILED  prints each read with its size, quoted and decoded",
        ))
        .stdout(contains(
            "expected: a line that shows the message as it was received, \"hello\\n\", and its size, 6 bytes",
        ))
        .stdout(contains(
            "found: the program ended first, with exit status 0",
        ))
        .stdout(contains(
            "what the check did:\n  - started `step4_accept 127.0.0.1:",
        ))
        .stdout(contains("  | accepted connection from 127.0.0.1:"))
        .stdout(contains("what to write: Receive in a loop"))
        .stdout(contains("more help: `cargo run -- hint 5`"))
        .stdout(contains(format!(
            "{} more not checked",
            checks_of("step5_recv") - 1
        )));
}

/// In Chinese too.
#[test]
fn the_checker_speaks_chinese() {
    checker()
        .args(["check", "5", "--program", "step4_accept", "--lang", "zh"])
        .assert()
        .code(1)
        .stdout(
            contains("未通过")
                .and(contains("预期："))
                .and(contains("要写什么：循环接收")),
        );
}

/// `--format json`: one document, every behaviour checked, for grading scripts.
#[test]
fn json_for_grading_scripts() {
    let output = checker()
        .args([
            "check",
            "5",
            "--program",
            "step4_accept",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["summary"],
        serde_json::json!({"exercises": 1, "passed": 0})
    );
    let exercise = &report["exercises"][0];
    assert_eq!(exercise["lesson"], "step5_recv");
    assert_eq!(exercise["program"], "step4_accept");
    assert_eq!(exercise["compiles"], true);
    let behaviours = exercise["behaviours"].as_array().unwrap();
    assert_eq!(
        behaviours.len(),
        exercise["checks"].as_u64().unwrap() as usize
    );
    assert!(
        behaviours
            .iter()
            .all(|b| b["status"] == "failed" || b["status"] == "passed")
    );
    let first = &behaviours[0];
    assert_eq!(first["name"], "prints_each_read_decoded");
    assert!(
        first["failure"]["expected"]
            .as_str()
            .unwrap()
            .starts_with("a line that shows the message")
    );
    assert!(first["failure"]["did"].as_array().unwrap().len() >= 2);
}

/// A name that is no exercise is a usage error.
#[test]
fn an_unknown_exercise_exits_2() {
    checker()
        .args(["check", "42"])
        .assert()
        .code(2)
        .stderr(contains("no exercise `42`"));
}

/// `hint` says what to write, the Python line, and what the checks expect.
#[test]
fn a_hint_says_what_to_write() {
    checker()
        .args(["hint", "4"])
        .assert()
        .success()
        .stdout(contains(
            "what to write: Accept one client: `server.accept()`",
        ))
        .stdout(contains("Python: conn, address = socket_server.accept()"))
        .stdout(contains("what the checks expect:\n  - accepts one client"));
}

/// `reset` asks first, and keeps the file unless told yes.
#[test]
fn reset_asks_before_it_restores_the_starter() {
    let folder = Folder::new("reset");
    let file = folder.0.join("exercise4_accept.rs");
    std::fs::write(&file, "my work\n").unwrap();
    checker()
        .args(["reset", "4"])
        .env("WORKBOOK_EXAMPLES_DIR", &folder.0)
        .write_stdin("n\n")
        .assert()
        .success()
        .stdout(contains("kept"))
        .stderr(contains("restore").and(contains("[y/N]")));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my work\n");
    checker()
        .args(["reset", "4"])
        .env("WORKBOOK_EXAMPLES_DIR", &folder.0)
        .write_stdin("y\n")
        .assert()
        .success()
        .stdout(contains("restored"));
    let starter = std::fs::read_to_string(&file).unwrap();
    assert!(starter.starts_with("//! Exercise 4: write the new part of `step4_accept` yourself."));
    assert!(starter.contains("TODO (exercise 4)"));
}

/// `watch` checks, then checks again when the file is saved.
#[test]
fn watch_checks_again_when_the_file_is_saved() -> Outcome {
    let folder = Folder::new("watch");
    let file = folder.0.join("step4_accept.rs");
    std::fs::write(&file, "one\n").unwrap();
    let checker =
        Program::executable("workbook-checker", crate::support::checker()).deadline(DEADLINE * 3);
    let mut watch = checker
        .launch()
        .args(["watch", "4", "--reference", "--poll-ms", "20"])
        .env("WORKBOOK_EXAMPLES_DIR", &folder.0.to_string_lossy())
        .spawn()?;
    watch.expect_line("checking step4_accept")?;
    watch.expect_line("watching")?;
    // A save that changes the size, so that even a coarse file clock sees it.
    std::fs::write(&file, "one, two\n").unwrap();
    watch.expect_line("checking step4_accept")?;
    watch.expect_line(&passes_all("step4_accept"))?;
    Ok(())
}
