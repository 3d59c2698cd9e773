//! The servers under test and how each is started: the ladder's examples (built in
//! release mode through Cargo), socat (a process pair per client) and the Python
//! servers of `.ci/bench`; a running server killed and reaped when dropped; the
//! lines a child prints.

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::ladder;

/// The flags every ladder server gets: no line per message, the peers' backlog, no
/// idle timeout in the way.
const LADDER_FLAGS: [&str; 5] = ["--quiet", "--backlog", "4096", "--idle-timeout", "600"];

/// How long a server may take to start.
const START: Duration = Duration::from_secs(20);

/// A server under test.
#[derive(Clone, Debug)]
pub struct Contender {
    /// Its name in the table.
    pub name: &'static str,
    /// How to start it.
    pub kind: Kind,
}

#[derive(Clone, Debug)]
pub enum Kind {
    /// A ladder example and its own flags.
    Ladder(&'static str, &'static [&'static str]),
    /// socat with a process pair per client.
    Socat,
    /// A Python script of `.ci/bench`.
    Python(&'static str),
}

impl Contender {
    pub fn is_peer(&self) -> bool {
        !matches!(self.kind, Kind::Ladder(..))
    }

    /// Whether its memory is that of several processes (socat forks per client).
    pub fn forks(&self) -> bool {
        matches!(self.kind, Kind::Socat)
    }
}

/// The version line of a tool, or `None` with a word on how to install it.
pub fn tool_version(program: &str, args: &[&str], marker: &str, install: String) -> Option<String> {
    let output = Command::new(program).args(args).output();
    let version = output.ok().and_then(|output| {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        text.lines()
            .find(|line| line.contains(marker))
            .map(|line| line.trim().to_string())
    });
    if version.is_none() {
        crate::output::stderr_line(format_args!("{install}"));
    }
    version
}

/// Builds an example in release mode with the ladder's features, through Cargo.
pub fn build(manifest: &Path, example: &str) -> anyhow::Result<PathBuf> {
    let built = escargot::CargoBuild::new()
        .example(example)
        .release()
        .features("ladder")
        .manifest_path(manifest.join("Cargo.toml"))
        .run()
        .with_context(|| ladder::bench_build_failed(example))?;
    Ok(built.path().to_path_buf())
}

/// A server running for one measurement: killed and reaped when dropped.
pub struct Running {
    pub child: Child,
    stdin: Option<ChildStdin>,
    pub addr: SocketAddr,
    /// The server ends cleanly when its stdin closes (the ladder's), or is killed.
    stops_on_stdin: bool,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stdin = None;
        if self.stops_on_stdin && wait_for(&mut self.child, Duration::from_secs(10)) {
            return;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits up to `limit` for `child` to end; whether it did.
pub fn wait_for(child: &mut Child, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        // A benchmark may poll: nothing here is a test, and 10 ms is no cost.
        thread::sleep(Duration::from_millis(10));
    }
    false
}

/// The lines a child writes on stdout, as they come.
pub fn lines_of(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// Waits for the line that `wanted` accepts, within `limit`.
pub fn wait_line(
    lines: &Receiver<String>,
    limit: Duration,
    wanted: impl Fn(&str) -> bool,
) -> anyhow::Result<String> {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if wanted(&line) => return Ok(line),
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => bail!(ladder::bench_no_line(limit.as_secs())),
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!(ladder::bench_ended()),
        }
    }
}

/// Starts a contender on a free port of 127.0.0.1.
pub fn start(
    manifest: &Path,
    contender: &Contender,
    path: Option<&Path>,
) -> anyhow::Result<Running> {
    let mut command;
    let mut fixed_port = None;
    match contender.kind {
        Kind::Ladder(_, flags) => {
            command = Command::new(path.context(ladder::bench_build_failed(contender.name))?);
            command.arg("127.0.0.1:0").args(LADDER_FLAGS).args(flags);
        }
        Kind::Socat => {
            // socat takes no port 0 and prints no address: ask the system for a free
            // port, free it, and give it to socat.
            let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
            command = Command::new("socat");
            command.arg(format!(
                "TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr,backlog=4096"
            ));
            command.arg("EXEC:cat");
            fixed_port = Some(port);
        }
        Kind::Python(script) => {
            command = Command::new("python3");
            command
                .arg(manifest.join(".ci").join("bench").join(script))
                .args(["127.0.0.1", "0"]);
        }
    }
    let mut child = command
        .env("WORKBOOK_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| ladder::bench_start_failed(contender.name))?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let mut running = Running {
        child,
        stdin,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        stops_on_stdin: !contender.is_peer(),
    };
    running.addr = match fixed_port {
        Some(port) => {
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            let deadline = Instant::now() + START;
            // socat prints nothing when it listens: try to connect until it answers.
            while TcpStream::connect(addr).is_err() {
                if Instant::now() > deadline {
                    bail!(ladder::bench_no_line(START.as_secs()));
                }
                thread::sleep(Duration::from_millis(20));
            }
            addr
        }
        None => {
            let lines = lines_of(stdout.context(ladder::bench_start_failed(contender.name))?);
            let line = wait_line(&lines, START, |line| line.starts_with("listening on "))?;
            // Keep reading what the server prints, so that it never blocks on a full pipe.
            thread::spawn(move || for _ in lines {});
            line.rsplit(' ')
                .next()
                .and_then(|addr| addr.parse().ok())
                .context(ladder::bench_no_line(START.as_secs()))?
        }
    };
    Ok(running)
}
