//! Shared helpers for the socket workbook's lessons.
//!
//! Nothing here makes a socket call that a lesson teaches: `socket`, `bind`,
//! `listen`, `accept`, `recv`, `send`, `shutdown` and `close` stay in sight in the
//! examples, so that a student reads each call where it happens. What lives here is
//! what no lesson is about:
//!
//! | module | what it does | used by |
//! |---|---|---|
//! | [`args`] | the address argument (default `127.0.0.1:8888`), `--backlog`, `--lang`, `--help` | every example |
//! | [`lang`] | English or Chinese, by `--lang`, `WORKBOOK_LANG` and the locale, read by one rule | every example |
//! | [`output`] | the program's output: `say!`, `prompt!`, `warn!`, `words!` (a lesson prints its own words in both languages), `outln!` for words in no language; a closed stdout ends a program quietly; `queue_stdout`: a bounded queue so that a server never waits on its terminal | every example; the queue: steps 8–11, the chat server |
//! | [`text`] | the words no lesson narrates: the readiness line `listening on <addr>`, errors and hints, help | every example |
//! | [`lessons`] | the one table of lessons: each program's name, family, what it teaches (its `--help`), page, exercise and checks | every example's `--help`, the checker, the tests |
//! | [`message`] | UTF-8 decoding across reads, the quoted display of what arrived, the `exit` rule | steps 5–7 |
//! | [`lines`] | messages framed by line (or by a quiet time, for clients that send no line ending) with a length limit; UTF-8 or GBK; the operator's typed replies, decoded without failing | the two servers, steps 6–7 and extra_serial (replies), the client, the ladder |
//! | [`ladder`] | the ladder servers' flags and limits, one echo session's line protocol without I/O, stopping on Enter | steps 8–11, the chat server |
//! | [`stranger`] | a pitfall demo's own client told apart from a stranger on the printed port | the pitfall demos |
//! | [`failure`] | what failed at which address, the likely cause and the fix, exit status 1 | every example |
//!
//! The modules are rooms on floors, each importing only from lower ones: [`lang`]
//! imports nothing of the crate; [`output`] asks it for the language; then [`message`]
//! and [`lessons`]; [`text`]; [`lines`]; [`args`], [`failure`] and [`stranger`]; and
//! [`ladder`] on top.
//!
//! What each lesson must do is the checker's (`checker/`, a package of its own):
//! checks that drive a lesson's program as a client would, their harness, and the
//! commands of `cargo run -- check 4`. The tests (`tests/`, another package) run the
//! same checks against the lessons. Neither is a dependency of this library, so that a
//! student's first build does not wait for them. `unsafe` is forbidden everywhere, by
//! the workspace's lints (`Cargo.toml`).

pub mod args;
pub mod failure;
pub mod ladder;
pub mod lang;
pub mod lessons;
pub mod lines;
pub mod message;
pub mod output;
pub mod stranger;
pub mod text;

pub use args::{Args, Cli};
pub use failure::{Failed, report};
