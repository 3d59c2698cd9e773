//! The lesson book (`docs/`) is true of the code. For every page, in English and in
//! Chinese, these tests check that:
//!
//! - the block after `<!-- checked: code STEM -->` is the example's new part: the lines
//!   between `// New in this …` and `// End of the new part.`, their common indentation
//!   removed; with no end marker, up to the end of the marker's block. The block after
//!   `<!-- checked: code STEM NAME -->` is the example's function `NAME`, for a program
//!   that is no step built on another (the client, loadgen);
//! - the page shows the whole program, `{{#include ../../examples/STEM.rs}}` in a Rust
//!   block, which mdBook fills with the file as it stands;
//! - the block after `<!-- checked: output STEM [SCENARIO] -->` includes the file
//!   `out/STEM.SCENARIO.txt` (`{{#include …}}`, its only line), which holds what a real
//!   run wrote on stdout, and the block after `<!-- checked: errors STEM SCENARIO -->`
//!   includes `out/STEM.SCENARIO.stderr.txt`, what it wrote on stderr, with the real
//!   addresses replaced by the page's (`127.0.0.1:8888` for the server, `127.0.0.1:53422`
//!   for the client, `…:53423` for a second one) and, for loadgen, its figures by one
//!   run's (they vary). Each run is an entry of one table, `book/runs.rs`: what the
//!   clients and you do, move by move, as data. A Chinese page's runs are made with
//!   `WORKBOOK_LANG=zh`. A run that needs a feature this test binary lacks (the ladder's
//!   `nonblocking`, `async`, `loadgen`) is not made: `--all-features` makes it;
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
//! real code into the pages' checked blocks and the real runs into the files under
//! `docs/LANG/out/` (never the prose, never a `messages` block), then checks as usual:
//! review the diff before you commit it. Without it, the test re-runs each program and
//! compares: a file that is not fresh fails, with this command in its message.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

use crate::check::{Failure, Launch, Outcome, Program, readiness};
use crate::support::program;

mod comments;
mod runs;
mod shape;
mod sockets;
mod wire;

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

    /// The sections of every page, in order: the template of the style guide, and the
    /// self-check questions last (issue 21).
    fn sections(self) -> [&'static str; 9] {
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
                "## Check yourself",
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
                "## 自测",
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
    /// The text of the block, each line ending in `\n`; for a block that includes its
    /// output file, the file's text.
    text: String,
    /// For an `output` or `errors` block, the file it includes, `{{#include out/NAME.txt}}`
    /// (`docs/LANG/out/NAME.txt`, written by the bless command), its only line.
    file: Option<PathBuf>,
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
            let mut text = joined(&self.lines[body.0..body.1]);
            let mut file = None;
            if matches!(*kind, "output" | "errors") {
                let stem = words.get(1).copied().unwrap_or("");
                let scenario = words.get(2).copied().unwrap_or("run");
                let name = output_file(stem, scenario, kind);
                let include = format!("{{{{#include out/{name}}}}}");
                if body.1 != body.0 + 1 || self.lines[body.0] != include {
                    return Err(Failure::new(
                        format!(
                            "{}:{}: a run's output included from its file, one line: {include}",
                            self.name(),
                            at + 3
                        ),
                        text,
                    ));
                }
                let path = self.path.with_file_name("out").join(name);
                // A file not written yet is empty: the check then fails and says how to
                // bless it.
                text = std::fs::read_to_string(&path).unwrap_or_default();
                file = Some(path);
            }
            blocks.push(Checked {
                marker: words.join(" "),
                kind: kind.to_string(),
                stem: words.get(1).map(|stem| stem.to_string()),
                scenario: words.get(2).unwrap_or(&"run").to_string(),
                body,
                text,
                file,
            });
        }
        Ok(blocks)
    }

    /// Writes `text` in place of a block's body, or into the file it includes (bless
    /// mode).
    #[track_caller]
    fn replace(&mut self, block: &Checked, text: &str) {
        if let Some(path) = &block.file {
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")));
            std::fs::write(path, text)
                .unwrap_or_else(|error| panic!("could not write {}: {error}", path.display()));
            return;
        }
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

/// The name of the file in `docs/LANG/out/` that holds what a run wrote on stdout
/// (`output`) or stderr (`errors`): `step4_accept.run.txt`, `step2_bind.in-use.stderr.txt`.
fn output_file(stem: &str, scenario: &str, kind: &str) -> String {
    if kind == "errors" {
        format!("{stem}.{scenario}.stderr.txt")
    } else {
        format!("{stem}.{scenario}.txt")
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
/// part.` (or the end of the marker's block), without the indentation they share.
fn new_part(stem: &str) -> Outcome<String> {
    let source = example_source(stem)?;
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.trim_start().starts_with("// New in this "));
    let end = lines
        .iter()
        .position(|line| line.trim() == "// End of the new part.");
    // Without an end marker, the new part runs to the end of the block it opens in:
    // up to the first line indented less than its marker (the block's `}`).
    let end = end.or_else(|| {
        let start = start?;
        let indent = |line: &str| line.len() - line.trim_start().len();
        let depth = indent(lines[start]);
        (start + 1..lines.len()).find(|&i| !lines[i].trim().is_empty() && indent(lines[i]) < depth)
    });
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Failure::new(
            format!("{stem}.rs: a new part, marked"),
            "no markers".into(),
        ));
    };
    // A marker whose sentence goes on in the next comment line (no final `.`) is shown
    // with it, from its own line: the block would otherwise open mid-sentence.
    let first = if lines[start].trim_end().ends_with('.') {
        start + 1
    } else {
        start
    };
    Ok(dedent(&lines[first..end]))
}

/// The lines without the indentation they share, each ending in `\n`.
fn dedent(part: &[&str]) -> String {
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
    joined(&dedented)
}

/// The function `name` of the example, from its `fn` line to its closing brace: what
/// a page shows of a program that builds no step on another (`client`, `loadgen`), or
/// whose new part is a function (`chat_server`'s broadcast). Its `///` lines and
/// attributes stay out, as the prose says what it does.
fn item(stem: &str, name: &str) -> Outcome<String> {
    let source = example_source(stem)?;
    let lines: Vec<&str> = source.lines().collect();
    let opens = |line: &str| {
        let line = line.trim_start();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        let line = line.strip_prefix("async ").unwrap_or(line);
        line.strip_prefix("fn ")
            .and_then(|rest| rest.strip_prefix(name))
            .is_some_and(|rest| rest.starts_with('(') || rest.starts_with('<'))
    };
    let indent = |line: &str| line.len() - line.trim_start().len();
    let start = lines.iter().position(|line| opens(line));
    let end = start.and_then(|start| {
        let depth = indent(lines[start]);
        (start..lines.len()).find(|&i| indent(lines[i]) == depth && lines[i].trim() == "}")
    });
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Failure::new(
            format!("{stem}.rs: a function `{name}`"),
            "none".into(),
        ));
    };
    Ok(dedent(&lines[start..=end]))
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

/// How the pages show a second client, and a third: the first is [`CLIENT_ON_PAGE`].
const MORE_CLIENTS_ON_PAGE: [&str; 2] = ["127.0.0.1:53423", "127.0.0.1:53424"];

/// The run's output with the server's and several clients' real addresses replaced by
/// the page's: the first client's by [`CLIENT_ON_PAGE`], the next by
/// [`MORE_CLIENTS_ON_PAGE`].
fn on_the_page_all(text: &str, server: SocketAddr, clients: &[SocketAddr]) -> String {
    let mut text = replace_whole(text, &server.to_string(), SERVER_ON_PAGE);
    let shown = [CLIENT_ON_PAGE].into_iter().chain(MORE_CLIENTS_ON_PAGE);
    for (client, shown) in clients.iter().zip(shown) {
        text = replace_whole(&text, &client.to_string(), shown);
    }
    text
}

/// The figures of one run of loadgen here (2 cores, Linux, against step 8 on the same
/// machine), as its page shows them: the seconds, the messages per second, the MB/s,
/// then p50, p99 and max. Every run measures others; [`steady_figures`] puts these in
/// their place, so that the page's block is checked for all but the figures.
const FIGURES_ON_PAGE: [&str; 6] = ["0.030", "33217", "2.13", "244 µs", "691 µs", "2.71 ms"];

/// Replaces the figures that vary from run to run (a number of seconds, a rate, a
/// latency) by [`FIGURES_ON_PAGE`], in the order they stand: a number followed by
/// ` s`, ` 秒`, ` messages/s`, ` MB/s`, or after `每秒 `; a latency, a number and
/// ` µs` or ` ms`, whole. Counts (`1000 echoed`, `10 made`) stay.
fn steady_figures(text: &str) -> String {
    let mut out = String::new();
    let mut figures = FIGURES_ON_PAGE.iter();
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(at);
        let len = from
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(from.len());
        let (number, after) = from.split_at(len);
        out.push_str(before);
        // A number inside a word or an address (`p50`, `127.0.0.1`) is no figure.
        let inside = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ':');
        let latency = [" µs", " ms"].iter().find(|unit| after.starts_with(**unit));
        let figure = [" s", " 秒", " messages/s", " MB/s"].iter().any(|unit| {
            after
                .strip_prefix(unit)
                .is_some_and(|next| !next.starts_with(|c: char| c.is_ascii_alphanumeric()))
        }) || before.ends_with("每秒 ");
        match (inside, latency, figure) {
            (false, Some(unit), _) => {
                out.push_str(figures.next().unwrap_or(&"?"));
                rest = &after[unit.len()..];
                continue;
            }
            (false, None, true) => out.push_str(figures.next().unwrap_or(&"?")),
            _ => out.push_str(number),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The features that `examples/{stem}.rs` needs (its `required-features` in the
/// workbook's Cargo.toml).
fn required_features(stem: &str) -> Vec<String> {
    let manifest = Path::new(crate::support::ROOT).join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_default();
    let mut features = Vec::new();
    let mut this_example = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            this_example = false;
        }
        if let Some(name) = line.strip_prefix("name = ") {
            this_example = name.trim_matches('"') == stem;
        }
        if let (true, Some(list)) = (this_example, line.strip_prefix("required-features = ")) {
            features.extend(
                list.trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .map(|feature| feature.trim().trim_matches('"').to_string())
                    .filter(|feature| !feature.is_empty()),
            );
        }
    }
    features
}

/// Whether this test binary can build `stem`: it has the features the example needs
/// (`cargo test --all-features` has them all). Without them, the page is checked for
/// all but its runs, as the ladder's own tests are left out.
fn buildable(stem: &str) -> bool {
    let have = crate::support::features();
    required_features(stem)
        .iter()
        .all(|feature| have.contains(&feature.as_str()))
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

/// The prompt after which a step reads your reply.
fn prompt(lang: Lang) -> &'static str {
    lang.says("type a reply", "请输入回复消息")
}

/// The prompt of the two servers, which ends no line: you type after it.
fn server_prompt(lang: Lang) -> &'static str {
    lang.says("type a reply: ", "请输入回复消息: ")
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

/// Runs `stem` as its page's `scenario` describes, as the table of the book's runs
/// (`book/runs.rs`) says. `None`: this system prints other lines than the page shows
/// (said on the page), or this test binary lacks a feature the run's programs need
/// (`cargo test --all-features` makes it).
fn scenario(stem: &str, name: &str, lang: Lang) -> Outcome<Option<Run>> {
    let entry = runs::find(stem, name).ok_or_else(|| {
        Failure::new(
            format!(
                "a run of {stem} in the table of the book's runs (tests/workbook/book/runs.rs)"
            ),
            format!("`{name}`"),
        )
    })?;
    let mut needs = vec![stem];
    needs.extend(entry.needs);
    if let runs::How::Pair(pair) = &entry.how {
        needs.extend([pair.client, pair.against]);
    }
    if !needs.iter().all(|stem| buildable(stem)) {
        return Ok(None);
    }
    match &entry.how {
        runs::How::Talk(talk) => runs::talk_run(&program(stem), talk, lang).map(Some),
        runs::How::Pair(pair) => runs::pair_run(pair, lang).map(Some),
        runs::How::Own(own) => own(stem, name, lang),
    }
}

/// `cargo run --example step1_create`
fn step1_run(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    // Windows names a SOCKET handle and has no address for an unbound socket; the page
    // shows Linux and macOS, and says what Windows prints instead.
    if cfg!(windows) {
        return Ok(None);
    }
    let run = launch(&program(stem), lang).run()?;
    run.success()?;
    // The descriptor is the lowest one free: 3, unless the test's own parent left more
    // open. The page says that the number may differ.
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
    Ok(Some(Run {
        stdout,
        stderr: run.stderr(),
    }))
}

/// `cargo run --example step2_bind -- 127.0.0.1:0`
fn step2_run(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    let run = server(&program(stem), lang).run()?;
    run.success()?;
    let stdout = run.stdout();
    let bound: Option<SocketAddr> = stdout
        .lines()
        .next()
        .and_then(|line| line.rsplit(' ').next()?.parse().ok());
    let bound = bound.ok_or_else(|| run.fail("bound to <ip:port>".into(), stdout.clone()))?;
    let shown = format!("127.0.0.1:{CHOSEN_PORT_ON_PAGE}");
    let stdout = replace_whole(&stdout, &bound.to_string(), &shown);
    let port = bound.port().to_string();
    Ok(Some(Run {
        stdout: replace_whole(&stdout, &port, &CHOSEN_PORT_ON_PAGE.to_string()),
        stderr: run.stderr(),
    }))
}

/// Another program holds the port: `cargo run --example step2_bind`, twice.
fn step2_in_use(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    let failed = |error: std::io::Error| Failure::new("a port to hold".into(), error.to_string());
    let holder = TcpListener::bind("127.0.0.1:0").map_err(failed)?;
    let addr = holder.local_addr().map_err(failed)?;
    let run = launch(&program(stem), lang).arg(addr.to_string()).run()?;
    run.code(1)?;
    Ok(Some(Run {
        stdout: on_the_page(&run.stdout(), addr, None),
        stderr: on_the_page(&run.stderr(), addr, None),
    }))
}

/// `cargo run --example client` where nothing listens.
fn step3_refused(_: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    let (_bound, addr) = bound_only()?;
    let client = program("client");
    let run = launch(&client, lang).arg(addr.to_string()).run()?;
    run.code(1)?;
    Ok(Some(Run {
        stdout: on_the_page(&run.stdout(), addr, None),
        stderr: on_the_page(&run.stderr(), addr, None),
    }))
}

/// step9_pool: two threads print the first client's `queued` and `worker 1 serves`:
/// the connection is queued before the worker takes it, but the worker may print
/// first. The page shows them in the order they happen.
fn queued_before_served(stdout: &str, peers: &[SocketAddr], lang: Lang) -> String {
    let (serves, queued) = (
        lang.says("serves", "开始服务"),
        lang.says("queued", "已进入队列"),
    );
    let Some(first) = peers.first().map(SocketAddr::to_string) else {
        return stdout.to_string();
    };
    let mut lines: Vec<&str> = stdout.lines().collect();
    let about = |line: &str, words: &str| line.contains(&first) && line.contains(words);
    if let Some(at) =
        (1..lines.len()).find(|&i| about(lines[i - 1], serves) && about(lines[i], queued))
    {
        lines.swap(at - 1, at);
    }
    joined(&lines)
}

/// The workbook's client, typed into, against the echo extra: `hello`, `你好`, then
/// Ctrl+D.
fn client_run(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    let echo = program("extra_echo");
    let echo = server(&echo, lang).start()?;
    let addr = echo.addr;
    let mut client = launch(&program(stem), lang).arg(addr.to_string()).begin()?;
    for line in ["hello", "你好"] {
        client.type_line(line);
        client.expect_line(line)?;
    }
    client.close_stdin();
    let run = client.finish()?;
    run.success()?;
    drop(echo);
    // The client names its own address, the one its system chose.
    let stderr = run.stderr();
    let local = other_address(&stderr, addr);
    Ok(Some(Run {
        stdout: on_the_page(&run.stdout(), addr, local),
        stderr: on_the_page(&stderr, addr, local),
    }))
}

/// loadgen against step 8 (`--quiet`): 10 clients, 100 lines each.
fn loadgen_run(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    let target = program("step8_threads");
    let target = server(&target, lang).arg("--quiet").start()?;
    let addr = target.addr;
    let run = launch(&program(stem), lang)
        .args([addr.to_string().as_str(), "-c", "10", "-m", "100"])
        .run()?;
    run.success()?;
    drop(target);
    Ok(Some(Run {
        stdout: steady_figures(&on_the_page(&run.stdout(), addr, None)),
        stderr: on_the_page(&run.stderr(), addr, None),
    }))
}

/// The benchmark takes minutes and the machine to itself: the page shows what it says
/// of itself.
fn bench_run(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    let run = launch(&program(stem), lang).arg("--help").run()?;
    run.success()?;
    Ok(Some(Run {
        stdout: run.stdout(),
        stderr: run.stderr(),
    }))
}

/// A pitfall's demo, the mistake: `cargo run --example pitfall_…`.
fn pitfall_mistake(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    pitfall_run(stem, false, lang)
}

/// A pitfall's demo, the fix: `cargo run --example pitfall_… -- --fixed`.
fn pitfall_fixed(stem: &str, _: &str, lang: Lang) -> Outcome<Option<Run>> {
    pitfall_run(stem, true, lang)
}

/// Runs a pitfall's demo, the mistake or the fix (`--fixed`), as its page shows it:
/// the addresses as the page's, and the figures that change from run to run (times,
/// the sizes the system chooses) hidden as `…`; the page says what they were here.
/// `None` where the demo takes another path than the page shows (the page says what
/// that system prints).
fn pitfall_run(stem: &str, fixed: bool, lang: Lang) -> Outcome<Option<Run>> {
    let shown_here = match stem {
        // Linux queues backlog + 1 connections; macOS and Windows count otherwise.
        "pitfall_backlog" => cfg!(target_os = "linux"),
        // On Windows a non-blocking send may take the whole message, and a restart
        // binds despite TIME_WAIT.
        "pitfall_partial_write" | "pitfall_time_wait" => cfg!(not(windows)),
        // The pages show Linux: Windows fails the cut datagram (WSAEMSGSIZE) and
        // reports the ICMP to an unconnected socket too.
        "pitfall_udp_truncate" | "pitfall_udp_refused" => cfg!(target_os = "linux"),
        _ => true,
    };
    if !shown_here {
        return Ok(None);
    }
    let program = if stem == "pitfall_bind_all" {
        // The demo knocks on this computer's network address too, and tests send
        // traffic to loopback only: the book runs it where loopback is all there is.
        match loopback_only(stem) {
            Some(program) => program,
            // CI runs on Linux as root, where the namespace can always be had: there
            // a page left unchecked would be a failure hidden.
            None if cfg!(target_os = "linux") && std::env::var_os("CI").is_some() => {
                return Err(Failure::new(
                    format!(
                        "a network namespace with loopback only (`unshare`, `ip`) to run {stem} in"
                    ),
                    "none could be made".into(),
                ));
            }
            None => return Ok(None),
        }
    } else {
        program(stem)
    };
    let mut run = launch(&program, lang);
    if fixed {
        run = run.arg("--fixed");
    }
    let run = run.run()?;
    run.success()?;
    let stdout = run.stdout();
    // These pages show one run's real ports and times (they say that both vary):
    // `steady` sets them aside when the run is compared.
    if shows_a_real_run(stem) {
        return Ok(Some(Run {
            stdout,
            stderr: run.stderr(),
        }));
    }
    let server = stdout
        .lines()
        .find_map(readiness)
        .ok_or_else(|| run.fail("listening on <ip:port>".into(), stdout.clone()))?;
    let mut stdout = pitfall_on_the_page(&stdout, server.port());
    let stderr = pitfall_on_the_page(&run.stderr(), server.port());
    match stem {
        // The buffer the system gave, and so how much one send took: all numbers but
        // the demo's own (the 4096 bytes it asks for, its message of 1048576) and the
        // port.
        "pitfall_partial_write" => {
            stdout = hide_figures(&stdout, |before, number, _| {
                before != Some(':')
                    && !number.contains('.')
                    && !["4096", "1048576"].contains(&number)
            });
        }
        // What `localhost` means comes from this computer's hosts file: the page shows
        // the lines that are the same everywhere, and says what the others print.
        "pitfall_localhost" => {
            let without_ipv6 = lang.says("IPv6 is not available here", "本机无法使用 IPv6");
            if stdout.contains(without_ipv6) {
                return Ok(None);
            }
            let hosts_file = [
                "resolves `localhost` to",
                "resolve `localhost`",
                "first address of `localhost`",
                "解析为",
                "无法解析",
                "第一个地址",
            ];
            let lines: Vec<&str> = stdout
                .lines()
                .filter(|line| !hosts_file.iter().any(|words| line.contains(words)))
                .collect();
            stdout = joined(&lines);
        }
        _ => {}
    }
    Ok(Some(Run { stdout, stderr }))
}

/// The pitfalls whose pages show a real run as it was blessed, its ports and its times
/// (`docs/LANG/out/`): what varies from run to run is set aside by `steady` when the
/// page is checked, in the run and on the page alike.
fn shows_a_real_run(stem: &str) -> bool {
    matches!(
        stem,
        "pitfall_nagle"
            | "pitfall_eof_spin"
            | "pitfall_time_wait"
            | "pitfall_udp_truncate"
            | "pitfall_udp_refused"
    )
}

/// A run's text with what varies from run to run set aside, for a page that shows a
/// real run (`shows_a_real_run`): the ports the system chose written as the page's
/// (the server's from its `listening on` line, 8888; the clients' as 53422), and the
/// demo's times as `…`: each round's of pitfall_nagle (a number with one dot) and the
/// spin's of pitfall_eof_spin (the number before `ms`). Any other text is left as it is.
fn steady(stem: &str, text: &str) -> String {
    if !shows_a_real_run(stem) {
        return text.to_string();
    }
    // With no `listening on` line (the UDP demos), every port at 127.0.0.1 is set
    // aside as a client's.
    let text = match text.lines().find_map(readiness) {
        Some(server) => pitfall_on_the_page(text, server.port()),
        None => {
            let page: Option<SocketAddr> = CLIENT_ON_PAGE.parse().ok();
            let mut text = text.to_string();
            while let Some(addr) = page.and_then(|page| other_address(&text, page)) {
                text = replace_whole(&text, &addr.to_string(), CLIENT_ON_PAGE);
            }
            text
        }
    };
    match stem {
        "pitfall_nagle" => hide_figures(&text, |_, number, _| {
            number.matches('.').count() == 1 && !number.starts_with('.') && !number.ends_with('.')
        }),
        "pitfall_eof_spin" => hide_figures(&text, |_, _, after| {
            after.starts_with(" ms") || after.starts_with(" 毫秒")
        }),
        _ => text,
    }
}

/// `stem` run in a network namespace of its own, where loopback is the only network
/// (Linux, with `unshare` and `ip`); `None` where that cannot be had.
fn loopback_only(stem: &str) -> Option<Program> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let up = "ip link set lo up";
    let works = std::process::Command::new("unshare")
        .args(["--map-root-user", "--net", "sh", "-c", up])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !works {
        return None;
    }
    let argv = ["unshare", "--map-root-user", "--net", "sh", "-c"]
        .into_iter()
        .map(std::ffi::OsString::from)
        .chain([
            format!("{up} && exec \"$0\" \"$@\"").into(),
            crate::support::executable(stem).into_os_string(),
        ])
        .collect();
    Some(Program::with_command(stem, argv))
}

/// A pitfall's output with its port shown as the page's, 8888 (the demos listen on a
/// free port of `127.0.0.1` or `0.0.0.0`, and knock on it at `[::1]` or `127.0.0.2`),
/// and the client's address as the page's. No other number of a demo's output has the
/// five digits of a port the system chooses.
fn pitfall_on_the_page(text: &str, port: u16) -> String {
    let page_port = SERVER_ON_PAGE.rsplit(':').next().unwrap_or_default();
    let text = replace_whole(text, &port.to_string(), page_port);
    // What is left at 127.0.0.1 is the client.
    let loopback = "127.0.0.1:";
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(loopback) {
        let after = &rest[at + loopback.len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        out.push_str(&rest[..at]);
        if digits > 0 && &after[..digits] != page_port {
            out.push_str(CLIENT_ON_PAGE);
        } else {
            out.push_str(&rest[at..at + loopback.len() + digits]);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// `text` with each number (a run of digits and dots) for which `hide(the character
/// before, the number, the text after)` holds written as `…`.
fn hide_figures(text: &str, hide: impl Fn(Option<char>, &str, &str) -> bool) -> String {
    let is_part = |c: char| c.is_ascii_digit() || c == '.';
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let len = rest[at..]
            .find(|c: char| !is_part(c))
            .unwrap_or(rest.len() - at);
        let number = &rest[at..at + len];
        // A number ends a sentence with its dot: that dot is not part of it.
        let number = number.trim_end_matches('.');
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        out.push_str(&rest[..at]);
        let after = &rest[at + number.len()..];
        if hide(before, number, after) {
            out.push('…');
        } else {
            out.push_str(number);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The first loopback address in `text` other than `server`'s: the client's own.
fn other_address(text: &str, server: SocketAddr) -> Option<SocketAddr> {
    text.match_indices("127.0.0.1:").find_map(|(at, _)| {
        let rest = &text[at..];
        let len = "127.0.0.1:".len()
            + rest["127.0.0.1:".len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
        rest[..len].parse().ok().filter(|addr| *addr != server)
    })
}

/// Waits for the server's next line about `peer` that holds `words`.
fn expect_about(
    server: &mut crate::check::Server,
    peer: SocketAddr,
    words: &str,
) -> Outcome<String> {
    let peer = peer.to_string();
    server.expect_line_where(format!("a line with `{peer}` and `{words}`"), |line| {
        line.contains(&peer) && line.contains(words)
    })
}

/// Sends `line` and expects it back, whole.
fn echo_line(client: &mut crate::check::Client, line: &str) -> Outcome {
    client.send(line)?;
    expect_read(client, line)
}

/// Expects the next line `client` reads to be `wanted`.
fn expect_read(client: &mut crate::check::Client, wanted: &str) -> Outcome {
    let got = client.read_line()?;
    if got == wanted {
        Ok(())
    } else {
        Err(client.fail(format!("{wanted:?}"), format!("{got:?}")))
    }
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

/// The source of every example, and of the library's modules that say what an
/// earlier step taught (src/steps.rs and its kin), read when the test runs: a lesson
/// prints its own words, so its file, or the helper that carries them, is where they
/// are.
fn example_sources() -> Vec<String> {
    let mut sources = sources_in("examples");
    sources.extend(sources_in("src"));
    sources
}

/// The `.rs` files of the workbook's folder `folder`, read.
fn sources_in(folder: &str) -> Vec<String> {
    let dir = Path::new(crate::support::ROOT).join(folder);
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
                // Two texts, English and Chinese, or with a count first three: English
                // for one and for many, then Chinese.
                if alone {
                    texts.extend(string_literals(&source[start + at + name.len()..], 3));
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
        // The causes follow `: `, or `：` in Chinese.
        None => line.is_empty() || (tail && (line.starts_with(": ") || line.starts_with("："))),
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
            // `code STEM NAME`: the function `NAME`, for a program with no new part.
            "code" => {
                let code = match block.marker.split_whitespace().nth(2) {
                    Some(name) => item(stem, name)?,
                    None => new_part(stem)?,
                };
                match lang {
                    Lang::En => code,
                    Lang::Zh => comments::in_chinese(&code, &comments::entries()?),
                }
            }
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
        } else if block.kind == "output" {
            (steady(stem, &block.text), steady(stem, &real))
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
    whole_program(&page, stem)?;
    let text = page.lines.join("\n");
    shape::check_in_book(&page.path, lang, stem, &text)?;
    for diagram in shape::diagrams(&page.path, &text) {
        sockets::check_diagram(&diagram, lang)?;
    }
    Ok(())
}

/// The page shows the whole program: one Rust block that mdBook fills with the example
/// file, `{{#include ../../examples/STEM.rs}}` (the new part, checked above, stands in it
/// after its `// New in this …` comment). The file holds no `ANCHOR` comment, which a
/// whole-file include of mdBook 0.5.4 would show as it stands.
fn whole_program(page: &Page, stem: &str) -> Outcome {
    let include = format!("{{{{#include ../../examples/{stem}.rs}}}}");
    let blocks = (1..page.lines.len().saturating_sub(1))
        .filter(|&at| {
            page.lines[at] == include
                && page.lines[at - 1] == "```rust"
                && page.lines[at + 1] == "```"
        })
        .count();
    if blocks != 1 {
        return Err(Failure::new(
            format!(
                "{}: the whole program, one block ```rust {include} ```",
                page.name()
            ),
            format!("{blocks} such blocks"),
        ));
    }
    let source = example_source(stem)?;
    if let Some(anchor) = source.lines().find(|line| line.contains("ANCHOR")) {
        return Err(Failure::new(
            format!("examples/{stem}.rs, shown whole on its page: no ANCHOR comment"),
            anchor.to_string(),
        ));
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

/// Two real runs of a demo whose page shows a real run compare equal when only their
/// ports and times differ, and differ when a word does.
#[test]
fn a_real_run_is_compared_without_its_ports_and_times() {
    let run = |port: u16, client: u16, ms: &str, word: &str| {
        format!(
            "listening on 127.0.0.1:{port}\nfrom `127.0.0.1:{client}`\nmedian {ms} ms over 9 rounds (in order: {ms}, 0.13 ms)\n{word}\n"
        )
    };
    let one = run(50259, 34243, "44.02", "done");
    assert_eq!(
        steady("pitfall_nagle", &one),
        steady("pitfall_nagle", &run(41000, 40001, "0.05", "done"))
    );
    assert_ne!(
        steady("pitfall_nagle", &one),
        steady("pitfall_nagle", &run(41000, 40001, "0.05", "over"))
    );
    // With no `listening on` line, every port at 127.0.0.1 is set aside.
    let udp = |port: u16| format!("sent \"hello\" to 127.0.0.1:{port}: for 127.0.0.1:{port}\n");
    assert_eq!(
        steady("pitfall_udp_refused", &udp(44207)),
        steady("pitfall_udp_refused", &udp(59365))
    );
    // A page that shows no real run is compared as it stands.
    assert_eq!(steady("step4_accept", &one), one);
}

/// Every file in `docs/LANG/out/` is the output of a run that a page includes: none is
/// left behind when a page stops showing it.
/// The table of the book's runs holds no run that no page shows: each entry's page (each
/// pitfall's, for `pitfall_*`) has a block of its output or errors.
#[test]
fn every_run_in_the_table_is_shown_by_a_page() {
    for entry in runs::RUNS {
        let stems: Vec<&str> = pages()
            .map(|(stem, _)| stem)
            .filter(|stem| match entry.page.strip_suffix('*') {
                Some(prefix) => stem.starts_with(prefix),
                None => *stem == entry.page,
            })
            .collect();
        assert!(!stems.is_empty(), "{}: no such page", entry.page);
        for stem in stems {
            let text = Page::load(stem, Lang::En).lines.join("\n");
            let named = match entry.run {
                "run" => String::new(),
                run => format!(" {run}"),
            };
            let shown = ["output", "errors"]
                .iter()
                .any(|kind| text.contains(&format!("<!-- checked: {kind} {stem}{named} -->")));
            assert!(shown, "{stem}: a block of the run `{}`", entry.run);
        }
    }
}

#[test]
fn every_output_file_is_shown_by_a_page() -> Outcome {
    for lang in Lang::BOTH {
        let folder = Path::new(DOCS).join(lang.dir()).join("out");
        let mut shown = String::new();
        for (stem, _) in pages() {
            shown.push_str(&Page::load(stem, lang).lines.join("\n"));
        }
        let entries = std::fs::read_dir(&folder).map_err(|error| {
            Failure::new(format!("to read {}", folder.display()), error.to_string())
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !shown.contains(&format!("{{{{#include out/{name}}}}}")) {
                return Err(Failure::new(
                    format!("docs/{}/out/{name}: included by a page", lang.dir()),
                    "by none (remove the file)".into(),
                ));
            }
        }
    }
    Ok(())
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
        "错误：无法连接到 `127.0.0.1:8888`：Connection refused (os error 111)",
        Lang::Zh,
        &templates
    ));
    assert!(is_a_message(
        "提示：`127.0.0.1:8888` 已被别的程序占用：可能是之前运行的本课程序还没有结束（在它的终端里按 Ctrl+C 即可停止），或者 netAssist 正以 TCP Server（服务端）模式运行，这是它的默认模式（请把 1.协议类型 切换为 TCP Client）；在 Linux 上，一个服务端关闭后的大约一分钟内，没有设置 SO_REUSEADDR 的程序也绑定不了它（TIME_WAIT：netAssist 的服务端会提示 端口已被占用）；也可以换一个端口，例如用 `127.0.0.1:0` 让系统任选一个空闲端口",
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

/// A pitfall's port and client are shown as the page's, and only they.
#[test]
fn a_pitfall_shows_the_page_s_addresses() {
    assert_eq!(
        pitfall_on_the_page(
            "listening on 0.0.0.0:41000\n`127.0.0.2:41000`: refused\nfrom `127.0.0.1:52001`, 410001 bytes\n",
            41000
        ),
        "listening on 0.0.0.0:8888\n`127.0.0.2:8888`: refused\nfrom `127.0.0.1:53422`, 410001 bytes\n"
    );
    assert_eq!(
        pitfall_on_the_page("`ss -tan | grep :41000`, 127.0.0.1:41000", 41000),
        "`ss -tan | grep :8888`, 127.0.0.1:8888"
    );
}

/// The figures that vary are hidden, and addresses and the rest of the line are kept.
#[test]
fn figures_are_hidden_where_asked() {
    let decimals = |_: Option<char>, number: &str, _: &str| {
        number.matches('.').count() == 1 && !number.starts_with('.') && !number.ends_with('.')
    };
    assert_eq!(
        hide_figures(
            "listening on 127.0.0.1:8888\nmedian 43.94 ms over 9 rounds (in order: 1.21, 40.77 ms)\n",
            decimals
        ),
        "listening on 127.0.0.1:8888\nmedian … ms over 9 rounds (in order: …, … ms)\n"
    );
    let times = |_: Option<char>, _: &str, after: &str| after.starts_with(" ms");
    assert_eq!(
        hide_figures("read 0 bytes 100000 times in 18 ms, and 3.", times),
        "read 0 bytes 100000 times in … ms, and 3."
    );
    let not_after_colon = |before: Option<char>, number: &str, _: &str| {
        before != Some(':') && !number.contains('.') && number != "4096"
    };
    assert_eq!(
        hide_figures(
            "at 127.0.0.1:8888, asked for 4096, gave 8192.",
            not_after_colon
        ),
        "at 127.0.0.1:8888, asked for 4096, gave …."
    );
}

/// The figures that vary from run to run are replaced in order, in both languages;
/// counts, addresses and the names of percentiles are not.
#[test]
fn figures_are_replaced_in_order_and_counts_stay() {
    assert_eq!(
        steady_figures(
            "to 127.0.0.1:8888\nmessages: 1000 echoed in 0.041 s: 24390 messages/s, 1.56 MB/s each way\nlatency of one echo: p50 12 µs, p99 1.02 ms, max 3.40 ms\n"
        ),
        "to 127.0.0.1:8888\nmessages: 1000 echoed in 0.030 s: 33217 messages/s, 2.13 MB/s each way\nlatency of one echo: p50 244 µs, p99 691 µs, max 2.71 ms\n"
    );
    assert_eq!(
        steady_figures(
            "消息：0.028 秒内回显了 1000 条：每秒 36071 条，每个方向 2.31 MB/s\n单次回显延迟：p50 219 µs，p99 1.23 ms，最大 2.70 ms\n"
        ),
        "消息：0.030 秒内回显了 1000 条：每秒 33217 条，每个方向 2.13 MB/s\n单次回显延迟：p50 244 µs，p99 691 µs，最大 2.71 ms\n"
    );
    assert_eq!(
        steady_figures("open: 10 connections (0 failed)\nconnections: 10 made, 0 failed"),
        "open: 10 connections (0 failed)\nconnections: 10 made, 0 failed"
    );
}

/// A new part with no end marker runs to the end of its block, and one whose marker
/// goes on in the next line starts at the marker; a function is taken from its `fn`
/// line to its brace.
#[test]
fn the_code_shown_is_a_whole_part() -> Outcome {
    let part = new_part("step8_threads")?;
    if !part.starts_with("// How many clients") || !part.trim_end().ends_with('}') {
        return Err(Failure::new("step 8's loop, whole".into(), part));
    }
    // Step 10's marker goes on in the next line: it is shown with its sentence.
    let part = new_part("step10_nonblocking")?;
    if !part.starts_with("// New in this step: non-blocking sockets.") {
        return Err(Failure::new("step 10's part, from its marker".into(), part));
    }
    let function = item("chat_server", "tell_others")?;
    if !function.starts_with("fn tell_others(") || !function.ends_with("}\n") {
        return Err(Failure::new("fn tell_others, whole".into(), function));
    }
    Ok(())
}
