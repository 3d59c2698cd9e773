//! The harness of both test binaries: which program plays each lesson, built through
//! Cargo once per run, and the checker.
//!
//! Which program plays a lesson is decided in one place, [`program_name`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::check::{DEADLINE, Program};

/// The workbook's folder: the tests are a package of their own in `tests/`.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Chooses the program under test. `WORKBOOK_UNDER_TEST=exercise` points the same
/// tests at the student's exercise of the step (`step4_accept` → `exercise4_accept`).
pub const UNDER_TEST_VAR: &str = "WORKBOOK_UNDER_TEST";

/// The example target that plays `lesson` in this run.
pub fn program_name(lesson: &str) -> String {
    match std::env::var(UNDER_TEST_VAR).as_deref() {
        Ok("exercise") => {
            match socket_workbook::lessons::by_name(lesson).and_then(|l| l.exercise) {
                Some(exercise) => exercise.file.to_string(),
                None => lesson.to_string(),
            }
        }
        _ => lesson.to_string(),
    }
}

/// The built example that plays `lesson`, built through Cargo once per test run, with
/// the features of this test binary.
pub fn executable(lesson: &str) -> PathBuf {
    executable_with_features(lesson, &features())
}

/// The built example that plays `lesson`, built with `features` through Cargo once per
/// test run.
pub fn executable_with_features(lesson: &str, features: &[&str]) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let name = program_name(lesson);
    let features = features.join(",");
    let key = format!("{name} {features}");
    // One build at a time: parallel tests would only queue on Cargo's lock.
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(path) = built.get(&key) {
        return path.clone();
    }
    let mut build = escargot::CargoBuild::new()
        .package("socket-workbook")
        .example(&name)
        .manifest_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"));
    if !features.is_empty() {
        build = build.features(&features);
    }
    let run = build
        .run()
        .unwrap_or_else(|error| panic!("could not build example `{name}`: {error}"));
    let path = run.path().to_path_buf();
    built.insert(key, path.clone());
    path
}

/// The checker (`cargo run -- …`), built through Cargo once per test run: it is the
/// binary of another package of the workspace, so `CARGO_BIN_EXE_*` does not name it.
pub fn checker() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let mut build = escargot::CargoBuild::new()
                .package("workbook-checker")
                .bin("workbook-checker")
                .manifest_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"));
            if cfg!(feature = "file-events") {
                build = build.features("workbook-checker/file-events");
            }
            build
                .run()
                .unwrap_or_else(|error| panic!("could not build the checker: {error}"))
                .path()
                .to_path_buf()
        })
        .clone()
}

/// The optional features this test binary was built with (`--features`,
/// `--all-features`). The ladder's examples are built with the same, so that Cargo
/// builds the library once for both.
pub fn features() -> Vec<&'static str> {
    let mut features = Vec::new();
    if cfg!(feature = "nonblocking") {
        features.push("nonblocking");
    }
    if cfg!(feature = "async") {
        features.push("async");
    }
    if cfg!(feature = "loadgen") {
        features.push("loadgen");
    }
    if cfg!(feature = "ladder") {
        features.push("ladder");
    }
    features
}

/// The program that plays a ladder example, built with this run's features.
pub fn ladder_program(example: &str) -> Program {
    Program::executable(example, executable_with_features(example, &features()))
}

/// The program that plays `lesson`, for the checks; the other programs a check needs
/// (the workbook's `client`) are found the same way.
pub fn program(lesson: &str) -> Program {
    Program::executable(lesson, executable(lesson)).others(program)
}

/// A one-shot run of `lesson` for assert_cmd, in English whatever the machine's
/// locale, ended by the harness's deadline.
pub fn run(lesson: &str) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(program(lesson).command());
    command.timeout(DEADLINE);
    command
}
