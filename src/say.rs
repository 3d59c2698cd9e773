//! The macros a lesson prints its own words with, in both languages, at the line
//! where it prints them:
//!
//! ```
//! # use socket_workbook::say;
//! # let peer = "127.0.0.1:53422";
//! say!("accepted connection from {peer}", "接收到客户端连接，连接来自：{peer}");
//! ```
//!
//! English or Chinese is chosen once per run ([`crate::lang::current`]); each text is a
//! `format!` string that names its values inline. A student reads in the example
//! exactly what the program prints.
//!
//! | macro | where it writes |
//! |---|---|
//! | [`say!`](crate::say!) | one line on stdout |
//! | [`prompt!`](crate::prompt!) | stdout with no line ending, flushed: the operator types on the same line |
//! | [`warn!`](crate::warn!) | one line on stderr, for warnings and notes that are not the program's output |
//! | [`words!`](crate::words!) | a `String`, for text that goes elsewhere (a message to a client, a help line) |
//! | [`outln!`](crate::outln!) | `println!` for text in no language (the readiness line, a table of figures) |
//!
//! When stdout is closed (`cargo run --example step5_recv | head -n 1`), writing to it
//! fails with `BrokenPipe`; Rust's `println!` would panic. These macros end the program
//! quietly instead, with exit status 0: the reader has all it asked for.

use std::fmt::Arguments;
use std::io::{self, ErrorKind, Write};

/// Prints one line on stdout in the language of this run: `say!(english, chinese)`.
#[macro_export]
macro_rules! say {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => $crate::say::stdout_line(::std::format_args!($en)),
            $crate::lang::Lang::Zh => $crate::say::stdout_line(::std::format_args!($zh)),
        }
    };
}

/// Prints on stdout with no line ending and flushes, so that what the operator types
/// follows on the same line: `prompt!("reply: ", "请输入回复消息: ")`.
#[macro_export]
macro_rules! prompt {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => $crate::say::stdout_prompt(::std::format_args!($en)),
            $crate::lang::Lang::Zh => $crate::say::stdout_prompt(::std::format_args!($zh)),
        }
    };
}

/// Prints one line on stderr in the language of this run: warnings and notes, which
/// are not the program's output.
#[macro_export]
macro_rules! warn {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => $crate::say::stderr_line(::std::format_args!($en)),
            $crate::lang::Lang::Zh => $crate::say::stderr_line(::std::format_args!($zh)),
        }
    };
}

/// The text in the language of this run, as a `String`: `words!(english, chinese)`.
#[macro_export]
macro_rules! words {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::lang::current() {
            $crate::lang::Lang::En => ::std::format!($en),
            $crate::lang::Lang::Zh => ::std::format!($zh),
        }
    };
}

/// `println!`, but a closed stdout ends the program quietly: for text that is the same in
/// every language, such as the readiness line `listening on 127.0.0.1:8888`.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::say::stdout_line(::std::format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::say::stdout_line(::std::format_args!($($arg)*))
    };
}

/// `print!` with a flush, and a closed stdout ends the program quietly.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::say::stdout_prompt(::std::format_args!($($arg)*))
    };
}

/// Writes one line on stdout (what [`say!`](crate::say!) does).
pub fn stdout_line(text: Arguments<'_>) {
    let mut out = io::stdout().lock();
    let written = out.write_fmt(text).and_then(|()| out.write_all(b"\n"));
    quit_if_closed(written);
}

/// Writes on stdout without a line ending, then flushes (what [`prompt!`](crate::prompt!) does).
pub fn stdout_prompt(text: Arguments<'_>) {
    let mut out = io::stdout().lock();
    let written = out.write_fmt(text).and_then(|()| out.flush());
    quit_if_closed(written);
}

/// Writes one line on stderr (what [`warn!`](crate::warn!) does). A closed stderr is
/// ignored: there is nowhere left to say anything.
pub fn stderr_line(text: Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(text).and_then(|()| err.write_all(b"\n"));
}

/// Writes one line on stdout that is not a lesson's own words (the readiness line, a
/// shared helper's output), with the same care for a closed stdout.
pub fn line(text: impl std::fmt::Display) {
    stdout_line(format_args!("{text}"));
}

/// Ends the program quietly when stdout was closed by its reader. Other write errors
/// (a full disk behind a redirection) are rare and not the lesson's: they are ignored,
/// as the lessons' output is a narration, not their result.
fn quit_if_closed(written: io::Result<()>) {
    if let Err(error) = written {
        if error.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}
