//! A pitfall demo's own client, told apart from a stranger.
//!
//! Each pitfall demo starts a server on a free port, prints it, and connects its own
//! client. On a shared machine (a classroom server, a lab computer) another program
//! may connect to that printed port first; taking the first connection `accept`
//! returns would then demonstrate on the stranger. The demos keep `accept` in sight
//! and pass it to [`accept_own`], which keeps only the connection whose address is the
//! demo's own client's, says so of each stranger, and closes it.

use std::net::SocketAddr;

/// Calls `accept` until it returns the connection from `own` (the demo's client's
/// local address); each other connection is a stranger: said on stdout, and closed
/// when dropped. What `accept` returns is the connection and its peer's address.
pub fn accept_own<C>(
    own: SocketAddr,
    mut accept: impl FnMut() -> anyhow::Result<(C, SocketAddr)>,
) -> anyhow::Result<(C, SocketAddr)> {
    loop {
        let (conn, peer) = accept()?;
        if peer == own {
            return Ok((conn, peer));
        }
        drop(conn);
        crate::say!(
            "a stranger connected from `{peer}`, not this demo's own client `{own}`: closed it, waiting for our own",
            "有陌生的程序从 `{peer}` 连了进来，不是本演示自己的客户端 `{own}`：已关闭它，继续等待自己的客户端"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strangers_are_closed_and_the_own_client_is_kept() {
        let own: SocketAddr = "127.0.0.1:50000".parse().expect("an address");
        let stranger: SocketAddr = "127.0.0.1:40000".parse().expect("an address");
        let mut arrivals = vec![
            ("own", own),
            ("stranger 2", stranger),
            ("stranger 1", stranger),
        ];
        let mut accepted = 0;
        let got = accept_own(own, || {
            accepted += 1;
            arrivals.pop().ok_or_else(|| anyhow::anyhow!("no more"))
        })
        .expect("the own client");
        assert_eq!(got, ("own", own));
        assert_eq!(accepted, 3);
    }

    #[test]
    fn an_accept_error_is_returned() {
        let own: SocketAddr = "127.0.0.1:50000".parse().expect("an address");
        let got = accept_own::<()>(own, || Err(anyhow::anyhow!("accept failed")));
        assert!(got.is_err());
    }
}
