//! The socket workbook's checker, as a library: what each lesson must do and how a
//! program is driven to prove it. The checker's commands (`main.rs`, `commands/`) and the
//! workbook's tests (`tests/lessons`) both use it, so "works" has one definition.
//!
//! | module | what it holds |
//! |---|---|
//! | [`lessons`] | the one table of lessons: name, exercise, page, what it teaches, its checks |
//! | [`check`] | the checks, one function per behaviour, and their harness |
//! | [`exercise`] | the exercises' starters, made from the lessons |
//! | [`mistakes`] | typical beginners' mistakes, made of a lesson's source, for `kit` and the tests |
//! | [`sandbox`] | bubblewrap around a student's build and runs, for `grade` |
//! | [`text`] | the checker's words, in English and Chinese |
//!
//! Nothing here makes a socket call that a lesson teaches on the server's side: the
//! checks are the server's clients.

pub mod check;
pub mod exercise;
pub mod lessons;
pub mod mistakes;
pub mod sandbox;
pub mod score;
pub mod text;
