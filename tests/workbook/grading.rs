//! Grading (issue 11): `grade` on a small class, one student per typical mistake; the
//! address a check gives a program; what bounds a program; `list` from saved results;
//! a missing file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use predicates::str::contains;
use serde_json::Value;

use crate::check::{DEADLINE, Program, free_addr};

/// The checker, with room for the builds it asks Cargo for.
fn checker() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(
        Program::executable("workbook-checker", crate::support::checker()).command(),
    );
    command.timeout(DEADLINE * 30);
    command
}

/// A fresh folder for one test, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!(
            "socket-workbook-grading-{name}-{}",
            std::process::id()
        ));
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

/// The students whose submissions are a lesson with one typical mistake, made of the
/// lesson's source now by the mistakes `kit` uses (`checker/src/mistakes.rs`), so that
/// they never lag behind the lessons: (student, mistake).
const MISTAKEN: [(&str, &str); 6] = [
    ("bob_hardcoded", "hard-coded-address"),
    ("carol_bind_all", "binds-0.0.0.0"),
    ("dave_no_print", "no-readiness-line"),
    ("erin_ignores_exit", "ignores-exit"),
    ("frank_busy_loop", "busy-loop-after-the-peer-leaves"),
    ("grace_panic", "panics"),
];

/// The class, in a folder of its own: the students written by hand in `tests/class`
/// (alice's answer of her own, heidi's that does not compile, ivan's missing file), the
/// mistaken ones of [`MISTAKEN`] (alice's answer where the lesson has no place for the
/// mistake), judy's verbatim copy of the reference and ken's
/// untouched starter, each for exercises 4 and e2.
fn class() -> Folder {
    let folder = Folder::new("class-handed-in");
    let written = Path::new(crate::support::ROOT).join("tests/class");
    for student in std::fs::read_dir(&written).unwrap() {
        let student = student.unwrap().path();
        let into = folder.0.join(student.file_name().unwrap());
        std::fs::create_dir_all(&into).unwrap();
        for file in std::fs::read_dir(&student).unwrap() {
            let file = file.unwrap().path();
            std::fs::copy(&file, into.join(file.file_name().unwrap())).unwrap();
        }
    }
    for key in ["4", "e2"] {
        let exercise = workbook_checker::exercise::meant_by(key).unwrap();
        let source = exercise.source();
        let hand_in = |student: &str, text: String| {
            let dir = folder.0.join(student);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{}.rs", exercise.file)), text).unwrap();
        };
        for (student, name) in MISTAKEN {
            let mistake = workbook_checker::mistakes::MISTAKES
                .iter()
                .find(|mistake| mistake.name == name)
                .unwrap_or_else(|| panic!("no mistake `{name}` in checker/src/mistakes.rs"));
            // Where the lesson has no place for the mistake (step 4 reads no `exit`), the
            // student got it right, as alice did.
            let made = (mistake.make)(&source).unwrap_or_else(|| {
                let alice = written.join("alice").join(format!("{}.rs", exercise.file));
                std::fs::read_to_string(alice).unwrap()
            });
            hand_in(student, made);
        }
        hand_in("judy_copy", source.clone());
        hand_in("ken_starter", exercise.starter());
    }
    folder
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// The whole class, end to end: every mistake fails with a score that says how much of
/// the exercise's new part works, the right answers pass, the copy of the reference and
/// the untouched starter are flagged, and every output file is there in its format.
///
/// It compiles and checks a dozen students' programs (a minute and more on two cores), so
/// `cargo test` leaves it to CI: `.ci/run` runs it with
/// `cargo test --test workbook -- --ignored grading::`.
#[test]
#[ignore = "slow (a whole class compiled and graded): .ci/run runs it"]
fn a_class_is_graded_end_to_end() {
    let out = Folder::new("class");
    let handed_in = class();
    let class = &handed_in.0;
    let output = checker()
        .args(["grade", &class.to_string_lossy(), "--out"])
        .arg(&out.0)
        .args(["--exercise", "4", "--exercise", "e2", "--jobs", "4"])
        // The class is the workbook's own: where no sandbox can be made (macOS,
        // Windows), it may run without one.
        .args(no_sandbox_here())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("graded 21 submissions (11 students, 2 exercises)"),
        "{stdout}"
    );

    // summary.csv, with its exact columns.
    let csv = std::fs::read_to_string(out.0.join("summary.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("student,exercise,verdict,score,max_score,seconds,flags")
    );
    let rows: HashMap<(String, String), Vec<String>> = lines
        .map(|line| {
            let fields: Vec<String> = line.split(',').map(str::to_string).collect();
            ((fields[0].clone(), fields[1].clone()), fields)
        })
        .collect();
    assert_eq!(rows.len(), 22, "{csv}");
    let row = |student: &str, key: &str| -> (String, u64, u64, String) {
        let fields = &rows[&(student.to_string(), key.to_string())];
        (
            fields[2].clone(),
            fields[3].parse().unwrap(),
            fields[4].parse().unwrap(),
            fields[6].clone(),
        )
    };
    for key in ["4", "e2"] {
        let (verdict, score, max, _) = row("alice", key);
        assert_eq!((verdict.as_str(), score), ("pass", max), "alice {key}");
        let (verdict, score, max, flags) = row("judy_copy", key);
        assert_eq!((verdict.as_str(), score), ("pass", max), "judy {key}");
        assert!(flags.contains("copy-of-reference"), "judy {key}: {flags}");
        // Every mistake fails; the ones that break what the exercise adds score 0.
        for student in [
            "bob_hardcoded",
            "carol_bind_all",
            "dave_no_print",
            "grace_panic",
            "heidi_no_compile",
            "ken_starter",
        ] {
            let (verdict, score, max, _) = row(student, key);
            assert_eq!((verdict.as_str(), score), ("fail", 0), "{student} {key}");
            assert!(max > 0, "{student} {key}");
        }
        let (verdict, _, _, _) = row("frank_busy_loop", key);
        assert_eq!(verdict, "fail", "frank {key}");
        let (_, _, _, flags) = row("ken_starter", key);
        assert!(flags.contains("starter"), "ken {key}: {flags}");
    }
    let (verdict, score, max, _) = row("erin_ignores_exit", "e2");
    assert_eq!(verdict, "fail");
    assert!(score < max, "erin scores {score} of {max}");
    let (verdict, score, max, _) = row("ivan_missing", "e2");
    assert_eq!((verdict.as_str(), score), ("missing", 0));
    assert!(max > 0);

    // The full reports say why.
    let report =
        |student: &str, file: &str| json(&out.0.join(student).join(format!("{file}.json")));
    let first_failure = |report: &Value| -> Value {
        report["behaviours"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["status"] == "failed")
            .cloned()
            .unwrap_or(Value::Null)
    };
    let carol = report("carol_bind_all", "exercise4_accept");
    let found = first_failure(&carol)["failure"]["found"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        found.contains("`0.0.0.0:") && found.contains("every network interface"),
        "{found}"
    );
    let bob = report("bob_hardcoded", "exercise4_accept");
    let stderr = first_failure(&bob)["failure"]["stderr"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        stderr.contains("could not bind `127.0.0.1:8888`"),
        "{stderr}"
    );
    let heidi = report("heidi_no_compile", "exercise4_accept");
    assert_eq!(heidi["compiles"], false);
    assert!(
        heidi["first_error"]
            .as_str()
            .unwrap()
            .starts_with("error[E0308]"),
        "{heidi}"
    );
    assert!(
        heidi["hints"][0]
            .as_str()
            .unwrap()
            .contains(".as_socket().context(Failed::Query)?")
    );
    let dave = report("dave_no_print", "exercise_example2_server");
    let statuses: Vec<&str> = dave["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    // Never ready: the first check fails, the rest are not run.
    assert_eq!(statuses[0], "failed");
    assert!(
        statuses[1..].iter().all(|status| *status == "skipped"),
        "{statuses:?}"
    );
    assert!(dave["seconds"].as_f64().unwrap() < 30.0, "{dave}");
    assert!(dave["behaviours"][0]["seconds"].as_f64().is_some());
    // The busy loop's flood of output is kept short, with a count of what was left out.
    let frank = out.0.join("frank_busy_loop/exercise_example2_server.json");
    let size = std::fs::metadata(&frank).unwrap().len();
    assert!(size < 400_000, "{size} bytes");
    let frank = json(&frank);
    let stdout = first_failure(&frank)["failure"]["stdout"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(stdout.contains("bytes left out …]"), "{stdout}");

    // Gradescope's results.json: a score, and tests with the fields it reads.
    let results = json(&out.0.join("alice/results.json"));
    let points = |lesson: &str| -> u32 {
        workbook_checker::lessons::behaviours(lesson)
            .iter()
            .map(|behaviour| behaviour.weight)
            .sum()
    };
    assert_eq!(
        results["score"],
        points("step4_accept") + points("example2_server")
    );
    for test in results["tests"].as_array().unwrap() {
        for field in ["name", "score", "max_score", "status", "output"] {
            assert!(!test[field].is_null(), "{field}: {test}");
        }
    }
    let results = json(&out.0.join("ivan_missing/results.json"));
    // The exercise ivan did not hand in is "not submitted", not a failed test.
    assert!(
        results["tests"]
            .as_array()
            .unwrap()
            .iter()
            .all(|test| !test["name"].as_str().unwrap().starts_with("e2:")),
        "{results}"
    );
    assert_eq!(
        results["not_submitted"][0],
        "e2 (exercise_example2_server.rs)"
    );
    // JUnit: one suite per submission.
    let junit = std::fs::read_to_string(out.0.join("junit.xml")).unwrap();
    assert!(junit.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(junit.matches("<testsuite ").count(), 22);
    assert!(junit.contains("<failure message="));
    // The most alike pairs.
    let similar = std::fs::read_to_string(out.0.join("similar.csv")).unwrap();
    assert!(similar.starts_with(
        "exercise,student_a,student_b,similarity,shared_fingerprints,flagged,lines_a,lines_b\n"
    ));

    // Nothing of the grading is in the instructor's examples or target.
    for dir in ["examples", "target/debug/examples"] {
        let dir = Path::new(crate::support::ROOT).join(dir);
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(!name.starts_with("graded__"), "{dir:?}: {name}");
        }
    }
}

/// A program gets an address the check chose: a free one of 127.0.0.1, never 8888, below
/// the range the system hands out for port 0.
#[test]
fn the_check_chooses_the_address() {
    let addrs: Vec<_> = (0..20).map(|_| free_addr()).collect();
    for addr in &addrs {
        assert!(addr.ip().is_loopback());
        assert_ne!(addr.port(), 8888);
        assert!((20_000..32_000).contains(&addr.port()), "{addr}");
        std::net::TcpListener::bind(addr).unwrap();
    }
    let mut unique = addrs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), addrs.len());
}

/// `--no-sandbox` where this machine cannot make a sandbox, for classes we trust.
fn no_sandbox_here() -> Option<&'static str> {
    workbook_checker::sandbox::available()
        .err()
        .map(|_| "--no-sandbox")
}

/// Without a sandbox (here: no `bwrap` on the PATH), `grade` says so and refuses the
/// class, naming the way out; it builds and runs nothing.
#[cfg(target_os = "linux")]
#[test]
fn grade_refuses_untrusted_code_without_a_sandbox() {
    let out = Folder::new("no-sandbox");
    let empty = Folder::new("empty-path");
    let class = Path::new(crate::support::ROOT).join("tests/class");
    let output = checker()
        .args(["grade", &class.to_string_lossy(), "--out"])
        .arg(&out.0)
        .env("PATH", &empty.0)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no sandbox"), "{stderr}");
    assert!(stderr.contains("bubblewrap"), "{stderr}");
    assert!(stderr.contains("--no-sandbox"), "{stderr}");
    assert!(!out.0.join("summary.csv").exists());
}

/// When only the checker gets SIGTERM (a CI timeout), the program it checks ends too.
#[cfg(target_os = "linux")]
#[test]
fn a_sigterm_to_the_checker_leaves_no_program_behind() {
    // step3_listen, checked as exercise 4, listens and waits: the check waits for a line
    // it never prints, long enough to stop the checker meanwhile.
    let mut checker = std::process::Command::new(crate::support::checker())
        .args(["check", "4", "--program", "step3_listen"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let parent = checker.id();
    let deadline = Instant::now() + DEADLINE * 6;
    let program = loop {
        let found = children(parent)
            .into_iter()
            .find(|pid| cmdline(*pid).contains("step3_listen"));
        if let Some(pid) = found {
            break pid;
        }
        assert!(
            Instant::now() < deadline,
            "the checker never started step3_listen"
        );
        // No event tells that the checker has started its child: look again shortly.
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Command::new("kill")
        .args(["-s", "TERM", &parent.to_string()])
        .status()
        .unwrap();
    checker.wait().unwrap();
    let deadline = Instant::now() + DEADLINE;
    while alive(program) {
        assert!(
            Instant::now() < deadline,
            "step3_listen ({program}) still runs"
        );
        // The kernel delivers the parent-death signal at once; give it its moment.
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(target_os = "linux")]
fn children(pid: u32) -> Vec<u32> {
    let mut children = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let list = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        children.extend(
            list.split_whitespace()
                .filter_map(|pid| pid.parse::<u32>().ok()),
        );
    }
    children
}

#[cfg(target_os = "linux")]
fn cmdline(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|bytes| String::from_utf8_lossy(&bytes).replace('\0', " "))
        .unwrap_or_default()
}

/// Alive: there, and not a zombie waiting for a parent to reap it.
#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next();
    !matches!(state, None | Some("Z") | Some("X"))
}

/// A file that is not there is missing, not "does not compile".
#[test]
fn a_missing_file_is_missing() {
    let folder = Folder::new("missing");
    let examples = folder.0.join("examples");
    std::fs::create_dir_all(&examples).unwrap();
    let total: u32 = workbook_checker::lessons::behaviours("step4_accept")
        .iter()
        .map(|behaviour| behaviour.weight)
        .sum();
    checker()
        .args(["check", "4"])
        .env("WORKBOOK_EXAMPLES_DIR", &examples)
        .assert()
        .code(1)
        .stdout(contains("missing: no file"))
        .stdout(contains(format!("score: 0 of {total}")));
}

/// `list` answers from the results it saved, without checking again, in about a second.
#[test]
fn list_answers_from_saved_results() {
    let folder = Folder::new("list");
    let examples = folder.0.join("examples");
    std::fs::create_dir_all(&examples).unwrap();
    let list = || {
        let started = Instant::now();
        let output = checker()
            .arg("list")
            .env("WORKBOOK_EXAMPLES_DIR", &examples)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            started.elapsed(),
        )
    };
    let (first, _) = list();
    assert!(first.contains("exercise4_accept: missing"), "{first}");
    assert!(
        folder
            .0
            .join("target/socket-workbook-results.json")
            .exists()
    );
    let (second, took) = list();
    assert_eq!(first, second);
    assert!(took < Duration::from_secs(3), "{took:?}");
}

/// The Classroom workflow has one test per exercise, `cargo run -q -- check KEY`, worth
/// the exercise's points from the table.
#[test]
fn the_classroom_workflow_names_every_exercise_with_its_points() {
    let path = Path::new(crate::support::ROOT).join("docs/workflows/classroom.yml");
    let workflow = std::fs::read_to_string(path).unwrap();
    let exercises = workbook_checker::exercise::exercises();
    assert_eq!(
        workflow
            .matches("uses: classroom-resources/autograding-command-grader@v1")
            .count(),
        exercises.len()
    );
    for exercise in exercises {
        let points: u32 = exercise.checks.iter().map(|b| b.weight).sum();
        let step = format!(
            "command: cargo run -q -- check {}\n          timeout: 10\n          max-score: {points}\n",
            exercise.key
        );
        assert!(workflow.contains(&step), "{}: {step}", exercise.key);
        let id = format!("exercise-{}", exercise.key.replace('_', "-"));
        assert!(workflow.contains(&format!("id: {id}\n")), "{id}");
        assert!(
            workflow.contains(&format!("steps.{id}.outputs.result")),
            "{id}"
        );
    }
}
