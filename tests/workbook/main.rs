//! The workbook's promises that are no lesson's, in one test binary: the book is true
//! of the code, the README's transcripts, the checker's commands and grading, the
//! language rules, quiet ends when stdout closes, and what the steps say about their
//! arguments. Every lesson's behaviours (the pitfalls', the ladder's and the client's
//! included) are the other binary, `tests/lessons`, made from the table of lessons.

// The checks' harness is the checker's library (checker/), the same that
// `cargo run -- check` uses.
use workbook_checker::check;
#[path = "../support/mod.rs"]
mod support;

mod book;
mod checker;
mod classes;
mod docs;
mod grading;
mod language;
mod stdout;
mod steps;
