//! The workbook's own command, an offline checker for the exercises.
//!
//! ```text
//! cargo run                         where to begin
//! cargo run -- list                 every exercise, and whether it passes
//! cargo run -- check 4              run the checks of step 4 against examples/exercise4_accept.rs
//! cargo run -- check --all --format json   the same for every exercise, for grading scripts
//! cargo run -- hint 4               what to write
//! cargo run -- watch 4              check again each time the file is saved
//! cargo run -- reset 4              restore the starter, after asking
//! cargo run -- kit                  for instructors: starters, lessons and checks agree
//! ```
//!
//! The checks are the very ones `cargo test` runs against the lessons (`src/check`):
//! one definition of what "works" means.

use std::ffi::OsString;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, SystemTime};

use clap::{Arg, ArgAction, ArgMatches};
use serde_json::{Value, json};
use socket_workbook::Cli;
use socket_workbook::lang::{self, Lang};
use socket_workbook::text;

use checker::text::exercises as say;

use checker::check::{Failure, LESSONS, Program, behaviours};
use checker::exercise::{Exercise, examples_dir, exercises, find};

/// How long a check waits for any one step of a student's program: long enough for a
/// busy machine, short enough that a program that hangs gets its verdict in seconds.
const CHECK_DEADLINE: Duration = Duration::from_secs(5);

/// The workbook's manifest, for the builds the checker asks Cargo for.
const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");

fn main() -> ExitCode {
    let args = Cli::new("socket-workbook")
        .with(|command| {
            let exercise = || {
                Arg::new("exercise")
                    .value_name("EXERCISE")
                    .help(say::help_exercise())
            };
            let flag = |id: &'static str, help: String| {
                Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
            };
            let format = || {
                Arg::new("format")
                    .long("format")
                    .value_parser(["text", "json"])
                    .default_value("text")
                    .help(say::help_format())
            };
            command
                .subcommand(
                    clap::Command::new("check")
                        .about(say::help_check())
                        .arg(exercise())
                        .arg(flag("all", say::help_all()).conflicts_with("exercise"))
                        .arg(format())
                        .arg(flag("reference", say::help_reference()).conflicts_with("program"))
                        .arg(
                            Arg::new("program")
                                .long("program")
                                .value_name("EXAMPLE")
                                .conflicts_with("all")
                                .help(say::help_program()),
                        )
                        .arg(flag("keep-going", say::help_keep_going())),
                )
                .subcommand(
                    clap::Command::new("list")
                        .about(say::help_list())
                        .arg(format())
                        .arg(flag("reference", say::help_reference())),
                )
                .subcommand(
                    clap::Command::new("hint")
                        .about(say::help_hint())
                        .arg(exercise().required(true)),
                )
                .subcommand(
                    clap::Command::new("watch")
                        .about(say::help_watch())
                        .arg(exercise())
                        .arg(flag("reference", say::help_reference()))
                        .arg(
                            Arg::new("poll-ms")
                                .long("poll-ms")
                                .value_name("MS")
                                .default_value("300")
                                .value_parser(clap::value_parser!(u64).range(10..=10_000))
                                .help(say::help_poll()),
                        ),
                )
                .subcommand(
                    clap::Command::new("reset")
                        .about(say::help_reset())
                        .arg(exercise().required(true))
                        .arg(flag("yes", say::help_yes())),
                )
                .subcommand(clap::Command::new("kit").about(say::help_kit()))
        })
        .parse();
    match args.matches.subcommand() {
        Some(("check", matches)) => check_command(matches),
        Some(("list", matches)) => list_command(matches),
        Some(("hint", matches)) => hint_command(matches),
        Some(("watch", matches)) => watch_command(matches),
        Some(("reset", matches)) => reset_command(matches),
        Some(("kit", _)) => kit_command(),
        _ => begin(),
    }
}

/// `cargo run`: where to begin.
fn begin() -> ExitCode {
    println!("{}", text::where_to_begin());
    for lesson in LESSONS
        .iter()
        .take_while(|lesson| lesson.starts_with("step"))
    {
        println!("  cargo run --example {lesson}");
    }
    println!();
    println!("{}", say::begin_exercises());
    ExitCode::SUCCESS
}

fn flag(matches: &ArgMatches, id: &str) -> bool {
    matches.try_get_one::<bool>(id).ok().flatten() == Some(&true)
}

fn is_json(matches: &ArgMatches) -> bool {
    matches.get_one::<String>("format").map(String::as_str) == Some("json")
}

/// The exercise named on the command line; a name that is none exits 2.
fn named(matches: &ArgMatches) -> Option<Exercise> {
    let query = matches.get_one::<String>("exercise")?;
    match find(query) {
        Some(exercise) => Some(exercise),
        None => {
            eprintln!("{}", say::unknown_exercise(query));
            std::process::exit(2);
        }
    }
}

/// Which program plays an exercise's part.
#[derive(Clone, Copy)]
enum Playing<'a> {
    /// The student's exercise.
    Exercise,
    /// The finished lesson.
    Lesson,
    /// Another example, such as a submission saved under its own name.
    Example(&'a str),
}

/// The example that plays `exercise`'s part.
fn example_of(exercise: &Exercise, playing: Playing<'_>) -> String {
    match playing {
        Playing::Exercise => exercise.name(),
        Playing::Lesson => exercise.lesson.to_string(),
        Playing::Example(name) => name.to_string(),
    }
}

/// What plays the part, from `--reference` and `--program`.
fn playing(matches: &ArgMatches) -> Playing<'_> {
    if let Ok(Some(name)) = matches.try_get_one::<String>("program") {
        Playing::Example(name)
    } else if flag(matches, "reference") {
        Playing::Lesson
    } else {
        Playing::Exercise
    }
}

/// Builds `example` through Cargo and returns its executable, or Cargo's messages
/// (shown at once too, unless `quiet`).
fn build(example: &str, quiet: bool) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let output = Command::new(cargo)
        .args([
            "build",
            "-q",
            "--package",
            "socket-workbook",
            "--example",
            example,
            "--manifest-path",
            MANIFEST,
        ])
        .arg("--message-format=json-render-diagnostics")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(if quiet {
            Stdio::piped()
        } else {
            Stdio::inherit()
        })
        .output()
        .map_err(|error| error.to_string())?;
    let messages = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(messages);
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter(|message| message["target"]["name"] == example)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or(messages)
}

/// Another example a check needs (the workbook's `client`), built the same way.
fn other_program(name: &str) -> Program {
    match build(name, true) {
        Ok(path) => Program::executable(name, path),
        Err(_) => Program::with_command(name, vec![OsString::from(name)]),
    }
}

/// The result of one behaviour.
enum Verdict {
    Passed,
    Failed(Failure),
    Skipped,
}

/// The result of checking one exercise.
struct Report {
    exercise: Exercise,
    program: String,
    /// Cargo's messages when the program does not compile.
    build_errors: Option<String>,
    verdicts: Vec<(&'static str, Verdict)>,
}

impl Report {
    fn passed(&self) -> bool {
        self.build_errors.is_none()
            && self
                .verdicts
                .iter()
                .all(|(_, verdict)| matches!(verdict, Verdict::Passed))
    }

    fn first_failure(&self) -> Option<(&'static str, &Failure)> {
        self.verdicts
            .iter()
            .find_map(|(name, verdict)| match verdict {
                Verdict::Failed(failure) => Some((*name, failure)),
                _ => None,
            })
    }
}

/// Builds the program that plays `exercise` and runs its checks in order; after the
/// first failure the rest are skipped unless `keep_going`.
fn run_checks(exercise: &Exercise, playing: Playing<'_>, keep_going: bool, quiet: bool) -> Report {
    let program = example_of(exercise, playing);
    let mut report = Report {
        exercise: *exercise,
        program: program.clone(),
        build_errors: None,
        verdicts: Vec::new(),
    };
    if !quiet {
        eprintln!("{}", say::building(&program));
    }
    let path = match build(&program, quiet) {
        Ok(path) => path,
        Err(messages) => {
            report.build_errors = Some(messages);
            return report;
        }
    };
    let under_test = Program::executable(exercise.lesson, path)
        .deadline(CHECK_DEADLINE)
        .others(other_program);
    let mut failed = false;
    for behaviour in behaviours(exercise.lesson) {
        let verdict = if failed && !keep_going {
            Verdict::Skipped
        } else {
            match (behaviour.check)(&under_test) {
                Ok(()) => Verdict::Passed,
                Err(failure) => {
                    failed = true;
                    Verdict::Failed(failure)
                }
            }
        };
        report.verdicts.push((behaviour.name, verdict));
    }
    report
}

/// What to write in `exercise`, in the language of the run.
fn todo(exercise: &Exercise) -> &'static str {
    match lang::current() {
        Lang::En => exercise.todo_en,
        Lang::Zh => exercise.todo_zh,
    }
}

/// Prints a report for people.
fn print_report(report: &Report) {
    let exercise = &report.exercise;
    println!("{}", say::checking(&report.program, exercise.lesson));
    if report.build_errors.is_some() {
        println!("{}", say::does_not_compile(&report.program));
        return;
    }
    let mut skipped = 0;
    for (name, verdict) in &report.verdicts {
        let mark = match verdict {
            Verdict::Passed => say::passed(),
            Verdict::Failed(_) => say::failed(),
            Verdict::Skipped => {
                skipped += 1;
                say::skipped()
            }
        };
        println!("  {mark} {}", say::behaviour(name));
    }
    let count = report.verdicts.len();
    match report.first_failure() {
        None => println!("{}", say::all_passed(&report.program, count)),
        Some((name, failure)) => {
            let failed = report
                .verdicts
                .iter()
                .filter(|(_, verdict)| matches!(verdict, Verdict::Failed(_)))
                .count();
            println!();
            println!("{}", say::first_failure(&say::behaviour(name)));
            print!("{failure}");
            println!();
            println!("{}", say::what_to_write(todo(exercise)));
            println!("{}", say::more_help(exercise.key, exercise.lesson));
            if skipped > 0 {
                println!("{}", say::not_checked(skipped));
            }
            println!("{}", say::some_failed(&report.program, failed, count));
        }
    }
}

/// A report as JSON, for grading scripts.
fn report_json(report: &Report) -> Value {
    let behaviours: Vec<Value> = report
        .verdicts
        .iter()
        .map(|(name, verdict)| {
            let (status, failure) = match verdict {
                Verdict::Passed => ("passed", Value::Null),
                Verdict::Skipped => ("skipped", Value::Null),
                Verdict::Failed(failure) => (
                    "failed",
                    json!({
                        "expected": failure.expected,
                        "found": failure.found,
                        "command": failure.command,
                        "did": failure.did,
                        "stdout": failure.stdout,
                        "stderr": failure.stderr,
                    }),
                ),
            };
            json!({
                "name": name,
                "description": say::behaviour(name),
                "status": status,
                "failure": failure,
            })
        })
        .collect();
    let passed_checks = report
        .verdicts
        .iter()
        .filter(|(_, verdict)| matches!(verdict, Verdict::Passed))
        .count();
    json!({
        "key": report.exercise.key,
        "exercise": report.exercise.name(),
        "lesson": report.exercise.lesson,
        "program": report.program,
        "file": format!("examples/{}.rs", report.program),
        "compiles": report.build_errors.is_none(),
        "build_errors": report.build_errors,
        "passed": report.passed(),
        "checks": report.verdicts.len(),
        "passed_checks": passed_checks,
        "behaviours": behaviours,
    })
}

/// `check EXERCISE` or `check --all`.
fn check_command(matches: &ArgMatches) -> ExitCode {
    let json = is_json(matches);
    let playing = playing(matches);
    // A grading script wants every behaviour, not only the first failure.
    let keep_going = flag(matches, "keep-going") || json;
    let chosen: Vec<Exercise> = if flag(matches, "all") {
        exercises()
    } else {
        match named(matches) {
            Some(exercise) => vec![exercise],
            None => {
                eprintln!("{}", say::which_exercise());
                return ExitCode::from(2);
            }
        }
    };
    let reports: Vec<Report> = chosen
        .iter()
        .map(|exercise| {
            let report = run_checks(exercise, playing, keep_going, json);
            if !json {
                print_report(&report);
                println!();
            }
            report
        })
        .collect();
    let passed = reports.iter().filter(|report| report.passed()).count();
    if json {
        println!("{}", json_document(&reports, playing));
    } else if reports.len() > 1 {
        println!("{}", say::progress(passed, reports.len()));
    } else if let [report] = reports.as_slice() {
        if report.passed() {
            if let Some(next) = next_after(&report.exercise) {
                println!("{}", say::next_exercise(next.key));
            }
        }
    }
    if passed == reports.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn json_document(reports: &[Report], playing: Playing<'_>) -> String {
    let passed = reports.iter().filter(|report| report.passed()).count();
    let document = json!({
        "workbook": env!("CARGO_PKG_NAME"),
        "version": env!("CARGO_PKG_VERSION"),
        "checked": match playing {
            Playing::Exercise => "exercises",
            Playing::Lesson => "lessons",
            Playing::Example(_) => "example",
        },
        "exercises": reports.iter().map(report_json).collect::<Vec<_>>(),
        "summary": { "exercises": reports.len(), "passed": passed },
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The exercise after `exercise`, in the order of the lessons.
fn next_after(exercise: &Exercise) -> Option<Exercise> {
    let all = exercises();
    let at = all.iter().position(|other| other.key == exercise.key)?;
    all.get(at + 1).copied()
}

/// `list`: every exercise, whether it passes, and the progress.
fn list_command(matches: &ArgMatches) -> ExitCode {
    let playing = playing(matches);
    let json = is_json(matches);
    let reports: Vec<Report> = exercises()
        .iter()
        .map(|exercise| {
            let report = run_checks(exercise, playing, false, true);
            if !json {
                let line = if report.build_errors.is_some() {
                    say::list_does_not_compile(exercise.key, &report.program)
                } else if let Some((name, _)) = report.first_failure() {
                    say::list_fails(exercise.key, &report.program, &say::behaviour(name))
                } else {
                    say::list_passes(exercise.key, &report.program)
                };
                println!("{line}");
            }
            report
        })
        .collect();
    let passed = reports.iter().filter(|report| report.passed()).count();
    if json {
        println!("{}", json_document(&reports, playing));
    } else {
        println!("{}", say::progress(passed, reports.len()));
    }
    ExitCode::SUCCESS
}

/// `hint EXERCISE`.
fn hint_command(matches: &ArgMatches) -> ExitCode {
    let Some(exercise) = named(matches) else {
        return ExitCode::from(2);
    };
    println!(
        "{}",
        say::hint_heading(exercise.key, &exercise.name(), exercise.lesson)
    );
    println!();
    println!("{}", say::what_to_write(todo(&exercise)));
    for line in exercise
        .starter()
        .lines()
        .filter_map(|line| line.trim().strip_prefix("// Python: "))
    {
        println!("Python: {line}");
    }
    println!();
    println!("{}", say::hint_checks());
    for behaviour in behaviours(exercise.lesson) {
        println!("  - {}", say::behaviour(behaviour.name));
    }
    println!();
    println!("{}", say::hint_look(&exercise.pages(), exercise.lesson));
    ExitCode::SUCCESS
}

/// What a file looks like now, to notice that it was saved.
fn signature(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// `watch [EXERCISE]`: check, then check again each time the file is saved. Without a
/// name, the exercise file saved last.
fn watch_command(matches: &ArgMatches) -> ExitCode {
    let playing = playing(matches);
    let poll = Duration::from_millis(matches.get_one::<u64>("poll-ms").copied().unwrap_or(300));
    let exercise = match named(matches) {
        Some(exercise) => exercise,
        None => {
            let newest = exercises()
                .into_iter()
                .filter_map(|exercise| Some((signature(&exercise.path())?.0, exercise)))
                .max_by_key(|(modified, _)| *modified);
            match newest {
                Some((_, exercise)) => exercise,
                None => {
                    eprintln!("{}", say::no_exercise_touched());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let path = examples_dir().join(format!("{}.rs", example_of(&exercise, playing)));
    // Looking at the file's time and size a few times a second works everywhere,
    // including the virtual machines and WSL folders where file events do not arrive.
    // With `--features file-events`, the file system's events wake the checker at once;
    // it still looks now and then, in case an event is lost.
    let events = file_events(&path);
    loop {
        let seen = signature(&path);
        let report = run_checks(&exercise, playing, false, false);
        print_report(&report);
        println!();
        println!("{}", say::watching(&path.display().to_string()));
        match &events {
            Some(_) => println!("{}", say::watching_by_events()),
            None => println!("{}", say::watching_by_polling(poll.as_millis() as u64)),
        }
        let _ = io::stdout().flush();
        while signature(&path) == seen {
            match &events {
                Some((_, woken)) => {
                    let _ = woken.recv_timeout(poll * 10);
                }
                None => std::thread::sleep(poll),
            }
        }
    }
}

/// The file system's events in the folder of `path`, when the `file-events` feature is
/// on and the system delivers them.
#[cfg(feature = "file-events")]
fn file_events(path: &Path) -> Option<(notify::RecommendedWatcher, std::sync::mpsc::Receiver<()>)> {
    use notify::Watcher;
    let (wake, woken) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok() {
            let _ = wake.send(());
        }
    })
    .ok()?;
    watcher
        .watch(path.parent()?, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some((watcher, woken))
}

/// Without the `file-events` feature, there are none: the checker polls.
#[cfg(not(feature = "file-events"))]
fn file_events(_path: &Path) -> Option<((), std::sync::mpsc::Receiver<()>)> {
    None
}

/// `reset EXERCISE`: write the starter again, after asking.
fn reset_command(matches: &ArgMatches) -> ExitCode {
    let Some(exercise) = named(matches) else {
        return ExitCode::from(2);
    };
    let path = exercise.path();
    let shown = path.display().to_string();
    if path.exists() && !flag(matches, "yes") {
        eprint!("{}", say::reset_confirm(&shown));
        let _ = io::stderr().flush();
        let mut answer = String::new();
        let _ = io::stdin().lock().read_line(&mut answer);
        if !matches!(
            answer.trim().to_ascii_lowercase().as_str(),
            "y" | "yes" | "是"
        ) {
            println!("{}", say::reset_kept(&shown));
            return ExitCode::SUCCESS;
        }
    }
    match std::fs::write(&path, exercise.starter()) {
        Ok(()) => {
            println!("{}", say::reset_done(&shown));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: {error}", say::reset_failed(&shown));
            ExitCode::FAILURE
        }
    }
}

/// `kit`: every exercise file is its starter, every lesson passes its checks, every
/// starter fails them with an account of what went wrong.
fn kit_command() -> ExitCode {
    let mut problems = 0;
    let all = exercises();
    for exercise in &all {
        let path = exercise.path();
        let shown = format!("examples/{}.rs", exercise.name());
        if std::fs::read_to_string(&path).ok().as_deref() != Some(exercise.starter().as_str()) {
            println!("{}", say::kit_not_starter(&shown, exercise.key));
            problems += 1;
        }
        let lesson = run_checks(exercise, Playing::Lesson, true, true);
        if !lesson.passed() {
            println!("{}", say::kit_lesson_fails(exercise.lesson));
            if let Some((name, failure)) = lesson.first_failure() {
                println!("  {}\n{failure}", say::behaviour(name));
            }
            problems += 1;
        }
        let starter = run_checks(exercise, Playing::Exercise, false, true);
        let program = exercise.name();
        match (&starter.build_errors, starter.first_failure()) {
            (Some(errors), _) => {
                println!("{}\n{errors}", say::kit_starter_does_not_compile(&program));
                problems += 1;
            }
            (None, None) => {
                println!("{}", say::kit_starter_passes(&program));
                problems += 1;
            }
            (None, Some((_, failure)))
                if failure.expected.is_empty() || failure.found.is_empty() =>
            {
                println!("{}", say::kit_starter_unhelpful(&program));
                problems += 1;
            }
            (None, Some((name, _))) if lesson.passed() => {
                println!(
                    "{}",
                    say::kit_lesson_ok(
                        exercise.key,
                        exercise.lesson,
                        &program,
                        &say::behaviour(name)
                    )
                );
            }
            (None, Some(_)) => {}
        }
    }
    if problems == 0 {
        println!("{}", say::kit_ok(all.len()));
        ExitCode::SUCCESS
    } else {
        println!("{}", say::kit_problems(problems));
        ExitCode::FAILURE
    }
}
