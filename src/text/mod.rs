//! Every message the lessons print, in English and in Chinese, in one place.
//!
//! This file holds the messages of the seven steps and those every lesson shares;
//! each later family of lessons keeps its own in a submodule here, defined with the
//! same `messages!` macro. Each message is a function that formats it in the language
//! of this run ([`crate::lang::current`]). Messages follow one style: lowercase, no final
//! period, values in backticks where they are quoted from the user; output that a
//! program or a test reads (`listening on <addr>`) ends with the address in every
//! language.

use std::net::SocketAddr;

use crate::lang::{self, Lang};

/// Defines one function per message: its name, its arguments, then its English and
/// Chinese text (`format!` strings that name the arguments inline). Submodules of
/// `text` use it too.
macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $name:ident($($arg:ident: $ty:ty),*) => $en:literal, $zh:literal;
    )*) => {$(
        $(#[$doc])*
        pub fn $name($($arg: $ty),*) -> String {
            match $crate::lang::current() {
                $crate::lang::Lang::En => format!($en),
                $crate::lang::Lang::Zh => format!($zh),
            }
        }
    )*};
}

messages! {
    // The readiness line. Tests and scripts wait for it, so in every language it ends
    // with the address.
    /// `listening on 127.0.0.1:8888`: printed once the socket listens.
    listening_on(addr: SocketAddr) => "listening on {addr}", "正在监听 {addr}";

    /// `cargo run` with no arguments.
    where_to_begin() =>
        "socket-workbook: TCP server sockets, one call at a time. Begin with step 1, then go on in order (the lesson book, docs/README.md, explains each step):",
        "socket-workbook：TCP 服务端 socket 入门，每次只学一个调用。请从第 1 步开始，按顺序往下学（每一步的讲解见课程讲义 docs/README.md）：";

    // Step 1: socket.
    /// What a new socket is.
    created(family: &str, kind: &str) =>
        "created a socket: family {family} (IPv4), type {kind} (TCP)",
        "已创建 socket：地址族 {family}（IPv4），类型 {kind}（TCP）";
    /// The socket's handle, on Unix.
    handle_fd(fd: i32) =>
        "the operating system knows it as file descriptor {fd}",
        "操作系统用文件描述符 {fd} 来标识它";
    /// The socket's handle, on Windows.
    handle_windows(socket: u64) =>
        "the operating system knows it as SOCKET {socket}",
        "操作系统用 SOCKET 句柄 {socket} 来标识它";
    /// An unbound socket whose local address the OS reports as all zeros (Linux, macOS).
    unbound_with_address(addr: SocketAddr) =>
        "not bound yet: its local address is {addr} (no IP, no port), so no client can reach it; step 2 binds it",
        "尚未绑定：它的本地地址是 {addr}（既没有 IP，也没有端口），客户端还无法连接它；第 2 步会为它绑定地址";
    /// An unbound socket that has no local address at all (Windows).
    unbound_without_address() =>
        "not bound yet: it has no local address, so no client can reach it; step 2 binds it",
        "尚未绑定：它还没有本地地址，客户端还无法连接它；第 2 步会为它绑定地址";
    /// The end of step 1.
    closed_at_exit() =>
        "the program ends here, and the operating system closes the socket",
        "程序到此结束，操作系统会关闭这个 socket";

    // Step 2: bind.
    /// The address the socket is bound to.
    bound_to(addr: SocketAddr) => "bound to {addr}", "已绑定到 {addr}";
    /// Port 0 was asked for.
    port_chosen(port: u16) =>
        "you asked for port 0, so the operating system chose port {port}",
        "你指定的是端口 0，所以由操作系统自动选择了端口 {port}";
    /// Bound but not listening.
    not_listening_yet() =>
        "not listening yet: a client that connects now is refused (step 3 listens)",
        "还没有开始监听：客户端现在来连接会被拒绝（第 3 步才开始监听）";

    // Step 3: listen.
    /// Connections are queued although nothing accepts them.
    backlog_explained(backlog: i32) =>
        "clients can connect now: the kernel completes their handshakes and queues the connections (backlog {backlog}), although nothing calls accept() yet (step 4 does)",
        "客户端现在已经可以连接：虽然还没有代码调用 accept()（第 4 步才调用），内核会替程序完成握手，并把连接放进队列（backlog 为 {backlog}）";
    /// How to stop step 3.
    press_enter_to_stop() =>
        "press Enter to stop listening",
        "按回车键停止监听";
    /// Step 3 stops.
    stopped_listening() => "stopped listening", "已停止监听";

    // Step 4: accept.
    /// Before accept blocks.
    waiting_for_client() =>
        "waiting for a client: accept() blocks until one connects",
        "正在等待客户端连接：accept() 会一直阻塞，直到有客户端连上";
    /// A client connected; `peer` is its address.
    accepted(peer: SocketAddr) =>
        "accepted connection from {peer}",
        "接收到客户端连接，连接来自：{peer}";
    /// Step 4 closes at once.
    closing_connection() =>
        "closing the connection (step 7 explains closing)",
        "正在关闭连接（第 7 步会详细讲解如何关闭）";

    // Step 5: recv.
    /// The client's `exit`.
    client_sent_exit() =>
        "the client sent exit: ending the session",
        "客户端发送了 exit：结束会话";
    /// A read of 0 bytes.
    client_closed() =>
        "the client closed the connection (recv returned 0 bytes): ending the session",
        "客户端关闭了连接（recv 返回了 0 字节）：结束会话";
    /// A reset instead of an orderly close.
    client_reset() =>
        "the client reset the connection (it closed with data unread, or its program ended abruptly): ending the session",
        "客户端重置了连接（它关闭时还有数据未读取，或者它的程序异常退出了）：结束会话";

    // Step 6: send.
    /// The lesson's `input()` prompt.
    reply_prompt() =>
        "type a reply and press Enter (exit ends the session):",
        "请输入回复消息，按回车发送（输入 exit 结束会话）：";
    /// The operator's `exit`.
    operator_exit() =>
        "you typed exit: ending the session",
        "你输入了 exit：结束会话";
    /// stdin reached its end.
    stdin_closed() =>
        "stdin closed: no more replies, ending the session",
        "标准输入已关闭：不再回复，结束会话";
    /// A reply could not be delivered because the client left.
    client_gone() =>
        "the client is gone, the reply could not be delivered: ending the session",
        "客户端已断开连接，回复无法送达：结束会话";

    // Step 7: close.
    /// After shutdown(Write).
    shut_down_sending() =>
        "shut down the sending side: the client reads end-of-stream",
        "已关闭发送方向（shutdown）：客户端会读到数据流结束";
    /// The client closed its side after ours.
    client_closed_too() =>
        "the client closed its side too",
        "客户端也关闭了它那一端";
    /// There was nothing left to shut down (the client had reset the connection).
    already_closed() =>
        "the connection is already closed: nothing to shut down",
        "连接已经关闭了：无需再关闭发送方向";
    /// The client did not close its side in time.
    client_kept_open(seconds: u64) =>
        "the client did not close its side within {seconds} s: closing anyway",
        "客户端在 {seconds} 秒内没有关闭它那一端：不再等待，直接关闭";
    /// After the connection is closed.
    closed_connection(peer: SocketAddr) =>
        "closed the connection to {peer}",
        "已关闭与 {peer} 的连接";
    /// After the listening socket is closed.
    closed_listener(addr: SocketAddr) =>
        "closed the listening socket: {addr} is free again",
        "已关闭监听 socket：{addr} 已释放，可以再次使用";

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
        "`{addr}` is already in use by another program: an earlier run of this lesson that is still open (Ctrl+C in its terminal stops it), or netAssist in TCP Server mode (switch it to TCP Client); or choose another port, such as `{free}` for any free one",
        "`{addr}` 已被别的程序占用：可能是之前运行的本课程序还没有结束（在它的终端里按 Ctrl+C 即可停止），或者 netAssist 正以 TCP Server（服务端）模式运行（请把它切换到 TCP Client 模式）；也可以换一个端口，例如用 `{free}` 让系统任选一个空闲端口";
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
        "the text encoding of the connection: utf-8, or gbk, which netAssist sends on Chinese Windows",
        "连接使用的文本编码：utf-8，或者 gbk（中文 Windows 上的 netAssist 发送的就是 GBK）";
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

/// "s" after an English noun counted `n` times.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One read: how many bytes, and what they say (quoted, see `message::show`).
pub fn received(bytes: usize, shown: &str) -> String {
    match lang::current() {
        Lang::En => format!("received {bytes} byte{}: {shown}", plural(bytes)),
        Lang::Zh => format!("收到 {bytes} 字节：{shown}"),
    }
}

/// A character was cut by the read; its first bytes wait for the next read.
pub fn carried_over(bytes: usize) -> String {
    match lang::current() {
        Lang::En => format!(
            "  ({bytes} byte{} of a character cut by this read wait for the next read)",
            plural(bytes)
        ),
        Lang::Zh => {
            format!("  （有一个字符被本次读取截断，已收到的 {bytes} 个字节留到下一次读取时拼接）")
        }
    }
}

/// Bytes that are not UTF-8 (a warning, on stderr).
pub fn invalid_utf8(bytes: usize) -> String {
    match lang::current() {
        Lang::En => format!(
            "warning: {bytes} byte{} not valid UTF-8, shown as \\xNN; does the client send another encoding, such as GBK? set it to UTF-8",
            if bytes == 1 { " is" } else { "s are" }
        ),
        Lang::Zh => format!(
            "警告：有 {bytes} 个字节不是有效的 UTF-8，已显示为 \\xNN；客户端是不是用了别的编码（比如 GBK）？请把客户端设置为 UTF-8"
        ),
    }
}

/// The stream ended inside a character (a warning, on stderr).
pub fn cut_at_end(bytes: usize) -> String {
    match lang::current() {
        Lang::En => format!(
            "warning: the connection ended in the middle of a character; its {bytes} byte{} dropped",
            if bytes == 1 { " is" } else { "s are" }
        ),
        Lang::Zh => format!("警告：连接在一个字符的中途结束了，已收到的 {bytes} 个字节被丢弃"),
    }
}

/// A reply went out whole.
pub fn sent(bytes: usize) -> String {
    match lang::current() {
        Lang::En => format!("sent {bytes} byte{}", plural(bytes)),
        Lang::Zh => format!("已发送 {bytes} 字节"),
    }
}

/// The one-line description of an example, for its `--help`.
pub fn about(example: &str) -> String {
    let (en, zh) = match example {
        "step1_create" => (
            "Step 1 of the socket lesson: create a TCP socket (Python: socket.socket())",
            "Socket 课程第 1 步：创建 TCP socket（Python：socket.socket()）",
        ),
        "step2_bind" => (
            "Step 2: create a socket and bind it to an address (Python: bind(('127.0.0.1', 8888)))",
            "第 2 步：创建 socket 并绑定到地址（Python：bind(('127.0.0.1', 8888))）",
        ),
        "step3_listen" => (
            "Step 3: ... and listen, so that clients can connect (Python: listen(1))",
            "第 3 步：……并开始监听，客户端就能连接了（Python：listen(1)）",
        ),
        "step4_accept" => (
            "Step 4: ... and accept one client (Python: conn, address = accept())",
            "第 4 步：……并接受一个客户端（Python：conn, address = accept()）",
        ),
        "step5_recv" => (
            "Step 5: ... and receive its messages until it sends exit (Python: conn.recv(1024))",
            "第 5 步：……并接收客户端的消息，直到它发送 exit（Python：conn.recv(1024)）",
        ),
        "step6_send" => (
            "Step 6: ... and send a reply you type to each message (Python: conn.send(...))",
            "第 6 步：……并对每条消息，把你输入的回复发给客户端（Python：conn.send(...)）",
        ),
        "example1_server" => (
            "示例1, the lesson's first complete server: one client; each message printed, each reply typed by you; your exit ends it",
            "示例1，课程中的第一个完整服务端：只服务一个客户端，打印收到的每条消息，由你输入每条回复；你输入 exit 时结束",
        ),
        "example2_server" => (
            "示例2, the lesson's second complete server: as 示例1, and the client's exit ends it too",
            "示例2，课程中的第二个完整服务端：与示例1相同，此外客户端发送 exit 也会结束",
        ),
        "client" => (
            "A TCP client that replaces netAssist: interactive, or scripted with --send and --expect",
            "替代 netAssist 的 TCP 客户端：可以交互使用，也可以用 --send 和 --expect 编写脚本",
        ),
        "step7_close" => (
            "Step 7: the whole server, then close the connection and the socket (Python: close())",
            "第 7 步：完整的服务端，最后关闭连接和 socket（Python：close()）",
        ),
        "socket-workbook" => (
            "The socket workbook: where to begin",
            "Socket 练习册：从哪里开始",
        ),
        "extra_count_bytes" => (
            "Extra: step 5, and the number of bytes the client sent in all",
            "附加练习：在第 5 步的基础上，统计客户端一共发送了多少字节",
        ),
        "extra_echo" => (
            "Extra: step 7, sending each read back to the client as it came",
            "附加练习：在第 7 步的基础上，把每次收到的数据原样发回客户端",
        ),
        "extra_serial" => (
            "Extra: step 7, serving several clients one after another",
            "附加练习：在第 7 步的基础上，一个接一个地服务多个客户端",
        ),
        exercise => match crate::names::lesson_of(exercise) {
            Some(lesson) => {
                return match lang::current() {
                    Lang::En => format!("Your exercise of {lesson}: {}", about(&lesson)),
                    Lang::Zh => format!("你的练习（对应 {lesson}）——{}", about(&lesson)),
                };
            }
            None => pitfalls::about(example)
                .or_else(|| ladder::about(example))
                .unwrap_or(("A lesson of the socket workbook", "Socket 练习册中的一课")),
        },
    };
    match lang::current() {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

pub mod check;
pub mod cli;
pub mod exercises;
pub mod extras;
pub mod ladder;
pub mod pitfalls;
pub mod servers;
