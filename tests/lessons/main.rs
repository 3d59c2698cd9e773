//! The lessons' integration tests: one test binary, one module per lesson, one
//! harness (`support`). Each lesson's behaviours are checks in
//! `src/check` (compiled in here), run against the reference examples; the tests of
//! things no exercise changes (arguments, language) use assert_cmd directly.

// The checks are the checker's library (src/checker), the same that `cargo run -- check` runs.
use workbook_checker::check;
mod support;

mod book;
mod checker;
mod client;
mod docs;
mod extras;
mod ladder;
mod language;
mod pitfalls;
mod servers;
mod step1_create;
mod step2_bind;
mod step3_listen;
mod step4_accept;
mod step5_recv;
mod step6_send;
mod step7_close;
