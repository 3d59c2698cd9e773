// The one table of lessons: every program in `examples/` but the exercises' starters,
// in the order they are taught. Adding a lesson is its example, its checks, and one
// entry here; the checker, its starters and hints, `list`, the book's page list and the
// tests all read this table.
//
// It is a file of its own because two crates read it: the lessons' library
// (`src/lessons/mod.rs`) for each program's `--help`, and the checker
// (`checker/src/lessons.rs`), where `checks![…]` names the check functions and the
// compiler holds every name to a real function. Each check has a weight, the points it
// scores in the lesson's exercise: the behaviours the exercise's new part adds score
// above 0; one kept from an earlier lesson (step 6 still ends on the client's `exit`)
// weighs 0: it must still hold for the exercise to pass, but an untouched starter,
// which keeps it, scores 0. `kit` proves that every starter scores 0.
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
                en: "Create a TCP/IPv4 socket (Socket::new, with `?` and .context(Failed::Create)), then show with say! what it is: its family and type (server.r#type()), its handle (server.as_raw_fd() on Unix, server.as_raw_socket() on Windows), and that it is not bound yet.",
                zh: "创建一个 TCP/IPv4 socket（Socket::new，用 ? 和 .context(Failed::Create)），然后用 say! 显示它是什么：地址族和类型（server.r#type()）、句柄（Unix 上是 server.as_raw_fd()，Windows 上是 server.as_raw_socket()），以及它还没有绑定。",
            },
        }),
        checks: checks![
            steps::describes_an_unbound_tcp_socket => 4,
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
                en: "Bind `server` to `addr`: SO_REUSEADDR first (not on Windows), then server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)). Show with say! the address it really has (local_addr(&server)?), the port the system chose when port 0 was asked for, and that it is not listening yet.",
                zh: "把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置），再 server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr))。用 say! 显示它实际绑定的地址（local_addr(&server)?）、指定端口 0 时系统选的端口，以及它还没有开始监听。",
            },
        }),
        checks: checks![
            steps::reports_the_port_the_system_chose => 3,
            steps::reads_localhost_as_127_0_0_1 => 1,
            steps::names_the_address_in_use => 2,
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
            steps::accepts_connections_before_anyone_calls_accept => 3,
            steps::stops_when_stdin_closes => 2,
            steps::takes_a_backlog => 1,
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
            steps::reports_the_client_address => 3,
            steps::closes_the_connection => 2,
            steps::works_with_netassist => 1,
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
                en: "Receive in a loop: conn.read(&mut buffer), 1024 bytes at most, is recv(2). Show each read with say_received(n, &data), decoded by a message::Utf8Stream. End the loop, saying why, when the client sent exit (message::is_exit), closed (a read of 0 bytes) or reset the connection (failure::peer_left); then warn! if decoder.finish() says a character was cut.",
                zh: "循环接收：conn.read(&mut buffer)（最多 1024 字节）就是 recv(2)。用 message::Utf8Stream 解码，用 say_received(n, &data) 显示每次读到的数据。客户端发送 exit（message::is_exit）、关闭连接（读到 0 字节）或重置连接（failure::peer_left）时结束循环，并说明原因；之后如果 decoder.finish() 表明有字符被截断，用 warn! 警告。",
            },
        }),
        checks: checks![
            steps::prints_each_read_decoded => 3,
            steps::ends_on_exit_alone => 1,
            steps::ends_on_exit_and_lf => 1,
            steps::ends_on_exit_and_crlf => 1,
            steps::ends_on_exit_and_cr => 1,
            steps::works_with_netassist => 1,
            steps::ends_promptly_when_the_client_closes => 2,
            steps::ends_when_the_client_resets => 1,
            steps::prints_characters_whole_across_reads => 1,
            steps::completes_a_character_cut_between_reads => 1,
            steps::survives_invalid_bytes => 1,
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
            steps::delivers_the_typed_reply => 3,
            steps::ends_on_operator_exit => 2,
            steps::ends_when_stdin_closes => 2,
            steps::survives_invalid_typed_bytes => 1,
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
                en: "Close in three moves, saying each with say!: conn.shutdown(Shutdown::Write) (NotConnected means a reset left nothing to shut down); wait for the client to close its side, reading until a read returns 0 bytes or a deadline of LINGER passes, however much it still sends; then drop conn and server, and show that the port is free again.",
                zh: "分三步关闭，每一步都用 say! 说明：conn.shutdown(Shutdown::Write)（NotConnected 表示连接已被重置，无需关闭）；等待客户端关闭它那一端：一直读，直到读到 0 字节，或者超过 LINGER 这个截止时间，不管它还在发送多少数据；然后 drop conn 和 server，并显示端口已经释放。",
            },
        }),
        checks: checks![
            steps::lets_the_client_read_end_of_stream => 5,
            steps::runs_again_at_once_on_the_same_port => 0,
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
            steps::stops_waiting_for_a_trickling_client => 2,
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
                en: "The conversation, one message at a time: show each message with say! (\"received: \" and data.shown) and conversation.note(&data); ask nothing of a client that has left (conversation.has_left()?); else prompt! for a reply, read it (conversation.typed_reply()?, None: break true), end the session on your exit, and send it (conversation.send_line(..)?, false: break false).",
                zh: "一条一条地对话：用 say! 显示每条消息（“接收到发送来的数据: ”和 data.shown），再调用 conversation.note(&data)；客户端已经离开（conversation.has_left()?）就不再询问；否则用 prompt! 请你输入回复，读取它（conversation.typed_reply()?，None 时 break true），你输入 exit 时结束会话，然后发送（conversation.send_line(..)?，false 时 break false）。",
            },
        }),
        checks: checks![
            servers::prints_each_line_and_sends_the_typed_reply => 3,
            servers::frames_two_messages_in_one_read => 1,
            servers::frames_a_message_sent_byte_by_byte => 1,
            servers::prints_a_64_kib_line_whole => 1,
            servers::cuts_a_line_over_the_limit => 1,
            servers::suggests_gbk_for_gbk_bytes => 1,
            servers::survives_invalid_bytes => 1,
            servers::speaks_gbk_with_the_flag => 1,
            servers::survives_invalid_typed_bytes => 1,
            servers::ends_promptly_when_the_client_closes => 0,
            servers::ends_when_the_client_resets => 0,
            servers::ends_when_stdin_closes => 1,
            servers::tells_a_waiting_client_when_it_ends => 0,
            servers::serves_clients_one_after_another_with_keep_serving => 1,
            servers::takes_bytes_with_no_line_ending_as_one_message => 1,
            servers::takes_exit_however_it_ends => 0,
            servers::asks_nothing_after_the_client_left => 1,
            servers::serves_netassist_with_its_defaults => 1,
            servers::ends_despite_a_client_that_sends_no_fin => 0,
            servers::a_trickling_client_cannot_hold_the_close => 0,
            servers::works_with_the_workbook_client => 1,
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
                en: "The client's exit ends the session too: if message::is_exit(&data.text), show with say! that the client sent exit, and break false.",
                zh: "客户端发送 exit 也会结束会话：如果 message::is_exit(&data.text) 成立，用 say! 说明客户端发送了 exit，然后 break false。",
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
            servers::prints_the_lessons_transcript => 0,
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
        checks: checks![],
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
            extras::counts_every_byte => 3,
            extras::counts_the_bytes_of_a_client_that_closes => 2,
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
            extras::sends_each_read_back => 3,
            extras::ends_when_the_client_closes => 2,
            extras::echo_stops_waiting_for_a_trickling_client => 0,
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
            extras::serves_two_clients_one_after_another => 3,
            extras::serves_a_waiting_client_next => 2,
            extras::serves_the_next_client_when_one_closes => 0,
            extras::serial_stops_waiting_for_a_trickling_client => 0,
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
        checks: checks![],
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
