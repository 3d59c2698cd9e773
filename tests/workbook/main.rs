//! The workbook's other promises, in one test binary: the book is true of the code, the
//! checker's commands, the client, the README, the ladder, the language rules, the
//! pitfalls, and what the steps say about their arguments. The lessons' behaviours are
//! the other binary, `tests/lessons`, made from the table of lessons.

// The checks' harness is the checker's library (checker/), the same that
// `cargo run -- check` uses.
use workbook_checker::check;
#[path = "../support/mod.rs"]
mod support;

mod book;
mod checker;
mod client;
mod client_class;
mod client_steps;
mod docs;
mod grading;
mod ladder;
mod language;
mod pitfalls;
mod stdout;
mod steps;
