//! What the checks of the client lessons and of UDP prove, in English and Chinese, for
//! the checker's reports and `hint`.

/// The description of the check `name`, if it is one of the client lessons' or UDP's.
pub fn description(name: &str) -> Option<(&'static str, &'static str)> {
    let words = match name {
        "connects_and_shows_its_own_address" => (
            "connects to the address it is given, prints its own address (ip:port), exits 0",
            "连接到给定的地址，打印本机这一端的地址（ip:端口），以退出码 0 退出",
        ),
        "explains_a_refused_connection" => (
            "nothing listens: exit status 1 and a message that names the address, no panic",
            "没有程序在监听时：退出码为 1，错误信息指出地址，不会 panic",
        ),
        "gives_up_when_nothing_answers" => (
            "a connect nobody answers: gives up at its --timeout, exit status 1, names the address",
            "connect 无人应答时：在 --timeout 到期时放弃，退出码为 1，并指出地址",
        ),
        "sends_each_line_as_typed" => (
            "sends each typed line as typed, UTF-8; the end of input closes with a FIN, exit 0",
            "把输入的每一行原样（UTF-8）发送；输入结束时以 FIN 关闭，退出码为 0",
        ),
        "ends_when_the_server_has_gone" => (
            "the server closed and more lines are typed: ends without a panic",
            "服务端已关闭而你还在输入：程序结束，不会 panic",
        ),
        "prints_each_reply" => (
            "reads the reply to each message and prints its text before sending the next",
            "每发送一条消息就读取回复并打印其内容，然后才发送下一条",
        ),
        "ends_when_the_server_closes" => (
            "recv returns 0 bytes when the server closes: stops sending, exits 0",
            "服务端关闭时 recv 返回 0 字节：停止发送，以退出码 0 退出",
        ),
        "gives_up_on_a_server_that_never_replies" => (
            "no reply: gives up at its --timeout, exit status 1, names the server's address",
            "没有回复时：在 --timeout 到期时放弃，退出码为 1，并指出服务端地址",
        ),
        "prints_replies_in_pieces_and_together" => (
            "prints a reply that comes in two pieces and two replies that come in one read",
            "分两次到达的回复、在一次读取中一起到达的两条回复，都能打印出来",
        ),
        "shuts_down_then_reads_to_the_end" => (
            "after exit: shutdown(Write) (the server reads a FIN), then reads the server's last words until it closes",
            "exit 之后：先 shutdown(Write)（服务端读到 FIN），再读取服务端最后发来的数据，直到它关闭",
        ),
        "reads_a_long_reply_to_its_end" => (
            "after its FIN, reads a 3000-byte reply whole, over several reads",
            "发送 FIN 之后，分几次读取，完整读到 3000 字节的回复",
        ),
        "gives_up_on_a_server_that_does_not_close" => (
            "a server that never closes its side: prints what came, gives up at its --timeout",
            "服务端一直不关闭它那一端：打印收到的数据，在 --timeout 到期时放弃",
        ),
        "stops_on_exit" => (
            "exit ends the conversation; a line that only contains the word does not",
            "exit 结束对话；只是包含这个词的一行不会",
        ),
        "talks_with_its_example2_server" => (
            "the capstone pair: talks with the 示例2 server of the same hand, both end with exit 0",
            "综合练习：与同一个人写的示例2服务端对话，双方都以退出码 0 结束",
        ),
        "udp_server_replies_to_each_sender" => (
            "prints each datagram with its sender, sends the typed reply back to that address; exit ends it",
            "打印每个数据报及其发送方地址，把输入的回复发回这个地址；收到 exit 时结束",
        ),
        "udp_server_keeps_datagrams_apart" => (
            "two datagrams stay two, and an empty one is no end",
            "两个数据报始终是两个，空数据报也不表示结束",
        ),
        "udp_client_sends_each_line_and_prints_each_reply" => (
            "each typed line is one datagram; prints each reply and its own address; exit 0",
            "输入的每一行是一个数据报；打印每条回复和本机地址；以退出码 0 结束",
        ),
        "udp_client_goes_on_when_a_reply_is_lost" => (
            "a reply that never comes: says so at its --timeout and goes on",
            "回复一直不来：在 --timeout 到期时说明，然后继续",
        ),
        "udp_client_stops_on_exit" => (
            "sends exit and stops: nothing typed after it is sent",
            "发送 exit 后停止：之后输入的内容不再发送",
        ),
        "udp_client_started_before_its_server" => (
            "started before its server: the first datagram is lost, the next gets through",
            "先于服务端启动：第一个数据报丢失，之后的能送达",
        ),
        _ => return None,
    };
    Some(words)
}
