//! What the concurrency ladder (steps 8 to 11, the chat server), the load generator
//! and the benchmark share, in English and in Chinese: their `--help` lines and flags,
//! their errors, and the lines several servers send to a client.
//!
//! What a program narrates is not here: each one prints its own words, at the line
//! that prints them (`say!`). Lines that start with `error: ` (`错误：`) are sent to a
//! client: they tell it why the server refused it, or a line of it.

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
        "seconds a client may take to send its next whole line, silent or trickling bytes, before the server closes its connection (0.001 to 86400, fractions allowed, such as 0.5)",
        "客户端发送下一整行最多可用的秒数（无论是沉默还是一点点地发字节），超过后服务端会关闭它的连接（0.001 到 86400，可以是小数，比如 0.5）";
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
        "`{text}` is not a number of seconds from 0.001 to 86400, such as 60 or 0.5",
        "`{text}` 不是 0.001 到 86400 之间的秒数，例如 60 或 0.5";

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
    /// The client sent part of a line, and not the rest in time (a trickle).
    wire_no_whole_line(idle: &str) =>
        "error: no whole line within {idle} s: closing the connection",
        "错误：{idle} 秒内没有收到完整的一行：关闭连接";

    // Step 9: a pool.
    /// The pool could not start, or every worker has ended.
    pool_failed() =>
        "could not run the pool of worker threads",
        "无法运行工作线程池";
}

// The texts of the examples behind a feature are compiled with it only: a student's
// first build (`cargo build --example step1_create`) compiles none of them.

/// Step 10's error (feature `nonblocking`).
#[cfg(feature = "nonblocking")]
pub(crate) mod nonblocking {
    messages! {
        // Step 10: non-blocking.
        /// The poll (epoll, kqueue, IOCP) failed.
        poll_failed() =>
            "could not watch the sockets for readiness (poll)",
            "无法监视 socket 的就绪状态（poll）";
    }
}
#[cfg(feature = "nonblocking")]
pub use nonblocking::*;

/// The chat server's flag (feature `async`).
#[cfg(feature = "async")]
pub(crate) mod tasks {
    messages! {
        // The chat server.
        /// Help for `--max-name`.
        help_max_name() =>
            "the longest name, in characters",
            "名字最多的字符数";
    }
}
#[cfg(feature = "async")]
pub use tasks::*;

/// The flags and errors of loadgen and the benchmark (feature `loadgen`).
#[cfg(feature = "loadgen")]
pub(crate) mod tools {
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
        /// Too many connections for the open files limit.
        loadgen_fd_limit(connections: usize, limit: u64) =>
            "{connections} connections need as many open files, but this process may open only {limit}: raise the limit (ulimit -n) or ask for fewer connections",
            "{connections} 个连接需要同样多的打开文件，但本进程最多只能打开 {limit} 个：请提高上限（ulimit -n）或减少连接数";
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
    }
}
#[cfg(feature = "loadgen")]
pub use tools::*;
