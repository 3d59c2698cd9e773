//! Runs a lesson's program as a child process, waits for its readiness line, drives a
//! TCP client against it and feeds its stdin, with a deadline on every blocking step.
//!
//! Every step returns an [`Outcome`]: a failure says what was expected, what happened
//! instead, what the test did up to then and what the program printed, so that a
//! student (through the checker) and a developer (through `cargo test`) read the same
//! account. A server's child process is killed and reaped when its handle drops.
//!
//! | file | what it holds |
//! |---|---|
//! | `bounded.rs` | what a program may use and how it is killed: [`ResourceLimits`], its process group, `setpriv` and `prlimit` on Linux |
//! | `program.rs` | the [`Program`] that plays a lesson, and how it is launched ([`Launch`]) |
//! | `server.rs` | a running program ([`Server`]): its lines, its stdin, its end ([`Finished`]) |
//! | `client.rs` | a check's TCP [`Client`], and many at once ([`in_parallel`]) |
//! | `watchdog.rs` | a student's program that spins (CPU, or output without end) stopped at once, with the diagnosis ([`run_watched`]) |
//! | `story.rs` | the account of a [`Failure`]: what was expected, what the check did, what the program printed |
//!
//! Everything is used as `crate::check::…` (`check/mod.rs` re-exports it).

use std::time::Duration;

mod bounded;
mod client;
mod program;
mod server;
mod story;
mod watchdog;

pub use bounded::{ResourceLimits, bounds};
pub use client::{Client, in_parallel};
pub use program::{Launch, Program, free_addr, readiness};
pub use server::{Finished, Server};
pub use story::{Account, Failure};
pub use watchdog::run_watched;

/// How long any one step may take by default: a server starting, a line arriving, a
/// process ending. Generous, because it only decides how long a broken program takes
/// to fail.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// `op` again while a signal interrupts it. A socket with a read timeout (SO_RCVTIMEO)
/// is not restarted after a signal handler ran (signal(7)), and wait-timeout's SIGCHLD
/// handler runs whenever a child process ends: a blocking receive of the checks' own
/// fails with `Interrupted` now and then. (std's `read_to_end`, `read_exact` and
/// `read_line` retry already; the harness's [`Client`] does too.)
pub fn again_if_interrupted<T>(mut op: impl FnMut() -> std::io::Result<T>) -> std::io::Result<T> {
    loop {
        match op() {
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// The result of a step of a check.
pub type Outcome<T = ()> = Result<T, Failure>;
