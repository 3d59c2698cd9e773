//! The saved progress: what `list` needs of each exercise's last report, kept in the
//! workbook's target folder with a fingerprint of what decided it, so that `list`
//! answers without checking again until the file, the checks or the checker change.

use serde_json::{Value, json};

use workbook_checker::exercise::Assignment;

use crate::options::Playing;
use crate::report::Report;

/// What `list` needs of a report, saved so that it can answer without checking again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Saved {
    /// The file's fingerprint when it was checked.
    pub(crate) fingerprint: String,
    pub(crate) passed: bool,
    pub(crate) compiles: bool,
    pub(crate) missing: bool,
    /// The first behaviour that failed.
    pub(crate) first_failure: Option<String>,
    pub(crate) score: u32,
    pub(crate) max_score: u32,
}

/// Where results are saved: the workbook's target folder (next to the examples).
fn results_file() -> std::path::PathBuf {
    let examples = workbook_checker::exercise::examples_dir();
    let base = examples
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    base.join("target").join("socket-workbook-results.json")
}

/// A fingerprint of what decides a result: the file's bytes, the checker's version and
/// the exercise's checks with their weights.
pub(crate) fn fingerprint(exercise: &Assignment) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes.iter().chain(&[0]) {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(&std::fs::read(exercise.path()).unwrap_or_default());
    feed(env!("CARGO_PKG_VERSION").as_bytes());
    feed(exercise.lesson.as_bytes());
    for behaviour in exercise.checks {
        feed(format!("{}={}", behaviour.name, behaviour.weight).as_bytes());
    }
    // The lesson's library and the checker themselves: a rebuilt checker checks again.
    if let Ok(modified) = std::env::current_exe()
        .and_then(std::fs::metadata)
        .and_then(|metadata| metadata.modified())
    {
        feed(format!("{modified:?}").as_bytes());
    }
    format!("{hash:016x}")
}

/// Every saved result, by exercise key.
pub(crate) fn saved_results() -> std::collections::HashMap<String, Saved> {
    let text = std::fs::read_to_string(results_file()).unwrap_or_default();
    let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let mut saved = std::collections::HashMap::new();
    if let Some(object) = value.as_object() {
        for (key, result) in object {
            saved.insert(
                key.clone(),
                Saved {
                    fingerprint: result["fingerprint"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    passed: result["passed"] == true,
                    compiles: result["compiles"] == true,
                    missing: result["missing"] == true,
                    first_failure: result["first_failure"].as_str().map(str::to_string),
                    score: result["score"].as_u64().unwrap_or(0) as u32,
                    max_score: result["max_score"].as_u64().unwrap_or(0) as u32,
                },
            );
        }
    }
    saved
}

/// Saves the result of a report of a student's exercise, for `list`.
pub(crate) fn save_result(report: &Report, playing: Playing<'_>) {
    if !matches!(playing, Playing::Exercise) {
        return;
    }
    let saved = Saved {
        fingerprint: fingerprint(&report.exercise),
        passed: report.passed(),
        compiles: report.build_errors.is_none(),
        missing: report.missing,
        first_failure: report.first_failure().map(|(name, _)| name.to_string()),
        score: report.score(),
        max_score: report.max_score(),
    };
    let mut all = saved_results();
    all.insert(report.exercise.key.to_string(), saved);
    let object: serde_json::Map<String, Value> = all
        .into_iter()
        .map(|(key, saved)| {
            (
                key,
                json!({
                    "fingerprint": saved.fingerprint,
                    "passed": saved.passed,
                    "compiles": saved.compiles,
                    "missing": saved.missing,
                    "first_failure": saved.first_failure,
                    "score": saved.score,
                    "max_score": saved.max_score,
                }),
            )
        })
        .collect();
    let file = results_file();
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Another checker may save at the same time: write aside, then rename over.
    let aside = file.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&aside, Value::Object(object).to_string()).is_ok() {
        let _ = std::fs::rename(&aside, &file);
    }
}
