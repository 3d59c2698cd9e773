//! `cargo run -- grade DIR [--exercise KEY]... [--out OUT] [--jobs N]`: a whole class.
//!
//! DIR holds one folder per student, each with exercise files named as in `examples/`
//! (`alice/exercise4_accept.rs`). The students' code is untrusted: each submission is
//! built and run in a sandbox ([`sandboxed`], `workbook_checker::sandbox`), or, with
//! `--no-sandbox` only, in a scratch copy of the workbook (`OUT/.build`, never the
//! instructor's `examples/` or target) as the instructor. Each is checked by a worker
//! process of its own (`grade-one`), several at once, in a network namespace of its own
//! (bubblewrap's, or `unshare -rn` without the sandbox where the system allows one),
//! where no other submission's server and nothing of the machine's can be reached, and
//! where 127.0.0.1:8888 is held, so that a hard-coded port fails the same way everywhere.
//! The worker hands its report back on its stdout, a pipe no program it runs can reach.
//!
//! What it writes into OUT: `STUDENT/EXERCISE.json` (the full report), `STUDENT/results.json`
//! (Gradescope), `junit.xml`, `summary.csv` and `similar.csv`; and it prints a table of
//! the class.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wait_timeout::ChildExt;

use workbook_checker::check::{Program, ResourceLimits, bounds};
use workbook_checker::exercise::{Assignment, exercises, meant_by};
use workbook_checker::text::exercises as text;

use crate::commands::sandboxed::{self, Sandboxed};
use crate::compile::other_program;
use crate::options::Options;
use crate::report::{CHECK_DEADLINE, Report, report_json};
use crate::scratch::{Scratch, example_name};
use crate::similar;

mod outputs;

/// How long one submission's checks may take in all, before its worker is stopped.
const RUN_BUDGET: Duration = Duration::from_secs(240);

/// The environment variable that tells a worker where the workbook's other programs
/// (its `client`) were built.
const OTHERS: &str = "WORKBOOK_GRADE_OTHERS";

/// One student's exercise: its source, and what became of it.
struct Submission {
    student: String,
    exercise: Assignment,
    /// The file, if the student handed it in.
    source: Option<String>,
    /// Its example in the scratch copy.
    example: String,
    flags: Vec<&'static str>,
    /// Its report as JSON, once graded.
    report: Option<Value>,
}

/// What `grade DIR` is asked to grade: the class's folder, its students and the
/// exercises chosen.
struct Class {
    dir: PathBuf,
    students: Vec<String>,
    chosen: Vec<Assignment>,
}

/// How long each phase took, for the closing line.
pub(super) struct Timings {
    pub(super) started: Instant,
    pub(super) build_seconds: f64,
    pub(super) check_seconds: f64,
    pub(super) jobs: usize,
}

/// `grade DIR`: reads the class, builds every submission, checks them, `jobs` at once,
/// and writes and prints the outputs ([`outputs`]).
pub(crate) fn grade_command(options: &Options) -> ExitCode {
    let started = Instant::now();
    let class = match read_class(options) {
        Ok(class) => class,
        Err(code) => return code,
    };
    let out = PathBuf::from(options.out.as_deref().unwrap_or("grading"));
    // Absolute: each worker runs in a folder of its own, where a relative path would
    // name another place (its report was never found).
    let out = std::path::absolute(&out).unwrap_or(out);
    // Checks mostly wait on their programs: twice as many as there are cores.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let jobs = options.jobs.unwrap_or((2 * cores).max(4)).max(1);
    // The students' code is untrusted: a sandbox for each build and run, or the
    // instructor's explicit word that it may run as them.
    let sandboxed = match workbook_checker::sandbox::available() {
        Ok(()) if !options.no_sandbox => true,
        Err(why) if !options.no_sandbox => {
            errln!("{}", text::grade_sandbox_missing(&why));
            return ExitCode::from(2);
        }
        _ => {
            errln!("{}", text::grade_sandbox_off());
            false
        }
    };
    let mut submissions = submissions(&class);
    let building = Instant::now();
    let (built, others, sandbox) = match build_all(&out, &submissions, jobs, sandboxed) {
        Ok(built) => built,
        Err(code) => return code,
    };
    let build_seconds = building.elapsed().as_secs_f64();
    let checking = Instant::now();
    let isolated = check_all(
        &mut submissions,
        &built,
        others.as_deref(),
        sandbox.as_ref(),
        &out,
        jobs,
    );
    let timings = Timings {
        started,
        build_seconds,
        check_seconds: checking.elapsed().as_secs_f64(),
        jobs,
    };
    outputs::write_and_print(
        &out,
        &submissions,
        &class.students,
        &class.chosen,
        isolated,
        &timings,
    )
}

/// The class of `grade DIR`, or the exit status of a mistake, already told.
fn read_class(options: &Options) -> Result<Class, ExitCode> {
    let Some(dir) = options.dir.as_deref().map(PathBuf::from) else {
        errln!("{}", text::grade_which_dir());
        return Err(ExitCode::from(2));
    };
    let students = match students(&dir) {
        Ok(students) if !students.is_empty() => students,
        Ok(_) => {
            errln!("{}", text::grade_no_students(&dir.display().to_string()));
            return Err(ExitCode::from(2));
        }
        Err(error) => {
            errln!(
                "{}: {error}",
                text::grade_unreadable(&dir.display().to_string())
            );
            return Err(ExitCode::from(2));
        }
    };
    let chosen: Vec<Assignment> = if options.exercises.is_empty() {
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
            match meant_by(query) {
                Some(exercise) => chosen.push(exercise),
                None => {
                    errln!("{}", text::unknown_exercise(query));
                    return Err(ExitCode::from(2));
                }
            }
        }
        chosen
    };
    if chosen.is_empty() {
        errln!("{}", text::grade_no_exercise(&dir.display().to_string()));
        return Err(ExitCode::from(2));
    }
    Ok(Class {
        dir,
        students,
        chosen,
    })
}

/// The submissions, and what a grader should know of each before any build.
fn submissions(class: &Class) -> Vec<Submission> {
    let mut submissions: Vec<Submission> = Vec::new();
    for student in &class.students {
        for exercise in &class.chosen {
            let path = class
                .dir
                .join(student)
                .join(format!("{}.rs", exercise.file));
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
    submissions
}

/// What a build of every submission made: each example's executable or its errors.
type Built = BTreeMap<String, Result<PathBuf, String>>;

/// One build of every submission: each alone in its sandbox against the library built
/// in the scratch copy under OUT, or (`--no-sandbox`) all in that copy. Each example's
/// executable or its errors, the folder of the workbook's other programs (its
/// `client`) and the sandboxes; or the exit status of a failure, already told.
fn build_all(
    out: &Path,
    submissions: &[Submission],
    jobs: usize,
    sandboxed: bool,
) -> Result<(Built, Option<PathBuf>, Option<Sandboxed>), ExitCode> {
    let build_dir = out.join(".build");
    let no_scratch = |error: std::io::Error| {
        errln!(
            "{}: {error}",
            text::grade_no_scratch(&build_dir.display().to_string())
        );
        ExitCode::FAILURE
    };
    let scratch = Scratch::new(&build_dir).map_err(no_scratch)?;
    let mut names = vec!["client".to_string()];
    for submission in submissions {
        if let Some(source) = &submission.source {
            scratch
                .add(&submission.example, source)
                .map_err(no_scratch)?;
            names.push(submission.example.clone());
        }
    }
    errln!("{}", text::grade_building(names.len() - 1, jobs));
    let (built, sandbox) = if sandboxed {
        let programs: Vec<(String, String)> = submissions
            .iter()
            .filter_map(|s| Some((s.example.clone(), s.source.clone()?)))
            .collect();
        match Sandboxed::prepare(&scratch, jobs) {
            Ok(sandbox) => (sandbox.build(&programs, jobs), Some(sandbox)),
            Err(error) => {
                errln!("{}\n{error}", text::grade_sandbox_failed());
                return Err(ExitCode::FAILURE);
            }
        }
    } else {
        (scratch.build(&names, jobs), None)
    };
    let built: Built = built.into_iter().collect();
    let others = built
        .get("client")
        .and_then(|client| client.as_ref().ok())
        .and_then(|path| path.parent())
        .map(Path::to_path_buf);
    Ok((built, others, sandbox))
}

/// The checks of every submission, `jobs` workers at once, each report kept in its
/// submission; whether each ran in a network namespace of its own.
fn check_all(
    submissions: &mut [Submission],
    built: &Built,
    others: Option<&Path>,
    sandbox: Option<&Sandboxed>,
    out: &Path,
    jobs: usize,
) -> bool {
    let isolated = sandbox.is_some() || network_namespaces();
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
                        others,
                        isolated,
                        sandbox,
                        out,
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
    isolated
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
            report.build_errors = Some(text::grade_missing(&format!("{}.rs", exercise.file)));
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
    exercise: &Assignment,
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
        argv.extend(sandboxed::worker_prefix());
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
    // The submission's memory cgroup, if any, lives until its worker has ended.
    let mut _group = None;
    if let Some(sandbox) = sandbox {
        let (envs, group) = sandbox.worker_env(&submission.example);
        command.envs(envs);
        _group = group;
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
    let Some(exercise) = meant_by(key) else {
        return ExitCode::from(2);
    };
    let _held = TcpListener::bind("127.0.0.1:8888");
    let started = Instant::now();
    let mut report = Report::new(&exercise, exercise.file);
    let under_test = Program::executable(exercise.lesson, exe)
        .deadline(CHECK_DEADLINE)
        .others(graded_other)
        .bounded(ResourceLimits::default());
    report.run(&under_test, true);
    report.seconds = started.elapsed().as_secs_f64();
    let mut value = report_json(&report);
    value["held_8888"] = json!(_held.is_ok());
    value["sandbox"] = json!(workbook_checker::sandbox::bounds());
    let written = if report_file == Path::new("-") {
        use std::io::Write;
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
    // On a terminal the bar redraws itself; in a CI log, one line each.
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        err!("\r[{bar}] {done}/{total}  {student} {key}\x1b[K");
        if done == total {
            errln!("");
        }
    } else {
        errln!("[{bar}] {done}/{total}  {student} {key}");
    }
}
