//! `cargo run`: where to begin.

use std::process::ExitCode;

use socket_workbook::text;

use checker::check::LESSONS;
use checker::text::exercises as say;

/// `cargo run`: where to begin.
pub(crate) fn begin() -> ExitCode {
    println!("{}", text::where_to_begin());
    for lesson in LESSONS
        .iter()
        .take_while(|lesson| lesson.starts_with("step"))
    {
        println!("  cargo run --example {lesson}");
    }
    println!();
    println!("{}", say::begin_exercises());
    ExitCode::SUCCESS
}
