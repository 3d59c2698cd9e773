//! Typical beginners' mistakes, made of each lesson by editing its source: `kit` builds
//! each one and proves that the exercise's checks fail it, and the grading tests make
//! the mistaken students of their class with them (`tests/workbook/grading.rs`). Adding a mistake is one more
//! entry in [`MISTAKES`]: its name, and how to make it of a lesson's source (or `None`
//! when the lesson has no place for it).

/// One mistake: its name, and the edit that makes it.
pub struct Mistake {
    pub name: &'static str,
    pub make: fn(&str) -> Option<String>,
}

/// Every mistake `kit` tries on every exercise.
pub const MISTAKES: &[Mistake] = &[
    Mistake {
        name: "hard-coded-address",
        make: hard_coded_address,
    },
    Mistake {
        name: "binds-0.0.0.0",
        make: binds_every_interface,
    },
    Mistake {
        name: "no-readiness-line",
        make: no_readiness_line,
    },
    Mistake {
        name: "ignores-exit",
        make: ignores_exit,
    },
    Mistake {
        name: "busy-loop-after-the-peer-leaves",
        make: busy_loop,
    },
    Mistake {
        name: "panics",
        make: panics,
    },
    Mistake {
        name: "contains-exit",
        make: contains_exit,
    },
    Mistake {
        name: "compares-with-exit-and-lf",
        make: compares_with_exit_and_lf,
    },
    Mistake {
        name: "print-without-flush",
        make: print_without_flush,
    },
    Mistake {
        name: "shutdown-read",
        make: shutdown_read,
    },
    Mistake {
        name: "no-wait-for-the-clients-fin",
        make: no_wait_for_fin,
    },
];

/// Ends the session on any message that contains the word: "I will not exit yet".
fn contains_exit(source: &str) -> Option<String> {
    in_new_part(
        source,
        "is_exit(&data.text)",
        "data.text.contains(\"exit\")",
    )
}

/// Ends the session on `exit\n` only: netAssist's `exit` (no line ending), telnet's
/// `exit\r\n` go on.
fn compares_with_exit_and_lf(source: &str) -> Option<String> {
    in_new_part(source, "is_exit(&data.text)", "data.text == \"exit\\n\"")
}

/// The reply prompt with `print!` and no flush: it stays in stdout's buffer, unseen.
fn print_without_flush(source: &str) -> Option<String> {
    const UNFLUSHED: &str = "macro_rules! prompt_unflushed { ($en:literal, $zh:literal $(,)?) => { print!(\"{}\", $en) }; }\n";
    let made = in_new_part(source, "prompt!(", "prompt_unflushed!(")?;
    let at = made.find("\nuse ")? + 1;
    Some(format!("{}{UNFLUSHED}{}", &made[..at], &made[at..]))
}

/// Shuts down the wrong direction: `Shutdown::Read` sends no FIN.
fn shutdown_read(source: &str) -> Option<String> {
    in_new_part(source, "Shutdown::Write", "Shutdown::Read")
}

/// Sends its FIN, then closes at once: no wait for the client's.
fn no_wait_for_fin(source: &str) -> Option<String> {
    in_new_part(
        source,
        "Instant::now() + LINGER",
        "Instant::now() + std::time::Duration::ZERO",
    )
}

/// `source` with `from` made `to` everywhere in the lesson's new part, if it is there.
fn in_new_part(source: &str, from: &str, to: &str) -> Option<String> {
    let mut out = String::with_capacity(source.len());
    let mut in_new_part = false;
    let mut done = false;
    for line in source.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("// New in this ") {
            in_new_part = true;
        } else if trimmed == "// End of the new part." {
            in_new_part = false;
        }
        if in_new_part && line.contains(from) {
            out.push_str(&line.replace(from, to));
            done = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    done.then_some(out)
}

/// Binds 127.0.0.1:8888, whatever address it is given.
fn hard_coded_address(source: &str) -> Option<String> {
    replace_once(
        source,
        &[
            (
                "let addr = args.addr;",
                "let addr: std::net::SocketAddr = ([127, 0, 0, 1], 8888).into();",
            ),
            ("run(args.addr)", "run(([127, 0, 0, 1], 8888).into())"),
        ],
    )
}

/// Binds every interface, on the port it is given.
fn binds_every_interface(source: &str) -> Option<String> {
    replace_once(
        source,
        &[
            (
                "let addr = args.addr;",
                "let addr = std::net::SocketAddr::from(([0, 0, 0, 0], args.addr.port()));",
            ),
            (
                "run(args.addr)",
                "run(std::net::SocketAddr::from(([0, 0, 0, 0], args.addr.port())))",
            ),
        ],
    )
}

/// Never prints `listening on <ip:port>`.
fn no_readiness_line(source: &str) -> Option<String> {
    replace_once(
        source,
        &[(
            "outln!(\"{}\", text::listening_on(local));",
            "let _ = local;",
        )],
    )
}

/// Never sees an `exit`.
fn ignores_exit(source: &str) -> Option<String> {
    source
        .contains("is_exit(")
        .then(|| source.replace("is_exit(", "false && is_exit("))
}

/// On a read of 0 bytes (the client left), loops on, printing: where the lesson reads
/// (in its new part if it reads there, else its first such place, `if n == 0` or a
/// match arm `Ok(0) =>`), else at the end of the new part (the program spins once its
/// part is done).
fn busy_loop(source: &str) -> Option<String> {
    const SPIN: &str = "loop { println!(\"debug: read 0 bytes\"); }";
    let mut out = String::new();
    let mut done = false;
    let mut in_new_part = false;
    for line in source.lines() {
        out.push_str(line);
        out.push('\n');
        let trimmed = line.trim();
        if trimmed.starts_with("// New in this ") {
            in_new_part = true;
        } else if trimmed == "// End of the new part." {
            in_new_part = false;
        }
        if !done && in_new_part && trimmed == "if n == 0 {" {
            out.push_str(SPIN);
            out.push('\n');
            done = true;
        }
    }
    if done {
        return Some(out);
    }
    if let Some(at) = source.lines().position(|line| line.trim() == "if n == 0 {") {
        let mut out = String::new();
        for (index, line) in source.lines().enumerate() {
            out.push_str(line);
            out.push('\n');
            if index == at {
                out.push_str(SPIN);
                out.push('\n');
            }
        }
        return Some(out);
    }
    // A read matched on its result (示例1, 示例2): a first arm for 0 bytes that spins.
    if let Some(at) = source
        .lines()
        .position(|line| line.trim_start().starts_with("Ok(0) =>"))
    {
        let mut out = String::new();
        for (index, line) in source.lines().enumerate() {
            if index == at {
                out.push_str(&format!("Ok(0) => {SPIN},\n"));
            }
            out.push_str(line);
            out.push('\n');
        }
        return Some(out);
    }
    replace_once(
        source,
        &[(
            "// End of the new part.",
            &format!("{SPIN}\n// End of the new part."),
        )],
    )
}

/// Unwraps what fails, first thing in its new part.
fn panics(source: &str) -> Option<String> {
    let mut out = String::new();
    let mut done = false;
    for line in source.lines() {
        out.push_str(line);
        out.push('\n');
        if !done && line.trim_start().starts_with("// New in this ") {
            out.push_str("let _port: u16 = \"not a port\".parse().unwrap();\n");
            done = true;
        }
    }
    done.then_some(out)
}

/// `source` with the first of `edits` that applies made once, if any applies.
fn replace_once(source: &str, edits: &[(&str, &str)]) -> Option<String> {
    edits
        .iter()
        .find(|(from, _)| source.contains(from))
        .map(|(from, to)| source.replacen(from, to, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mistake_applies_to_some_lesson() {
        for mistake in MISTAKES {
            let applies = crate::exercise::exercises()
                .iter()
                .filter(|exercise| (mistake.make)(&exercise.source()).is_some())
                .count();
            assert!(applies > 0, "{}", mistake.name);
        }
    }

    #[test]
    fn a_mistake_changes_the_source() {
        for exercise in crate::exercise::exercises() {
            let source = exercise.source();
            for mistake in MISTAKES {
                if let Some(made) = (mistake.make)(&source) {
                    assert_ne!(made, source, "{} of {}", mistake.name, exercise.lesson);
                }
            }
        }
    }
}
