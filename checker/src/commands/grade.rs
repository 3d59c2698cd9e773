//! `cargo run -- grade DIR [--exercise KEY]... [--out OUT] [--jobs N]`: a whole class.
//!
//! DIR holds one folder per student, each with exercise files named as in `examples/`
//! (`alice/exercise4_accept.rs`). Every submission is built in a scratch copy of the
//! workbook (`OUT/.build`, never the instructor's `examples/` or target), then checked
//! by a worker process of its own (`grade-one`), several at once: on Linux in a network
//! namespace of its own where the system allows one (`unshare -rn`), where no other
//! submission's server and nothing of the machine's can be reached, and where
//! 127.0.0.1:8888 is held, so that a hard-coded port fails the same way everywhere.
//!
//! What it writes into OUT: `STUDENT/EXERCISE.json` (the full report), `STUDENT/results.json`
//! (Gradescope), `junit.xml`, `summary.csv` and `similar.csv`; and it prints a table of
//! the class.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use socket_workbook::outln;
use wait_timeout::ChildExt;

use workbook_checker::check::{Limits, Program, bounds};
use workbook_checker::exercise::{Exercise, exercises, find};
use workbook_checker::text::exercises as say;

use crate::commands::sandboxed::Sandboxed;
use crate::compile::other_program;
use crate::options::Options;
use crate::report::{CHECK_DEADLINE, Report, report_json};
use crate::scratch::{Scratch, example_name};
use crate::similar;

/// How long one submission's checks may take in all, before its worker is stopped.
const RUN_BUDGET: Duration = Duration::from_secs(240);

/// The environment variable that tells a worker where the workbook's other programs
/// (its `client`) were built.
const OTHERS: &str = "WORKBOOK_GRADE_OTHERS";

/// One student's exercise: its source, and what became of it.
struct Submission {
    student: String,
    exercise: Exercise,
    /// The file, if the student handed it in.
    source: Option<String>,
    /// Its example in the scratch copy.
    example: String,
    flags: Vec<&'static str>,
    /// Its report as JSON, once graded.
    report: Option<Value>,
}

/// `grade DIR`.
pub(crate) fn grade_command(options: &Options) -> ExitCode {
    let started = Instant::now();
    let Some(dir) = options.dir.as_deref().map(PathBuf::from) else {
        eprintln!("{}", say::grade_which_dir());
        return ExitCode::from(2);
    };
    let out = PathBuf::from(options.out.as_deref().unwrap_or("grading"));
    // Checks mostly wait on their programs: twice as many as there are cores.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let jobs = options.jobs.unwrap_or((2 * cores).max(4)).max(1);
    let students = match students(&dir) {
        Ok(students) if !students.is_empty() => students,
        Ok(_) => {
            eprintln!("{}", say::grade_no_students(&dir.display().to_string()));
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!(
                "{}: {error}",
                say::grade_unreadable(&dir.display().to_string())
            );
            return ExitCode::from(2);
        }
    };
    let chosen: Vec<Exercise> = if options.exercises.is_empty() {
        // Every exercise that someone handed in.
        exercises()
            .into_iter()
            .filter(|exercise| {
                students.iter().any(|student| {
                    dir.join(student)
                        .join(exercise.file)
                        .with_extension("rs")
                        .exists()
                })
            })
            .collect()
    } else {
        let mut chosen = Vec::new();
        for query in &options.exercises {
            match find(query) {
                Some(exercise) => chosen.push(exercise),
                None => {
                    eprintln!("{}", say::unknown_exercise(query));
                    return ExitCode::from(2);
                }
            }
        }
        chosen
    };
    if chosen.is_empty() {
        eprintln!("{}", say::grade_no_exercise(&dir.display().to_string()));
        return ExitCode::from(2);
    }
    // The students' code is untrusted: a sandbox for each build and run, or the
    // instructor's explicit word that it may run as them.
    let sandboxed = match workbook_checker::sandbox::available() {
        Ok(()) if !options.no_sandbox => true,
        Err(why) if !options.no_sandbox => {
            eprintln!("{}", say::grade_sandbox_missing(&why));
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("{}", say::grade_sandbox_off());
            false
        }
    };

    // The submissions, and what a grader should know of each before any build.
    let mut submissions: Vec<Submission> = Vec::new();
    for student in &students {
        for exercise in &chosen {
            let path = dir.join(student).join(format!("{}.rs", exercise.file));
            // A link is not a submission: it could name any file of the instructor's.
            let source = std::fs::symlink_metadata(&path)
                .is_ok_and(|meta| meta.is_file())
                .then(|| std::fs::read_to_string(&path).ok())
                .flatten();
            let mut flags = Vec::new();
            if let Some(source) = &source {
                let tokens = similar::as_lesson(source, exercise.file, exercise.lesson);
                if tokens == similar::tokens(&exercise.source()) {
                    flags.push("copy-of-reference");
                } else if similar::tokens(source) == similar::tokens(&exercise.starter()) {
                    flags.push("starter");
                }
            }
            submissions.push(Submission {
                student: student.clone(),
                exercise: *exercise,
                source,
                example: example_name(&[student, exercise.file]),
                flags,
                report: None,
            });
        }
    }

    // One build of every submission, in the scratch copy.
    let build_dir = out.join(".build");
    let scratch = match Scratch::new(&build_dir) {
        Ok(scratch) => scratch,
        Err(error) => {
            eprintln!(
                "{}: {error}",
                say::grade_no_scratch(&build_dir.display().to_string())
            );
            return ExitCode::FAILURE;
        }
    };
    let mut names = vec!["client".to_string()];
    for submission in &submissions {
        if let Some(source) = &submission.source {
            if let Err(error) = scratch.add(&submission.example, source) {
                eprintln!(
                    "{}: {error}",
                    say::grade_no_scratch(&build_dir.display().to_string())
                );
                return ExitCode::FAILURE;
            }
            names.push(submission.example.clone());
        }
    }
    eprintln!("{}", say::grade_building(names.len() - 1, jobs));
    let building = Instant::now();
    let (built, sandbox) = if sandboxed {
        let programs: Vec<(String, String)> = submissions
            .iter()
            .filter_map(|s| Some((s.example.clone(), s.source.clone()?)))
            .collect();
        match Sandboxed::prepare(&scratch, jobs) {
            Ok(sandbox) => (sandbox.build(&programs, jobs), Some(sandbox)),
            Err(error) => {
                eprintln!("{}\n{error}", say::grade_sandbox_failed());
                return ExitCode::FAILURE;
            }
        }
    } else {
        (scratch.build(&names, jobs), None)
    };
    let build_seconds = building.elapsed().as_secs_f64();
    let others = built
        .get("client")
        .and_then(|client| client.as_ref().ok())
        .and_then(|path| path.parent())
        .map(Path::to_path_buf);

    // The checks, `jobs` workers at once.
    let isolated = sandbox.is_some() || network_namespaces();
    let checking = Instant::now();
    let total = submissions.len();
    let done = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<&mut Submission>> = submissions.iter_mut().map(Mutex::new).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(total) {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, Ordering::SeqCst);
                    let Some(slot) = slots.get(at) else { break };
                    let mut submission = slot.lock().unwrap_or_else(|e| e.into_inner());
                    let report = grade_one(
                        &submission,
                        built.get(&submission.example),
                        others.as_deref(),
                        isolated,
                        sandbox.as_ref(),
                        &out,
                    );
                    submission.report = Some(report);
                    if !isolated {
                        submission.flags.push("no-network-isolation");
                    }
                    if sandbox.is_none() {
                        submission.flags.push("no-sandbox");
                    }
                    let count = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(count, total, &submission.student, submission.exercise.key);
                }
            });
        }
    });
    drop(slots);
    let check_seconds = checking.elapsed().as_secs_f64();

    if let Err(error) = write_outputs(&out, &submissions, &students, &chosen) {
        eprintln!(
            "{}: {error}",
            say::grade_unwritable(&out.display().to_string())
        );
        return ExitCode::FAILURE;
    }
    let pairs = similar_pairs(&submissions);
    let _ = write_similar(&out, &pairs);
    print_table(&submissions, &students, &chosen);
    outln!();
    if !pairs.is_empty() {
        outln!("{}", say::grade_similar_heading());
        for (alike, key, a, b) in pairs.iter().take(5) {
            outln!("  {:>5.1}%  {key:<12} {a} / {b}", alike * 100.0);
        }
        outln!();
    }
    if !isolated {
        outln!("{}", say::grade_not_isolated());
    }
    outln!(
        "{}",
        say::grade_done(
            submissions.len(),
            students.len(),
            chosen.len(),
            started.elapsed().as_secs_f64(),
            build_seconds,
            check_seconds,
            jobs
        )
    );
    outln!("{}", say::grade_written(&out.display().to_string()));
    ExitCode::SUCCESS
}

/// The students: the folders of DIR, in order.
fn students(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut students = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // A link to a folder is no student's: it could lead anywhere.
        if entry.file_type()?.is_dir() && !name.starts_with('.') {
            students.push(name);
        }
    }
    students.sort();
    Ok(students)
}

/// Whether each submission can have a network namespace of its own here: Linux, with
/// unprivileged user namespaces (or as root), and `ip` to bring its loopback up.
fn network_namespaces() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    Command::new("unshare")
        .args(["-rn", "sh", "-c", NAMESPACE_SETUP])
        .env("PATH", path_with_sbin())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// What a new network namespace needs first: its loopback interface up.
const NAMESPACE_SETUP: &str = "ip link set lo up";

/// PATH with the folders where `ip` lives on most systems.
fn path_with_sbin() -> String {
    let path = std::env::var("PATH").unwrap_or_default();
    format!("{path}:/usr/sbin:/sbin")
}

/// Grades one submission: a report for a missing file or a failed build, else the
/// report of its worker.
fn grade_one(
    submission: &Submission,
    built: Option<&Result<PathBuf, String>>,
    others: Option<&Path>,
    isolated: bool,
    sandbox: Option<&Sandboxed>,
    out: &Path,
) -> Value {
    let exercise = &submission.exercise;
    let mut report = Report::new(exercise, exercise.file);
    let started = Instant::now();
    let mut value = match (&submission.source, built) {
        (None, _) => {
            report.missing = true;
            report.build_errors = Some(say::grade_missing(&format!("{}.rs", exercise.file)));
            let mut value = report_json(&report);
            value["passed"] = json!(false);
            value
        }
        (Some(_), Some(Ok(exe))) => run_worker(
            exercise, exe, others, isolated, sandbox, out, submission,
        )
        .unwrap_or_else(|found| {
            report.verdicts = exercise
                .checks
                .iter()
                .map(|b| (b.name, crate::report::Verdict::Skipped))
                .collect();
            let mut value = report_json(&report);
            value["passed"] = json!(false);
            value["worker_error"] = json!(found);
            value
        }),
        (Some(_), built) => {
            let errors = match built {
                Some(Err(errors)) => errors.clone(),
                _ => String::from("not built"),
            };
            report.build_errors = Some(errors);
            report_json(&report)
        }
    };
    value["student"] = json!(submission.student);
    value["file"] = json!(format!("{}/{}.rs", submission.student, exercise.file));
    value["missing"] = json!(submission.source.is_none());
    if value["seconds"].as_f64().unwrap_or(0.0) == 0.0 {
        value["seconds"] = json!((started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0);
    }
    value["network_isolation"] = json!(isolated);
    value["sandboxed"] = json!(sandbox.is_some());
    value
}

/// Runs the worker for one built submission, within [`RUN_BUDGET`]; its report.
fn run_worker(
    exercise: &Exercise,
    exe: &Path,
    others: Option<&Path>,
    isolated: bool,
    sandbox: Option<&Sandboxed>,
    out: &Path,
    submission: &Submission,
) -> Result<Value, String> {
    let work = out.join(".build").join("runs").join(&submission.example);
    std::fs::create_dir_all(&work).map_err(|error| error.to_string())?;
    let checker = std::env::current_exe().map_err(|error| error.to_string())?;
    let mut argv: Vec<std::ffi::OsString> = Vec::new();
    if sandbox.is_some() {
        argv.extend(crate::commands::sandboxed::worker_prefix());
    } else if isolated {
        argv.extend(
            ["unshare", "-rn", "sh", "-c"]
                .map(Into::into)
                .into_iter()
                .chain([
                    format!("{NAMESPACE_SETUP} && exec \"$@\"").into(),
                    "sh".into(),
                ]),
        );
    }
    if sandbox.is_none() && bounds().contains(&"killed-with-the-checker") {
        argv.extend(["setpriv", "--pdeathsig", "KILL", "--"].map(Into::into));
    }
    argv.push(checker.into());
    argv.extend([
        "grade-one".into(),
        exercise.key.into(),
        exe.into(),
        // The report comes back on the worker's stdout, a pipe that no program it runs
        // can reach.
        "-".into(),
    ]);
    let log = std::fs::File::create(work.join("worker.log")).map_err(|error| error.to_string())?;
    let mut command = Command::new(&argv[0]);
    command
        .args(&argv[1..])
        .current_dir(&work)
        .env("PATH", path_with_sbin())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log);
    if let Some(others) = others {
        command.env(OTHERS, others);
    }
    if let Some(sandbox) = sandbox {
        let (key, value) = sandbox.worker_env();
        command.env(key, value);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|error| error.to_string())?;
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        use std::io::Read;
        let mut text = String::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.take(64 << 20).read_to_string(&mut text);
        }
        text
    });
    match child.wait_timeout(RUN_BUDGET) {
        Ok(Some(_)) => {}
        _ => {
            #[cfg(unix)]
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            return Err(workbook_checker::text::check::found_over_budget(RUN_BUDGET));
        }
    }
    let text = reader.join().unwrap_or_default();
    serde_json::from_str(text.trim()).map_err(|error| {
        let log = std::fs::read_to_string(work.join("worker.log")).unwrap_or_default();
        format!("{error}: {}", log.trim())
    })
}

/// `grade-one KEY EXE REPORT`: a worker, in its own network namespace where there is
/// one: holds 127.0.0.1:8888, runs every check of the exercise against EXE, and writes
/// the report.
pub(crate) fn grade_one_command(key: &str, exe: &Path, report_file: &Path) -> ExitCode {
    let Some(exercise) = find(key) else {
        return ExitCode::from(2);
    };
    let _held = TcpListener::bind("127.0.0.1:8888");
    let started = Instant::now();
    let mut report = Report::new(&exercise, exercise.file);
    let under_test = Program::executable(exercise.lesson, exe)
        .deadline(CHECK_DEADLINE)
        .others(graded_other)
        .bounded(Limits::default());
    report.run(&under_test, true);
    report.seconds = started.elapsed().as_secs_f64();
    let mut value = report_json(&report);
    value["held_8888"] = json!(_held.is_ok());
    let written = if report_file == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{value}").and_then(|()| stdout.flush())
    } else {
        std::fs::write(report_file, value.to_string())
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// The workbook's other programs, as the grading built them.
fn graded_other(name: &str) -> Program {
    match std::env::var_os(OTHERS) {
        Some(dir) => Program::executable(name, Path::new(&dir).join(name)),
        None => other_program(name),
    }
}

/// The progress bar, on stderr.
fn progress(done: usize, total: usize, student: &str, key: &str) {
    const WIDTH: usize = 30;
    let filled = WIDTH * done / total.max(1);
    let bar: String = "#".repeat(filled) + &"-".repeat(WIDTH - filled);
    let mut stderr = std::io::stderr().lock();
    // On a terminal the bar redraws itself; in a CI log, one line each.
    if std::io::IsTerminal::is_terminal(&stderr) {
        let _ = write!(stderr, "\r[{bar}] {done}/{total}  {student} {key}\x1b[K");
        if done == total {
            let _ = writeln!(stderr);
        }
    } else {
        let _ = writeln!(stderr, "[{bar}] {done}/{total}  {student} {key}");
    }
    let _ = stderr.flush();
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
    chosen: &[Exercise],
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
            // Gradescope: one test per behaviour, or one for the whole exercise when
            // there is nothing to run.
            suites += 1;
            let suite_name = xml(&format!("{student}/{key}"));
            let mut cases = String::new();
            let mut failures = 0;
            let max = report["max_score"].as_u64().unwrap_or(0);
            if verdict == "missing"
                || report["compiles"] == false
                || report["worker_error"].is_string()
            {
                let output = if verdict == "missing" {
                    say::grade_missing(&format!("{}.rs", submission.exercise.file))
                } else if let Some(error) = report["worker_error"].as_str() {
                    error.to_string()
                } else {
                    say::grade_does_not_compile(&build_summary(&report))
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
                        "skipped" => say::grade_skipped(),
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
fn print_table(submissions: &[Submission], students: &[String], chosen: &[Exercise]) {
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
    let mut header = format!("{:<name_width$}", say::grade_student_column());
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
            }
        }
        row.push_str("  ");
        row.push_str(&flags.join(" "));
        outln!("{}", row.trim_end());
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
