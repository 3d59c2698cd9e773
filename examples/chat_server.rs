//! The capstone — a chat server: each line from one client goes to all the others.
//!
//! Built on step 11: a tokio task per client. A new client first gives its name; the
//! others read `* alice joined`. Each line it sends then reaches every other client
//! as `alice: <line>`, never itself; `exit` (or closing) leaves, and the others read
//! `* alice left`. The lines travel through one broadcast channel: every member's task
//! reads it and writes what others said to its own client.
//!
//! The limits: `--max-connections` (default 1000; one more client is told the server
//! is full), `--max-line` (a longer line is refused, the client told), `--max-name`,
//! `--idle-timeout` (a silent client is closed), and the channel keeps a bounded number
//! of lines: a client that reads too slowly misses some, and is told how many.
//!
//! Run it (tokio is an optional dependency, so the feature is needed):
//!
//! ```text
//! terminal 1: cargo run --features async --example chat_server
//! terminal 2: nc 127.0.0.1 8888
//! terminal 3: nc 127.0.0.1 8888
//! ```
//!
//! Type a name in terminals 2 and 3, then chat. Press Enter in terminal 1 to stop the
//! server (the end of its stdin does the same: that is how the tests stop it); Ctrl+C
//! stops it too.
//!
//! Lesson: README, "From one client to many"; docs/en/chat_server.md,
//! docs/zh/chat_server.md.

use std::collections::{HashSet, VecDeque};
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::ladder::{self, Limits};
use socket_workbook::lines::{Encoding, Frame, LineFramer};
use socket_workbook::{Args, Failed, outln, report, say, warn, words};
use socket_workbook::{message, text};
use socket2::{Domain, Protocol, Socket, Type};
use tokio::io::AsyncWriteExt;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, broadcast};
use tokio::time::{Instant, sleep_until, timeout};
use unicode_normalization::UnicodeNormalization;

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 1000;

/// The longest name, in characters, unless `--max-name` says otherwise.
const MAX_NAME: usize = 32;

/// What the broadcast channel may hold, in bytes of lines at most: it keeps
/// `CHANNEL_BYTES / --max-line` lines (between 16 and 1024) for the slowest reader.
const CHANNEL_BYTES: usize = 8 * 1024 * 1024;

/// How long telling a refused client may take before it is closed anyway.
const LAST_WORD: Duration = Duration::from_secs(1);

/// One line for the others: who said it (a member's number), and the line to send,
/// `\n` included, shared by every reader rather than copied for each.
#[derive(Clone, Debug)]
struct Said {
    from: u64,
    line: Arc<str>,
}

/// What all the members share.
struct Chat {
    /// Every line said, for every member's task to read.
    lines: broadcast::Sender<Said>,
    /// The names in use. A std `Mutex`: it is held for an instant, never across an
    /// `.await` (tokio's documentation recommends this).
    names: Mutex<HashSet<String>>,
    limits: Limits,
    max_name: usize,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = ladder::cli("chat_server")
        .arg(ladder::max_connections(MAX_CONNECTIONS))
        .arg(ladder::count("max-name", MAX_NAME, ladder::help_max_name()))
        .parse();
    // What this server prints goes through a queue, written by a thread of its own
    // (`output::queue_stdout`): a terminal nobody reads, or a pipe into a slow reader,
    // never holds up a client. Lines that do not fit are counted, and the count said.
    socket_workbook::output::queue_stdout();
    report(run(&args).await)
}

async fn run(args: &Args) -> anyhow::Result<()> {
    let addr = args.addr;
    let mut limits = Limits::from_args(args);
    ladder::fit_open_files(&mut limits);

    // Step 1: socket.
    let server =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;

    // Step 2: bind (SO_REUSEADDR: see step 2; not on Windows).
    #[cfg(not(windows))]
    server
        .set_reuse_address(true)
        .with_context(|| Failed::ReuseAddress(addr))?;
    server
        .bind(&addr.into())
        .with_context(|| Failed::Bind(addr))?;

    // Step 3: listen, with a backlog for many clients (`--backlog`).
    server
        .listen(args.backlog)
        .with_context(|| Failed::Listen(addr))?;
    let local = server.local_addr().context(Failed::Query)?;
    let local = local.as_socket().context(Failed::Query)?;

    // Non-blocking, for tokio (step 11).
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Listen(addr))?;
    let listener = TcpListener::from_std(server.into()).with_context(|| Failed::Listen(addr))?;
    outln!("{}", text::listening_on(local));
    let max_connections = limits.max_connections;
    let max_line = limits.max_line;
    let idle = ladder::seconds(limits.idle_timeout);
    say!(
        "serving up to {max_connections} clients at once, lines up to {max_line} bytes, idle timeout {idle} s; press Enter to stop the server",
        "最多同时服务 {max_connections} 个客户端，每行最多 {max_line} 字节，空闲超时 {idle} 秒；按回车键停止服务端"
    );
    ladder::stop_on_enter(words!(
        "Enter pressed or stdin closed: stopping the server; the operating system closes every connection",
        "按下了回车键或标准输入已关闭：停止服务端；操作系统会关闭所有连接"
    ));

    // New here: what the members share. The channel drops its oldest line for a reader
    // that is that far behind (it is told), which bounds the memory a slow reader costs.
    let capacity = (CHANNEL_BYTES / limits.max_line).clamp(16, 1024);
    let (lines, _) = broadcast::channel(capacity);
    let chat = Arc::new(Chat {
        lines,
        names: Mutex::new(HashSet::new()),
        limits,
        max_name: ladder::get_count(args, "max-name", MAX_NAME),
    });
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let numbers = AtomicU64::new(1);
    loop {
        // Step 4: accept.
        let accepted = listener
            .accept()
            .await
            .with_context(|| Failed::Accept(local));
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            // A client that gave up, or no file descriptor left: the server goes on.
            Err(error) => {
                if let Some(pause) = ladder::pause_after_accept_error(&error) {
                    tokio::time::sleep(pause).await;
                }
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            tokio::spawn(refuse(stream, peer, limits));
            continue;
        };
        if !limits.quiet {
            say!(
                "accepted connection from {peer}",
                "接收到客户端连接，连接来自：{peer}"
            );
        }

        // A task per member, as in step 11.
        let chat = Arc::clone(&chat);
        let permits = Arc::clone(&permits);
        let number = numbers.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            let result = member(stream, peer, number, &chat).await;
            drop(permit);
            if let Err(error) = result {
                let error = format!("{error:#}");
                warn!(
                    "warning: the session with {peer} ended with an error, the server goes on: {error}",
                    "警告：与 {peer} 的会话因错误而结束，服务端继续运行：{error}"
                );
            }
            if !limits.quiet {
                let connected = limits.max_connections - permits.available_permits();
                say!(
                    "closed the connection to {peer}; clients connected now: {connected}",
                    "已关闭与 {peer} 的连接；当前在线的客户端：{connected} 个"
                );
            }
        });
    }
}

/// How a member's session ended.
#[derive(Debug)]
enum End {
    Exit,
    Closed,
    Reset,
    Idle,
    /// Bytes of a line came, but not its end, in time (a trickle).
    Trickle,
}

/// A name as the chat shows it, and the key it is compared by, or the refusal to
/// send. The name is the line, trimmed, in NFKC: `ＢＯＢ` (full-width letters) is
/// `BOB`. It is refused if it holds control characters, or characters that a terminal
/// hides or obeys (`bob\u{200b}` looks like `bob`, U+202E turns the text around; see
/// `message::is_hidden`). Two names clash when they are the same in lowercase: `Bob`
/// is taken once `bob` is.
fn check_name(line: &str, max: usize) -> Result<(String, String), String> {
    let name: String = line.trim().nfkc().collect();
    let count = name.chars().count();
    if name.chars().any(message::is_hidden) || line.chars().any(message::is_hidden) {
        let shown = message::escape(line.trim().as_bytes(), false);
        return Err(words!(
            "error: the name `{shown}` holds invisible or direction-changing characters: choose another",
            "错误：名字 `{shown}` 含有看不见的或改变文字方向的字符：请换一个"
        ));
    }
    if count == 0 || count > max || name.chars().any(char::is_control) {
        return Err(words!(
            "error: a name has 1 to {max} characters, with no control characters: choose another",
            "错误：名字要有 1 到 {max} 个字符，且不能包含控制字符：请换一个"
        ));
    }
    let key = name.to_lowercase();
    Ok((name, key))
}

/// One client of the chat, from its name to its leaving.
async fn member(
    stream: TcpStream,
    peer: SocketAddr,
    number: u64,
    chat: &Chat,
) -> anyhow::Result<()> {
    let limits = &chat.limits;
    // Two halves, so that one task can wait for a line from the client and for a line
    // from the others at once.
    let (reader, mut writer) = stream.into_split();
    let mut lines = Lines::new(reader, peer, limits);
    let mut deadline = Instant::now() + limits.idle_timeout;

    // The name: asked until a free one comes.
    send(
        &mut writer,
        peer,
        limits,
        &words!(
            "welcome to the chat: type your name and press Enter",
            "欢迎来到聊天室：请输入你的名字，然后按回车"
        ),
    )
    .await?;
    let (name, key) = loop {
        let next = tokio::select! {
            next = lines.next() => next?,
            () = sleep_until(deadline) => Next::End(lines.idle_end()),
        };
        deadline = Instant::now() + limits.idle_timeout;
        match next {
            Next::Line(line) if line.trim() == "exit" => {
                return finish(writer, peer, limits, End::Exit).await;
            }
            Next::Line(line) => match check_name(&line, chat.max_name) {
                Err(refusal) => send(&mut writer, peer, limits, &refusal).await?,
                Ok((name, key)) => {
                    if chat.names_lock().insert(key.clone()) {
                        break (name, key);
                    }
                    send(
                        &mut writer,
                        peer,
                        limits,
                        &words!(
                            "error: the name `{name}` is taken: choose another",
                            "错误：名字 `{name}` 已经有人用了：请换一个"
                        ),
                    )
                    .await?;
                }
            },
            Next::TooLong => {
                let refusal = ladder::wire_line_too_long(limits.max_line);
                send(&mut writer, peer, limits, &refusal).await?;
            }
            Next::End(end) => return finish(writer, peer, limits, end).await,
        }
    };

    // Joining: listen to the others first, so that no line said from now on is missed.
    let mut inbox = chat.lines.subscribe();
    let members = chat.names_lock().len();
    if !limits.quiet {
        say!(
            "{peer} joined as `{name}` ({members} in the chat)",
            "{peer} 以 `{name}` 的名字加入了聊天（聊天室里有 {members} 人）"
        );
    }
    chat.tell_others(number, words!("* {name} joined", "* {name} 加入了聊天"));
    let welcome = send(
        &mut writer,
        peer,
        limits,
        &words!("hello {name}: {members} in the chat, you included; each line you send goes to all the others, exit leaves", "你好，{name}：聊天室里有 {members} 人（包括你）；你发送的每一行都会转给其他所有人，输入 exit 离开"),
    )
    .await;

    // Chatting: whichever comes first, a line from this client or one from the others,
    // or the idle timeout.
    let end = match welcome {
        Err(error) => Err(error),
        Ok(()) => loop {
            tokio::select! {
                next = lines.next() => {
                    deadline = Instant::now() + limits.idle_timeout;
                    match next {
                        Ok(Next::Line(line)) if line == "exit" => break Ok(End::Exit),
                        Ok(Next::Line(line)) => {
                            if !limits.quiet {
                                let shown = &lines.shown;
                                say!("{name} says: {shown}", "{name} 说：{shown}");
                            }
                            // What the member sent, never what its bytes would do to
                            // a terminal: `\x1b]0;owned\x07` would retitle the others'
                            // windows, `\x1b[2A` move their cursor, `\r* alice left`
                            // forge a notice. Escaped as the server's own output is.
                            let line = message::escape(line.as_bytes(), false);
                            chat.tell_others(number, format!("{name}: {line}"));
                        }
                        Ok(Next::TooLong) => {
                            let refusal = ladder::wire_line_too_long(limits.max_line);
                            if let Err(error) = send(&mut writer, peer, limits, &refusal).await {
                                break Err(error);
                            }
                        }
                        Ok(Next::End(end)) => break Ok(end),
                        Err(error) => break Err(error),
                    }
                }
                said = inbox.recv() => {
                    let line = match said {
                        Ok(said) if said.from == number => continue,
                        Ok(said) => said.line,
                        // This client read too slowly: the channel dropped the oldest lines.
                        Err(broadcast::error::RecvError::Lagged(missed)) => {
                            if !limits.quiet {
                                say!("`{name}` reads too slowly and missed {missed} messages", "`{name}` 读取得太慢，错过了 {missed} 条消息");
                            }
                            ladder::wire(words!("error: you read too slowly and missed {missed} messages", "错误：你读取得太慢，错过了 {missed} 条消息")).into()
                        }
                        // Every sender is gone: the server is stopping.
                        Err(broadcast::error::RecvError::Closed) => break Ok(End::Closed),
                    };
                    if let Err(error) = write_line(&mut writer, peer, limits, &line).await {
                        break Err(error);
                    }
                }
                () = sleep_until(deadline) => break Ok(lines.idle_end()),
            }
        },
    };

    // Leaving: free the name, tell the others.
    let members = {
        let mut names = chat.names_lock();
        names.remove(&key);
        names.len()
    };
    chat.tell_others(number, words!("* {name} left", "* {name} 离开了聊天"));
    if !limits.quiet {
        say!(
            "`{name}` left ({members} in the chat)",
            "`{name}` 离开了（聊天室里有 {members} 人）"
        );
    }
    match end {
        Ok(end) => finish(writer, peer, limits, end).await,
        Err(error) => Err(error),
    }
}

impl Chat {
    /// The names in use, locked. A task that panicked while holding them (none does)
    /// leaves them usable.
    fn names_lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.names.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends a line to every member but `from`. With no member listening, nobody is
    /// told, and that is no failure.
    fn tell_others(&self, from: u64, line: String) {
        let line: Arc<str> = ladder::wire(line).into();
        let _ = self.lines.send(Said { from, line });
    }
}

/// Sends one message line to the client.
async fn send(
    writer: &mut OwnedWriteHalf,
    peer: SocketAddr,
    limits: &Limits,
    message: &str,
) -> anyhow::Result<()> {
    write_line(writer, peer, limits, &ladder::wire(message.to_string())).await
}

/// Step 6: send, for the idle timeout at most: a client that does not read must not
/// hold its task forever. A client that has gone is no error (the reading side sees
/// it and ends the session).
async fn write_line(
    writer: &mut OwnedWriteHalf,
    peer: SocketAddr,
    limits: &Limits,
    line: &str,
) -> anyhow::Result<()> {
    match timeout(limits.idle_timeout, writer.write_all(line.as_bytes())).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) if peer_left(&error) => Ok(()),
        Ok(Err(error)) => Err(error).with_context(|| Failed::Send(peer)),
        Err(_elapsed) => {
            Err(std::io::Error::from(ErrorKind::TimedOut)).with_context(|| Failed::Send(peer))
        }
    }
}

/// Says why a session ended, and closes it (step 7).
async fn finish(
    mut writer: OwnedWriteHalf,
    peer: SocketAddr,
    limits: &Limits,
    end: End,
) -> anyhow::Result<()> {
    let idle = ladder::seconds(limits.idle_timeout);
    let why = match end {
        End::Exit => words!(
            "{peer} sent exit: closing its connection, the others go on",
            "{peer} 发送了 exit：关闭它的连接，其他客户端不受影响"
        ),
        End::Closed => words!("{peer} closed the connection", "{peer} 关闭了连接"),
        End::Reset => words!("{peer} reset the connection", "{peer} 重置了连接"),
        End::Idle => {
            // Best effort: a client that does not read cannot be told.
            let message = ladder::wire(ladder::wire_idle(&idle));
            let _ = timeout(LAST_WORD, writer.write_all(message.as_bytes())).await;
            words!(
                "{peer} sent nothing for {idle} s: closing its connection",
                "{peer} 已经 {idle} 秒没有发送任何数据：关闭它的连接"
            )
        }
        End::Trickle => {
            let message = ladder::wire(ladder::wire_no_whole_line(&idle));
            let _ = timeout(LAST_WORD, writer.write_all(message.as_bytes())).await;
            words!(
                "{peer} sent part of a line but no whole line for {idle} s: closing its connection",
                "{peer} 发送了半行，但 {idle} 秒内没有发完整的一行：关闭它的连接"
            )
        }
    };
    if !limits.quiet {
        outln!("{why}");
    }
    // Step 7: close. shutdown(2) of the sending side; dropping the halves closes it.
    match writer.shutdown().await {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::NotConnected || peer_left(&error) => Ok(()),
        Err(error) => Err(error).with_context(|| Failed::Shutdown(peer)),
    }
}

/// What comes next from a client.
enum Next {
    /// A line, decoded (bytes that are not UTF-8 become U+FFFD).
    Line(String),
    /// A line over the limit (its rest is dropped as it arrives).
    TooLong,
    /// The end of the session.
    End(End),
}

/// The lines a client sends, framed by [`LineFramer`] as in the echo servers.
struct Lines {
    reader: OwnedReadHalf,
    peer: SocketAddr,
    framer: LineFramer,
    ready: VecDeque<Frame>,
    closed: bool,
    /// Bytes of a line have come since the last whole one.
    partial: bool,
    /// The last line, escaped for the server's own output.
    shown: String,
}

impl Lines {
    fn new(reader: OwnedReadHalf, peer: SocketAddr, limits: &Limits) -> Lines {
        Lines {
            reader,
            peer,
            framer: LineFramer::new(limits.max_line),
            ready: VecDeque::new(),
            closed: false,
            partial: false,
            shown: String::new(),
        }
    }

    /// How a session whose line did not come in time ends: silent, or trickling.
    /// Only a whole line moves the deadline (see `member`), never a byte.
    fn idle_end(&self) -> End {
        if self.partial {
            End::Trickle
        } else {
            End::Idle
        }
    }

    /// The next line. Safe to cancel (in `select!`): bytes are only taken from the
    /// socket by `try_read`, which never waits, and kept in the framer at once.
    async fn next(&mut self) -> anyhow::Result<Next> {
        loop {
            if let Some(frame) = self.ready.pop_front() {
                return Ok(match frame {
                    Frame::Line(bytes) => {
                        let text = Encoding::Utf8.decode(&bytes);
                        self.shown = text.shown;
                        Next::Line(text.text)
                    }
                    Frame::TooLong(_) => Next::TooLong,
                });
            }
            if self.closed {
                return Ok(Next::End(End::Closed));
            }
            // Wait with no buffer: a silent member costs only its task (see step 11).
            self.reader
                .readable()
                .await
                .with_context(|| Failed::Recv(self.peer))?;
            // Step 5: recv.
            let mut buffer = [0u8; 4096];
            match self.reader.try_read(&mut buffer) {
                Ok(0) => {
                    self.closed = true;
                    self.ready.extend(self.framer.finish());
                }
                Ok(n) => {
                    self.partial = buffer[n - 1] != b'\n';
                    self.ready.extend(self.framer.push(&buffer[..n]));
                }
                Err(error) if error.kind() == ErrorKind::WouldBlock => {}
                Err(error) if peer_left(&error) => return Ok(Next::End(End::Reset)),
                Err(error) => return Err(error).with_context(|| Failed::Recv(self.peer)),
            }
        }
    }
}

/// Tells a client over the limit that the server is full, and closes its connection.
/// The errors are ignored: a client that is gone already needs no answer.
async fn refuse(mut stream: TcpStream, peer: SocketAddr, limits: Limits) {
    if !limits.quiet {
        let max = limits.max_connections;
        say!(
            "refused {peer}: {max} clients are connected already (--max-connections)",
            "拒绝了 {peer}：已经有 {max} 个客户端在线（--max-connections）"
        );
    }
    let full = ladder::wire(ladder::wire_full(limits.max_connections));
    let _ = timeout(LAST_WORD, stream.write_all(full.as_bytes())).await;
    let _ = timeout(LAST_WORD, stream.shutdown()).await;
}
