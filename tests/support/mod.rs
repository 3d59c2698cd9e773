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

/// The built example that plays `lesson`, with the features of this test binary.
pub fn executable(lesson: &str) -> PathBuf {
    executable_with_features(lesson, &features())
}

/// The built example that plays `lesson`, built with `features`.
///
/// The first call for a set of features builds every example of the workbook at once,
/// in one `cargo build --examples` (one Cargo, its jobs in parallel), and later calls
/// only look the program up: one Cargo per example would cost a fraction of a second
/// each even when nothing changed, and build them one after another after a clone.
pub fn executable_with_features(lesson: &str, features: &[&str]) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, HashMap<String, PathBuf>>>> = OnceLock::new();
    let name = program_name(lesson);
    let features = features.join(",");
    // One build at a time: parallel tests would only queue on Cargo's lock.
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let examples = built
        .entry(features.clone())
        .or_insert_with(|| build_examples(&features));
    examples.get(&name).cloned().unwrap_or_else(|| {
        panic!(
            "`{name}` is no example built with the features `{features}` (its \
             required-features in Cargo.toml may be off)"
        )
    })
}

/// Builds every example the features allow, in one Cargo run: their executables by name.
fn build_examples(features: &str) -> HashMap<String, PathBuf> {
    let mut build = escargot::CargoBuild::new()
        .package("socket-workbook")
        .examples()
        .manifest_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"));
    if !features.is_empty() {
        build = build.features(features);
    }
    let messages = build
        .exec()
        .unwrap_or_else(|error| panic!("could not build the examples: {error}"));
    let mut examples = HashMap::new();
    for message in messages {
        let message =
            message.unwrap_or_else(|error| panic!("could not build the examples: {error}"));
        if let Ok(escargot::format::Message::CompilerArtifact(artifact)) = message.decode() {
            if let Some(path) = artifact.executable {
                examples.insert(artifact.target.name.to_string(), path.to_path_buf());
            }
        }
    }
    examples
}

/// The features an example needs (its `required-features` in the workbook's
/// Cargo.toml): `step10_nonblocking` needs `nonblocking`. Its checks run only in a test
/// run built with them (`cargo test --all-features`).
#[allow(dead_code)] // tests/lessons asks; tests/workbook has no lesson to skip.
pub fn required_features(example: &str) -> Vec<String> {
    static MANIFEST: &str = include_str!("../../Cargo.toml");
    let mut current: Option<&str> = None;
    for line in MANIFEST.lines().map(str::trim) {
        if line.starts_with('[') {
            current = None;
        } else if let Some(name) = line.strip_prefix("name = ") {
            current = Some(name.trim_matches('"'));
        } else if let Some(list) = line.strip_prefix("required-features = ") {
            if current == Some(example) {
                return list
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(|feature| feature.trim().trim_matches('"').to_string())
                    .filter(|feature| !feature.is_empty())
                    .collect();
            }
        }
    }
    Vec::new()
}

/// Whether this test run was built with every feature `example` needs.
#[allow(dead_code)] // tests/lessons asks; tests/workbook has no lesson to skip.
pub fn can_build(example: &str) -> bool {
    let on = features();
    required_features(example)
        .iter()
        .all(|feature| on.contains(&feature.as_str()))
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
