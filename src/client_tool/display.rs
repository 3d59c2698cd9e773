//! How the client tool sends and shows data: `--encoding`, `--suffix`, `--hex`,
//! `--timestamps` and `--like-netassist`, the bytes of one message, and the display of
//! what arrives.

use std::io::{self, Write};
use std::time::Instant;

use anyhow::bail;
use clap::{Arg, ArgAction};

use crate::args::{Args, Cli, id};
use crate::lines::{Encoding, StreamDecoder, from_hex, to_hex};
use crate::{text, warn};

/// The ids of the display's flags, each named once.
mod flag {
    pub const SUFFIX: &str = "suffix";
    pub const HEX: &str = "hex";
    pub const TIMESTAMPS: &str = "timestamps";
    pub const LIKE_NETASSIST: &str = "like-netassist";
}

/// A flag that is on or off.
pub(super) fn switch(id: &'static str, help: String) -> Arg {
    Arg::new(id).long(id).action(ArgAction::SetTrue).help(help)
}

/// Adds the display's flags to the client's command line.
pub fn flags(cli: Cli) -> Cli {
    cli.encoding()
        .arg(
            Arg::new(flag::SUFFIX)
                .long(flag::SUFFIX)
                .value_name("SUFFIX")
                .default_value("lf")
                .value_parser(["none", "lf", "crlf"])
                .help(text::servers::help_suffix()),
        )
        .arg(switch(flag::HEX, text::servers::help_hex()))
        .arg(switch(flag::TIMESTAMPS, text::servers::help_timestamps()))
        .arg(
            switch(flag::LIKE_NETASSIST, text::servers::help_like_netassist())
                .conflicts_with_all([flag::SUFFIX, id::ENCODING]),
        )
}

/// How to send and show data.
pub struct Display {
    pub encoding: Encoding,
    suffix: &'static [u8],
    pub hex: bool,
    timestamps: bool,
    /// Each read shown on a line of its own, decoded as UTF-8 whole (netAssist).
    per_read: bool,
}

impl Display {
    /// The display of the command line, read by type.
    pub fn of(args: &Args) -> Display {
        let like_netassist = args.flag(flag::LIKE_NETASSIST);
        let suffix = args
            .matches
            .try_get_one::<String>(flag::SUFFIX)
            .ok()
            .flatten()
            .map(String::as_str);
        Display {
            // netAssist has no encoding setting: UTF-8 always.
            encoding: if like_netassist {
                Encoding::Utf8
            } else {
                args.encoding()
            },
            // netAssist sends exactly the text of its box.
            suffix: match suffix {
                _ if like_netassist => b"",
                Some("none") => b"",
                Some("crlf") => b"\r\n",
                _ => b"\n",
            },
            hex: args.flag(flag::HEX),
            timestamps: args.flag(flag::TIMESTAMPS),
            per_read: like_netassist,
        }
    }

    /// The bytes to send for one message: the text (or hex) and the suffix.
    pub fn payload(&self, message: &str) -> anyhow::Result<Vec<u8>> {
        let mut bytes = if self.hex {
            match from_hex(message) {
                Some(bytes) => bytes,
                None => bail!(text::servers::bad_hex(message)),
            }
        } else {
            self.encoding.encode(message).into_owned()
        };
        bytes.extend_from_slice(self.suffix);
        Ok(bytes)
    }
}

/// Shows received bytes as they arrive: text in the connection's encoding (a character
/// cut by a read waits for the next), or hex; with the time since the connection.
pub struct Printer {
    decoder: StreamDecoder,
    hex: bool,
    timestamps: bool,
    per_read: bool,
    start: Instant,
}

impl Printer {
    pub fn new(display: &Display) -> Printer {
        Printer {
            decoder: StreamDecoder::new(display.encoding),
            hex: display.hex,
            timestamps: display.timestamps,
            per_read: display.per_read,
            start: Instant::now(),
        }
    }

    /// Prints `bytes` and returns them decoded.
    pub fn print(&mut self, bytes: &[u8]) -> String {
        if self.per_read {
            return self.print_read(bytes);
        }
        let decoded = self.decoder.decode(bytes);
        let shown = if self.hex {
            to_hex(bytes)
        } else {
            decoded.clone()
        };
        let mut stdout = io::stdout().lock();
        let _ = if self.timestamps || self.hex {
            let stamp = if self.timestamps {
                format!("[+{:.3}s] ", self.start.elapsed().as_secs_f64())
            } else {
                String::new()
            };
            writeln!(stdout, "{stamp}{}", shown.trim_end_matches('\n'))
        } else {
            write!(stdout, "{shown}")
        };
        let _ = stdout.flush();
        decoded
    }

    /// netAssist's way: the bytes of one read decoded as UTF-8 on their own, each read
    /// on a line of its own (自动换行显示, so a reply that ends in `\n` shows a blank
    /// line after it). A read that is not UTF-8 (a character cut by the read, or GBK)
    /// is what netAssist's 解码错误 box reports; here it is shown as hex, with a warning.
    fn print_read(&mut self, bytes: &[u8]) -> String {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let (count, hex) = (bytes.len(), to_hex(bytes));
                warn!(
                    "decode error (netAssist's 解码错误): the {count} bytes of this read are not UTF-8: {hex}",
                    "解码错误（netAssist 会弹出 解码错误 提示）：这一次读取的 {count} 个字节不是 UTF-8：{hex}"
                );
                String::from_utf8_lossy(bytes).into_owned()
            }
        };
        let shown = if self.hex {
            to_hex(bytes)
        } else {
            text.clone()
        };
        let stamp = if self.timestamps {
            format!("[+{:.3}s] ", self.start.elapsed().as_secs_f64())
        } else {
            String::new()
        };
        let mut stdout = io::stdout().lock();
        let _ = writeln!(stdout, "{stamp}{shown}").and_then(|()| stdout.flush());
        text
    }
}
