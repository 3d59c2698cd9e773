//! The checker's words, in English and Chinese: what a check expected, found and did
//! ([`check`]), and the commands' messages and the behaviours' descriptions
//! ([`exercises`]).

pub mod check;
pub mod clients;
pub mod exercises;
