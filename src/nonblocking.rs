//! Step 10's bookkeeping, which is no lesson of its own: the clients of the one thread,
//! found by their mio `Token`; each one's queue of echoes the socket could not take
//! yet; the turns (a client that sends without pause must not starve the others); the
//! sweep that closes idle clients; the pause after `accept` failed for lack of
//! descriptors; and how a session ends, told as every rung tells it ([`crate::echo`]).
//!
//! The lesson itself, the poll, its events, the registration of each socket with its
//! interest and the handling of `WouldBlock`, stays in `examples/step10_nonblocking.rs`.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Write};
use std::net::{Shutdown, SocketAddr};
use std::time::{Duration, Instant};

use mio::net::TcpStream;
use mio::{Events, Registry, Token};

use crate::echo::{self, Ended, Full, tell_heard};
use crate::failure::Failed;
use crate::ladder::{self, Limits, LineSession};

/// Reads in a row for one connection before the others get their turn: a client that
/// sends without pause must not starve the rest.
pub const READS_PER_TURN: usize = 16;

/// What a turn of a connection left to do.
pub enum Turn {
    /// Wait for the next readiness event.
    Wait,
    /// It may have more to read: give it another turn after the others.
    Again,
    /// Close it.
    Over(End),
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The client sent `exit` (told already, as the session heard it).
    Exit,
    /// The client closed its side (a read of 0 bytes).
    Closed,
    /// The client reset the connection, or the session failed.
    Reset,
    /// No whole line came before its deadline.
    Idle,
}

/// One client, as the single thread keeps it between events.
pub struct Connection {
    pub stream: TcpStream,
    pub peer: SocketAddr,
    session: LineSession,
    /// Echoes the socket could not take yet. Nothing more is read from the client until
    /// they are sent, which bounds them: a client that does not read cannot fill our
    /// memory with its echoes.
    pub outgoing: Vec<u8>,
    /// Set once the session is over (`exit`, or the client closed): close after
    /// `outgoing` is sent.
    pub ending: Option<End>,
}

impl Connection {
    /// Takes what a read returned (no bytes: the client closed): tells what the session
    /// heard, queues the echoes in `outgoing`, and notes the end of the session.
    pub fn received(&mut self, bytes: &[u8]) {
        let reply = if bytes.is_empty() {
            self.ending = Some(End::Closed);
            self.session.finish()
        } else {
            self.session.received(bytes)
        };
        tell_heard(self.peer, &reply.heard);
        self.outgoing.extend_from_slice(&reply.send);
        if reply.exit {
            self.ending = Some(End::Exit);
        }
    }
}

/// Every client of the one thread, and when to look at them again.
pub struct Clients {
    connections: HashMap<Token, Connection>,
    /// The token of the next connection: 0 is the listener's.
    next_token: usize,
    /// Connections that may have more to read after their turn.
    again: VecDeque<Token>,
    /// Idle clients are looked for a few times per idle timeout, not at every event.
    sweep_every: Duration,
    next_sweep: Instant,
    /// After accept failed for lack of descriptors: when to try again.
    accept_again: Option<Instant>,
    limits: Limits,
}

impl Clients {
    pub fn new(limits: &Limits) -> Clients {
        let sweep_every =
            (limits.idle_timeout / 4).clamp(Duration::from_millis(10), Duration::from_secs(1));
        Clients {
            connections: HashMap::new(),
            next_token: 1,
            again: VecDeque::new(),
            sweep_every,
            next_sweep: Instant::now() + sweep_every,
            accept_again: None,
            limits: *limits,
        }
    }

    /// How long the poll may wait: until the next sweep, or the next try of `accept`;
    /// not at all while a connection waits for another turn.
    pub fn timeout(&self) -> Duration {
        if !self.again.is_empty() {
            return Duration::ZERO;
        }
        let wake = self
            .accept_again
            .map_or(self.next_sweep, |at| at.min(self.next_sweep));
        wake.saturating_duration_since(Instant::now())
    }

    /// The tokens to serve in this round: the events', then those given another turn.
    pub fn ready(&mut self, events: &Events) -> Vec<Token> {
        let mut ready: Vec<Token> = events.iter().map(|event| event.token()).collect();
        ready.extend(self.again.drain(..));
        ready
    }

    /// Gives `token` another turn after the others.
    pub fn again(&mut self, token: Token) {
        self.again.push_back(token);
    }

    /// The connection of `token`; none if it was closed earlier in this round.
    pub fn get_mut(&mut self, token: Token) -> Option<&mut Connection> {
        self.connections.get_mut(&token)
    }

    /// Whether as many clients as `--max-connections` are connected.
    pub fn full(&self) -> bool {
        self.connections.len() >= self.limits.max_connections
    }

    /// The token for the next connection.
    pub fn next_token(&mut self) -> Token {
        self.next_token += 1;
        Token(self.next_token - 1)
    }

    /// Keeps a connection registered with the poll as `token`.
    pub fn insert(&mut self, token: Token, stream: TcpStream, peer: SocketAddr) {
        let session = LineSession::new(&self.limits);
        let conn = Connection {
            stream,
            peer,
            session,
            outgoing: Vec::new(),
            ending: None,
        };
        self.connections.insert(token, conn);
    }

    /// Tells a client over the limit that the server is full, and closes its
    /// connection. The errors are ignored: a client that is gone already needs no answer.
    pub fn refuse(&self, mut stream: TcpStream, peer: SocketAddr) {
        echo::tell_refused(peer, &self.limits, Full::Connections);
        // One short line into the empty send buffer of a new connection does not block.
        let full = ladder::wire(ladder::wire_full(self.limits.max_connections));
        let _ = stream.write(full.as_bytes());
        let _ = stream.shutdown(Shutdown::Write);
    }

    /// After `accept` on `local` failed with `error` (not WouldBlock): whether to stop
    /// accepting for now. It is, for a while, when a pause helps (no descriptor left):
    /// then `accept` is tried again after it. The listener stays "ready" in the kernel,
    /// but mio reports a change only once (edge-triggered): no event would come.
    pub fn accept_failed(&mut self, error: &io::Error, local: SocketAddr) -> bool {
        // The same kind and words, owned: the caller's error is borrowed by its match.
        let error = io::Error::new(error.kind(), error.to_string());
        let error = anyhow::Error::new(error).context(Failed::Accept(local));
        match ladder::pause_after_accept_error(&error) {
            Some(pause) => {
                self.accept_again = Some(Instant::now() + pause);
                true
            }
            None => false,
        }
    }

    /// Ends the session of `token` after it failed with `error`: says so on stderr; the
    /// server goes on.
    pub fn failed(&mut self, token: Token, error: &anyhow::Error, registry: &Registry) {
        if let Some(conn) = self.connections.get(&token) {
            echo::warn_session_error(conn.peer, error);
        }
        self.close(token, End::Reset, registry);
    }

    /// Whether the pause after a failed `accept` is over (then it is forgotten).
    pub fn accept_due(&mut self) -> bool {
        let due = self.accept_again.is_some_and(|at| Instant::now() >= at);
        if due {
            self.accept_again = None;
        }
        due
    }

    /// Closes the clients whose next whole line did not come in time, a few times per
    /// idle timeout. Only a whole line moves a session's deadline, not a byte (see
    /// `LineSession`): a client trickling a byte at a time cannot put it off (slowloris).
    pub fn sweep(&mut self, registry: &Registry) {
        let now = Instant::now();
        if now < self.next_sweep {
            return;
        }
        self.next_sweep = now + self.sweep_every;
        let idle: Vec<Token> = self
            .connections
            .iter()
            .filter(|(_, conn)| now >= conn.session.deadline())
            .map(|(&token, _)| token)
            .collect();
        for token in idle {
            self.close(token, End::Idle, registry);
        }
    }

    /// Ends a session: says why, tells an idle client, shuts down the sending side,
    /// takes the socket off the poll and closes it.
    pub fn close(&mut self, token: Token, end: End, registry: &Registry) {
        let Some(mut conn) = self.connections.remove(&token) else {
            return;
        };
        let peer = conn.peer;
        let ended = match end {
            End::Exit => None, // tell_heard said so already
            End::Closed => Some(Ended::Closed),
            End::Reset => Some(Ended::Reset),
            End::Idle => {
                // Best effort, without waiting: a client that does not read cannot be told.
                let _ = conn.stream.write(conn.session.wire_too_slow().as_bytes());
                Some(Ended::Idle {
                    partial: conn.session.partial(),
                })
            }
        };
        // Step 7: close. The errors are ignored: the client may be gone already, and
        // the socket is closed when `conn` is dropped, whatever happens.
        let _ = conn.stream.shutdown(Shutdown::Write);
        let _ = registry.deregister(&mut conn.stream);
        drop(conn);
        if let Some(ended) = ended {
            echo::tell_ended(peer, &self.limits, ended);
        }
        echo::tell_closed(peer, &self.limits, self.connections.len());
    }
}
