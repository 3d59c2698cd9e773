//! What the pitfalls lab (`examples/pitfall_*.rs`) shares, in English and Chinese: the
//! `--help` lines, the `--fixed` flag and the mode line every demo opens with, their
//! errors, and the warning a server prints when it is given `0.0.0.0`.
//!
//! What a demo narrates is not here: each one prints its own words, at the line that
//! prints them (`say!`). Lines that a test reads keep a fixed shape in English:
//! `send() took 6144 of the 1048576 bytes`, `median 40.12 ms`.

use std::net::SocketAddr;

/// The `--help` line of each pitfall, English and Chinese; `None` for other examples.
pub fn about(example: &str) -> Option<(&'static str, &'static str)> {
    let about = match example {
        "pitfall_byte_stream" => (
            "Pitfall: TCP is a byte stream, three writes arrive as one read (粘包); fix: frame by line",
            "陷阱：TCP 是字节流，三次写入会在一次读取中到达（粘包）；修正：按行分帧",
        ),
        "pitfall_split_utf8" => (
            "Pitfall: a character split across two reads fails to decode; fix: carry its bytes to the next read",
            "陷阱：一个字符被拆在两次读取中，单独解码会失败；修正：把不完整的字节留到下一次读取时拼接",
        ),
        "pitfall_eof_spin" => (
            "Pitfall: a read of 0 bytes means the peer closed, and the lesson's loop spins; fix: stop on 0",
            "陷阱：读到 0 字节表示对方已关闭，课程里的循环会空转；修正：读到 0 就停止",
        ),
        "pitfall_partial_write" => (
            "Pitfall: send() may take fewer bytes than it was given; fix: write_all (Python: sendall)",
            "陷阱：send() 实际发送的字节数可能少于交给它的字节数；修正：改用 write_all（Python：sendall）",
        ),
        "pitfall_nagle" => (
            "Pitfall: write, write, read waits for delayed ACKs (Nagle); fix: one write, or TCP_NODELAY",
            "陷阱：连写两次再读，会卡在等待延迟 ACK 上（Nagle 算法）；修正：只写一次，或开启 TCP_NODELAY",
        ),
        "pitfall_localhost" => (
            "Pitfall: localhost may mean ::1 first, and an IPv4 server refuses; fix: bind and connect to the literal address",
            "陷阱：localhost 可能先解析为 ::1，于是连不上 IPv4 服务端；修正：绑定和连接都写具体的 IP 地址",
        ),
        "pitfall_time_wait" => (
            "Pitfall: a restart right after a close finds the port in use (TIME_WAIT); fix: SO_REUSEADDR",
            "陷阱：关闭后立即重启，端口仍被占用（TIME_WAIT）；修正：设置 SO_REUSEADDR",
        ),
        "pitfall_backlog" => (
            "Pitfall: listen(1) with nothing accepting: how many clients get in, what the others see; fix: a real backlog",
            "陷阱：listen(1) 且没有调用 accept()：有几个客户端能连上，其余的会怎样；修正：设置足够大的 backlog",
        ),
        "pitfall_reset_on_close" => (
            "Pitfall: closing with unread data resets the connection; fix: shutdown, read to the end, then close",
            "陷阱：还有数据未读取就关闭，连接会被重置；修正：先 shutdown，读到数据流结束，再关闭",
        ),
        "pitfall_bind_all" => (
            "Pitfall: binding 0.0.0.0 opens the server to the whole network; fix: bind 127.0.0.1",
            "陷阱：绑定 0.0.0.0 会把服务端暴露给整个网络；修正：绑定 127.0.0.1",
        ),
        _ => return None,
    };
    Some(about)
}

messages! {
    // Shared by every pitfall.
    /// Help for `--fixed`.
    help_fixed() =>
        "run the fix instead of the mistake",
        "运行修正后的写法，而不是错误的写法";
    /// The first line of the broken mode.
    mode_mistake() =>
        "mode: the mistake (run with --fixed for the fix)",
        "模式：错误的写法（加上 --fixed 运行可以看到修正后的写法）";
    /// The first line of the fixed mode.
    mode_fix() =>
        "mode: the fix (run without --fixed for the mistake)",
        "模式：修正后的写法（去掉 --fixed 运行可以看到错误的写法）";
    /// Setting a socket option failed.
    failed_option(option: &str, addr: SocketAddr) =>
        "could not set `{option}` on the socket for `{addr}`",
        "无法为 `{addr}` 的 socket 设置 `{option}`";
    /// The reader of a demo was never told to start.
    server_gave_up() =>
        "the server did not let the client start reading in time",
        "服务端没能及时通知客户端开始读取";
    /// A server was given `0.0.0.0` (a warning, on stderr).
    warn_bind_all(addr: SocketAddr, loopback: SocketAddr) =>
        "warning: `{addr}` means every network of this computer: other computers can connect, and Windows or macOS may ask about the firewall; use `{loopback}` for this computer only (see pitfall_bind_all)",
        "警告：`{addr}` 表示本机所有的网络：其他电脑也能连接进来，Windows 或 macOS 可能会弹出防火墙提示；如果只想让本机连接，请使用 `{loopback}`（见 pitfall_bind_all）";
}

/// The first line of a pitfall: which mode runs.
pub fn mode(fixed: bool) -> String {
    if fixed { mode_fix() } else { mode_mistake() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pitfall_has_an_about_line() {
        for example in [
            "pitfall_byte_stream",
            "pitfall_split_utf8",
            "pitfall_eof_spin",
            "pitfall_partial_write",
            "pitfall_nagle",
            "pitfall_localhost",
            "pitfall_time_wait",
            "pitfall_backlog",
            "pitfall_reset_on_close",
            "pitfall_bind_all",
        ] {
            let Some((en, zh)) = about(example) else {
                unreachable!("no about line for {example}")
            };
            assert!(en.starts_with("Pitfall: "), "{example}: {en}");
            assert!(zh.starts_with("陷阱："), "{example}: {zh}");
        }
        assert_eq!(about("step1_create"), None);
    }
}
