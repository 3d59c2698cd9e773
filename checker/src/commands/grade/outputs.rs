//! What `grade` writes and prints once every submission is checked: per student
//! `EXERCISE.json` and Gradescope's `results.json`, the class's `summary.csv`,
//! `junit.xml` and `similar.csv`, and a table of the class.

use std::collections::{BTreeMap, HashSet};
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
    // Pairs alike on what the students wrote: both are flagged `similar`.
    let pairs = similar_pairs(submissions);
    let flagged: HashSet<(&str, &str)> = pairs
        .iter()
        .filter(|pair| pair.compared.flagged())
        .flat_map(|pair| [(pair.a.as_str(), pair.key), (pair.b.as_str(), pair.key)])
        .collect();
    if let Err(error) = write_outputs(out, submissions, students, chosen, &flagged) {
        errln!(
            "{}: {error}",
            text::grade_unwritable(&out.display().to_string())
        );
        return ExitCode::FAILURE;
    }
    let _ = write_similar(out, &pairs);
    print_table(submissions, students, chosen, &flagged);
    outln!();
    if !pairs.is_empty() {
        outln!("{}", text::grade_similar_heading());
        for pair in pairs.iter().take(5) {
            let compared = &pair.compared;
            let verdict = if compared.flagged() {
                format!("  ({})", text::grade_similar_flagged())
            } else if compared.similarity >= similar::FLAG_AT {
                format!(
                    "  ({})",
                    text::grade_similar_too_little(similar::FLAG_SHARED)
                )
            } else {
                String::new()
            };
            outln!(
                "  {}{verdict}",
                text::grade_similar_pair(
                    compared.similarity * 100.0,
                    pair.key,
                    &pair.a,
                    &pair.b,
                    compared.shared,
                    &similar::ranges(&compared.lines_a),
                    &similar::ranges(&compared.lines_b),
                )
            );
        }
        outln!();
    }
    if !isolated {
        outln!("{}", text::grade_not_isolated());
    }
    outln!(
        "{}",
        text::grade_done(
            // What was handed in, not every student times every exercise.
            submissions.iter().filter(|s| s.source.is_some()).count(),
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
    let mut summary = crate::compile::first_error(errors);
    for hint in crate::compile::hints(errors) {
        summary.push('\n');
        summary.push_str(&hint);
    }
    summary
}

/// Writes every output file.
fn write_outputs(
    out: &Path,
    submissions: &[Submission],
    students: &[String],
    chosen: &[Assignment],
    flagged: &HashSet<(&str, &str)>,
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
        let mut not_submitted: Vec<String> = Vec::new();
        let mut score = 0u64;
        for submission in by_student.get(student.as_str()).into_iter().flatten() {
            let Some(report) = &submission.report else {
                continue;
            };
            let mut report = report.clone();
            let mut flags = submission.flags.clone();
            if flagged.contains(&(student.as_str(), submission.exercise.key)) {
                flags.push("similar");
            }
            report["flags"] = json!(flags);
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
                csv_field(&flags.join(";")),
            ));
            score += report["score"].as_u64().unwrap_or(0);
            suites += 1;
            let suite_name = xml(&format!("{student}/{key}"));
            if verdict == "missing" {
                // Not handed in: no test failed, nothing was run; told apart.
                not_submitted.push(format!("{key} ({}.rs)", submission.exercise.file));
                junit.push_str(&format!(
                    "  <testsuite name=\"{suite_name}\" tests=\"1\" failures=\"0\" skipped=\"1\" time=\"0.000\">\n    <testcase classname=\"{suite_name}\" name=\"not submitted\" time=\"0.000\"><skipped message=\"not submitted\"/></testcase>\n  </testsuite>\n"
                ));
                continue;
            }
            let graded = graded_tests(submission, &report, &suite_name);
            tests.extend(graded.gradescope);
            let (cases, failures) = (graded.junit_cases, graded.failures);
            junit.push_str(&format!(
                "  <testsuite name=\"{suite_name}\" tests=\"{}\" failures=\"{failures}\" time=\"{seconds:.3}\">\n{cases}  </testsuite>\n",
                cases.lines().count()
            ));
        }
        let mut results = json!({ "score": score, "tests": tests });
        if !not_submitted.is_empty() {
            results["not_submitted"] = json!(not_submitted);
            results["output"] = json!(format!("not submitted: {}", not_submitted.join(", ")));
        }
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

/// A CSV field, quoted when it must be. A field that a spreadsheet would read as a
/// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return: a student's
/// folder named `=HYPERLINK(…)`) starts with `'` instead, as OWASP advises.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
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
            // XML 1.0's characters: tab, line feed, carriage return, and U+0020 and up
            // but for the surrogates (no `char` is one) and U+FFFE, U+FFFF.
            '\n' | '\t' | '\r' => escaped.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A pair of submissions of one exercise and how they compare.
struct Pair {
    key: &'static str,
    a: String,
    b: String,
    compared: similar::Compared,
}

/// The pairs of submissions of one exercise, most alike first (starters and missing
/// files left out), compared on what each student wrote (see [`similar`]).
fn similar_pairs(submissions: &[Submission]) -> Vec<Pair> {
    let mut vocabularies: BTreeMap<&str, std::collections::HashSet<String>> = BTreeMap::new();
    let mut starters: BTreeMap<&str, String> = BTreeMap::new();
    for submission in submissions {
        let exercise = &submission.exercise;
        starters
            .entry(exercise.key)
            .or_insert_with(|| exercise.starter());
        vocabularies
            .entry(exercise.key)
            .or_insert_with(|| similar::vocabulary(&[&exercise.starter(), &exercise.source()]));
    }
    let prints: Vec<Option<similar::Print>> = submissions
        .iter()
        .map(|submission| {
            let source = submission.source.as_deref()?;
            if submission.flags.contains(&"starter") {
                return None;
            }
            let key = submission.exercise.key;
            Some(similar::fingerprint(
                source,
                starters.get(key)?,
                vocabularies.get(key)?,
            ))
        })
        .collect();
    let mut pairs = Vec::new();
    for (at, a) in submissions.iter().enumerate() {
        for (later, b) in submissions.iter().enumerate().skip(at + 1) {
            if a.exercise.key != b.exercise.key {
                continue;
            }
            if let (Some(pa), Some(pb)) = (&prints[at], &prints[later]) {
                pairs.push(Pair {
                    key: a.exercise.key,
                    a: a.student.clone(),
                    b: b.student.clone(),
                    compared: similar::compare(pa, pb),
                });
            }
        }
    }
    pairs.sort_by(|x, y| y.compared.similarity.total_cmp(&x.compared.similarity));
    pairs
}

/// `similar.csv`: every pair, most alike first, with the lines of each where they
/// match (line numbers of the student's file).
fn write_similar(out: &Path, pairs: &[Pair]) -> std::io::Result<()> {
    let mut csv = String::from(
        "exercise,student_a,student_b,similarity,shared_fingerprints,flagged,lines_a,lines_b\n",
    );
    for pair in pairs {
        let compared = &pair.compared;
        csv.push_str(&format!(
            "{},{},{},{:.3},{},{},{},{}\n",
            pair.key,
            csv_field(&pair.a),
            csv_field(&pair.b),
            compared.similarity,
            compared.shared,
            if compared.flagged() { "yes" } else { "no" },
            csv_field(&similar::ranges(&compared.lines_a)),
            csv_field(&similar::ranges(&compared.lines_b)),
        ));
    }
    std::fs::write(out.join("similar.csv"), csv)
}

/// The class table: one row per student, one column per exercise.
fn print_table(
    submissions: &[Submission],
    students: &[String],
    chosen: &[Assignment],
    flagged: &HashSet<(&str, &str)>,
) {
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
                    if !["no-network-isolation", "no-sandbox"].contains(flag)
                        && !flags.contains(flag)
                    {
                        flags.push(flag);
                    }
                }
                if flagged.contains(&(student.as_str(), exercise.key))
                    && !flags.contains(&"similar")
                {
                    flags.push("similar");
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell a spreadsheet would read as a formula starts with `'` (OWASP's advice).
    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(
            csv_field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        for text in ["+1", "-1", "@SUM(1)", "\tx", "\rx"] {
            assert!(
                csv_field(text).trim_start_matches('"').starts_with('\''),
                "{text:?}"
            );
        }
        assert_eq!(csv_field("alice"), "alice");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }

    /// junit.xml keeps only XML 1.0's characters: U+FFFF and control characters go.
    #[test]
    fn xml_text_holds_only_xml_characters() {
        assert_eq!(xml("a\u{FFFF}b\u{FFFE}c\u{1}d\u{1b}e\tf"), "abcde\tf");
        assert_eq!(xml("<&\">"), "&lt;&amp;&quot;&gt;");
        assert_eq!(xml("中文 \u{1F600}"), "中文 \u{1F600}");
    }
}
