
#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(windows)]
use std::os::windows::io::AsRawSocket;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::{Cli, Failed, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    Cli::new("exercise1_create").parse();
    report(run())
}

fn run() -> anyhow::Result<()> {
    let server = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    println!("done!");
    Ok(())
}
