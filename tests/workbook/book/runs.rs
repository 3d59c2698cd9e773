//! The runs the book's pages show, as data: one table, [`RUNS`], says for each page and
//! run what happens, move by move; one interpreter makes every run of a server and its
//! clients ([`talk_run`]), another every run of a client against a server
//! ([`pair_run`]). The few runs that are neither (a program that is no server, a
//! benchmark's figures, a pitfall's demo) name a function of `book.rs` of their own. A
//! page names its runs in the lessons' table (`Page::shows`, besides the plain `run`): a
//! run the table lacks fails the page's check, and `every_run_in_the_table_is_shown_by_a_page`
//! fails on an entry that no page shows.

use std::net::SocketAddr;

use super::{
    Lang, Run, echo_line, expect_about, expect_read, launch, on_the_page, on_the_page_all,
    other_address, prompt, server, server_prompt,
};
use crate::check::{Client, Failure, Outcome, Program, Server};

/// One move of a run, in the order it happens; clients are numbered from 0 in the order
/// they connect. A text of two is said in English and Chinese, as the page's language.
#[derive(Clone, Copy, Debug)]
pub(super) enum Move {
    /// A client connects; the page shows its address as the next client's.
    Connect,
    /// The client sends this text.
    Send(usize, &'static str),
    /// The client sends these bytes (not UTF-8).
    SendBytes(usize, &'static [u8]),
    /// The server prints a line that holds this (the same in both languages).
    Shown(&'static str),
    /// The server prints a line that holds this.
    Says(&'static str, &'static str),
    /// The server writes a line on stderr that holds this.
    Warns(&'static str, &'static str),
    /// The server prints a line about the client (its address) that holds this.
    About(usize, &'static str, &'static str),
    /// A step asks for your reply: a line that holds [`prompt`].
    AsksLine,
    /// 示例1 or 示例2 asks for your reply: [`server_prompt`], which ends no line.
    Asks,
    /// You type this line into the server.
    Type(&'static str),
    /// Your input ends (Ctrl+D).
    EndInput,
    /// The client reads a line, whatever it is.
    ReadLine(usize),
    /// The client reads this line.
    Reads(usize, &'static str, &'static str),
    /// The client sends this line and reads it back, whole.
    Echo(usize, &'static str),
    /// The client closes its sending side: it has nothing more to say.
    ShutdownWrite(usize),
    /// The client reads the end of the stream, and closes.
    End(usize),
}

use Move::*;

/// A run of the page's server with the arguments `args` (after `127.0.0.1:0`), and
/// clients that make `moves`; then the server must end with exit status 0.
pub(super) struct Talk {
    pub(super) args: &'static [&'static str],
    pub(super) moves: &'static [Move],
    /// What your terminal shows: each reply you typed after the server's prompt
    /// (示例1 and 示例2, which read on the prompt's line).
    pub(super) typed_shown: bool,
    /// What the run's stdout needs before the page shows it (two threads that print in
    /// either order), given the clients' addresses.
    pub(super) tidy: Option<Tidy>,
}

/// What a run's stdout needs before the page shows it: `(stdout, the clients'
/// addresses, the language)`.
pub(super) type Tidy = fn(&str, &[SocketAddr], Lang) -> String;

/// A run of the client `client` against the server `against`, each fed what is typed
/// ahead; the page shows the client's terminal, or the server's with `shows_server`.
pub(super) struct Pair {
    pub(super) client: &'static str,
    pub(super) against: &'static str,
    pub(super) typed: &'static str,
    pub(super) replies: &'static str,
    /// The server ends on its own once the client has (a UDP server told `exit`), with
    /// exit status 0; otherwise it is stopped.
    pub(super) server_ends: bool,
    pub(super) shows_server: bool,
}

/// How a run is made.
pub(super) enum How {
    Talk(Talk),
    Pair(Pair),
    /// A run with code of its own in `book.rs`.
    Own(OwnRun),
}

/// A run with code of its own: `(page, run, language)`; `None` where this system prints
/// other lines than the page shows.
pub(super) type OwnRun = fn(&str, &str, Lang) -> Outcome<Option<Run>>;

/// One run of a page: the page's stem (`pitfall_*`: every pitfall's page), the run's
/// name (`run`, or one of `Page::shows`), the other programs it needs, and how.
pub(super) struct Entry {
    pub(super) page: &'static str,
    pub(super) run: &'static str,
    pub(super) needs: &'static [&'static str],
    pub(super) how: How,
}

/// The entry of `page`'s run `run`.
pub(super) fn find(page: &str, run: &str) -> Option<&'static Entry> {
    RUNS.iter().find(|entry| {
        entry.run == run
            && match entry.page.strip_suffix('*') {
                Some(prefix) => page.starts_with(prefix),
                None => entry.page == page,
            }
    })
}

const fn talk(moves: &'static [Move]) -> How {
    How::Talk(Talk {
        args: &[],
        moves,
        typed_shown: false,
        tidy: None,
    })
}

const fn entry(page: &'static str, run: &'static str, how: How) -> Entry {
    Entry {
        page,
        run,
        needs: &[],
        how,
    }
}

/// The client sends `hello`, `你好`, each once the last is shown, then `exit`.
const HELLO_NIHAO_EXIT: &[Move] = &[
    Connect,
    // Each message waits until the last one is printed: sent at once, two could
    // arrive in one read (pitfall_byte_stream), and the page would lie.
    Send(0, "hello\n"),
    Shown(r#""hello\n""#),
    Send(0, "你好\n"),
    Shown(r#""你好\n""#),
    Send(0, "exit\n"),
    End(0),
];

/// The client sends `hello` with no line ending, as netAssist does by default; after
/// 300 ms with nothing more it is one message; the end of your input ends it all.
const NO_LINE_END: &[Move] = &[
    Connect,
    Send(0, "hello"),
    Warns("(no line ending", "（没有换行符"),
    Asks,
    EndInput,
    End(0),
];

const CLOSED: (&str, &str) = ("closed the connection to", "已关闭与");

/// The ladder's echo servers: two clients at once, each waiting for what the server
/// says before the next move, so that the lines come in one order. `started` is what
/// the server says of a new client.
macro_rules! ladder {
    ($en:literal, $zh:literal) => {
        talk(&[
            Connect,
            About(0, $en, $zh),
            Connect,
            About(1, $en, $zh),
            Echo(0, "hello\n"),
            Echo(1, "你好\n"),
            Send(0, "exit\n"),
            End(0),
            About(0, CLOSED.0, CLOSED.1),
            ShutdownWrite(1),
            End(1),
            About(1, CLOSED.0, CLOSED.1),
        ])
    };
}

/// Every run of every page.
pub(super) const RUNS: &[Entry] = &[
    // `cargo run --example step1_create`
    entry("step1_create", "run", How::Own(super::step1_run)),
    // `cargo run --example step2_bind -- 127.0.0.1:0`
    entry("step2_bind", "run", How::Own(super::step2_run)),
    // Another program holds the port: `cargo run --example step2_bind`, twice.
    entry("step2_bind", "in-use", How::Own(super::step2_in_use)),
    // A client connects and sends `queued`, then you press Enter.
    entry(
        "step3_listen",
        "run",
        talk(&[Connect, Send(0, "queued\n"), Type("")]),
    ),
    // `cargo run --example client` where nothing listens.
    Entry {
        page: "step3_listen",
        run: "refused",
        needs: &["client"],
        how: How::Own(super::step3_refused),
    },
    // A client connects, and reads the end of the stream.
    entry("step4_accept", "run", talk(&[Connect, End(0)])),
    entry("step5_recv", "run", talk(HELLO_NIHAO_EXIT)),
    // The client sends 你好 in GBK, as netAssist does on Chinese Windows.
    entry(
        "step5_recv",
        "gbk",
        talk(&[
            Connect,
            SendBytes(0, b"\xc4\xe3\xba\xc3\n"),
            Shown(r#""\xC4\xE3\xBA\xC3\n""#),
            Send(0, "exit\n"),
            End(0),
        ]),
    ),
    // The client sends `hello`, you reply `hi`, the client sends `exit`.
    entry(
        "step6_send",
        "run",
        talk(&[
            Connect,
            Send(0, "hello\n"),
            AsksLine,
            Type("hi"),
            ReadLine(0),
            Send(0, "exit\n"),
            End(0),
        ]),
    ),
    // The client sends `hello`, you reply `hi`; the client sends `bye`, you type
    // `exit`. The client has nothing more to say: it closes its sending side before
    // you type `exit`, so that the server's wait for it after `shutdown` ends at once,
    // whatever the timing (what the server prints is the same either way).
    entry(
        "step7_close",
        "run",
        talk(&[
            Connect,
            Send(0, "hello\n"),
            AsksLine,
            Type("hi"),
            ReadLine(0),
            Send(0, "bye\n"),
            AsksLine,
            ShutdownWrite(0),
            Type("exit"),
            End(0),
        ]),
    ),
    // The lesson's 运行结果: three messages, three replies, then `exit`, typed by you
    // for 示例1 (the client has said all first), sent by the client for 示例2.
    entry(
        "example1_server",
        "run",
        How::Talk(Talk {
            args: &[],
            moves: &[
                Connect,
                Send(0, "保持连接\n"),
                Asks,
                Type("保持连接"),
                ReadLine(0),
                Send(0, "今天不想上课\n"),
                Asks,
                Type("明天必须来"),
                ReadLine(0),
                Send(0, "封锁，触发会持续\n"),
                Asks,
                ShutdownWrite(0),
                Type("exit"),
                End(0),
            ],
            typed_shown: true,
            tidy: None,
        }),
    ),
    entry(
        "example2_server",
        "run",
        How::Talk(Talk {
            args: &[],
            moves: &[
                Connect,
                Send(0, "保持连接\n"),
                Asks,
                Type("保持连接"),
                ReadLine(0),
                Send(0, "今天不想上课\n"),
                Asks,
                Type("明天必须来"),
                ReadLine(0),
                Send(0, "封锁，触发会持续\n"),
                Asks,
                Type("OK"),
                ReadLine(0),
                Send(0, "exit\n"),
                ShutdownWrite(0),
                End(0),
            ],
            typed_shown: true,
            tidy: None,
        }),
    ),
    entry("example1_server", "no-line-end", talk(NO_LINE_END)),
    entry("example2_server", "no-line-end", talk(NO_LINE_END)),
    // A pitfall's demo is its own client: `cargo run --example pitfall_…`, the
    // mistake, and `… -- --fixed`, the fix.
    entry("pitfall_*", "run", How::Own(super::pitfall_mistake)),
    entry("pitfall_*", "fixed", How::Own(super::pitfall_fixed)),
    // The extra of step 5: `hello`, `你好`, then `exit`, and the total.
    entry("extra_count_bytes", "run", talk(HELLO_NIHAO_EXIT)),
    // The echo extra: `hello` and `你好` come back, then `exit`.
    entry(
        "extra_echo",
        "run",
        talk(&[
            Connect,
            Echo(0, "hello\n"),
            Echo(0, "你好\n"),
            Send(0, "exit\n"),
            // Nothing more to say: the server's wait after its shutdown ends at once.
            ShutdownWrite(0),
            End(0),
        ]),
    ),
    // Two clients, one after the other: each sends `hello`, you reply `hi`, and the
    // client sends `exit`; the next connects once this one's session has ended.
    entry(
        "extra_serial",
        "run",
        talk(&[
            Connect,
            Send(0, "hello\n"),
            AsksLine,
            Type("hi"),
            ReadLine(0),
            Send(0, "exit\n"),
            ShutdownWrite(0),
            End(0),
            Says(CLOSED.0, CLOSED.1),
            Connect,
            Send(1, "hello\n"),
            AsksLine,
            Type("hi"),
            ReadLine(1),
            Send(1, "exit\n"),
            ShutdownWrite(1),
            End(1),
            Says(CLOSED.0, CLOSED.1),
        ]),
    ),
    entry(
        "step8_threads",
        "run",
        ladder!("started a thread for", "启动了一个线程"),
    ),
    entry(
        "step10_nonblocking",
        "run",
        ladder!("registered", "注册到 poll"),
    ),
    entry(
        "step11_async",
        "run",
        ladder!("spawned a task for", "创建了一个任务"),
    ),
    // `--workers 1`: the second client waits in the queue until the first leaves.
    entry(
        "step9_pool",
        "run",
        How::Talk(Talk {
            args: &["--workers", "1"],
            moves: &[
                Connect,
                About(0, "serves", "开始服务"),
                Connect,
                About(1, "queued", "已进入队列"),
                Echo(0, "hello\n"),
                Send(0, "exit\n"),
                End(0),
                About(1, "serves", "开始服务"),
                Echo(1, "你好\n"),
                ShutdownWrite(1),
                End(1),
                About(1, "takes the next", "接着服务下一个"),
            ],
            typed_shown: false,
            tidy: Some(super::queued_before_served),
        }),
    ),
    // alice and bob join; alice says `hi bob`; bob leaves with `exit`, alice closes.
    // The last line of a member's session is printed after its stream ends.
    entry(
        "chat_server",
        "run",
        talk(&[
            Connect,
            ReadLine(0),
            Send(0, "alice\n"),
            ReadLine(0),
            Connect,
            ReadLine(1),
            Send(1, "bob\n"),
            ReadLine(1),
            Reads(0, "* bob joined\n", "* bob 加入了聊天\n"),
            Send(0, "hi bob\n"),
            Reads(1, "alice: hi bob\n", "alice: hi bob\n"),
            Send(1, "exit\n"),
            End(1),
            Reads(0, "* bob left\n", "* bob 离开了聊天\n"),
            About(1, CLOSED.0, CLOSED.1),
            ShutdownWrite(0),
            End(0),
            About(0, CLOSED.0, CLOSED.1),
        ]),
    ),
    // The workbook's client, typed into, against the echo extra: `hello`, `你好`,
    // then Ctrl+D.
    Entry {
        page: "client",
        run: "run",
        needs: &["extra_echo"],
        how: How::Own(super::client_run),
    },
    // Client step 1 against 示例2: `cargo run --example client1_connect`.
    entry(
        "client1_connect",
        "run",
        How::Pair(Pair {
            client: "client1_connect",
            against: "example2_server",
            typed: "",
            replies: "",
            server_ends: false,
            shows_server: false,
        }),
    ),
    // Client steps 2 to 4 against a lesson server, the client's input typed ahead
    // (client step 2: given at once, through a pipe, as its page says), the server's
    // replies too: each waits on the other's message.
    entry(
        "client2_send",
        "run",
        How::Pair(Pair {
            client: "client2_send",
            against: "step5_recv",
            typed: "hello\n你好\nexit\n",
            replies: "",
            server_ends: false,
            shows_server: false,
        }),
    ),
    entry(
        "client3_recv",
        "run",
        How::Pair(Pair {
            client: "client3_recv",
            against: "example2_server",
            typed: "你好\nexit\n",
            replies: "好的\n",
            server_ends: false,
            shows_server: false,
        }),
    ),
    entry(
        "client4_close",
        "run",
        How::Pair(Pair {
            client: "client4_close",
            against: "example2_server",
            typed: "保持连接\n今天不想上课\nexit\n",
            replies: "保持连接\n明天必须来\n",
            server_ends: false,
            shows_server: false,
        }),
    ),
    // UDP: `udp_server`, then `udp_client` sends 你好, the server replies 收到, the
    // client sends exit. Each page shows its own program's terminal.
    entry(
        "udp_server",
        "run",
        How::Pair(Pair {
            client: "udp_client",
            against: "udp_server",
            typed: "你好\nexit\n",
            replies: "收到\n",
            server_ends: true,
            shows_server: true,
        }),
    ),
    entry(
        "udp_client",
        "run",
        How::Pair(Pair {
            client: "udp_client",
            against: "udp_server",
            typed: "你好\nexit\n",
            replies: "收到\n",
            server_ends: true,
            shows_server: false,
        }),
    ),
    // loadgen against step 8 (`--quiet`): 10 clients, 100 lines each.
    Entry {
        page: "loadgen",
        run: "run",
        needs: &["step8_threads"],
        how: How::Own(super::loadgen_run),
    },
    // The benchmark takes minutes and the machine to itself: the page shows what it
    // says of itself, and quotes docs/benchmarks.md for its figures.
    entry("bench", "run", How::Own(super::bench_run)),
];

/// Makes a [`Talk`] run of `program` in the page's language.
pub(super) fn talk_run(program: &Program, talk: &Talk, lang: Lang) -> Outcome<Run> {
    let mut server = server(program, lang).args(talk.args).start()?;
    let addr = server.addr;
    // A client is taken out of its place when it closes.
    let mut clients: Vec<Option<Client>> = Vec::new();
    let mut peers: Vec<SocketAddr> = Vec::new();
    let mut typed: Vec<&str> = Vec::new();
    for step in talk.moves {
        match *step {
            Connect => {
                let client = server.connect()?;
                peers.push(client.local_addr());
                clients.push(Some(client));
            }
            Send(at, text) => client(&mut clients, at)?.send(text)?,
            SendBytes(at, bytes) => client(&mut clients, at)?.send(bytes)?,
            Shown(text) => {
                server.expect_line(text)?;
            }
            Says(en, zh) => {
                server.expect_line(lang.says(en, zh))?;
            }
            Warns(en, zh) => {
                server.expect_stderr_line(lang.says(en, zh))?;
            }
            About(at, en, zh) => {
                expect_about(&mut server, peers[at], lang.says(en, zh))?;
            }
            AsksLine => {
                server.expect_line(prompt(lang))?;
            }
            Asks => server.expect_prompt(server_prompt(lang))?,
            Type(line) => {
                server.type_line(line);
                typed.push(line);
            }
            EndInput => server.close_stdin(),
            ReadLine(at) => {
                client(&mut clients, at)?.read_line()?;
            }
            Reads(at, en, zh) => expect_read(client(&mut clients, at)?, lang.says(en, zh))?,
            Echo(at, line) => echo_line(client(&mut clients, at)?, line)?,
            ShutdownWrite(at) => client(&mut clients, at)?.shutdown_write()?,
            End(at) => {
                client(&mut clients, at)?.expect_end_of_stream()?;
                if let Some(client) = clients[at].take() {
                    client.close();
                }
            }
        }
    }
    let run = server.finish()?;
    run.success()?;
    // A client that read no end of the stream closes once the server has ended.
    drop(clients);
    let mut stdout = run.stdout();
    if talk.typed_shown {
        stdout = with_typed(&stdout, server_prompt(lang), &typed);
    }
    if let Some(tidy) = talk.tidy {
        stdout = tidy(&stdout, &peers, lang);
    }
    Ok(Run {
        stdout: on_the_page_all(&stdout, addr, &peers),
        stderr: on_the_page_all(&run.stderr(), addr, &peers),
    })
}

/// The client numbered `at`, still open.
fn client(clients: &mut [Option<Client>], at: usize) -> Outcome<&mut Client> {
    clients
        .get_mut(at)
        .and_then(Option::as_mut)
        .ok_or_else(|| Failure::new(format!("client {at}, connected and open"), "none".into()))
}

/// What your terminal shows of a server that reads your reply on its prompt's line:
/// each line you typed after its prompt.
fn with_typed(stdout: &str, prompt: &str, typed: &[&str]) -> String {
    let mut shown = String::new();
    let mut parts = stdout.split(prompt).peekable();
    let mut typed = typed.iter();
    while let Some(part) = parts.next() {
        shown.push_str(part);
        if parts.peek().is_some() {
            shown.push_str(prompt);
            shown.push_str(typed.next().copied().unwrap_or(""));
            shown.push('\n');
        }
    }
    shown
}

/// Makes a [`Pair`] run in the page's language.
pub(super) fn pair_run(pair: &Pair, lang: Lang) -> Outcome<Run> {
    let against = crate::support::program(pair.against);
    let program = &crate::support::program(pair.client);
    let mut server: Server = server(&against, lang).typed_ahead(pair.replies).start()?;
    let addr = server.addr;
    let mut client = launch(program, lang)
        .arg(addr.to_string())
        .typed_ahead(pair.typed)
        .begin()?;
    client.close_stdin();
    let client = client.finish()?;
    client.success()?;
    server.close_stdin();
    let shown = if pair.server_ends {
        let server = server.finish()?;
        server.success()?;
        Some(server)
    } else {
        drop(server);
        None
    };
    let run = match (&shown, pair.shows_server) {
        (Some(server), true) => server,
        _ => &client,
    };
    // The client names its own address, the one its system chose (client step 4
    // names none).
    let local = other_address(&client.stdout(), addr);
    Ok(Run {
        stdout: on_the_page(&run.stdout(), addr, local),
        stderr: on_the_page(&run.stderr(), addr, local),
    })
}
