//! The words of the checks: what a check expected, what it found, what it did.

use std::net::SocketAddr;
use std::time::Duration;

use socket_workbook::messages;

messages! {
    // The parts of a failure.
    /// Before what was expected.
    label_expected() => "expected", "预期";
    /// Before what happened instead.
    label_found() => "found", "实际";
    /// Before the list of what the test did.
    label_did() => "what the check did", "检查过程";
    /// Before the program's stdout.
    label_stdout() => "what the program printed (stdout)", "程序的标准输出（stdout）";
    /// Before the program's stderr.
    label_stderr() => "its errors and warnings (stderr)", "程序的错误和警告（stderr）";
    /// An empty output.
    nothing() => "nothing", "（无）";

    // What the check did.
    /// Starting the program.
    did_start(command: &str) => "started `{command}`", "启动了 `{command}`";
    /// Connecting.
    did_connect(addr: SocketAddr, local: SocketAddr) =>
        "connected to {addr} from {local}",
        "从 {local} 连接到 {addr}";
    /// Sending bytes.
    did_send(shown: &str) => "sent {shown}", "发送了 {shown}";
    /// Reading a line.
    did_read(shown: &str) => "read the reply {shown}", "读到回复 {shown}";
    /// Reading to the end of the stream.
    did_read_to_end(shown: &str) =>
        "read {shown} and then the end of the stream",
        "读到 {shown}，然后是数据流结束";
    /// Typing on stdin.
    did_type(line: &str) => "typed `{line}` and Enter on stdin", "在标准输入中输入 `{line}` 并按回车";
    /// Closing stdin.
    did_close_stdin() => "closed stdin (Ctrl+D)", "关闭了标准输入（Ctrl+D）";
    /// Closing the client's sending side.
    did_shutdown_write() =>
        "closed the client's sending side (shutdown)",
        "关闭了客户端的发送方向（shutdown）";
    /// Closing the connection.
    did_close() => "closed the connection", "关闭了连接";
    /// One read.
    did_recv(size: usize, shown: &str) => "read once (recv({size})): {shown}", "读取一次（recv({size})）：{shown}";
    /// A netAssist-like client clicked 发送.
    did_click(shown: &str) =>
        "clicked 发送 in netAssist: one write of {shown}",
        "在 netAssist 中点击 发送：一次写入 {shown}";
    /// A netAssist-like client stopped without a FIN (断开 on Linux).
    did_go_silent() =>
        "stopped without closing: no FIN, as netAssist's 断开 on Linux",
        "停止收发但不关闭：不发送 FIN，就像 Linux 上 netAssist 的 断开";
    /// A pause that a check cannot avoid.
    did_wait(why: &str) => "waited: {why}", "等待：{why}";
    /// Resetting the connection.
    did_reset() =>
        "reset the connection (RST), as a crashing client does",
        "重置了连接（RST），就像客户端程序崩溃时那样";

    // What a check expected.
    /// The program starts at all.
    expect_started() => "the program to start", "程序正常启动";
    /// The readiness line.
    expect_readiness() =>
        "a first line `listening on <ip:port>` once the server listens",
        "服务端开始监听后，第一行输出 `listening on <ip:port>`";
    /// The readiness line, with the address the program was given.
    expect_listening_on(given: &str) =>
        "a first line `listening on <ip:port>` that shows the address the program was given, `{given}`",
        "第一行输出 `listening on <ip:port>`，其中的地址就是传给程序的地址 `{given}`";
    /// A stdout line.
    expect_line_containing(needle: &str) =>
        "a line containing `{needle}`",
        "一行包含 `{needle}` 的输出";
    /// The program ends.
    expect_end_within(limit: Duration) =>
        "the program to end within {limit:?}",
        "程序在 {limit:?} 内结束";
    /// Exit status `code`.
    exit_code(code: i32) => "exit status {code}", "退出码 {code}";
    /// Killed by a signal.
    killed(how: &str) => "ended by {how}", "被信号终止（{how}）";
    /// Text on stdout.
    expect_stdout_has(needle: &str) =>
        "stdout to contain `{needle}`",
        "标准输出中包含 `{needle}`";
    /// Text absent from stdout.
    expect_stdout_lacks(needle: &str) =>
        "stdout not to contain `{needle}`",
        "标准输出中不包含 `{needle}`";
    /// Text on stderr.
    expect_stderr_has(needle: &str) =>
        "stderr to contain `{needle}`",
        "标准错误中包含 `{needle}`";
    /// Text absent from stderr.
    expect_stderr_lacks(needle: &str) =>
        "stderr not to contain `{needle}`",
        "标准错误中不包含 `{needle}`";
    /// Nothing on stderr.
    expect_stderr_empty() =>
        "nothing on stderr (no error, no warning)",
        "标准错误没有任何输出（既没有错误，也没有警告）";
    /// A connection.
    expect_connect(addr: SocketAddr) =>
        "to connect to {addr}",
        "能够连接到 {addr}";
    /// A prompt on stdout.
    expect_prompt(prompt: &str) =>
        "the prompt `{prompt}` on stdout (no line ending after it)",
        "标准输出中出现提示 `{prompt}`（后面没有换行）";
    /// One read.
    expect_recv() => "to read once from the server", "能够从服务端读取一次";
    /// What netAssist can show.
    expect_utf8_read() =>
        "each read to be UTF-8 on its own, as netAssist decodes it (else its 解码错误 box)",
        "每次读取到的字节单独都是有效的 UTF-8，netAssist 就是这样解码的（否则会弹出 解码错误）";
    /// Sending.
    expect_send() => "to send the bytes", "能够发送数据";
    /// A reply line.
    expect_reply_line() =>
        "a reply line from the server (ending in \\n)",
        "服务端回复一行（以 \\n 结尾）";
    /// End of stream.
    expect_end_of_stream() =>
        "the end of the stream (the server closes its side) and nothing before it",
        "数据流结束（服务端关闭了它那一端），在此之前没有别的数据";
    /// Shutdown.
    expect_shutdown() => "to close the client's sending side", "能够关闭客户端的发送方向";
    /// Reset.
    expect_reset() => "to reset the connection", "能够重置连接";
    /// Each character printed whole.
    expect_whole_text(text: &str) =>
        "the received text, joined, to be exactly {text}",
        "收到的文本拼接后恰好是 {text}";

    // What a check found instead.
    /// An error.
    found_error(error: &str) => "error: {error}", "错误：{error}";
    /// Silence.
    found_nothing_within(limit: Duration) =>
        "no such line within {limit:?}",
        "{limit:?} 内没有出现这样的一行";
    /// The program ended early.
    found_ended(status: &str) =>
        "the program ended first, with {status}",
        "程序提前结束了，{status}";
    /// stdout closed but the program runs on.
    found_stdout_closed() =>
        "the program closed its stdout",
        "程序关闭了它的标准输出";
    /// Still running.
    found_still_running() =>
        "it was still running (it was stopped)",
        "程序仍在运行（已将它强制结束）";
    /// See the output below.
    found_see_output() => "see the output below", "见下方的输出";
    /// End of stream too early.
    found_end_of_stream_after(shown: &str) =>
        "the end of the stream after {shown}",
        "在 {shown} 之后数据流就结束了";
    /// A read error.
    found_read_error(shown: &str, error: &str) =>
        "after {shown}: {error}",
        "读到 {shown} 之后出错：{error}";
    /// Silence on a connection: a read that timed out.
    found_silence_within(shown: &str, limit: Duration) =>
        "nothing more within {limit:?} after {shown}",
        "在 {shown} 之后 {limit:?} 内没有再收到任何数据";
    /// The readiness line shows an address other than the one the program was given.
    found_other_address(given: &str, shown: SocketAddr) =>
        "it listens on `{shown}`, not on `{given}`, the address it was given as its first argument: take the address from the arguments (args.addr), never a hard-coded one",
        "它监听的是 `{shown}`，而不是作为第一个参数传给它的地址 `{given}`：请使用参数中的地址（args.addr），不要把地址写死在代码里";
    /// The readiness line shows every interface.
    found_every_interface(given: &str, shown: SocketAddr) =>
        "it listens on `{shown}`, every network interface, where any machine on the network can reach it; it was given `{given}`: bind the address it is given",
        "它监听的是 `{shown}`，也就是所有网络接口，网络中的任何机器都能连上它；传给它的地址是 `{given}`：请绑定传入的地址";
    /// The check's own time budget ran out.
    found_over_budget(limit: Duration) =>
        "the check did not finish within its budget of {limit:?} (the program was stopped)",
        "检查没有在 {limit:?} 的时限内完成（已将程序强制结束）";
    /// Output that was too long, cut in the middle.
    dropped_bytes(count: usize) =>
        "[… {count} bytes left out …]",
        "[……省略了 {count} 字节……]";
    /// The text that arrived instead.
    found_text(text: &str) => "{text}", "{text}";

    // OS errors in plain words, by their kind (never the system's own text, which
    // differs between Linux, macOS and Windows, and says `os error 11`).
    /// ConnectionReset.
    os_reset() =>
        "the connection was reset (RST): the server closed it with bytes still unread, or it crashed",
        "连接被重置（RST）：服务端在还有数据没读的时候关闭了连接，或者程序崩溃了";
    /// ConnectionRefused.
    os_refused() =>
        "the connection was refused: nothing listens on that address (the server has ended, or never listened)",
        "连接被拒绝：这个地址上没有程序在监听（服务端已经结束，或者从来没有开始监听）";
    /// ConnectionAborted.
    os_aborted() => "the connection was aborted", "连接被中止";
    /// BrokenPipe.
    os_broken_pipe() =>
        "the other side has closed the connection: nothing more can be sent",
        "对方已经关闭了连接：不能再发送数据";
    /// NotConnected.
    os_not_connected() => "the socket is not connected", "socket 没有连接";
    /// WouldBlock or TimedOut.
    os_timed_out() => "nothing arrived in time", "在时限内什么也没有收到";
    /// AddrInUse.
    os_in_use() => "the address is already in use", "地址已被占用";
    /// Any other kind.
    os_other(kind: &str, error: &str) => "{kind} ({error})", "{kind}（{error}）";

    // Diagnoses of what a program did.
    /// The same line printed again and again: the output folded, and the likely cause.
    found_repeated(line: &str, count: usize) =>
        "the program printed `{line}` at least {count} times in a row: a loop that never stops. A read that returns 0 bytes means the client closed the connection: end the loop there (break) instead of reading again",
        "程序至少连续 {count} 次打印了 `{line}`：这是一个停不下来的循环。读取返回 0 字节表示客户端已经关闭了连接：此时应该结束循环（break），而不是继续读取";
    /// A program stopped for keeping the CPU busy with nothing to do.
    found_spinning(ms: u128) =>
        "the program kept the CPU busy for {ms} ms without waiting for anything (it was stopped): a loop that never stops. A read that returns 0 bytes means the client closed the connection: end the loop there (break) instead of reading again; and when stdin has ended (read_line returns Ok(0), the library returns None), stop asking for input",
        "程序在 {ms} 毫秒里一直占用 CPU，没有等待任何东西（已被终止）：这是一个停不下来的循环。读取返回 0 字节表示客户端已经关闭了连接：此时应该结束循环（break），而不是继续读取；标准输入结束后（read_line 返回 Ok(0)，库函数返回 None），也不要再等待输入";
    /// A program stopped for printing without end.
    found_flooding(mib: usize) =>
        "the program printed more than {mib} MiB (it was stopped): a loop that never stops. A read that returns 0 bytes means the client closed the connection: end the loop there (break) instead of reading again; and when stdin has ended (read_line returns Ok(0), the library returns None), stop asking for input",
        "程序输出了超过 {mib} MiB 的内容（已被终止）：这是一个停不下来的循环。读取返回 0 字节表示客户端已经关闭了连接：此时应该结束循环（break），而不是继续读取；标准输入结束后（read_line 返回 Ok(0)，库函数返回 None），也不要再等待输入";
    /// What a program stopped for spinning should have done.
    expect_no_spin() =>
        "the program to wait for the check (a read, an accept, a line typed), not to spin",
        "程序应该等待（读取、accept、输入的一行），而不是空转";
    /// A folded run of lines.
    folded(count: usize) => "… {count} more times", "……又重复了 {count} 次";
    /// A prompt that never showed: print! without flush.
    found_prompt_not_flushed() =>
        "no prompt appeared after the message was printed, yet the program read the reply once it was typed: flush stdout after `print!` (std::io::stdout().flush()), or the prompt stays in the buffer until the next line",
        "收到消息后没有出现提示，但输入回复后程序照样读取了：`print!` 之后要刷新标准输出（std::io::stdout().flush()），否则提示会一直留在缓冲区里，直到下一行输出";

    // The facts a program's output must carry, whatever its words.
    /// The socket's facts, step 1.
    expect_socket_facts() =>
        "exit status 0 and the output to show the socket's family (IPv4 or AF_INET), its type (stream or TCP) and its handle (a number)",
        "退出码 0，并且输出中给出 socket 的地址族（IPv4 或 AF_INET）、类型（stream 或 TCP）和句柄（一个数字）";
    /// The bound address, step 2.
    expect_bound_addr() =>
        "the output to show the address the socket is bound to: 127.0.0.1 and the real port the system chose (not 0)",
        "输出中给出 socket 绑定的地址：127.0.0.1 和系统实际选择的端口（不是 0）";
    /// An address in use, step 2.
    expect_in_use(addr: &str) =>
        "exit status 1, and on stderr one message that names `{addr}` and says it is in use; no panic",
        "退出码 1，标准错误中有一条消息，指出 `{addr}` 已被占用；不能 panic";
    /// A number in the output.
    expect_number_shown(n: u64) =>
        "the output to show the number {n}",
        "输出中出现数字 {n}";
    /// The client's address.
    expect_client_addr(addr: SocketAddr) =>
        "a line that shows the client's address, {addr} (its IP and the port its system chose)",
        "一行输出给出客户端的地址 {addr}（它的 IP 和它的系统选择的端口）";
    /// A message as received.
    expect_message_shown(shown: &str) =>
        "a line that shows the message as it was received: {shown}",
        "一行输出给出收到的消息：{shown}";
    /// A message and its size.
    expect_message_and_count(shown: &str, n: usize) =>
        "a line that shows the message as it was received, {shown}, and its size, {n} bytes",
        "一行输出给出收到的消息 {shown} 和它的字节数 {n}";
    /// A read's size, for a read whose text is empty (a character cut short).
    expect_count_shown(n: usize) =>
        "a line that shows the read of {n} bytes",
        "一行输出给出这次读取到的 {n} 个字节";
    /// The program still runs.
    expect_still_running(why: &str) =>
        "the program to be still running: {why}",
        "程序仍在运行：{why}";
    /// The server waits for the client's FIN.
    why_waits_for_fin() =>
        "after its own FIN (shutdown(Shutdown::Write)) the server waits for the client's side to close, reading until 0 bytes",
        "服务端发出自己的 FIN（shutdown(Shutdown::Write)）之后，要等客户端关闭它那一端：一直读到 0 字节";
    /// Step 3 waits for Enter.
    why_waits_for_enter() =>
        "it listens until Enter is pressed (or stdin ends)",
        "它要一直监听，直到按下回车（或者标准输入结束）";
    /// A session that must go on.
    why_only_exit_ends() =>
        "only the message `exit` ends the session, not a message that contains the word",
        "只有消息 `exit` 本身才结束会话，包含这个单词的消息不算";
    /// It ended at once.
    found_ended_at_once() =>
        "it had ended already: it closed without waiting for the client to close its side",
        "它已经结束了：它没有等客户端关闭那一端就关闭了连接";
    /// It ended on a message that only contains exit.
    found_ended_on(shown: &str) =>
        "it ended the session on {shown}, which is not `exit` (compare the whole message, not `contains`)",
        "它在收到 {shown} 时结束了会话，而这条消息并不是 `exit`（要比较整条消息，不要用 `contains`）";
    /// Characters shown whole.
    expect_characters_whole(count: usize, character: &str) =>
        "all {count} characters `{character}` shown whole: no U+FFFD (�) and no \\xNN",
        "全部 {count} 个 `{character}` 字符都完整显示：没有 U+FFFD（�），也没有 \\xNN";
    /// A reply prompt.
    expect_prompt_shown() =>
        "a prompt for the reply on stdout once the message is printed (before anything is typed)",
        "打印出消息之后、输入回复之前，标准输出中出现回复提示";
    /// The notice to a waiting client.
    expect_notice_line() =>
        "a line of notice from the server, then the end of the stream",
        "服务端发来一行通知，然后数据流结束";
}

/// An I/O error in plain words, by its kind.
pub fn plain_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::ConnectionReset => os_reset(),
        ErrorKind::ConnectionRefused => os_refused(),
        ErrorKind::ConnectionAborted => os_aborted(),
        ErrorKind::BrokenPipe => os_broken_pipe(),
        ErrorKind::NotConnected => os_not_connected(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut => os_timed_out(),
        ErrorKind::AddrInUse => os_in_use(),
        kind => os_other(&format!("{kind:?}"), &error.to_string()),
    }
}
