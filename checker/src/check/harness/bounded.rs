//! What a program may use and how it ends: CPU and memory limits, a process group of
//! its own, and on Linux `setpriv` and `prlimit`.

use std::ffi::OsString;
use std::process::{Child, Command};

use super::program::Program;

/// What a student's program may use: CPU time and memory (address space). Applied on
/// Linux through util-linux's `prlimit`; macOS and Windows run the program without them
/// (its time is still bounded by each step's deadline, and it is killed on drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceLimits {
    /// Seconds of CPU time.
    pub cpu_seconds: u64,
    /// Bytes of address space.
    pub memory_bytes: u64,
}

impl Default for ResourceLimits {
    fn default() -> ResourceLimits {
        ResourceLimits {
            cpu_seconds: 20,
            memory_bytes: 1 << 30,
        }
    }
}

/// A tool of the system that bounds a program (`setpriv`, `prlimit`), if it is there
/// and works; looked for once.
#[cfg(target_os = "linux")]
pub(super) fn wrapper(name: &'static str) -> Option<&'static str> {
    static FOUND: std::sync::OnceLock<Vec<(&'static str, bool)>> = std::sync::OnceLock::new();
    let found = FOUND.get_or_init(|| {
        let works = |args: &[&str]| {
            Command::new(args[0])
                .args(&args[1..])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
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
    let mut bounds = Vec::new();
    // On Windows there is no process group: nothing is pushed.
    if cfg!(unix) {
        bounds.push("process-group");
    }
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
pub(super) fn kill_group(child: &mut Child) {
    // std kills one process; its children are in its group. The group is named by the
    // leader's id, which stays reserved until the leader is reaped below.
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", child.id())])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Program {
    /// The command that starts the program bounded: on Linux through `setpriv`, so that
    /// it gets SIGKILL however the checker ends (a SIGTERM from a CI timeout included),
    /// and `prlimit` for its limits; on Unix in a process group of its own, so that its
    /// children are killed with it.
    pub(super) fn bounded_command(&self) -> Command {
        // A worker of `grade` runs a student's program in a sandbox of its own.
        if let Some(limits) = self.limits {
            if let Some(command) =
                crate::sandbox::run_command(&self.argv, limits.memory_bytes, limits.cpu_seconds)
            {
                return command;
            }
        }
        let wrappers = wrappers(self.limits);
        let command = match wrappers.first() {
            None => self.command(),
            Some(first) => {
                let mut command = Command::new(first);
                command.args(&wrappers[1..]).args(&self.argv);
                for var in ["LANG", "LC_ALL", "LC_MESSAGES", "WORKBOOK_LANG"] {
                    command.env_remove(var);
                }
                command
            }
        };
        in_own_group(command)
    }
}

/// The command line that runs a program under the parent-death signal and `limits`,
/// before the program's own: `setpriv` and `prlimit`, where they work.
#[cfg(target_os = "linux")]
fn wrappers(limits: Option<ResourceLimits>) -> Vec<OsString> {
    let mut argv: Vec<OsString> = Vec::new();
    if let Some(setpriv) = wrapper("setpriv") {
        argv.extend([setpriv, "--pdeathsig", "KILL", "--"].map(OsString::from));
    }
    if let (Some(limits), Some(prlimit)) = (limits, wrapper("prlimit")) {
        argv.push(prlimit.into());
        argv.push(format!("--cpu={}", limits.cpu_seconds).into());
        argv.push(format!("--as={}", limits.memory_bytes).into());
        argv.push("--".into());
    }
    argv
}

/// macOS and Windows have neither tool: the program runs as it is, bounded by each
/// step's deadline and killed on drop.
#[cfg(not(target_os = "linux"))]
fn wrappers(_limits: Option<ResourceLimits>) -> Vec<OsString> {
    Vec::new()
}

/// On Unix, the program leads a process group of its own, so that [`kill_group`] ends
/// its children with it.
#[cfg(unix)]
fn in_own_group(mut command: Command) -> Command {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
    command
}

/// Windows has no process groups of this kind: std kills the program alone.
#[cfg(not(unix))]
fn in_own_group(command: Command) -> Command {
    command
}
