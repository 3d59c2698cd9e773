//! The benchmark's parts that are not its story (`examples/bench.rs` keeps what it
//! runs and measures): the servers under test and how each is started, the memory
//! of a process, and the tables it prints. Built with the `ladder` feature only, so
//! that a student's first build compiles none of it.

pub mod memory;
pub mod servers;
pub mod table;
