//! `cargo run`: where to begin.

use std::process::ExitCode;

use socket_workbook::outln;

use socket_workbook::lessons::Family;
use workbook_checker::lessons::CHECKED_LESSONS;
use workbook_checker::text::exercises as text;

/// `cargo run`: where to begin.
pub(crate) fn begin() -> ExitCode {
    outln!("{}", text::where_to_begin());
    for lesson in CHECKED_LESSONS
        .iter()
        .filter(|lesson| lesson.family == Family::Step)
    {
        outln!("  cargo run --example {}", lesson.name);
    }
    outln!();
    outln!("{}", text::begin_exercises());
    ExitCode::SUCCESS
}
