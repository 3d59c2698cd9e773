//! The words of the lesson's two complete servers (示例1, 示例2) and of the client.

use std::net::SocketAddr;
use std::time::Duration;

messages! {
    // The servers.
    /// One line received, as the lesson prints it.
    received_line(shown: &str) => "received: {shown}", "接收到发送来的数据：{shown}";
    /// A line over the limit.
    line_too_long(limit: usize) =>
        "warning: a line longer than {limit} bytes arrived; it is cut to its first {limit} bytes and the rest of it is dropped (--max-line sets the limit)",
        "警告：收到一行超过 {limit} 字节的数据；只保留前 {limit} 字节，其余部分被丢弃（上限可以用 --max-line 设置）";
    /// Bytes that are GBK, not UTF-8.
    looks_like_gbk() =>
        "warning: this line is not UTF-8 but reads as GBK, the encoding of netAssist and other tools on Chinese Windows: run the server with `--encoding gbk`, or set the client to UTF-8",
        "警告：这一行不是 UTF-8，但可以按 GBK 解码（中文 Windows 上 netAssist 等工具使用的编码）：请用 `--encoding gbk` 运行服务端，或者把客户端设置为 UTF-8";
    /// Bytes that are not of the encoding.
    not_in_encoding(encoding: &str) =>
        "warning: this line is not valid {encoding}: its other bytes are shown as \\xNN or �",
        "警告：这一行不是有效的 {encoding}：无法解码的字节显示为 \\xNN 或 �";
    /// Bytes wait for a line ending.
    no_line_end(bytes: usize) =>
        "note: {bytes} byte(s) arrived without a line ending yet; this server prints a message when its line ends (\\n). Does the client send one? nc does; set netAssist to add a new line (\\r\\n) to what it sends",
        "提示：已经收到 {bytes} 个字节，但还没有收到换行符；这个服务端要等一行结束（\\n）才打印消息。客户端发送换行符了吗？nc 会发送；netAssist 则需要设置为发送时附加换行（\\r\\n）";
    /// The notice sent to a client that waited in the backlog.
    closing_notice() =>
        "the server is closing: it served one client, as the lesson's server does (run it with --keep-serving to serve clients one after another)",
        "服务端正在关闭：它和课程里的服务端一样只服务一个客户端（用 --keep-serving 运行它，就能一个接一个地服务客户端）";
    /// A waiting client was told.
    told_waiting_client(peer: SocketAddr) =>
        "told {peer}, which was waiting to be served, that the server is closing",
        "已通知正在等待的客户端 {peer}：服务端正在关闭";

    // The client.
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
    /// Help for `--send`.
    help_send() =>
        "scripted: send this message (with the suffix); may be repeated, and runs in order with --expect, --close and --expect-eof",
        "脚本模式：发送这条消息（带上后缀）；可以多次使用，并与 --expect、--close、--expect-eof 按出现顺序依次执行";
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
    /// Connected, interactive.
    connected_interactive(addr: SocketAddr, local: SocketAddr) =>
        "connected to {addr} from {local}; type a line and press Enter to send it; exit sends exit and quits; Ctrl+D (Ctrl+Z then Enter on Windows) closes the sending side",
        "已从 {local} 连接到 {addr}；输入一行后按回车即可发送；输入 exit 会发送 exit 并退出；Ctrl+D（Windows 上是 Ctrl+Z 再回车）关闭发送方向";
    /// Connected, scripted.
    connected(addr: SocketAddr, local: SocketAddr) =>
        "connected to {addr} from {local}",
        "已从 {local} 连接到 {addr}";
    /// The server ended the stream.
    server_closed() =>
        "the server closed the connection",
        "服务端关闭了连接";
    /// The server reset the connection.
    server_reset() =>
        "the server reset the connection (it closed with data unread, or ended abruptly)",
        "服务端重置了连接（它关闭时还有数据未读取，或者它异常退出了）";
    /// Bytes sent and received.
    counters(sent: u64, received: u64) =>
        "sent {sent} bytes, received {received} bytes",
        "共发送 {sent} 字节，接收 {received} 字节";
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
    /// Every expectation held.
    expectations_held(total: usize) =>
        "all {total} expectations held",
        "全部 {total} 项预期都已满足";
}
