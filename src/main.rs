//! The workbook's own command: `cargo run` tells where to begin.
#![forbid(unsafe_code)]

mod check;

use socket_workbook::Cli;

fn main() {
    Cli::new("socket-workbook").parse();
    println!("{}", socket_workbook::text::where_to_begin());
    for lesson in check::LESSONS {
        println!("  cargo run --example {lesson}");
    }
}
