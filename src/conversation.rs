//! One client's conversation with 示例1 and 示例2, message by message: what steps 5
//! and 6 taught, framed as pitfall_byte_stream teaches.
//!
//! A read is not a message. Here a message is a line, ended by `\n` (or `\r\n`), or,
//! for a client that sends no line ending at all (netAssist: each click of 发送 is one
//! write of exactly its box), the bytes that have waited [`QUIET`] (300 ms) with
//! nothing after them. So two lines in one read are two messages, one message over
//! many reads is one, and a line longer than `--max-line` is cut and reported, never
//! kept without bound.
//!
//! [`Conversation::receive`] is the lesson's `conn.recv(1024).decode("UTF-8")` as a
//! message; [`Conversation::send_line`] its `conn.send(reply)`. A client that has left
//! ([`Conversation::has_left`]) gets no reply, and the program asks for none.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::mem::MaybeUninit;
use std::net::SocketAddr;

use anyhow::Context;
use socket2::Socket;

use crate::failure::{Failed, peer_left};
use crate::lines::{self, Encoding, Frame, LineFramer, QUIET, Text, Typed};
use crate::steps::timed_out;
use crate::{Args, say, warn};

/// How the client left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Left {
    /// It closed its side: a read returned 0 bytes.
    Closed,
    /// It reset the connection.
    Reset,
}

/// The conversation with one client, for the line servers (示例1, 示例2).
pub struct Conversation<'a> {
    conn: &'a Socket,
    peer: SocketAddr,
    encoding: Encoding,
    limit: usize,
    explain: bool,
    framer: LineFramer,
    /// Messages read but not yet returned, and whether each had no line ending.
    waiting: VecDeque<(Text, bool)>,
    /// Whether the message last returned had no line ending.
    unended: bool,
    /// How the client left, once it has.
    left: Option<Left>,
    /// Whether the rule for messages with no line ending was told in this session.
    told_the_rule: bool,
}

impl<'a> Conversation<'a> {
    /// The conversation on `conn` with `peer`, framed and decoded as `args` say
    /// (`--encoding`, `--max-line`, `--explain`).
    pub fn new(conn: &'a Socket, peer: SocketAddr, args: &Args) -> Conversation<'a> {
        Conversation {
            conn,
            peer,
            encoding: args.encoding(),
            limit: args.max_line(),
            explain: args.explain(),
            framer: LineFramer::new(args.max_line()),
            waiting: VecDeque::new(),
            unended: false,
            left: None,
            told_the_rule: false,
        }
    }

    /// The next message, decoded; `None` once the client has left, which is said
    /// (`the client left: it closed the connection …`).
    pub fn receive(&mut self) -> anyhow::Result<Option<Text>> {
        loop {
            if let Some((text, unended)) = self.waiting.pop_front() {
                self.unended = unended;
                return Ok(Some(text));
            }
            match self.left {
                Some(Left::Closed) => {
                    say!(
                        "the client left: it closed the connection (recv returned 0 bytes); ending the session",
                        "客户端已离开：它关闭了连接（recv 返回了 0 字节）；结束会话"
                    );
                    return Ok(None);
                }
                Some(Left::Reset) => {
                    say!(
                        "the client left: it reset the connection (it closed with data unread, or its program ended abruptly); ending the session",
                        "客户端已离开：它重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）；结束会话"
                    );
                    return Ok(None);
                }
                None => self.read()?,
            }
        }
    }

    /// One read, its messages queued. With nothing waiting, a read waits for as long
    /// as the client is silent; once bytes wait for a line ending, it waits [`QUIET`]
    /// more: if nothing comes, they are one message (a click of netAssist's 发送).
    fn read(&mut self) -> anyhow::Result<()> {
        let peer = self.peer;
        let waiting = self.framer.pending() > 0;
        self.conn
            .set_read_timeout(waiting.then_some(QUIET))
            .with_context(|| Failed::Recv(peer))?;
        let mut buffer = [0u8; 1024];
        let frames = match (&mut &*self.conn).read(&mut buffer) {
            // 0 bytes: the client closed its side; what waited is its last message.
            Ok(0) => {
                self.left = Some(Left::Closed);
                self.framer.take_unended()
            }
            Ok(n) => {
                for frame in self.framer.push(&buffer[..n]) {
                    self.queue(frame, false);
                }
                return Ok(());
            }
            Err(error) if timed_out(&error) => self.framer.take_unended(),
            Err(error) if error.kind() == ErrorKind::Interrupted => return Ok(()),
            Err(error) if peer_left(&error) => {
                self.left = Some(Left::Reset);
                self.framer.take_unended()
            }
            Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
        };
        if let Some(frame) = frames {
            self.queue(frame, true);
        }
        Ok(())
    }

    /// Decodes a frame and queues it; a line over the limit is cut, with a warning.
    fn queue(&mut self, frame: Frame, unended: bool) {
        let line = match frame {
            Frame::Line(line) => line,
            Frame::TooLong(start) => {
                let limit = self.limit;
                warn!(
                    "warning: a message longer than {limit} bytes arrived; it is cut to its first {limit} bytes and the rest of its line is dropped (--max-line sets the limit)",
                    "警告：收到一条超过 {limit} 字节的消息；只保留前 {limit} 字节，这一行的其余部分被丢弃（上限可以用 --max-line 设置）"
                );
                start
            }
        };
        self.waiting
            .push_back((self.encoding.decode(&line), unended));
    }

    /// Notes on the message just received, on stderr so that stdout stays the lesson's
    /// transcript: how a message with no line ending was taken (once per session, then
    /// only with `--explain`), and bytes not of the encoding.
    pub fn note(&mut self, text: &Text) {
        if self.unended && !self.told_the_rule {
            let ms = QUIET.as_millis();
            warn!(
                "  (no line ending: taken as one message, since nothing followed it for {ms} ms; a line ending (\\n) ends a message at once; why no rule is perfect: pitfall_byte_stream)",
                "  （没有换行符：{ms} 毫秒内没有更多数据，所以算作一条消息；换行符（\\n）会立即结束一条消息；为什么没有完美的规则：见 pitfall_byte_stream）"
            );
            self.told_the_rule = true;
        } else if self.unended && self.explain {
            warn!("  (no line ending)", "  （没有换行符）");
        }
        if text.looks_like_gbk {
            warn!(
                "warning: this message is not UTF-8 but reads as GBK: does the client send GBK (netAssist sends UTF-8)? run the server with `--encoding gbk`, or set the client to UTF-8",
                "警告：这条消息不是 UTF-8，但可以按 GBK 解码：客户端发送的是 GBK 吗（netAssist 发送的是 UTF-8）？请用 `--encoding gbk` 运行服务端，或者把客户端设置为 UTF-8"
            );
        } else if text.invalid {
            let name = self.encoding.name();
            warn!(
                "warning: this message is not valid {name}: its other bytes are shown as \\xNN or �",
                "警告：这条消息不是有效的 {name}：无法解码的字节显示为 \\xNN 或 �"
            );
        }
    }

    /// Whether the client has left, so that it gets no reply: known from a read, or
    /// seen now without waiting, by a peek at the next byte (Python:
    /// `conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)`); the byte stays.
    pub fn has_left(&mut self) -> anyhow::Result<bool> {
        if self.left.is_none() {
            let peer = self.peer;
            self.conn
                .set_nonblocking(true)
                .with_context(|| Failed::Recv(peer))?;
            let peeked = self.conn.peek(&mut [MaybeUninit::<u8>::uninit(); 1]);
            self.conn
                .set_nonblocking(false)
                .with_context(|| Failed::Recv(peer))?;
            self.left = match peeked {
                Ok(0) => Some(Left::Closed),
                Ok(_) => None,
                Err(error) if timed_out(&error) || error.kind() == ErrorKind::Interrupted => None,
                Err(error) if peer_left(&error) => Some(Left::Reset),
                Err(error) => return Err(error).with_context(|| Failed::Recv(peer)),
            };
        }
        Ok(self.left.is_some())
    }

    /// The reply the operator types, decoded in the connection's encoding; `None`
    /// when stdin has ended (Ctrl+D, Ctrl+Z on Windows), which is said.
    pub fn typed_reply(&self) -> anyhow::Result<Option<Typed>> {
        let typed = lines::stdin_line(self.encoding).context(Failed::Stdin)?;
        if typed.is_none() {
            // The end of input leaves the prompt's line open.
            crate::outln!();
            say!(
                "stdin closed: no more replies, ending the session",
                "标准输入已关闭：不再回复，结束会话"
            );
        }
        Ok(typed)
    }

    /// Sends `reply` as one line, ended by `\n` and encoded as the client expects;
    /// `write_all` sends all of it (Python's `sendall`). `false` when the client has
    /// left (said); with `--explain`, the bytes sent are said.
    pub fn send_line(&mut self, reply: &str) -> anyhow::Result<bool> {
        let mut message = self.encoding.encode(reply).into_owned();
        message.push(b'\n');
        match (&mut &*self.conn).write_all(&message) {
            Ok(()) => {
                if self.explain {
                    let bytes = message.len();
                    say!(
                        bytes,
                        "sent {bytes} byte",
                        "sent {bytes} bytes",
                        "已发送 {bytes} 字节"
                    );
                }
                Ok(true)
            }
            Err(error) if peer_left(&error) => {
                say!(
                    "the client left before the reply could be delivered: ending the session",
                    "客户端在回复送达之前就离开了：结束会话"
                );
                Ok(false)
            }
            Err(error) => Err(error).with_context(|| Failed::Send(self.peer)),
        }
    }
}
