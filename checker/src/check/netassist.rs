//! A client that behaves as netAssist (github.com/nicedayzhu/netAssist, the PyQt
//! 网络调试助手 that the lesson names) does in *TCP Client* mode, as measured:
//!
//! - one click of 发送 is one write of exactly the text in its 数据发送 box, UTF-8, with
//!   no line ending (Enter in the box puts a `\n` in the text; never `\r\n`);
//! - it reads with `recv(1024)` and decodes each read as UTF-8 on its own (a read that
//!   is not UTF-8 is its 解码错误 box);
//! - quitting it closes the connection with a FIN; its 断开 on Linux closes the socket
//!   while its receive thread is blocked in `recv`, so no FIN is sent at all: the
//!   connection stays, silent, until the program ends.
//!
//! A person clicks, then looks: every click here waits for what the server shows
//! before the next, never for a fixed time.

use std::time::Duration;

use super::harness::{Client, Outcome, Server};
use crate::text::check as text;
use socket_workbook::message::show;

/// netAssist's read size: `recv(1024)`.
pub const RECV_SIZE: usize = 1024;

/// netAssist, connected to a server.
pub struct NetAssist {
    client: Client,
}

/// A netAssist that clicked 断开 on Linux: its socket is neither read nor written nor
/// closed. Dropping this ends the program, and the kernel then closes the connection.
pub struct Silent {
    _client: Client,
}

impl NetAssist {
    /// 开始连接: connects to the server.
    pub fn connect(server: &Server) -> Outcome<NetAssist> {
        Ok(NetAssist {
            client: server.connect()?,
        })
    }

    /// The address netAssist connected from, as the server reports it.
    pub fn local_addr(&self) -> std::net::SocketAddr {
        self.client.local_addr()
    }

    /// Types `text` in 数据发送 and clicks 发送: one write of its UTF-8 bytes, nothing
    /// added (put `\n` in `text` for an Enter pressed in the box).
    pub fn click(&mut self, text: &str) -> Outcome {
        self.client.note(text::did_click(&show(text.as_bytes())));
        self.client.send(text.as_bytes())
    }

    /// 16进制发送: one write of raw bytes (GBK, say), as typed in hex.
    pub fn click_hex(&mut self, bytes: &[u8]) -> Outcome {
        self.client.note(text::did_click(&show(bytes)));
        self.client.send(bytes)
    }

    /// One `recv(1024)`, decoded as UTF-8 as netAssist does; `None` at the end of the
    /// stream. A read that is not UTF-8 fails the check: netAssist shows 解码错误.
    pub fn receive(&mut self) -> Outcome<Option<String>> {
        let bytes = self.client.recv(RECV_SIZE)?;
        if bytes.is_empty() {
            return Ok(None);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(error) => Err(self
                .client
                .fail(text::expect_utf8_read(), show(error.as_bytes()))),
        }
    }

    /// Reads until what arrived, read by read, contains `wanted`; returns it all.
    pub fn receive_until(&mut self, wanted: &str) -> Outcome<String> {
        let mut shown = String::new();
        while !shown.contains(wanted) {
            match self.receive()? {
                Some(text) => shown.push_str(&text),
                None => {
                    let found = text::found_end_of_stream_after(&show(shown.as_bytes()));
                    return Err(self
                        .client
                        .fail(text::expect_line_containing(wanted), found));
                }
            }
        }
        Ok(shown)
    }

    /// Reads until the server ends the stream; returns what came before the end.
    pub fn receive_to_end(&mut self) -> Outcome<String> {
        let mut shown = String::new();
        while let Some(text) = self.receive()? {
            shown.push_str(&text);
        }
        Ok(shown)
    }

    /// Quits netAssist: the connection closes in order (a FIN).
    pub fn quit(self) {
        self.client.close();
    }

    /// 断开 on Linux: no FIN; the socket stays open, unread, until [`Silent`] drops.
    pub fn disconnect_without_fin(self) -> Silent {
        self.client.note(text::did_go_silent());
        Silent {
            _client: self.client,
        }
    }

    /// The underlying client, for what netAssist cannot do but a check needs (a pause
    /// noted in the story).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}

/// A pause a check cannot avoid (a person's next click, a trickle of bytes), told in
/// the story of a failure.
pub fn pause(client: &Client, why: &str, how_long: Duration) {
    client.note(text::did_wait(why));
    std::thread::sleep(how_long);
}
