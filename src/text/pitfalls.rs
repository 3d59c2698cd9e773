//! The messages of the pitfalls lab (`examples/pitfall_*.rs`), in English and Chinese,
//! and the warning a server prints when it is given `0.0.0.0`.
//!
//! Each demo prints what happened in plain words. Lines that a test reads keep a fixed
//! shape in English: `send() took 6144 of the 1048576 bytes`, `median 40.12 ms`.

use std::net::{Ipv4Addr, SocketAddr};

use super::plural;
use crate::lang::{self, Lang};

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

    // pitfall_byte_stream.
    /// The client's writes are done.
    bs_client_wrote(writes: usize, bytes: usize) =>
        "the client wrote {writes} messages with {writes} write calls, {bytes} bytes in all, before the server's first read",
        "在服务端第一次读取之前，客户端已经用 {writes} 次 write 调用写出了 {writes} 条消息，共 {bytes} 字节";
    /// A read that is not `exit`.
    bs_not_exit() =>
        "that read is not `exit`, so the lesson's loop reads again",
        "这次读到的不是 `exit`，所以课程里的循环会接着读";
    /// The lesson's server would wait forever.
    bs_waits_forever(ms: u128) =>
        "nothing more arrives within {ms} ms, and no read was `exit`: the `exit` came glued to the other words, so the lesson's server would wait here forever; this demo stops",
        "{ms} 毫秒内没有再收到数据，也没有哪次读到的正好是 `exit`：`exit` 和前面的词粘在了一起，课程里的服务端会在这里永远等下去；本演示到此停止";
    /// One message, cut out at its `\n`.
    bs_message(shown: &str) => "message: {shown}", "消息：{shown}";
    /// The message `exit`.
    bs_exit() => "the message is `exit`: the server stops", "这条消息是 `exit`：服务端随即停止";

    // pitfall_split_utf8.
    /// The client's one write.
    su_client_wrote(bytes: usize, tail: &str) =>
        "the client wrote one message of {bytes} bytes in one write call; it ends in {tail}",
        "客户端用一次 write 调用写出了一条 {bytes} 字节的消息，结尾是 {tail}";
    /// One read, shown by its end.
    su_read(bytes: usize, tail: &str) =>
        "received {bytes} bytes, ending in {tail}",
        "收到 {bytes} 字节，结尾是 {tail}";
    /// Decoding a read that ends inside a character.
    su_cut_at_end(at: usize, bytes: usize) =>
        "decoding this read alone fails: the character at position {at} is cut off after {bytes} of its bytes (Python: UnicodeDecodeError, and the lesson's server stops with an error)",
        "单独解码这次读到的字节失败：位置 {at} 处的字符只收到了 {bytes} 个字节，被截断了（Python 会抛出 UnicodeDecodeError，课程里的服务端随之报错退出）";
    /// Decoding a read that starts inside a character.
    su_not_a_start(at: usize) =>
        "decoding this read alone fails: the byte at position {at} does not start a character, it is the rest of the one the previous read cut (Python: UnicodeDecodeError)",
        "单独解码这次读到的字节失败：位置 {at} 处的字节不是一个字符的开头，而是上一次读取截断的那个字符的剩余部分（Python 会抛出 UnicodeDecodeError）";
    /// What a lenient decoder shows.
    su_lenient(shown: &str) =>
        "decoded leniently instead (Python: errors=\"replace\"), it ends in {shown}: the cut character turns into �",
        "改用宽松解码（Python：errors=\"replace\"）时，结尾是 {shown}：被截断的字符变成了 �";
    /// The fix decoded what is complete.
    su_decoded(bytes: usize, tail: &str) =>
        "decoded {bytes} bytes, ending in {tail}",
        "解码了 {bytes} 字节，结尾是 {tail}";
    /// The text arrived whole.
    su_whole(chars: usize, tail: &str) =>
        "the text arrived whole: {chars} characters, ending in {tail}",
        "文本完整无缺：共 {chars} 个字符，结尾是 {tail}";
    /// The text lost a character.
    su_broken(cut: char, buffer: usize, replaced: usize) =>
        "`{cut}` fell across the {buffer}-byte boundary: no read held all of its bytes, so it is lost (the text has {replaced} � instead)",
        "`{cut}` 正好跨在 {buffer} 字节的边界上：没有哪一次读取拿到了它的全部字节，于是它丢失了（文本里变成了 {replaced} 个 �）";

    // pitfall_eof_spin.
    /// The client leaves without `exit`.
    es_client_left() =>
        "the client sent `hello` and closed the connection without sending `exit`",
        "客户端发送了 `hello`，然后没有发送 `exit` 就关闭了连接";
    /// The fix stops at once.
    es_stopped_at_first() =>
        "the loop stopped at its first read of 0 bytes",
        "循环在第一次读到 0 字节时就停止了";
    /// The empty reads go on.
    es_and_so_on() =>
        "… and so on, without end: every read returns 0 bytes at once",
        "……就这样没完没了：每次读取都立即返回 0 字节";
    /// How far the broken loop spun.
    es_spun(reads: u64, millis: f64) =>
        "the loop read 0 bytes {reads} times in {millis:.0} ms, and it would never stop (a CPU core busy at 100 %); this demo stopped it at its cap",
        "循环在 {millis:.0} 毫秒内读到了 {reads} 次 0 字节，而且永远不会自己停下来（一个 CPU 核心的占用率达到 100%）；本演示在达到次数上限时强行停止了它";

    // pitfall_partial_write.
    /// What the server is about to do.
    pw_plan(bytes: usize) =>
        "the server sends one message of {bytes} bytes with one send call, to a client that does not read yet",
        "服务端用一次 send 调用发送一条 {bytes} 字节的消息，而客户端暂时还不读";
    /// The send buffer the system gave.
    pw_send_buffer(asked: usize, got: usize) =>
        "SO_SNDBUF: asked for {asked} bytes, the system gave {got}",
        "SO_SNDBUF：请求 {asked} 字节，系统实际给了 {got} 字节";
    /// What one send took.
    pw_send_took(taken: usize, total: usize) =>
        "send() took {taken} of the {total} bytes",
        "send() 实际发送了 {total} 字节中的 {taken} 字节";
    /// The lesson ignores the count.
    pw_ignored(rest: usize) =>
        "the lesson's code does not look at that number: the other {rest} bytes are never sent",
        "课程里的代码不检查这个返回值：剩下的 {rest} 字节根本没有发出去";
    /// The fix sends the rest.
    pw_sending_rest(rest: usize) =>
        "the fix looks at the number and sends the other {rest} bytes with write_all, which calls send() until every byte is taken",
        "修正后的代码检查返回值，用 write_all 发送剩下的 {rest} 字节：它会反复调用 send()，直到全部发出";
    /// A system that took everything at once.
    pw_took_all() =>
        "this time send() took the whole message: this system buffered all of it (Windows may); on Linux and macOS it takes less",
        "这一次 send() 就发送了整条消息：这个系统把它全部放进了发送缓冲区（Windows 可能会这样）；在 Linux 和 macOS 上它发送的会更少";
    /// What the reader got.
    pw_reader_got(got: usize, total: usize) =>
        "the client read {got} of the {total} bytes",
        "客户端读到了 {total} 字节中的 {got} 字节";
    /// The bytes read are not the message's (a bug of the demo, never expected).
    pw_not_intact() =>
        "and they are not the message's first bytes",
        "而且它们并不是消息开头的那些字节";
    /// What was lost.
    pw_lost(lost: usize) =>
        "{lost} bytes never arrived: the message is cut short, and no error said so",
        "有 {lost} 字节始终没有到达：消息被截短了，而且没有任何报错";
    /// Everything arrived.
    pw_all_arrived() =>
        "every byte arrived, in order",
        "所有字节都按顺序到达了";

    // pitfall_nagle.
    /// The broken way of replying.
    nd_two_writes() =>
        "two writes per reply, Nagle's algorithm on (the default)",
        "每个回复写两次，Nagle 算法开启（默认）";
    /// The first fix.
    nd_one_write() => "one write per reply", "每个回复只写一次";
    /// The second fix.
    nd_nodelay() =>
        "two writes per reply, TCP_NODELAY on",
        "每个回复写两次，开启 TCP_NODELAY";
    /// The measured rounds of one way.
    nd_median(label: &str, median: &str, rounds: usize, all: &str) =>
        "{label}: median {median} ms over {rounds} rounds (in order: {all} ms)",
        "{label}：{rounds} 轮的中位数为 {median} 毫秒（依次为：{all} 毫秒）";
    /// Why the broken way is slow.
    nd_explain_mistake() =>
        "the second write waits until the first is acknowledged (Nagle's algorithm), and the client delays that acknowledgement (delayed ACK), so a round can wait for the delayed-ACK timer; compare with --fixed",
        "第二次写入要等第一次写入被确认后才发出（Nagle 算法），而客户端会推迟这个确认（延迟 ACK），所以每一轮都可能要等延迟 ACK 的定时器；可以和 --fixed 的结果比较";
    /// Why the fixes are fast.
    nd_explain_fix() =>
        "one write, or TCP_NODELAY, sends the whole reply at once: no round waits for the delayed-ACK timer",
        "只写一次，或者开启 TCP_NODELAY，整个回复都会立即发出：没有哪一轮需要等延迟 ACK 的定时器";

    // pitfall_localhost.
    /// What `localhost` resolves to here.
    lh_resolves(ips: &str) =>
        "this computer resolves `localhost` to: {ips} (in this order)",
        "本机把 `localhost` 解析为：{ips}（按此顺序）";
    /// `localhost` does not resolve.
    lh_no_resolve(kind: &str) =>
        "this computer could not resolve `localhost` ({kind})",
        "本机无法解析 `localhost`（{kind}）";
    /// No IPv6 here.
    lh_no_ipv6() =>
        "IPv6 is not available here: `::1` cannot be bound on this computer",
        "本机无法使用 IPv6：不能绑定 `::1`";
    /// The other family refuses.
    lh_refused(other: SocketAddr, local: SocketAddr) =>
        "a client at `{other}` is refused (ConnectionRefused): the server listens on IPv4 `{local}`, and nothing listens on IPv6 `::1`",
        "连接 `{other}` 的客户端被拒绝了（ConnectionRefused）：服务端监听的是 IPv4 的 `{local}`，而 IPv6 的 `::1` 上没有任何程序在监听";
    /// The other family fails otherwise (no IPv6).
    lh_other_error(other: SocketAddr, kind: &str) =>
        "a client at `{other}` fails ({kind}): it does not reach the server either",
        "连接 `{other}` 的客户端失败了（{kind}）：它同样到不了服务端";
    /// Someone else listens there.
    lh_someone_else(addr: SocketAddr) =>
        "a client at `{addr}` connected, but to another program that listens there, not to this server",
        "连接 `{addr}` 的客户端连上了，但连到的是在那里监听的另一个程序，而不是这个服务端";
    /// The name's first address works here.
    lh_first_reaches(first: SocketAddr) =>
        "a client that takes only the first address of `localhost` uses `{first}` on this computer: here it reaches the server",
        "只取 `localhost` 第一个地址的客户端，在本机会使用 `{first}`：在这里它能连上服务端";
    /// The name's first address fails here.
    lh_first_fails(first: SocketAddr, kind: &str) =>
        "a client that takes only the first address of `localhost` uses `{first}` on this computer, and fails ({kind})",
        "只取 `localhost` 第一个地址的客户端在本机会使用 `{first}`，结果失败了（{kind}）";
    /// Why it matters.
    lh_explain() =>
        "where `localhost` means `::1` first (usually on Windows and macOS, on many Linux systems too), such a client is refused although the server runs; bind the address you mean and give clients that same address (--fixed)",
        "在 `localhost` 首先解析为 `::1` 的电脑上（Windows 和 macOS 通常如此，很多 Linux 系统也是），这样的客户端会被拒绝，尽管服务端正在运行；请绑定你想要的具体地址，并让客户端连接同一个地址（--fixed）";
    /// The fix connects.
    lh_connected(addr: SocketAddr) =>
        "the client connected to `{addr}`, the very address the server bound",
        "客户端连接上了 `{addr}`，正是服务端绑定的那个地址";
    /// And a message went through.
    lh_exchanged(peer: SocketAddr) =>
        "the server accepted `{peer}`, and its message reached the client",
        "服务端接受了 `{peer}` 的连接，它发出的消息也到达了客户端";
    /// The fix, in words.
    lh_fix() =>
        "bind the literal address you mean (127.0.0.1, not localhost) and connect to that same literal; a client that must use a name should try every address it resolves to, as Rust's TcpStream::connect and Python's socket.create_connection do",
        "绑定你想要的具体地址（写 127.0.0.1，而不是 localhost），客户端也连接同一个地址；如果客户端必须使用主机名，就应当依次尝试它解析出的每个地址，Rust 的 TcpStream::connect 和 Python 的 socket.create_connection 就是这样做的";

    // pitfall_time_wait.
    /// SO_REUSEADDR is off.
    tw_reuse_off() =>
        "SO_REUSEADDR: off (the lesson does not set it)",
        "SO_REUSEADDR：关闭（课程里没有设置它）";
    /// SO_REUSEADDR is on.
    tw_reuse_on() =>
        "SO_REUSEADDR: on, set before bind",
        "SO_REUSEADDR：开启，在 bind 之前设置";
    /// The fix on Windows sets nothing.
    tw_reuse_windows() =>
        "SO_REUSEADDR: off, as Windows needs (there it would let other programs bind the port)",
        "SO_REUSEADDR：关闭，在 Windows 上本该如此（在 Windows 上设置它，会让别的程序也能绑定这个端口）";
    /// The server closed first.
    tw_closed_first(peer: SocketAddr) =>
        "the server closed the connection to `{peer}` first, then the client closed its side: the server's side now waits in TIME_WAIT",
        "服务端先关闭了与 `{peer}` 的连接，随后客户端也关闭了它那一端：服务端这一端现在处于 TIME_WAIT 状态";
    /// The server stopped.
    tw_stopped(local: SocketAddr) =>
        "the server stopped (its listening socket on `{local}` is closed); restarting it at once on the same address",
        "服务端已停止（它在 `{local}` 上的监听 socket 已关闭）；现在立即在同一个地址上重新启动";
    /// The restart worked.
    tw_bound_again(local: SocketAddr) =>
        "the restart bound `{local}` again and listens",
        "重新启动后再次绑定了 `{local}`，并开始监听";
    /// The restart failed.
    tw_in_use(local: SocketAddr) =>
        "the restart could not bind `{local}`: address in use (AddrInUse), held by the old connection in TIME_WAIT, for about 60 s on Linux and 30 s on macOS",
        "重新启动时无法绑定 `{local}`：地址已被占用（AddrInUse），占着它的是处于 TIME_WAIT 的旧连接，在 Linux 上大约持续 60 秒，在 macOS 上大约 30 秒";
    /// How to see the old connection.
    tw_see_it(port: u16) =>
        "see it: `ss -tan | grep :{port}` (Linux), `netstat -an | grep {port}` (macOS), `netstat -an | findstr {port}` (Windows)",
        "查看方法：`ss -tan | grep :{port}`（Linux），`netstat -an | grep {port}`（macOS），`netstat -an | findstr {port}`（Windows）";
    /// Why, for the broken mode.
    tw_explain_mistake() =>
        "without SO_REUSEADDR, Linux and macOS refuse to bind an address that a connection in TIME_WAIT still uses; Windows binds anyway",
        "不设置 SO_REUSEADDR 时，Linux 和 macOS 不允许绑定仍被 TIME_WAIT 连接占用的地址；Windows 则照样允许绑定";
    /// Why, for the fixed mode.
    tw_explain_fix() =>
        "SO_REUSEADDR, set before bind, lets a server bind while old connections wait out TIME_WAIT (Linux, macOS); Windows needs no option, and SO_REUSEADDR there would let another program bind a port in use, so leave it off (SO_EXCLUSIVEADDRUSE guards a port)",
        "在 bind 之前设置 SO_REUSEADDR，服务端就能在旧连接还处于 TIME_WAIT 时绑定地址（Linux、macOS）；Windows 不需要任何选项，而且在那里 SO_REUSEADDR 会让别的程序绑定正在使用的端口，所以不要设置（要保护端口可以用 SO_EXCLUSIVEADDRUSE）";

    // pitfall_backlog.
    /// What is about to happen.
    bl_plan(backlog: i32, clients: usize) =>
        "listen({backlog}), and nothing calls accept(): {clients} clients connect one after another",
        "listen({backlog})，而且没有代码调用 accept()：{clients} 个客户端依次连接";
    /// A client got in.
    bl_connected(number: usize) =>
        "client {number}: connected (the kernel completed the handshake and queued the connection)",
        "客户端 {number}：已连接（内核完成了握手，并把连接放进了队列）";
    /// A client got no answer.
    bl_timed_out(number: usize, ms: u128) =>
        "client {number}: no answer within {ms} ms (the queue is full, so its SYN went unanswered; it would retry for a while, then fail)",
        "客户端 {number}：{ms} 毫秒内没有回应（队列已满，它的 SYN 没有得到回应；它会重试一阵子，最后失败）";
    /// A client was refused.
    bl_refused(number: usize) =>
        "client {number}: refused (the queue is full and the system answered with a reset)",
        "客户端 {number}：被拒绝（队列已满，系统回复了 RST 来重置连接）";
    /// A client failed otherwise.
    bl_failed(number: usize, kind: &str) =>
        "client {number}: failed ({kind})",
        "客户端 {number}：失败（{kind}）";
    /// The counts.
    bl_summary(clients: usize, connected: usize, timed_out: usize, refused: usize, failed: usize) =>
        "of {clients} clients: {connected} connected, {timed_out} timed out, {refused} refused, {failed} failed otherwise",
        "{clients} 个客户端中：{connected} 个已连接，{timed_out} 个超时，{refused} 个被拒绝，{failed} 个因其他原因失败";
    /// Why, for the broken mode.
    bl_explain_mistake() =>
        "the backlog is not how many clients a server may have: it is how many finished handshakes may wait for accept() (the system may round it up; Linux queues backlog + 1), and clients beyond it wait and fail",
        "backlog 并不是服务端能有多少个客户端：它是已完成握手、等待 accept() 的连接最多能排多少个（系统可能会把它调大；Linux 会排 backlog + 1 个），超出的客户端只能等待，最后失败";
    /// Why, for the fixed mode.
    bl_explain_fix() =>
        "a backlog of 128 holds this burst; a real server also calls accept() in a loop, so the queue rarely fills",
        "backlog 为 128 时能容纳这一波连接；真正的服务端还会循环调用 accept()，所以队列很少会满";

    // pitfall_reset_on_close.
    /// The lesson's close, with bytes unread.
    rc_closed_unread(bytes: usize) =>
        "the server closed the connection with {bytes} bytes unread: its kernel ends it with a reset (RST), not a FIN",
        "服务端关闭连接时还有 {bytes} 字节未读取：内核因此用重置（RST）而不是 FIN 来结束连接";
    /// The fix read the rest.
    rc_drained(bytes: usize) =>
        "the server read the {bytes} bytes it had left unread, until the client closed its side",
        "服务端读完了之前未读取的 {bytes} 字节，直到客户端关闭它那一端";
    /// What the client read.
    rc_client_got(bytes: usize, shown: &str) =>
        "the client read {bytes} bytes: {shown}",
        "客户端读到了 {bytes} 字节：{shown}";
    /// A clean end.
    rc_client_end() =>
        "the client then read end-of-stream (0 bytes): a clean close",
        "客户端随后读到了数据流结束（0 字节）：正常关闭";
    /// A reset.
    rc_client_reset(kind: &str) =>
        "the client then got a connection reset ({kind}) instead of end-of-stream",
        "客户端随后遇到了连接重置（{kind}），而不是数据流结束";
    /// Why, for the broken mode.
    rc_explain_mistake() =>
        "a close with unread bytes resets the connection: the client sees an error, and on Windows it loses the reply as well; shut down the sending side and read to the end first (--fixed)",
        "还有字节未读取就关闭，会重置连接：客户端会看到一个错误，在 Windows 上连回复也会丢失；应当先关闭发送方向（shutdown），读到数据流结束，再关闭（--fixed）";
    /// Why, for the fixed mode.
    rc_explain_fix() =>
        "shutdown(Write), then read until the client closes, then close: the client reads the reply and then end-of-stream, on every system",
        "先 shutdown(Write)，再读到客户端关闭，最后关闭：在任何系统上，客户端都能读到回复，然后读到数据流结束";

    // pitfall_bind_all.
    /// This computer's address towards the network.
    ba_network_address(ip: Ipv4Addr) =>
        "this computer's address towards the network: `{ip}`",
        "本机面向网络的地址：`{ip}`";
    /// No such address.
    ba_no_network_address() =>
        "this computer has no network address besides loopback right now",
        "本机目前除了回环地址以外没有别的网络地址";
    /// A knock that was answered.
    ba_answered(target: SocketAddr) => "`{target}`: answered", "`{target}`：有回应";
    /// A knock that was refused.
    ba_refused(target: SocketAddr) =>
        "`{target}`: refused (the server does not listen on this address)",
        "`{target}`：被拒绝（服务端没有在这个地址上监听）";
    /// A knock that nobody answered.
    ba_no_answer(target: SocketAddr, ms: u128) =>
        "`{target}`: no answer within {ms} ms (no server reachable there)",
        "`{target}`：{ms} 毫秒内没有回应（那里没有可以连上的服务端）";
    /// A knock that could not be made.
    ba_unreachable(target: SocketAddr, kind: &str) =>
        "`{target}`: cannot be reached ({kind})",
        "`{target}`：无法到达（{kind}）";
    /// Why, for the broken mode.
    ba_explain_mistake() =>
        "`0.0.0.0` answers on every address of this computer, including the one that other computers on the network reach, and Windows and macOS ask whether to let it through the firewall; bind `127.0.0.1` unless other computers must connect (--fixed)",
        "`0.0.0.0` 在本机的每个地址上都会回应，包括网络上其他电脑能访问到的那个地址，Windows 和 macOS 还会询问是否允许它通过防火墙；除非确实需要让其他电脑连接，否则请绑定 `127.0.0.1`（--fixed）";
    /// Why, for the fixed mode.
    ba_explain_fix() =>
        "`127.0.0.1` answers on loopback only: no other computer can reach it, and no firewall asks; bind `0.0.0.0` (or one network address) only when other computers must connect",
        "`127.0.0.1` 只在回环地址上回应：其他电脑无法访问它，防火墙也不会询问；只有确实需要让其他电脑连接时，才绑定 `0.0.0.0`（或某一个网络地址）";
}

// Messages with a count: English needs "1 read" but "2 reads".

/// How many writes arrived in how many reads.
pub fn bs_writes_and_reads(writes: usize, reads: usize) -> String {
    match lang::current() {
        Lang::En => format!(
            "{writes} writes arrived in {reads} read{}: TCP keeps the order of the bytes, not the boundaries between writes",
            plural(reads)
        ),
        Lang::Zh => format!(
            "{writes} 次写入在 {reads} 次读取中到达：TCP 保证字节的顺序，但不保留每次写入之间的边界"
        ),
    }
}

/// How many queued connections the server took.
pub fn bl_accepted(connections: usize) -> String {
    match lang::current() {
        Lang::En => format!(
            "then the server called accept() and took {connections} queued connection{}",
            plural(connections)
        ),
        Lang::Zh => format!("随后服务端调用 accept()，取出了 {connections} 个排队的连接"),
    }
}

/// The first line of a pitfall: which mode runs.
pub fn mode(fixed: bool) -> String {
    if fixed { mode_fix() } else { mode_mistake() }
}
