//! A scripted server, for the checks of the client lessons: it listens on a port of
//! 127.0.0.1 that the system chooses, accepts the client under test, and does what the
//! check says (stay silent, reply in pieces, reply with two messages at once, close,
//! reset, never accept), while it keeps what the client did on the wire: the bytes it
//! sent, and how it ended (FIN, reset, or silence). Every wait has a deadline, and each
//! ends as soon as its outcome is known.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use super::harness::{Failure, Outcome, Server};
use socket_workbook::message::show;

/// How long the scripted server waits for the client: to connect, to send.
pub const WAIT: Duration = Duration::from_secs(5);

/// After a first piece of a message, how long to wait for more of it: a client that
/// writes its message and its line ending apart still sends one message.
const REST_OF_MESSAGE: Duration = Duration::from_millis(50);

/// How the client's side of the stream ended, as the server reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A read of 0 bytes: the client sent a FIN (shutdown or close).
    Fin,
    /// The client reset the connection (closed with data unread, or crashed).
    Reset,
    /// Nothing within the wait: the client neither sent nor closed.
    Silence,
}

impl End {
    /// How it ended, in words for a failure.
    pub fn said(self) -> &'static str {
        match self {
            End::Fin => "end-of-stream (FIN)",
            End::Reset => "a reset (RST)",
            End::Silence => "nothing",
        }
    }
}

/// The scripted server's listening socket.
pub struct Listener {
    listener: TcpListener,
    /// Its address, for the client's first argument.
    pub addr: SocketAddr,
}

impl Listener {
    /// Listens on 127.0.0.1 at a port the system chooses.
    pub fn new() -> Outcome<Listener> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
            .map_err(|error| Failure::new("a listening socket".into(), error.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|error| Failure::new("a listening socket".into(), error.to_string()))?;
        Ok(Listener { listener, addr })
    }

    /// Accepts the client that `program` runs, within [`WAIT`]; fails at once if the
    /// program ends without connecting.
    pub fn accept(&self, program: &mut Server) -> Outcome<Conn> {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.listener.accept() {
                Ok((stream, peer)) => {
                    let set = stream
                        .set_nonblocking(false)
                        .and_then(|()| stream.set_write_timeout(Some(WAIT)));
                    if let Err(error) = set {
                        return Err(program.fail("a connection".into(), error.to_string()));
                    }
                    return Ok(Conn {
                        stream,
                        peer,
                        wire: Vec::new(),
                    });
                }
                Err(error) if error.kind() == ErrorKind::WouldBlock => {}
                Err(error) => {
                    return Err(program.fail(expect_connect(self.addr), error.to_string()));
                }
            }
            if program.exited() || Instant::now() >= deadline {
                let found = if program.exited() {
                    "the program ended without connecting".to_string()
                } else {
                    format!("no connection within {} s", WAIT.as_secs())
                };
                return Err(program.fail(expect_connect(self.addr), found));
            }
            // A non-blocking accept has no event to wait on here: look again shortly.
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

fn expect_connect(addr: SocketAddr) -> String {
    format!("the client to connect to `{addr}`")
}

/// The connection the scripted server accepted.
pub struct Conn {
    stream: TcpStream,
    /// The client's address, as accept() gave it.
    pub peer: SocketAddr,
    /// What the client sent, and what the server did, in order: for an account.
    wire: Vec<String>,
}

/// What one read of a message found.
pub enum Got {
    /// A message: the bytes of one write, or of a write and its line ending.
    Message(Vec<u8>),
    /// The stream ended, or nothing came.
    Ended(End),
}

impl Conn {
    /// What happened on the wire so far, for a failure's account.
    pub fn story(&self) -> String {
        format!("on the wire: {}", self.wire.join("; "))
    }

    /// A failure of the check, with the story of the wire and of the program.
    pub fn fail(&self, program: &Server, expected: String, found: &str) -> Failure {
        program.fail(expected, format!("{found}\n{}", self.story()))
    }

    /// Reads with a deadline: bytes, or how the stream ended.
    fn read_within(&mut self, wait: Duration, buffer: &mut [u8]) -> Result<usize, End> {
        let _ = self
            .stream
            .set_read_timeout(Some(wait.max(Duration::from_millis(1))));
        loop {
            return match self.stream.read(buffer) {
                Ok(0) => Err(End::Fin),
                Ok(n) => Ok(n),
                Err(error) if error.kind() == ErrorKind::Interrupted => continue,
                Err(error)
                    if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    Err(End::Silence)
                }
                Err(_) => Err(End::Reset),
            };
        }
    }

    /// The client's next message, within `wait`: the bytes of one read and whatever
    /// follows them within a moment; or how the stream ended instead.
    pub fn message(&mut self, wait: Duration) -> Got {
        let mut buffer = [0u8; 4096];
        let mut message = match self.read_within(wait, &mut buffer) {
            Ok(n) => buffer[..n].to_vec(),
            Err(end) => {
                self.wire.push(format!("the client sent {}", end.said()));
                return Got::Ended(end);
            }
        };
        while !message.ends_with(b"\n") {
            match self.read_within(REST_OF_MESSAGE, &mut buffer) {
                Ok(n) => message.extend_from_slice(&buffer[..n]),
                Err(_) => break,
            }
        }
        self.wire
            .push(format!("the client sent {}", show(&message)));
        Got::Message(message)
    }

    /// Reads everything the client sends until its side ends (or `wait` passes with
    /// nothing): the bytes, and how it ended.
    pub fn rest(&mut self, wait: Duration) -> (Vec<u8>, End) {
        let mut all = Vec::new();
        let mut buffer = [0u8; 4096];
        let end = loop {
            match self.read_within(wait, &mut buffer) {
                Ok(n) => all.extend_from_slice(&buffer[..n]),
                Err(end) => break end,
            }
        };
        if !all.is_empty() {
            self.wire.push(format!("the client sent {}", show(&all)));
        }
        self.wire.push(format!("then {}", end.said()));
        (all, end)
    }

    /// Sends `bytes` in one write.
    pub fn send(&mut self, bytes: &[u8]) {
        self.wire.push(format!("the server sent {}", show(bytes)));
        if let Err(error) = self.stream.write_all(bytes) {
            self.wire.push(format!("(the write failed: {error})"));
        }
    }

    /// Waits, as a server that replies in pieces does between them.
    pub fn pause(&mut self, how_long: Duration) {
        self.wire
            .push(format!("the server waited {} ms", how_long.as_millis()));
        std::thread::sleep(how_long);
    }

    /// Closes the sending side: the client reads end-of-stream, and the server can still
    /// read what the client sends.
    pub fn shutdown_write(&mut self) {
        self.wire
            .push("the server shut down its sending side (FIN)".into());
        let _ = self.stream.shutdown(Shutdown::Write);
    }

    /// Resets the connection (RST), as a server that crashes does.
    pub fn reset(self) {
        let _ = socket2::SockRef::from(&self.stream).set_linger(Some(Duration::ZERO));
    }
}

/// Text of a message without its line ending (`\n` or `\r\n`), for a client that adds one.
pub fn without_line_ending(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

/// A listener whose backlog is full: the kernel drops each new SYN, so a client's
/// connect() is never answered (as a server that never accepts, or a lost network).
pub struct Unanswering {
    _listener: socket2::Socket,
    _queued: Vec<socket2::Socket>,
    /// Its address.
    pub addr: SocketAddr,
}

impl Unanswering {
    /// Listens with a backlog of 0 and fills it with connections never accepted.
    pub fn new() -> Outcome<Unanswering> {
        use socket2::{Domain, Protocol, Socket, Type};
        let failed =
            |error: std::io::Error| Failure::new("a full backlog".into(), error.to_string());
        let listener =
            Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).map_err(failed)?;
        listener
            .bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into())
            .and_then(|()| listener.listen(0))
            .map_err(failed)?;
        let addr = listener
            .local_addr()
            .map_err(failed)?
            .as_socket()
            .ok_or_else(|| Failure::new("a full backlog".into(), "no address".into()))?;
        let mut queued = Vec::new();
        // Linux queues backlog + 1 finished handshakes; the rest wait as SYNs. A few more
        // than that fill every queue.
        for _ in 0..4 {
            let socket =
                Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).map_err(failed)?;
            socket.set_nonblocking(true).map_err(failed)?;
            let _ = socket.connect(&addr.into());
            queued.push(socket);
        }
        // The queued handshakes finish within a round trip on loopback; a connect that
        // is sure to be dropped needs them finished first.
        std::thread::sleep(Duration::from_millis(50));
        Ok(Unanswering {
            _listener: listener,
            _queued: queued,
            addr,
        })
    }
}
