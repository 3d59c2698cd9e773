//! What `grade` writes and prints once every submission is checked: per student
//! `EXERCISE.json` and Gradescope's `results.json`, the class's `summary.csv`,
//! `junit.xml` and `similar.csv`, and a table of the class.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};
use socket_workbook::outln;

use workbook_checker::exercise::Assignment;
use workbook_checker::text::exercises as text;

use super::{Submission, Timings};
use crate::similar;

/// Writes every output file into `out`, then prints the class's table, the most alike
/// pairs and the closing lines.
pub(super) fn write_and_print(
    out: &Path,
    submissions: &[Submission],
    students: &[String],
    chosen: &[Assignment],
    isolated: bool,
    timings: &Timings,
) -> ExitCode {
    if let Err(error) = write_outputs(out, submissions, students, chosen) {
        errln!(
            "{}: {error}",
            text::grade_unwritable(&out.display().to_string())
        );
        return ExitCode::FAILURE;
    }
    let pairs = similar_pairs(submissions);
    let _ = write_similar(out, &pairs);
    print_table(submissions, students, chosen);
    outln!();
    if !pairs.is_empty() {
        outln!("{}", text::grade_similar_heading());
        for (alike, key, a, b) in pairs.iter().take(5) {
            outln!("  {:>5.1}%  {key:<12} {a} / {b}", alike * 100.0);
        }
        outln!();
    }
    if !isolated {
        outln!("{}", text::grade_not_isolated());
    }
    outln!(
        "{}",
        text::grade_done(
            submissions.len(),
            students.len(),
            chosen.len(),
            timings.started.elapsed().as_secs_f64(),
            timings.build_seconds,
            timings.check_seconds,
            timings.jobs
        )
    );
    outln!("{}", text::grade_written(&out.display().to_string()));
    ExitCode::SUCCESS
}

/// The verdict of a report: `pass`, `fail` or `missing`.
fn verdict(report: &Value) -> &'static str {
    if report["missing"] == true {
        "missing"
    } else if report["passed"] == true {
        "pass"
    } else {
        "fail"
    }
}

/// A failed behaviour's account, as text for a student.
fn account(behaviour: &Value) -> String {
    let failure = &behaviour["failure"];
    let mut text = String::new();
    let field = |name: &str| failure[name].as_str().unwrap_or_default().to_string();
    text.push_str(&format!(
        "expected: {}\nfound: {}\n",
        field("expected"),
        field("found")
    ));
    if !field("command").is_empty() {
        text.push_str(&format!("started: {}\n", field("command")));
    }
    for did in failure["did"].as_array().into_iter().flatten() {
        text.push_str(&format!("- {}\n", did.as_str().unwrap_or_default()));
    }
    for (label, name) in [("stdout", "stdout"), ("stderr", "stderr")] {
        let output = field(name);
        if !output.trim().is_empty() {
            text.push_str(&format!("{label}:\n{output}\n"));
        }
    }
    text
}

/// The first error of a build, for a short account.
fn build_summary(report: &Value) -> String {
    let errors = report["build_errors"].as_str().unwrap_or_default();
    crate::compile::first_error(errors)
}

/// Writes every output file.
fn write_outputs(
    out: &Path,
    submissions: &[Submission],
    students: &[String],
    chosen: &[Assignment],
) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut csv = String::from("student,exercise,verdict,score,max_score,seconds,flags\n");
    let mut junit = String::new();
    let mut suites = 0;
    let mut by_student: BTreeMap<&str, Vec<&Submission>> = BTreeMap::new();
    for submission in submissions {
        by_student
            .entry(&submission.student)
            .or_default()
            .push(submission);
    }
    for student in students {
        let dir = out.join(student);
        std::fs::create_dir_all(&dir)?;
        let mut tests = Vec::new();
        let mut score = 0u64;
        for submission in by_student.get(student.as_str()).into_iter().flatten() {
            let Some(report) = &submission.report else {
                continue;
            };
            let mut report = report.clone();
            report["flags"] = json!(submission.flags);
            std::fs::write(
                dir.join(format!("{}.json", submission.exercise.file)),
                serde_json::to_string_pretty(&report).unwrap_or_default(),
            )?;
            let key = submission.exercise.key;
            let verdict = verdict(&report);
            let seconds = report["seconds"].as_f64().unwrap_or(0.0);
            csv.push_str(&format!(
                "{},{},{},{},{},{:.3},{}\n",
                csv_field(student),
                key,
                verdict,
                report["score"].as_u64().unwrap_or(0),
                report["max_score"].as_u64().unwrap_or(0),
                seconds,
                csv_field(&submission.flags.join(";")),
            ));
            score += report["score"].as_u64().unwrap_or(0);
            suites += 1;
            let suite_name = xml(&format!("{student}/{key}"));
            let graded = graded_tests(submission, &report, &suite_name);
            tests.extend(graded.gradescope);
            let (cases, failures) = (graded.junit_cases, graded.failures);
            junit.push_str(&format!(
                "  <testsuite name=\"{suite_name}\" tests=\"{}\" failures=\"{failures}\" time=\"{seconds:.3}\">\n{cases}  </testsuite>\n",
                cases.lines().count()
            ));
        }
        let results = json!({ "score": score, "tests": tests });
        std::fs::write(
            dir.join("results.json"),
            serde_json::to_string_pretty(&results).unwrap_or_default(),
        )?;
    }
    let _ = (suites, chosen);
    std::fs::write(out.join("summary.csv"), csv)?;
    std::fs::write(
        out.join("junit.xml"),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"socket-workbook\">\n{junit}</testsuites>\n"
        ),
    )?;
    Ok(())
}

/// A CSV field, quoted when it must be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Text for XML, escaped; the characters XML 1.0 cannot hold are dropped.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\n' | '\t' | '\r' => escaped.push(c),
            c if (c as u32) < 0x20 => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// The pairs of submissions of one exercise, most alike first (starters and missing
/// files left out): (how alike, exercise, student, student).
fn similar_pairs(submissions: &[Submission]) -> Vec<(f64, &'static str, String, String)> {
    let mut pairs = Vec::new();
    let tokens: Vec<Option<Vec<String>>> = submissions
        .iter()
        .map(|submission| {
            let source = submission.source.as_deref()?;
            if submission.flags.contains(&"starter") {
                return None;
            }
            Some(similar::tokens(source))
        })
        .collect();
    for (at, a) in submissions.iter().enumerate() {
        for (later, b) in submissions.iter().enumerate().skip(at + 1) {
            if a.exercise.key != b.exercise.key {
                continue;
            }
            if let (Some(ta), Some(tb)) = (&tokens[at], &tokens[later]) {
                let alike = similar::similarity(ta, tb);
                pairs.push((alike, a.exercise.key, a.student.clone(), b.student.clone()));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0));
    pairs
}

/// `similar.csv`: every pair, most alike first.
fn write_similar(out: &Path, pairs: &[(f64, &str, String, String)]) -> std::io::Result<()> {
    let mut csv = String::from("exercise,student_a,student_b,similarity\n");
    for (alike, key, a, b) in pairs {
        csv.push_str(&format!(
            "{key},{},{},{alike:.3}\n",
            csv_field(a),
            csv_field(b)
        ));
    }
    std::fs::write(out.join("similar.csv"), csv)
}

/// The class table: one row per student, one column per exercise.
fn print_table(submissions: &[Submission], students: &[String], chosen: &[Assignment]) {
    let name_width = students
        .iter()
        .map(|student| student.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let cell = |submission: &Submission| -> String {
        let Some(report) = &submission.report else {
            return String::new();
        };
        let verdict = verdict(report);
        match verdict {
            "missing" => "missing".to_string(),
            _ => format!(
                "{verdict} {}/{}",
                report["score"].as_u64().unwrap_or(0),
                report["max_score"].as_u64().unwrap_or(0)
            ),
        }
    };
    let mut header = format!("{:<name_width$}", text::grade_student_column());
    for exercise in chosen {
        header.push_str(&format!("  {:<14}", exercise.key));
    }
    header.push_str("  flags");
    outln!("{header}");
    for student in students {
        let mut row = format!("{student:<name_width$}");
        let mut flags: Vec<&str> = Vec::new();
        for exercise in chosen {
            let found = submissions
                .iter()
                .find(|s| &s.student == student && s.exercise.key == exercise.key);
            let text = found.map(cell).unwrap_or_default();
            row.push_str(&format!("  {text:<14}"));
            if let Some(found) = found {
                for flag in &found.flags {
                    if *flag != "no-network-isolation" && !flags.contains(flag) {
                        flags.push(flag);
                    }
                }
            }
        }
        row.push_str("  ");
        row.push_str(&flags.join(" "));
        outln!("{}", row.trim_end());
    }
}

/// One submission's tests, for Gradescope's `results.json` and for `junit.xml`.
struct GradedTests {
    /// Gradescope's tests.
    gradescope: Vec<Value>,
    /// junit's `<testcase>` lines.
    junit_cases: String,
    /// How many of them failed.
    failures: usize,
}

/// The tests of one submission, whose report is `report`: one per behaviour, or one
/// for the whole exercise when there is nothing to run (a missing file, a failed build,
/// a worker that failed).
fn graded_tests(submission: &Submission, report: &Value, suite_name: &str) -> GradedTests {
    let key = submission.exercise.key;
    let verdict = verdict(report);
    let seconds = report["seconds"].as_f64().unwrap_or(0.0);
    let mut tests = Vec::new();
    let mut cases = String::new();
    let mut failures = 0;
    let max = report["max_score"].as_u64().unwrap_or(0);
    if verdict == "missing" || report["compiles"] == false || report["worker_error"].is_string() {
        let output = if verdict == "missing" {
            text::grade_missing(&format!("{}.rs", submission.exercise.file))
        } else if let Some(error) = report["worker_error"].as_str() {
            error.to_string()
        } else {
            text::grade_does_not_compile(&build_summary(report))
        };
        tests.push(json!({
            "name": format!("{key}: {}", submission.exercise.file),
            "score": 0,
            "max_score": max,
            "status": "failed",
            "output": output,
        }));
        failures += 1;
        cases.push_str(&format!(
            "    <testcase classname=\"{suite_name}\" name=\"{}\" time=\"{seconds:.3}\"><failure message=\"{}\">{}</failure></testcase>\n",
            xml(verdict),
            xml(verdict),
            xml(&output)
        ));
    } else {
        for behaviour in report["behaviours"].as_array().into_iter().flatten() {
            let name = behaviour["name"].as_str().unwrap_or_default();
            let weight = behaviour["weight"].as_u64().unwrap_or(0);
            let status = behaviour["status"].as_str().unwrap_or_default();
            let passed = status == "passed";
            let output = match status {
                "passed" => String::new(),
                "skipped" => text::grade_skipped(),
                _ => account(behaviour),
            };
            tests.push(json!({
                "name": format!("{key}: {}", behaviour["description"].as_str().unwrap_or(name)),
                "score": if passed { weight } else { 0 },
                "max_score": weight,
                "status": if passed { "passed" } else { "failed" },
                "output": output,
            }));
            let time = behaviour["seconds"].as_f64().unwrap_or(0.0);
            let inner = match status {
                "passed" => String::new(),
                "skipped" => "<skipped/>".to_string(),
                _ => {
                    failures += 1;
                    format!(
                        "<failure message=\"{}\">{}</failure>",
                        xml(behaviour["failure"]["expected"]
                            .as_str()
                            .unwrap_or_default()),
                        xml(&output)
                    )
                }
            };
            cases.push_str(&format!(
                "    <testcase classname=\"{suite_name}\" name=\"{}\" time=\"{time:.3}\">{inner}</testcase>\n",
                xml(name)
            ));
        }
    }
    GradedTests {
        gradescope: tests,
        junit_cases: cases,
        failures,
    }
}
