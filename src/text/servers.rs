//! The help and the errors of the client (`examples/client.rs`). What the lesson's two
//! complete servers (示例1, 示例2) and the client narrate is in their own files.

use std::time::Duration;

messages! {
    /// The operator typed bytes that are not of the encoding (`lines::stdin_line`).
    typed_invalid(encoding: &str, bytes: &str) =>
        "warning: what you typed is not valid {encoding}: `{bytes}` became � in the reply; set your terminal to {encoding} (Windows: `chcp 65001` for UTF-8)",
        "警告：你输入的内容不是有效的 {encoding}：`{bytes}` 在回复中变成了 �；请把终端设置为 {encoding}（Windows 上用 `chcp 65001` 切换到 UTF-8）";
    /// Help for `--suffix`.
    help_suffix() =>
        "what to add to each message sent: none, lf (\\n) or crlf (\\r\\n)",
        "每条发送的消息后面附加什么：none（不加）、lf（\\n）或 crlf（\\r\\n）";
    /// Help for `--hex`.
    help_hex() =>
        "show received bytes as hex, and read what you send as hex (68 69 = \"hi\")",
        "以十六进制显示收到的字节，并按十六进制解析你要发送的内容（68 69 即 \"hi\"）";
    /// Help for `--timestamps`.
    help_timestamps() =>
        "show when each piece of data arrived, in seconds since the connection",
        "显示每段数据到达的时间（从连接建立起的秒数）";
    /// Help for `--like-netassist`.
    help_like_netassist() =>
        "send and show as netAssist does: UTF-8, no line ending (the text of its box), one write per message, each read of up to 1024 bytes decoded on a line of its own",
        "像 netAssist 那样发送和显示：UTF-8，不加换行（发送框里的原文），每条消息写一次，每次最多读取 1024 字节并单独解码显示为一行";
    /// Help for `--send`.
    help_send() =>
        "scripted: send this message (with the suffix) in one write; may be repeated, and runs in order with --expect, --close and --expect-eof",
        "脚本模式：用一次写入发送这条消息（带上后缀）；可以多次使用，并与 --expect、--close、--expect-eof 按出现顺序依次执行";
    /// Help for `--gap`.
    help_gap() =>
        "scripted: milliseconds to wait between two --send in a row, so that they arrive as two messages (a server that reads once per message reads each apart)",
        "脚本模式：连续两个 --send 之间等待多少毫秒，让它们作为两条消息到达（每条消息只读一次的服务端会分开读到）";
    /// Help for `--expect`.
    help_expect() =>
        "scripted: wait until what arrived since the last expectation contains this text",
        "脚本模式：等待，直到自上一项预期（--expect 或 --expect-eof）以来收到的数据包含这段文本";
    /// Help for `--close`.
    help_close() =>
        "scripted: close the sending side (the server reads end-of-stream)",
        "脚本模式：关闭发送方向（服务端会读到数据流结束）";
    /// Help for `--expect-eof`.
    help_expect_eof() =>
        "scripted: wait until the server ends the stream",
        "脚本模式：等待服务端结束数据流";
    /// Help for `--timeout`.
    help_timeout() =>
        "scripted: how many seconds to wait for each expectation",
        "脚本模式：每项预期最多等待多少秒";
    /// Text that is not hex.
    bad_hex(text: &str) =>
        "`{text}` is not hex bytes: write pairs of hex digits, such as `68 69` for \"hi\"",
        "`{text}` 不是十六进制字节：请写成成对的十六进制数字，例如 `68 69` 表示 \"hi\"";
    /// An expectation of text that failed.
    expectation_text_failed(number: usize, total: usize, text: &str, timeout: Duration, got: &str) =>
        "expectation {number} of {total} did not hold: no reply containing `{text}` within {timeout:?}; received since the last expectation: {got}",
        "第 {number} 项预期（共 {total} 项）未能满足：{timeout:?} 内没有收到包含 `{text}` 的回复；自上一项预期以来收到的是：{got}";
    /// The stream ended before the text came.
    expectation_closed_early(number: usize, total: usize, text: &str, got: &str) =>
        "expectation {number} of {total} did not hold: the server closed the connection before sending `{text}`; received since the last expectation: {got}",
        "第 {number} 项预期（共 {total} 项）未能满足：服务端还没发送 `{text}` 就关闭了连接；自上一项预期以来收到的是：{got}";
    /// An expectation of the end that failed.
    expectation_eof_failed(number: usize, total: usize, timeout: Duration, got: &str) =>
        "expectation {number} of {total} did not hold: the server did not end the stream within {timeout:?}; received since the last expectation: {got}",
        "第 {number} 项预期（共 {total} 项）未能满足：服务端在 {timeout:?} 内没有结束数据流；自上一项预期以来收到的是：{got}";
}
