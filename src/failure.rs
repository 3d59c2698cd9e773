//! Errors a student can act on: what failed and at which address ([`Failed`], attached
//! with `anyhow::Context`), then the likely cause and the fix ([`hint`]), printed by
//! [`report`] without a backtrace.
//!
//! Hints are chosen by [`io::ErrorKind`], never by the operating system's wording,
//! which differs between Linux, macOS and Windows (and their languages).

use std::fmt;
use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::process::ExitCode;

use crate::text;

/// The step that failed, and the address it concerned. Attach it to a socket call's
/// error with `.with_context(|| Failed::Bind(addr))`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// `socket(2)`.
    Create,
    /// Reading the socket's own type or address.
    Query,
    /// `setsockopt(SO_REUSEADDR)` before binding this address.
    ReuseAddress(SocketAddr),
    /// `bind(2)` to this address.
    Bind(SocketAddr),
    /// `listen(2)` on this address.
    Listen(SocketAddr),
    /// `accept(2)` on the listening socket at this address.
    Accept(SocketAddr),
    /// `recv(2)` from this client.
    Recv(SocketAddr),
    /// `send(2)` to this client.
    Send(SocketAddr),
    /// `shutdown(2)` of the connection to this client.
    Shutdown(SocketAddr),
    /// `connect(2)` to this server.
    Connect(SocketAddr),
    /// Reading the operator's reply from stdin.
    Stdin,
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match *self {
            Failed::Create => text::failed_create(),
            Failed::Query => text::failed_query(),
            Failed::ReuseAddress(addr) => text::failed_reuse(addr),
            Failed::Bind(addr) => text::failed_bind(addr),
            Failed::Listen(addr) => text::failed_listen(addr),
            Failed::Accept(addr) => text::failed_accept(addr),
            Failed::Recv(peer) => text::failed_recv(peer),
            Failed::Send(peer) => text::failed_send(peer),
            Failed::Shutdown(peer) => text::failed_shutdown(peer),
            Failed::Connect(addr) => text::failed_connect(addr),
            Failed::Stdin => text::failed_stdin(),
        };
        f.write_str(&message)
    }
}

impl Failed {
    /// The address this step concerned, if it concerned one.
    pub fn addr(self) -> Option<SocketAddr> {
        match self {
            Failed::Create | Failed::Query | Failed::Stdin => None,
            Failed::ReuseAddress(addr)
            | Failed::Bind(addr)
            | Failed::Listen(addr)
            | Failed::Accept(addr)
            | Failed::Recv(addr)
            | Failed::Send(addr)
            | Failed::Shutdown(addr)
            | Failed::Connect(addr) => Some(addr),
        }
    }
}

/// Whether `error` means the peer left: it reset the connection (closed with data
/// unread, or its program ended abruptly) or had closed it when we sent. For a
/// one-client server this ends the session; it is no failure of the server.
pub fn peer_left(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe
    )
}

/// The likely cause of `kind` at `addr`, and the fix; `None` where there is no advice
/// better than the error itself.
pub fn hint(kind: ErrorKind, addr: SocketAddr) -> Option<String> {
    match kind {
        ErrorKind::AddrInUse => {
            let free = SocketAddr::new(addr.ip(), 0);
            Some(text::hint_in_use(addr, free))
        }
        ErrorKind::PermissionDenied => Some(text::hint_permission(addr)),
        ErrorKind::AddrNotAvailable => Some(text::hint_not_available(addr)),
        ErrorKind::ConnectionRefused => Some(text::hint_refused(addr)),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => Some(text::hint_reset(addr)),
        ErrorKind::BrokenPipe => Some(text::hint_broken_pipe(addr)),
        _ => None,
    }
}

/// The lines that explain `error` to a student: `error: <what failed>: <why>`, then
/// `hint: <likely cause and fix>` where there is one.
pub fn explain(error: &anyhow::Error) -> String {
    // What failed, then why: each cause after the one it explains.
    let what = error
        .chain()
        .map(ToString::to_string)
        .reduce(|what, why| text::labelled(&what, &why))
        .unwrap_or_default();
    let mut lines = text::labelled(&text::error_label(), &what);
    let kind = error.downcast_ref::<io::Error>().map(io::Error::kind);
    let addr = error
        .downcast_ref::<Failed>()
        .and_then(|failed| failed.addr());
    if let (Some(kind), Some(addr)) = (kind, addr) {
        if let Some(hint) = hint(kind, addr) {
            lines.push('\n');
            lines.push_str(&text::labelled(&text::hint_label(), &hint));
        }
    }
    lines
}

/// Ends a lesson: exit status 0 after success; after a failure, the explanation on
/// stderr and exit status 1. Use it as `fn main() -> ExitCode { report(run(&args)) }`.
pub fn report(result: anyhow::Result<()>) -> ExitCode {
    // Output still queued for stdout (see `output::queue_stdout`) is written first.
    crate::output::flush_stdout(std::time::Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Not `eprintln!`, which panics when stderr is closed.
            crate::output::stderr_line(format_args!("{}", explain(&error)));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    fn failing(kind: ErrorKind, failed: Failed) -> anyhow::Error {
        Err::<(), _>(io::Error::from(kind))
            .with_context(|| failed)
            .unwrap_err()
    }

    #[test]
    fn address_in_use_names_the_address_and_a_free_alternative() {
        let addr: SocketAddr = "127.0.0.1:8888".parse().expect("an address");
        let text = explain(&failing(ErrorKind::AddrInUse, Failed::Bind(addr)));
        let mut lines = text.lines();
        let first = lines.next().expect("an error line");
        assert!(
            first.starts_with("error: could not bind `127.0.0.1:8888`: "),
            "{text}"
        );
        let hint = lines.next().expect("a hint line");
        assert!(
            hint.starts_with("hint: `127.0.0.1:8888` is already in use"),
            "{text}"
        );
        assert!(hint.contains("`127.0.0.1:0`"), "{text}");
    }

    #[test]
    fn the_innermost_step_names_the_address_through_more_context() {
        let addr: SocketAddr = "127.0.0.1:80".parse().expect("an address");
        let error = failing(ErrorKind::PermissionDenied, Failed::Bind(addr)).context("step 2");
        let text = explain(&error);
        assert!(
            text.contains("hint: the system refused `127.0.0.1:80`"),
            "{text}"
        );
    }

    #[test]
    fn no_hint_without_an_address_or_for_an_unknown_kind() {
        let text = explain(&failing(ErrorKind::AddrInUse, Failed::Create));
        assert!(!text.contains("hint"), "{text}");
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("an address");
        let text = explain(&failing(ErrorKind::Other, Failed::Bind(addr)));
        assert!(!text.contains("hint"), "{text}");
    }
}
