//! The facts a program's output must carry, found in the student's own words, in
//! either language: an address `ip:port`, a number (a byte count, a backlog), the text
//! of a message as it was received (as is, or quoted with its escapes). Never a
//! sentence of the lesson's.

use std::net::SocketAddr;

use socket_workbook::message::show;

/// Whether `line` shows `addr` as `ip:port`, not as the start of a longer port
/// (`127.0.0.1:4000` is not in `127.0.0.1:40001`).
pub fn shows_addr(line: &str, addr: SocketAddr) -> bool {
    let wanted = addr.to_string();
    line.match_indices(&wanted).any(|(at, _)| {
        let after = line[at + wanted.len()..].chars().next();
        let before = line[..at].chars().next_back();
        !after.is_some_and(|c| c.is_ascii_digit())
            && !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
    })
}

/// Whether `line` shows the number `n` as a whole number (`6` in `got 6 bytes` or
/// `收到 6 字节`, not in `16` or `127.0.0.1:6000`).
pub fn shows_number(line: &str, n: u64) -> bool {
    numbers(line).contains(&n)
}

/// The whole numbers of a line that are not part of an address or a longer word of
/// digits and dots.
pub fn numbers(line: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        if chars[at].is_ascii_digit() {
            let start = at;
            while at < chars.len() && chars[at].is_ascii_digit() {
                at += 1;
            }
            let glued_before = start > 0 && matches!(chars[start - 1], '.' | ':' | '_');
            let glued_after = at < chars.len()
                && matches!(chars[at], '.' | ':')
                && chars.get(at + 1).is_some_and(char::is_ascii_digit);
            let in_word = start > 0 && chars[start - 1].is_ascii_alphabetic();
            if !glued_before && !glued_after && !in_word {
                let digits: String = chars[start..at].iter().collect();
                if let Ok(n) = digits.parse() {
                    found.push(n);
                }
            }
        } else {
            at += 1;
        }
    }
    found
}

/// The text a line should show for a message: its bytes without the line ending, as
/// they are when they are UTF-8, with U+FFFD for bytes that are not, or escaped as the
/// lesson's `show` does (quotes taken off). Empty when the message is only a line ending, or a character cut short.
pub fn message_forms(message: &[u8]) -> Vec<String> {
    let mut body = message;
    while let [rest @ .., b'\n' | b'\r'] = body {
        body = rest;
    }
    // A character cut short at the end waits for the next read: its bytes are not
    // shown yet.
    if let Err(error) = std::str::from_utf8(body) {
        if error.error_len().is_none() {
            body = &body[..error.valid_up_to()];
        }
    }
    let mut forms = Vec::new();
    if let Ok(text) = std::str::from_utf8(body) {
        if !text.is_empty() {
            forms.push(text.to_string());
        }
    }
    let lossy = String::from_utf8_lossy(body).into_owned();
    if !lossy.is_empty() && !forms.contains(&lossy) {
        forms.push(lossy);
    }
    let escaped = show(body);
    let escaped = escaped[1..escaped.len() - 1].to_string();
    if !escaped.is_empty() && !forms.contains(&escaped) {
        forms.push(escaped);
    }
    forms
}

/// Whether `line` shows the message: its text, as is or escaped.
pub fn shows_message(line: &str, message: &[u8]) -> bool {
    message_forms(message)
        .iter()
        .any(|form| line.contains(form.as_str()))
}

/// The first `ip:port` of 127.0.0.1 in `text`, with its port not 0.
pub fn loopback_addr(text: &str) -> Option<SocketAddr> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .filter_map(|word| {
            word.trim_matches(|c| c == '.' || c == ':')
                .parse::<SocketAddr>()
                .ok()
        })
        .find(|addr| addr.ip().is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_found_whole() {
        let addr: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        assert!(shows_addr(
            "接收到客户端连接，连接来自: 127.0.0.1:4000",
            addr
        ));
        assert!(shows_addr("peer=(127.0.0.1:4000)", addr));
        assert!(!shows_addr("from 127.0.0.1:40001", addr));
        assert!(!shows_addr("from 127.0.0.1:400", addr));
    }

    #[test]
    fn numbers_are_whole_and_not_of_an_address() {
        assert!(shows_number("got 6 bytes", 6));
        assert!(shows_number("收到 6 字节：\"hello\\n\"", 6));
        assert!(shows_number("[6 B] hello", 6));
        assert!(!shows_number("got 16 bytes", 6));
        assert!(!shows_number("from 127.0.0.1:6", 6));
        assert!(!shows_number("utf8 text", 8));
        assert_eq!(numbers("backlog=5, 127.0.0.1:7000"), vec![5]);
    }

    #[test]
    fn a_message_is_found_as_is_or_escaped() {
        assert!(shows_message(r#"received 6 bytes: "hello\n""#, b"hello\n"));
        assert!(shows_message("收到：hello", b"hello\n"));
        assert!(shows_message(r"got \xFF\xFEhello", b"\xff\xfehello\n"));
        assert!(!shows_message("got hell", b"hello\n"));
        assert!(message_forms(b"\n").is_empty());
        assert!(message_forms(&"中".as_bytes()[..2]).is_empty());
        assert_eq!(message_forms(&"ab中".as_bytes()[..3]), ["ab"]);
    }

    #[test]
    fn a_loopback_address_is_read_from_words() {
        assert_eq!(
            loopback_addr("已绑定到 127.0.0.1:4321。"),
            Some("127.0.0.1:4321".parse().unwrap())
        );
        assert_eq!(loopback_addr("no address"), None);
    }
}
