//! Compiling a program through Cargo, as the student would with `cargo build --example`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

use workbook_checker::check::Program;

/// The workbook's manifest, for the builds the checker asks Cargo for.
pub(crate) const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");

/// Builds `example` through Cargo and returns its executable, or Cargo's messages.
///
/// Cargo's stderr is always captured, never passed to the terminal: the report shows
/// the first error in full with its hint from this copy (a copy left on the terminal
/// and an empty one parsed gave `the first error, fix it first:` and nothing after it).
/// `quiet` is kept for the callers; the report prints what matters either way.
pub(crate) fn build(example: &str, quiet: bool) -> Result<PathBuf, String> {
    let _ = quiet;
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
        .stderr(Stdio::piped())
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

/// The first error in a compiler's rendered messages: from its `error[…]` line to the
/// next message.
pub(crate) fn first_error(messages: &str) -> String {
    let mut lines = messages.lines().skip_while(|line| !is_error_start(line));
    let Some(first) = lines.next() else {
        return messages.lines().take(20).collect::<Vec<_>>().join("\n");
    };
    let mut error = vec![first];
    for line in lines {
        if line.starts_with("error") || line.starts_with("warning") {
            break;
        }
        error.push(line);
    }
    error.join("\n").trim_end().to_string()
}

/// A line that starts an error of the program's own (not Cargo's last words).
fn is_error_start(line: &str) -> bool {
    line.starts_with("error")
        && !line.starts_with("error: aborting")
        && !line.starts_with("error: could not compile")
}

/// Hints, in the language of the run, for the errors beginners meet in these exercises.
pub(crate) fn hints(messages: &str) -> Vec<String> {
    use workbook_checker::text::exercises as text;
    let first = first_error(messages);
    let mut hints = Vec::new();
    let code = |code: &str| first.contains(&format!("error[{code}]"));
    if code("E0308") {
        if first.contains("Option<") {
            hints.push(text::hint_e0308_option());
        } else if first.contains("Result<") {
            hints.push(text::hint_e0308_result());
        }
    }
    let headline = first.lines().next().unwrap_or_default();
    if code("E0277") && headline.contains("`?`") {
        hints.push(text::hint_e0277_question());
    }
    if code("E0425") {
        hints.push(text::hint_e0425());
    }
    if code("E0599") {
        hints.push(text::hint_e0599());
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTION: &str = "warning: unused variable: `x`\n --> a.rs:1:1\n\nerror[E0308]: mismatched types\n  --> examples/exercise4_accept.rs:64:20\n   |\n64 |     let peer: SocketAddr = peer.as_socket();\n   |               ----------   ^^^^^^^^^^^^^^^^ expected `SocketAddr`, found `Option<SocketAddr>`\n\nerror[E0425]: cannot find value `conn` in this scope\n\nerror: aborting due to 2 previous errors\n";

    /// Cargo's messages come back to the report, never only to the terminal: a build
    /// that fails gives them, whether `quiet` or not.
    #[test]
    fn a_failed_build_gives_cargos_messages() {
        for quiet in [false, true] {
            let messages = build("no_such_example_of_the_workbook", quiet).unwrap_err();
            assert!(
                messages.contains("no_such_example_of_the_workbook"),
                "{quiet}: {messages}"
            );
        }
    }

    #[test]
    fn the_first_error_is_the_first_of_the_program() {
        let first = first_error(OPTION);
        assert!(
            first.starts_with("error[E0308]: mismatched types"),
            "{first}"
        );
        assert!(first.contains("found `Option<SocketAddr>`"), "{first}");
        assert!(!first.contains("E0425"), "{first}");
    }

    #[test]
    fn an_option_where_a_value_is_wanted_gets_its_hint() {
        let hints = hints(OPTION);
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert!(
            hints[0].contains(".as_socket().context(Failed::Query)?"),
            "{hints:?}"
        );
    }

    #[test]
    fn each_common_error_gets_a_hint() {
        for (messages, wanted) in [
            (
                "error[E0277]: the `?` operator can only be used on `Result`s",
                "E0277",
            ),
            (
                "error[E0425]: cannot find value `sever` in this scope",
                "E0425",
            ),
            (
                "error[E0599]: no method named `acept` found for struct `Socket`",
                "E0599",
            ),
            (
                "error[E0308]: mismatched types\n expected `Socket`, found `Result<Socket, Error>`",
                "E0308",
            ),
        ] {
            let hints = hints(messages);
            assert!(
                hints.iter().any(|hint| hint.contains(wanted)),
                "{messages}: {hints:?}"
            );
        }
        assert!(hints("error[E0382]: borrow of moved value").is_empty());
    }
}
