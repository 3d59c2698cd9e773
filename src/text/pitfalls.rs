//! What the pitfalls lab (`examples/pitfall_*.rs`) shares, in English and Chinese: the
//! `--help` lines, the `--fixed` flag and the mode line every demo opens with, their
//! errors, and the warning a server prints when it is given `0.0.0.0`.
//!
//! What a demo narrates is not here: each one prints its own words, at the line that
//! prints them (`say!`). Lines that a test reads keep a fixed shape in English:
//! `send() took 6144 of the 1048576 bytes`, `median 40.12 ms`.

use std::net::SocketAddr;

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
