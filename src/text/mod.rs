//! The words that many programs share and that are not a lesson's own voice, in
//! English and in Chinese: the readiness line, errors and their hints, the help of
//! the arguments, the one-line `about` of each example.
//!
//! The workbook writes bilingual text in one form: the English and the Chinese
//! `format!` strings side by side, chosen for the run by [`words!`](crate::words!)
//! ([`crate::lang::current`]). A lesson narrates in its own file, at the line that
//! prints, with [`say!`](crate::say!) and its kin (`say!("accepted connection from
//! {peer}", …)`): a student reads there what the program prints. Words said from more
//! than one place are named messages, each a function made by `messages!` (which calls
//! `words!`): here, in [`cli`], [`pitfalls`], [`ladder`], [`servers`] and [`extras`],
//! and in the checker (`checker/src/text`). A message that nothing says fails a test
//! ([`unused`]); the table of lessons holds its fixed texts as
//! [`Words`](crate::lessons::Words), the same pair without arguments. Messages follow
//! one style: lowercase, no final period, values in backticks where they are quoted
//! from the user; output that a program or a test reads (`listening on <addr>`) ends
//! with the address in every language.

use std::net::SocketAddr;

/// Defines one function per message: its name, its arguments, then its English and
/// Chinese text (`format!` strings that name the arguments inline), chosen by
/// [`words!`](crate::words!) as a lesson's own words are. Submodules of `text` use
/// it, and so does the checker (`checker/src/text`), for its own words.
///
/// It also lists the names it defines in `MESSAGES` (one `messages!` per module), so
/// that a test finds a message nothing says: [`unused`].
#[doc(hidden)]
#[macro_export]
macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $name:ident($($arg:ident: $ty:ty),*) => $en:literal, $zh:literal;
    )*) => {
        $(
            $(#[$doc])*
            pub fn $name($($arg: $ty),*) -> String {
                $crate::words!($en, $zh)
            }
        )*
        /// The names of this module's messages, for the test that each is said
        /// somewhere.
        #[cfg(test)]
        pub(crate) const MESSAGES: &[&str] = &[$(stringify!($name)),*];
    };
}

/// The messages of `names` that no Rust file under `roots` says: none is named there
/// outside its own definition (`name(…) =>`) and outside comments. For the tests of
/// each text module: a message that nothing prints is dead text.
#[doc(hidden)]
pub fn unused(names: &[&str], roots: &[&std::path::Path]) -> Vec<String> {
    fn sources(dir: &std::path::Path, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut texts = Vec::new();
    for root in roots {
        sources(root, &mut texts);
    }
    let said = |name: &str| {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        texts.iter().flat_map(|text| text.lines()).any(|line| {
            let line = line.trim_start();
            if line.starts_with("//") || line.starts_with(&format!("{name}(")) {
                return false;
            }
            line.match_indices(name).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + name.len()..].chars().next();
                !before.is_some_and(is_word) && !after.is_some_and(is_word)
            })
        })
    };
    names
        .iter()
        .filter(|name| !said(name))
        .map(|name| name.to_string())
        .collect()
}

messages! {
    // The readiness line. Tests and scripts wait for it, so in every language it ends
    // with the address.
    /// `listening on 127.0.0.1:8888`: printed once the socket listens.
    listening_on(addr: SocketAddr) => "listening on {addr}", "正在监听 {addr}";

    // What failed (the first line of an error).
    /// `socket(2)` failed.
    failed_create() => "could not create a socket", "无法创建 socket";
    /// Asking the socket about itself failed.
    failed_query() => "could not ask the socket about itself", "无法查询 socket 的信息";
    /// `setsockopt(SO_REUSEADDR)` failed.
    failed_reuse(addr: SocketAddr) =>
        "could not set SO_REUSEADDR for `{addr}`",
        "无法为 `{addr}` 设置 SO_REUSEADDR";
    /// `bind(2)` failed.
    failed_bind(addr: SocketAddr) => "could not bind `{addr}`", "无法绑定 `{addr}`";
    /// `listen(2)` failed.
    failed_listen(addr: SocketAddr) => "could not listen on `{addr}`", "无法在 `{addr}` 上监听";
    /// `accept(2)` failed.
    failed_accept(addr: SocketAddr) =>
        "could not accept a connection on `{addr}`",
        "无法在 `{addr}` 上接受连接";
    /// `recv(2)` failed.
    failed_recv(peer: SocketAddr) => "could not receive from `{peer}`", "无法从 `{peer}` 接收数据";
    /// `send(2)` failed.
    failed_send(peer: SocketAddr) => "could not send to `{peer}`", "无法向 `{peer}` 发送数据";
    /// `shutdown(2)` failed.
    failed_shutdown(peer: SocketAddr) =>
        "could not shut down the connection to `{peer}`",
        "无法关闭与 `{peer}` 之间连接的发送方向";
    /// `connect(2)` failed.
    failed_connect(addr: SocketAddr) => "could not connect to `{addr}`", "无法连接到 `{addr}`";
    /// Reading the operator's reply failed.
    failed_stdin() => "could not read from stdin", "无法读取标准输入";

    // Hints: the likely cause and the fix, on the line after an error.
    /// A label and what it labels: `error: …`, `错误：…`.
    labelled(label: &str, value: &str) => "{label}: {value}", "{label}：{value}";
    /// The word before an error.
    error_label() => "error", "错误";
    /// The word before a hint.
    hint_label() => "hint", "提示";
    /// `AddrInUse`.
    hint_in_use(addr: SocketAddr, free: SocketAddr) =>
        "`{addr}` is already in use by another program: an earlier run of this lesson that is still open (Ctrl+C in its terminal stops it), or netAssist in TCP Server mode, its default (switch 1.协议类型 to TCP Client); for about a minute after a server on it closed, a program without SO_REUSEADDR cannot bind it on Linux (TIME_WAIT: netAssist's server says 端口已被占用); or choose another port, such as `{free}` for any free one",
        "`{addr}` 已被别的程序占用：可能是之前运行的本课程序还没有结束（在它的终端里按 Ctrl+C 即可停止），或者 netAssist 正以 TCP Server（服务端）模式运行，这是它的默认模式（请把 1.协议类型 切换为 TCP Client）；在 Linux 上，一个服务端关闭后的大约一分钟内，没有设置 SO_REUSEADDR 的程序也绑定不了它（TIME_WAIT：netAssist 的服务端会提示 端口已被占用）；也可以换一个端口，例如用 `{free}` 让系统任选一个空闲端口";
    /// `PermissionDenied`.
    hint_permission(addr: SocketAddr) =>
        "the system refused `{addr}`: ports below 1024 need administrator rights on Linux and macOS, and a firewall or antivirus may refuse others; use a port above 1024, such as 8888",
        "系统拒绝了 `{addr}`：在 Linux 和 macOS 上，1024 以下的端口需要管理员权限，其他端口也可能被防火墙或杀毒软件拦截；请使用 1024 以上的端口，例如 8888";
    /// `AddrNotAvailable`.
    hint_not_available(addr: SocketAddr) =>
        "`{addr}` is not an address of this computer: use 127.0.0.1 (this computer only), or an address that `ip addr` (Linux), `ifconfig` (macOS) or `ipconfig` (Windows) lists",
        "`{addr}` 不是本机的地址：请使用 127.0.0.1（仅限本机访问），或者 `ip addr`（Linux）、`ifconfig`（macOS）、`ipconfig`（Windows）列出的地址";
    /// `ConnectionRefused`.
    hint_refused(addr: SocketAddr) =>
        "nothing listens at `{addr}`: start a server there first, for example `cargo run --example example2_server -- {addr}`",
        "`{addr}` 上没有程序在监听：请先在这个地址上启动服务端，例如 `cargo run --example example2_server -- {addr}`";
    /// `ConnectionReset` or `ConnectionAborted`.
    hint_reset(addr: SocketAddr) =>
        "`{addr}` ended the connection abruptly (it closed with data unread, or its program ended); the mistake is not yours unless it happens every time",
        "`{addr}` 异常中断了连接（它关闭时还有数据未读取，或者它的程序已经退出）；除非每次都出现，否则问题不在你这边";
    /// `BrokenPipe`.
    hint_broken_pipe(addr: SocketAddr) =>
        "`{addr}` had already closed the connection when we sent; check for its end (a read of 0 bytes) before sending",
        "发送时 `{addr}` 已经关闭了连接；发送之前请先检查对方是否已关闭（是否读到了 0 字节）";

    // Command-line arguments.
    /// Help for the address argument.
    help_addr() =>
        "the address to use, IP:PORT; port 0 asks for any free port; localhost means 127.0.0.1",
        "要使用的地址，格式为 IP:端口；端口 0 表示任选一个空闲端口；localhost 即 127.0.0.1";
    /// Help for the client's address argument.
    help_server_addr() =>
        "the server's address, IP:PORT; localhost means 127.0.0.1",
        "服务端的地址，格式为 IP:端口；localhost 即 127.0.0.1";
    /// Help for `--backlog`.
    help_backlog() =>
        "listen()'s backlog: about how many finished handshakes wait for accept() (the lesson uses 1)",
        "listen() 的 backlog：大约有多少个已完成握手的连接可以排队等待 accept()（课程里用的是 1）";
    /// Help for `--lang`.
    help_lang() =>
        "the language of the messages, en or zh (also WORKBOOK_LANG=zh, or a zh* locale)",
        "输出信息的语言：en 或 zh（也可以设置 WORKBOOK_LANG=zh，或者使用以 zh 开头的系统语言环境）";
    /// Help for `--encoding`.
    help_encoding() =>
        "the text encoding of the connection and of your replies: utf-8 (netAssist's only one), or gbk (other tools on Chinese Windows)",
        "连接和你所输入回复的文本编码：utf-8（netAssist 只用这一种），或者 gbk（中文 Windows 上的其他一些工具）";
    /// Help for `--explain`.
    help_explain() =>
        "also tell what the lesson's transcript leaves out: how to end, the bytes sent, each step of closing",
        "同时说明课程运行结果里没有显示的内容：如何结束、发送了多少字节、关闭的每一步";
    /// Help for `--max-line`.
    help_max_line() =>
        "the longest line kept, in bytes; a longer one is cut and reported",
        "一行最多保留多少字节；超出的行会被截断，并给出提示";
    /// Help for `--keep-serving`.
    help_keep_serving() =>
        "serve clients one after another instead of ending after the first (the lesson serves one)",
        "一个接一个地服务多个客户端，而不是服务完第一个就结束（课程里只服务一个）";
    /// An address without a port.
    bad_addr_no_port(text: &str) =>
        "`{text}` has no port: write IP:PORT, such as 127.0.0.1:8888",
        "`{text}` 缺少端口：请写成 IP:端口，例如 127.0.0.1:8888";
    /// A port alone.
    bad_addr_only_port(text: &str) =>
        "`{text}` is only a port: write IP:PORT, such as 127.0.0.1:{text}",
        "`{text}` 只有端口号：请写成 IP:端口，例如 127.0.0.1:{text}";
    /// A port that is not a number from 0 to 65535.
    bad_addr_port(port: &str) =>
        "`{port}` is not a port: a port is a number from 0 to 65535 (0 asks for any free port)",
        "`{port}` 不是端口号：端口号是 0 到 65535 之间的数字（0 表示任选一个空闲端口）";
    /// An IPv6 address.
    bad_addr_ipv6(text: &str) =>
        "`{text}` is IPv6, but the lessons use IPv4 sockets (AF_INET, like Python's socket.socket()): use an IPv4 address such as 127.0.0.1:8888",
        "`{text}` 是 IPv6 地址，而课程使用 IPv4 socket（AF_INET，与 Python 的 socket.socket() 相同）：请使用 IPv4 地址，例如 127.0.0.1:8888";
    /// A host name other than `localhost`.
    bad_addr_host(host: &str) =>
        "`{host}` is not an IPv4 address: a server binds an address of its own computer, such as 127.0.0.1 (only this computer can connect) or localhost",
        "`{host}` 不是 IPv4 地址：服务端要绑定本机的地址，例如 127.0.0.1（只有本机可以连接）或 localhost";
}

// Messages with a count: English needs "1 byte" but "2 bytes".

/// "s" after an English noun counted `n` times: `let s = plural(n);` then
/// `"received {n} byte{s}"`. Any count will do (`usize`, `u64`, …).
pub fn plural<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "" } else { "s" }
}

/// One read: how many bytes, and what they say (quoted, see `message::show`).
pub fn received(bytes: usize, shown: &str) -> String {
    let s = plural(bytes);
    crate::words!(
        "received {bytes} byte{s}: {shown}",
        "收到 {bytes} 字节：{shown}"
    )
}

/// A character was cut by the read; its first bytes wait for the next read.
pub fn carried_over(bytes: usize) -> String {
    let s = plural(bytes);
    crate::words!(
        "  ({bytes} byte{s} of a character cut by this read wait for the next read)",
        "  （有一个字符被本次读取截断，已收到的 {bytes} 个字节留到下一次读取时拼接）"
    )
}

/// A reply went out whole.
pub fn sent(bytes: usize) -> String {
    let s = plural(bytes);
    crate::words!("sent {bytes} byte{s}", "已发送 {bytes} 字节")
}

/// The one-line description of an example, for its `--help`: what its lesson teaches,
/// from the table of lessons ([`crate::lessons`]).
pub fn about(example: &str) -> String {
    if let Some(lesson) = crate::lessons::by_name(example) {
        return lesson.teaches.get().to_string();
    }
    if let Some(lesson) = crate::lessons::of_exercise(example) {
        let name = lesson.name;
        let teaches = lesson.teaches.get();
        return crate::words!(
            "Your exercise of {name}: {teaches}",
            "你的练习（对应 {name}）——{teaches}"
        );
    }
    crate::words!(
        "The socket workbook: where to begin",
        "Socket 练习册：从哪里开始"
    )
}

pub mod cli;
pub mod extras;
pub mod ladder;
pub mod pitfalls;
pub mod servers;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every message of the lessons' library is said somewhere: by the library, a
    /// lesson or the checker. A message nothing prints is dead text, and fails here.
    #[test]
    fn every_message_is_said() {
        let workbook = Path::new(env!("CARGO_MANIFEST_DIR"));
        let roots = [
            &workbook.join("src"),
            &workbook.join("examples"),
            &workbook.join("checker").join("src"),
        ];
        let roots: Vec<&Path> = roots.iter().map(|root| root.as_path()).collect();
        for (module, names) in [
            ("text", super::MESSAGES),
            ("text::cli", super::cli::MESSAGES),
            ("text::extras", super::extras::MESSAGES),
            ("text::pitfalls", super::pitfalls::MESSAGES),
            ("text::servers", super::servers::MESSAGES),
            ("text::ladder", super::ladder::MESSAGES),
        ] {
            let unused = super::unused(names, &roots);
            assert!(unused.is_empty(), "{module}: never said: {unused:?}");
        }
        // The ladder's words behind features, with them.
        #[cfg(feature = "nonblocking")]
        assert_eq!(
            super::unused(super::ladder::nonblocking::MESSAGES, &roots),
            Vec::<String>::new()
        );
        #[cfg(feature = "async")]
        assert_eq!(
            super::unused(super::ladder::tasks::MESSAGES, &roots),
            Vec::<String>::new()
        );
        #[cfg(feature = "loadgen")]
        assert_eq!(
            super::unused(super::ladder::tools::MESSAGES, &roots),
            Vec::<String>::new()
        );
    }
}
