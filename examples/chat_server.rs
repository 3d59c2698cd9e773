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

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use socket_workbook::chat::{self, End, Lines, Names, Next, Writer, check_name};
use socket_workbook::echo::{self, open_ladder_server};
use socket_workbook::ladder::{self, Limits};
use socket_workbook::{Args, Failed, report, say, words};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, broadcast};
use tokio::time::{Instant, sleep_until};

/// Clients served at once unless `--max-connections` says otherwise.
const MAX_CONNECTIONS: usize = 1000;

/// The longest name, in characters, unless `--max-name` says otherwise.
const MAX_NAME: usize = 32;

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
    /// The names in use (src/chat.rs: shared by the tasks, behind a mutex).
    names: Names,
    limits: Limits,
    max_name: usize,
}

impl Chat {
    /// Sends a line to every member but `from`. With no member listening, nobody is
    /// told, and that is no failure.
    fn tell_others(&self, from: u64, line: String) {
        let line: Arc<str> = ladder::wire(line).into();
        let _ = self.lines.send(Said { from, line });
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = ladder::cli("chat_server")
        .arg(ladder::max_connections(MAX_CONNECTIONS))
        .arg(ladder::count("max-name", MAX_NAME, ladder::help_max_name()))
        .parse();
    // What it prints goes through a queue: a terminal nobody reads holds up no client.
    socket_workbook::output::queue_stdout();
    report(run(&args).await)
}

async fn run(args: &Args) -> anyhow::Result<()> {
    let mut limits = Limits::from_args(args);
    ladder::fit_open_files(&mut limits);
    // Steps 1 to 3, as in step 8 (src/echo.rs), then non-blocking for tokio (step 11).
    let (server, local) = open_ladder_server(args, &limits)?;
    server
        .set_nonblocking(true)
        .with_context(|| Failed::Listen(local))?;
    let listener = TcpListener::from_std(server.into()).with_context(|| Failed::Listen(local))?;

    // New here: what the members share, the names in use (src/chat.rs) and one
    // broadcast channel: every member's task reads every line said. The channel drops
    // its oldest line for a reader that is that far behind (it is told), which bounds
    // the memory a slow reader costs.
    let (lines, _) = broadcast::channel(chat::capacity(&limits));
    let chat = Arc::new(Chat {
        lines,
        names: Names::default(),
        limits,
        max_name: ladder::get_count(args, "max-name", MAX_NAME),
    });
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let numbers = AtomicU64::new(1);
    loop {
        // Step 4: accept.
        let accepted = listener.accept().await;
        let (stream, peer) = match accepted.with_context(|| Failed::Accept(local)) {
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
            tokio::spawn(chat::refuse(stream, peer, limits));
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
                echo::warn_session_error(peer, &error);
            }
            let connected = limits.max_connections - permits.available_permits();
            echo::tell_closed(peer, &limits, connected);
        });
    }
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
    let (reader, writer) = stream.into_split();
    let mut lines = Lines::new(reader, peer, limits);
    let mut writer = Writer::new(writer, peer, limits);
    // Only a whole line moves the deadline, never a byte (a trickle cannot put it off).
    let mut deadline = Instant::now() + limits.idle_timeout;

    // The name: asked until a free one comes.
    writer
        .send(&words!(
            "welcome to the chat: type your name and press Enter",
            "欢迎来到聊天室：请输入你的名字，然后按回车"
        ))
        .await?;
    let (name, key, members) = loop {
        let next = tokio::select! {
            next = lines.next() => next?,
            () = sleep_until(deadline) => Next::End(lines.idle_end()),
        };
        deadline = Instant::now() + limits.idle_timeout;
        match next {
            Next::Line(line) if line.trim() == "exit" => return writer.finish(End::Exit).await,
            Next::Line(line) => match check_name(&line, chat.max_name) {
                Err(refusal) => writer.send(&refusal).await?,
                Ok((name, key)) => match chat.names.take(&key) {
                    Some(members) => break (name, key, members),
                    None => {
                        let taken = words!(
                            "error: the name `{name}` is taken: choose another",
                            "错误：名字 `{name}` 已经有人用了：请换一个"
                        );
                        writer.send(&taken).await?;
                    }
                },
            },
            Next::TooLong => writer.too_long().await?,
            Next::End(end) => return writer.finish(end).await,
        }
    };

    // Joining: listen to the others first, so that no line said from now on is missed.
    let mut inbox = chat.lines.subscribe();
    if !limits.quiet {
        say!(
            "{peer} joined as `{name}` ({members} in the chat)",
            "{peer} 以 `{name}` 的名字加入了聊天（聊天室里有 {members} 人）"
        );
    }
    chat.tell_others(number, words!("* {name} joined", "* {name} 加入了聊天"));
    let welcome = writer
        .send(&words!("hello {name}: {members} in the chat, you included; each line you send goes to all the others, exit leaves", "你好，{name}：聊天室里有 {members} 人（包括你）；你发送的每一行都会转给其他所有人，输入 exit 离开"))
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
                            // To the others, escaped: no control sequence reaches them.
                            let line = chat::escape(&line);
                            chat.tell_others(number, format!("{name}: {line}"));
                        }
                        Ok(Next::TooLong) => {
                            if let Err(error) = writer.too_long().await {
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
                        Err(broadcast::error::RecvError::Lagged(missed)) => chat::missed(&name, missed, limits),
                        // Every sender is gone: the server is stopping.
                        Err(broadcast::error::RecvError::Closed) => break Ok(End::Closed),
                    };
                    if let Err(error) = writer.write_line(&line).await {
                        break Err(error);
                    }
                }
                () = sleep_until(deadline) => break Ok(lines.idle_end()),
            }
        },
    };

    // Leaving: free the name, tell the others.
    let members = chat.names.free(&key);
    chat.tell_others(number, words!("* {name} left", "* {name} 离开了聊天"));
    if !limits.quiet {
        say!(
            "`{name}` left ({members} in the chat)",
            "`{name}` 离开了（聊天室里有 {members} 人）"
        );
    }
    writer.finish(end?).await
}
