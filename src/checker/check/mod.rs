//! What "works" means for each lesson, in one place: checks that drive a lesson's
//! program as a client and an operator would, and the harness they use.
//!
//! `cargo test` runs every check against the reference examples (`tests/lessons`);
//! the checker (`cargo run -- check 4`) runs the same checks against a student's
//! exercise. Nothing here makes a socket call that a lesson teaches on the server's
//! side: the checks are the server's clients.
//!

pub mod extras;
pub mod harness;
pub mod netassist;
pub mod servers;
pub mod steps;

pub use harness::{
    Client, DEADLINE, Failure, Finished, Launch, Outcome, Program, Server, in_parallel, readiness,
};

/// One behaviour a lesson promises, and the check that proves it.
#[derive(Clone, Copy)]
pub struct Behaviour {
    /// Its name, as a test is named: `reports_the_client_address`.
    pub name: &'static str,
    /// The check.
    pub check: fn(&Program) -> Outcome,
}

impl std::fmt::Debug for Behaviour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}
