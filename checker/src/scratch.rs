//! A scratch copy of the workbook, for builds that must not touch the instructor's own
//! `examples/` or target: the submissions that `grade` checks, and the mistakes that
//! `kit` makes of each lesson.
//!
//! The copy holds the lessons' library and the lessons (the checker and the tests stay
//! out of its workspace), with a target folder of its own next to it. Each program to
//! build is one more example of the copy, under a name of its own; one `cargo build
//! --keep-going` builds them all, several at once, and the library and its four
//! dependencies once for all of them: that target is their shared build cache, and it
//! stays between runs, so grading again builds only what changed.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// The workbook the checker belongs to.
const WORKBOOK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// A copy of the workbook under `dir`.
pub(crate) struct Scratch {
    root: PathBuf,
    target: PathBuf,
}

/// What the build of one program gave: its executable, or the compiler's messages.
pub(crate) type Built = Result<PathBuf, String>;

impl Scratch {
    /// Makes (or refreshes) the copy in `dir`: `dir/workbook` and `dir/target`.
    pub(crate) fn new(dir: &Path) -> io::Result<Scratch> {
        let root = dir.join("workbook");
        let workbook = Path::new(WORKBOOK);
        std::fs::create_dir_all(root.join("examples"))?;
        // The manifest, as a workspace of its one package.
        let manifest = std::fs::read_to_string(workbook.join("Cargo.toml"))?;
        let manifest: String = manifest
            .lines()
            .filter(|line| !line.starts_with("default-members"))
            .map(|line| {
                if line.starts_with("members") {
                    "members = []"
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        write_if_changed(&root.join("Cargo.toml"), manifest.as_bytes())?;
        if let Ok(lock) = std::fs::read(workbook.join("Cargo.lock")) {
            if !root.join("Cargo.lock").exists() {
                std::fs::write(root.join("Cargo.lock"), lock)?;
            }
        }
        mirror(&workbook.join("src"), &root.join("src"))?;
        // The lessons: a few are built with the programs (the workbook's client). The
        // programs of an earlier run stay, unchanged, so that Cargo need not build them
        // again.
        for entry in std::fs::read_dir(workbook.join("examples"))? {
            let path = entry?.path();
            if let Some(name) = path.file_name() {
                if path.is_file() {
                    let bytes = std::fs::read(&path)?;
                    write_if_changed(&root.join("examples").join(name), &bytes)?;
                }
            }
        }
        Ok(Scratch {
            root,
            target: dir.join("target"),
        })
    }

    /// Adds a program to build, as the example `name`.
    pub(crate) fn add(&self, name: &str, source: &str) -> io::Result<()> {
        write_if_changed(
            &self.root.join("examples").join(format!("{name}.rs")),
            source.as_bytes(),
        )
    }

    /// The folder of the copy's package.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// `cargo build` of the copy into its own target, with `jobs` jobs; the examples to
    /// build are for the caller to add.
    pub(crate) fn cargo_build(&self, jobs: usize) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        let mut command = Command::new(cargo);
        command
            .arg("build")
            .arg("--manifest-path")
            .arg(self.root.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&self.target)
            .args(["--jobs", &jobs.max(1).to_string()])
            .env_remove("CARGO_TARGET_DIR");
        command
    }

    /// Builds the examples `names` (programs added, or lessons such as `client`) with
    /// `jobs` jobs; every name gets its executable or its compiler's errors.
    pub(crate) fn build(&self, names: &[String], jobs: usize) -> HashMap<String, Built> {
        let mut built: HashMap<String, Built> = HashMap::new();
        if names.is_empty() {
            return built;
        }
        let mut command = self.cargo_build(jobs);
        command.args(["--keep-going", "--message-format=json"]);
        for name in names {
            command.args(["--example", name]);
        }
        let output = command
            .env_remove("CARGO_TARGET_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output();
        let output = match output {
            Ok(output) => output,
            Err(error) => {
                for name in names {
                    built.insert(name.clone(), Err(format!("could not run cargo: {error}")));
                }
                return built;
            }
        };
        let mut errors: HashMap<String, String> = HashMap::new();
        for message in String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        {
            let Some(target) = message["target"]["name"].as_str() else {
                continue;
            };
            match message["reason"].as_str() {
                Some("compiler-artifact") => {
                    if let Some(exe) = message["executable"].as_str() {
                        built.insert(target.to_string(), Ok(PathBuf::from(exe)));
                    }
                }
                Some("compiler-message") if message["message"]["level"] == "error" => {
                    if let Some(rendered) = message["message"]["rendered"].as_str() {
                        errors
                            .entry(target.to_string())
                            .or_default()
                            .push_str(rendered);
                    }
                }
                _ => {}
            }
        }
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        for name in names {
            if built.contains_key(name) {
                continue;
            }
            // No errors of its own: what failed is what it depends on; Cargo says what.
            let messages = errors.remove(name).unwrap_or_else(|| stderr.clone());
            built.insert(name.clone(), Err(messages));
        }
        built
    }
}

/// Writes `bytes` to `path` unless it holds them already, so that Cargo sees no change.
fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes)
}

/// Makes the folder `to` a copy of `from`: files written only where they changed (so
/// that Cargo rebuilds nothing it need not), and what `from` no longer has removed, so
/// that a file the workbook renamed (`src/args.rs` became `src/args/mod.rs`) does not
/// linger in a copy made before.
fn mirror(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    let mut names = Vec::new();
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            mirror(&path, &to.join(&name))?;
        } else {
            write_if_changed(&to.join(&name), &std::fs::read(&path)?)?;
        }
        names.push(name);
    }
    for entry in std::fs::read_dir(to)? {
        let entry = entry?;
        if !names.contains(&entry.file_name()) {
            let path = entry.path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path)?;
            } else {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(())
}

/// An example name made of `parts`: lowercase letters, digits and `_` only, and a
/// hash of the parts, so that `张三` and `李四` (both `__` once made ASCII) differ.
pub(crate) fn example_name(parts: &[&str]) -> String {
    let mut name = String::from("graded");
    // FNV-1a: small, and the same on every run.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        name.push_str("__");
        name.extend(part.chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        }));
        for byte in part.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{name}__{:08x}", hash as u32)
}
