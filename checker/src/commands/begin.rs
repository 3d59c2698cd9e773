//! `cargo run`: where to begin.

use std::process::ExitCode;

use socket_workbook::{outln, text};

use socket_workbook::lessons::Family;
use workbook_checker::lessons::LESSONS;
use workbook_checker::text::exercises as say;

/// `cargo run`: where to begin.
pub(crate) fn begin() -> ExitCode {
    outln!("{}", text::where_to_begin());
    for lesson in LESSONS
        .iter()
        .filter(|lesson| lesson.family == Family::Step)
    {
        outln!("  cargo run --example {}", lesson.name);
    }
    outln!();
    outln!("{}", say::begin_exercises());
    ExitCode::SUCCESS
}
