//! The chat server's helpers, which are no lesson of their own: the names in use
//! ([`Names`]), normalized and checked ([`check_name`]), a line escaped before the
//! others read it ([`escape`]),
//! each client's lines framed and limited ([`Lines`], as in the echo servers), the
//! writing to a client with its deadline and how its session ends ([`Writer`]), and a
//! client refused when the server is full ([`refuse`]).
//!
//! The lesson itself, a tokio task per member, the broadcast channel, the names asked
//! and the join and leave notices, stays in `examples/chat_server.rs`.

use std::collections::{HashSet, VecDeque};
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use anyhow::Context;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::time::timeout;
use unicode_normalization::UnicodeNormalization;

use crate::echo::{self, Full};
use crate::failure::{Failed, peer_left};
use crate::ladder::{self, Limits};
use crate::lines::{Encoding, Frame, LineFramer};
use crate::{message, outln, say, words};

/// What the broadcast channel may hold, in bytes of lines at most: it keeps
/// `CHANNEL_BYTES / --max-line` lines (between 16 and 1024) for the slowest reader.
const CHANNEL_BYTES: usize = 8 * 1024 * 1024;

/// How long telling a refused or idle client may take before it is closed anyway.
const LAST_WORD: Duration = Duration::from_secs(1);

/// How many lines the broadcast channel keeps for `limits`: a reader that far behind
/// misses the oldest (it is told), which bounds the memory a slow reader costs.
pub fn capacity(limits: &Limits) -> usize {
    (CHANNEL_BYTES / limits.max_line).clamp(16, 1024)
}

/// The names in use, by their key (see [`check_name`]). A std `Mutex`: it is held for
/// an instant, never across an `.await` (tokio's documentation recommends this).
#[derive(Debug, Default)]
pub struct Names(Mutex<HashSet<String>>);

impl Names {
    /// The names, locked. A task that panicked while holding them (none does) leaves
    /// them usable.
    fn lock(&self) -> MutexGuard<'_, HashSet<String>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the name of `key` if it is free; with it, how many are in the chat.
    pub fn take(&self, key: &str) -> Option<usize> {
        let mut names = self.lock();
        names.insert(key.to_string()).then(|| names.len())
    }

    /// Frees the name of `key`; how many are left in the chat.
    pub fn free(&self, key: &str) -> usize {
        let mut names = self.lock();
        names.remove(key);
        names.len()
    }
}

/// What a member sent, for the others: never what its bytes would do to a terminal.
/// `\x1b]0;owned\x07` would retitle the others' windows, `\x1b[2A` move their cursor,
/// `\r* alice left` forge a notice: the line is escaped as the server's own output is.
pub fn escape(line: &str) -> String {
    message::escape(line.as_bytes(), false)
}

/// What a member is told when it read too slowly and the channel dropped `missed`
/// lines for it (said on the server's output too, unless `--quiet`).
pub fn missed(name: &str, missed: u64, limits: &Limits) -> Arc<str> {
    if !limits.quiet {
        say!(
            "`{name}` reads too slowly and missed {missed} messages",
            "`{name}` 读取得太慢，错过了 {missed} 条消息"
        );
    }
    let told = words!(
        "error: you read too slowly and missed {missed} messages",
        "错误：你读取得太慢，错过了 {missed} 条消息"
    );
    ladder::wire(told).into()
}

/// A name as the chat shows it, and the key it is compared by, or the refusal to
/// send. The name is the line, trimmed, in NFKC: `ＢＯＢ` (full-width letters) is
/// `BOB`. It is refused if it holds control characters, or characters that a terminal
/// hides or obeys (`bob\u{200b}` looks like `bob`, U+202E turns the text around; see
/// `message::is_hidden`). Two names clash when they are the same in lowercase: `Bob`
/// is taken once `bob` is.
pub fn check_name(line: &str, max: usize) -> Result<(String, String), String> {
    let name: String = line.trim().nfkc().collect();
    let count = name.chars().count();
    if name.chars().any(message::is_hidden) || line.chars().any(message::is_hidden) {
        let shown = message::escape(line.trim().as_bytes(), false);
        return Err(words!(
            "error: the name `{shown}` holds invisible or direction-changing characters: choose another",
            "错误：名字 `{shown}` 含有看不见的或改变文字方向的字符：请换一个"
        ));
    }
    if count == 0 || count > max || name.chars().any(char::is_control) {
        return Err(words!(
            "error: a name has 1 to {max} characters, with no control characters: choose another",
            "错误：名字要有 1 到 {max} 个字符，且不能包含控制字符：请换一个"
        ));
    }
    let key = name.to_lowercase();
    Ok((name, key))
}

/// How a member's session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Exit,
    Closed,
    Reset,
    Idle,
    /// Bytes of a line came, but not its end, in time (a trickle).
    Trickle,
}

/// What comes next from a client.
pub enum Next {
    /// A line, decoded (bytes that are not UTF-8 become U+FFFD).
    Line(String),
    /// A line over the limit (its rest is dropped as it arrives).
    TooLong,
    /// The end of the session.
    End(End),
}

/// The lines a client sends, framed by [`LineFramer`] as in the echo servers.
pub struct Lines {
    reader: OwnedReadHalf,
    peer: SocketAddr,
    framer: LineFramer,
    ready: VecDeque<Frame>,
    closed: bool,
    /// Bytes of a line have come since the last whole one.
    partial: bool,
    /// The last line, escaped for the server's own output.
    pub shown: String,
}

impl Lines {
    pub fn new(reader: OwnedReadHalf, peer: SocketAddr, limits: &Limits) -> Lines {
        Lines {
            reader,
            peer,
            framer: LineFramer::new(limits.max_line),
            ready: VecDeque::new(),
            closed: false,
            partial: false,
            shown: String::new(),
        }
    }

    /// How a session whose line did not come in time ends: silent, or trickling.
    /// Only a whole line moves the deadline (see the example's `member`), never a byte.
    pub fn idle_end(&self) -> End {
        if self.partial {
            End::Trickle
        } else {
            End::Idle
        }
    }

    /// The next line. Safe to cancel (in `select!`): bytes are only taken from the
    /// socket by `try_read`, which never waits, and kept in the framer at once.
    pub async fn next(&mut self) -> anyhow::Result<Next> {
        loop {
            if let Some(frame) = self.ready.pop_front() {
                return Ok(match frame {
                    Frame::Line(bytes) => {
                        let text = Encoding::Utf8.decode(&bytes);
                        self.shown = text.shown;
                        Next::Line(text.text)
                    }
                    Frame::TooLong(_) => Next::TooLong,
                });
            }
            if self.closed {
                return Ok(Next::End(End::Closed));
            }
            // Wait with no buffer: a silent member costs only its task (see step 11).
            self.reader
                .readable()
                .await
                .with_context(|| Failed::Recv(self.peer))?;
            // Step 5: recv.
            let mut buffer = [0u8; 4096];
            match self.reader.try_read(&mut buffer) {
                Ok(0) => {
                    self.closed = true;
                    self.ready.extend(self.framer.finish());
                }
                Ok(n) => {
                    self.partial = buffer[n - 1] != b'\n';
                    self.ready.extend(self.framer.push(&buffer[..n]));
                }
                Err(error) if error.kind() == ErrorKind::WouldBlock => {}
                Err(error) if peer_left(&error) => return Ok(Next::End(End::Reset)),
                Err(error) => return Err(error).with_context(|| Failed::Recv(self.peer)),
            }
        }
    }
}

/// The sending half of a member's connection.
pub struct Writer {
    writer: OwnedWriteHalf,
    peer: SocketAddr,
    limits: Limits,
}

impl Writer {
    pub fn new(writer: OwnedWriteHalf, peer: SocketAddr, limits: &Limits) -> Writer {
        Writer {
            writer,
            peer,
            limits: *limits,
        }
    }

    /// Sends one message line to the client.
    pub async fn send(&mut self, message: &str) -> anyhow::Result<()> {
        self.write_line(&ladder::wire(message.to_string())).await
    }

    /// Tells the client that its line was over the limit and refused.
    pub async fn too_long(&mut self) -> anyhow::Result<()> {
        let refusal = ladder::wire_line_too_long(self.limits.max_line);
        self.send(&refusal).await
    }

    /// Step 6: send, for the idle timeout at most: a client that does not read must not
    /// hold its task forever. A client that has gone is no error (the reading side sees
    /// it and ends the session).
    pub async fn write_line(&mut self, line: &str) -> anyhow::Result<()> {
        let peer = self.peer;
        let written = timeout(
            self.limits.idle_timeout,
            self.writer.write_all(line.as_bytes()),
        );
        match written.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) if peer_left(&error) => Ok(()),
            Ok(Err(error)) => Err(error).with_context(|| Failed::Send(peer)),
            Err(_elapsed) => {
                Err(std::io::Error::from(ErrorKind::TimedOut)).with_context(|| Failed::Send(peer))
            }
        }
    }

    /// Says why a session ended, and closes it (step 7).
    pub async fn finish(mut self, end: End) -> anyhow::Result<()> {
        let peer = self.peer;
        let idle = ladder::seconds(self.limits.idle_timeout);
        let why = match end {
            End::Exit => words!(
                "{peer} sent exit: closing its connection, the others go on",
                "{peer} 发送了 exit：关闭它的连接，其他客户端不受影响"
            ),
            End::Closed => words!("{peer} closed the connection", "{peer} 关闭了连接"),
            End::Reset => words!("{peer} reset the connection", "{peer} 重置了连接"),
            End::Idle => {
                // Best effort: a client that does not read cannot be told.
                let message = ladder::wire(ladder::wire_idle(&idle));
                let _ = timeout(LAST_WORD, self.writer.write_all(message.as_bytes())).await;
                words!(
                    "{peer} sent nothing for {idle} s: closing its connection",
                    "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
                )
            }
            End::Trickle => {
                let message = ladder::wire(ladder::wire_no_whole_line(&idle));
                let _ = timeout(LAST_WORD, self.writer.write_all(message.as_bytes())).await;
                words!(
                    "{peer} sent part of a line but no whole line for {idle} s: closing its connection",
                    "{peer} 发送了半行，但 {idle} 秒内没有发完整的一行：关闭它的连接"
                )
            }
        };
        if !self.limits.quiet {
            outln!("{why}");
        }
        // Step 7: close. shutdown(2) of the sending side; dropping the halves closes it.
        match self.writer.shutdown().await {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == ErrorKind::NotConnected || peer_left(&error) => Ok(()),
            Err(error) => Err(error).with_context(|| Failed::Shutdown(peer)),
        }
    }
}

/// Tells a client over the limit that the server is full, and closes its connection.
/// The errors are ignored: a client that is gone already needs no answer.
pub async fn refuse(mut stream: TcpStream, peer: SocketAddr, limits: Limits) {
    echo::tell_refused(peer, &limits, Full::Connections);
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = timeout(LAST_WORD, stream.write_all(full.as_bytes())).await;
    let _ = timeout(LAST_WORD, stream.shutdown()).await;
}
