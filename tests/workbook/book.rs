//! The lesson book (`docs/`) is true of the code. For every page, in English and in
//! Chinese, these tests check that:
//!
//! - the block after `<!-- checked: code STEM -->` is the example's new part: the lines
//!   between `// New in this …` and `// End of the new part.`, their common indentation
//!   removed;
//! - the block after `<!-- checked: output STEM [SCENARIO] -->` is what a real run wrote
//!   on stdout, and the block after `<!-- checked: errors STEM SCENARIO -->` what it
//!   wrote on stderr, with the real addresses replaced by the page's (`127.0.0.1:8888`
//!   for the server, `127.0.0.1:53422` for the client). A Chinese page's runs are made
//!   with `WORKBOOK_LANG=zh`;
//! - each line of a block after `<!-- checked: excerpt STEM -->` stands in the example
//!   (the Python of the lesson in its `// Python:` comments, the Rust as code), but for
//!   `// …`, which marks lines left out;
//! - each line of a block after `<!-- checked: messages -->` is a message the programs
//!   print: one of the templates in `src/text`, its `{…}` filled in;
//! - the block after `<!-- checked: sockets STEM MOMENT -->` is what `ss -tan` lists at
//!   that moment of a real run, on Linux (see `book/sockets.rs`), and each diagram the
//!   page shows names only states that `ss -tan` shows at the moments it draws;
//! - the block after `<!-- checked: code STEM -->` on a Chinese page is the same code,
//!   with its comments in Chinese (see `book/comments.rs`);
//! - the page has the template's sections, in order; it links the same page in the
//!   other language; every relative link leads to a file that the built book holds
//!   too (see `book/shape.rs`); the example's `//! Lesson:` line names both pages.
//!
//! When an example or a message changes, `WORKBOOK_BLESS=1 cargo test book` writes the
//! real code and the real runs into the pages' checked blocks (never the prose, never
//! a `messages` block), then checks as usual: review the diff before you commit it.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

use crate::check::{Failure, Launch, Outcome, Program};
use crate::support::program;

mod comments;
mod shape;
mod sockets;

/// Where the book lives.
const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs");

/// How the pages show the server's and the client's addresses.
const SERVER_ON_PAGE: &str = "127.0.0.1:8888";
const CLIENT_ON_PAGE: &str = "127.0.0.1:53422";

/// Step 2's page shows a run on port 0, so it shows the port the system chose as this
/// one (the page says that yours differs).
const CHOSEN_PORT_ON_PAGE: u16 = 52147;

/// Set to write the real code and runs into the pages.
const BLESS_VAR: &str = "WORKBOOK_BLESS";

/// The lessons that have a page, and the runs their pages show besides `run`: from the
/// table of lessons (src/lessons/table.rs).
fn pages() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    socket_workbook::lessons::LESSONS
        .iter()
        .filter_map(|lesson| Some((lesson.name, lesson.page?.shows)))
}

/// The language of a page, and of the runs it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    En,
    Zh,
}

impl Lang {
    const BOTH: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The other language, whose page a page links.
    fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The page's folder under `docs/`.
    fn dir(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The same text in this language.
    fn says(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The sections of every page, in order: the template of the style guide.
    fn sections(self) -> [&'static str; 8] {
        match self {
            Lang::En => [
                "## What you can do after this lesson",
                "## The call: Python ↔ Rust",
                "## The code",
                "## Run it",
                "## What just happened",
                "## When it goes wrong",
                "## Exercises",
                "## Further reading",
            ],
            Lang::Zh => [
                "## 学完这一课，你能做什么",
                "## 这一课的调用：Python ↔ Rust",
                "## 代码",
                "## 运行",
                "## 刚才发生了什么",
                "## 出错时",
                "## 练习",
                "## 延伸阅读",
            ],
        }
    }

    /// The words before an error and a hint.
    fn labels(self) -> (&'static str, &'static str) {
        (
            self.says("error: ", "错误："),
            self.says("hint: ", "提示："),
        )
    }
}

// What a page is made of.

/// One page of the book.
struct Page {
    stem: &'static str,
    lang: Lang,
    path: PathBuf,
    lines: Vec<String>,
}

/// A block that a marker comment puts under a check.
struct Checked {
    /// What is checked: `code`, `excerpt`, `output`, `errors`, `sockets` or `messages`.
    kind: String,
    /// The marker's words, for a failure: `output step4_accept`.
    marker: String,
    /// The example it is checked against, if any.
    stem: Option<String>,
    /// Which run of the example (`run` unless the marker names another).
    scenario: String,
    /// The index of the block's first line of text (after the opening fence) and of
    /// its closing fence, in the page's lines.
    body: (usize, usize),
    /// The text of the block, each line ending in `\n`.
    text: String,
}

impl Page {
    #[track_caller]
    fn load(stem: &'static str, lang: Lang) -> Page {
        let path = Path::new(DOCS).join(lang.dir()).join(format!("{stem}.md"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("could not read {}: {error}", path.display()));
        Page {
            stem,
            lang,
            path,
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    /// The page's place, for a failure: `docs/zh/step4_accept.md`.
    fn name(&self) -> String {
        format!("docs/{}/{}.md", self.lang.dir(), self.stem)
    }

    /// Every block under a `<!-- checked: … -->` marker. A marker must be followed at
    /// once by a fenced block; one that is not is a failure, not a block skipped.
    fn checked(&self) -> Outcome<Vec<Checked>> {
        let mut blocks = Vec::new();
        for (at, line) in self.lines.iter().enumerate() {
            let Some(marker) = line
                .trim()
                .strip_prefix("<!-- checked:")
                .and_then(|rest| rest.strip_suffix("-->"))
            else {
                continue;
            };
            let words: Vec<&str> = marker.split_whitespace().collect();
            let opens = self.lines.get(at + 1).is_some_and(|l| l.starts_with("```"));
            let closes = (at + 2..self.lines.len()).find(|&i| self.lines[i] == "```");
            let (Some(kind), true, Some(close)) = (words.first(), opens, closes) else {
                return Err(Failure::new(
                    format!("{}:{}: a marker, then a fenced block", self.name(), at + 1),
                    line.clone(),
                ));
            };
            let body = (at + 2, close);
            blocks.push(Checked {
                marker: words.join(" "),
                kind: kind.to_string(),
                stem: words.get(1).map(|stem| stem.to_string()),
                scenario: words.get(2).unwrap_or(&"run").to_string(),
                body,
                text: joined(&self.lines[body.0..body.1]),
            });
        }
        Ok(blocks)
    }

    /// Writes `text` in place of a block's body (bless mode).
    fn replace(&mut self, block: &Checked, text: &str) {
        let new: Vec<String> = text.lines().map(str::to_string).collect();
        self.lines.splice(block.body.0..block.body.1, new);
    }

    #[track_caller]
    fn save(&self) {
        let mut text = self.lines.join("\n");
        text.push('\n');
        std::fs::write(&self.path, text)
            .unwrap_or_else(|error| panic!("could not write {}: {error}", self.path.display()));
    }
}

/// Lines as one text, each ending in `\n`.
fn joined(lines: &[impl AsRef<str>]) -> String {
    lines
        .iter()
        .map(|line| format!("{}\n", line.as_ref()))
        .collect()
}

/// The source of `examples/{stem}.rs`.
fn example_source(stem: &str) -> Outcome<String> {
    let path = Path::new(crate::support::ROOT)
        .join("examples")
        .join(format!("{stem}.rs"));
    std::fs::read_to_string(&path)
        .map_err(|error| Failure::new(format!("to read {}", path.display()), error.to_string()))
}

/// The example's new part: the lines between `// New in this …` and `// End of the new
/// part.`, without the indentation they share.
fn new_part(stem: &str) -> Outcome<String> {
    let source = example_source(stem)?;
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.trim_start().starts_with("// New in this "));
    let end = lines
        .iter()
        .position(|line| line.trim() == "// End of the new part.");
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Failure::new(
            format!("{stem}.rs: a new part, marked"),
            "no markers".into(),
        ));
    };
    let part = &lines[start + 1..end];
    let indent = part
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = part
        .iter()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect();
    Ok(joined(&dedented))
}

// The runs the pages show.

/// What a run wrote, with the addresses as the page shows them.
struct Run {
    stdout: String,
    stderr: String,
}

/// Replaces `real` by `shown` wherever it stands whole (not followed by another digit:
/// `127.0.0.1:4000` is not part of `127.0.0.1:40001`).
fn replace_whole(text: &str, real: &str, shown: &str) -> String {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let mut out = String::new();
    let mut done = 0;
    for (at, _) in text.match_indices(real) {
        let end = at + real.len();
        if digit(text[..at].chars().last()) || digit(text[end..].chars().next()) {
            continue;
        }
        out.push_str(&text[done..at]);
        out.push_str(shown);
        done = end;
    }
    out.push_str(&text[done..]);
    out
}

/// The run's output with the server's and the client's real addresses replaced by the
/// page's.
fn on_the_page(text: &str, server: SocketAddr, client: Option<SocketAddr>) -> String {
    let text = replace_whole(text, &server.to_string(), SERVER_ON_PAGE);
    match client {
        Some(client) => replace_whole(&text, &client.to_string(), CLIENT_ON_PAGE),
        None => text,
    }
}

/// A run of `program` in the page's language, with no arguments yet.
fn launch(program: &Program, lang: Lang) -> Launch<'_> {
    match lang {
        Lang::En => program.launch(),
        Lang::Zh => program.launch().env("WORKBOOK_LANG", "zh"),
    }
}

/// A run of `program` as a server on a free port, in the page's language.
fn server(program: &Program, lang: Lang) -> Launch<'_> {
    launch(program, lang).arg("127.0.0.1:0")
}

/// The prompt after which a server reads your reply.
fn prompt(lang: Lang) -> &'static str {
    lang.says("type a reply", "请输入回复消息")
}

/// A server that a test cannot reach: bound, never listening (as step 2 leaves it).
fn bound_only() -> Outcome<(socket2::Socket, SocketAddr)> {
    use socket2::{Domain, Socket, Type};
    let failed = |error: std::io::Error| Failure::new("a bound socket".into(), error.to_string());
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).map_err(failed)?;
    let any: SocketAddr = ([127, 0, 0, 1], 0).into();
    socket.bind(&any.into()).map_err(failed)?;
    let addr = socket.local_addr().map_err(failed)?.as_socket();
    let addr = addr.ok_or_else(|| Failure::new("an IPv4 address".into(), "none".into()))?;
    Ok((socket, addr))
}

/// Runs `stem` as its page's `scenario` describes. `None`: this system prints other
/// lines than the page shows (said on the page).
fn scenario(stem: &str, name: &str, lang: Lang) -> Outcome<Option<Run>> {
    let program = program(stem);
    let run = match (stem, name) {
        // `cargo run --example step1_create`
        ("step1_create", "run") => {
            // Windows names a SOCKET handle and has no address for an unbound socket;
            // the page shows Linux and macOS, and says what Windows prints instead.
            if cfg!(windows) {
                return Ok(None);
            }
            let run = launch(&program, lang).run()?;
            run.success()?;
            // The descriptor is the lowest one free: 3, unless the test's own parent
            // left more open. The page says that the number may differ.
            let mut stdout = run.stdout();
            for words in ["file descriptor ", "文件描述符 "] {
                if let Some(at) = stdout.find(words) {
                    let from = at + words.len();
                    let digits = stdout[from..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .count();
                    stdout.replace_range(from..from + digits, "3");
                }
            }
            Run {
                stdout,
                stderr: run.stderr(),
            }
        }
        // `cargo run --example step2_bind -- 127.0.0.1:0`
        ("step2_bind", "run") => {
            let run = server(&program, lang).run()?;
            run.success()?;
            let stdout = run.stdout();
            let bound: Option<SocketAddr> = stdout
                .lines()
                .next()
                .and_then(|line| line.rsplit(' ').next()?.parse().ok());
            let bound =
                bound.ok_or_else(|| run.fail("bound to <ip:port>".into(), stdout.clone()))?;
            let shown = format!("127.0.0.1:{CHOSEN_PORT_ON_PAGE}");
            let stdout = replace_whole(&stdout, &bound.to_string(), &shown);
            let port = bound.port().to_string();
            Run {
                stdout: replace_whole(&stdout, &port, &CHOSEN_PORT_ON_PAGE.to_string()),
                stderr: run.stderr(),
            }
        }
        // Another program holds the port: `cargo run --example step2_bind`, twice.
        ("step2_bind", "in-use") => {
            let failed =
                |error: std::io::Error| Failure::new("a port to hold".into(), error.to_string());
            let holder = TcpListener::bind("127.0.0.1:0").map_err(failed)?;
            let addr = holder.local_addr().map_err(failed)?;
            let run = launch(&program, lang).arg(addr.to_string()).run()?;
            run.code(1)?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, None),
                stderr: on_the_page(&run.stderr(), addr, None),
            }
        }
        // `cargo run --example step3_listen`, a client connects and sends `queued`, then
        // Enter.
        ("step3_listen", "run") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            client.send("queued\n")?;
            server.type_line("");
            let run = server.finish()?;
            run.success()?;
            drop(client);
            Run {
                stdout: on_the_page(&run.stdout(), addr, None),
                stderr: run.stderr(),
            }
        }
        // `cargo run --example client` where nothing listens.
        ("step3_listen", "refused") => {
            let (_bound, addr) = bound_only()?;
            let client = crate::support::program("client");
            let run = launch(&client, lang).arg(addr.to_string()).run()?;
            run.code(1)?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, None),
                stderr: on_the_page(&run.stderr(), addr, None),
            }
        }
        // `cargo run --example step4_accept`, then a client connects.
        ("step4_accept", "run") => {
            let server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: run.stderr(),
            }
        }
        // The client sends `hello`, `你好`, then `exit`.
        ("step5_recv", "run") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            // Each message waits until the last one is printed: sent at once, two
            // could arrive in one read (pitfall_byte_stream), and the page would lie.
            for (message, shown) in [("hello\n", r#""hello\n""#), ("你好\n", r#""你好\n""#)] {
                client.send(message)?;
                server.expect_line(shown)?;
            }
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: run.stderr(),
            }
        }
        // The client sends 你好 in GBK, as netAssist does on Chinese Windows.
        ("step5_recv", "gbk") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send(b"\xc4\xe3\xba\xc3\n")?;
            server.expect_line(r#""\xC4\xE3\xBA\xC3\n""#)?;
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: on_the_page(&run.stderr(), addr, Some(peer)),
            }
        }
        // The client sends `hello`, you reply `hi`, the client sends `exit`.
        ("step6_send", "run") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            server.type_line("hi");
            client.read_line()?;
            client.send("exit\n")?;
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: run.stderr(),
            }
        }
        // The client sends `hello`, you reply `hi`; the client sends `bye`, you type
        // `exit`.
        ("step7_close", "run") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello\n")?;
            server.expect_line(prompt(lang))?;
            server.type_line("hi");
            client.read_line()?;
            client.send("bye\n")?;
            server.expect_line(prompt(lang))?;
            // The client has nothing more to say: it closes its sending side before you
            // type `exit`, so that the server's wait for it after `shutdown` ends at
            // once, whatever the timing. What the server prints is the same as when the
            // client closes after reading the end of the stream.
            client.shutdown_write()?;
            server.type_line("exit");
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: run.stderr(),
            }
        }
        // The lesson's 运行结果: three messages, three replies, then `exit`: typed by
        // you for 示例1, sent by the client for 示例2.
        ("example1_server", "run") | ("example2_server", "run") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            let talk = [
                ("保持连接\n", "保持连接"),
                ("今天不想上课\n", "明天必须来"),
                ("封锁，触发会持续\n", "OK"),
            ];
            let client_exits = stem == "example2_server";
            for (at, (message, reply)) in talk.into_iter().enumerate() {
                client.send(message)?;
                server.expect_line(prompt(lang))?;
                if !client_exits && at == talk.len() - 1 {
                    // 示例1: you end it. The client has nothing more to say: it closes
                    // its sending side first, so that the server's wait for it after
                    // `shutdown` ends at once, whatever the timing.
                    client.shutdown_write()?;
                    server.type_line("exit");
                    break;
                }
                server.type_line(reply);
                client.read_line()?;
            }
            if client_exits {
                client.send("exit\n")?;
                client.shutdown_write()?;
            }
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: run.stderr(),
            }
        }
        // The client sends `hello` with no line ending, as netAssist does by default.
        ("example1_server", "no-line-end") | ("example2_server", "no-line-end") => {
            let mut server = server(&program, lang).start()?;
            let addr = server.addr;
            let mut client = server.connect()?;
            let peer = client.local_addr();
            client.send("hello")?;
            server.expect_stderr_line(lang.says("without a line ending", "还没有收到换行"))?;
            // The client's end ends the line; then the end of your input ends it all.
            client.shutdown_write()?;
            server.expect_line(prompt(lang))?;
            server.close_stdin();
            client.expect_end_of_stream()?;
            client.close();
            let run = server.finish()?;
            run.success()?;
            Run {
                stdout: on_the_page(&run.stdout(), addr, Some(peer)),
                stderr: on_the_page(&run.stderr(), addr, Some(peer)),
            }
        }
        _ => {
            return Err(Failure::new(
                format!("a scenario of {stem} that this test knows"),
                format!("`{name}`"),
            ));
        }
    };
    Ok(Some(run))
}

/// The operating system's own words end an error line (`…: Address already in use (os
/// error 98)`). The pages show Linux's; elsewhere they are compared without them.
fn without_system_words(text: &str, lang: Lang) -> String {
    let (error, _) = lang.labels();
    if cfg!(target_os = "linux") {
        return text.to_string();
    }
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.rsplit_once(": ") {
            Some((before, _)) if line.starts_with(error) => format!("{before}: …"),
            _ => line.to_string(),
        })
        .collect();
    joined(&lines)
}

// The messages of the programs, as templates.

/// A message template: literal text, and holes where `{…}` takes a value.
type Template = Vec<Option<String>>;

/// Every message of the programs, as a template: each string literal of the message
/// files in `src/text`, and the texts of each `say!`, `prompt!`, `warn!` and `words!`
/// in the examples; only those with some words in them (`"{label}: {value}"` would
/// match any line).
fn templates() -> Vec<Template> {
    let sources = [
        include_str!("../../src/text/mod.rs"),
        include_str!("../../src/text/servers.rs"),
    ];
    sources
        .iter()
        .flat_map(|source| string_literals(source, usize::MAX))
        .chain(example_sources().iter().flat_map(|source| said(source)))
        .map(|literal| template(&literal))
        .filter(|template| {
            let words: usize = template
                .iter()
                .flatten()
                .map(|text| text.chars().filter(|c| c.is_alphabetic()).count())
                .sum();
            words >= 4
        })
        .collect()
}

/// The source of every example, read when the test runs: a lesson prints its own
/// words, so its file is where they are.
fn example_sources() -> Vec<String> {
    let dir = Path::new(crate::support::ROOT).join("examples");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list `{}`: {error}", dir.display()));
    let mut sources = Vec::new();
    for entry in entries {
        let path = entry
            .unwrap_or_else(|error| panic!("cannot list `{}`: {error}", dir.display()))
            .path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read `{}`: {error}", path.display()));
            sources.push(source);
        }
    }
    sources
}

/// The two texts, English and Chinese, of each `say!`, `prompt!`, `warn!` and `words!`
/// in Rust source (not those named in a comment).
fn said(source: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let code = line.split("//").next().unwrap_or_default();
        for name in ["say!(", "prompt!(", "warn!(", "words!("] {
            for (at, _) in code.match_indices(name) {
                let alone = !code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                if alone {
                    texts.extend(string_literals(&source[start + at + name.len()..], 2));
                }
            }
        }
        start += line.len();
    }
    texts
}

/// The first `at_most` string literals of Rust source, unescaped; comments and char
/// literals skipped.
fn string_literals(source: &str, at_most: usize) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < chars.len() && literals.len() < at_most {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            // A char literal: 'x' or '\x'; otherwise a lifetime.
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                        match chars.get(i) {
                            Some('n') => literal.push('\n'),
                            Some('t') => literal.push('\t'),
                            Some('r') => literal.push('\r'),
                            // A line continuation: the newline and the next line's indent.
                            Some('\n') => {
                                while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                    i += 1;
                                }
                            }
                            Some(&c) => literal.push(c),
                            None => {}
                        }
                    } else {
                        literal.push(chars[i]);
                    }
                    i += 1;
                }
                literals.push(literal);
                i += 1;
            }
            _ => i += 1,
        }
    }
    literals
}

/// A format string as a template: `{{` is `{`, and `{…}` a hole.
fn template(format: &str) -> Template {
    let mut pieces: Template = Vec::new();
    let mut text = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                text.push(c);
                chars.next();
            }
            ('{', _) => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                pieces.push(Some(std::mem::take(&mut text)));
                pieces.push(None);
            }
            _ => text.push(c),
        }
    }
    pieces.push(Some(text));
    pieces
}

/// Whether `line` is `template` with its holes filled (a hole may be empty: the plural
/// `s` of `byte{s}` is, for 1); with `tail`, more may follow after `: ` (the causes of
/// an error).
fn fills(template: &[Option<String>], line: &str, tail: bool) -> bool {
    match template.split_first() {
        None => line.is_empty() || (tail && line.starts_with(": ")),
        Some((Some(text), rest)) => line
            .strip_prefix(text.as_str())
            .is_some_and(|line| fills(rest, line, tail)),
        Some((None, rest)) => line
            .char_indices()
            .map(|(at, _)| at)
            .chain([line.len()])
            .any(|at| fills(rest, &line[at..], tail)),
    }
}

/// Whether `line` is a message the programs print: an error (`error: ` and what failed,
/// then the causes), a hint (`hint: ` and the hint), or a message alone.
fn is_a_message(line: &str, lang: Lang, templates: &[Template]) -> bool {
    let (error, hint) = lang.labels();
    // Some messages carry their label in their own text (`warning: …`, `提示：…`).
    let mut readings = vec![(line, false)];
    readings.extend(line.strip_prefix(error).map(|text| (text, true)));
    readings.extend(line.strip_prefix(hint).map(|text| (text, false)));
    readings
        .iter()
        .any(|&(text, tail)| templates.iter().any(|template| fills(template, text, tail)))
}

// The checks of a page.

/// Checks one page: its sections, its checked blocks, its links. In bless mode, first
/// writes the real code and runs into its blocks.
fn check_page(stem: &'static str, lang: Lang, scenarios: &[&str]) -> Outcome {
    let mut page = Page::load(stem, lang);
    let name = page.name();
    let headings: Vec<&str> = page
        .lines
        .iter()
        .map(String::as_str)
        .filter(|line| line.starts_with("## "))
        .collect();
    if headings != lang.sections() {
        return Err(Failure::new(
            format!("{name}: the sections\n{}", lang.sections().join("\n")),
            headings.join("\n"),
        ));
    }
    if !page
        .lines
        .first()
        .is_some_and(|line| line.starts_with("# "))
    {
        return Err(Failure::new(
            format!("{name}: a title, `# …`"),
            page.lines.first().cloned().unwrap_or_default(),
        ));
    }

    let bless = std::env::var_os(BLESS_VAR).is_some();
    let templates = templates();
    let mut shown = Vec::new();
    // From the last block to the first, so that a blessed block that changes length
    // leaves the places of the others as they were.
    for block in page.checked()?.into_iter().rev() {
        let what = format!("{name}: the block marked `checked: {}`", block.marker);
        if block.kind == "messages" {
            let strangers: Vec<&str> = block
                .text
                .lines()
                .filter(|line| !is_a_message(line, lang, &templates))
                .collect();
            if !strangers.is_empty() {
                return Err(Failure::new(
                    format!("{what}: messages that src/text or the examples hold"),
                    strangers.join("\n"),
                ));
            }
            continue;
        }
        if block.stem.as_deref() != Some(stem) {
            return Err(Failure::new(
                format!("{what}: the page's own example, `{stem}`"),
                format!("{:?}", block.stem),
            ));
        }
        let real = match block.kind.as_str() {
            "excerpt" => {
                let source = example_source(stem)?;
                let strangers: Vec<&str> = block
                    .text
                    .lines()
                    .map(str::trim)
                    // `// …` marks lines left out.
                    .filter(|line| *line != "// …")
                    .filter(|line| !source.lines().any(|source| source.contains(line)))
                    .collect();
                if !strangers.is_empty() {
                    return Err(Failure::new(
                        format!("{what}: lines of examples/{stem}.rs"),
                        strangers.join("\n"),
                    ));
                }
                continue;
            }
            "code" => match lang {
                Lang::En => new_part(stem)?,
                Lang::Zh => comments::in_chinese(&new_part(stem)?, &comments::entries()?),
            },
            "sockets" => {
                // The moment is the marker's third word: `sockets step3_listen queued`.
                let Some(listing) = sockets::at(stem, &block.scenario, lang)? else {
                    continue;
                };
                listing
            }
            "output" | "errors" => {
                shown.push((block.kind.clone(), block.scenario.clone()));
                let Some(run) = scenario(stem, &block.scenario, lang)? else {
                    continue;
                };
                if block.kind == "output" {
                    run.stdout
                } else {
                    run.stderr
                }
            }
            other => {
                return Err(Failure::new(
                    format!("{what}: code, excerpt, output, errors, sockets or messages"),
                    other.to_string(),
                ));
            }
        };
        if bless {
            page.replace(&block, &real);
            continue;
        }
        let (on_page, real) = if block.kind == "errors" {
            (
                without_system_words(&block.text, lang),
                without_system_words(&real, lang),
            )
        } else {
            (block.text.clone(), real)
        };
        if on_page != real {
            return Err(Failure::new(
                format!("{what}:\n{on_page}"),
                format!(
                    "the real {}:\n{real}\n(to write the real text into the page: {BLESS_VAR}=1 cargo test book)",
                    if block.kind == "code" { "code" } else { "run" }
                ),
            ));
        }
    }
    if bless {
        page.save();
    }

    // The page shows its code, its run, and each of its scenarios.
    let mut wanted = vec![("output".to_string(), "run".to_string())];
    for scenario in scenarios {
        let kind = if scenario_writes_errors(stem, scenario) {
            "errors"
        } else {
            "output"
        };
        wanted.push((kind.to_string(), scenario.to_string()));
    }
    for (kind, scenario) in wanted {
        if !shown.contains(&(kind.clone(), scenario.clone())) {
            return Err(Failure::new(
                format!("{name}: a block marked `checked: {kind} {stem} {scenario}`"),
                "none".into(),
            ));
        }
    }
    let codes = page
        .checked()?
        .iter()
        .filter(|block| block.kind == "code")
        .count();
    if codes != 1 {
        return Err(Failure::new(
            format!("{name}: one block marked `checked: code {stem}`"),
            codes.to_string(),
        ));
    }
    let text = page.lines.join("\n");
    shape::check_in_book(&page.path, lang, stem, &text)?;
    for diagram in shape::diagrams(&page.path, &text) {
        sockets::check_diagram(&diagram, lang)?;
    }
    Ok(())
}

/// Whether the page shows a scenario by what it writes on stderr (an error, a warning)
/// rather than on stdout.
fn scenario_writes_errors(stem: &str, scenario: &str) -> bool {
    matches!(
        (stem, scenario),
        ("step2_bind", "in-use")
            | ("step3_listen", "refused")
            | ("step5_recv", "gbk")
            | (_, "no-line-end")
    )
}

/// Every relative link of a Markdown file, `[text](target)`, leads to a file or
/// folder that exists (the part after `#` is not checked).
fn check_links(path: &Path, text: &str) -> Outcome {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut broken = Vec::new();
    for (at, _) in text.match_indices("](") {
        let rest = &text[at + 2..];
        let target = rest.split(')').next().unwrap_or("");
        let target = target.split('#').next().unwrap_or("");
        if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        if !dir.join(target).exists() {
            broken.push(target.to_string());
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            format!("{}: links to files that exist", path.display()),
            broken.join("\n"),
        ))
    }
}

/// Checks both pages of a lesson, and that its example names them.
fn check_lesson(stem: &'static str) -> Outcome {
    let scenarios = pages()
        .find(|(page, _)| *page == stem)
        .map(|(_, scenarios)| scenarios)
        .unwrap_or_default();
    for lang in Lang::BOTH {
        check_page(stem, lang, scenarios)?;
    }
    let source = example_source(stem)?;
    let lesson: String = source
        .lines()
        .skip_while(|line| !line.starts_with("//! Lesson:"))
        .take_while(|line| line.starts_with("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    for lang in Lang::BOTH {
        let page = format!("docs/{}/{stem}.md", lang.dir());
        if !lesson.contains(&page) {
            return Err(Failure::new(
                format!("examples/{stem}.rs: a `//! Lesson:` line that names `{page}`"),
                lesson,
            ));
        }
    }
    Ok(())
}

/// Every page of the book, in both languages, shows its lesson's real code and real
/// runs, quotes real messages, follows the template and links files that exist. The
/// pages are checked at once, each on a thread of its own (they wait on programs), and
/// every page's failure is reported.
#[test]
fn every_page_tells_the_truth() {
    let failures: Vec<String> = std::thread::scope(|scope| {
        let checking: Vec<_> = pages()
            .map(|(stem, _)| (stem, scope.spawn(move || check_lesson(stem))))
            .collect();
        checking
            .into_iter()
            .filter_map(|(stem, thread)| match thread.join() {
                Ok(Ok(())) => None,
                Ok(Err(failure)) => Some(format!("{stem}:\n{failure}")),
                Err(_) => Some(format!("{stem}: the check panicked")),
            })
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The book's contents link every page in both languages, and only files that exist;
/// the README links the book.
#[test]
fn the_contents_link_every_page_in_both_languages() -> Outcome {
    let readme = Path::new(crate::support::ROOT).join("README.md");
    let text = std::fs::read_to_string(&readme)
        .map_err(|error| Failure::new("README.md".into(), error.to_string()))?;
    if !text.contains("](docs/README.md)") {
        return Err(Failure::new(
            "README.md: a link to the book, `docs/README.md`".into(),
            "none".into(),
        ));
    }
    check_links(&readme, &text)?;

    let path = Path::new(DOCS).join("README.md");
    let text = std::fs::read_to_string(&path)
        .map_err(|error| Failure::new("docs/README.md".into(), error.to_string()))?;
    for (stem, _) in pages() {
        for lang in Lang::BOTH {
            let link = format!("]({}/{stem}.md)", lang.dir());
            if !text.contains(&link) {
                return Err(Failure::new(
                    format!("docs/README.md: a link `{link}`"),
                    "none".into(),
                ));
            }
        }
    }
    check_links(&path, &text)
}

/// The checks of the checks: templates match what they should, and only that.
#[test]
fn a_message_is_recognised_by_its_template() {
    let templates = templates();
    for line in [
        "waiting for a client: accept() blocks until one connects",
        "error: could not bind `127.0.0.1:8888`: Address already in use (os error 98)",
        "hint: nothing listens at `127.0.0.1:8888`: start a server there first, for example `cargo run --example example2_server -- 127.0.0.1:8888`",
        "the client did not close its side within 2 s: closing anyway",
        r#"warning: 4 bytes are not valid UTF-8, shown as \xNN; does the client send another encoding, such as GBK? set it to UTF-8"#,
        r#"received 1 byte: "a""#,
        "the client sent 1 byte in all",
    ] {
        assert!(is_a_message(line, Lang::En, &templates), "{line}");
    }
    assert!(is_a_message(
        "提示：`127.0.0.1:8888` 已被别的程序占用：可能是之前运行的本课程序还没有结束（在它的终端里按 Ctrl+C 即可停止），或者 netAssist 正以 TCP Server（服务端）模式运行（请把它切换到 TCP Client 模式）；也可以换一个端口，例如用 `127.0.0.1:0` 让系统任选一个空闲端口",
        Lang::Zh,
        &templates
    ));
    for line in [
        "waiting for a client: accept() returns at once",
        "hint: nothing listens",
        "error: could not bind",
        "anything: at all",
        "received bytes",
    ] {
        assert!(!is_a_message(line, Lang::En, &templates), "{line}");
    }
}

/// An address is replaced where it stands whole, never inside a longer one.
#[test]
fn addresses_are_replaced_whole() {
    assert_eq!(
        replace_whole("a 127.0.0.1:4000 b 127.0.0.1:40001", "127.0.0.1:4000", "X"),
        "a X b 127.0.0.1:40001"
    );
    assert_eq!(
        replace_whole("port 123 and 1234", "123", "9"),
        "port 9 and 1234"
    );
    assert_eq!(replace_whole("0123", "123", "9"), "0123");
}
