// The one table of lessons: every program in `examples/` but the exercises' starters,
// in the order they are taught. Adding a lesson is its example, its checks, and one
// entry here; the checker, its starters and hints, `list`, the book's page list and the
// tests all read this table.
//
// It is a file of its own because two crates read it: the lessons' library
// (`src/lessons/mod.rs`) for each program's `--help`, and the checker
// (`checker/src/lessons.rs`), where `checks![…]` names the check functions and the
// compiler holds every name to a real function. Each check has a weight, the points it
// scores in the lesson's exercise, and, where the table first names it, what it proves
// in a few words in both languages (the checker's reports and `hint` show them; a later
// lesson that names the check again gives its weight alone): the behaviours the
// exercise's new part adds score above 0; one kept from an earlier lesson (step 6 still
// ends on the client's `exit`) weighs 0: it must still hold for the exercise to pass,
// but an untouched starter, which keeps it, scores 0. `kit` proves that every starter
// scores 0. A lesson with no exercise (the client, the pitfalls, the ladder) names its
// checks the same way, with weight 0: `cargo test` runs every check of every lesson.
// A kept behaviour that is broken costs a point, and a fail is always below full points
// (`checker/src/score.rs`). The checks judge what a program does and the facts it
// shows, never a lesson's sentence; a TODO says what to show, quotes a word only where
// the word matters ("exit"), and puts in backticks only code that compiles where the
// TODO stands (`kit` builds each starter with it). A check of the lesson alone (示例2's
// 运行结果 transcript) is not here but in `LESSON_ONLY` (`checker/src/lessons.rs`).
&[
    Lesson {
        name: "step1_create",
        family: Family::Step,
        teaches: Words {
            en: "Step 1 of the socket lesson: create a TCP socket (Python: socket.socket())",
            zh: "Socket 课程第 1 步：创建 TCP socket（Python：socket.socket()）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "1",
            file: "exercise1_create",
            todo: Words {
                en: "Create a TCP/IPv4 socket (Socket::new, with `?` and .context(Failed::Create)), then show with say! what it is: its family and type (server.r#type()), its handle (server.as_raw_fd() on Unix, server.as_raw_socket() on Windows), and that it is not bound yet. Your own words: the checker looks for these facts and for exit status 0.",
                zh: "创建一个 TCP/IPv4 socket（Socket::new，用 ? 和 .context(Failed::Create)），然后用 say! 显示它是什么：地址族和类型（server.r#type()）、句柄（Unix 上是 server.as_raw_fd()，Windows 上是 server.as_raw_socket()），以及它还没有绑定。措辞由你决定：检查只看这些事实，以及退出码 0。",
            },
        }),
        checks: checks![
            steps::describes_an_unbound_tcp_socket => 4 {
                en: "creates a TCP/IPv4 socket and shows its family, its type and its handle",
                zh: "创建 TCP/IPv4 socket，并显示它的地址族、类型和句柄",
            },
        ],
    },
    Lesson {
        name: "step2_bind",
        family: Family::Step,
        teaches: Words {
            en: "Step 2: create a socket and bind it to an address (Python: bind(('127.0.0.1', 8888)))",
            zh: "第 2 步：创建 socket 并绑定到地址（Python：bind(('127.0.0.1', 8888))）",
        },
        page: Some(Page { shows: &["in-use"] }),
        exercise: Some(Exercise {
            key: "2",
            file: "exercise2_bind",
            todo: Words {
                en: "Bind `server` to `addr`: SO_REUSEADDR first (not on Windows), then server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)). Show with say! the address it really has (local_addr(&server)?), the port the system chose when port 0 was asked for, and that it is not listening yet. Your own words: the checker looks for the address and the port.",
                zh: "把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置），再 server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr))。用 say! 显示它实际绑定的地址（local_addr(&server)?）、指定端口 0 时系统选的端口，以及它还没有开始监听。措辞由你决定：检查只看地址和端口。",
            },
        }),
        checks: checks![
            steps::reports_the_port_the_system_chose => 3 {
                en: "binds port 0 and prints the real port the system chose",
                zh: "绑定端口 0，并打印系统实际选择的端口",
            },
            steps::reads_localhost_as_127_0_0_1 => 1 {
                en: "binds localhost:0 as 127.0.0.1",
                zh: "把 localhost:0 当作 127.0.0.1 来绑定",
            },
            steps::names_the_address_in_use => 2 {
                en: "on a port in use: exit status 1, the address and a hint, no panic",
                zh: "端口已被占用时：退出码为 1，指出地址并给出提示，不会 panic",
            },
        ],
    },
    Lesson {
        name: "step3_listen",
        family: Family::Step,
        teaches: Words {
            en: "Step 3: ... and listen, so that clients can connect (Python: listen(1))",
            zh: "第 3 步：……并开始监听，客户端就能连接了（Python：listen(1)）",
        },
        page: Some(Page { shows: &["refused"] }),
        exercise: Some(Exercise {
            key: "3",
            file: "exercise3_listen",
            todo: Words {
                en: "Listen: `server.listen(args.backlog)` with `?` and a context (`Failed::Listen(args.addr)`). Print the readiness line of the output contract, `text::listening_on`, with the real address, `server.local_addr()?.as_socket()`. Then show that clients can connect now, with the backlog's number (`args.backlog`), wait for a line on stdin (Enter, or the end of input), and end with exit status 0. Your own words: the checker connects, looks for the backlog's number, presses Enter.",
                zh: "开始监听：`server.listen(args.backlog)`，用 `?` 并加上上下文（`Failed::Listen(args.addr)`）。用真实地址 `server.local_addr()?.as_socket()` 打印输出约定中的就绪行 `text::listening_on`。然后说明客户端现在已经可以连接，并给出 backlog 的数值（`args.backlog`）；再等待标准输入中的一行（回车，或者输入结束），最后以退出码 0 结束。措辞由你决定：检查会连接、查找 backlog 的数值、再按回车。",
            },
        }),
        checks: checks![
            steps::accepts_connections_before_anyone_calls_accept => 3 {
                en: "listens: a client connects before anything calls accept(); Enter stops it",
                zh: "开始监听：在调用 accept() 之前客户端就能连上；按回车停止",
            },
            steps::stops_when_stdin_closes => 2 {
                en: "stops when its input ends",
                zh: "标准输入结束时停止",
            },
            steps::takes_a_backlog => 1 {
                en: "passes --backlog to listen()",
                zh: "把 --backlog 传给 listen()",
            },
        ],
    },
    Lesson {
        name: "step4_accept",
        family: Family::Step,
        teaches: Words {
            en: "Step 4: ... and accept one client (Python: conn, address = accept())",
            zh: "第 4 步：……并接受一个客户端（Python：conn, address = accept()）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "4",
            file: "exercise4_accept",
            todo: Words {
                en: "Accept one client: `server.accept()`, with `?` and a context (`Failed::Accept(local)`), gives the connection and the client's address, a SockAddr: its as_socket() is an Option<SocketAddr>, with `Failed::Query` as the context of its None. Show the client's address (ip:port: the checker looks for it), then close the connection by dropping it, and end with exit status 0.",
                zh: "接受一个客户端：`server.accept()`，用 `?` 并加上上下文（`Failed::Accept(local)`），它返回连接和客户端地址（SockAddr；它的 as_socket() 返回 Option<SocketAddr>，为 None 时的上下文是 `Failed::Query`）。显示客户端地址（ip:port，检查会查找它），然后通过丢弃（drop）连接来关闭它，最后以退出码 0 结束。",
            },
        }),
        checks: checks![
            steps::reports_the_client_address => 3 {
                en: "accepts one client, prints its address (ip:port), closes, exits 0",
                zh: "接受一个客户端，打印它的地址（ip:端口），关闭连接，以退出码 0 退出",
            },
            steps::closes_the_connection => 2 {
                en: "closes the connection (the client reads its end), exits 0",
                zh: "关闭连接（客户端读到数据流结束），以退出码 0 退出",
            },
            steps::works_with_netassist => 1 {
                en: "works with a client that behaves as netAssist (UTF-8, no line ending, one write per click), in both languages",
                zh: "能和行为与 netAssist 相同的客户端（UTF-8、不加换行、每次点击写一次）配合使用，两种语言都可以",
            },
        ],
    },
    Lesson {
        name: "step5_recv",
        family: Family::Step,
        teaches: Words {
            en: "Step 5: ... and receive its messages until it sends exit (Python: conn.recv(1024))",
            zh: "第 5 步：……并接收客户端的消息，直到它发送 exit（Python：conn.recv(1024)）",
        },
        page: Some(Page { shows: &["gbk"] }),
        exercise: Some(Exercise {
            key: "5",
            file: "exercise5_recv",
            todo: Words {
                en: "Receive in a loop: conn.read(&mut buffer), 1024 bytes at most, is recv(2). Show each read with say_received(n, &data), decoded by a message::Utf8Stream. End the loop, saying why, when the client sent exit (message::is_exit), closed (a read of 0 bytes) or reset the connection (failure::peer_left); then warn! if decoder.finish() says a character was cut. Your own words: the checker looks for the size and the text.",
                zh: "循环接收：conn.read(&mut buffer)（最多 1024 字节）就是 recv(2)。用 message::Utf8Stream 解码，用 say_received(n, &data) 显示每次读到的数据。客户端发送 exit（message::is_exit）、关闭连接（读到 0 字节）或重置连接（failure::peer_left）时结束循环，并说明原因；之后如果 decoder.finish() 表明有字符被截断，用 warn! 警告。措辞由你决定：检查只看字节数和文本。",
            },
        }),
        checks: checks![
            steps::prints_each_read_decoded => 3 {
                en: "prints each read with its size, quoted and decoded",
                zh: "打印每次读取的字节数和解码后的内容（带引号）",
            },
            steps::ends_on_exit_alone => 1 {
                en: "ends the session on `exit`",
                zh: "收到 `exit` 时结束会话",
            },
            steps::ends_on_exit_and_lf => 1 {
                en: "ends the session on `exit\\n`, not on a message that only contains the word",
                zh: "收到 `exit\\n` 时结束会话，只是包含这个单词的消息不算",
            },
            steps::ends_on_exit_and_crlf => 1 {
                en: "ends the session on `exit\\r\\n`",
                zh: "收到 `exit\\r\\n` 时结束会话",
            },
            steps::ends_on_exit_and_cr => 1 {
                en: "ends the session on `exit\\r` (netAssist's 附加位 0d)",
                zh: "收到 `exit\\r`（netAssist 的附加位 0d）时结束会话",
            },
            steps::works_with_netassist => 1,
            steps::ends_promptly_when_the_client_closes => 2 {
                en: "ends at once when the client closes (a read of 0 bytes)",
                zh: "客户端关闭连接（读到 0 字节）时立即结束",
            },
            steps::ends_when_the_client_resets => 1 {
                en: "ends cleanly when the client resets the connection",
                zh: "客户端重置连接时正常结束",
            },
            steps::prints_characters_whole_across_reads => 1 {
                en: "prints Chinese characters whole when a 1024-byte read cuts one",
                zh: "1024 字节的读取截断了汉字时，仍然完整地打印每个汉字",
            },
            steps::completes_a_character_cut_between_reads => 1 {
                en: "completes a character cut between two reads",
                zh: "把两次读取之间被截断的字符拼完整",
            },
            steps::survives_invalid_bytes => 1 {
                en: "shows bytes that are not UTF-8 as \\xNN, warns, goes on",
                zh: "把不是 UTF-8 的字节显示为 \\xNN，给出警告，然后继续运行",
            },
        ],
    },
    Lesson {
        name: "step6_send",
        family: Family::Step,
        teaches: Words {
            en: "Step 6: ... and send a reply you type to each message (Python: conn.send(...))",
            zh: "第 6 步：……并对每条消息，把你输入的回复发给客户端（Python：conn.send(...)）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "6",
            file: "exercise6_send",
            todo: Words {
                en: "For each message, ask for a reply (a line that says so) and read one line from stdin with `lines::stdin_line(Encoding::Utf8)`, with `?` and a context (`Failed::Stdin`): None means your input ended: end the session. The reply \"exit\" ends the session without sending it (`is_exit` tells it). Any other reply goes to the client as one line ending in \"\\n\", in one `conn.write_all(b\"ok\\n\")`; then show how many bytes were sent. If the write fails and `peer_left` holds, the client is gone: end the session. Your own words: the checker types replies and reads them.",
                zh: "每收到一条消息，就请求输入回复（打印一行提示），并用 `lines::stdin_line(Encoding::Utf8)` 从标准输入读取一行，用 `?` 并加上上下文（`Failed::Stdin`）：None 表示你的输入已经结束，结束会话。回复 \"exit\" 结束会话，并且不发送它（由 `is_exit` 判断）。其他回复作为以 \"\\n\" 结尾的一行，用一次 `conn.write_all(b\"ok\\n\")` 发给客户端，然后显示发送的字节数。如果发送失败且 `peer_left` 成立，说明客户端已经断开：结束会话。措辞由你决定：检查会输入回复并读取它们。",
            },
        }),
        checks: checks![
            steps::delivers_the_typed_reply => 3 {
                en: "sends the reply typed on stdin to the client as one line",
                zh: "把标准输入中输入的回复作为一行发给客户端",
            },
            steps::ends_on_operator_exit => 2 {
                en: "ends the session when you type `exit`",
                zh: "你输入 `exit` 时结束会话",
            },
            steps::ends_when_stdin_closes => 2 {
                en: "ends when your input ends",
                zh: "你的输入（标准输入）关闭时结束会话",
            },
            steps::survives_invalid_typed_bytes => 1 {
                en: "a reply typed with bytes that are not UTF-8 gets � and a warning; the session goes on",
                zh: "输入的回复里有不是 UTF-8 的字节时，用 � 代替并给出警告；会话继续",
            },
            steps::ends_on_exit_alone => 0,
            steps::ends_on_exit_and_lf => 0,
            steps::ends_on_exit_and_crlf => 0,
            steps::ends_on_exit_and_cr => 0,
            steps::works_with_netassist => 0,
            steps::ends_promptly_when_the_client_closes => 0,
            steps::ends_when_the_client_resets => 0,
            steps::prints_characters_whole_across_reads => 0,
            steps::completes_a_character_cut_between_reads => 0,
            steps::survives_invalid_bytes => 0,
        ],
    },
    Lesson {
        name: "step7_close",
        family: Family::Step,
        teaches: Words {
            en: "Step 7: the whole server, then close the connection and the socket (Python: close())",
            zh: "第 7 步：完整的服务端，最后关闭连接和 socket（Python：close()）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "7",
            file: "exercise7_close",
            todo: Words {
                en: "Close in three moves, saying each with say!: conn.shutdown(Shutdown::Write) (NotConnected means a reset left nothing to shut down); wait for the client to close its side, reading until a read returns 0 bytes or a deadline of LINGER passes, however much it still sends; then drop conn and server, and show that the port is free again. Your own words: the checker reads your FIN and watches you wait for its own.",
                zh: "分三步关闭，每一步都用 say! 说明：conn.shutdown(Shutdown::Write)（NotConnected 表示连接已被重置，无需关闭）；等待客户端关闭它那一端：一直读，直到读到 0 字节，或者超过 LINGER 这个截止时间，不管它还在发送多少数据；然后 drop conn 和 server，并显示端口已经释放。措辞由你决定：检查会读取你的 FIN，并观察你是否等待它的 FIN。",
            },
        }),
        checks: checks![
            steps::lets_the_client_read_end_of_stream => 5 {
                en: "sends its FIN (the client reads end-of-stream), waits for the client's, then closes",
                zh: "发出自己的 FIN（客户端读到数据流结束），等待客户端的 FIN，然后关闭连接",
            },
            steps::runs_again_at_once_on_the_same_port => 0 {
                en: "runs again at once on the same port",
                zh: "可以立即在同一个端口上再次运行",
            },
            steps::survives_invalid_typed_bytes => 0,
            steps::ends_on_exit_alone => 0,
            steps::ends_on_exit_and_lf => 0,
            steps::ends_on_exit_and_crlf => 0,
            steps::ends_on_exit_and_cr => 0,
            steps::works_with_netassist => 0,
            steps::ends_promptly_when_the_client_closes => 0,
            steps::ends_when_the_client_resets => 0,
            steps::prints_characters_whole_across_reads => 0,
            steps::completes_a_character_cut_between_reads => 0,
            steps::survives_invalid_bytes => 0,
            steps::stops_waiting_for_a_trickling_client => 2 {
                en: "after exit, waits 2 s at most for the client to close, however it trickles bytes",
                zh: "收到 exit 后最多等 2 秒让客户端关闭，无论它怎样一点点地发送字节",
            },
        ],
    },
    Lesson {
        name: "example1_server",
        family: Family::Server,
        teaches: Words {
            en: "示例1, the lesson's first complete server: one client; each message printed, each reply typed by you; your exit ends it",
            zh: "示例1，课程中的第一个完整服务端：只服务一个客户端，打印收到的每条消息，由你输入每条回复；你输入 exit 时结束",
        },
        page: Some(Page { shows: &["no-line-end"] }),
        exercise: Some(Exercise {
            key: "e1",
            file: "exercise_example1_server",
            todo: Words {
                en: "The conversation, one message at a time: show each message with say! (\"received: \" and data.shown) and conversation.note(&data); ask nothing of a client that has left (conversation.has_left()?); else prompt! for a reply, read it (conversation.typed_reply()?, None: break true), end the session on your exit, and send it (conversation.send_line(..)?, false: break false). Your own words: the checker looks for the message and your prompt, and types replies.",
                zh: "一条一条地对话：用 say! 显示每条消息（“接收到发送来的数据: ”和 data.shown），再调用 conversation.note(&data)；客户端已经离开（conversation.has_left()?）就不再询问；否则用 prompt! 请你输入回复，读取它（conversation.typed_reply()?，None 时 break true），你输入 exit 时结束会话，然后发送（conversation.send_line(..)?，false 时 break false）。措辞由你决定：检查只看消息和提示，并会输入回复。",
            },
        }),
        checks: checks![
            servers::prints_each_line_and_sends_the_typed_reply => 3 {
                en: "prints each line and sends the reply you type",
                zh: "打印每一行，并发送你输入的回复",
            },
            servers::frames_two_messages_in_one_read => 1 {
                en: "reads two lines that arrive in one read as two messages",
                zh: "把一次读取中到达的两行当作两条消息处理",
            },
            servers::frames_a_message_sent_byte_by_byte => 1 {
                en: "prints a message sent one byte at a time once, whole",
                zh: "逐字节发送的消息只打印一次，而且是完整的",
            },
            servers::prints_a_64_kib_line_whole => 1 {
                en: "prints a 64 KiB line whole",
                zh: "完整地打印 64 KiB 的一行",
            },
            servers::cuts_a_line_over_the_limit => 1 {
                en: "cuts a line over --max-line and says so",
                zh: "截断超过 --max-line 的行并给出提示",
            },
            servers::suggests_gbk_for_gbk_bytes => 1 {
                en: "suggests --encoding gbk when GBK arrives",
                zh: "收到 GBK 编码的数据时建议使用 --encoding gbk",
            },
            servers::survives_invalid_bytes => 1,
            servers::speaks_gbk_with_the_flag => 1 {
                en: "reads and writes GBK with --encoding gbk",
                zh: "使用 --encoding gbk 时按 GBK 读写",
            },
            servers::survives_invalid_typed_bytes => 1,
            servers::ends_promptly_when_the_client_closes => 0,
            servers::ends_when_the_client_resets => 0,
            servers::ends_when_stdin_closes => 1,
            servers::tells_a_waiting_client_when_it_ends => 0 {
                en: "tells a client waiting in the backlog that it is closing",
                zh: "通知在 backlog 中等待的客户端：服务端正在关闭",
            },
            servers::serves_clients_one_after_another_with_keep_serving => 1 {
                en: "serves clients one after another with --keep-serving",
                zh: "使用 --keep-serving 时一个接一个地服务客户端",
            },
            servers::takes_bytes_with_no_line_ending_as_one_message => 1 {
                en: "takes bytes with no line ending as one message after 300 ms of quiet, with a note on stderr",
                zh: "没有换行符的数据在 300 毫秒内没有后续时算作一条消息，并在标准错误中说明",
            },
            servers::takes_exit_however_it_ends => 0 {
                en: "takes `exit`, `exit\\n`, `exit\\r\\n` and `exit\\r` as exit, and a message that only contains the word as a message",
                zh: "把 `exit`、`exit\\n`、`exit\\r\\n` 和 `exit\\r` 都当作 exit，只是包含这个单词的消息仍是普通消息",
            },
            servers::asks_nothing_after_the_client_left => 1 {
                en: "prints the last message of a client that left, and asks no reply for it",
                zh: "打印已离开的客户端的最后一条消息，并且不再要求为它输入回复",
            },
            servers::serves_netassist_with_its_defaults => 1 {
                en: "serves a client that behaves as netAssist with its defaults, in both languages",
                zh: "能服务使用默认设置的 netAssist 那样的客户端，两种语言都可以",
            },
            servers::ends_despite_a_client_that_sends_no_fin => 0 {
                en: "ends within 2 s of your exit when the client sends no FIN (netAssist's 断开 on Linux)",
                zh: "客户端不发送 FIN 时（Linux 上 netAssist 的 断开），在你输入 exit 后 2 秒内结束",
            },
            servers::a_trickling_client_cannot_hold_the_close => 0 {
                en: "a client that trickles bytes after your exit cannot hold the close past 2 s",
                zh: "在你输入 exit 之后仍然一点点发送数据的客户端，不能让关闭拖过 2 秒",
            },
            servers::works_with_the_workbook_client => 1 {
                en: "works with the workbook's client, process to process",
                zh: "能与练习册自带的客户端（另一个进程）配合工作",
            },
        ],
    },
    Lesson {
        name: "example2_server",
        family: Family::Server,
        teaches: Words {
            en: "示例2, the lesson's second complete server: as 示例1, and the client's exit ends it too",
            zh: "示例2，课程中的第二个完整服务端：与示例1相同，此外客户端发送 exit 也会结束",
        },
        page: Some(Page { shows: &["no-line-end"] }),
        exercise: Some(Exercise {
            key: "e2",
            file: "exercise_example2_server",
            todo: Words {
                en: "The client's exit ends the session too: when message::is_exit(&data.text), say so and break false.",
                zh: "客户端发送 exit 也会结束会话：message::is_exit(&data.text) 成立时，说明这一点并 break false。",
            },
        }),
        checks: checks![
            servers::prints_each_line_and_sends_the_typed_reply => 0,
            servers::frames_two_messages_in_one_read => 2,
            servers::frames_a_message_sent_byte_by_byte => 0,
            servers::prints_a_64_kib_line_whole => 0,
            servers::cuts_a_line_over_the_limit => 0,
            servers::suggests_gbk_for_gbk_bytes => 0,
            servers::survives_invalid_bytes => 0,
            servers::speaks_gbk_with_the_flag => 0,
            servers::survives_invalid_typed_bytes => 0,
            servers::ends_promptly_when_the_client_closes => 0,
            servers::ends_when_the_client_resets => 0,
            servers::ends_when_stdin_closes => 0,
            servers::tells_a_waiting_client_when_it_ends => 0,
            servers::serves_clients_one_after_another_with_keep_serving => 0,
            servers::takes_bytes_with_no_line_ending_as_one_message => 0,
            servers::takes_exit_however_it_ends => 4,
            servers::asks_nothing_after_the_client_left => 0,
            servers::serves_netassist_with_its_defaults => 0,
            servers::ends_despite_a_client_that_sends_no_fin => 0,
            servers::a_trickling_client_cannot_hold_the_close => 0,
            servers::works_with_the_workbook_client => 0,
        ],
    },
    Lesson {
        name: "client",
        family: Family::Client,
        teaches: Words {
            en: "A TCP client for the lessons: interactive, scripted with --send and --expect, or --like-netassist (UTF-8, no line ending, one write per message)",
            zh: "课程用的 TCP 客户端：可以交互使用，也可以用 --send 和 --expect 编写脚本，或者用 --like-netassist 模拟 netAssist（UTF-8、不加换行、每条消息写一次）",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            client_tool::waits_for_a_slow_reply => 0 {
                en: "the scripted client waits for a reply that comes late, and for the end",
                zh: "脚本模式的客户端会等待迟到的回复，以及连接的结束",
            },
            client_tool::reports_a_server_that_closes_at_once => 0 {
                en: "a server that closes at once fails the expectation with the reason, exit status 1",
                zh: "服务器立即关闭时，期望不成立并说明原因，退出码为 1",
            },
            client_tool::times_out_on_a_silent_server => 0 {
                en: "a server that never answers: the timeout fires and names the expectation",
                zh: "服务器从不应答时：超时触发，并指出是哪个期望",
            },
            client_tool::explains_connection_refused => 0 {
                en: "nothing listening: one message with the address and the command that starts a server",
                zh: "没有程序监听时：一条消息，指出地址和启动服务器的命令",
            },
            client_tool::sends_typed_lines_and_prints_replies => 0 {
                en: "each typed line is sent and each reply printed; exit ends it with the byte counts",
                zh: "发送输入的每一行并打印每条回复；exit 结束并报告字节数",
            },
            client_tool::prints_replies_as_they_arrive => 0 {
                en: "prints what the server sends as it arrives, while waiting for typing",
                zh: "在等待输入的同时，服务器发来的内容一到就打印",
            },
            client_tool::waits_for_the_server_after_the_end_of_input => 0 {
                en: "Ctrl+D closes the sending side, and it waits for the server's last words",
                zh: "Ctrl+D 关闭发送方向，然后等待服务器的最后回复",
            },
            client_tool::speaks_hex_with_timestamps => 0 {
                en: "--hex sends and shows hex; --timestamps stamps what arrives",
                zh: "--hex 以十六进制发送和显示；--timestamps 给收到的内容加时间戳",
            },
            client_tool::shapes_the_bytes_by_suffix_and_encoding => 0 {
                en: "--suffix crlf and --encoding gbk shape the bytes on the wire",
                zh: "--suffix crlf 和 --encoding gbk 决定线路上的字节",
            },
            client_tool::refuses_bad_hex => 0 {
                en: "hex that is not hex exits 2 before connecting",
                zh: "不是十六进制的 --hex 输入在连接之前以退出码 2 退出",
            },
            client_tool::sends_in_a_row_are_separate_messages_to_step5 => 0 {
                en: "three --send in a row reach step 5 as three messages, and exit ends its session",
                zh: "连续三个 --send 作为三条消息到达第 5 步，exit 结束会话",
            },
            client_tool::like_netassist_sends_the_bare_text_and_shows_each_read => 0 {
                en: "--like-netassist sends the bare text and shows each read on a line of its own",
                zh: "--like-netassist 只发送文本本身，每次读取单独显示一行",
            },
            client_tool::like_netassist_reports_a_read_that_is_not_utf8 => 0 {
                en: "--like-netassist reports a read that is not UTF-8, as netAssist's 解码错误",
                zh: "--like-netassist 像网络调试助手的“解码错误”一样报告不是 UTF-8 的读取",
            },
            client_tool::like_netassist_takes_no_suffix => 0 {
                en: "--like-netassist with a --suffix exits 2",
                zh: "--like-netassist 加 --suffix 以退出码 2 退出",
            },
        ],
    },
    Lesson {
        name: "extra_count_bytes",
        family: Family::Extra,
        teaches: Words {
            en: "Extra: step 5, and the number of bytes the client sent in all",
            zh: "附加练习：在第 5 步的基础上，统计客户端一共发送了多少字节",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "count_bytes",
            file: "exercise_count_bytes",
            todo: Words {
                en: "Add the size of this read, bytes.len(), to `total` (a u64): the line after the loop shows it.",
                zh: "把这次读到的字节数 bytes.len() 加到 `total`（u64）上：循环之后的那一行会显示它。",
            },
        }),
        checks: checks![
            extras::counts_every_byte => 3 {
                en: "adds up every byte the client sent and prints the total",
                zh: "累计客户端发送的所有字节并打印总数",
            },
            extras::counts_the_bytes_of_a_client_that_closes => 2 {
                en: "prints the total when the client closes, too",
                zh: "客户端关闭连接时也打印总数",
            },
        ],
    },
    Lesson {
        name: "extra_echo",
        family: Family::Extra,
        teaches: Words {
            en: "Extra: step 7, sending each read back to the client as it came",
            zh: "附加练习：在第 7 步的基础上，把每次收到的数据原样发回客户端",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "echo",
            file: "exercise_echo",
            todo: Words {
                en: "Send the bytes you just read, `bytes`, back to the client as they came (conn.write_all), and show with say! how many you echoed; if the client has gone (failure::peer_left), say so and end the loop.",
                zh: "把刚读到的 `bytes` 原样发回客户端（conn.write_all），并用 say! 显示发回了多少字节；如果客户端已经离开（failure::peer_left），说明这一点并结束循环。",
            },
        }),
        checks: checks![
            extras::sends_each_read_back => 3 {
                en: "sends each read back as it came, with nobody at the keyboard",
                zh: "无需有人在键盘前输入，把每次读到的数据原样发回",
            },
            extras::ends_when_the_client_closes => 2 {
                en: "ends the session when the client closes",
                zh: "客户端关闭连接时结束会话",
            },
            extras::echo_stops_waiting_for_a_trickling_client => 0 {
                en: "after exit, waits 2 s at most for the client to close, however it trickles bytes",
                zh: "收到 exit 后最多等 2 秒让客户端关闭，无论它怎样一点点地发送字节",
            },
        ],
    },
    Lesson {
        name: "extra_serial",
        family: Family::Extra,
        teaches: Words {
            en: "Extra: step 7, serving several clients one after another",
            zh: "附加练习：在第 7 步的基础上，一个接一个地服务多个客户端",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "serial",
            file: "exercise_serial",
            todo: Words {
                en: "Serve `clients` clients one after another: for each number from 1 to `clients`, show with say! which client of how many is served, then accept it (wait_for_client), converse with it and close its connection (close_connection(conn, peer, true)).",
                zh: "一个接一个地服务 `clients` 个客户端：对从 1 到 `clients` 的每个编号，用 say! 显示正在服务第几个（共几个），然后接受它（wait_for_client）、与它对话（converse），再关闭连接（close_connection(conn, peer, true)）。",
            },
        }),
        checks: checks![
            extras::serves_two_clients_one_after_another => 3 {
                en: "serves two clients one after another, then ends",
                zh: "一个接一个地服务两个客户端，然后结束",
            },
            extras::serves_a_waiting_client_next => 2 {
                en: "serves a client that waited in the backlog next",
                zh: "接着服务在 backlog 中等待的客户端",
            },
            extras::serves_the_next_client_when_one_closes => 0 {
                en: "a client that closes without exit ends its session at once; the next is served",
                zh: "客户端不发送 exit 就关闭连接时，立即结束它的会话，并接着服务下一个客户端",
            },
            extras::serial_stops_waiting_for_a_trickling_client => 0 {
                en: "after exit, waits 2 s at most for the client to close, however it trickles bytes",
                zh: "收到 exit 后最多等 2 秒让客户端关闭，无论它怎样一点点地发送字节",
            },
        ],
    },
    Lesson {
        name: "pitfall_byte_stream",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: TCP is a byte stream, three writes arrive as one read (粘包); fix: frame by line",
            zh: "陷阱：TCP 是字节流，三次写入会在一次读取中到达（粘包）；修正：按行分帧",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::glues_three_writes_into_one_read => 0 {
                en: "three quick writes arrive as one read, and `exit` is never seen alone",
                zh: "三次快速写入在一次读取中到达，`exit` 永远不会单独出现",
            },
            pitfalls::finds_each_line_and_stops_at_exit_when_fixed => 0 {
                en: "fixed: framed by line, the three messages come apart and `exit` stops it",
                zh: "修正后：按行分帧，三条消息被分开，`exit` 让服务器停止",
            },
            pitfalls::explains_itself_in_help => 0 {
                en: "`--help` names the pitfall and offers --fixed, in English and in Chinese",
                zh: "`--help` 说明这个陷阱并提供 --fixed，中英文都有",
            },
            pitfalls::speaks_chinese => 0 {
                en: "says which mode it runs (the mistake or the fix) in Chinese",
                zh: "用中文说明运行的是哪种写法（错误的或修正后的）",
            },
            pitfalls::rejects_an_unknown_flag_with_usage => 0 {
                en: "an unknown flag: exit status 2 and the usage, no panic",
                zh: "未知的参数：退出码为 2 并显示用法，不会 panic",
            },
        ],
    },
    Lesson {
        name: "pitfall_split_utf8",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: a character split across two reads fails to decode; fix: carry its bytes to the next read",
            zh: "陷阱：一个字符被拆在两次读取中，单独解码会失败；修正：把不完整的字节留到下一次读取时拼接",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::cannot_decode_either_half => 0 {
                en: "a 1024-byte read cuts `你`: neither read decodes, the character is lost",
                zh: "1024 字节的读取截断了“你”：两次读取都无法解码，这个字符丢失了",
            },
            pitfalls::carries_the_cut_bytes_over_when_fixed => 0 {
                en: "fixed: the cut bytes wait for the next read and the text arrives whole",
                zh: "修正后：被截断的字节留到下一次读取，文本完整到达",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_eof_spin",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: a read of 0 bytes means the peer closed, and the lesson's loop spins; fix: stop on 0",
            zh: "陷阱：读到 0 字节表示对方已关闭，课程里的循环会空转；修正：读到 0 就停止",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::reads_zero_bytes_until_its_cap => 0 {
                en: "after the client leaves, the loop reads 0 bytes again and again, up to its cap",
                zh: "客户端离开后，循环一次又一次地读到 0 字节，直到上限",
            },
            pitfalls::stops_at_the_first_empty_read_when_fixed => 0 {
                en: "fixed: the loop stops at its first read of 0 bytes",
                zh: "修正后：循环在第一次读到 0 字节时停止",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_partial_write",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: send() may take fewer bytes than it was given; fix: write_all (Python: sendall)",
            zh: "陷阱：send() 实际发送的字节数可能少于交给它的字节数；修正：改用 write_all（Python：sendall）",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::loses_what_send_did_not_take => 0 {
                en: "one send() takes part of 1 MiB, and the rest is lost without an error",
                zh: "一次 send() 只发出 1 MiB 中的一部分，其余部分在没有错误的情况下丢失",
            },
            pitfalls::delivers_every_byte_when_fixed => 0 {
                en: "fixed: write_all sends the rest, and every byte arrives in order",
                zh: "修正后：write_all 发送剩余部分，每个字节都按顺序到达",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_nagle",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: write, write, read waits for delayed ACKs (Nagle); fix: one write, or TCP_NODELAY",
            zh: "陷阱：连写两次再读，会卡在等待延迟 ACK 上（Nagle 算法）；修正：只写一次，或开启 TCP_NODELAY",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::prints_the_median_of_each_way => 0 {
                en: "measures 9 rounds of each way and prints their median",
                zh: "每种写法测量 9 轮，并打印中位数",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_localhost",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: localhost may mean ::1 first, and an IPv4 server refuses; fix: bind and connect to the literal address",
            zh: "陷阱：localhost 可能先解析为 ::1，于是连不上 IPv4 服务端；修正：绑定和连接都写具体的 IP 地址",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::other_family_does_not_reach_the_server => 0 {
                en: "shows what localhost resolves to; a client at ::1 does not reach the IPv4 server",
                zh: "显示 localhost 解析成的地址；连接 ::1 的客户端到达不了 IPv4 服务器",
            },
            pitfalls::connects_on_the_literal_address_when_fixed => 0 {
                en: "fixed: on the same literal address, the client connects and the message goes through",
                zh: "修正后：使用同一个字面地址，客户端能连上，消息能送达",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_time_wait",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: a restart right after a close finds the port in use (TIME_WAIT); fix: SO_REUSEADDR",
            zh: "陷阱：关闭后立即重启，端口仍被占用（TIME_WAIT）；修正：设置 SO_REUSEADDR",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::blocks_a_restart_without_reuseaddr => 0 {
                en: "without SO_REUSEADDR, a restart meets AddrInUse (Linux and macOS)",
                zh: "没有 SO_REUSEADDR 时，重启会遇到 AddrInUse（Linux 和 macOS）",
            },
            pitfalls::restarts_at_once_when_fixed => 0 {
                en: "fixed: with SO_REUSEADDR the restart binds the same address at once",
                zh: "修正后：设置 SO_REUSEADDR，重启能立即绑定同一个地址",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_backlog",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: listen(1) with nothing accepting: how many clients get in, what the others see; fix: a real backlog",
            zh: "陷阱：listen(1) 且没有调用 accept()：有几个客户端能连上，其余的会怎样；修正：设置足够大的 backlog",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::lets_at_least_one_client_in => 0 {
                en: "listen(1) with nothing accepting: at least one of 5 clients connects",
                zh: "listen(1) 且没有调用 accept：5 个客户端中至少有一个能连上",
            },
            pitfalls::queues_every_client_when_fixed => 0 {
                en: "fixed: a backlog of 128 queues all 5 clients",
                zh: "修正后：backlog 为 128，5 个客户端都能排上队",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_reset_on_close",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: closing with unread data resets the connection; fix: shutdown, read to the end, then close",
            zh: "陷阱：还有数据未读取就关闭，连接会被重置；修正：先 shutdown，读到数据流结束，再关闭",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::resets_the_client => 0 {
                en: "closing with 41 bytes unread resets the client instead of ending its stream",
                zh: "还有 41 字节未读就关闭，客户端收到连接重置，而不是流的结束",
            },
            pitfalls::ends_cleanly_when_fixed => 0 {
                en: "fixed: shut down, read to the end, close: the client reads the reply and the end",
                zh: "修正后：先 shutdown，读完，再关闭：客户端读到回复和流的结束",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "pitfall_bind_all",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: binding 0.0.0.0 opens the server to the whole network; fix: bind 127.0.0.1",
            zh: "陷阱：绑定 0.0.0.0 会把服务端暴露给整个网络；修正：绑定 127.0.0.1",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            pitfalls::answers_on_every_address => 0 {
                en: "bound to 0.0.0.0 it answers on every address, and knocks on loopback only under a check",
                zh: "绑定 0.0.0.0 时在所有地址上都能应答；在检查中只敲本机回环地址",
            },
            pitfalls::answers_on_loopback_only_when_fixed => 0 {
                en: "fixed: bound to 127.0.0.1 it answers there only",
                zh: "修正后：绑定 127.0.0.1，只在这个地址上应答",
            },
            pitfalls::explains_itself_in_help => 0,
            pitfalls::speaks_chinese => 0,
            pitfalls::rejects_an_unknown_flag_with_usage => 0,
        ],
    },
    Lesson {
        name: "step8_threads",
        family: Family::Ladder,
        teaches: Words {
            en: "Step 8: many clients at once, one thread per client (an echo server)",
            zh: "第 8 步：同时服务多个客户端，每个客户端一个线程（回显服务端）",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            ladder::serves_many_clients_at_once => 0 {
                en: "many clients at once each get exactly their own lines back",
                zh: "许多客户端同时连接，每个都收到自己发的那几行",
            },
            ladder::exit_from_one_leaves_the_others_served => 0 {
                en: "one client's exit ends its session only; the others are served on",
                zh: "一个客户端的 exit 只结束它自己的会话，其他客户端继续得到服务",
            },
            ladder::tells_a_client_over_the_limit_that_the_server_is_full => 0 {
                en: "a client over --max-connections reads that the server is full",
                zh: "超过 --max-connections 的客户端会读到“服务器已满”",
            },
            ladder::refuses_an_over_long_line_and_serves_on => 0 {
                en: "a line over --max-line is refused with a message, and service goes on",
                zh: "超过 --max-line 的行被拒绝并给出消息，服务继续",
            },
            ladder::closes_a_silent_client_after_the_idle_timeout => 0 {
                en: "a client silent for --idle-timeout is told why and closed",
                zh: "在 --idle-timeout 内没有发送任何内容的客户端会被告知原因并被关闭",
            },
            ladder::closes_a_trickling_client_when_its_line_is_due => 0 {
                en: "a client that trickles bytes without a whole line is closed when its line is due",
                zh: "一点点发送字节却始终不发完整一行的客户端，在该行到期时被关闭",
            },
            ladder::serves_on_while_nobody_reads_its_stdout => 0 {
                en: "a stdout nobody reads never holds up service; the dropped lines are counted",
                zh: "没人读取标准输出也不会阻塞服务；被丢弃的行会被计数",
            },
            ladder::stops_cleanly_when_stdin_closes => 0 {
                en: "the end of stdin stops the server with exit status 0, clients connected",
                zh: "标准输入结束时服务器以退出码 0 停止，即使还有客户端连接",
            },
            ladder::speaks_chinese_to_the_operator => 0 {
                en: "in Chinese, it prints what it receives in Chinese, the address ending the readiness line",
                zh: "中文模式下用中文打印收到的内容，就绪行仍以地址结尾",
            },
            ladder::explains_its_flags_and_refuses_bad_values => 0 {
                en: "`--help` says how it serves many clients; a bad limit exits 2 with the range",
                zh: "`--help` 说明它怎样服务多个客户端；错误的限制值以退出码 2 退出并给出范围",
            },
        ],
    },
    Lesson {
        name: "step9_pool",
        family: Family::Ladder,
        teaches: Words {
            en: "Step 9: a fixed pool of worker threads and a bounded queue of clients (an echo server)",
            zh: "第 9 步：固定数量的工作线程和一个有界的客户端队列（回显服务端）",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            ladder::serves_many_clients_at_once => 0,
            ladder::exit_from_one_leaves_the_others_served => 0,
            ladder::queues_clients_while_the_workers_are_busy_and_refuses_when_full => 0 {
                en: "with the worker busy the next client waits in the queue; with the queue full one more is refused",
                zh: "工作线程忙时下一个客户端在队列中等待；队列满时再来的客户端被拒绝",
            },
            ladder::refuses_an_over_long_line_and_serves_on => 0,
            ladder::closes_a_silent_client_after_the_idle_timeout => 0,
            ladder::closes_a_trickling_client_when_its_line_is_due => 0,
            ladder::serves_on_while_nobody_reads_its_stdout => 0,
            ladder::stops_cleanly_when_stdin_closes => 0,
            ladder::speaks_chinese_to_the_operator => 0,
            ladder::explains_its_flags_and_refuses_bad_values => 0,
        ],
    },
    Lesson {
        name: "step10_nonblocking",
        family: Family::Ladder,
        teaches: Words {
            en: "Step 10: one thread, non-blocking sockets and readiness events with mio (an echo server)",
            zh: "第 10 步：一个线程、非阻塞 socket 和 mio 的就绪事件（回显服务端）",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            ladder::serves_many_clients_at_once => 0,
            ladder::exit_from_one_leaves_the_others_served => 0,
            ladder::tells_a_client_over_the_limit_that_the_server_is_full => 0,
            ladder::refuses_an_over_long_line_and_serves_on => 0,
            ladder::closes_a_silent_client_after_the_idle_timeout => 0,
            ladder::closes_a_trickling_client_when_its_line_is_due => 0,
            ladder::serves_on_while_nobody_reads_its_stdout => 0,
            ladder::stops_cleanly_when_stdin_closes => 0,
            ladder::speaks_chinese_to_the_operator => 0,
            ladder::explains_its_flags_and_refuses_bad_values => 0,
        ],
    },
    Lesson {
        name: "step11_async",
        family: Family::Ladder,
        teaches: Words {
            en: "Step 11: async tasks with tokio, one task per client (an echo server)",
            zh: "第 11 步：用 tokio 的异步任务，每个客户端一个任务（回显服务端）",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            ladder::serves_many_clients_at_once => 0,
            ladder::exit_from_one_leaves_the_others_served => 0,
            ladder::tells_a_client_over_the_limit_that_the_server_is_full => 0,
            ladder::refuses_an_over_long_line_and_serves_on => 0,
            ladder::closes_a_silent_client_after_the_idle_timeout => 0,
            ladder::closes_a_trickling_client_when_its_line_is_due => 0,
            ladder::serves_on_while_nobody_reads_its_stdout => 0,
            ladder::stops_cleanly_when_stdin_closes => 0,
            ladder::speaks_chinese_to_the_operator => 0,
            ladder::explains_its_flags_and_refuses_bad_values => 0,
        ],
    },
    Lesson {
        name: "chat_server",
        family: Family::Ladder,
        teaches: Words {
            en: "The capstone: a chat server; each line from one client goes to all the others",
            zh: "综合练习：聊天服务端，一个客户端发来的每一行都转发给其他所有客户端",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            chat::each_line_goes_to_every_other_client_once_and_not_back => 0 {
                en: "each line reaches every other client exactly once and never comes back",
                zh: "每一行恰好到达其他每个客户端一次，不会回到发送者",
            },
            chat::asks_again_for_a_name_in_use_or_empty => 0 {
                en: "a name in use, or an empty one, is refused and asked again",
                zh: "已被使用的名字或空名字会被拒绝，并再次询问",
            },
            chat::relays_escapes_and_bidi_controls_escaped => 0 {
                en: "escape sequences and bidi controls reach the others escaped, never raw",
                zh: "转义序列和双向控制字符以转义形式送达其他人，从不原样送达",
            },
            chat::refuses_look_alike_and_invisible_names => 0 {
                en: "names are compared in NFKC without case; invisible characters are refused",
                zh: "名字按 NFKC 且不区分大小写比较；含不可见字符的名字被拒绝",
            },
            chat::exit_from_one_leaves_the_others_chatting => 0 {
                en: "when one client leaves with exit, the others read that it left and chat on",
                zh: "一个客户端用 exit 离开后，其他人读到它离开的通知并继续聊天",
            },
            chat::tells_a_client_over_the_limit_that_the_server_is_full => 0,
            chat::refuses_an_over_long_line_and_chats_on => 0 {
                en: "an over-long line is refused to its sender and reaches nobody",
                zh: "过长的行被拒绝并告知发送者，不会送达任何人",
            },
            chat::closes_a_silent_client_after_the_idle_timeout => 0,
            chat::closes_a_client_trickling_its_name => 0 {
                en: "a client trickling its name without a newline is closed when its line is due",
                zh: "一点点发送名字却不换行的客户端在该行到期时被关闭",
            },
            chat::explains_itself => 0 {
                en: "`--help` names the chat server",
                zh: "`--help` 说明这是聊天服务器",
            },
        ],
    },
    Lesson {
        name: "loadgen",
        family: Family::Tool,
        teaches: Words {
            en: "A load generator: N clients at once send M lines each to a line echo server, and it reports throughput and latency",
            zh: "压力测试工具：N 个客户端同时向按行回显的服务端各发送 M 行，并报告吞吐量和延迟",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![
            ladder::counts_every_echo_of_every_client => 0 {
                en: "against step 8, counts every echo of 20 clients and prints a summary for programs",
                zh: "对第 8 步的服务器统计 20 个客户端的每次回显，并打印给程序读的摘要",
            },
            ladder::counts_the_clients_a_full_server_refused => 0 {
                en: "counts the clients a full server refused, with the server's own words",
                zh: "统计已满的服务器拒绝了多少客户端，并引用服务器的原话",
            },
            ladder::refuses_a_timeout_out_of_range => 0 {
                en: "a --timeout out of range exits 2 with the range",
                zh: "超出范围的 --timeout 以退出码 2 退出并给出范围",
            },
            ladder::says_clearly_when_nothing_listens => 0 {
                en: "where nothing listens: exit status 1, the address and a hint",
                zh: "没有程序监听时：退出码为 1，指出地址并给出提示",
            },
        ],
    },
    Lesson {
        name: "bench",
        family: Family::Tool,
        teaches: Words {
            en: "Benchmarks the ladder's servers against socat and Python's echo servers with loadgen, and prints a table",
            zh: "用 loadgen 对比测试阶梯中的服务端与 socat、Python 回显服务端，并打印结果表格",
        },
        page: Some(Page { shows: &[] }),
        exercise: None,
        checks: checks![],
    },
    // The client's side of the lesson (Socket客户端: 主动连接服务端、可以发送消息、可以接收回复),
    // one call at a time; checked against a scripted server of the checker's own.
    // Their pages are written (docs/en/NAME.md, docs/zh/NAME.md, with the whole program
    // included by mdBook) but marked `None` until the book's test reads included code.
    Lesson {
        name: "client1_connect",
        family: Family::ClientStep,
        teaches: Words {
            en: "Client step 1: create a socket and connect to the server (Python: connect(('127.0.0.1', 8888)))",
            zh: "客户端第 1 步：创建 socket 并连接到服务端（Python：connect(('127.0.0.1', 8888))）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "c1",
            file: "exercise_client1_connect",
            todo: Words {
                en: "Connect `client` to `server` within `timeout`: client.connect_timeout(&server.into(), timeout), its error made clear with .map_err(|error| connect_failed(error, server, timeout))? (refused: the command that starts a server; no answer: the deadline). Then print with say! that you are connected, and the client's own address: addr_of(client.local_addr())?.",
                zh: "在 timeout 之内把 client 连接到 server：client.connect_timeout(&server.into(), timeout)，并用 .map_err(|error| connect_failed(error, server, timeout))? 把错误说清楚（被拒绝时给出启动服务端的命令；无人应答时说明期限）。然后用 say! 打印已经连接，以及本机这一端的地址：addr_of(client.local_addr())?。",
            },
        }),
        checks: checks![
            clients::connects_and_shows_its_own_address => 3 {
                en: "connects to the address it is given, prints its own address (ip:port), exits 0",
                zh: "连接到给定的地址，打印本机这一端的地址（ip:端口），以退出码 0 退出",
            },
            clients::explains_a_refused_connection => 2 {
                en: "nothing listens: exit status 1 and a message that names the address, no panic",
                zh: "没有程序在监听时：退出码为 1，错误信息指出地址，不会 panic",
            },
            clients::gives_up_when_nothing_answers => 1 {
                en: "a connect nobody answers: gives up at its --timeout, exit status 1, names the address",
                zh: "connect 无人应答时：在 --timeout 到期时放弃，退出码为 1，并指出地址",
            },
        ],
    },
    Lesson {
        name: "client2_send",
        family: Family::ClientStep,
        teaches: Words {
            en: "Client step 2: ... and send each line you type (Python: send(msg.encode(\"UTF-8\")))",
            zh: "客户端第 2 步：……并发送你输入的每一行（Python：send(msg.encode(\"UTF-8\"))）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "c2",
            file: "exercise_client2_send",
            todo: Words {
                en: "Send the line you typed, `msg`, as it is (UTF-8, no line ending added), in one write: client.write_all(msg.as_bytes()) with .with_context(|| Failed::Send(server))?. Then print with say! what you sent: show(msg.as_bytes()) quotes it.",
                zh: "把你输入的这一行 msg 原样（UTF-8，不加换行符）一次写出：client.write_all(msg.as_bytes())，并加上 .with_context(|| Failed::Send(server))?。然后用 say! 打印发送了什么：show(msg.as_bytes()) 会给它加上引号。",
            },
        }),
        checks: checks![
            clients::sends_each_line_as_typed => 3 {
                en: "sends each typed line as typed, UTF-8; the end of input closes with a FIN, exit 0",
                zh: "把输入的每一行原样（UTF-8）发送；输入结束时以 FIN 关闭，退出码为 0",
            },
            clients::ends_when_the_server_has_gone => 1 {
                en: "the server closed and more lines are typed: ends without a panic",
                zh: "服务端已关闭而你还在输入：程序结束，不会 panic",
            },
            clients::explains_a_refused_connection => 0,
        ],
    },
    Lesson {
        name: "client3_recv",
        family: Family::ClientStep,
        teaches: Words {
            en: "Client step 3: ... and receive the server's reply to each (Python: recv(1024).decode(\"UTF-8\"))",
            zh: "客户端第 3 步：……并接收服务端对每条消息的回复（Python：recv(1024).decode(\"UTF-8\")）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "c3",
            file: "exercise_client3_recv",
            todo: Words {
                en: "Receive the reply: one client.read(&mut buffer), with a 1024-byte buffer (let mut buffer = [0u8; 1024];), is recv(1024). A read that gave up (timed_out(&error): open() gave each read the --timeout deadline) returns Err(no_reply(server, timeout)). 0 bytes means the server closed: say so with say! and break. Otherwise print the reply's text, show(&buffer[..n]), with say!.",
                zh: "接收回复：用 1024 字节的缓冲区（let mut buffer = [0u8; 1024];）调用一次 client.read(&mut buffer)，就是 recv(1024)。读取超时（timed_out(&error) 成立：open() 给每次读取设置了 --timeout 期限）时返回 Err(no_reply(server, timeout))。读到 0 字节表示服务端关闭了连接：用 say! 说明并 break。否则用 say! 打印回复的内容 show(&buffer[..n])。",
            },
        }),
        checks: checks![
            clients::prints_each_reply => 3 {
                en: "reads the reply to each message and prints its text before sending the next",
                zh: "每发送一条消息就读取回复并打印其内容，然后才发送下一条",
            },
            clients::ends_when_the_server_closes => 2 {
                en: "recv returns 0 bytes when the server closes: stops sending, exits 0",
                zh: "服务端关闭时 recv 返回 0 字节：停止发送，以退出码 0 退出",
            },
            clients::gives_up_on_a_server_that_never_replies => 1 {
                en: "no reply: gives up at its --timeout, exit status 1, names the server's address",
                zh: "没有回复时：在 --timeout 到期时放弃，退出码为 1，并指出服务端地址",
            },
            clients::prints_replies_in_pieces_and_together => 1 {
                en: "prints a reply that comes in two pieces and two replies that come in one read",
                zh: "分两次到达的回复、在一次读取中一起到达的两条回复，都能打印出来",
            },
            clients::sends_each_line_as_typed => 0,
            clients::explains_a_refused_connection => 0,
        ],
    },
    Lesson {
        name: "client4_close",
        family: Family::ClientStep,
        teaches: Words {
            en: "Client step 4: exit, then close in three moves: shutdown, read to the end, close (Python: close())",
            zh: "客户端第 4 步：输入 exit 后分三步关闭：shutdown、读到数据流结束、close（Python：close()）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "c4",
            file: "exercise_client4_close",
            todo: Words {
                en: "Close in three moves. client.shutdown(Shutdown::Write), with .or_else(connect::already_closed) (a connection the server reset is closed already) and .with_context(|| Failed::Shutdown(server))?, then say! that the sending side is shut down. Read in a loop with client.read(&mut buffer): print with say! what still arrives, show(&buffer[..n]); stop at Ok(0) (say that the server closed its side too) or at a read that gave up, timed_out(&error) (say that it did not close in time). Then drop(client) and say! that the connection is closed.",
                zh: "分三步关闭。client.shutdown(Shutdown::Write)，加上 .or_else(connect::already_closed)（被服务端重置的连接已经关闭了）和 .with_context(|| Failed::Shutdown(server))?，然后用 say! 说明发送方向已关闭。用 client.read(&mut buffer) 循环读取：用 say! 打印还在到达的数据 show(&buffer[..n])；读到 Ok(0) 时停止（说明服务端也关闭了它那一端），读取超时 timed_out(&error) 时也停止（说明它没有按时关闭）。最后 drop(client)，并用 say! 说明连接已关闭。",
            },
        }),
        checks: checks![
            clients::shuts_down_then_reads_to_the_end => 4 {
                en: "after exit: shutdown(Write) (the server reads a FIN), then reads the server's last words until it closes",
                zh: "exit 之后：先 shutdown(Write)（服务端读到 FIN），再读取服务端最后发来的数据，直到它关闭",
            },
            clients::reads_a_long_reply_to_its_end => 1 {
                en: "after its FIN, reads a 3000-byte reply whole, over several reads",
                zh: "发送 FIN 之后，分几次读取，完整读到 3000 字节的回复",
            },
            clients::gives_up_on_a_server_that_does_not_close => 1 {
                en: "a server that never closes its side: prints what came, gives up at its --timeout",
                zh: "服务端一直不关闭它那一端：打印收到的数据，在 --timeout 到期时放弃",
            },
            clients::stops_on_exit => 0 {
                en: "exit ends the conversation; a line that only contains the word does not",
                zh: "exit 结束对话；只是包含这个词的一行不会",
            },
            clients::prints_each_reply => 0,
            clients::ends_when_the_server_closes => 0,
            clients::gives_up_on_a_server_that_never_replies => 0,
            clients::prints_replies_in_pieces_and_together => 0,
            clients::sends_each_line_as_typed => 0,
            clients::talks_with_its_example2_server => 0 {
                en: "the capstone pair: talks with the 示例2 server of the same hand, both end with exit 0",
                zh: "综合练习：与同一个人写的示例2服务端对话，双方都以退出码 0 结束",
            },
        ],
    },
    // UDP, netAssist's third mode: a server and a client without a connection.
    Lesson {
        name: "udp_server",
        family: Family::Udp,
        teaches: Words {
            en: "UDP server: bind, then recvfrom and sendto, one datagram each; no listen, no accept, no connection (Python: recvfrom(1024))",
            zh: "UDP 服务端：bind 之后用 recvfrom 和 sendto 收发数据报，一次一个；没有 listen、没有 accept、没有连接（Python：recvfrom(1024)）",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "u1",
            file: "exercise_udp_server",
            todo: Words {
                en: "With a 1024-byte buffer (let mut buffer = [0u8; 1024];), in a loop: server.recv_from(&mut buffer) gives one datagram, (n, peer) (skip an ErrorKind::ConnectionReset: Windows reports an earlier ICMP that way). Print with say! the sender, peer, and the datagram, show(&buffer[..n]). If is_exit(&String::from_utf8_lossy(&buffer[..n])), say so and break. Else prompt! for a reply, read it with typed_line()? (None: say that stdin closed and break), send it to the sender with server.send_to(reply.as_bytes(), peer) (.with_context(|| Failed::Send(peer))?) and say! what you sent.",
                zh: "准备 1024 字节的缓冲区（let mut buffer = [0u8; 1024];），然后循环：server.recv_from(&mut buffer) 得到一个数据报 (n, peer)（遇到 ErrorKind::ConnectionReset 时跳过：Windows 用它报告之前的 ICMP）。用 say! 打印发送方 peer 和数据报 show(&buffer[..n])。如果 is_exit(&String::from_utf8_lossy(&buffer[..n])) 成立，说明后 break。否则用 prompt! 提示输入回复，用 typed_line()? 读取（None：说明标准输入已关闭并 break），再用 server.send_to(reply.as_bytes(), peer)（加上 .with_context(|| Failed::Send(peer))?）发回给发送方，并用 say! 打印发送了什么。",
            },
        }),
        checks: checks![
            udp::udp_server_replies_to_each_sender => 3 {
                en: "prints each datagram with its sender, sends the typed reply back to that address; exit ends it",
                zh: "打印每个数据报及其发送方地址，把输入的回复发回这个地址；收到 exit 时结束",
            },
            udp::udp_server_keeps_datagrams_apart => 2 {
                en: "two datagrams stay two, and an empty one is no end",
                zh: "两个数据报始终是两个，空数据报也不表示结束",
            },
        ],
    },
    Lesson {
        name: "udp_client",
        family: Family::Udp,
        teaches: Words {
            en: "UDP client: each line you type is one datagram to the server (sendto), each reply one recvfrom; no connect needed",
            zh: "UDP 客户端：你输入的每一行就是发给服务端的一个数据报（sendto），每条回复是一次 recvfrom；不需要 connect",
        },
        page: Some(Page { shows: &[] }),
        exercise: Some(Exercise {
            key: "u2",
            file: "exercise_udp_client",
            todo: Words {
                en: "Send the line, `msg`, as one datagram: client.send_to(msg.as_bytes(), server) (.with_context(|| Failed::Send(server))?), and say! what you sent. If is_exit(&msg), break. Then one client.recv_from(&mut buffer): print with say! who replied and what, show(&buffer[..n]); a receive that gave up (timed_out(&error), or ErrorKind::ConnectionReset on Windows) is no failure: warn! on stderr that no reply came within the timeout, and go on.",
                zh: "把这一行 msg 作为一个数据报发送：client.send_to(msg.as_bytes(), server)（加上 .with_context(|| Failed::Send(server))?），并用 say! 打印发送了什么。如果 is_exit(&msg) 成立就 break。然后调用一次 client.recv_from(&mut buffer)：用 say! 打印谁回复了什么 show(&buffer[..n])；接收超时（timed_out(&error)，或 Windows 上的 ErrorKind::ConnectionReset）不算失败：用 warn! 在标准错误上说明在期限内没有收到回复，然后继续。",
            },
        }),
        checks: checks![
            udp::udp_client_sends_each_line_and_prints_each_reply => 3 {
                en: "each typed line is one datagram; prints each reply and its own address; exit 0",
                zh: "输入的每一行是一个数据报；打印每条回复和本机地址；以退出码 0 结束",
            },
            udp::udp_client_goes_on_when_a_reply_is_lost => 1 {
                en: "a reply that never comes: says so at its --timeout and goes on",
                zh: "回复一直不来：在 --timeout 到期时说明，然后继续",
            },
            udp::udp_client_stops_on_exit => 1 {
                en: "sends exit and stops: nothing typed after it is sent",
                zh: "发送 exit 后停止：之后输入的内容不再发送",
            },
            udp::udp_client_started_before_its_server => 1 {
                en: "started before its server: the first datagram is lost, the next gets through",
                zh: "先于服务端启动：第一个数据报丢失，之后的能送达",
            },
        ],
    },
    Lesson {
        name: "pitfall_udp_truncate",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: a datagram larger than the receive buffer is cut (Linux, macOS) or lost (Windows); fix: a buffer for the largest, 65,507 bytes",
            zh: "陷阱：比接收缓冲区大的数据报会被截断（Linux、macOS）或丢失（Windows）；修正：缓冲区要能装下最大的数据报，65,507 字节",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            udp::cuts_a_datagram_larger_than_the_buffer => 0 {
                en: "a 2000-byte datagram into recvfrom(1024) is cut (Linux, macOS) or lost (Windows); the next comes whole",
                zh: "2000 字节的数据报用 recvfrom(1024) 接收会被截断（Linux、macOS）或丢失（Windows）；下一个数据报完整到达",
            },
            udp::takes_the_datagram_whole_when_fixed => 0 {
                en: "fixed: a buffer for the largest datagram takes it whole",
                zh: "修正后：能装下最大数据报的缓冲区完整收到它",
            },
            pitfalls::explains_itself_in_help => 0,
        ],
    },
    Lesson {
        name: "pitfall_udp_refused",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: \"connection refused\" on UDP is an ICMP that only a connected socket hears (Linux); fix: connect() the socket, and never end a server loop on it",
            zh: "陷阱：UDP 上的“连接被拒绝”其实是一个 ICMP 消息，在 Linux 上只有已连接的 socket 才会收到；修正：对 socket 调用 connect()，并且服务端循环不能因它而结束",
        },
        page: Some(Page { shows: &["fixed"] }),
        exercise: None,
        checks: checks![
            udp::sendto_succeeds_and_an_unconnected_socket_hears_nothing => 0 {
                en: "sendto to a port where nothing listens succeeds; an unconnected socket hears nothing (Linux)",
                zh: "向没有程序监听的端口 sendto 会成功；未连接的 socket 什么也收不到（Linux）",
            },
            udp::a_connected_socket_hears_the_icmp_when_fixed => 0 {
                en: "fixed: a connected socket's next receive fails with ConnectionRefused (ConnectionReset on Windows)",
                zh: "修正后：已连接 socket 的下一次接收以 ConnectionRefused 失败（Windows 上是 ConnectionReset）",
            },
            pitfalls::explains_itself_in_help => 0,
        ],
    },
]
