//! A check's TCP client, with a deadline on every step, and many clients at once.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::thread::{self};
use std::time::Duration;

use super::story::{Shared, failure, record};
use super::{DEADLINE, Failure, Outcome, Server};
use crate::text::check as text;
use socket_workbook::message::show;

/// A check's TCP client: every connect, read and write has a deadline, and each
/// action is told in the story of a failure.
pub struct Client {
    pub(super) stream: TcpStream,
    pub(super) story: Shared,
    pub(super) deadline: Duration,
}

impl Client {
    /// Connects to `addr` within [`DEADLINE`], for checks with no server of their own.
    pub fn connect(addr: SocketAddr) -> Outcome<Client> {
        Client::connect_within(addr, Shared::default(), DEADLINE)
    }

    pub(super) fn connect_within(
        addr: SocketAddr,
        story: Shared,
        deadline: Duration,
    ) -> Outcome<Client> {
        let stream = TcpStream::connect_timeout(&addr, deadline).map_err(|error| {
            failure(
                &story,
                text::expect_connect(addr),
                text::plain_error(&error),
            )
        })?;
        let timeouts = stream
            .set_read_timeout(Some(deadline))
            .and_then(|()| stream.set_write_timeout(Some(deadline)));
        if let Err(error) = timeouts {
            return Err(failure(
                &story,
                text::expect_connect(addr),
                error.to_string(),
            ));
        }
        let local = stream
            .local_addr()
            .map_err(|error| failure(&story, text::expect_connect(addr), error.to_string()))?;
        record(&story, text::did_connect(addr, local));
        Ok(Client {
            stream,
            story,
            deadline,
        })
    }

    /// The client's own address, as the server should report it.
    pub fn local_addr(&self) -> SocketAddr {
        self.stream
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    /// A failure of this client's check, with the story so far.
    pub fn fail(&self, expected: String, found: String) -> Failure {
        failure(&self.story, expected, found)
    }

    /// Sends all of `bytes` in one write call.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) -> Outcome {
        let bytes = bytes.as_ref();
        record(&self.story, text::did_send(&show(bytes)));
        self.stream
            .write_all(bytes)
            .map_err(|error| self.fail(text::expect_send(), text::plain_error(&error)))
    }

    /// Reads one line, up to `\n` included, as text (bytes that are not UTF-8 become
    /// U+FFFD).
    pub fn read_line(&mut self) -> Outcome<String> {
        Ok(String::from_utf8_lossy(&self.read_line_bytes()?).into_owned())
    }

    /// Reads one line, up to `\n` included, as bytes.
    pub fn read_line_bytes(&mut self) -> Outcome<Vec<u8>> {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while !line.ends_with(b"\n") {
            match self.stream.read(&mut byte) {
                Ok(0) => {
                    let found = text::found_end_of_stream_after(&show(&line));
                    return Err(self.fail(text::expect_reply_line(), found));
                }
                Ok(_) => line.push(byte[0]),
                // A signal arrived (a child process of the tests ended): a read with a
                // timeout (SO_RCVTIMEO) is then not restarted by the kernel, so read again.
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    let found = self.read_error(&line, &error);
                    return Err(self.fail(text::expect_reply_line(), found));
                }
            }
        }
        record(&self.story, text::did_read(&show(&line)));
        Ok(line)
    }

    /// One read of at most `size` bytes, as `recv(size)`: what arrived, empty at the
    /// end of the stream.
    pub fn recv(&mut self, size: usize) -> Outcome<Vec<u8>> {
        let mut buffer = vec![0u8; size];
        loop {
            match self.stream.read(&mut buffer) {
                Ok(n) => {
                    buffer.truncate(n);
                    record(&self.story, text::did_recv(size, &show(&buffer)));
                    return Ok(buffer);
                }
                // See `read_line_bytes`.
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    let found = self.read_error(&[], &error);
                    return Err(self.fail(text::expect_recv(), found));
                }
            }
        }
    }

    /// Tells what the check did that the harness cannot see (a pause, a silence).
    pub fn note(&self, action: String) {
        record(&self.story, action);
    }

    /// Reads until the server ends the stream; returns what came before the end.
    pub fn read_to_end(&mut self) -> Outcome<Vec<u8>> {
        let mut all = Vec::new();
        match self.stream.read_to_end(&mut all) {
            Ok(_) => {
                record(&self.story, text::did_read_to_end(&show(&all)));
                Ok(all)
            }
            Err(error) => {
                let found = self.read_error(&all, &error);
                Err(self.fail(text::expect_end_of_stream(), found))
            }
        }
    }

    /// What a failed read found: silence for a read that timed out (WouldBlock on
    /// Unix, TimedOut on Windows), else the error.
    pub(super) fn read_error(&self, before: &[u8], error: &std::io::Error) -> String {
        match error.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                text::found_silence_within(&show(before), self.deadline)
            }
            _ => text::found_read_error(&show(before), &text::plain_error(error)),
        }
    }

    /// Reads until the end of the stream and expects nothing before it.
    pub fn expect_end_of_stream(&mut self) -> Outcome {
        let rest = self.read_to_end()?;
        if rest.is_empty() {
            Ok(())
        } else {
            Err(self.fail(text::expect_end_of_stream(), show(&rest)))
        }
    }

    /// Closes the sending side: the server reads end-of-stream; we can still read.
    pub fn shutdown_write(&self) -> Outcome {
        record(&self.story, text::did_shutdown_write());
        self.stream
            .shutdown(Shutdown::Write)
            .map_err(|error| self.fail(text::expect_shutdown(), error.to_string()))
    }

    /// Closes the connection in order (a FIN).
    pub fn close(self) {
        record(&self.story, text::did_close());
    }

    /// Ends the connection with a reset (RST) instead of an orderly close, as a client
    /// program that crashes does.
    pub fn reset(self) -> Outcome {
        record(&self.story, text::did_reset());
        socket2::SockRef::from(&self.stream)
            .set_linger(Some(Duration::ZERO))
            .map_err(|error| self.fail(text::expect_reset(), error.to_string()))
    }
}

impl Server {
    /// `count` clients connected to this server at once, in the order they connected.
    pub fn connect_many(&self, count: usize) -> Outcome<Vec<Client>> {
        (0..count).map(|_| self.connect()).collect()
    }
}

/// Runs `each` for every client at once, each on a thread of its own, as many real
/// clients would; returns what each returned, in order, or the first failure. Every
/// step of `each` has the client's deadline, so this ends even if a server hangs.
pub fn in_parallel<T: Send>(
    clients: Vec<Client>,
    each: impl Fn(usize, Client) -> Outcome<T> + Sync,
) -> Outcome<Vec<T>> {
    let each = &each;
    thread::scope(|scope| {
        let running: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(index, client)| scope.spawn(move || each(index, client)))
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread.join().unwrap_or_else(|_| {
                    Err(Failure::new(
                        text::expect_started(),
                        text::found_error("a client's thread panicked"),
                    ))
                })
            })
            .collect()
    })
}
