//! Shared helpers for the socket workbook's lessons.
//!
//! No call before the step that teaches it: each lesson shows its own taught calls
//! (`socket`, `bind`, `listen`, `accept`, `recv`, `send`, `shutdown`, `close`) where
//! they happen, in the order the Python has them. Once a step has taught a call, later
//! programs call it from here, under a name that says what it does (as the Rust Book
//! moves `ThreadPool` into `lib.rs` once its chapter has taught it): one change to how
//! a connection closes is one change, in [`steps::close_connection`]. The rest is what
//! no lesson is about: arguments, language, words, errors.
//!
//! | module | what it does | used by |
//! |---|---|---|
//! | [`args`] | the address argument (default `127.0.0.1:8888`), `--backlog`, `--lang`, `--help` | every example |
//! | [`connect`] | a client's command line (the server's address, `--timeout`), the line you type, the errors of `connect` and of a reply that does not come | the client steps, `udp_client` |
//! | [`lang`] | English or Chinese, by `--lang`, `WORKBOOK_LANG` and the locale, read by one rule | every example |
//! | [`output`] | the program's output: `say!`, `prompt!`, `warn!`, `words!` (a lesson prints its own words in both languages), `outln!` for words in no language; a closed stdout ends a program quietly; `queue_stdout`: a bounded queue so that a server never waits on its terminal | every example; the queue: steps 8–11, the chat server |
//! | [`text`] | the words no lesson narrates: the readiness line `listening on <addr>`, errors and hints, help | every example |
//! | [`lessons`] | the one table of lessons: each program's name, family, what it teaches (its `--help`), page, exercise and checks | every example's `--help`, the checker, the tests |
//! | [`message`] | UTF-8 decoding across reads, the quoted display of what arrived, the `exit` rule | steps 5–7 (through [`steps::Receiver`]), the pitfalls |
//! | [`lines`] | messages framed by line (or by a quiet time, for clients that send no line ending) with a length limit; UTF-8 or GBK; the operator's typed replies, decoded without failing | the two servers, steps 6–7 and extra_serial (replies), the client, the ladder |
//! | [`ladder`] | the ladder servers' flags and limits, one echo session's line protocol without I/O, stopping on Enter | steps 8–11, the chat server |
//! | [`steps`] | what steps 1–7 taught, one call each: `open_listener` (1–3), `local_addr`, `accept_client` and `wait_for_client` (4), `Receiver` (5), `send_typed_reply` and `converse` (6), `close_connection` with its deadline and `close_listener` (7), `tell_waiting_clients` (the backlog's waiting clients) | steps 4–7 and later, the extras, 示例1 and 示例2 |
//! | [`conversation`] | one client's conversation, message by message, framed by line as pitfall_byte_stream teaches; a client that left gets no reply | 示例1, 示例2 |
//! | [`echo`] | the ladder's line serving on a blocking socket (`serve_lines`, `refuse`, `accept_next`, `open_ladder_server`) and what a session heard (`tell_heard`) | steps 8–11, the chat server |
//! | [`nonblocking`] | step 10's bookkeeping (feature `nonblocking`): its clients by mio `Token`, each one's queue of echoes the socket could not take yet, the turns, the sweep of idle clients, the pause after a failed `accept`, how a session ends | step 10 |
//! | [`chat`] | the chat server's helpers (feature `async`): the names in use, normalized and checked; a line escaped for the others; each client's lines framed and limited; the writing to a client with its deadline; how a session ends; a client refused | the chat server |
//! | [`pitfall`] | the pitfalls' common setup: `--fixed`, a server on a free port, the demo's own client only (a stranger is closed), and the demos' measuring and telling | the pitfall demos |
//! | [`client_tool`] | the client tool's parts that are not its story: how it sends and shows data (`--encoding`, `--suffix`, `--hex`, `--timestamps`, `--like-netassist`) and its scripted mode (`--send`, `--expect`, `--close`, `--expect-eof`, `--gap`, `--timeout`) | the client tool |
//! | `bench` | (feature `ladder`) the benchmark's parts: the servers under test and how each starts (`servers`), a process's resident memory (`memory`), the tables it prints (`table`) | bench |
//! | [`load_report`] | loadgen's report: connections, messages per second, latency percentiles, errors, the `--summary` line | loadgen |
//! | [`failure`] | what failed at which address, the likely cause and the fix, exit status 1 | every example |
//!
//! The modules are rooms on floors, each importing only from lower ones: [`lang`]
//! imports nothing of the crate; [`output`] asks it for the language; then [`message`]
//! and [`lessons`]; [`text`]; [`lines`]; [`args`] and [`failure`]; [`ladder`];
//! [`steps`], what steps 1–7 taught; and on top the helpers built on it:
//! [`conversation`], [`echo`] and [`pitfall`]; above [`echo`], the two rooms that
//! only a cargo feature opens, so that a student's first build compiles neither:
//! [`nonblocking`] (mio) and [`chat`] (tokio). Beside them the tools' parts:
//! [`client_tool`], and `bench` (feature `ladder`: it needs escargot).
//!
//! What each lesson must do is the checker's (`checker/`, a package of its own):
//! checks that drive a lesson's program as a client would, their harness, and the
//! commands of `cargo run -- check 4`. The tests (`tests/`, another package) run the
//! same checks against the lessons. Neither is a dependency of this library, so that a
//! student's first build does not wait for them. `unsafe` is forbidden everywhere, by
//! the workspace's lints (`Cargo.toml`).

pub mod args;
// The benchmark's servers, memory and tables: `--features ladder` only (it needs escargot).
#[cfg(feature = "ladder")]
pub mod bench;
#[cfg(feature = "async")]
pub mod chat;
pub mod client_tool;
pub mod connect;
pub mod conversation;
pub mod echo;
pub mod failure;
pub mod ladder;
pub mod lang;
pub mod lessons;
pub mod lines;
pub mod load_report;
pub mod message;
#[cfg(feature = "nonblocking")]
pub mod nonblocking;
pub mod output;
pub mod pitfall;
pub mod steps;
pub mod text;

pub use args::{Args, Cli};
pub use failure::{Failed, report};
