//! Runs a lesson's program as a child process, waits for its readiness line, drives a
//! TCP client against it and feeds its stdin, with a deadline on every blocking step.
//!
//! Every step returns an [`Outcome`]: a failure says what was expected, what happened
//! instead, what the test did up to then and what the program printed, so that a
//! student (through the checker) and a developer (through `cargo test`) read the same
//! account. A server's child process is killed and reaped when its handle drops.

use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use predicates::Predicate;
use wait_timeout::ChildExt;

use crate::text::check as text;
use socket_workbook::message::show;

/// How long any one step may take by default: a server starting, a line arriving, a
/// process ending. Generous, because it only decides how long a broken program takes
/// to fail.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The result of a step of a check.
pub type Outcome<T = ()> = Result<T, Failure>;

/// The program that plays a lesson: the reference example, or a student's exercise.
#[derive(Debug, Clone)]
pub struct Program {
    lesson: String,
    argv: Vec<OsString>,
    /// How the program is named in a failure: the example's name, or the command.
    shown: String,
    deadline: Duration,
    /// Finds the other programs a check may need (the workbook's `client`).
    others: Option<fn(&str) -> Program>,
    /// CPU-time and memory limits, for a student's program.
    limits: Option<Limits>,
}

/// What a student's program may use: CPU time and memory (address space). Applied on
/// Linux through util-linux's `prlimit`; macOS and Windows run the program without them
/// (its time is still bounded by each step's deadline, and it is killed on drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Seconds of CPU time.
    pub cpu_seconds: u64,
    /// Bytes of address space.
    pub memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            cpu_seconds: 20,
            memory_bytes: 1 << 30,
        }
    }
}

/// An address of 127.0.0.1 that nothing listens on, for a program to be given: its port
/// is below the range the system hands out for port 0 (32768 and up on Linux, 49152 and
/// up on macOS and Windows), so no other test's `127.0.0.1:0` takes it in the meantime,
/// and each process starts at a place of its own in that range, so that test binaries
/// running at once rarely try the same port. A port that is taken (or in TIME_WAIT) is
/// skipped.
pub fn free_addr() -> SocketAddr {
    const FIRST: u16 = 20_000;
    const COUNT: u16 = 12_000;
    static NEXT: AtomicU16 = AtomicU16::new(u16::MAX);
    let start = (std::process::id() % u32::from(COUNT)) as u16;
    let _ = NEXT.compare_exchange(u16::MAX, start, Ordering::SeqCst, Ordering::SeqCst);
    for _ in 0..COUNT {
        let offset = NEXT.fetch_add(1, Ordering::SeqCst) % COUNT;
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, FIRST + offset));
        if TcpListener::bind(addr).is_ok() {
            return addr;
        }
    }
    // Every port of the range is taken: let the system choose one.
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .unwrap_or_else(|_| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
}

/// The address a program was given as its first argument, as its readiness line should
/// show it: `localhost` is 127.0.0.1; port 0 is any port but 0.
fn given_addr(arg: &OsString) -> Option<SocketAddr> {
    let arg = arg.to_str()?;
    let arg = match arg.strip_prefix("localhost:") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => arg.to_string(),
    };
    arg.parse().ok()
}

/// A tool of the system that bounds a program (`setpriv`, `prlimit`), if it is there
/// and works; looked for once.
#[cfg(target_os = "linux")]
fn wrapper(name: &'static str) -> Option<&'static str> {
    static FOUND: std::sync::OnceLock<Vec<(&'static str, bool)>> = std::sync::OnceLock::new();
    let found = FOUND.get_or_init(|| {
        let works = |args: &[&str]| {
            Command::new(args[0])
                .args(&args[1..])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        };
        vec![
            (
                "setpriv",
                works(&["setpriv", "--pdeathsig", "KILL", "--", "true"]),
            ),
            ("prlimit", works(&["prlimit", "--cpu=1", "--", "true"])),
        ]
    });
    found
        .iter()
        .find(|(tool, works)| *tool == name && *works)
        .map(|(tool, _)| *tool)
}

/// How a program is bounded on this machine, in words for a report: which of the
/// parent-death signal and the limits apply.
pub fn bounds() -> Vec<&'static str> {
    // On Windows nothing is pushed.
    #[allow(unused_mut)]
    let mut bounds = Vec::new();
    #[cfg(unix)]
    bounds.push("process-group");
    #[cfg(target_os = "linux")]
    {
        if wrapper("setpriv").is_some() {
            bounds.push("killed-with-the-checker");
        }
        if wrapper("prlimit").is_some() {
            bounds.push("cpu-and-memory-limits");
        }
    }
    bounds
}

/// Kills a child and every process of its group (it leads its own), then reaps it.
fn kill_group(child: &mut Child) {
    // std kills one process; its children are in its group. The group is named by the
    // leader's id, which stays reserved until the leader is reaped below.
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", child.id())])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Program {
    /// `lesson` played by the executable at `path` (a built example).
    pub fn executable(lesson: &str, path: impl Into<OsString>) -> Program {
        let path: OsString = path.into();
        let shown = std::path::Path::new(&path)
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| lesson.to_string());
        Program {
            shown,
            ..Program::with_command(lesson, vec![path])
        }
    }

    /// `lesson` played by a command line that the lesson's own arguments follow, such
    /// as `cargo run -q --example exercise4_accept --`.
    pub fn with_command(lesson: &str, argv: Vec<OsString>) -> Program {
        let shown = argv
            .iter()
            .map(|arg| arg.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        Program {
            lesson: lesson.to_string(),
            argv,
            shown,
            deadline: DEADLINE,
            others: None,
            limits: None,
        }
    }

    /// The same program, with limits on its CPU time and memory where the system
    /// allows them (see [`Limits`]).
    pub fn bounded(mut self, limits: Limits) -> Program {
        self.limits = Some(limits);
        self
    }

    /// The command that starts the program bounded: on Linux through `setpriv`, so that
    /// it gets SIGKILL however the checker ends (a SIGTERM from a CI timeout included),
    /// and `prlimit` for its limits; on Unix in a process group of its own, so that its
    /// children are killed with it.
    fn bounded_command(&self) -> Command {
        #[allow(unused_mut)]
        let mut argv: Vec<OsString> = Vec::new();
        #[cfg(target_os = "linux")]
        {
            if let Some(setpriv) = wrapper("setpriv") {
                argv.extend([setpriv, "--pdeathsig", "KILL", "--"].map(OsString::from));
            }
            if let (Some(limits), Some(prlimit)) = (self.limits, wrapper("prlimit")) {
                argv.push(prlimit.into());
                argv.push(format!("--cpu={}", limits.cpu_seconds).into());
                argv.push(format!("--as={}", limits.memory_bytes).into());
                argv.push("--".into());
            }
        }
        let mut command = match argv.first() {
            None => self.command(),
            Some(first) => {
                let mut command = Command::new(first);
                command.args(&argv[1..]).args(&self.argv);
                for var in ["LANG", "LC_ALL", "LC_MESSAGES", "WORKBOOK_LANG"] {
                    command.env_remove(var);
                }
                command
            }
        };
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        command
    }

    /// The same program, with a way to find the other programs a check may need.
    pub fn others(mut self, find: fn(&str) -> Program) -> Program {
        self.others = Some(find);
        self
    }

    /// Another example of the workbook (such as `client`), found the way this program
    /// was, with the same deadline.
    pub fn other(&self, name: &str) -> Outcome<Program> {
        match self.others {
            Some(find) => Ok(find(name).deadline(self.deadline)),
            None => Err(Failure::new(
                text::expect_started(),
                text::found_error(&format!("no way to find `{name}`")),
            )),
        }
    }

    /// The same program with another deadline for each step.
    pub fn deadline(mut self, deadline: Duration) -> Program {
        self.deadline = deadline;
        self
    }

    /// The lesson this program plays (`step4_accept`), whatever its own name.
    pub fn lesson(&self) -> &str {
        &self.lesson
    }

    /// The command that starts the program, in the environment the checks assume:
    /// English, whatever the machine's locale, unless a check asks otherwise.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.argv[0]);
        command.args(&self.argv[1..]);
        for var in ["LANG", "LC_ALL", "LC_MESSAGES", "WORKBOOK_LANG"] {
            command.env_remove(var);
        }
        command
    }

    /// A run of the program with no arguments yet.
    pub fn launch(&self) -> Launch<'_> {
        Launch {
            program: self,
            args: Vec::new(),
            envs: Vec::new(),
            stdin: Vec::new(),
        }
    }

    /// A run of the program as a server on a free port of 127.0.0.1 that the check
    /// chose (not 0, not 8888): [`Launch::start`] then expects the readiness line to
    /// show exactly that address, so a program that ignores its argument fails.
    pub fn server(&self) -> Launch<'_> {
        self.launch().arg(free_addr().to_string())
    }

    /// A run of the program as a server on a port the system chooses (`127.0.0.1:0`).
    pub fn any_port(&self) -> Launch<'_> {
        self.launch().arg("127.0.0.1:0")
    }

    /// Starts the program as a server on a free port and waits until it listens.
    pub fn start(&self) -> Outcome<Server> {
        self.server().start()
    }
}

/// What the test did so far, and what the program wrote: shared by a server and its
/// clients so that any failure can tell the whole story.
#[derive(Default)]
struct Story {
    command: String,
    did: Vec<String>,
    stdout: Capped,
    stderr: Capped,
}

/// How much of each output stream is kept: its first bytes (room for a 64 KiB line and
/// more) and its last ones; what lies between is counted, not kept.
const KEEP_HEAD: usize = 256 * 1024;
const KEEP_TAIL: usize = 64 * 1024;
/// How much of each stream an account of failure shows, head and tail.
const SHOW_HEAD: usize = 8 * 1024;
const SHOW_TAIL: usize = 8 * 1024;
/// The most bytes of lines waiting to be read by a check; past it, lines are dropped
/// from the queue (they stay in the output kept).
const QUEUE_LIMIT: usize = 4 * 1024 * 1024;
/// The longest line passed to a check whole; a longer one arrives in pieces.
const LINE_LIMIT: usize = 1024 * 1024;

/// An output stream, kept head and tail, with a count of the bytes left out between.
#[derive(Default)]
struct Capped {
    head: Vec<u8>,
    tail: Vec<u8>,
    dropped: usize,
}

impl Capped {
    fn push(&mut self, mut bytes: &[u8]) {
        if self.head.len() < KEEP_HEAD {
            let room = (KEEP_HEAD - self.head.len()).min(bytes.len());
            self.head.extend_from_slice(&bytes[..room]);
            bytes = &bytes[room..];
        }
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > 2 * KEEP_TAIL {
            let extra = self.tail.len() - KEEP_TAIL;
            self.tail.drain(..extra);
            self.dropped += extra;
        }
    }

    /// The text kept, with a note of what was left out.
    fn text(&self) -> String {
        self.clipped(usize::MAX, usize::MAX)
    }

    /// At most `head` bytes of the start and `tail` of the end, as text.
    fn clipped(&self, head: usize, tail: usize) -> String {
        let all: Vec<u8> = self.head.iter().chain(&self.tail).copied().collect();
        let dropped_inside = self.dropped;
        let (start, end, dropped) = if all.len() > head.saturating_add(tail) {
            (
                &all[..head],
                &all[all.len() - tail..],
                dropped_inside + all.len() - head - tail,
            )
        } else if dropped_inside > 0 {
            let split = self.head.len();
            (&all[..split], &all[split..], dropped_inside)
        } else {
            return String::from_utf8_lossy(&all).into_owned();
        };
        let mut text = String::from_utf8_lossy(start).into_owned();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&text::dropped_bytes(dropped));
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(end));
        text
    }
}

type Shared = Arc<Mutex<Story>>;

fn lock(story: &Shared) -> std::sync::MutexGuard<'_, Story> {
    story.lock().unwrap_or_else(PoisonError::into_inner)
}

fn record(story: &Shared, action: String) {
    lock(story).did.push(action);
}

fn failure(story: &Shared, expected: String, found: String) -> Failure {
    let story = lock(story);
    Failure(Box::new(Account {
        expected,
        found,
        command: story.command.clone(),
        did: story.did.clone(),
        stdout: story.stdout.clipped(SHOW_HEAD, SHOW_TAIL),
        stderr: story.stderr.clipped(SHOW_HEAD, SHOW_TAIL),
    }))
}

/// A check that did not hold; its [`Account`] tells what and how.
#[derive(Clone, PartialEq, Eq)]
pub struct Failure(Box<Account>);

impl std::ops::Deref for Failure {
    type Target = Account;

    fn deref(&self) -> &Account {
        &self.0
    }
}

/// What a failed check expected, what happened instead, what the check did, and what
/// the program printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// What the check expected.
    pub expected: String,
    /// What happened instead.
    pub found: String,
    /// The program's command line.
    pub command: String,
    /// What the test did, in order.
    pub did: Vec<String>,
    /// What the program wrote on stdout.
    pub stdout: String,
    /// What the program wrote on stderr.
    pub stderr: String,
}

impl Failure {
    /// A failure with no program involved.
    pub fn new(expected: String, found: String) -> Failure {
        failure(&Shared::default(), expected, found)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labelled = socket_workbook::text::labelled;
        writeln!(f, "{}", labelled(&text::label_expected(), &self.expected))?;
        writeln!(f, "{}", labelled(&text::label_found(), &self.found))?;
        writeln!(f, "{}", labelled(&text::label_did(), "").trim_end())?;
        if !self.command.is_empty() {
            writeln!(f, "  - {}", text::did_start(&self.command))?;
        }
        for action in &self.did {
            writeln!(f, "  - {action}")?;
        }
        for (label, output) in [
            (text::label_stdout(), &self.stdout),
            (text::label_stderr(), &self.stderr),
        ] {
            if output.trim().is_empty() {
                writeln!(f, "{}", labelled(&label, &text::nothing()))?;
            } else {
                writeln!(f, "{}", labelled(&label, "").trim_end())?;
                for line in output.lines() {
                    writeln!(f, "  | {line}")?;
                }
            }
        }
        Ok(())
    }
}

// A test that returns `Err(Failure)` prints it with `Debug`: show the same account.
impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Failure {}

/// How to run a program: its arguments, environment and typed-ahead stdin.
pub struct Launch<'p> {
    program: &'p Program,
    args: Vec<OsString>,
    envs: Vec<(String, String)>,
    stdin: Vec<u8>,
}

impl Launch<'_> {
    /// One more argument.
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Several more arguments.
    pub fn args<I: Into<OsString>>(mut self, args: impl IntoIterator<Item = I>) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// An environment variable for the child.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.envs.push((key.to_string(), value.to_string()));
        self
    }

    /// Text written to stdin at once (replies typed ahead). A server's stdin stays open
    /// until [`Server::close_stdin`] or [`Server::finish`].
    pub fn typed_ahead(mut self, text: &str) -> Self {
        self.stdin.extend_from_slice(text.as_bytes());
        self
    }

    /// Starts the program without waiting for a readiness line (for programs that
    /// are not servers, such as the checker itself).
    pub fn spawn(self) -> Outcome<Server> {
        let mut command = self.program.bounded_command();
        command
            .args(&self.args)
            .envs(self.envs.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut described: Vec<String> = self
            .envs
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        described.push(self.program.shown.clone());
        described.extend(
            self.args
                .iter()
                .map(|arg| arg.to_string_lossy().into_owned()),
        );
        let story: Shared = Arc::new(Mutex::new(Story {
            command: described.join(" "),
            ..Story::default()
        }));
        let mut child = command.spawn().map_err(|error| {
            failure(
                &story,
                text::expect_started(),
                text::found_error(&error.to_string()),
            )
        })?;
        let (lines_tx, lines) = mpsc::channel();
        let (errors_tx, errors) = mpsc::channel();
        let (ticks_tx, ticks) = mpsc::channel();
        let queued = Arc::new(AtomicUsize::new(0));
        let mut readers = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            let queue = (lines_tx, Arc::clone(&queued));
            readers.push(spawn_reader(
                stdout,
                Arc::clone(&story),
                queue,
                Some(ticks_tx),
            ));
        }
        if let Some(stderr) = child.stderr.take() {
            let queue = (errors_tx, Arc::clone(&queued));
            readers.push(spawn_reader(stderr, Arc::clone(&story), queue, None));
        }
        let stdin = child.stdin.take();
        let mut server = Server {
            child,
            stdin,
            lines,
            errors,
            story,
            readers,
            queued,
            addr: SocketAddr::from(([0, 0, 0, 0], 0)),
            deadline: self.program.deadline,
            ended: false,
            ticks,
            prompts_seen: 0,
        };
        if !self.stdin.is_empty() {
            server.write_stdin(&self.stdin);
        }
        Ok(server)
    }

    /// Starts the program and waits for its readiness line, `listening on <addr>`.
    ///
    /// When its first argument is an address, the line must show that address (with
    /// port 0, that IP and a real port): a program that binds another one, such as a
    /// hard-coded `127.0.0.1:8888` or every interface, `0.0.0.0`, fails here.
    pub fn start(self) -> Outcome<Server> {
        let given = self.args.first().and_then(|arg| {
            let addr = given_addr(arg)?;
            Some((arg.to_string_lossy().into_owned(), addr))
        });
        let mut server = self.spawn()?;
        let line =
            server.expect_line_where(text::expect_readiness(), |line| readiness(line).is_some())?;
        server.addr = readiness(&line).unwrap_or(server.addr);
        if let Some((given, wanted)) = given {
            let shown = server.addr;
            let right = if wanted.port() == 0 {
                shown.ip() == wanted.ip() && shown.port() != 0
            } else {
                shown == wanted
            };
            if !right {
                let found = if shown.ip().is_unspecified() && !wanted.ip().is_unspecified() {
                    text::found_every_interface(&given, shown)
                } else {
                    text::found_other_address(&given, shown)
                };
                return Err(server.fail(text::expect_listening_on(&given), found));
            }
        }
        Ok(server)
    }

    /// Starts the program without waiting for a readiness line, for a program that is
    /// no server (a client such as loadgen): its handle reads its lines and types on its
    /// stdin as a server's does.
    pub fn begin(self) -> Outcome<Server> {
        self.spawn()
    }

    /// Runs the program to its end with stdin closed (after any typed-ahead text),
    /// within the deadline.
    pub fn run(self) -> Outcome<Finished> {
        self.spawn()?.finish()
    }
}

/// The address in a readiness line, `listening on <addr>`, or its Chinese form
/// `正在监听 <addr>`: in every language the line ends with the address.
pub fn readiness(line: &str) -> Option<SocketAddr> {
    let line = line.trim_end();
    if !(line.starts_with("listening on ") || line.starts_with("正在监听 ")) {
        return None;
    }
    line.rsplit(' ').next()?.parse().ok()
}

/// Copies one output stream of the child into the story as it comes (a prompt with no
/// line ending too), and its lines into a channel as well. For stdout, `ticks` hears
/// of every piece, so that [`Server::expect_prompt`] can look at a line not ended yet.
///
/// Bounded whatever the program writes: the story keeps head and tail of each stream,
/// a line longer than [`LINE_LIMIT`] arrives in pieces, and lines that no check reads
/// wait in the queue up to [`QUEUE_LIMIT`] bytes, then are dropped from it.
fn spawn_reader(
    mut stream: impl Read + Send + 'static,
    story: Shared,
    (lines, queued): (mpsc::Sender<String>, Arc<AtomicUsize>),
    ticks: Option<mpsc::Sender<()>>,
) -> JoinHandle<()> {
    let is_stdout = ticks.is_some();
    thread::spawn(move || {
        let mut piece = [0u8; 4096];
        let mut line = Vec::new();
        // A line for the checks, unless too many wait unread already.
        let send = |line: &[u8]| {
            if queued.load(Ordering::SeqCst) + line.len() > QUEUE_LIMIT {
                return;
            }
            let text = String::from_utf8_lossy(line).trim_end().to_string();
            queued.fetch_add(text.len(), Ordering::SeqCst);
            let _ = lines.send(text);
        };
        loop {
            let n = match stream.read(&mut piece) {
                Ok(0) => break,
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            {
                let mut story = lock(&story);
                let output = if is_stdout {
                    &mut story.stdout
                } else {
                    &mut story.stderr
                };
                output.push(&piece[..n]);
            }
            for &byte in &piece[..n] {
                line.push(byte);
                if byte == b'\n' || line.len() >= LINE_LIMIT {
                    send(&line);
                    line.clear();
                }
            }
            if let Some(ticks) = &ticks {
                let _ = ticks.send(());
            }
        }
        if !line.is_empty() {
            send(&line);
        }
    })
}

/// A running program. Dropping it kills and reaps the child.
pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    errors: Receiver<String>,
    story: Shared,
    readers: Vec<JoinHandle<()>>,
    /// Bytes of lines waiting in `lines` and `errors`.
    queued: Arc<AtomicUsize>,
    /// The address from the readiness line.
    pub addr: SocketAddr,
    deadline: Duration,
    ended: bool,
    /// A signal for each piece of stdout, for [`Server::expect_prompt`].
    ticks: Receiver<()>,
    /// How many prompts [`Server::expect_prompt`] has seen.
    prompts_seen: usize,
}

impl Server {
    /// Waits until stdout shows `prompt` once more than the prompts already seen:
    /// a prompt ends no line (the operator types on it), so it is looked for in
    /// everything printed, not line by line.
    pub fn expect_prompt(&mut self, prompt: &str) -> Outcome {
        let deadline = Instant::now() + self.deadline;
        loop {
            let shown = lock(&self.story).stdout.text().matches(prompt).count();
            if shown > self.prompts_seen {
                self.prompts_seen += 1;
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.ticks.recv_timeout(left) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    let found = text::found_nothing_within(self.deadline);
                    return Err(self.fail(text::expect_prompt(prompt), found));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.fail(text::expect_prompt(prompt), text::found_stdout_closed()));
                }
            }
        }
    }

    /// Whether the program has ended already (it is then reaped).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// A client connected to this server.
    pub fn connect(&self) -> Outcome<Client> {
        Client::connect_within(self.addr, Arc::clone(&self.story), self.deadline)
    }

    /// Gives the program's output a moment to reach the story once it has ended, so
    /// that an account shows its last words (a panic's message on stderr).
    fn settle(&self) {
        let until = Instant::now() + Duration::from_millis(500);
        while Instant::now() < until && !self.readers.iter().all(JoinHandle::is_finished) {
            // The readers end when the program's pipes close, with no event to wait on
            // but their ending: look again shortly.
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// A failure of this server's check, with the whole story so far.
    pub fn fail(&self, expected: String, found: String) -> Failure {
        failure(&self.story, expected, found)
    }

    /// Waits for the next stdout line that contains `needle`, skipping the others.
    pub fn expect_line(&mut self, needle: &str) -> Outcome<String> {
        self.expect_line_where(text::expect_line_containing(needle), |line| {
            line.contains(needle)
        })
    }

    /// Waits for the next stdout line that satisfies `wanted`, skipping the others;
    /// `what` describes it for a failure.
    pub fn expect_line_where(
        &mut self,
        what: String,
        wanted: impl Fn(&str) -> bool,
    ) -> Outcome<String> {
        self.expect_in(false, what, wanted)
    }

    /// Waits for the next stderr line that contains `needle`, skipping the others.
    pub fn expect_stderr_line(&mut self, needle: &str) -> Outcome<String> {
        self.expect_in(true, text::expect_stderr_has(needle), |line| {
            line.contains(needle)
        })
    }

    fn expect_in(
        &mut self,
        stderr: bool,
        what: String,
        wanted: impl Fn(&str) -> bool,
    ) -> Outcome<String> {
        let deadline = Instant::now() + self.deadline;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let lines = if stderr { &self.errors } else { &self.lines };
            let received = lines.recv_timeout(left);
            if let Ok(line) = &received {
                self.queued.fetch_sub(line.len(), Ordering::SeqCst);
            }
            match received {
                Ok(line) if wanted(&line) => return Ok(line),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(self.fail(what, text::found_nothing_within(self.deadline)));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait_timeout(self.deadline).ok().flatten();
                    self.ended = status.is_some();
                    if self.ended {
                        self.settle();
                    }
                    let found = match status {
                        Some(status) => text::found_ended(&describe(status)),
                        None => text::found_stdout_closed(),
                    };
                    return Err(self.fail(what, found));
                }
            }
        }
    }

    fn write_stdin(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            // The child may have ended already; what it did then is the check's to see.
            let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
        }
    }

    /// Types one line on the child's stdin, as the operator would.
    pub fn type_line(&mut self, line: &str) {
        record(&self.story, text::did_type(line));
        self.write_stdin(format!("{line}\n").as_bytes());
    }

    /// Types raw bytes and Enter on the child's stdin, as a terminal in another
    /// encoding (GBK on Chinese Windows) would send them.
    pub fn type_bytes(&mut self, bytes: &[u8]) {
        record(&self.story, text::did_type(&show(bytes)));
        let mut line = bytes.to_vec();
        line.push(b'\n');
        self.write_stdin(&line);
    }

    /// Closes the child's stdin (the end of input, as Ctrl+D).
    pub fn close_stdin(&mut self) {
        if self.stdin.take().is_some() {
            record(&self.story, text::did_close_stdin());
        }
    }

    /// Closes stdin, waits for the program to end, and returns what it wrote.
    pub fn finish(self) -> Outcome<Finished> {
        let deadline = self.deadline;
        self.finish_within(deadline)
    }

    /// As [`finish`](Server::finish), with another deadline.
    pub fn finish_within(mut self, limit: Duration) -> Outcome<Finished> {
        // Without a word on stdin, a program that waits for input ends here; closing it
        // says nothing about what the test did, so it is not recorded.
        self.stdin = None;
        let status = match self.child.wait_timeout(limit) {
            Ok(Some(status)) => status,
            Ok(None) => {
                return Err(self.fail(text::expect_end_within(limit), text::found_still_running()));
            }
            Err(error) => {
                return Err(self.fail(text::expect_end_within(limit), error.to_string()));
            }
        };
        self.ended = true;
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        Ok(Finished {
            status,
            story: Arc::clone(&self.story),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.ended {
            kill_group(&mut self.child);
        }
    }
}

/// Exit status 0, 1, … or the signal that ended a program.
fn describe(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => text::exit_code(code),
        None => text::killed(&status.to_string()),
    }
}

/// A program that has ended: its exit status and what it wrote, with checks.
pub struct Finished {
    /// The exit status.
    pub status: ExitStatus,
    story: Shared,
}

impl Finished {
    /// What the program wrote on stdout.
    pub fn stdout(&self) -> String {
        lock(&self.story).stdout.text()
    }

    /// What the program wrote on stderr.
    pub fn stderr(&self) -> String {
        lock(&self.story).stderr.text()
    }

    /// Everything, for assert_cmd's `OutputAssertExt` in tests.
    pub fn output(&self) -> std::process::Output {
        let story = lock(&self.story);
        std::process::Output {
            status: self.status,
            stdout: story.stdout.text().into_bytes(),
            stderr: story.stderr.text().into_bytes(),
        }
    }

    /// A failure of a check of this run.
    pub fn fail(&self, expected: String, found: String) -> Failure {
        failure(&self.story, expected, found)
    }

    /// Expects exit status 0.
    pub fn success(&self) -> Outcome<&Self> {
        self.code(0)
    }

    /// Expects exit status `code`.
    pub fn code(&self, code: i32) -> Outcome<&Self> {
        if self.status.code() == Some(code) {
            Ok(self)
        } else {
            Err(self.fail(text::exit_code(code), describe(self.status)))
        }
    }

    /// Expects stdout to contain `needle`.
    pub fn stdout_has(&self, needle: &str) -> Outcome<&Self> {
        let pass = predicates::str::contains(needle).eval(&self.stdout());
        self.expect(pass, || text::expect_stdout_has(needle))
    }

    /// Expects stdout not to contain `needle`.
    pub fn stdout_lacks(&self, needle: &str) -> Outcome<&Self> {
        let pass = !predicates::str::contains(needle).eval(&self.stdout());
        self.expect(pass, || text::expect_stdout_lacks(needle))
    }

    /// Expects stderr to contain `needle`.
    pub fn stderr_has(&self, needle: &str) -> Outcome<&Self> {
        let pass = predicates::str::contains(needle).eval(&self.stderr());
        self.expect(pass, || text::expect_stderr_has(needle))
    }

    /// Expects stderr not to contain `needle`.
    pub fn stderr_lacks(&self, needle: &str) -> Outcome<&Self> {
        let pass = !predicates::str::contains(needle).eval(&self.stderr());
        self.expect(pass, || text::expect_stderr_lacks(needle))
    }

    /// Expects nothing on stderr: no warning, no error.
    pub fn stderr_empty(&self) -> Outcome<&Self> {
        let pass = predicates::str::is_empty().eval(self.stderr().as_str());
        self.expect(pass, text::expect_stderr_empty)
    }

    fn expect(&self, pass: bool, expected: impl FnOnce() -> String) -> Outcome<&Self> {
        if pass {
            Ok(self)
        } else {
            Err(self.fail(expected(), text::found_see_output()))
        }
    }
}

/// A check's TCP client: every connect, read and write has a deadline, and each
/// action is told in the story of a failure.
pub struct Client {
    stream: TcpStream,
    story: Shared,
    deadline: Duration,
}

impl Client {
    /// Connects to `addr` within [`DEADLINE`], for checks with no server of their own.
    pub fn connect(addr: SocketAddr) -> Outcome<Client> {
        Client::connect_within(addr, Shared::default(), DEADLINE)
    }

    fn connect_within(addr: SocketAddr, story: Shared, deadline: Duration) -> Outcome<Client> {
        let stream = TcpStream::connect_timeout(&addr, deadline)
            .map_err(|error| failure(&story, text::expect_connect(addr), error.to_string()))?;
        let timeouts = stream
            .set_read_timeout(Some(deadline))
            .and_then(|()| stream.set_write_timeout(Some(deadline)));
        if let Err(error) = timeouts {
            return Err(failure(
                &story,
                text::expect_connect(addr),
                error.to_string(),
            ));
        }
        let local = stream
            .local_addr()
            .map_err(|error| failure(&story, text::expect_connect(addr), error.to_string()))?;
        record(&story, text::did_connect(addr, local));
        Ok(Client {
            stream,
            story,
            deadline,
        })
    }

    /// The client's own address, as the server should report it.
    pub fn local_addr(&self) -> SocketAddr {
        self.stream
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    /// A failure of this client's check, with the story so far.
    pub fn fail(&self, expected: String, found: String) -> Failure {
        failure(&self.story, expected, found)
    }

    /// Sends all of `bytes` in one write call.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) -> Outcome {
        let bytes = bytes.as_ref();
        record(&self.story, text::did_send(&show(bytes)));
        self.stream
            .write_all(bytes)
            .map_err(|error| self.fail(text::expect_send(), error.to_string()))
    }

    /// Reads one line, up to `\n` included, as text (bytes that are not UTF-8 become
    /// U+FFFD).
    pub fn read_line(&mut self) -> Outcome<String> {
        Ok(String::from_utf8_lossy(&self.read_line_bytes()?).into_owned())
    }

    /// Reads one line, up to `\n` included, as bytes.
    pub fn read_line_bytes(&mut self) -> Outcome<Vec<u8>> {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while !line.ends_with(b"\n") {
            match self.stream.read(&mut byte) {
                Ok(0) => {
                    let found = text::found_end_of_stream_after(&show(&line));
                    return Err(self.fail(text::expect_reply_line(), found));
                }
                Ok(_) => line.push(byte[0]),
                // A signal arrived (a child process of the tests ended): a read with a
                // timeout (SO_RCVTIMEO) is then not restarted by the kernel, so read again.
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    let found = self.read_error(&line, &error);
                    return Err(self.fail(text::expect_reply_line(), found));
                }
            }
        }
        record(&self.story, text::did_read(&show(&line)));
        Ok(line)
    }

    /// One read of at most `size` bytes, as `recv(size)`: what arrived, empty at the
    /// end of the stream.
    pub fn recv(&mut self, size: usize) -> Outcome<Vec<u8>> {
        let mut buffer = vec![0u8; size];
        loop {
            match self.stream.read(&mut buffer) {
                Ok(n) => {
                    buffer.truncate(n);
                    record(&self.story, text::did_recv(size, &show(&buffer)));
                    return Ok(buffer);
                }
                // See `read_line_bytes`.
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    let found = text::found_read_error("\"\"", &error.to_string());
                    return Err(self.fail(text::expect_recv(), found));
                }
            }
        }
    }

    /// Tells what the check did that the harness cannot see (a pause, a silence).
    pub fn note(&self, action: String) {
        record(&self.story, action);
    }

    /// Reads until the server ends the stream; returns what came before the end.
    pub fn read_to_end(&mut self) -> Outcome<Vec<u8>> {
        let mut all = Vec::new();
        match self.stream.read_to_end(&mut all) {
            Ok(_) => {
                record(&self.story, text::did_read_to_end(&show(&all)));
                Ok(all)
            }
            Err(error) => {
                let found = self.read_error(&all, &error);
                Err(self.fail(text::expect_end_of_stream(), found))
            }
        }
    }

    /// What a failed read found: silence for a read that timed out (WouldBlock on
    /// Unix, TimedOut on Windows), else the error.
    fn read_error(&self, before: &[u8], error: &std::io::Error) -> String {
        match error.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                text::found_silence_within(&show(before), self.deadline)
            }
            _ => text::found_read_error(&show(before), &error.to_string()),
        }
    }

    /// Reads until the end of the stream and expects nothing before it.
    pub fn expect_end_of_stream(&mut self) -> Outcome {
        let rest = self.read_to_end()?;
        if rest.is_empty() {
            Ok(())
        } else {
            Err(self.fail(text::expect_end_of_stream(), show(&rest)))
        }
    }

    /// Closes the sending side: the server reads end-of-stream; we can still read.
    pub fn shutdown_write(&self) -> Outcome {
        record(&self.story, text::did_shutdown_write());
        self.stream
            .shutdown(Shutdown::Write)
            .map_err(|error| self.fail(text::expect_shutdown(), error.to_string()))
    }

    /// Closes the connection in order (a FIN).
    pub fn close(self) {
        record(&self.story, text::did_close());
    }

    /// Ends the connection with a reset (RST) instead of an orderly close, as a client
    /// program that crashes does.
    pub fn reset(self) -> Outcome {
        record(&self.story, text::did_reset());
        socket2::SockRef::from(&self.stream)
            .set_linger(Some(Duration::ZERO))
            .map_err(|error| self.fail(text::expect_reset(), error.to_string()))
    }
}

impl Server {
    /// `count` clients connected to this server at once, in the order they connected.
    pub fn connect_many(&self, count: usize) -> Outcome<Vec<Client>> {
        (0..count).map(|_| self.connect()).collect()
    }
}

/// Runs `each` for every client at once, each on a thread of its own, as many real
/// clients would; returns what each returned, in order, or the first failure. Every
/// step of `each` has the client's deadline, so this ends even if a server hangs.
pub fn in_parallel<T: Send>(
    clients: Vec<Client>,
    each: impl Fn(usize, Client) -> Outcome<T> + Sync,
) -> Outcome<Vec<T>> {
    let each = &each;
    thread::scope(|scope| {
        let running: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(index, client)| scope.spawn(move || each(index, client)))
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread.join().unwrap_or_else(|_| {
                    Err(Failure::new(
                        text::expect_started(),
                        text::found_error("a client's thread panicked"),
                    ))
                })
            })
            .collect()
    })
}
