//! A class of client step 3 submissions, graded by `grade` as an instructor would: a
//! correct answer in a student's own style (std's `TcpStream`, its own words, a line
//! ending after each message) passes with full points; the near misses a beginner
//! writes fail, each for what it does on the wire: a reply read by line (netAssist
//! sends none), a read of 0 bytes taken as an empty reply, no deadline, a read to the
//! end of the stream.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::check::{DEADLINE, Program};

/// The correct answer, in a style of its own. `{READ}` is where the near misses differ.
const ALICE: &str = r#"
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;

use socket_workbook::connect;

fn main() -> ExitCode {
    let args = connect::cli("exercise_client3_recv").parse();
    let server = args.addr;
    let wait = connect::timeout(&args);
    let Ok(mut stream) = TcpStream::connect_timeout(&server, wait) else {
        eprintln!("cannot reach {server}");
        return ExitCode::from(1);
    };
    {DEADLINE}
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if stream.write_all(format!("{line}\n").as_bytes()).is_err() {
            break;
        }
        {READ}
    }
    ExitCode::SUCCESS
}
"#;

const DEADLINE_SET: &str = "let _ = stream.set_read_timeout(Some(wait));";

/// One read, 0 bytes ends, a timeout is an error naming the server.
const READ_ONCE: &str = r#"let mut buf = [0u8; 1024];
        match stream.read(&mut buf) {
            Ok(0) => {
                println!("server hung up");
                break;
            }
            Ok(n) => println!("<<< {}", String::from_utf8_lossy(&buf[..n])),
            Err(e) => {
                eprintln!("no answer from {server}: {e}");
                return ExitCode::from(1);
            }
        }"#;

/// The reply read as a line: netAssist's replies (and the checks') have no line ending.
const READ_LINE: &str = r#"let mut reply = String::new();
        match BufReader::new(&stream).read_line(&mut reply) {
            Ok(0) => break,
            Ok(_) => println!("<<< {reply}"),
            Err(e) => {
                eprintln!("no answer from {server}: {e}");
                return ExitCode::from(1);
            }
        }"#;

/// 0 bytes taken as an empty reply: the client goes on sending to a closed server.
const IGNORES_EOF: &str = r#"let mut buf = [0u8; 1024];
        match stream.read(&mut buf) {
            Ok(n) => println!("<<< {}", String::from_utf8_lossy(&buf[..n])),
            Err(e) => {
                eprintln!("no answer from {server}: {e}");
                return ExitCode::from(1);
            }
        }"#;

/// A read to the end of the stream: it waits for the server to close.
const READ_TO_END: &str = r#"let mut all = Vec::new();
        let _ = stream.read_to_end(&mut all);
        println!("<<< {}", String::from_utf8_lossy(&all));"#;

/// A folder removed when dropped.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn folder(name: &str) -> Folder {
    let path = std::env::temp_dir().join(format!(
        "socket-workbook-client-class-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).unwrap();
    Folder(path)
}

/// Correct answers in other styles pass; near misses fail, with less than full points.
#[test]
#[ignore = "grades a whole class in the sandbox: .ci/run runs it with --ignored"]
fn a_class_of_clients_is_graded_by_what_they_do() {
    let class = folder("in");
    let out = folder("out");
    let students = [
        ("alice", DEADLINE_SET, READ_ONCE),
        ("bob_read_line", DEADLINE_SET, READ_LINE),
        ("carol_ignores_eof", DEADLINE_SET, IGNORES_EOF),
        ("dave_no_deadline", "", READ_ONCE),
        ("erin_read_to_end", DEADLINE_SET, READ_TO_END),
    ];
    for (student, deadline, read) in students {
        let dir = class.0.join(student);
        std::fs::create_dir_all(&dir).unwrap();
        let source = ALICE
            .replace("{DEADLINE}", deadline)
            .replace("{READ}", read);
        std::fs::write(dir.join("exercise_client3_recv.rs"), source).unwrap();
    }
    let mut command = assert_cmd::Command::from_std(
        Program::executable("workbook-checker", crate::support::checker()).command(),
    );
    command.timeout(DEADLINE * 30);
    let output = command
        .args(["grade", &class.0.to_string_lossy(), "--out"])
        .arg(&out.0)
        .args(["--exercise", "c3", "--jobs", "4"])
        .output()
        .unwrap();
    let csv = std::fs::read_to_string(out.0.join("summary.csv")).unwrap_or_else(|error| {
        panic!(
            "{error}\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let rows: HashMap<String, Vec<String>> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<String> = line.split(',').map(str::to_string).collect();
            (fields[0].clone(), fields)
        })
        .collect();
    let (verdict, score, max) = {
        let alice = &rows["alice"];
        (alice[2].clone(), alice[3].clone(), alice[4].clone())
    };
    assert_eq!((verdict.as_str(), &score), ("pass", &max), "{csv}");
    for student in [
        "bob_read_line",
        "carol_ignores_eof",
        "dave_no_deadline",
        "erin_read_to_end",
    ] {
        let row = &rows[student];
        assert_eq!(row[2], "fail", "{student}: {csv}");
        let score: u32 = row[3].parse().unwrap();
        let max: u32 = row[4].parse().unwrap();
        assert!(score < max, "{student}: {csv}");
    }
}
