//! The checker's commands, one file each.

pub(crate) mod begin;
pub(crate) mod check;
pub(crate) mod grade;
pub(crate) mod hint;
pub(crate) mod kit;
pub(crate) mod list;
pub(crate) mod reset;
pub(crate) mod sandboxed;
pub(crate) mod watch;
