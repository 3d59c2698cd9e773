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
                en: "Create a TCP/IPv4 socket: Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)), with `?` and .context(Failed::Create). Then print what it is with say!, in English and in Chinese: \"created a socket\" with its family (Domain::IPV4) and its type, from server.r#type(); its handle, \"the operating system knows it as file descriptor\" and server.as_raw_fd() on Unix (\"SOCKET\" and server.as_raw_socket() on Windows); that it is \"not bound yet\", with the local address that server.local_addr() reports, or without one; and \"the program ends here, and the operating system closes the socket\".",
                zh: "创建一个 TCP/IPv4 socket：Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))，用 ? 和 .context(Failed::Create) 处理可能出现的错误。然后用 say! 打印它的信息（英文一句、中文一句）：“已创建 socket”，以及地址族（Domain::IPV4）和 server.r#type() 得到的类型；它的句柄：Unix 上是“操作系统用文件描述符……来标识它”和 server.as_raw_fd()（Windows 上是 SOCKET 句柄和 server.as_raw_socket()）；它“尚未绑定”，附上 server.local_addr() 报告的本地地址（如果有的话）；最后打印“程序到此结束，操作系统会关闭这个 socket”。",
            },
        }),
        checks: checks![
            steps::describes_an_unbound_tcp_socket => 4 {
                en: "creates a TCP/IPv4 socket, shows its handle, says it is not bound yet",
                zh: "创建 TCP/IPv4 socket，显示它的句柄，并说明它还没有绑定",
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
                en: "Bind `server` to `addr`: first set SO_REUSEADDR (not on Windows, see step 2's comment), then server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)). Ask the socket for the address it really has, server.local_addr(), a SockAddr (.as_socket() gives an Option<SocketAddr>: .as_socket().context(Failed::Query)? makes it a SocketAddr), and print with say! \"bound to\" and that address; when port 0 was asked for, \"you asked for port 0, so the operating system chose port\" and its port; then \"not listening yet\".",
                zh: "把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置，见第 2 步中的注释），再调用 server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr)) 处理可能出现的错误。然后用 server.local_addr() 查询 socket 实际绑定的地址（它是 SockAddr；.as_socket() 返回的是 Option<SocketAddr>，要写成 .as_socket().context(Failed::Query)? 才得到 SocketAddr），用 say! 打印“已绑定到”和这个地址；如果指定的是端口 0，再打印“你指定的是端口 0，所以由操作系统自动选择了端口”和端口号；最后打印“还没有开始监听”。",
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
                en: "Listen: server.listen(args.backlog) with .with_context(|| Failed::Listen(addr)). Ask for the real address with local_addr() and print the readiness line, text::listening_on(local). Then print with say! that \"clients can connect now\", with the backlog, and \"press Enter to stop listening\"; wait for a line on stdin (Enter, or the end of input), and print \"stopped listening\".",
                zh: "开始监听：调用 server.listen(args.backlog)，并用 .with_context(|| Failed::Listen(addr)) 处理可能出现的错误。用 local_addr() 查询实际地址，打印就绪行 text::listening_on(local)。再用 say! 打印“客户端现在已经可以连接”（附上 backlog）和“按回车键停止监听”，然后等待标准输入中的一行（回车，或者输入结束），最后打印“已停止监听”。",
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
                en: "Print \"waiting for a client\" with say!, then accept one client: server.accept() returns the connection and the client's address, a SockAddr (.as_socket() gives an Option<SocketAddr>: .as_socket().context(Failed::Query)? makes it a SocketAddr). Print \"accepted connection from\" and the client's address, then \"closing the connection\", and close the connection by dropping it.",
                zh: "用 say! 打印“正在等待客户端连接”，然后接受一个客户端：server.accept() 返回连接和客户端地址（它是 SockAddr；.as_socket() 返回的是 Option<SocketAddr>，要写成 .as_socket().context(Failed::Query)? 才得到 SocketAddr）。打印“接收到客户端连接，连接来自：”和客户端地址，再打印“正在关闭连接”，然后通过丢弃（drop）连接来关闭它。",
            },
        }),
        checks: checks![
            steps::reports_the_client_address => 3 {
                en: "accepts one client, prints its address (ip:port), closes, exits 0",
                zh: "接受一个客户端，打印它的地址（ip:端口），关闭连接，以退出码 0 退出",
            },
            steps::closes_the_connection => 2 {
                en: "says it closes the connection, closes it (the client reads its end), exits 0",
                zh: "说明正在关闭连接并关闭它（客户端读到数据流结束），以退出码 0 退出",
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
                en: "Receive in a loop: conn.read(&mut buffer) with a 1024-byte buffer is recv(2). 0 bytes means the client closed: print \"the client closed the connection\" with say! and stop. An error for which failure::peer_left(&error) holds means it reset: print \"the client reset the connection\" and stop. Decode each read with a message::Utf8Stream and print \"received\", the number of bytes (text::plural(n) gives the English \"s\") and data.shown; when data.carried > 0, say that a character's first bytes wait for the next read; when data.invalid > 0, warn! that some bytes are not valid UTF-8. When message::is_exit(&data.text), print \"the client sent exit\" and stop. After the loop, decoder.finish() tells how many bytes of a cut character were left: warn! that the connection ended in the middle of a character.",
                zh: "循环接收：conn.read(&mut buffer)（使用 1024 字节的缓冲区）就相当于 recv(2)。读到 0 字节表示客户端关闭了连接：用 say! 打印“客户端关闭了连接”并结束循环；如果出错且 failure::peer_left(&error) 成立，表示连接被重置：打印“客户端重置了连接”并结束循环。用 message::Utf8Stream 解码每次读到的数据，打印“收到”、字节数和 data.shown（英文句子里的复数 s 由 text::plural(n) 给出）；data.carried > 0 时说明有一个字符被本次读取截断、留到下一次读取；data.invalid > 0 时用 warn! 警告有字节不是有效的 UTF-8。如果 message::is_exit(&data.text) 成立，打印“客户端发送了 exit”后结束循环。循环结束后，decoder.finish() 会告诉你被截断的字符还剩下多少字节：用 warn! 警告连接在一个字符的中途结束了。",
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
                en: "ends the session on `exit\\n`",
                zh: "收到 `exit\\n` 时结束会话",
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
                en: "After each message, print the reply prompt, \"type a reply and press Enter\", with say!, and read a line from stdin: 0 bytes means your input ended (print \"stdin closed\" and stop); message::is_exit(&reply) means you typed exit (print \"you typed exit\" and stop). Send the reply as one line ending in \"\\n\" with conn.write_all(..) and print \"sent\" and its number of bytes; if failure::peer_left(&error), print \"the client is gone\" and stop.",
                zh: "每收到一条消息，就用 say! 打印回复提示“请输入回复消息”，并从标准输入读取一行：读到 0 字节表示你的输入已经结束（打印“标准输入已关闭”并结束）；message::is_exit(&reply) 成立表示你输入了 exit（打印“你输入了 exit”并结束）。用 conn.write_all(..) 把回复作为以 \"\\n\" 结尾的一行发送，然后打印“已发送”和字节数；如果出错且 failure::peer_left(&error) 成立，打印“客户端已断开连接”并结束。",
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
                en: "ends the session on `exit\\n`",
                zh: "收到 `exit\\n` 时结束会话",
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
                en: "Close in three moves. conn.shutdown(Shutdown::Write), then print \"shut down the sending side\" with say!. Read until the client closes its side (print \"the client closed its side too\") or LINGER passes: a deadline, Instant::now() + LINGER, that a trickle of bytes cannot put off (before each read, conn.set_read_timeout to what is left of it; print that the client did not close its side within LINGER's seconds). After a reset, shutdown fails with ErrorKind::NotConnected: print \"the connection is already closed\". Then drop(conn), print \"closed the connection to\" and the client's address, drop(server), print \"closed the listening socket\" and its address.",
                zh: "分三步关闭。第一步：conn.shutdown(Shutdown::Write)，然后用 say! 打印“已关闭发送方向”。第二步：一直读取，直到客户端也关闭它那一端（打印“客户端也关闭了它那一端”），或者超过了 LINGER：这是一个截止时间 Instant::now() + LINGER，客户端一点点地发字节也不能推迟它（每次读取前用 conn.set_read_timeout 设为剩下的时间），这时打印客户端在 LINGER 的秒数内没有关闭它那一端；如果连接已被重置，shutdown 会返回 ErrorKind::NotConnected，此时打印“连接已经关闭了”。第三步：drop(conn) 并打印“已关闭与……的连接”（附上客户端地址），再 drop(server) 并打印“已关闭监听 socket”和它的地址。",
            },
        }),
        checks: checks![
            steps::lets_the_client_read_end_of_stream => 5 {
                en: "shuts down its sending side (the client reads end-of-stream), then closes",
                zh: "关闭发送方向（客户端读到数据流结束），然后关闭连接",
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
                en: "ends the session on `exit\\n`",
                zh: "收到 `exit\\n` 时结束会话",
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
                en: "For each message: decode it with encoding.decode(&line) and print \"received: \" and data.shown with say!; if `unended`, warn! \"(no line ending)\"; warn! when `data` says so: that it reads as GBK, or that it is not valid in the encoding (encoding.name()). If the client has left (`left`, else left_meanwhile(conn, peer)?), ask nothing: continue. Else prompt! \"type a reply: \" and read it with lines::stdin_line(encoding) (None: print \"stdin closed\" and return Ok(End::Input); is_exit(&reply.text): print \"you typed exit\" and return Ok(End::Session)), encode it with encoding.encode(..), add b'\\n' and send it with write_all (with --explain, print \"sent\" and its number of bytes; if failure::peer_left(&error), print that the client left and return Ok(End::Session)).",
                zh: "对每条消息：用 encoding.decode(&line) 解码，用 say! 打印“接收到发送来的数据: ”和 data.shown；如果 `unended` 成立，用 warn! 打印“（没有换行符）”；如果 data 表明需要，用 warn! 给出警告：它可以按 GBK 解码，或者不是有效的 encoding.name() 编码。如果客户端已经离开（`left`，否则 left_meanwhile(conn, peer)?），就什么也不问：continue。否则用 prompt! 打印“请输入回复消息: ”，用 lines::stdin_line(encoding) 读取回复（None：打印“标准输入已关闭”并 return Ok(End::Input)；is_exit(&reply.text)：打印“你输入了 exit”并 return Ok(End::Session)），用 encoding.encode(..) 编码，加上 b'\\n'，用 write_all 发送（有 --explain 时打印“已发送”和字节数；如果出错且 failure::peer_left(&error) 成立，打印客户端已离开并 return Ok(End::Session)）。",
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
                en: "takes bytes with no line ending as one message after 300 ms of quiet, marked (no line ending)",
                zh: "没有换行符的数据在 300 毫秒内没有后续时算作一条消息，并标注（没有换行符）",
            },
            servers::takes_exit_however_it_ends => 0 {
                en: "takes `exit`, `exit\\n`, `exit\\r\\n` and `exit\\r` as exit",
                zh: "把 `exit`、`exit\\n`、`exit\\r\\n` 和 `exit\\r` 都当作 exit",
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
                en: "The client's exit ends the session too: if message::is_exit(&data.text), print \"the client sent exit\" with say! and return Ok(End::Session).",
                zh: "客户端发送 exit 也会结束会话：如果 message::is_exit(&data.text) 成立，用 say! 打印“客户端发送了 exit”并 return Ok(End::Session)。",
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
                en: "takes bytes with no line ending as one message after 300 ms of quiet, marked (no line ending)",
                zh: "没有换行符的数据在 300 毫秒内没有后续时算作一条消息，并标注（没有换行符）",
            },
            servers::takes_exit_however_it_ends => 4 {
                en: "takes `exit`, `exit\\n`, `exit\\r\\n` and `exit\\r` as exit",
                zh: "把 `exit`、`exit\\n`、`exit\\r\\n` 和 `exit\\r` 都当作 exit",
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
            servers::prints_the_lessons_transcript => 0 {
                en: "prints the lesson's 运行结果 line for line, in Chinese and in English",
                zh: "逐行打印出课程中的运行结果，中文和英文都是如此",
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
                en: "Add this read's byte count, `n`, to `total` (a u64): the last line prints it.",
                zh: "把这次读到的字节数 n 累加到 total（u64 类型）上：最后一行会打印它。",
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
                en: "Send the bytes you just read back to the client, as they came: conn.write_all(&buffer[..n]), then print \"echoed\" and the number of bytes with say!. If failure::peer_left(&error), print \"the client is gone\" and stop.",
                zh: "把刚读到的字节原样发回客户端：conn.write_all(&buffer[..n])，然后用 say! 打印“已原样发回”和字节数；如果出错且 failure::peer_left(&error) 成立，打印“客户端已断开连接”并结束。",
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
                en: "Serve `clients` clients one after another: for each number from 1 to `clients`, print \"serving client\" with the number and `clients` (say!) and call serve_one(&server, local)?.",
                zh: "一个接一个地服务 clients 个客户端：对从 1 到 clients 的每个 number，用 say! 打印“正在服务第 number 个客户端（共 clients 个）”，然后调用 serve_one(&server, local)?。",
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
