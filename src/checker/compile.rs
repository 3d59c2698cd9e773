//! Compiling a program through Cargo, as the student would with `cargo build --example`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

use checker::check::Program;

/// The workbook's manifest, for the builds the checker asks Cargo for.
pub(crate) const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");

/// Builds `example` through Cargo and returns its executable, or Cargo's messages
/// (shown at once too, unless `quiet`).
pub(crate) fn build(example: &str, quiet: bool) -> Result<PathBuf, String> {
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
pub(crate) fn other_program(name: &str) -> Program {
    match build(name, true) {
        Ok(path) => Program::executable(name, path),
        Err(_) => Program::with_command(name, vec![OsString::from(name)]),
    }
}
