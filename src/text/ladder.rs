//! The messages of the concurrency ladder (steps 8 to 11, the chat server), of the load
//! generator and of the benchmark, in English and in Chinese.
//!
//! Lines that start with `error: ` (`错误：`) are sent to a client: they tell it why the
//! server refused it, or a line of it. Everything else is printed by the server.

use std::net::SocketAddr;

messages! {
    // The flags of every ladder server.
    /// Help for `--backlog` on a ladder server.
    help_backlog() =>
        "listen()'s backlog: how many finished handshakes may wait for accept(); many clients at once need more than the lesson's 1",
        "listen() 的 backlog：最多有多少个已完成握手的连接可以排队等待 accept()；同时来很多客户端时需要比课程里的 1 大得多";
    /// Help for `--max-connections`.
    help_max_connections() =>
        "the most clients served at once; one more is told the server is full, and closed",
        "同时服务的客户端数量上限；再多来一个会被告知服务端已满，然后断开";
    /// Help for `--max-line`.
    help_max_line() =>
        "the longest line in bytes; a longer one is refused, the rest of it dropped, and the session goes on",
        "一行最多的字节数；更长的行会被拒绝，其余部分被丢弃，会话继续";
    /// Help for `--idle-timeout`.
    help_idle_timeout() =>
        "seconds a client may stay silent before the server closes its connection (fractions allowed, such as 0.5)",
        "客户端可以保持沉默的秒数，超过后服务端会关闭它的连接（可以是小数，比如 0.5）";
    /// Help for `--quiet`.
    help_quiet() =>
        "print only the listening line and errors, not each connection and message (for benchmarks)",
        "只打印监听地址和错误，不打印每个连接和每条消息（用于性能测试）";
    /// Help for step 9's `--workers`.
    help_workers() =>
        "how many worker threads serve clients, one client each at a time",
        "服务客户端的工作线程数量，每个线程同一时间服务一个客户端";
    /// Help for step 9's `--queue`.
    help_queue() =>
        "how many accepted clients may wait for a free worker; one more is told the server is full",
        "最多有多少个已接受的客户端可以排队等待空闲的工作线程；再多来一个会被告知服务端已满";
    /// A value for `--idle-timeout` that is not a positive number of seconds.
    bad_seconds(text: &str) =>
        "`{text}` is not a number of seconds above 0, such as 60 or 0.5",
        "`{text}` 不是大于 0 的秒数，例如 60 或 0.5";

    // What every ladder server prints.
    /// The limits, once the server listens.
    serving(max_connections: usize, max_line: usize, idle: &str) =>
        "serving up to {max_connections} clients at once, lines up to {max_line} bytes, idle timeout {idle} s; press Enter to stop the server",
        "最多同时服务 {max_connections} 个客户端，每行最多 {max_line} 字节，空闲超时 {idle} 秒；按回车键停止服务端";
    /// The server stops on Enter or at the end of stdin.
    stopping() =>
        "Enter pressed or stdin closed: stopping the server; the operating system closes every connection",
        "按下了回车键或标准输入已关闭：停止服务端；操作系统会关闭所有连接";
    /// One line from a client, decoded.
    received_line(peer: SocketAddr, shown: &str) =>
        "received from {peer}: {shown}",
        "收到 {peer} 的消息：{shown}";
    /// A client's `exit`.
    client_exit(peer: SocketAddr) =>
        "{peer} sent exit: closing its connection, the others go on",
        "{peer} 发送了 exit：关闭它的连接，其他客户端不受影响";
    /// A client closed.
    client_closed(peer: SocketAddr) =>
        "{peer} closed the connection",
        "{peer} 关闭了连接";
    /// A client reset.
    client_reset(peer: SocketAddr) =>
        "{peer} reset the connection",
        "{peer} 重置了连接";
    /// A client was silent too long.
    client_idle(peer: SocketAddr, idle: &str) =>
        "{peer} sent nothing for {idle} s: closing its connection",
        "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接";
    /// A client sent a line over the limit.
    client_line_too_long(peer: SocketAddr, limit: usize) =>
        "{peer} sent a line longer than {limit} bytes: refused it and dropped the rest of the line",
        "{peer} 发送了超过 {limit} 字节的一行：已拒绝，并丢弃这一行的其余部分";
    /// A client's connection is closed; `active` are still connected.
    closed(peer: SocketAddr, active: usize) =>
        "closed the connection to {peer}; clients connected now: {active}",
        "已关闭与 {peer} 的连接；当前在线的客户端：{active} 个";
    /// A client was refused because the server is full.
    refused_full(peer: SocketAddr, max: usize) =>
        "refused {peer}: {max} clients are connected already (--max-connections)",
        "拒绝了 {peer}：已经有 {max} 个客户端在线（--max-connections）";
    /// A session ended with an error; the server goes on.
    session_failed(peer: SocketAddr, error: &str) =>
        "warning: the session with {peer} ended with an error, the server goes on: {error}",
        "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}";
    /// accept(2) failed for a reason that may pass (too many open files).
    accept_failed(error: &str, millis: u128) =>
        "warning: {error}; the server goes on and tries again in {millis} ms",
        "警告：{error}；服务端继续运行，{millis} 毫秒后重试";
    /// No thread could be started for a client.
    thread_failed(peer: SocketAddr, error: &str) =>
        "warning: could not start a thread for {peer}, closing its connection: {error}",
        "警告：无法为 {peer} 启动线程，关闭它的连接：{error}";
    /// The limit of open files is lower than the limit of connections.
    fd_limit_caps(max: usize, limit: u64, capped: usize) =>
        "warning: --max-connections {max} needs as many open files, but this process may open only {limit}: serving up to {capped} clients",
        "警告：--max-connections {max} 需要同样多的打开文件，但本进程最多只能打开 {limit} 个：最多服务 {capped} 个客户端";

    // What a ladder server sends to a client: one line, then `\n`.
    /// The server is full.
    wire_full(max: usize) =>
        "error: the server is full ({max} clients): try again later",
        "错误：服务端已满（{max} 个客户端）：请稍后再试";
    /// The line was too long.
    wire_line_too_long(limit: usize) =>
        "error: line longer than {limit} bytes: refused, the rest of it dropped",
        "错误：这一行超过了 {limit} 字节：已拒绝，其余部分被丢弃";
    /// The client was silent too long.
    wire_idle(idle: &str) =>
        "error: nothing received for {idle} s: closing the connection",
        "错误：{idle} 秒内没有收到任何数据：关闭连接";

    // Step 8: threads.
    /// A thread starts for a client.
    thread_started(peer: SocketAddr, threads: usize) =>
        "started a thread for {peer}; client threads running: {threads}",
        "为 {peer} 启动了一个线程；正在运行的客户端线程：{threads} 个";

    // Step 9: a pool.
    /// The pool starts.
    pool_started(workers: usize, queue: usize) =>
        "started {workers} worker threads; up to {queue} more clients wait in the queue",
        "已启动 {workers} 个工作线程；队列里最多还能有 {queue} 个客户端等待";
    /// A worker has ended a session and takes the next.
    worker_free(worker: usize, peer: SocketAddr) =>
        "worker {worker} closed the connection to {peer} and takes the next client",
        "工作线程 {worker} 关闭了与 {peer} 的连接，接着服务下一个客户端";
    /// The pool could not start, or every worker has ended.
    pool_failed() =>
        "could not run the pool of worker threads",
        "无法运行工作线程池";
    /// A connection goes into the queue.
    queued(peer: SocketAddr) =>
        "queued {peer} for the next free worker",
        "{peer} 已进入队列，等待空闲的工作线程";
    /// A worker takes a connection.
    worker_serves(worker: usize, peer: SocketAddr) =>
        "worker {worker} serves {peer}",
        "工作线程 {worker} 开始服务 {peer}";
    /// The queue is full.
    refused_queue_full(peer: SocketAddr) =>
        "refused {peer}: every worker is busy and the queue is full (--workers, --queue)",
        "拒绝了 {peer}：所有工作线程都在忙，队列也满了（--workers、--queue）";
}

// The messages of the examples behind a feature are compiled with it only: a student's
// first build (`cargo build --example step1_create`) compiles none of them.

/// Step 10's messages (feature `nonblocking`).
#[cfg(feature = "nonblocking")]
mod nonblocking {
    use std::net::SocketAddr;

    messages! {
        // Step 10: non-blocking.
        /// A connection is registered with the poll.
        registered(peer: SocketAddr, token: usize) =>
            "registered {peer} with the poll as token {token}",
            "已把 {peer} 注册到 poll，令牌（token）为 {token}";

        /// The poll (epoll, kqueue, IOCP) failed.
        poll_failed() =>
            "could not watch the sockets for readiness (poll)",
            "无法监视 socket 的就绪状态（poll）";
    }
}
#[cfg(feature = "nonblocking")]
pub use nonblocking::*;

/// The messages of step 11 and the chat server (feature `async`).
#[cfg(feature = "async")]
mod tasks {
    use std::net::SocketAddr;

    messages! {
        // Step 11: async.
        /// A task starts for a client.
        task_spawned(peer: SocketAddr) =>
            "spawned a task for {peer}",
            "为 {peer} 创建了一个任务";

        // The chat server.
        /// Help for `--max-name`.
        help_max_name() =>
            "the longest name, in characters",
            "名字最多的字符数";
        /// Sent to a new client.
        wire_ask_name() =>
            "welcome to the chat: type your name and press Enter",
            "欢迎来到聊天室：请输入你的名字，然后按回车";
        /// Sent to a client whose name is taken.
        wire_name_taken(name: &str) =>
            "error: the name `{name}` is taken: choose another",
            "错误：名字 `{name}` 已经有人用了：请换一个";
        /// Sent to a client whose name is empty, too long or has control characters.
        wire_bad_name(max: usize) =>
            "error: a name has 1 to {max} characters, with no control characters: choose another",
            "错误：名字要有 1 到 {max} 个字符，且不能包含控制字符：请换一个";
        /// Sent to a client that has joined.
        wire_welcome(name: &str, members: usize) =>
            "hello {name}: {members} in the chat, you included; each line you send goes to all the others, exit leaves",
            "你好，{name}：聊天室里有 {members} 人（包括你）；你发送的每一行都会转给其他所有人，输入 exit 离开";
        /// Sent to the others when a client joins.
        wire_joined(name: &str) => "* {name} joined", "* {name} 加入了聊天";
        /// Sent to the others when a client leaves.
        wire_left(name: &str) => "* {name} left", "* {name} 离开了聊天";
        /// Sent to a client that read too slowly.
        wire_missed(count: u64) =>
            "error: you read too slowly and missed {count} messages",
            "错误：你读取得太慢，错过了 {count} 条消息";
        /// A client has joined.
        joined(peer: SocketAddr, name: &str, members: usize) =>
            "{peer} joined as `{name}` ({members} in the chat)",
            "{peer} 以 `{name}` 的名字加入了聊天（聊天室里有 {members} 人）";
        /// A chat line, decoded.
        said(name: &str, shown: &str) => "{name} says: {shown}", "{name} 说：{shown}";
        /// A client has left.
        left(name: &str, members: usize) =>
            "`{name}` left ({members} in the chat)",
            "`{name}` 离开了（聊天室里有 {members} 人）";
        /// A client missed messages.
        missed(name: &str, count: u64) =>
            "`{name}` reads too slowly and missed {count} messages",
            "`{name}` 读取得太慢，错过了 {count} 条消息";
    }
}
#[cfg(feature = "async")]
pub use tasks::*;

/// The messages of loadgen and the benchmark (feature `loadgen`).
#[cfg(feature = "loadgen")]
mod tools {
    use std::net::SocketAddr;

    messages! {
        // The load generator.
        /// Help for `--connections`.
        help_connections() =>
            "how many clients connect at once",
            "同时连接的客户端数量";
        /// Help for `--messages`.
        help_messages() =>
            "how many lines each client sends, one at a time, each waiting for its echo",
            "每个客户端发送多少行，一次一行，每行都等待回显";
        /// Help for `--size`.
        help_size() =>
            "the size of each line in bytes, its newline included",
            "每一行的字节数，包括换行符";
        /// Help for `--timeout`.
        help_timeout() =>
            "seconds to wait for a connection or an echo before counting it as failed",
            "等待连接或回显的秒数，超时则算作失败";
        /// Help for `--wait`.
        help_wait() =>
            "once every client is connected, wait for Enter before sending (to look at the server: ss -tan, its memory)",
            "所有客户端连上之后，等按下回车键再开始发送（方便观察服务端：ss -tan、内存占用）";
        /// Help for `--summary`.
        help_summary() =>
            "also print one machine-readable line, `summary key=value ...` (the benchmark reads it)",
            "另外打印一行便于程序读取的结果 `summary key=value ...`（性能测试会读取它）";
        /// Help for `--threads`.
        help_threads() =>
            "runtime threads for loadgen itself; 1 leaves the other cores to the server on the same machine",
            "loadgen 自己使用的运行时线程数；1 表示把其余的 CPU 核心留给同一台机器上的服务端";
        /// The tokio runtime could not start, or a task of it failed.
        runtime_failed() => "the async runtime failed", "异步运行时出错";
        /// Before connecting.
        loadgen_start(connections: usize, messages: usize, size: usize, addr: SocketAddr) =>
            "loadgen: {connections} clients, {messages} lines of {size} bytes each, to {addr}",
            "loadgen：{connections} 个客户端，每个发送 {messages} 行、每行 {size} 字节，目标 {addr}";
        /// Too many connections for the open files limit.
        loadgen_fd_limit(connections: usize, limit: u64) =>
            "{connections} connections need as many open files, but this process may open only {limit}: raise the limit (ulimit -n) or ask for fewer connections",
            "{connections} 个连接需要同样多的打开文件，但本进程最多只能打开 {limit} 个：请提高上限（ulimit -n）或减少连接数";
        /// Every client has connected, or failed to.
        loadgen_open(made: usize, failed: usize) =>
            "open: {made} connections ({failed} failed)",
            "open: 已建立 {made} 个连接（{failed} 个失败）";
        /// Waiting for Enter (`--wait`).
        loadgen_press_enter() =>
            "press Enter to send the messages",
            "按回车键开始发送消息";
        /// Progress bar: connecting.
        loadgen_connecting() => "connecting", "连接中";
        /// Progress bar: sending.
        loadgen_sending() => "echoes", "回显";
        /// Report: connections.
        report_connections(made: usize, failed: usize, ended: usize) =>
            "connections: {made} made, {failed} failed to connect, {ended} ended before all their echoes",
            "连接：成功 {made} 个，连接失败 {failed} 个，未收完回显就结束的 {ended} 个";
        /// Report: throughput.
        report_throughput(messages: u64, seconds: f64, per_second: f64, mb_per_second: f64) =>
            "messages: {messages} echoed in {seconds:.3} s: {per_second:.0} messages/s, {mb_per_second:.2} MB/s each way",
            "消息：{seconds:.3} 秒内回显了 {messages} 条：每秒 {per_second:.0} 条，每个方向 {mb_per_second:.2} MB/s";
        /// Report: latency.
        report_latency(p50: &str, p99: &str, max: &str) =>
            "latency of one echo: p50 {p50}, p99 {p99}, max {max}",
            "单次回显延迟：p50 {p50}，p99 {p99}，最大 {max}";
        /// Report: no echo at all.
        report_no_latency() => "latency: no echo came back", "延迟：没有收到任何回显";
        /// Report: the first errors, by kind.
        report_error(count: usize, error: &str) =>
            "  {count} × {error}",
            "  {count} × {error}";
        /// An echo that was not the line sent.
        wrong_echo(shown: &str) =>
            "the server answered {shown} instead of the echo",
            "服务端回复了 {shown}，而不是回显";
        /// The server closed before every echo.
        ended_early() =>
            "the server closed the connection before every echo came back",
            "服务端在回显全部返回之前关闭了连接";
        /// A step took too long.
        timed_out(seconds: &str) =>
            "no answer within {seconds} s",
            "{seconds} 秒内没有回应";

        // The benchmark.
        /// Help for `--quick`.
        help_quick() =>
            "a tenth of the messages at each level, to try the benchmark quickly",
            "每一档只发送十分之一的消息，用来快速试跑性能测试";
        /// socat is missing.
        bench_install_socat() =>
            "socat not found: its rows are skipped; install it with `apt-get install -y socat` (Debian, Ubuntu) or `brew install socat` (macOS)",
            "没有找到 socat：跳过它的测试；安装方法：`apt-get install -y socat`（Debian、Ubuntu）或 `brew install socat`（macOS）";
        /// python3 is missing.
        bench_install_python() =>
            "python3 not found: the Python servers are skipped; install Python 3 (`apt-get install -y python3`, or python.org)",
            "没有找到 python3：跳过 Python 服务端的测试；请安装 Python 3（`apt-get install -y python3`，或从 python.org 下载）";
        /// Building in release mode.
        bench_building() =>
            "building loadgen and the ladder's servers in release mode",
            "正在以 release 模式编译 loadgen 和阶梯中的服务端";
        /// A build failed.
        bench_build_failed(example: &str) =>
            "could not build `{example}`",
            "无法编译 `{example}`";
        /// A program did not start.
        bench_start_failed(name: &str) =>
            "could not start `{name}`",
            "无法启动 `{name}`";
        /// An awaited line did not come.
        bench_no_line(seconds: u64) =>
            "no answer within {seconds} s",
            "{seconds} 秒内没有回应";
        /// A program ended before the awaited line.
        bench_ended() =>
            "the program ended first (see its --help, or run it by hand)",
            "程序先结束了（请查看它的 --help，或者手动运行它）";
        /// One run starts.
        bench_running(name: &str, clients: usize, messages: usize) =>
            "{name}: {clients} clients, {messages} lines each",
            "{name}：{clients} 个客户端，每个 {messages} 行";
        /// A flood starts.
        bench_flooding(name: &str) =>
            "{name}: 100 MB without a newline",
            "{name}：不带换行符的 100 MB 数据";
        /// The machine.
        bench_machine(cores: usize, kernel: &str) =>
            "machine: {cores} cores, {kernel}; servers and loadgen on the same machine, over 127.0.0.1",
            "机器：{cores} 个核心，{kernel}；服务端和 loadgen 在同一台机器上，通过 127.0.0.1 通信";
        /// The tools and the load.
        bench_tools(socat: &str, python: &str, size: usize) =>
            "peers: {socat}; {python}; lines of {size} bytes, each client waits for each echo before the next line",
            "对比对象：{socat}；{python}；每行 {size} 字节，每个客户端收到上一行的回显后才发送下一行";
        /// `--quick` was given.
        bench_quick_note() =>
            "--quick: a tenth of the messages; the numbers are rougher",
            "--quick：只发送十分之一的消息；数字更粗略";
        /// The main table's header.
        bench_header() =>
            "server | clients | connected | messages/s | vs best peer | MB/s | p99 ms | vs best peer | max ms | peak RSS MiB | vs best peer | KiB per idle connection",
            "服务端 | 客户端数 | 已连接 | 每秒消息数 | 与最佳对比对象之比 | MB/s | p99 毫秒 | 与最佳对比对象之比 | 最大毫秒 | 峰值 RSS MiB | 与最佳对比对象之比 | 每个空闲连接 KiB";
        /// The flood table's header.
        bench_flood_header() =>
            "server | answers after 100 MB without a newline | RSS before, MiB | peak RSS, MiB",
            "服务端 | 收到不带换行符的 100 MB 之后是否还能应答 | 之前的 RSS，MiB | 峰值 RSS，MiB";
        /// A run failed.
        bench_failed(error: &str) => "failed: {error}", "失败：{error}";
        /// Yes.
        bench_yes() => "yes", "是";
        /// No.
        bench_no() => "no", "否";
    }
}
#[cfg(feature = "loadgen")]
pub use tools::*;
