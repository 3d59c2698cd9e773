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
                en: "Create a TCP/IPv4 socket: Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)), with `?` and .context(Failed::Create). Then print what it is with say!, in English and in Chinese: \"created a socket\" with its family (Domain::IPV4) and its type, from server.r#type(); its handle, \"the operating system knows it as file descriptor\" and server.as_raw_fd() on Unix (\"SOCKET\" and server.as_raw_socket() on Windows); that it is \"not bound yet\", with the local address that server.local_addr() reports, or without one; and \"the program ends here, and the operating system closes the socket\".",
                zh: "创建一个 TCP/IPv4 socket：Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))，用 ? 和 .context(Failed::Create) 处理可能出现的错误。然后用 say! 打印它的信息（英文一句、中文一句）：“已创建 socket”，以及地址族（Domain::IPV4）和 server.r#type() 得到的类型；它的句柄：Unix 上是“操作系统用文件描述符……来标识它”和 server.as_raw_fd()（Windows 上是 SOCKET 句柄和 server.as_raw_socket()）；它“尚未绑定”，附上 server.local_addr() 报告的本地地址（如果有的话）；最后打印“程序到此结束，操作系统会关闭这个 socket”。",
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
                en: "Bind `server` to `addr`: first set SO_REUSEADDR (not on Windows, see step 2's comment), then server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)). Ask the socket for the address it really has, server.local_addr(), a SockAddr (.as_socket() gives an Option<SocketAddr>: .as_socket().context(Failed::Query)? makes it a SocketAddr), and print with say! \"bound to\" and that address; when port 0 was asked for, \"you asked for port 0, so the operating system chose port\" and its port; then \"not listening yet\".",
                zh: "把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置，见第 2 步中的注释），再调用 server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr)) 处理可能出现的错误。然后用 server.local_addr() 查询 socket 实际绑定的地址（它是 SockAddr；.as_socket() 返回的是 Option<SocketAddr>，要写成 .as_socket().context(Failed::Query)? 才得到 SocketAddr），用 say! 打印“已绑定到”和这个地址；如果指定的是端口 0，再打印“你指定的是端口 0，所以由操作系统自动选择了端口”和端口号；最后打印“还没有开始监听”。",
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
                en: "Receive in a loop: conn.read(&mut buffer) with a 1024-byte buffer is recv(2). 0 bytes means the client closed: print \"the client closed the connection\" with say! and stop. An error for which failure::peer_left(&error) holds means it reset: print \"the client reset the connection\" and stop. Decode each read with a message::Utf8Stream and print \"received\", the number of bytes (text::plural(n) gives the English \"s\") and data.shown; when data.carried > 0, say that a character's first bytes wait for the next read; when data.invalid > 0, warn! that some bytes are not valid UTF-8. When message::is_exit(&data.text), print \"the client sent exit\" and stop. After the loop, decoder.finish() tells how many bytes of a cut character were left: warn! that the connection ended in the middle of a character.",
                zh: "循环接收：conn.read(&mut buffer)（使用 1024 字节的缓冲区）就相当于 recv(2)。读到 0 字节表示客户端关闭了连接：用 say! 打印“客户端关闭了连接”并结束循环；如果出错且 failure::peer_left(&error) 成立，表示连接被重置：打印“客户端重置了连接”并结束循环。用 message::Utf8Stream 解码每次读到的数据，打印“收到”、字节数和 data.shown（英文句子里的复数 s 由 text::plural(n) 给出）；data.carried > 0 时说明有一个字符被本次读取截断、留到下一次读取；data.invalid > 0 时用 warn! 警告有字节不是有效的 UTF-8。如果 message::is_exit(&data.text) 成立，打印“客户端发送了 exit”后结束循环。循环结束后，decoder.finish() 会告诉你被截断的字符还剩下多少字节：用 warn! 警告连接在一个字符的中途结束了。",
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
                en: "Close in three moves. conn.shutdown(Shutdown::Write), then print \"shut down the sending side\" with say!. Read until the client closes its side (print \"the client closed its side too\") or LINGER passes: a deadline, Instant::now() + LINGER, that a trickle of bytes cannot put off (before each read, conn.set_read_timeout to what is left of it; print that the client did not close its side within LINGER's seconds). After a reset, shutdown fails with ErrorKind::NotConnected: print \"the connection is already closed\". Then drop(conn), print \"closed the connection to\" and the client's address, drop(server), print \"closed the listening socket\" and its address.",
                zh: "分三步关闭。第一步：conn.shutdown(Shutdown::Write)，然后用 say! 打印“已关闭发送方向”。第二步：一直读取，直到客户端也关闭它那一端（打印“客户端也关闭了它那一端”），或者超过了 LINGER：这是一个截止时间 Instant::now() + LINGER，客户端一点点地发字节也不能推迟它（每次读取前用 conn.set_read_timeout 设为剩下的时间），这时打印客户端在 LINGER 的秒数内没有关闭它那一端；如果连接已被重置，shutdown 会返回 ErrorKind::NotConnected，此时打印“连接已经关闭了”。第三步：drop(conn) 并打印“已关闭与……的连接”（附上客户端地址），再 drop(server) 并打印“已关闭监听 socket”和它的地址。",
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
                en: "For each message: decode it with encoding.decode(&line) and print \"received: \" and data.shown with say!; if `unended`, warn! \"(no line ending)\"; warn! when `data` says so: that it reads as GBK, or that it is not valid in the encoding (encoding.name()). If the client has left (`left`, else left_meanwhile(conn, peer)?), ask nothing: continue. Else prompt! \"type a reply: \" and read it with lines::stdin_line(encoding) (None: print \"stdin closed\" and return Ok(End::Input); is_exit(&reply.text): print \"you typed exit\" and return Ok(End::Session)), encode it with encoding.encode(..), add b'\\n' and send it with write_all (with --explain, print \"sent\" and its number of bytes; if failure::peer_left(&error), print that the client left and return Ok(End::Session)).",
                zh: "对每条消息：用 encoding.decode(&line) 解码，用 say! 打印“接收到发送来的数据: ”和 data.shown；如果 `unended` 成立，用 warn! 打印“（没有换行符）”；如果 data 表明需要，用 warn! 给出警告：它可以按 GBK 解码，或者不是有效的 encoding.name() 编码。如果客户端已经离开（`left`，否则 left_meanwhile(conn, peer)?），就什么也不问：continue。否则用 prompt! 打印“请输入回复消息: ”，用 lines::stdin_line(encoding) 读取回复（None：打印“标准输入已关闭”并 return Ok(End::Input)；is_exit(&reply.text)：打印“你输入了 exit”并 return Ok(End::Session)），用 encoding.encode(..) 编码，加上 b'\\n'，用 write_all 发送（有 --explain 时打印“已发送”和字节数；如果出错且 failure::peer_left(&error) 成立，打印客户端已离开并 return Ok(End::Session)）。",
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
                en: "The client's exit ends the session too: if message::is_exit(&data.text), print \"the client sent exit\" with say! and return Ok(End::Session).",
                zh: "客户端发送 exit 也会结束会话：如果 message::is_exit(&data.text) 成立，用 say! 打印“客户端发送了 exit”并 return Ok(End::Session)。",
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
                en: "Add this read's byte count, `n`, to `total` (a u64): the last line prints it.",
                zh: "把这次读到的字节数 n 累加到 total（u64 类型）上：最后一行会打印它。",
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
                en: "Send the bytes you just read back to the client, as they came: conn.write_all(&buffer[..n]), then print \"echoed\" and the number of bytes with say!. If failure::peer_left(&error), print \"the client is gone\" and stop.",
                zh: "把刚读到的字节原样发回客户端：conn.write_all(&buffer[..n])，然后用 say! 打印“已原样发回”和字节数；如果出错且 failure::peer_left(&error) 成立，打印“客户端已断开连接”并结束。",
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
                en: "Serve `clients` clients one after another: for each number from 1 to `clients`, print \"serving client\" with the number and `clients` (say!) and call serve_one(&server, local)?.",
                zh: "一个接一个地服务 clients 个客户端：对从 1 到 clients 的每个 number，用 say! 打印“正在服务第 number 个客户端（共 clients 个）”，然后调用 serve_one(&server, local)?。",
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
        page: None,
        exercise: Some(Exercise {
            key: "c1",
            file: "exercise_client1_connect",
            todo: Words {
                en: "Connect `client` to `server` within `timeout`: client.connect_timeout(&server.into(), timeout), its error made clear with .map_err(|error| connect_failed(error, server, timeout))? (refused: the command that starts a server; no answer: the deadline). Then print with say! that you are connected, and the client's own address: addr_of(client.local_addr())?.",
                zh: "在 timeout 之内把 client 连接到 server：client.connect_timeout(&server.into(), timeout)，并用 .map_err(|error| connect_failed(error, server, timeout))? 把错误说清楚（被拒绝时给出启动服务端的命令；无人应答时说明期限）。然后用 say! 打印已经连接，以及本机这一端的地址：addr_of(client.local_addr())?。",
            },
        }),
        checks: checks![
            clients::connects_and_shows_its_own_address => 3,
            clients::explains_a_refused_connection => 2,
            clients::gives_up_when_nothing_answers => 1,
        ],
    },
    Lesson {
        name: "client2_send",
        family: Family::ClientStep,
        teaches: Words {
            en: "Client step 2: ... and send each line you type (Python: send(msg.encode(\"UTF-8\")))",
            zh: "客户端第 2 步：……并发送你输入的每一行（Python：send(msg.encode(\"UTF-8\"))）",
        },
        page: None,
        exercise: Some(Exercise {
            key: "c2",
            file: "exercise_client2_send",
            todo: Words {
                en: "Send the line you typed, `msg`, as it is (UTF-8, no line ending added), in one write: client.write_all(msg.as_bytes()) with .with_context(|| Failed::Send(server))?. Then print with say! what you sent: show(msg.as_bytes()) quotes it.",
                zh: "把你输入的这一行 msg 原样（UTF-8，不加换行符）一次写出：client.write_all(msg.as_bytes())，并加上 .with_context(|| Failed::Send(server))?。然后用 say! 打印发送了什么：show(msg.as_bytes()) 会给它加上引号。",
            },
        }),
        checks: checks![
            clients::sends_each_line_as_typed => 3,
            clients::ends_when_the_server_has_gone => 1,
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
        page: None,
        exercise: Some(Exercise {
            key: "c3",
            file: "exercise_client3_recv",
            todo: Words {
                en: "Receive the reply: one client.read(&mut buffer), with a 1024-byte buffer (let mut buffer = [0u8; 1024];), is recv(1024). A read that gave up (timed_out(&error): open() gave each read the --timeout deadline) returns Err(no_reply(server, timeout)). 0 bytes means the server closed: say so with say! and break. Otherwise print the reply's text, show(&buffer[..n]), with say!.",
                zh: "接收回复：用 1024 字节的缓冲区（let mut buffer = [0u8; 1024];）调用一次 client.read(&mut buffer)，就是 recv(1024)。读取超时（timed_out(&error) 成立：open() 给每次读取设置了 --timeout 期限）时返回 Err(no_reply(server, timeout))。读到 0 字节表示服务端关闭了连接：用 say! 说明并 break。否则用 say! 打印回复的内容 show(&buffer[..n])。",
            },
        }),
        checks: checks![
            clients::prints_each_reply => 3,
            clients::ends_when_the_server_closes => 2,
            clients::gives_up_on_a_server_that_never_replies => 1,
            clients::prints_replies_in_pieces_and_together => 1,
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
        page: None,
        exercise: Some(Exercise {
            key: "c4",
            file: "exercise_client4_close",
            todo: Words {
                en: "Close in three moves. client.shutdown(Shutdown::Write), with .or_else(connect::already_closed) (a connection the server reset is closed already) and .with_context(|| Failed::Shutdown(server))?, then say! that the sending side is shut down. Read in a loop with client.read(&mut buffer): print with say! what still arrives, show(&buffer[..n]); stop at Ok(0) (say that the server closed its side too) or at a read that gave up, timed_out(&error) (say that it did not close in time). Then drop(client) and say! that the connection is closed.",
                zh: "分三步关闭。client.shutdown(Shutdown::Write)，加上 .or_else(connect::already_closed)（被服务端重置的连接已经关闭了）和 .with_context(|| Failed::Shutdown(server))?，然后用 say! 说明发送方向已关闭。用 client.read(&mut buffer) 循环读取：用 say! 打印还在到达的数据 show(&buffer[..n])；读到 Ok(0) 时停止（说明服务端也关闭了它那一端），读取超时 timed_out(&error) 时也停止（说明它没有按时关闭）。最后 drop(client)，并用 say! 说明连接已关闭。",
            },
        }),
        checks: checks![
            clients::shuts_down_then_reads_to_the_end => 4,
            clients::reads_a_long_reply_to_its_end => 1,
            clients::gives_up_on_a_server_that_does_not_close => 1,
            clients::stops_on_exit => 0,
            clients::prints_each_reply => 0,
            clients::ends_when_the_server_closes => 0,
            clients::gives_up_on_a_server_that_never_replies => 0,
            clients::prints_replies_in_pieces_and_together => 0,
            clients::sends_each_line_as_typed => 0,
            clients::talks_with_its_example2_server => 0,
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
        page: None,
        exercise: Some(Exercise {
            key: "u1",
            file: "exercise_udp_server",
            todo: Words {
                en: "With a 1024-byte buffer (let mut buffer = [0u8; 1024];), in a loop: server.recv_from(&mut buffer) gives one datagram, (n, peer) (skip an ErrorKind::ConnectionReset: Windows reports an earlier ICMP that way). Print with say! the sender, peer, and the datagram, show(&buffer[..n]). If is_exit(&String::from_utf8_lossy(&buffer[..n])), say so and break. Else prompt! for a reply, read it with typed_line()? (None: say that stdin closed and break), send it to the sender with server.send_to(reply.as_bytes(), peer) (.with_context(|| Failed::Send(peer))?) and say! what you sent.",
                zh: "准备 1024 字节的缓冲区（let mut buffer = [0u8; 1024];），然后循环：server.recv_from(&mut buffer) 得到一个数据报 (n, peer)（遇到 ErrorKind::ConnectionReset 时跳过：Windows 用它报告之前的 ICMP）。用 say! 打印发送方 peer 和数据报 show(&buffer[..n])。如果 is_exit(&String::from_utf8_lossy(&buffer[..n])) 成立，说明后 break。否则用 prompt! 提示输入回复，用 typed_line()? 读取（None：说明标准输入已关闭并 break），再用 server.send_to(reply.as_bytes(), peer)（加上 .with_context(|| Failed::Send(peer))?）发回给发送方，并用 say! 打印发送了什么。",
            },
        }),
        checks: checks![
            udp::udp_server_replies_to_each_sender => 3,
            udp::udp_server_keeps_datagrams_apart => 2,
        ],
    },
    Lesson {
        name: "udp_client",
        family: Family::Udp,
        teaches: Words {
            en: "UDP client: each line you type is one datagram to the server (sendto), each reply one recvfrom; no connect needed",
            zh: "UDP 客户端：你输入的每一行就是发给服务端的一个数据报（sendto），每条回复是一次 recvfrom；不需要 connect",
        },
        page: None,
        exercise: Some(Exercise {
            key: "u2",
            file: "exercise_udp_client",
            todo: Words {
                en: "Send the line, `msg`, as one datagram: client.send_to(msg.as_bytes(), server) (.with_context(|| Failed::Send(server))?), and say! what you sent. If is_exit(&msg), break. Then one client.recv_from(&mut buffer): print with say! who replied and what, show(&buffer[..n]); a receive that gave up (timed_out(&error), or ErrorKind::ConnectionReset on Windows) is no failure: warn! on stderr that no reply came within the timeout, and go on.",
                zh: "把这一行 msg 作为一个数据报发送：client.send_to(msg.as_bytes(), server)（加上 .with_context(|| Failed::Send(server))?），并用 say! 打印发送了什么。如果 is_exit(&msg) 成立就 break。然后调用一次 client.recv_from(&mut buffer)：用 say! 打印谁回复了什么 show(&buffer[..n])；接收超时（timed_out(&error)，或 Windows 上的 ErrorKind::ConnectionReset）不算失败：用 warn! 在标准错误上说明在期限内没有收到回复，然后继续。",
            },
        }),
        checks: checks![
            udp::udp_client_sends_each_line_and_prints_each_reply => 3,
            udp::udp_client_goes_on_when_a_reply_is_lost => 1,
            udp::udp_client_stops_on_exit => 1,
            udp::udp_client_started_before_its_server => 1,
        ],
    },
    Lesson {
        name: "pitfall_udp_truncate",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: a datagram larger than the receive buffer is cut (Linux, macOS) or lost (Windows); fix: a buffer for the largest, 65,507 bytes",
            zh: "陷阱：比接收缓冲区大的数据报会被截断（Linux、macOS）或丢失（Windows）；修正：缓冲区要能装下最大的数据报，65,507 字节",
        },
        page: None,
        exercise: None,
        checks: checks![],
    },
    Lesson {
        name: "pitfall_udp_refused",
        family: Family::Pitfall,
        teaches: Words {
            en: "Pitfall: \"connection refused\" on UDP is an ICMP that only a connected socket hears (Linux); fix: connect() the socket, and never end a server loop on it",
            zh: "陷阱：UDP 上的“连接被拒绝”其实是一个 ICMP 消息，在 Linux 上只有已连接的 socket 才会收到；修正：对 socket 调用 connect()，并且服务端循环不能因它而结束",
        },
        page: None,
        exercise: None,
        checks: checks![],
    },
]
