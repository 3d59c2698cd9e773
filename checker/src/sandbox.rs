//! The sandbox in which `grade` builds and runs a student's code: bubblewrap (`bwrap`),
//! the sandbox Flatpak runs its applications in, kept by others and in every Linux
//! distribution (Debian's package `bubblewrap`).
//!
//! Untrusted code never runs as the instructor would see it. Each build of a submission
//! and each run of its program is one `bwrap` call that gives it:
//!
//! - a file system of its own: the system's `/usr` (and `/bin`, `/lib`…) read-only, a
//!   few files of `/etc` the loader and the resolver need, its own `/proc` and `/dev`,
//!   and a private `/tmp` of bounded size as its home and working folder. The
//!   instructor's home, the classmates' files, the grading output, the workbook's
//!   target and every Unix socket of the machine are not there at all;
//! - an environment of its own: `PATH`, `HOME` and what the checks set, nothing else
//!   (no token, no `SSH_AUTH_SOCK`);
//! - its own user, PID, IPC, UTS and cgroup namespaces: it sees and signals no other
//!   process, and when the program exits or is killed, the namespace's first process
//!   (bubblewrap's) ends and the kernel kills everything the program started, whatever
//!   process group or session it moved to (`--die-with-parent` does the same when the
//!   worker dies);
//! - the network namespace of its worker: the checks' clients reach its server on
//!   127.0.0.1, and nothing else does (see `commands/grade.rs`);
//! - bounds, through `prlimit` (and a memory cgroup, see below): processes (RLIMIT_NPROC counts every process and thread
//!   of the sandbox's user namespace: the kernel keeps that count per namespace and
//!   user, so it bounds the whole submission, not one process), address space per
//!   process, CPU time per process, file size, open files; and a size on its `/tmp`.
//!
//! Memory is bounded for the whole submission by a memory cgroup ([`MemoryGroup`]) where
//! the grader may make one: as root, with cgroups v1's memory controller or a v2
//! hierarchy whose memory controller is on for its children. An instructor's own user
//! rarely may (systemd delegates v2 cgroups to user sessions, not to a command), so
//! there memory is bounded per process only (RLIMIT_AS): at worst
//! [`RunLimits::processes`] × [`RunLimits::memory_bytes`] for as long as one check lasts.
//!
//! Root is exempt from RLIMIT_NPROC, so when the grader runs as root (in a container,
//! in CI) each run of a program switches to the unprivileged user `nobody` first
//! (`setpriv`), before bubblewrap makes its user namespace.
//!
//! A build runs `rustc` alone in a sandbox (no Cargo, no build script, no procedural
//! macro): the lessons' library and its dependencies are built once by Cargo on the
//! instructor's side, and each submission is compiled against them, read-only, by the
//! very `rustc` command line that Cargo uses for an example (see [`Recipe`]). A build
//! that hangs (an `include_bytes!("/dev/zero")`) is killed at its deadline and counts
//! as a failed build of that submission alone.

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use wait_timeout::ChildExt;

/// The variable that tells a worker (`grade-one`) to run the student's program in a
/// sandbox; its value is the folder of files the sandbox shows in `/etc`.
pub const SANDBOX_ENV: &str = "WORKBOOK_GRADE_SANDBOX";

/// The variable that tells a worker the `cgroup.procs` of the memory cgroup its runs
/// join (see [`MemoryGroup`]).
pub const CGROUP_ENV: &str = "WORKBOOK_GRADE_CGROUP";

/// Where a program's executable is, inside its sandbox.
const INSIDE: &str = "/grading";

/// What one run of a student's program may use.
#[derive(Debug, Clone, Copy)]
pub struct RunLimits {
    /// Processes and threads of the whole sandbox.
    pub processes: u64,
    /// Bytes of address space, per process.
    pub memory_bytes: u64,
    /// Seconds of CPU time, per process.
    pub cpu_seconds: u64,
    /// Bytes of any one file it writes.
    pub file_bytes: u64,
    /// Bytes of its `/tmp`, all files together.
    pub tmp_bytes: u64,
    /// Open files, per process.
    pub open_files: u64,
}

impl Default for RunLimits {
    fn default() -> RunLimits {
        RunLimits {
            // Servers of the later lessons start a thread per client or a pool of a few;
            // bubblewrap's own first process counts too.
            processes: 64,
            memory_bytes: 1 << 30,
            cpu_seconds: 20,
            file_bytes: 16 << 20,
            tmp_bytes: 32 << 20,
            open_files: 1024,
        }
    }
}

/// What one build of a submission may use.
#[derive(Debug, Clone, Copy)]
pub struct BuildLimits {
    /// Wall-clock time, after which the build is killed and fails.
    pub deadline: Duration,
    /// Bytes of address space, per process (rustc, the linker).
    pub memory_bytes: u64,
    /// Seconds of CPU time, per process.
    pub cpu_seconds: u64,
    /// Bytes of any one file (the executable).
    pub file_bytes: u64,
    /// Bytes of its `/tmp` (the linker's files).
    pub tmp_bytes: u64,
}

impl Default for BuildLimits {
    fn default() -> BuildLimits {
        BuildLimits {
            deadline: Duration::from_secs(120),
            memory_bytes: 3 << 30,
            cpu_seconds: 120,
            file_bytes: 256 << 20,
            tmp_bytes: 512 << 20,
        }
    }
}

/// Whether untrusted code can be sandboxed here: `Ok` on Linux with bubblewrap and
/// user namespaces, else why not (for the instructor). Tried once.
pub fn available() -> Result<(), String> {
    static FOUND: OnceLock<Result<(), String>> = OnceLock::new();
    FOUND.get_or_init(probe).clone()
}

#[cfg(not(target_os = "linux"))]
fn probe() -> Result<(), String> {
    // Namespaces are Linux's; macOS and Windows have no bubblewrap.
    Err(format!(
        "{} has no bubblewrap (a Linux sandbox)",
        std::env::consts::OS
    ))
}

#[cfg(target_os = "linux")]
fn probe() -> Result<(), String> {
    let output = Command::new("bwrap")
        .args(system_binds())
        .args(["--unshare-all", "--die-with-parent", "--new-session"])
        .args(["--proc", "/proc", "--dev", "/dev", "--", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match output {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err("`bwrap` (bubblewrap) is not installed".to_string())
        }
        Err(error) => Err(format!("`bwrap` could not start: {error}")),
        Ok(output) if !output.status.success() => Err(format!(
            "`bwrap` cannot make a sandbox here (are user namespaces allowed?): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Ok(_) => {
            if root()
                && !works(&[
                    "setpriv",
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "true",
                ])
            {
                return Err("running as root, and `setpriv` cannot switch to `nobody`".into());
            }
            if !works(&["prlimit", "--nproc=64", "--", "true"]) {
                return Err("`prlimit` (util-linux) is missing".into());
            }
            Ok(())
        }
    }
}

/// Whether a command runs and succeeds.
#[cfg(target_os = "linux")]
fn works(argv: &[&str]) -> bool {
    Command::new(argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Whether this process is the machine's root: uid 0 in the first user namespace (not
/// the "root" of a namespace that `unshare -r` made for another user). Read once.
pub fn root() -> bool {
    static ROOT: OnceLock<bool> = OnceLock::new();
    *ROOT.get_or_init(|| {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let uid0 = status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|uids| uids.split_whitespace().next())
            == Some("0");
        let map = std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default();
        let whole = map.split_whitespace().collect::<Vec<_>>() == ["0", "0", "4294967295"];
        uid0 && whole
    })
}

/// The system's programs and libraries, read-only: `/usr`, and `/bin`, `/lib`… as the
/// links or folders they are here.
fn system_binds() -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    args.extend(["--ro-bind", "/usr", "/usr"].map(OsString::from));
    for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
        let path = Path::new(top);
        if let Ok(target) = std::fs::read_link(path) {
            args.extend([OsString::from("--symlink"), target.into(), top.into()]);
        } else if path.is_dir() {
            args.extend(["--ro-bind", top, top].map(OsString::from));
        }
    }
    // The loader's cache (libraries in multiarch folders) and Debian's alternatives
    // (`cc` is a link through them), and nothing else of /etc but what [`etc_files`]
    // writes.
    for file in ["/etc/ld.so.cache", "/etc/alternatives"] {
        if Path::new(file).exists() {
            args.extend(["--ro-bind", file, file].map(OsString::from));
        }
    }
    args
}

/// The files of `/etc` a sandbox shows, written by the trusted side into `dir`: names
/// resolve from `/etc/hosts` only, where `localhost` is 127.0.0.1 (the output contract).
pub fn etc_files(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("hosts"),
        "127.0.0.1 localhost\n::1 localhost ip6-localhost\n",
    )?;
    std::fs::write(dir.join("nsswitch.conf"), "hosts: files\n")?;
    std::fs::write(
        dir.join("passwd"),
        "nobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin\n",
    )?;
    std::fs::write(dir.join("group"), "nogroup:x:65534:\n")?;
    readable(dir, 0o755)
}

/// Makes `path` readable (and a folder traversable) by the unprivileged user a
/// sandbox runs as, with `mode`.
pub fn readable(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    let _ = (path, mode);
    Ok(())
}

/// The common part of every sandbox: namespaces, the system read-only, `/etc` from
/// `etc`, a bounded `/tmp` as home and working folder, and an empty environment.
fn sandbox(etc: &Path, tmp_bytes: u64) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
    ]
    .map(OsString::from)
    .to_vec();
    args.extend(system_binds());
    for name in ["hosts", "nsswitch.conf", "passwd", "group"] {
        args.push("--ro-bind".into());
        args.push(etc.join(name).into());
        args.push(format!("/etc/{name}").into());
    }
    args.extend(["--proc", "/proc", "--dev", "/dev"].map(OsString::from));
    args.extend([
        OsString::from("--size"),
        tmp_bytes.to_string().into(),
        "--tmpfs".into(),
        "/tmp".into(),
    ]);
    args.extend(["--chdir", "/tmp", "--hostname", "grading"].map(OsString::from));
    args
}

/// A command with an empty environment but for what any program needs.
fn command(argv: &[OsString]) -> Command {
    let mut command = Command::new(&argv[0]);
    command
        .args(&argv[1..])
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", "/tmp")
        .env("TMPDIR", "/tmp");
    command
}

/// The sandbox the worker was told to run the student's program in, if any.
fn run_sandbox() -> Option<&'static PathBuf> {
    static ETC: OnceLock<Option<PathBuf>> = OnceLock::new();
    ETC.get_or_init(|| std::env::var_os(SANDBOX_ENV).map(PathBuf::from))
        .as_ref()
}

/// The command that runs `argv` (a student's executable and its arguments) in its own
/// sandbox, when this process is a worker told to sandbox (see [`SANDBOX_ENV`]); the
/// caller adds the check's arguments and environment. Only the executable is shown to
/// the program, read-only, as `/grading/NAME`.
pub fn run_command(argv: &[OsString], memory_bytes: u64, cpu_seconds: u64) -> Option<Command> {
    let etc = run_sandbox()?;
    let limits = RunLimits {
        memory_bytes,
        cpu_seconds,
        ..RunLimits::default()
    };
    let exe = Path::new(&argv[0]);
    let name = exe.file_name().unwrap_or(OsStr::new("program"));
    let inside = Path::new(INSIDE).join(name);
    let mut args: Vec<OsString> = Vec::new();
    if let Some(procs) = std::env::var_os(CGROUP_ENV) {
        // Joins the submission's memory cgroup first, so that all it starts is in it.
        args.extend(["sh", "-c", "echo $$ > \"$0\" && exec \"$@\""].map(OsString::from));
        args.push(procs);
    }
    if root() {
        // Root is exempt from RLIMIT_NPROC: the program runs as `nobody` instead.
        args.extend(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--",
            ]
            .map(OsString::from),
        );
    }
    args.extend(sandbox(etc, limits.tmp_bytes));
    // The worker's network namespace is the program's: the checks' clients reach it.
    args.push("--share-net".into());
    args.extend([
        OsString::from("--ro-bind"),
        exe.into(),
        inside.clone().into(),
    ]);
    args.push("--".into());
    args.extend(prlimit(&limits));
    args.push(inside.into());
    args.extend(argv[1..].iter().cloned());
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut command = command(&args);
    // Its own process group too, as every program a check runs (see the harness).
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    Some(command)
}

/// `prlimit` with the bounds of a run.
fn prlimit(limits: &RunLimits) -> Vec<OsString> {
    [
        "prlimit".to_string(),
        format!("--nproc={}", limits.processes),
        format!("--as={}", limits.memory_bytes),
        format!("--cpu={}", limits.cpu_seconds),
        format!("--fsize={}", limits.file_bytes),
        format!("--nofile={}", limits.open_files),
        "--core=0".to_string(),
        "--".to_string(),
    ]
    .map(OsString::from)
    .to_vec()
}

/// How Cargo compiles an example of the workbook: its `rustc` command line, read once
/// from `cargo build -v` for a probe example, to compile each submission the same way
/// against the same (read-only) library and dependencies.
#[derive(Debug, Clone)]
pub struct Recipe {
    /// `rustc` and its arguments, with the probe's name, source and output left out.
    argv: Vec<OsString>,
    /// The folder of the compiled dependencies (`target/debug/deps`).
    deps: PathBuf,
    /// The toolchain's folder (`rustc --print sysroot`).
    sysroot: PathBuf,
    /// The folder `rustc` runs in (the package's).
    package: PathBuf,
}

impl Recipe {
    /// Reads the recipe from the `Running` line of a `cargo build -v` that compiled
    /// the example `probe` of the package in `package`.
    pub fn from_cargo_output(stderr: &str, probe: &str, package: &Path) -> Result<Recipe, String> {
        let needle = format!("--crate-name {probe} ");
        let line = stderr
            .lines()
            .find(|line| line.contains("Running `") && line.contains(&needle))
            .ok_or_else(|| format!("cargo did not show how it compiles `{probe}`"))?;
        let start = line.find('`').map_or(0, |at| at + 1);
        let end = line.rfind('`').unwrap_or(line.len());
        let words = split_words(&line[start..end]);
        let mut argv: Vec<OsString> = Vec::new();
        let mut deps = None;
        let mut words = words.into_iter().peekable();
        let Some(rustc) = words.next() else {
            return Err("an empty rustc command".into());
        };
        argv.push(rustc.clone().into());
        while let Some(word) = words.next() {
            match word.as_str() {
                "--crate-name" | "--out-dir" => {
                    words.next();
                }
                "-C" => {
                    let value = words.next().unwrap_or_default();
                    if !["metadata=", "extra-filename=", "incremental="]
                        .iter()
                        .any(|skip| value.starts_with(skip))
                    {
                        argv.extend(["-C".into(), value.into()]);
                    }
                }
                "-L" => {
                    let value = words.next().unwrap_or_default();
                    if let Some(dir) = value.strip_prefix("dependency=") {
                        deps = Some(PathBuf::from(dir));
                    }
                    argv.extend(["-L".into(), value.into()]);
                }
                word if word.starts_with("--json=") => {}
                word if word.starts_with("--emit=") => argv.push("--emit=link".into()),
                word if word.ends_with(&format!("{probe}.rs")) => {}
                _ => argv.push(word.into()),
            }
        }
        let deps = deps.ok_or("cargo gave rustc no folder of dependencies")?;
        let sysroot = Command::new(&rustc)
            .args(["--print", "sysroot"])
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("could not run `{rustc}`: {error}"))?;
        let sysroot = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim());
        Ok(Recipe {
            argv,
            deps,
            sysroot,
            package: package.to_path_buf(),
        })
    }

    /// Compiles `source` (the submission's text, already read by the trusted side) as
    /// the program `name` into the folder `out`, in a sandbox that sees the source,
    /// `out`, the toolchain and the dependencies, and nothing of the instructor's or of
    /// any classmate. The executable, or the compiler's errors.
    pub fn build(
        &self,
        name: &str,
        source: &str,
        out: &Path,
        etc: &Path,
        limits: &BuildLimits,
    ) -> Result<PathBuf, String> {
        std::fs::create_dir_all(out).map_err(|error| error.to_string())?;
        let file = out.join(format!("{name}.rs"));
        std::fs::write(&file, source).map_err(|error| error.to_string())?;
        let mut args = sandbox(etc, limits.tmp_bytes);
        args.push("--unshare-net".into());
        for dir in [&self.sysroot, &self.deps] {
            args.extend([OsString::from("--ro-bind"), dir.into(), dir.into()]);
        }
        args.extend([OsString::from("--bind"), out.into(), "/out".into()]);
        // `rustc` runs in the package's folder as Cargo runs it, though nothing of the
        // package is there but the folder itself.
        args.extend([OsString::from("--dir"), self.package.clone().into()]);
        args.extend([OsString::from("--chdir"), self.package.clone().into()]);
        args.push("--".into());
        args.extend(
            [
                "prlimit".to_string(),
                format!("--as={}", limits.memory_bytes),
                format!("--cpu={}", limits.cpu_seconds),
                format!("--fsize={}", limits.file_bytes),
                "--core=0".to_string(),
                "--".to_string(),
            ]
            .map(OsString::from),
        );
        args.extend(self.argv.iter().cloned());
        args.extend(["--crate-name".into(), name.into()]);
        args.extend([OsString::from("-o"), Path::new("/out").join(name).into()]);
        args.push(format!("/out/{name}.rs").into());
        let mut command = command(&args);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let mut child = command
            .spawn()
            .map_err(|error| format!("could not run bwrap: {error}"))?;
        // The compiler's messages, read as they come (a full pipe would stop it), kept
        // up to a bound.
        let mut stderr = child.stderr.take();
        let reader = std::thread::spawn(move || {
            let mut kept = Vec::new();
            if let Some(stderr) = stderr.as_mut() {
                let _ = stderr.take(8 << 20).read_to_end(&mut kept);
                let _ = std::io::copy(stderr, &mut std::io::sink());
            }
            kept
        });
        let status = match child.wait_timeout(limits.deadline) {
            Ok(Some(status)) => status,
            _ => {
                kill_group(&mut child);
                let _ = reader.join();
                return Err(format!(
                    "the build took longer than {} s and was stopped",
                    limits.deadline.as_secs()
                ));
            }
        };
        let messages = reader.join().unwrap_or_default();
        let exe = out.join(name);
        if status.success() && exe.is_file() {
            return Ok(exe);
        }
        let mut errors = String::new();
        let mut other = String::new();
        for line in String::from_utf8_lossy(&messages).lines() {
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(message) if message["level"] == "error" => {
                    errors.push_str(message["rendered"].as_str().unwrap_or_default());
                }
                Ok(_) => {}
                Err(_) => {
                    other.push_str(line);
                    other.push('\n');
                }
            }
        }
        if errors.is_empty() {
            errors = if other.trim().is_empty() {
                format!("the build failed ({status})")
            } else {
                other
            };
        }
        Err(errors)
    }
}

/// Kills a child that leads its own process group, and the group, then reaps it.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{}", child.id())])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// The words of a command line as Cargo shows it: words split at spaces, quoted with
/// `'…'` or `"…"`, `\` escaping one character.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => word.extend(chars.next()),
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                word.extend(chars.next());
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cargo's quoting of a rustc line is undone word by word.
    #[test]
    fn cargo_lines_split_into_words() {
        assert_eq!(
            split_words(r#"rustc --check-cfg 'cfg(feature, values("a", "b"))' -C x=1 'it'\''s'"#),
            vec![
                "rustc",
                "--check-cfg",
                r#"cfg(feature, values("a", "b"))"#,
                "-C",
                "x=1",
                "it's"
            ]
        );
    }
}

/// A memory cgroup for one submission's runs, below this process's own, removed when
/// dropped (once its processes are gone): the memory of all the submission's processes
/// together stays under its limit, or the kernel's OOM killer ends one of them.
#[derive(Debug)]
pub struct MemoryGroup {
    dir: PathBuf,
}

impl MemoryGroup {
    /// A group named after `name` with a limit of `bytes`, if this process may make one.
    pub fn new(name: &str, bytes: u64) -> Option<MemoryGroup> {
        let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
        // cgroups v1: the memory controller's hierarchy.
        let v1 = own.lines().find_map(|line| {
            let mut parts = line.splitn(3, ':');
            let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
            controllers
                .split(',')
                .any(|c| c == "memory")
                .then(|| Path::new("/sys/fs/cgroup/memory").join(path.trim_start_matches('/')))
        });
        let (base, limit) = match v1 {
            Some(base) => (base, "memory.limit_in_bytes"),
            None => {
                // cgroups v2: the one hierarchy, where our group gives its children the
                // memory controller.
                let path = own.lines().find_map(|line| line.strip_prefix("0::"))?;
                let base = Path::new("/sys/fs/cgroup").join(path.trim_start_matches('/'));
                let on = std::fs::read_to_string(base.join("cgroup.subtree_control")).ok()?;
                if !on.split_whitespace().any(|c| c == "memory") {
                    return None;
                }
                (base, "memory.max")
            }
        };
        let dir = base.join(format!("workbook-grade-{}-{name}", std::process::id()));
        std::fs::create_dir(&dir).ok()?;
        let group = MemoryGroup { dir };
        std::fs::write(group.dir.join(limit), bytes.to_string()).ok()?;
        // v1 counts swap apart: the same limit for memory and swap together.
        let _ = std::fs::write(
            group.dir.join("memory.memsw.limit_in_bytes"),
            bytes.to_string(),
        );
        Some(group)
    }

    /// The file a process writes its id into to join the group.
    pub fn procs(&self) -> PathBuf {
        self.dir.join("cgroup.procs")
    }
}

impl Drop for MemoryGroup {
    fn drop(&mut self) {
        // The kernel removes a group only once its last process is gone, which may
        // take a moment after the sandbox's first process was reaped.
        for _ in 0..100 {
            if std::fs::remove_dir(&self.dir).is_ok() || !self.dir.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// What bounds a run of a student's program in this worker, in words for a report.
pub fn bounds() -> Vec<&'static str> {
    let mut bounds = Vec::new();
    if run_sandbox().is_some() {
        bounds.extend(["bubblewrap", "pid-namespace", "processes-per-submission"]);
        if root() {
            bounds.push("runs-as-nobody");
        }
        if std::env::var_os(CGROUP_ENV).is_some() {
            bounds.push("memory-per-submission");
        } else {
            bounds.push("memory-per-process");
        }
    }
    bounds
}
