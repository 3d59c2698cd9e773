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
    /// The program's own address is a real port.
    expect_real_port() =>
        "the real port the system chose, not 0",
        "系统实际选择的端口，而不是 0";
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
}
