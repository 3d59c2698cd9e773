//! The client tool's parts that are not its own story (`examples/client.rs` keeps
//! connecting and the interactive conversation): how it sends and shows data, and its
//! scripted mode. Each has one home here.

pub mod display;
pub mod script;

/// How much one read takes: netAssist's `recv(1024)`, the lesson's too.
pub const READ_SIZE: usize = 1024;
