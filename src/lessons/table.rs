// The one table of lessons: every program in `examples/` but the exercises' starters,
// in the order they are taught. Adding a lesson is its example, its checks, and one
// entry here; the checker, its starters and hints, `list`, the book's page list and the
// tests all read this table.
//
// It is a file of its own because two crates read it: the lessons' library
// (`src/lessons/mod.rs`) for each program's `--help`, and the checker
// (`checker/src/lessons.rs`), where `checks![…]` names the check functions and the
// compiler holds every name to a real function. Each check has a weight, the points it
// scores in the lesson's exercise, and beside it what it proves in a few words in both
// languages (the checker's reports and `hint` show them): the behaviours the
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
                en: "Create the TCP/IPv4 socket, `Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))`, with `?` and a context (`Failed::Create`). Then show, with say! in English and in Chinese, what it is: its family (IPv4), its type (`Socket::r#type` gives it: TCP's is a stream), and its handle, the number the operating system knows it by (`Socket::as_raw_fd` on Unix; on Windows, as_raw_socket()); and that it is not bound yet (`Socket::local_addr`). Your own words: the checker looks for these facts and for exit status 0.",
                zh: "创建 TCP/IPv4 socket：`Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))`，用 `?` 并加上上下文（`Failed::Create`）。然后用 say!（英文一句、中文一句）说明它是什么：地址族（IPv4）、类型（由 `Socket::r#type` 得到，TCP 的类型是 stream），以及它的句柄，也就是操作系统用来标识它的数字（Unix 上是 `Socket::as_raw_fd`；Windows 上是 as_raw_socket()）；再说明它尚未绑定（`Socket::local_addr`）。措辞由你决定：检查只看这些事实，以及退出码 0。",
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
                en: "Bind `server` to `addr`: first let the address be reused at once, `server.set_reuse_address(true)` (not on Windows: see step 2's comment), then `server.bind(&addr.into())`, each with `?` and a context (`Failed::Bind(addr)`). Ask the socket for the address it really has, `server.local_addr()?.as_socket()` (an Option: `Failed::Query` is the context of its None), and show it: 127.0.0.1 and the real port, the one the system chose when port 0 was asked for. Then say that it does not listen yet. Your own words: the checker looks for the address and the port.",
                zh: "把 `server` 绑定到 `addr`：先允许地址立即重用，`server.set_reuse_address(true)`（Windows 上不设置，见第 2 步中的注释），再调用 `server.bind(&addr.into())`，两者都用 `?` 并加上上下文（`Failed::Bind(addr)`）。然后查询 socket 实际绑定的地址，`server.local_addr()?.as_socket()`（它是 Option：为 None 时的上下文是 `Failed::Query`），并把它显示出来：127.0.0.1 和真实端口（指定端口 0 时就是系统选择的端口）。最后说明还没有开始监听。措辞由你决定：检查只看地址和端口。",
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
                en: "Listen: `server.listen(args.backlog)` with `?` and a context (`Failed::Listen(addr)`). Print the readiness line of the output contract, `text::listening_on`, with the real address, `server.local_addr()?.as_socket()`. Then show that clients can connect now, with the backlog's number (`args.backlog`), wait for a line on stdin (Enter, or the end of input), and end with exit status 0. Your own words: the checker connects, looks for the backlog's number, presses Enter.",
                zh: "开始监听：`server.listen(args.backlog)`，用 `?` 并加上上下文（`Failed::Listen(addr)`）。用真实地址 `server.local_addr()?.as_socket()` 打印输出约定中的就绪行 `text::listening_on`。然后说明客户端现在已经可以连接，并给出 backlog 的数值（`args.backlog`）；再等待标准输入中的一行（回车，或者输入结束），最后以退出码 0 结束。措辞由你决定：检查会连接、查找 backlog 的数值、再按回车。",
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
                en: "Receive in a loop, into a buffer of 1024 bytes (`conn.read(&mut [0u8; 1024])` is recv(2)). A read of 0 bytes means the client closed the connection: end the loop there (reading again returns 0 at once, for ever). An error for which `peer_left` holds means the client reset the connection: end the loop too. Decode the reads with one `Utf8Stream::new()` kept across them (`Utf8Stream::decode`), and show each read's size in bytes and its text as received (data.shown quotes it, line ending included); when data.carried > 0, say that a character's first bytes wait for the next read; when data.invalid > 0, warn! on stderr. The message \"exit\" ends the session: `is_exit` tells it (\"exit\" alone or with its line ending; a message that only contains the word goes on). After the loop, `Utf8Stream::finish` tells how many bytes of a cut character were left: warn! if any. Your own words: the checker looks for the size and the text.",
                zh: "循环接收数据，缓冲区 1024 字节（`conn.read(&mut [0u8; 1024])` 就是 recv(2)）。读到 0 字节表示客户端关闭了连接：就在这里结束循环（再读还是立刻返回 0，永远如此）。如果出错且 `peer_left` 成立，表示客户端重置了连接：同样结束循环。用同一个 `Utf8Stream::new()` 解码每次读到的数据（`Utf8Stream::decode`），显示每次读取的字节数和收到的文本（data.shown 带引号，包括换行符）；data.carried > 0 时说明有一个字符的前几个字节留到下一次读取；data.invalid > 0 时用 warn! 在标准错误中警告。消息 \"exit\" 结束会话：由 `is_exit` 判断（\"exit\" 本身，或者带换行符；只是包含这个单词的消息不算）。循环结束后，`Utf8Stream::finish` 给出被截断的字符还剩多少字节：如果有，用 warn! 警告。措辞由你决定：检查只看字节数和文本。",
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
            steps::works_with_netassist => 1 {
                en: "works with a client that behaves as netAssist (UTF-8, no line ending, one write per click), in both languages",
                zh: "能和行为与 netAssist 相同的客户端（UTF-8、不加换行、每次点击写一次）配合使用，两种语言都可以",
            },
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
            steps::ends_on_exit_alone => 0 {
                en: "ends the session on `exit`",
                zh: "收到 `exit` 时结束会话",
            },
            steps::ends_on_exit_and_lf => 0 {
                en: "ends the session on `exit\\n`, not on a message that only contains the word",
                zh: "收到 `exit\\n` 时结束会话，只是包含这个单词的消息不算",
            },
            steps::ends_on_exit_and_crlf => 0 {
                en: "ends the session on `exit\\r\\n`",
                zh: "收到 `exit\\r\\n` 时结束会话",
            },
            steps::ends_on_exit_and_cr => 0 {
                en: "ends the session on `exit\\r` (netAssist's 附加位 0d)",
                zh: "收到 `exit\\r`（netAssist 的附加位 0d）时结束会话",
            },
            steps::works_with_netassist => 0 {
                en: "works with a client that behaves as netAssist (UTF-8, no line ending, one write per click), in both languages",
                zh: "能和行为与 netAssist 相同的客户端（UTF-8、不加换行、每次点击写一次）配合使用，两种语言都可以",
            },
            steps::ends_promptly_when_the_client_closes => 0 {
                en: "ends at once when the client closes (a read of 0 bytes)",
                zh: "客户端关闭连接（读到 0 字节）时立即结束",
            },
            steps::ends_when_the_client_resets => 0 {
                en: "ends cleanly when the client resets the connection",
                zh: "客户端重置连接时正常结束",
            },
            steps::prints_characters_whole_across_reads => 0 {
                en: "prints Chinese characters whole when a 1024-byte read cuts one",
                zh: "1024 字节的读取截断了汉字时，仍然完整地打印每个汉字",
            },
            steps::completes_a_character_cut_between_reads => 0 {
                en: "completes a character cut between two reads",
                zh: "把两次读取之间被截断的字符拼完整",
            },
            steps::survives_invalid_bytes => 0 {
                en: "shows bytes that are not UTF-8 as \\xNN, warns, goes on",
                zh: "把不是 UTF-8 的字节显示为 \\xNN，给出警告，然后继续运行",
            },
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
                en: "Close in three moves. First `conn.shutdown(Shutdown::Write)`: your FIN; the client reads the end of the stream, and you can still read (Shutdown::Read would send nothing). Then wait for the client's FIN: read until a read returns 0 bytes, or until a deadline, `Instant::now() + LINGER`, passes; a trickle of bytes must not put it off, so before each read set the timeout to what is left of it (`conn.set_read_timeout(Some(LINGER))` sets one). If shutdown fails with `ErrorKind::NotConnected`, the client has reset the connection already: skip the wait. Last, drop the connection, then the listening socket, and show the client's address and the listening address as you close them. Your own words: the checker reads your FIN and watches you wait for its own.",
                zh: "分三步关闭。第一步：`conn.shutdown(Shutdown::Write)`，发出你的 FIN；客户端会读到数据流结束，而你仍然可以读取（Shutdown::Read 什么也不会发送）。第二步：等待客户端的 FIN：一直读取，直到某次读取返回 0 字节，或者超过截止时间 `Instant::now() + LINGER`；客户端一点点地发字节也不能推迟它，所以每次读取前都要把超时设为剩下的时间（`conn.set_read_timeout(Some(LINGER))` 可以设置超时）。如果 shutdown 失败且错误是 `ErrorKind::NotConnected`，说明客户端已经重置了连接：跳过等待。第三步：先丢弃（drop）连接，再丢弃监听 socket，关闭时显示客户端地址和监听地址。措辞由你决定：检查会读取你的 FIN，并观察你是否等待它的 FIN。",
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
            steps::survives_invalid_typed_bytes => 0 {
                en: "a reply typed with bytes that are not UTF-8 gets � and a warning; the session goes on",
                zh: "输入的回复里有不是 UTF-8 的字节时，用 � 代替并给出警告；会话继续",
            },
            steps::ends_on_exit_alone => 0 {
                en: "ends the session on `exit`",
                zh: "收到 `exit` 时结束会话",
            },
            steps::ends_on_exit_and_lf => 0 {
                en: "ends the session on `exit\\n`, not on a message that only contains the word",
                zh: "收到 `exit\\n` 时结束会话，只是包含这个单词的消息不算",
            },
            steps::ends_on_exit_and_crlf => 0 {
                en: "ends the session on `exit\\r\\n`",
                zh: "收到 `exit\\r\\n` 时结束会话",
            },
            steps::ends_on_exit_and_cr => 0 {
                en: "ends the session on `exit\\r` (netAssist's 附加位 0d)",
                zh: "收到 `exit\\r`（netAssist 的附加位 0d）时结束会话",
            },
            steps::works_with_netassist => 0 {
                en: "works with a client that behaves as netAssist (UTF-8, no line ending, one write per click), in both languages",
                zh: "能和行为与 netAssist 相同的客户端（UTF-8、不加换行、每次点击写一次）配合使用，两种语言都可以",
            },
            steps::ends_promptly_when_the_client_closes => 0 {
                en: "ends at once when the client closes (a read of 0 bytes)",
                zh: "客户端关闭连接（读到 0 字节）时立即结束",
            },
            steps::ends_when_the_client_resets => 0 {
                en: "ends cleanly when the client resets the connection",
                zh: "客户端重置连接时正常结束",
            },
            steps::prints_characters_whole_across_reads => 0 {
                en: "prints Chinese characters whole when a 1024-byte read cuts one",
                zh: "1024 字节的读取截断了汉字时，仍然完整地打印每个汉字",
            },
            steps::completes_a_character_cut_between_reads => 0 {
                en: "completes a character cut between two reads",
                zh: "把两次读取之间被截断的字符拼完整",
            },
            steps::survives_invalid_bytes => 0 {
                en: "shows bytes that are not UTF-8 as \\xNN, warns, goes on",
                zh: "把不是 UTF-8 的字节显示为 \\xNN，给出警告，然后继续运行",
            },
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
                en: "For each message: decode it, `encoding.decode(&line)`, and show it as received (data.shown); if it came with no line ending (`unended`), warn! that it had none; warn! too when data says it reads as GBK (data.looks_like_gbk) or is not valid in the encoding (data.invalid, `encoding.name()`). If the client has left (`left`, else `left_meanwhile(conn, peer)`), ask nothing: continue. Else prompt for a reply with prompt! (it flushes stdout; after a print! you must flush, or the prompt stays unseen) and read it with `lines::stdin_line(encoding)`: None ends your input (return `End::Input`); the reply \"exit\" ends the session (`is_exit`; return `End::Session`). Any other reply is sent encoded (`encoding.encode(\"ok\")` encodes a text), with \"\\n\" added, in one `conn.write_all(b\"ok\\n\")`; with --explain, show the bytes sent. If the write fails and `peer_left` holds, the client left: return `End::Session`. Your own words: the checker looks for the message and your prompt, and types replies.",
                zh: "对每条消息：用 `encoding.decode(&line)` 解码，显示收到的内容（data.shown）；如果它没有换行符（`unended`），用 warn! 说明；如果 data 表明它可以按 GBK 解码（data.looks_like_gbk），或者不是有效的该编码（data.invalid，`encoding.name()`），也用 warn! 警告。如果客户端已经离开（`left`，否则 `left_meanwhile(conn, peer)`），就什么也不问：continue。否则用 prompt! 提示输入回复（它会刷新标准输出；如果用 print!，之后必须 flush，否则提示不会出现），并用 `lines::stdin_line(encoding)` 读取：None 表示你的输入结束（return `End::Input`）；回复 \"exit\" 结束会话（`is_exit`；return `End::Session`）。其他回复编码后（`encoding.encode(\"ok\")` 会编码一段文本）加上 \"\\n\"，用一次 `conn.write_all(b\"ok\\n\")` 发送；有 --explain 时显示发送的字节数。如果发送失败且 `peer_left` 成立，说明客户端已离开：return `End::Session`。措辞由你决定：检查只看消息和提示，并会输入回复。",
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
            servers::survives_invalid_bytes => 1 {
                en: "shows bytes that are not UTF-8 as \\xNN, warns, goes on",
                zh: "把不是 UTF-8 的字节显示为 \\xNN，给出警告，然后继续运行",
            },
            servers::speaks_gbk_with_the_flag => 1 {
                en: "reads and writes GBK with --encoding gbk",
                zh: "使用 --encoding gbk 时按 GBK 读写",
            },
            servers::survives_invalid_typed_bytes => 1 {
                en: "a reply typed with bytes that are not UTF-8 gets � and a warning; the session goes on",
                zh: "输入的回复里有不是 UTF-8 的字节时，用 � 代替并给出警告；会话继续",
            },
            servers::ends_promptly_when_the_client_closes => 0 {
                en: "ends at once when the client closes (a read of 0 bytes)",
                zh: "客户端关闭连接（读到 0 字节）时立即结束",
            },
            servers::ends_when_the_client_resets => 0 {
                en: "ends cleanly when the client resets the connection",
                zh: "客户端重置连接时正常结束",
            },
            servers::ends_when_stdin_closes => 1 {
                en: "ends when your input ends",
                zh: "你的输入（标准输入）关闭时结束会话",
            },
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
                en: "The client's \"exit\" ends the session too: when `is_exit(&data.text)` holds, say that the client ended it and return `End::Session` inside Ok, without asking for a reply. Only the whole message \"exit\" (alone or with its line ending) ends it, never a message that only contains the word. Your own words: the checker sends \"exit\" in four ways and watches the session end.",
                zh: "客户端发送 \"exit\" 也会结束会话：当 `is_exit(&data.text)` 成立时，说明是客户端结束了会话，然后返回包在 Ok 里的 `End::Session`，不再请求输入回复。只有整条消息是 \"exit\"（单独一个，或者带换行符）才结束，只是包含这个单词的消息不算。措辞由你决定：检查会用四种方式发送 \"exit\"，并观察会话是否结束。",
            },
        }),
        checks: checks![
            servers::prints_each_line_and_sends_the_typed_reply => 0 {
                en: "prints each line and sends the reply you type",
                zh: "打印每一行，并发送你输入的回复",
            },
            servers::frames_two_messages_in_one_read => 2 {
                en: "reads two lines that arrive in one read as two messages",
                zh: "把一次读取中到达的两行当作两条消息处理",
            },
            servers::frames_a_message_sent_byte_by_byte => 0 {
                en: "prints a message sent one byte at a time once, whole",
                zh: "逐字节发送的消息只打印一次，而且是完整的",
            },
            servers::prints_a_64_kib_line_whole => 0 {
                en: "prints a 64 KiB line whole",
                zh: "完整地打印 64 KiB 的一行",
            },
            servers::cuts_a_line_over_the_limit => 0 {
                en: "cuts a line over --max-line and says so",
                zh: "截断超过 --max-line 的行并给出提示",
            },
            servers::suggests_gbk_for_gbk_bytes => 0 {
                en: "suggests --encoding gbk when GBK arrives",
                zh: "收到 GBK 编码的数据时建议使用 --encoding gbk",
            },
            servers::survives_invalid_bytes => 0 {
                en: "shows bytes that are not UTF-8 as \\xNN, warns, goes on",
                zh: "把不是 UTF-8 的字节显示为 \\xNN，给出警告，然后继续运行",
            },
            servers::speaks_gbk_with_the_flag => 0 {
                en: "reads and writes GBK with --encoding gbk",
                zh: "使用 --encoding gbk 时按 GBK 读写",
            },
            servers::survives_invalid_typed_bytes => 0 {
                en: "a reply typed with bytes that are not UTF-8 gets � and a warning; the session goes on",
                zh: "输入的回复里有不是 UTF-8 的字节时，用 � 代替并给出警告；会话继续",
            },
            servers::ends_promptly_when_the_client_closes => 0 {
                en: "ends at once when the client closes (a read of 0 bytes)",
                zh: "客户端关闭连接（读到 0 字节）时立即结束",
            },
            servers::ends_when_the_client_resets => 0 {
                en: "ends cleanly when the client resets the connection",
                zh: "客户端重置连接时正常结束",
            },
            servers::ends_when_stdin_closes => 0 {
                en: "ends when your input ends",
                zh: "你的输入（标准输入）关闭时结束会话",
            },
            servers::tells_a_waiting_client_when_it_ends => 0 {
                en: "tells a client waiting in the backlog that it is closing",
                zh: "通知在 backlog 中等待的客户端：服务端正在关闭",
            },
            servers::serves_clients_one_after_another_with_keep_serving => 0 {
                en: "serves clients one after another with --keep-serving",
                zh: "使用 --keep-serving 时一个接一个地服务客户端",
            },
            servers::takes_bytes_with_no_line_ending_as_one_message => 0 {
                en: "takes bytes with no line ending as one message after 300 ms of quiet, with a note on stderr",
                zh: "没有换行符的数据在 300 毫秒内没有后续时算作一条消息，并在标准错误中说明",
            },
            servers::takes_exit_however_it_ends => 4 {
                en: "takes `exit`, `exit\\n`, `exit\\r\\n` and `exit\\r` as exit, and a message that only contains the word as a message",
                zh: "把 `exit`、`exit\\n`、`exit\\r\\n` 和 `exit\\r` 都当作 exit，只是包含这个单词的消息仍是普通消息",
            },
            servers::asks_nothing_after_the_client_left => 0 {
                en: "prints the last message of a client that left, and asks no reply for it",
                zh: "打印已离开的客户端的最后一条消息，并且不再要求为它输入回复",
            },
            servers::serves_netassist_with_its_defaults => 0 {
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
            servers::works_with_the_workbook_client => 0 {
                en: "works with the workbook's client, process to process",
                zh: "能与练习册自带的客户端（另一个进程）配合工作",
            },
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
                en: "Add this read's size, `n`, to `total` (a u64: `n as u64`): the last line shows the total, which the checker looks for.",
                zh: "把这次读到的字节数 `n` 累加到 `total` 上（它是 u64：`n as u64`）：最后一行会显示总数，检查会查找它。",
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
                en: "Send the bytes you just read back to the client, as they came: `conn.write_all(&buffer[..n])`, then show how many bytes you echoed. If the write fails and `peer_left` holds, the client is gone: end the session.",
                zh: "把刚读到的字节原样发回客户端：`conn.write_all(&buffer[..n])`，然后显示发回的字节数。如果发送失败且 `peer_left` 成立，说明客户端已经断开：结束会话。",
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
                en: "Serve `clients` clients one after another: for each, show its number and how many there are, then call `serve_one(&server, local)?`.",
                zh: "一个接一个地服务 `clients` 个客户端：对每一个，显示它是第几个、一共几个，然后调用 `serve_one(&server, local)?`。",
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
            ladder::serves_many_clients_at_once => 0 {
                en: "many clients at once each get exactly their own lines back",
                zh: "许多客户端同时连接，每个都收到自己发的那几行",
            },
            ladder::exit_from_one_leaves_the_others_served => 0 {
                en: "one client's exit ends its session only; the others are served on",
                zh: "一个客户端的 exit 只结束它自己的会话，其他客户端继续得到服务",
            },
            ladder::queues_clients_while_the_workers_are_busy_and_refuses_when_full => 0 {
                en: "with the worker busy the next client waits in the queue; with the queue full one more is refused",
                zh: "工作线程忙时下一个客户端在队列中等待；队列满时再来的客户端被拒绝",
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
        name: "step10_nonblocking",
        family: Family::Ladder,
        teaches: Words {
            en: "Step 10: one thread, non-blocking sockets and readiness events with mio (an echo server)",
            zh: "第 10 步：一个线程、非阻塞 socket 和 mio 的就绪事件（回显服务端）",
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
        name: "step11_async",
        family: Family::Ladder,
        teaches: Words {
            en: "Step 11: async tasks with tokio, one task per client (an echo server)",
            zh: "第 11 步：用 tokio 的异步任务，每个客户端一个任务（回显服务端）",
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
            chat::tells_a_client_over_the_limit_that_the_server_is_full => 0 {
                en: "a client over --max-connections reads that the server is full",
                zh: "超过 --max-connections 的客户端会读到“服务器已满”",
            },
            chat::refuses_an_over_long_line_and_chats_on => 0 {
                en: "an over-long line is refused to its sender and reaches nobody",
                zh: "过长的行被拒绝并告知发送者，不会送达任何人",
            },
            chat::closes_a_silent_client_after_the_idle_timeout => 0 {
                en: "a client silent for --idle-timeout is told why and closed",
                zh: "在 --idle-timeout 内没有发送任何内容的客户端会被告知原因并被关闭",
            },
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
]
