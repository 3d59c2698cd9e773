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
// which keeps it, scores 0. `kit` proves that every starter scores 0. A kept behaviour
// that is broken costs a point, and a fail is always below full points
// (`checker/src/score.rs`). The checks judge what a program does and the facts it
// shows, never a lesson's sentence; a TODO says what to show, quotes a word only where
// the word matters ("exit"), and puts in backticks only code that compiles where the
// TODO stands (`kit` builds each starter with it).
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
                en: "Bind `server` to `addr`: first let the address be reused at once, `server.set_reuse_address(true)` (not on Windows: see step 2's comment), then `server.bind(&addr.into())`, each with `?` and a context (`Failed::Bind(addr)`). Ask the socket for the address it really has, `server.local_addr()?.as_socket()` (an Option: `Failed::Query` is the context of its None), and show it: 127.0.0.1 and the real port, the one the system chose when port 0 was asked for. Then say that it does not listen yet. Your own words: the checker looks for the address and the port.",
                zh: "把 `server` 绑定到 `addr`：先允许地址立即重用，`server.set_reuse_address(true)`（Windows 上不设置，见第 2 步中的注释），再调用 `server.bind(&addr.into())`，两者都用 `?` 并加上上下文（`Failed::Bind(addr)`）。然后查询 socket 实际绑定的地址，`server.local_addr()?.as_socket()`（它是 Option：为 None 时的上下文是 `Failed::Query`），并把它显示出来：127.0.0.1 和真实端口（指定端口 0 时就是系统选择的端口）。最后说明还没有开始监听。措辞由你决定：检查只看地址和端口。",
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
                en: "Listen: `server.listen(args.backlog)` with `?` and a context (`Failed::Listen(addr)`). Print the readiness line of the output contract, `text::listening_on`, with the real address, `server.local_addr()?.as_socket()`. Then show that clients can connect now, with the backlog's number (`args.backlog`), wait for a line on stdin (Enter, or the end of input), and end with exit status 0. Your own words: the checker connects, looks for the backlog's number, presses Enter.",
                zh: "开始监听：`server.listen(args.backlog)`，用 `?` 并加上上下文（`Failed::Listen(addr)`）。用真实地址 `server.local_addr()?.as_socket()` 打印输出约定中的就绪行 `text::listening_on`。然后说明客户端现在已经可以连接，并给出 backlog 的数值（`args.backlog`）；再等待标准输入中的一行（回车，或者输入结束），最后以退出码 0 结束。措辞由你决定：检查会连接、查找 backlog 的数值、再按回车。",
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
                en: "Accept one client: `server.accept()`, with `?` and a context (`Failed::Accept(local)`), gives the connection and the client's address, a SockAddr: its as_socket() is an Option<SocketAddr>, with `Failed::Query` as the context of its None. Show the client's address (ip:port: the checker looks for it), then close the connection by dropping it, and end with exit status 0.",
                zh: "接受一个客户端：`server.accept()`，用 `?` 并加上上下文（`Failed::Accept(local)`），它返回连接和客户端地址（SockAddr；它的 as_socket() 返回 Option<SocketAddr>，为 None 时的上下文是 `Failed::Query`）。显示客户端地址（ip:port，检查会查找它），然后通过丢弃（drop）连接来关闭它，最后以退出码 0 结束。",
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
                en: "Receive in a loop, into a buffer of 1024 bytes (`conn.read(&mut [0u8; 1024])` is recv(2)). A read of 0 bytes means the client closed the connection: end the loop there (reading again returns 0 at once, for ever). An error for which `peer_left` holds means the client reset the connection: end the loop too. Decode the reads with one `Utf8Stream::new()` kept across them (`Utf8Stream::decode`), and show each read's size in bytes and its text as received (data.shown quotes it, line ending included); when data.carried > 0, say that a character's first bytes wait for the next read; when data.invalid > 0, warn! on stderr. The message \"exit\" ends the session: `is_exit` tells it (\"exit\" alone or with its line ending; a message that only contains the word goes on). After the loop, `Utf8Stream::finish` tells how many bytes of a cut character were left: warn! if any. Your own words: the checker looks for the size and the text.",
                zh: "循环接收数据，缓冲区 1024 字节（`conn.read(&mut [0u8; 1024])` 就是 recv(2)）。读到 0 字节表示客户端关闭了连接：就在这里结束循环（再读还是立刻返回 0，永远如此）。如果出错且 `peer_left` 成立，表示客户端重置了连接：同样结束循环。用同一个 `Utf8Stream::new()` 解码每次读到的数据（`Utf8Stream::decode`），显示每次读取的字节数和收到的文本（data.shown 带引号，包括换行符）；data.carried > 0 时说明有一个字符的前几个字节留到下一次读取；data.invalid > 0 时用 warn! 在标准错误中警告。消息 \"exit\" 结束会话：由 `is_exit` 判断（\"exit\" 本身，或者带换行符；只是包含这个单词的消息不算）。循环结束后，`Utf8Stream::finish` 给出被截断的字符还剩多少字节：如果有，用 warn! 警告。措辞由你决定：检查只看字节数和文本。",
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
                en: "For each message, ask for a reply (a line that says so) and read one line from stdin with `lines::stdin_line(Encoding::Utf8)`, with `?` and a context (`Failed::Stdin`): None means your input ended: end the session. The reply \"exit\" ends the session without sending it (`is_exit` tells it). Any other reply goes to the client as one line ending in \"\\n\", in one `conn.write_all(b\"ok\\n\")`; then show how many bytes were sent. If the write fails and `peer_left` holds, the client is gone: end the session. Your own words: the checker types replies and reads them.",
                zh: "每收到一条消息，就请求输入回复（打印一行提示），并用 `lines::stdin_line(Encoding::Utf8)` 从标准输入读取一行，用 `?` 并加上上下文（`Failed::Stdin`）：None 表示你的输入已经结束，结束会话。回复 \"exit\" 结束会话，并且不发送它（由 `is_exit` 判断）。其他回复作为以 \"\\n\" 结尾的一行，用一次 `conn.write_all(b\"ok\\n\")` 发给客户端，然后显示发送的字节数。如果发送失败且 `peer_left` 成立，说明客户端已经断开：结束会话。措辞由你决定：检查会输入回复并读取它们。",
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
                en: "Close in three moves. First `conn.shutdown(Shutdown::Write)`: your FIN; the client reads the end of the stream, and you can still read (Shutdown::Read would send nothing). Then wait for the client's FIN: read until a read returns 0 bytes, or until a deadline, `Instant::now() + LINGER`, passes; a trickle of bytes must not put it off, so before each read set the timeout to what is left of it (`conn.set_read_timeout(Some(LINGER))` sets one). If shutdown fails with `ErrorKind::NotConnected`, the client has reset the connection already: skip the wait. Last, drop the connection, then the listening socket, and show the client's address and the listening address as you close them. Your own words: the checker reads your FIN and watches you wait for its own.",
                zh: "分三步关闭。第一步：`conn.shutdown(Shutdown::Write)`，发出你的 FIN；客户端会读到数据流结束，而你仍然可以读取（Shutdown::Read 什么也不会发送）。第二步：等待客户端的 FIN：一直读取，直到某次读取返回 0 字节，或者超过截止时间 `Instant::now() + LINGER`；客户端一点点地发字节也不能推迟它，所以每次读取前都要把超时设为剩下的时间（`conn.set_read_timeout(Some(LINGER))` 可以设置超时）。如果 shutdown 失败且错误是 `ErrorKind::NotConnected`，说明客户端已经重置了连接：跳过等待。第三步：先丢弃（drop）连接，再丢弃监听 socket，关闭时显示客户端地址和监听地址。措辞由你决定：检查会读取你的 FIN，并观察你是否等待它的 FIN。",
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
                en: "For each message: decode it, `encoding.decode(&line)`, and show it as received (data.shown); if it came with no line ending (`unended`), warn! that it had none; warn! too when data says it reads as GBK (data.looks_like_gbk) or is not valid in the encoding (data.invalid, `encoding.name()`). If the client has left (`left`, else `left_meanwhile(conn, peer)`), ask nothing: continue. Else prompt for a reply with prompt! (it flushes stdout; after a print! you must flush, or the prompt stays unseen) and read it with `lines::stdin_line(encoding)`: None ends your input (return `End::Input`); the reply \"exit\" ends the session (`is_exit`; return `End::Session`). Any other reply is sent encoded (`encoding.encode(\"ok\")` encodes a text), with \"\\n\" added, in one `conn.write_all(b\"ok\\n\")`; with --explain, show the bytes sent. If the write fails and `peer_left` holds, the client left: return `End::Session`. Your own words: the checker looks for the message and your prompt, and types replies.",
                zh: "对每条消息：用 `encoding.decode(&line)` 解码，显示收到的内容（data.shown）；如果它没有换行符（`unended`），用 warn! 说明；如果 data 表明它可以按 GBK 解码（data.looks_like_gbk），或者不是有效的该编码（data.invalid，`encoding.name()`），也用 warn! 警告。如果客户端已经离开（`left`，否则 `left_meanwhile(conn, peer)`），就什么也不问：continue。否则用 prompt! 提示输入回复（它会刷新标准输出；如果用 print!，之后必须 flush，否则提示不会出现），并用 `lines::stdin_line(encoding)` 读取：None 表示你的输入结束（return `End::Input`）；回复 \"exit\" 结束会话（`is_exit`；return `End::Session`）。其他回复编码后（`encoding.encode(\"ok\")` 会编码一段文本）加上 \"\\n\"，用一次 `conn.write_all(b\"ok\\n\")` 发送；有 --explain 时显示发送的字节数。如果发送失败且 `peer_left` 成立，说明客户端已离开：return `End::Session`。措辞由你决定：检查只看消息和提示，并会输入回复。",
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
                en: "The client's \"exit\" ends the session too: when `is_exit(&data.text)` holds, say that the client ended it and return `End::Session` inside Ok, without asking for a reply. Only the whole message \"exit\" (alone or with its line ending) ends it, never a message that only contains the word. Your own words: the checker sends \"exit\" in four ways and watches the session end.",
                zh: "客户端发送 \"exit\" 也会结束会话：当 `is_exit(&data.text)` 成立时，说明是客户端结束了会话，然后返回包在 Ok 里的 `End::Session`，不再请求输入回复。只有整条消息是 \"exit\"（单独一个，或者带换行符）才结束，只是包含这个单词的消息不算。措辞由你决定：检查会用四种方式发送 \"exit\"，并观察会话是否结束。",
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
                en: "Add this read's size, `n`, to `total` (a u64: `n as u64`): the last line shows the total, which the checker looks for.",
                zh: "把这次读到的字节数 `n` 累加到 `total` 上（它是 u64：`n as u64`）：最后一行会显示总数，检查会查找它。",
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
                en: "Send the bytes you just read back to the client, as they came: `conn.write_all(&buffer[..n])`, then show how many bytes you echoed. If the write fails and `peer_left` holds, the client is gone: end the session.",
                zh: "把刚读到的字节原样发回客户端：`conn.write_all(&buffer[..n])`，然后显示发回的字节数。如果发送失败且 `peer_left` 成立，说明客户端已经断开：结束会话。",
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
                en: "Serve `clients` clients one after another: for each, show its number and how many there are, then call `serve_one(&server, local)?`.",
                zh: "一个接一个地服务 `clients` 个客户端：对每一个，显示它是第几个、一共几个，然后调用 `serve_one(&server, local)?`。",
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
