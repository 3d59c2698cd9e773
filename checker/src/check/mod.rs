//! What "works" means for each lesson, in one place: checks that drive a lesson's
//! program as a client and an operator would, and the harness they use.
//!
//! `cargo test` runs every check against the reference examples (`tests/lessons`);
//! the checker (`cargo run -- check 4`) runs the same checks against a student's
//! exercise. Nothing here makes a socket call that a lesson teaches on the server's
//! side: the checks are the server's clients.
//!

pub mod chat;
pub mod client_tool;
pub mod clients;
pub mod extras;
pub mod facts;
pub mod fold;
pub mod harness;
pub mod ladder;
pub mod netassist;
pub mod pitfalls;
pub mod scripted;
pub mod servers;
pub mod steps;
pub mod udp;

pub use harness::{
    Client, DEADLINE, Failure, Finished, Launch, Outcome, Program, ResourceLimits, Server, bounds,
    free_addr, in_parallel, readiness, run_watched,
};

/// One behaviour a lesson promises, and the check that proves it.
#[derive(Clone, Copy)]
pub struct Behaviour {
    /// Its name, as a test is named: `reports_the_client_address`.
    pub name: &'static str,
    /// The check.
    pub check: fn(&Program) -> Outcome,
    /// The points it scores in the lesson's exercise: what the exercise's new part adds
    /// scores above 0; a behaviour kept from an earlier lesson is still checked (the
    /// exercise passes only when it holds) and scores 0, so that an untouched starter
    /// scores 0.
    pub weight: u32,
    /// What it proves, in a few plain words in both languages (the checker's reports
    /// and `hint` show it): given where the table first names the check, `None` where
    /// a later lesson names it again ([`crate::lessons::proves`] finds them).
    pub proves: Option<socket_workbook::lessons::Words>,
}

impl std::fmt::Debug for Behaviour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}
