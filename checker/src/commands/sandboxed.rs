//! `grade` in sandboxes (see `workbook_checker::sandbox`): the trusted side builds the
//! lessons' library, its dependencies and the workbook's `client` once with Cargo, and
//! learns from Cargo how it compiles an example; then each submission is compiled alone
//! by `rustc` in a sandbox of its own, several at once, into a private folder, and each
//! worker runs in a network namespace of its own and runs the student's program in a
//! sandbox of its own for every check.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use workbook_checker::sandbox::{
    self, BuildLimits, CGROUP_ENV, MemoryGroup, Recipe, RunLimits, SANDBOX_ENV,
};

use crate::scratch::{Built, Scratch};

/// The example whose compilation shows how Cargo compiles an example.
const PROBE: &str = "graded__probe";

/// The sandboxes of one `grade`: a private folder of the machine's temporary folder
/// (removed when grading ends) with each submission's source and program, and the
/// files their `/etc` shows.
pub(crate) struct Sandboxed {
    temp: PathBuf,
    etc: PathBuf,
    recipe: Recipe,
    /// The workbook's `client`, built by the trusted side.
    client: Result<PathBuf, String>,
}

impl Sandboxed {
    /// Builds what every submission shares, in the scratch copy, and reads the recipe.
    pub(crate) fn prepare(scratch: &Scratch, jobs: usize) -> Result<Sandboxed, String> {
        let temp = std::env::temp_dir().join(format!("workbook-grade-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temp);
        std::fs::create_dir_all(&temp).map_err(|error| error.to_string())?;
        // Others may pass through (the sandboxes' user `nobody`), not list.
        sandbox::readable(&temp, 0o711).map_err(|error| error.to_string())?;
        let etc = temp.join("etc");
        sandbox::etc_files(&etc).map_err(|error| error.to_string())?;
        // A probe that changes every time, so that Cargo compiles it and shows how.
        let nonce = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |time| time.as_nanos());
        scratch
            .add(PROBE, &format!("// {nonce}\nfn main() {{}}\n"))
            .map_err(|error| error.to_string())?;
        let output = scratch
            .cargo_build(jobs)
            .args(["-v", "--message-format=json", "--example", "client"])
            .args(["--example", PROBE])
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("could not run cargo: {error}"))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(stderr.into_owned());
        }
        let client = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .find(|message| {
                message["reason"] == "compiler-artifact" && message["target"]["name"] == "client"
            })
            .and_then(|message| message["executable"].as_str().map(PathBuf::from))
            .ok_or_else(|| "cargo built no `client`".to_string());
        let recipe = Recipe::from_cargo_output(&stderr, PROBE, scratch.root())?;
        Ok(Sandboxed {
            temp,
            etc,
            recipe,
            client,
        })
    }

    /// Compiles every program (`name`, source), `jobs` at once, each in its sandbox;
    /// `client` is the trusted build's.
    pub(crate) fn build(
        &self,
        programs: &[(String, String)],
        jobs: usize,
    ) -> HashMap<String, Built> {
        let built = Mutex::new(HashMap::new());
        let next = AtomicUsize::new(0);
        let limits = BuildLimits::default();
        std::thread::scope(|scope| {
            for _ in 0..jobs.clamp(1, programs.len().max(1)) {
                scope.spawn(|| {
                    while let Some((name, source)) =
                        programs.get(next.fetch_add(1, Ordering::SeqCst))
                    {
                        let out = self.temp.join(name);
                        let result = std::fs::create_dir_all(&out)
                            .and_then(|()| sandbox::readable(&out, 0o755))
                            .map_err(|error| error.to_string())
                            .and_then(|()| {
                                self.recipe.build(name, source, &out, &self.etc, &limits)
                            });
                        built
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(name.clone(), result);
                    }
                });
            }
        });
        let mut built = built.into_inner().unwrap_or_else(|e| e.into_inner());
        built.insert("client".to_string(), self.client.clone());
        built
    }

    /// What the worker of the submission `name` needs to sandbox its runs: the
    /// variables to set, and the memory cgroup of the submission where one can be made
    /// (keep it until the worker has ended).
    pub(crate) fn worker_env(
        &self,
        name: &str,
    ) -> (Vec<(&'static str, OsString)>, Option<MemoryGroup>) {
        let mut envs = vec![(SANDBOX_ENV, self.etc.clone().into_os_string())];
        let group = MemoryGroup::new(name, RunLimits::default().memory_bytes);
        if let Some(group) = &group {
            envs.push((CGROUP_ENV, group.procs().into_os_string()));
        }
        (envs, group)
    }
}

impl Drop for Sandboxed {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.temp);
    }
}

/// The command line that puts a worker in a network namespace of its own, through
/// bubblewrap (which brings its loopback up): the rest of the machine stays as it is
/// for the worker, which is trusted; it dies with `grade`. As root, the worker keeps
/// its capabilities, to start each program as `nobody`.
pub(crate) fn worker_prefix() -> Vec<OsString> {
    let mut argv: Vec<OsString> = [
        "bwrap",
        "--unshare-net",
        "--dev-bind",
        "/",
        "/",
        "--die-with-parent",
    ]
    .map(OsString::from)
    .to_vec();
    if sandbox::root() {
        argv.extend(["--cap-add", "ALL"].map(OsString::from));
    }
    argv.push("--".into());
    argv
}
