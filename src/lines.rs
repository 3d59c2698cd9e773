//! Messages framed by line, for the servers that come after the seven steps.
//!
//! The steps treat each read as a message, as the lesson does, and a read is not a
//! message (pitfall_byte_stream). A line-based server cuts the byte stream at each
//! `\n` instead: [`LineFramer`] collects bytes across reads and hands out whole lines,
//! however the reads cut them, and it never keeps more than a stated limit of one
//! line. A client that sends no line ending at all (netAssist: one click of 发送 is
//! one write of exactly the text in its box) is served by a second rule: bytes that
//! have waited [`QUIET`] with nothing after them are one message too
//! ([`LineFramer::take_unended`]). No rule is perfect on a byte stream; this one
//! needs no change on the client's side.
//!
//! [`Encoding`] decodes a message as UTF-8 (netAssist's only encoding) or GBK (other
//! Windows tools; netAssist sends GBK only as hex bytes). [`read_typed_line`] reads
//! what the operator types, in the same encodings, without failing on bytes that are
//! not of the encoding.

use std::borrow::Cow;
use std::io::{self, BufRead};
use std::time::Duration;

use crate::message::escape;

/// The longest line a server keeps, by default: 128 KiB.
pub const DEFAULT_MAX_LINE: usize = 128 * 1024;

/// The largest `--max-line` a server takes: 16 MiB, the ladder's cap too.
pub const MAX_MAX_LINE: usize = 16 * 1024 * 1024;

/// How long bytes with no line ending wait before they are taken as one message:
/// 300 ms.
///
/// Long enough that a message the network splits is not cut: the pieces of one write
/// arrive back to back, and the longest stall between them that TCP itself causes is
/// a delayed acknowledgement holding back the last small piece (Nagle's algorithm
/// waits for it; Windows delays an acknowledgement up to 200 ms, Linux about 40 ms).
/// Short enough for a person: two clicks of netAssist's 发送 take longer than 300 ms,
/// and a reply that shows up 0.3 s after the click feels immediate.
pub const QUIET: Duration = Duration::from_millis(300);

/// One piece of the byte stream, framed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A whole line, without its `\n` or `\r\n`.
    Line(Vec<u8>),
    /// A line longer than the limit: its first `limit` bytes. The rest of it, up to
    /// the next `\n`, is dropped as it arrives.
    TooLong(Vec<u8>),
}

/// Cuts a byte stream into lines, across reads, keeping at most `limit` bytes of one
/// line (and one more for a `\r`).
#[derive(Debug)]
pub struct LineFramer {
    pending: Vec<u8>,
    limit: usize,
    dropping: bool,
    /// The last message was taken without a line ending: a `\n` (or `\r\n`) that
    /// comes next is its late line ending, not an empty line.
    after_unended: bool,
}

impl LineFramer {
    /// A framer that keeps lines up to `limit` bytes.
    pub fn new(limit: usize) -> LineFramer {
        LineFramer {
            pending: Vec::new(),
            limit,
            dropping: false,
            after_unended: false,
        }
    }

    /// Takes the bytes of one read and returns the frames they complete.
    pub fn push(&mut self, mut bytes: &[u8]) -> Vec<Frame> {
        let mut frames = Vec::new();
        if std::mem::take(&mut self.after_unended) {
            if let Some(rest) = bytes.strip_prefix(b"\r\n".as_slice()) {
                bytes = rest;
            } else if let Some(rest) = bytes.strip_prefix(b"\n".as_slice()) {
                bytes = rest;
            }
        }
        while !bytes.is_empty() {
            let Some(end) = bytes.iter().position(|&byte| byte == b'\n') else {
                if !self.dropping {
                    // Room for the limit and a `\r` that a `\n` may follow.
                    let room = self.limit + 1 - self.pending.len();
                    if bytes.len() > room {
                        self.pending.extend_from_slice(&bytes[..room]);
                        frames.push(self.cut());
                        self.dropping = true;
                    } else {
                        self.pending.extend_from_slice(bytes);
                    }
                }
                break;
            };
            if self.dropping {
                self.dropping = false;
            } else {
                self.pending.extend_from_slice(&bytes[..end]);
                if self.pending.ends_with(b"\r") {
                    self.pending.pop();
                }
                if self.pending.len() > self.limit {
                    frames.push(self.cut());
                } else {
                    frames.push(Frame::Line(std::mem::take(&mut self.pending)));
                }
            }
            bytes = &bytes[end + 1..];
        }
        frames
    }

    /// Ends the stream: a last line without `\n` is still a line.
    pub fn finish(&mut self) -> Option<Frame> {
        let dropping = std::mem::take(&mut self.dropping);
        if self.pending.is_empty() || dropping {
            self.pending.clear();
            return None;
        }
        if self.pending.len() > self.limit {
            return Some(self.cut());
        }
        Some(Frame::Line(std::mem::take(&mut self.pending)))
    }

    /// The bytes that wait for a line ending, as one message with no line ending (a
    /// last `\r` dropped): call it when they have waited [`QUIET`] with nothing after
    /// them, or at the end of the stream. `None` when nothing waits (or only the rest
    /// of a line too long, already reported). A `\n` or `\r\n` that arrives next
    /// is taken as this message's late line ending, not as an empty line.
    pub fn take_unended(&mut self) -> Option<Frame> {
        let dropping = std::mem::take(&mut self.dropping);
        if self.pending.is_empty() || dropping {
            self.pending.clear();
            return None;
        }
        if self.pending.ends_with(b"\r") {
            self.pending.pop();
        }
        self.after_unended = true;
        if self.pending.len() > self.limit {
            return Some(self.cut());
        }
        Some(Frame::Line(std::mem::take(&mut self.pending)))
    }

    /// How many bytes wait for the end of their line.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    fn cut(&mut self) -> Frame {
        let mut start = std::mem::take(&mut self.pending);
        start.truncate(self.limit);
        Frame::TooLong(start)
    }
}

/// The text encoding of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, the lesson's `decode("UTF-8")` and the default.
    #[default]
    Utf8,
    /// GBK, what some tools on Chinese Windows send (not netAssist: it sends UTF-8,
    /// and GBK only as hex bytes with 16进制发送).
    Gbk,
}

/// A line of bytes, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text; U+FFFD (�) stands for bytes that were not of the encoding.
    pub text: String,
    /// The text for a line of output: control characters and bytes that were not of
    /// the encoding escaped (`\t`, `\xFF`).
    pub shown: String,
    /// Whether some bytes were not of the encoding.
    pub invalid: bool,
    /// Whether bytes that are not UTF-8 are valid GBK: the sender probably uses GBK.
    pub looks_like_gbk: bool,
}

impl Encoding {
    /// Reads an encoding's name: `utf-8` (or `utf8`) or `gbk`, in any case: the
    /// parser of `--encoding`.
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" => Some(Encoding::Gbk),
            _ => None,
        }
    }

    /// The encoding's name, as the flag takes it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gbk => "gbk",
        }
    }

    /// Decodes one line.
    pub fn decode(self, bytes: &[u8]) -> Text {
        match self {
            Encoding::Utf8 => {
                let invalid = std::str::from_utf8(bytes).is_err();
                let looks_like_gbk = invalid
                    && encoding_rs::GBK
                        .decode_without_bom_handling_and_without_replacement(bytes)
                        .is_some();
                Text {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    shown: escape(bytes, false),
                    invalid,
                    looks_like_gbk,
                }
            }
            Encoding::Gbk => {
                let (text, invalid) = encoding_rs::GBK.decode_without_bom_handling(bytes);
                Text {
                    shown: escape(text.as_bytes(), false),
                    text: text.into_owned(),
                    invalid,
                    looks_like_gbk: false,
                }
            }
        }
    }

    /// Encodes text to send. Characters GBK cannot encode become numeric character
    /// references (`&#128512;`), as encoding_rs does for the web.
    pub fn encode(self, text: &str) -> Cow<'_, [u8]> {
        match self {
            Encoding::Utf8 => Cow::Borrowed(text.as_bytes()),
            Encoding::Gbk => encoding_rs::GBK.encode(text).0,
        }
    }
}

/// A line the operator typed, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// The text without its line ending; U+FFFD (�) stands for bytes that were not of
    /// the encoding.
    pub text: String,
    /// The bytes that were not of the encoding, as `\xNN` (empty when all were).
    pub invalid: String,
}

/// Reads one line that the operator typed, up to `\n`, and decodes it in `encoding`
/// (a terminal on Chinese Windows may send GBK; a pasted file may hold anything).
/// Bytes not of the encoding do not end the session, as `read_line`'s "stream did
/// not contain valid UTF-8" would: they become U+FFFD and are listed in
/// [`Typed::invalid`], for a warning. `None` at the end of the input.
pub fn read_typed_line(input: &mut impl BufRead, encoding: Encoding) -> io::Result<Option<Typed>> {
    let mut bytes = Vec::new();
    if input.read_until(b'\n', &mut bytes)? == 0 {
        return Ok(None);
    }
    while bytes
        .last()
        .is_some_and(|&byte| byte == b'\n' || byte == b'\r')
    {
        bytes.pop();
    }
    let (text, invalid) = match encoding {
        Encoding::Utf8 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let invalid: String = bytes
                .utf8_chunks()
                .flat_map(|chunk| chunk.invalid().iter())
                .map(|byte| format!("\\x{byte:02X}"))
                .collect();
            (text, invalid)
        }
        Encoding::Gbk => {
            let (text, bad) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            let invalid = if bad {
                escape(&bytes, false)
            } else {
                String::new()
            };
            (text.into_owned(), invalid)
        }
    };
    Ok(Some(Typed { text, invalid }))
}

/// [`read_typed_line`] on stdin, with the warning for bytes not of the encoding on
/// stderr: what every lesson that asks the operator for a reply calls.
pub fn stdin_line(encoding: Encoding) -> io::Result<Option<Typed>> {
    let typed = read_typed_line(&mut io::stdin().lock(), encoding)?;
    if let Some(typed) = &typed {
        if !typed.invalid.is_empty() {
            crate::output::stderr_line(format_args!(
                "{}",
                crate::text::servers::typed_invalid(encoding.name(), &typed.invalid)
            ));
        }
    }
    Ok(typed)
}

/// Decodes a stream of reads in an encoding, carrying a character that a read cuts
/// over to the next read (encoding_rs's streaming decoder).
pub struct StreamDecoder {
    decoder: encoding_rs::Decoder,
}

impl StreamDecoder {
    /// A decoder for a new connection.
    pub fn new(encoding: Encoding) -> StreamDecoder {
        let decoder = match encoding {
            Encoding::Utf8 => encoding_rs::UTF_8.new_decoder_without_bom_handling(),
            Encoding::Gbk => encoding_rs::GBK.new_decoder_without_bom_handling(),
        };
        StreamDecoder { decoder }
    }

    /// The text of one read; bytes not of the encoding become U+FFFD (�).
    pub fn decode(&mut self, bytes: &[u8]) -> String {
        self.decode_part(bytes, false)
    }

    /// Ends the stream: a character still cut becomes U+FFFD.
    pub fn finish(&mut self) -> String {
        self.decode_part(&[], true)
    }

    fn decode_part(&mut self, bytes: &[u8], last: bool) -> String {
        let room = self
            .decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16);
        let mut text = String::with_capacity(room);
        let _ = self.decoder.decode_to_string(bytes, &mut text, last);
        text
    }
}

/// Bytes as hex pairs: `68 69 0A`.
pub fn to_hex(bytes: &[u8]) -> String {
    let pairs: Vec<String> = bytes.iter().map(|byte| format!("{byte:02X}")).collect();
    pairs.join(" ")
}

/// Hex pairs as bytes, with or without spaces: `68 69`, `6869`; `None` if `text` is
/// not pairs of hex digits.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace())
        .collect();
    if digits.len() % 2 != 0 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(frames: Vec<Frame>) -> Vec<String> {
        frames
            .into_iter()
            .map(|frame| match frame {
                Frame::Line(line) => String::from_utf8(line).expect("UTF-8"),
                Frame::TooLong(start) => {
                    format!("too long: {}", String::from_utf8(start).expect("UTF-8"))
                }
            })
            .collect()
    }

    #[test]
    fn several_lines_in_one_read() {
        let mut framer = LineFramer::new(100);
        assert_eq!(lines(framer.push(b"hello\nexit\r\n")), ["hello", "exit"]);
        assert_eq!(framer.pending(), 0);
    }

    #[test]
    fn one_line_over_many_reads() {
        let mut framer = LineFramer::new(100);
        let mut got = Vec::new();
        for byte in "你好\r\n".bytes() {
            got.extend(lines(framer.push(&[byte])));
        }
        assert_eq!(got, ["你好"]);
    }

    #[test]
    fn a_line_of_exactly_the_limit_is_kept_with_either_ending() {
        let mut framer = LineFramer::new(4);
        assert_eq!(lines(framer.push(b"abcd\r")), Vec::<String>::new());
        assert_eq!(lines(framer.push(b"\nabcd\n")), ["abcd", "abcd"]);
    }

    #[test]
    fn a_long_line_is_cut_once_and_its_rest_dropped_until_the_newline() {
        let mut framer = LineFramer::new(4);
        assert_eq!(lines(framer.push(b"abcdefgh")), ["too long: abcd"]);
        assert_eq!(lines(framer.push(b"ijklmnop")), Vec::<String>::new());
        assert!(framer.pending() <= 5);
        assert_eq!(lines(framer.push(b"qr\nok\n")), ["ok"]);
    }

    #[test]
    fn a_long_line_that_ends_in_the_same_read_is_cut() {
        let mut framer = LineFramer::new(4);
        assert_eq!(
            lines(framer.push(b"abcdef\nok\n")),
            ["too long: abcd", "ok"]
        );
    }

    #[test]
    fn the_last_line_needs_no_newline() {
        let mut framer = LineFramer::new(10);
        assert!(framer.push(b"exit").is_empty());
        assert_eq!(framer.finish(), Some(Frame::Line(b"exit".to_vec())));
        assert_eq!(framer.finish(), None);
    }

    #[test]
    fn bytes_with_no_line_ending_are_one_message_when_taken() {
        let mut framer = LineFramer::new(100);
        assert!(framer.push("保持".as_bytes()).is_empty());
        assert!(framer.push("连接".as_bytes()).is_empty());
        assert_eq!(
            framer.take_unended(),
            Some(Frame::Line("保持连接".as_bytes().to_vec()))
        );
        assert_eq!(framer.take_unended(), None);
        // netAssist's 自动发送附加位 0d: `exit\r`.
        assert!(framer.push(b"exit\r").is_empty());
        assert_eq!(framer.take_unended(), Some(Frame::Line(b"exit".to_vec())));
    }

    #[test]
    fn a_late_line_ending_is_not_an_empty_line() {
        let mut framer = LineFramer::new(100);
        framer.push(b"hello");
        assert!(framer.take_unended().is_some());
        assert_eq!(lines(framer.push(b"\r\nnext\n")), ["next"]);
        framer.push(b"again");
        assert!(framer.take_unended().is_some());
        assert_eq!(lines(framer.push(b"\n\n")), [""]);
    }

    #[test]
    fn typed_lines_survive_bytes_not_of_the_encoding() {
        let mut input: &[u8] = b"ok\r\n\xff\xfehi\n\xc4\xe3\n";
        let typed = |input: &mut &[u8], encoding| {
            read_typed_line(input, encoding)
                .expect("reading a slice")
                .expect("a line")
        };
        let ok = typed(&mut input, Encoding::Utf8);
        assert_eq!((ok.text.as_str(), ok.invalid.as_str()), ("ok", ""));
        let bad = typed(&mut input, Encoding::Utf8);
        assert_eq!(bad.text, "\u{FFFD}\u{FFFD}hi");
        assert_eq!(bad.invalid, r"\xFF\xFE");
        let gbk = typed(&mut input, Encoding::Gbk);
        assert_eq!((gbk.text.as_str(), gbk.invalid.as_str()), ("你", ""));
        assert_eq!(read_typed_line(&mut input, Encoding::Utf8).ok(), Some(None));
    }

    #[test]
    fn gbk_is_recognised_and_decoded() {
        let gbk = b"\xc4\xe3\xba\xc3"; // 你好 in GBK
        let as_utf8 = Encoding::Utf8.decode(gbk);
        assert!(as_utf8.invalid && as_utf8.looks_like_gbk);
        assert_eq!(as_utf8.shown, r"\xC4\xE3\xBA\xC3");
        let as_gbk = Encoding::Gbk.decode(gbk);
        assert_eq!((as_gbk.text.as_str(), as_gbk.invalid), ("你好", false));
        assert_eq!(Encoding::Gbk.encode("你好").as_ref(), gbk);
    }

    #[test]
    fn bytes_that_are_neither_are_not_called_gbk() {
        let text = Encoding::Utf8.decode(b"\xff\xfe");
        assert!(text.invalid && !text.looks_like_gbk);
        assert!(!Encoding::Utf8.decode("中文".as_bytes()).invalid);
    }

    #[test]
    fn the_stream_decoder_carries_a_cut_character() {
        let bytes = "中".as_bytes();
        let mut decoder = StreamDecoder::new(Encoding::Utf8);
        assert_eq!(decoder.decode(&bytes[..1]), "");
        assert_eq!(decoder.decode(&bytes[1..]), "中");
        let mut decoder = StreamDecoder::new(Encoding::Gbk);
        assert_eq!(decoder.decode(b"\xc4"), "");
        assert_eq!(decoder.decode(b"\xe3!"), "你!");
        assert_eq!(decoder.decode(b"\xc4"), "");
        assert_eq!(decoder.finish(), "\u{FFFD}");
    }

    #[test]
    fn hex_both_ways() {
        assert_eq!(to_hex(b"hi\n"), "68 69 0A");
        assert_eq!(from_hex("68 69 0a"), Some(b"hi\n".to_vec()));
        assert_eq!(from_hex("6869"), Some(b"hi".to_vec()));
        assert_eq!(from_hex("686"), None);
        assert_eq!(from_hex("zz"), None);
        assert_eq!(from_hex("+1"), None);
    }

    #[test]
    fn encoding_names() {
        assert_eq!(Encoding::from_name("UTF-8"), Some(Encoding::Utf8));
        assert_eq!(Encoding::from_name("gbk"), Some(Encoding::Gbk));
        assert_eq!(Encoding::from_name("GBK"), Some(Encoding::Gbk));
        assert_eq!(Encoding::from_name("Utf8"), Some(Encoding::Utf8));
        assert_eq!(Encoding::from_name("latin1"), None);
    }
}
