//! The exercises: which lessons have one, how a student names them, and their
//! starters, made from the lessons themselves.
//!
//! A starter is its lesson with the new part taken out. In each lesson the new part
//! runs from a line `// New in this step…` (or `lesson`, or `exercise`) to the line
//! `// End of the new part.`; the starter puts, in its place, a comment that says what
//! to write. So a starter never drifts from its lesson: change the lesson, then
//! `cargo run -- reset N --yes` writes the starter again.

use std::path::PathBuf;

use socket_workbook::names::exercise_of;

use crate::check::LESSONS;

/// One exercise.
#[derive(Debug, Clone, Copy)]
pub struct Exercise {
    /// The short name a student types: `4`, `e1`, `echo`.
    pub key: &'static str,
    /// The lesson it is the exercise of: `step4_accept`.
    pub lesson: &'static str,
    /// The lesson's source, from which the starter is made.
    pub source: &'static str,
    /// What to write, in English.
    pub todo_en: &'static str,
    /// What to write, in Chinese.
    pub todo_zh: &'static str,
}

/// Every exercise, in the order of the lessons.
pub fn exercises() -> Vec<Exercise> {
    LESSONS
        .iter()
        .filter_map(|lesson| exercise(lesson))
        .collect()
}

/// The exercise of `lesson`.
fn exercise(lesson: &'static str) -> Option<Exercise> {
    macro_rules! source {
        ($name:literal) => {
            include_str!(concat!("../examples/", $name, ".rs"))
        };
    }
    let (key, source, todo_en, todo_zh) = match lesson {
        "step1_create" => ("1", source!("step1_create"), TODO_EN[0], TODO_ZH[0]),
        "step2_bind" => ("2", source!("step2_bind"), TODO_EN[1], TODO_ZH[1]),
        "step3_listen" => ("3", source!("step3_listen"), TODO_EN[2], TODO_ZH[2]),
        "step4_accept" => ("4", source!("step4_accept"), TODO_EN[3], TODO_ZH[3]),
        "step5_recv" => ("5", source!("step5_recv"), TODO_EN[4], TODO_ZH[4]),
        "step6_send" => ("6", source!("step6_send"), TODO_EN[5], TODO_ZH[5]),
        "step7_close" => ("7", source!("step7_close"), TODO_EN[6], TODO_ZH[6]),
        "example1_server" => ("e1", source!("example1_server"), TODO_EN[7], TODO_ZH[7]),
        "example2_server" => ("e2", source!("example2_server"), TODO_EN[8], TODO_ZH[8]),
        "extra_count_bytes" => (
            "count_bytes",
            source!("extra_count_bytes"),
            TODO_EN[9],
            TODO_ZH[9],
        ),
        "extra_echo" => ("echo", source!("extra_echo"), TODO_EN[10], TODO_ZH[10]),
        "extra_serial" => ("serial", source!("extra_serial"), TODO_EN[11], TODO_ZH[11]),
        _ => return None,
    };
    Some(Exercise {
        key,
        lesson,
        source,
        todo_en,
        todo_zh,
    })
}

/// The exercise a student means by `query`: its key (`4`, `e1`, `echo`), its name
/// (`exercise4_accept`), its lesson (`step4_accept`), `step4`, or `示例1`.
pub fn find(query: &str) -> Option<Exercise> {
    let query = query.trim().to_ascii_lowercase();
    let query = match query.as_str() {
        "示例1" => "e1".to_string(),
        "示例2" => "e2".to_string(),
        _ => query,
    };
    exercises().into_iter().find(|exercise| {
        exercise.key == query
            || exercise.lesson == query
            || exercise.name() == query
            || exercise.lesson.split('_').next() == Some(query.as_str())
            || exercise.key.replace('_', "-") == query
    })
}

impl Exercise {
    /// The example a student writes: `exercise4_accept`.
    pub fn name(&self) -> String {
        exercise_of(self.lesson)
    }

    /// Where the student's file is.
    pub fn path(&self) -> PathBuf {
        examples_dir().join(format!("{}.rs", self.name()))
    }

    /// Where the lesson is explained: its pages in the book (English, Chinese), or the
    /// README's section on the extra exercises.
    pub fn pages(&self) -> String {
        if self.lesson.starts_with("extra_") {
            "README.md, \"Exercises\"".to_string()
        } else {
            format!("docs/en/{0}.md, docs/zh/{0}.md", self.lesson)
        }
    }

    /// The starter: the lesson with its new part replaced by what to write.
    pub fn starter(&self) -> String {
        let name = self.name();
        let body = match self.source.find("#![forbid(unsafe_code)]") {
            Some(at) => &self.source[at..],
            None => self.source,
        };
        let mut out = format!(
            "//! Exercise {key}: write the new part of `{lesson}` yourself.\n\
             //!\n\
             //! This is `examples/{lesson}.rs` with its new part taken out. The comment marked\n\
             //! TODO says what to write. Run it as you ran the lesson:\n\
             //!\n\
             //! ```text\n\
             //! cargo run --example {name}\n\
             //! ```\n\
             //!\n\
             //! Check it: `cargo run -- check {key}`. A hint: `cargo run -- hint {key}`. Start\n\
             //! again: `cargo run -- reset {key}`. The finished lesson, to compare once you are\n\
             //! done: `examples/{lesson}.rs`.\n\
             //!\n\
             //! 练习 {key}：亲手写出 `{lesson}` 中新增的部分，标有 TODO 的注释说明了要写什么。\n\
             //! 检查：`cargo run -- check {key}`；提示：`cargo run -- hint {key}`；\n\
             //! 重新开始：`cargo run -- reset {key}`；写完后可以对照完整的课程代码：\n\
             //! `examples/{lesson}.rs`。\n",
            key = self.key,
            lesson = self.lesson,
        );
        let mut lines = body.lines();
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("#![forbid(unsafe_code)]") {
                out.push_str(line);
                out.push('\n');
                out.push_str("// Until you write your part, some names stay unused.\n");
                out.push_str("#![allow(unused)]\n");
                continue;
            }
            if !line.trim_start().starts_with("// New in this ") {
                out.push_str(
                    &line.replace(&format!("(\"{}\")", self.lesson), &format!("(\"{name}\")")),
                );
                out.push('\n');
                continue;
            }
            // The new part: keep its Python lines for the comment, drop the rest.
            let indent = &line[..line.len() - line.trim_start().len()];
            let mut python = Vec::new();
            for inner in lines.by_ref() {
                let inner = inner.trim();
                if inner == "// End of the new part." {
                    break;
                }
                if let Some(py) = python_line(inner) {
                    python.push(py);
                }
            }
            out.push_str(&self.todo_comment(indent, &python));
        }
        out
    }

    /// The comment that stands where the new part was.
    fn todo_comment(&self, indent: &str, python: &[String]) -> String {
        let mut comment = String::new();
        let mut say = |text: &str| {
            comment.push_str(indent);
            comment.push_str("//");
            if !text.is_empty() {
                comment.push(' ');
                comment.push_str(text);
            }
            comment.push('\n');
        };
        say(&format!(
            "TODO (exercise {}): write the new part here.",
            self.key
        ));
        for line in wrap(self.todo_en, 84) {
            say(&line);
        }
        for line in python {
            say(&format!("Python: {line}"));
        }
        for line in wrap(self.todo_zh, 84) {
            say(&line);
        }
        say(&format!("Lesson: {}", self.pages()));
        say(&format!(
            "Hint: cargo run -- hint {}; check: cargo run -- check {}",
            self.key, self.key
        ));
        comment
    }
}

/// The Python in a comment `// Python: …` or `// Python (示例2): …`.
fn python_line(comment: &str) -> Option<String> {
    let rest = comment.strip_prefix("// Python")?;
    let rest = match rest.trim_start().strip_prefix('(') {
        Some(inside) => inside.split_once(')')?.1,
        None => rest,
    };
    Some(rest.trim_start().strip_prefix(':')?.trim().to_string())
}

/// Breaks `text` into lines of at most `width` columns, where a Chinese character
/// takes two: between words, or between Chinese characters, never inside a word of
/// code such as `server.accept()`.
fn wrap(text: &str, width: usize) -> Vec<String> {
    // The pieces that may not be split: a run of ASCII without spaces, a space, or one
    // other character.
    let mut pieces: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = c.is_ascii() && c != ' ';
        match pieces.last_mut() {
            Some(last) if joins && last.chars().all(|d| d.is_ascii() && d != ' ') => last.push(c),
            _ => pieces.push(c.to_string()),
        }
    }
    let columns = |piece: &str| {
        piece
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        if !line.is_empty() && columns(&line) + columns(&piece) > width {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        if line.is_empty() && piece == " " {
            continue;
        }
        line.push_str(&piece);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The folder of the examples and exercises: `examples/` of this crate, or
/// `WORKBOOK_EXAMPLES_DIR` (for the checker's own tests).
pub fn examples_dir() -> PathBuf {
    match std::env::var_os("WORKBOOK_EXAMPLES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")),
    }
}

/// What to write, per exercise, in English (in the order of [`LESSONS`]).
const TODO_EN: [&str; 12] = [
    "Create a TCP/IPv4 socket: Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)), with `?` and .context(Failed::Create). Then print what it is with say!, in English and in Chinese: \"created a socket\" with its family (Domain::IPV4) and its type, from server.r#type(); its handle, \"the operating system knows it as file descriptor\" and server.as_raw_fd() on Unix (\"SOCKET\" and server.as_raw_socket() on Windows); that it is \"not bound yet\", with the local address that server.local_addr() reports, or without one; and \"the program ends here, and the operating system closes the socket\".",
    "Bind `server` to `addr`: first set SO_REUSEADDR (not on Windows, see step 2's comment), then server.bind(&addr.into()) with .with_context(|| Failed::Bind(addr)). Ask the socket for the address it really has, server.local_addr() (.as_socket() makes it a SocketAddr), and print with say! \"bound to\" and that address; when port 0 was asked for, \"you asked for port 0, so the operating system chose port\" and its port; then \"not listening yet\".",
    "Listen: server.listen(args.backlog) with .with_context(|| Failed::Listen(addr)). Ask for the real address with local_addr() and print the readiness line, text::listening_on(local). Then print with say! that \"clients can connect now\", with the backlog, and \"press Enter to stop listening\"; wait for a line on stdin (Enter, or the end of input), and print \"stopped listening\".",
    "Print \"waiting for a client\" with say!, then accept one client: server.accept() returns the connection and the client's address (.as_socket() makes it a SocketAddr). Print \"accepted connection from\" and the client's address, then \"closing the connection\", and close the connection by dropping it.",
    "Receive in a loop: conn.read(&mut buffer) with a 1024-byte buffer is recv(2). 0 bytes means the client closed: print \"the client closed the connection\" with say! and stop. An error for which failure::peer_left(&error) holds means it reset: print \"the client reset the connection\" and stop. Decode each read with a message::Utf8Stream and print \"received\", the number of bytes (text::plural(n) gives the English \"s\") and data.shown; when data.carried > 0, say that a character's first bytes wait for the next read; when data.invalid > 0, warn! that some bytes are not valid UTF-8. When message::is_exit(&data.text), print \"the client sent exit\" and stop. After the loop, decoder.finish() tells how many bytes of a cut character were left: warn! that the connection ended in the middle of a character.",
    "After each message, print the reply prompt, \"type a reply and press Enter\", with say!, and read a line from stdin: 0 bytes means your input ended (print \"stdin closed\" and stop); message::is_exit(&reply) means you typed exit (print \"you typed exit\" and stop). Send the reply as one line ending in \"\\n\" with conn.write_all(..) and print \"sent\" and its number of bytes; if failure::peer_left(&error), print \"the client is gone\" and stop.",
    "Close in three moves. conn.shutdown(Shutdown::Write), then print \"shut down the sending side\" with say!. Read until the client closes its side (print \"the client closed its side too\") or a read timeout of LINGER passes (conn.set_read_timeout; print that the client did not close its side within LINGER's seconds). After a reset, shutdown fails with ErrorKind::NotConnected: print \"the connection is already closed\". Then drop(conn), print \"closed the connection to\" and the client's address, drop(server), print \"closed the listening socket\" and its address.",
    "For each line: decode it with encoding.decode(&line) and print \"received:\" and data.shown with say!; warn! when `data` says so: that the line reads as GBK, or that it is not valid in the encoding (encoding.name()). Then read the reply from stdin as in step 6 (0 bytes: print \"stdin closed\" and return Ok(End::Input); exit: print \"you typed exit\" and return Ok(End::Session)), encode it with encoding.encode(..), add b'\\n', send it with write_all and print \"sent\" and its number of bytes.",
    "The client's exit ends the session too: if message::is_exit(&data.text), print \"the client sent exit\" with say! and return Ok(End::Session).",
    "Add this read's byte count, `n`, to `total` (a u64): the last line prints it.",
    "Send the bytes you just read back to the client, as they came: conn.write_all(&buffer[..n]), then print \"echoed\" and the number of bytes with say!. If failure::peer_left(&error), print \"the client is gone\" and stop.",
    "Serve `clients` clients one after another: for each number from 1 to `clients`, print \"serving client\" with the number and `clients` (say!) and call serve_one(&server, local)?.",
];

/// What to write, per exercise, in Chinese (in the order of [`LESSONS`]).
const TODO_ZH: [&str; 12] = [
    "创建一个 TCP/IPv4 socket：Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))，用 ? 和 .context(Failed::Create) 处理可能出现的错误。然后用 say! 打印它的信息（英文一句、中文一句）：“已创建 socket”，以及地址族（Domain::IPV4）和 server.r#type() 得到的类型；它的句柄：Unix 上是“操作系统用文件描述符……来标识它”和 server.as_raw_fd()（Windows 上是 SOCKET 句柄和 server.as_raw_socket()）；它“尚未绑定”，附上 server.local_addr() 报告的本地地址（如果有的话）；最后打印“程序到此结束，操作系统会关闭这个 socket”。",
    "把 server 绑定到 addr：先设置 SO_REUSEADDR（Windows 上不设置，见第 2 步中的注释），再调用 server.bind(&addr.into())，并用 .with_context(|| Failed::Bind(addr)) 处理可能出现的错误。然后用 server.local_addr() 查询 socket 实际绑定的地址（用 .as_socket() 转成 SocketAddr），用 say! 打印“已绑定到”和这个地址；如果指定的是端口 0，再打印“你指定的是端口 0，所以由操作系统自动选择了端口”和端口号；最后打印“还没有开始监听”。",
    "开始监听：调用 server.listen(args.backlog)，并用 .with_context(|| Failed::Listen(addr)) 处理可能出现的错误。用 local_addr() 查询实际地址，打印就绪行 text::listening_on(local)。再用 say! 打印“客户端现在已经可以连接”（附上 backlog）和“按回车键停止监听”，然后等待标准输入中的一行（回车，或者输入结束），最后打印“已停止监听”。",
    "用 say! 打印“正在等待客户端连接”，然后接受一个客户端：server.accept() 返回连接和客户端地址（用 .as_socket() 转成 SocketAddr）。打印“接收到客户端连接，连接来自：”和客户端地址，再打印“正在关闭连接”，然后通过丢弃（drop）连接来关闭它。",
    "循环接收：conn.read(&mut buffer)（使用 1024 字节的缓冲区）就相当于 recv(2)。读到 0 字节表示客户端关闭了连接：用 say! 打印“客户端关闭了连接”并结束循环；如果出错且 failure::peer_left(&error) 成立，表示连接被重置：打印“客户端重置了连接”并结束循环。用 message::Utf8Stream 解码每次读到的数据，打印“收到”、字节数和 data.shown（英文句子里的复数 s 由 text::plural(n) 给出）；data.carried > 0 时说明有一个字符被本次读取截断、留到下一次读取；data.invalid > 0 时用 warn! 警告有字节不是有效的 UTF-8。如果 message::is_exit(&data.text) 成立，打印“客户端发送了 exit”后结束循环。循环结束后，decoder.finish() 会告诉你被截断的字符还剩下多少字节：用 warn! 警告连接在一个字符的中途结束了。",
    "每收到一条消息，就用 say! 打印回复提示“请输入回复消息”，并从标准输入读取一行：读到 0 字节表示你的输入已经结束（打印“标准输入已关闭”并结束）；message::is_exit(&reply) 成立表示你输入了 exit（打印“你输入了 exit”并结束）。用 conn.write_all(..) 把回复作为以 \"\\n\" 结尾的一行发送，然后打印“已发送”和字节数；如果出错且 failure::peer_left(&error) 成立，打印“客户端已断开连接”并结束。",
    "分三步关闭。第一步：conn.shutdown(Shutdown::Write)，然后用 say! 打印“已关闭发送方向”。第二步：一直读取，直到客户端也关闭它那一端（打印“客户端也关闭了它那一端”），或者超过了 LINGER 的读超时（用 conn.set_read_timeout 设置），这时打印客户端在 LINGER 的秒数内没有关闭它那一端；如果连接已被重置，shutdown 会返回 ErrorKind::NotConnected，此时打印“连接已经关闭了”。第三步：drop(conn) 并打印“已关闭与……的连接”（附上客户端地址），再 drop(server) 并打印“已关闭监听 socket”和它的地址。",
    "对每一行：用 encoding.decode(&line) 解码，用 say! 打印“接收到发送来的数据：”和 data.shown；如果 data 表明需要，用 warn! 给出警告：这一行可以按 GBK 解码，或者不是有效的 encoding.name() 编码。然后像第 6 步那样从标准输入读取回复（读到 0 字节：打印“标准输入已关闭”并 return Ok(End::Input)；输入 exit：打印“你输入了 exit”并 return Ok(End::Session)），用 encoding.encode(..) 编码，加上 b'\\n'，用 write_all 发送，并打印“已发送”和字节数。",
    "客户端发送 exit 也会结束会话：如果 message::is_exit(&data.text) 成立，用 say! 打印“客户端发送了 exit”并 return Ok(End::Session)。",
    "把这次读到的字节数 n 累加到 total（u64 类型）上：最后一行会打印它。",
    "把刚读到的字节原样发回客户端：conn.write_all(&buffer[..n])，然后用 say! 打印“已原样发回”和字节数；如果出错且 failure::peer_left(&error) 成立，打印“客户端已断开连接”并结束。",
    "一个接一个地服务 clients 个客户端：对从 1 到 clients 的每个 number，用 say! 打印“正在服务第 number 个客户端（共 clients 个）”，然后调用 serve_one(&server, local)?。",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exercise_can_be_named_by_its_key_its_file_and_its_lesson() {
        for exercise in exercises() {
            for query in [
                exercise.key.to_string(),
                exercise.name(),
                exercise.lesson.to_string(),
            ] {
                assert_eq!(
                    find(&query).map(|found| found.lesson),
                    Some(exercise.lesson),
                    "{query}"
                );
            }
        }
        assert_eq!(
            find("示例2").map(|found| found.lesson),
            Some("example2_server")
        );
        assert_eq!(
            find("step4").map(|found| found.lesson),
            Some("step4_accept")
        );
        assert!(find("step99").is_none());
    }

    #[test]
    fn every_lesson_marks_exactly_one_new_part() {
        for exercise in exercises() {
            let starts = exercise
                .source
                .lines()
                .filter(|line| line.trim_start().starts_with("// New in this "))
                .count();
            let ends = exercise
                .source
                .lines()
                .filter(|line| line.trim() == "// End of the new part.")
                .count();
            assert_eq!((starts, ends), (1, 1), "{}", exercise.lesson);
        }
    }

    #[test]
    fn a_starter_is_its_lesson_without_the_new_part() {
        for exercise in exercises() {
            let starter = exercise.starter();
            assert!(starter.contains(&format!("TODO (exercise {})", exercise.key)));
            assert!(!starter.contains("// New in this "), "{}", exercise.lesson);
            assert!(
                !starter.contains("// End of the new part."),
                "{}",
                exercise.lesson
            );
            assert!(
                starter.contains(&format!("(\"{}\")", exercise.name())),
                "{}",
                exercise.lesson
            );
            assert!(starter.contains("#![allow(unused)]"));
        }
        let step4 = find("4")
            .map(|exercise| exercise.starter())
            .unwrap_or_default();
        assert!(!step4.contains("= server.accept()"));
        assert!(step4.contains("server\n        .listen(args.backlog)"));
        assert!(step4.contains("// Python: conn, address = socket_server.accept()"));
    }

    #[test]
    fn wrapping_keeps_words_of_code_whole() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(
            wrap("打印 text::accepted(peer) 和", 12),
            ["打印", "text::accepted(peer)", "和"]
        );
        assert_eq!(wrap("你好世界", 4), ["你好", "世界"]);
    }

    #[test]
    fn python_lines_are_read_from_comments() {
        assert_eq!(
            python_line("// Python: listen(1)").as_deref(),
            Some("listen(1)")
        );
        assert_eq!(
            python_line("// Python (示例2): if data == 'exit': break").as_deref(),
            Some("if data == 'exit': break")
        );
        assert_eq!(python_line("// not python"), None);
    }
}
