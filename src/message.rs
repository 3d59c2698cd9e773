//! What arrives on a connection: UTF-8 text decoded from a stream of reads, and the
//! lesson's `exit` rule.
//!
//! TCP delivers bytes, not messages: a read can end in the middle of a character
//! (a Chinese character is three bytes in UTF-8). Python's
//! `conn.recv(1024).decode("UTF-8")` then fails with `UnicodeDecodeError`.
//! [`Utf8Stream`] keeps the first bytes of such a character until the next read
//! completes it, and shows bytes that are not UTF-8 as `\xNN` instead of failing.

use std::fmt::Write as _;

/// Decodes the reads of one connection as UTF-8, carrying an incomplete character
/// over to the next read.
#[derive(Debug, Default)]
pub struct Utf8Stream {
    /// The first bytes of a character that the last read cut (at most 3).
    carry: Vec<u8>,
}

/// The text of one read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    /// The text, with U+FFFD (�) in place of each byte that is not UTF-8.
    pub text: String,
    /// The text quoted for display: `"hello\n"`, with control characters escaped and
    /// each byte that is not UTF-8 as `\xNN`.
    pub shown: String,
    /// How many bytes were not UTF-8.
    pub invalid: usize,
    /// How many bytes at the end wait for the next read to complete a character.
    pub carried: usize,
}

impl Utf8Stream {
    /// A decoder for a new connection.
    pub fn new() -> Utf8Stream {
        Utf8Stream::default()
    }

    /// Decodes the bytes of one read.
    pub fn decode(&mut self, bytes: &[u8]) -> Decoded {
        let mut input = std::mem::take(&mut self.carry);
        input.extend_from_slice(bytes);

        let mut out = Decoded::default();
        let mut chunks = input.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            out.text.push_str(chunk.valid());
            let invalid = chunk.invalid();
            // Only the last chunk can end in a character that the next read completes:
            // its invalid part is then a valid beginning with nothing after it.
            let cut = chunks.peek().is_none()
                && !invalid.is_empty()
                && std::str::from_utf8(invalid).is_err_and(|error| error.error_len().is_none());
            if cut {
                self.carry = invalid.to_vec();
                out.carried = invalid.len();
            } else {
                out.invalid += invalid.len();
                out.text.extend(std::iter::repeat_n(
                    char::REPLACEMENT_CHARACTER,
                    invalid.len(),
                ));
            }
        }
        out.shown = show(&input[..input.len() - out.carried]);
        out
    }

    /// Ends the stream: bytes still waiting for the rest of their character will never
    /// get it. Returns how many there were.
    pub fn finish(&mut self) -> usize {
        std::mem::take(&mut self.carry).len()
    }
}

/// Quotes bytes for display: UTF-8 text as itself, control characters, quotes and
/// backslashes escaped as in Rust (`\n`, `\"`), other bytes as `\xNN`. Characters a
/// terminal would obey or hide rather than show ([`is_hidden`]: bidi controls,
/// zero-width characters, line and paragraph separators, the BOM) are escaped as
/// `\u{202e}`: what a client sends never reaches the operator's terminal raw.
pub fn show(bytes: &[u8]) -> String {
    format!("\"{}\"", escape(bytes, true))
}

/// Bytes as text for a line of output, without quotes: UTF-8 text as itself, control
/// characters and backslashes escaped (`\t`, `\\`), other bytes as `\xNN`; double
/// quotes too if `quotes`.
pub fn escape(bytes: &[u8], quotes: bool) -> String {
    let mut shown = String::new();
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => shown.push_str("\\\\"),
                '"' if quotes => shown.push_str("\\\""),
                c if c.is_control() || is_hidden(c) => shown.extend(c.escape_default()),
                c => shown.push(c),
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(shown, "\\x{byte:02X}");
        }
    }
    shown
}

/// Whether `c` is a character that a terminal does not simply show: a bidi control
/// (U+202E turns the rest of a line around: `\u{202e}txt.exe` shows as `exe.txt`), a
/// zero-width or invisible one (`bob\u{200b}` looks like `bob`), a line or paragraph
/// separator (U+2028, U+2029), or the BOM (U+FEFF). Control characters are
/// [`char::is_control`].
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        // Bidi controls: the Arabic letter mark, LRM and RLM, the embeddings and
        // overrides, the isolates.
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        // Zero-width space, non-joiner, joiner; word joiner and invisible operators.
        | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
        // Soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel separator.
        | '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{180E}'
        // Line and paragraph separators, the BOM (zero-width no-break space).
        | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        // Tags: invisible. (Variation selectors are not here: emoji need them.)
        | '\u{E0000}'..='\u{E007F}'
    )
}

/// The lesson's end-of-session word: `exit` alone (netAssist sends exactly the text of
/// its box), or followed by a line ending: `\n` (nc, netAssist after Enter in its
/// box), `\r\n` (telnet) or `\r` (netAssist's 自动发送附加位 `0d`).
pub fn is_exit(text: &str) -> bool {
    matches!(text, "exit" | "exit\n" | "exit\r\n" | "exit\r")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_text_is_shown_quoted() {
        let got = Utf8Stream::new().decode("hello\n中\t\"\\".as_bytes());
        assert_eq!(got.text, "hello\n中\t\"\\");
        assert_eq!(got.shown, r#""hello\n中\t\"\\""#);
        assert_eq!((got.invalid, got.carried), (0, 0));
    }

    #[test]
    fn a_character_cut_between_reads_is_completed_by_the_next() {
        let bytes = "ab中".as_bytes();
        let mut stream = Utf8Stream::new();
        let first = stream.decode(&bytes[..3]);
        assert_eq!((first.text.as_str(), first.carried), ("ab", 1));
        assert_eq!(first.shown, r#""ab""#);
        let second = stream.decode(&bytes[3..]);
        assert_eq!((second.text.as_str(), second.carried), ("中", 0));
        assert_eq!(stream.finish(), 0);
    }

    #[test]
    fn a_character_cut_byte_by_byte_is_completed() {
        let mut stream = Utf8Stream::new();
        let text: String = "中".bytes().map(|b| stream.decode(&[b]).text).collect();
        assert_eq!(text, "中");
    }

    #[test]
    fn invalid_bytes_are_counted_and_shown_as_hex() {
        let got = Utf8Stream::new().decode(b"\xff\xfehi");
        assert_eq!(got.text, "\u{FFFD}\u{FFFD}hi");
        assert_eq!(got.shown, r#""\xFF\xFEhi""#);
        assert_eq!((got.invalid, got.carried), (2, 0));
    }

    #[test]
    fn gbk_bytes_are_invalid_not_cut() {
        // "中" in GBK is D6 D0: D6 starts a two-byte UTF-8 sequence that D0 cannot
        // continue, and D0 starts one that "\n" cannot.
        let got = Utf8Stream::new().decode(b"\xd6\xd0\n");
        assert_eq!((got.invalid, got.carried), (2, 0));
        assert_eq!(got.shown, r#""\xD6\xD0\n""#);
    }

    #[test]
    fn a_lead_byte_at_the_end_waits_even_when_it_turns_out_invalid() {
        let mut stream = Utf8Stream::new();
        assert_eq!(stream.decode(b"\xd6\xd0").carried, 1);
        let next = stream.decode(b"!");
        assert_eq!((next.invalid, next.text.as_str()), (1, "\u{FFFD}!"));
    }

    #[test]
    fn a_stream_that_ends_inside_a_character_reports_it() {
        let mut stream = Utf8Stream::new();
        assert_eq!(stream.decode(&"中".as_bytes()[..2]).carried, 2);
        assert_eq!(stream.finish(), 2);
        assert_eq!(stream.finish(), 0);
    }

    #[test]
    fn bidi_zero_width_separators_and_bom_are_escaped() {
        let got = show(
            "\u{202e}gpj.exe bob\u{200b} a\u{2028}b\u{2029}\u{feff}\u{2066}x\u{2069}".as_bytes(),
        );
        assert_eq!(
            got,
            r#""\u{202e}gpj.exe bob\u{200b} a\u{2028}b\u{2029}\u{feff}\u{2066}x\u{2069}""#
        );
        assert!(!got.chars().any(is_hidden), "{got}");
        assert_eq!(
            escape("\u{200f}\u{200d}\u{061c}".as_bytes(), false),
            r"\u{200f}\u{200d}\u{61c}"
        );
    }

    #[test]
    fn escape_sequences_never_pass_raw() {
        let got = escape(b"\x1b]0;owned\x07\x1b[2A\r* alice left", false);
        assert_eq!(got, r"\u{1b}]0;owned\u{7}\u{1b}[2A\r* alice left");
    }

    #[test]
    fn visible_text_stays_itself() {
        for text in ["hello", "你好，世界", "naïve café", "emoji 😀", "ＢＯＢ"] {
            assert_eq!(escape(text.as_bytes(), false), text);
        }
    }

    #[test]
    fn exit_alone_or_with_a_line_ending() {
        for text in ["exit", "exit\n", "exit\r\n", "exit\r"] {
            assert!(is_exit(text), "{text:?}");
        }
        for text in [
            "exit\n\n",
            "exit\n\r",
            "Exit",
            " exit",
            "exit now",
            "hello\nexit\n",
            "",
        ] {
            assert!(!is_exit(text), "{text:?}");
        }
    }
}
