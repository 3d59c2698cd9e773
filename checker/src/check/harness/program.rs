//! The program that plays a lesson, and how it is launched: its arguments, environment,
//! typed-ahead stdin, and the readiness line a server prints.

use std::ffi::OsString;
use std::fs::OpenOptions;
use std::net::SocketAddr;
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use socket2::{Domain, Socket, Type};

use super::server::spawn_reader;
use super::story::{Shared, Story, failure, lock};
use super::{DEADLINE, Failure, Finished, Outcome, ResourceLimits, Server};
use crate::text::check as text;

/// The program that plays a lesson: the reference example, or a student's exercise.
#[derive(Debug, Clone)]
pub struct Program {
    pub(super) lesson: String,
    pub(super) argv: Vec<OsString>,
    /// How the program is named in a failure: the example's name, or the command.
    pub(super) shown: String,
    pub(super) deadline: Duration,
    /// Finds the other programs a check may need (the workbook's `client`).
    pub(super) others: Option<fn(&str) -> Program>,
    /// CPU-time and memory limits, for a student's program.
    pub(super) limits: Option<ResourceLimits>,
}

/// An address of 127.0.0.1 that nothing listens on, for a program to be given: its port
/// is below the range the system hands out for port 0 (32768 and up on Linux, 49152 and
/// up on macOS and Windows), so no `127.0.0.1:0` takes it in the meantime. A port that is
/// taken (or in TIME_WAIT) is skipped, and so is one that another checker or test binary
/// on this machine handed out in the last [`HOLD`] ([`Reservation`]): two processes never
/// give their programs the same port, however their walks through the range meet.
pub fn free_addr() -> SocketAddr {
    const FIRST: u16 = 20_000;
    const COUNT: u16 = 12_000;
    static NEXT: AtomicU16 = AtomicU16::new(u16::MAX);
    // Processes started one after another have process ids close together: spread their
    // starting places over the range (Knuth's multiplicative hash).
    let start = (std::process::id().wrapping_mul(2_654_435_761) % u32::from(COUNT)) as u16;
    let _ = NEXT.compare_exchange(u16::MAX, start, Ordering::SeqCst, Ordering::SeqCst);
    for _ in 0..COUNT {
        let offset = NEXT.fetch_add(1, Ordering::SeqCst) % COUNT;
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, FIRST + offset));
        if Reservation::take(addr.port()) && bindable_without_reuse(addr) {
            return addr;
        }
    }
    // Every port of the range is taken: let the system choose one.
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .unwrap_or_else(|_| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
}

/// Whether a socket without `SO_REUSEADDR` can bind `addr`, as a student's program that
/// does not set it must: on Linux and macOS that also skips a port whose connection of a
/// minute ago is still in TIME_WAIT (std's `TcpListener` sets `SO_REUSEADDR` there, and
/// would take it).
fn bindable_without_reuse(addr: SocketAddr) -> bool {
    Socket::new(Domain::IPV4, Type::STREAM, None)
        .and_then(|socket| socket.bind(&addr.into()))
        .is_ok()
}

/// How long a port [`free_addr`] handed out stays reserved for the program it was given
/// to, at least: longer than a program may take to start ([`DEADLINE`]).
pub const HOLD: Duration = Duration::from_secs(30);

/// A port handed out by [`free_addr`], reserved across processes (test binaries,
/// checkers) by a file in `socket-workbook-ports` of the temporary folder, named after the
/// port and the slot of [`HOLD`] seconds it was taken in: `24017.59012345`. Creating it
/// is the reservation (only one process can create a file); a port is free again when
/// neither that slot nor the one before or after has a file, so a reservation lasts from
/// [`HOLD`] to twice that. Files, not locks: std's `File::try_lock` needs Rust 1.89, and
/// the workbook keeps 1.85.
struct Reservation;

impl Reservation {
    /// Whether `port` is now reserved by this process, or cannot be reserved at all (the
    /// folder cannot be written: then only the bind decides); false when another process
    /// reserved it.
    fn take(port: u16) -> bool {
        static SWEPT: std::sync::Once = std::sync::Once::new();
        let dir = std::env::temp_dir().join("socket-workbook-ports");
        if std::fs::create_dir_all(&dir).is_err() {
            return true;
        }
        let slot = Self::slot_now();
        // Once per process: the files of slots long past are taken away.
        SWEPT.call_once(|| Self::sweep(&dir, slot));
        Self::take_in(&dir, port, slot)
    }

    /// The slot of [`HOLD`] seconds that now falls in.
    fn slot_now() -> u64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        now.as_secs() / HOLD.as_secs()
    }

    /// [`Reservation::take`] in `dir`, in `slot`. The file is made first and its
    /// neighbours looked at after: of two processes that reserve one port in slots next
    /// to each other, the later one to make its file sees the other's and gives way (at
    /// worst both give way), so two never both have it.
    fn take_in(dir: &Path, port: u16, slot: u64) -> bool {
        let name = |slot: u64| dir.join(format!("{port}.{slot}"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(name(slot))
        {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => return false,
            Err(_) => return true,
        }
        if name(slot.saturating_sub(1)).exists() || name(slot + 1).exists() {
            let _ = std::fs::remove_file(name(slot));
            return false;
        }
        true
    }

    /// Removes the files of slots before the one before `slot`.
    fn sweep(dir: &Path, slot: u64) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let taken_in = name
                .to_str()
                .and_then(|name| name.split_once('.'))
                .and_then(|(_, taken_in)| taken_in.parse::<u64>().ok());
            if taken_in.is_some_and(|taken_in| taken_in + 1 < slot) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The address a program was given as its first argument, as its readiness line should
/// show it: `localhost` is 127.0.0.1; port 0 is any port but 0.
pub(super) fn given_addr(arg: &OsString) -> Option<SocketAddr> {
    let arg = arg.to_str()?;
    let arg = match arg.strip_prefix("localhost:") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => arg.to_string(),
    };
    arg.parse().ok()
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
    /// allows them (see [`ResourceLimits`]).
    pub fn bounded(mut self, limits: ResourceLimits) -> Program {
        self.limits = Some(limits);
        self
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

/// How to run a program: its arguments, environment and typed-ahead stdin.
pub struct Launch<'p> {
    pub(super) program: &'p Program,
    pub(super) args: Vec<OsString>,
    pub(super) envs: Vec<(String, String)>,
    pub(super) stdin: Vec<u8>,
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
        lock(&story).open_streams = readers.len();
        let stdin = child.stdin.take();
        // A student's program (bounded) that spins is stopped at once.
        let watchdog = self
            .program
            .limits
            .map(|_| super::watchdog::watch(child.id(), std::sync::Arc::clone(&story)));
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
            watchdog,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A port handed out is reserved: no other process (nor this one) takes it in the
    /// same slot or the next, and it is free again two slots later.
    #[test]
    fn a_port_handed_out_is_reserved_against_other_processes() {
        let addr = free_addr();
        assert!(!Reservation::take(addr.port()));
        let dir =
            std::env::temp_dir().join(format!("socket-workbook-ports-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(Reservation::take_in(&dir, 20_001, 100));
        assert!(!Reservation::take_in(&dir, 20_001, 100));
        assert!(!Reservation::take_in(&dir, 20_001, 101));
        assert!(!Reservation::take_in(&dir, 20_001, 99));
        assert!(Reservation::take_in(&dir, 20_002, 100));
        assert!(Reservation::take_in(&dir, 20_001, 102));
        // The sweep at slot 104 takes away slot 102's file but keeps slot 103's.
        assert!(Reservation::take_in(&dir, 20_003, 103));
        Reservation::sweep(&dir, 104);
        assert!(!dir.join("20001.102").exists());
        assert!(dir.join("20003.103").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A port whose connection is in TIME_WAIT on this side (it closed first) is not
    /// handed out, although std's `TcpListener` (with `SO_REUSEADDR`) could bind it: a
    /// student's program without `SO_REUSEADDR` could not.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_port_in_time_wait_is_not_bindable_without_reuse() {
        use std::io::Read;
        // A port of free_addr's, not port 0's: once the listener is gone, no connection
        // of another test can take a port below the system's range for port 0, and no
        // other free_addr hands it out, so the last bind sees only the TIME_WAIT.
        let addr = free_addr();
        let listener = TcpListener::bind(addr).unwrap();
        let mut client = std::net::TcpStream::connect(addr).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        drop(listener);
        // The server's side closes first, then reads the client's FIN: its side of the
        // connection is now in TIME_WAIT, on the listening port.
        server.shutdown(std::net::Shutdown::Write).unwrap();
        assert_eq!(client.read(&mut [0; 1]).unwrap(), 0);
        drop(client);
        assert_eq!(server.read(&mut [0; 1]).unwrap(), 0);
        drop(server);
        assert!(!bindable_without_reuse(addr));
        assert!(TcpListener::bind(addr).is_ok());
    }
}
