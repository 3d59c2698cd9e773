//! Every behaviour of every lesson, one test each, made from the one table of lessons
//! (`src/lessons/table.rs`): the same checks that `cargo run -- check` runs on a
//! student's exercise, here run against the reference examples. A test is named
//! `LESSON::BEHAVIOUR`, so `cargo test step4` runs step 4's.
//!
//! The table is a `const`, which `#[test]` functions cannot be generated from, so this
//! binary has its own harness (libtest-mimic): the same output, filters and flags as
//! the built-in one. `WORKBOOK_UNDER_TEST=exercise` points it at the exercises.

use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};
use workbook_checker::check;
use workbook_checker::lessons::LESSONS;

#[path = "../support/mod.rs"]
#[allow(dead_code)] // The other test binary uses the rest of the harness.
mod support;

fn main() -> ExitCode {
    let mut arguments = Arguments::from_args();
    // The built-in harness reads RUST_TEST_THREADS (set in .cargo/config.toml); do the same.
    if arguments.test_threads.is_none() {
        arguments.test_threads = std::env::var("RUST_TEST_THREADS")
            .ok()
            .and_then(|threads| threads.parse().ok());
    }
    let trials = LESSONS
        .iter()
        .flat_map(|lesson| {
            lesson.checks.iter().map(move |behaviour| {
                let (name, check) = (lesson.name, behaviour.check);
                Trial::test(format!("{name}::{}", behaviour.name), move || {
                    let program = support::program(name);
                    check(&program).map_err(|failure| Failed::from(failure.to_string()))
                })
            })
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit_code()
}
