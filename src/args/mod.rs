//! Command-line arguments, the same for every lesson: the address (first argument,
//! default `127.0.0.1:8888` as in the lesson), `--backlog`, `--lang` and `--help`.
//!
//! Bad arguments end the program with exit status 2 and a usage line, as clap does,
//! but in the language of the run: [`render`] says what is wrong in our words, with the
//! closest known flag, and gives `--help` our headings. (The checker's subcommands and
//! their mistakes are the checker's: `checker/src/cli.rs`.) Each default is one typed
//! constant here, and each argument id one name in [`id`].
//! An address that means every network of this computer (`0.0.0.0`) is accepted, with
//! a warning on stderr (see `examples/pitfall_bind_all.rs`).

use std::ffi::OsString;
use std::fmt::Display;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::sync::Once;

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::lang::{self, Lang};
use crate::lines::{self, Encoding};
use crate::text;

pub mod render;

/// The lesson's address: `socket_server.bind(('127.0.0.1', 8888))`.
pub const DEFAULT_ADDR: SocketAddrV4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8888);

/// The lesson's backlog: `socket_server.listen(1)`.
pub const DEFAULT_BACKLOG: i32 = 1;

/// How many clients `--clients` serves one after another unless told (`extra_serial`).
pub const DEFAULT_CLIENTS: u32 = 2;

/// The ids of the arguments that programs read back, named in this one place: a
/// lesson defines its flag with `Arg::new(id::FIXED)` and reads it with
/// [`Args::fixed`], so that a misspelt id is a compile error, not a flag that is
/// silently never set. (An id written as a string, such as the ladder's own flags read
/// with [`Args::flag`], has no such guard.)
pub mod id {
    /// The address, first on the line.
    pub const ADDR: &str = "addr";
    /// `--backlog N`.
    pub const BACKLOG: &str = "backlog";
    /// `--lang en|zh`.
    pub const LANG: &str = "lang";
    /// `--help`, `-h`.
    pub const HELP: &str = "help";
    /// `--encoding utf-8|gbk`.
    pub const ENCODING: &str = "encoding";
    /// `--max-line BYTES`.
    pub const MAX_LINE: &str = "max-line";
    /// `--keep-serving`, the two servers'.
    pub const KEEP_SERVING: &str = "keep-serving";
    /// `--explain`, the two servers': narrate what the lesson's transcript leaves out.
    pub const EXPLAIN: &str = "explain";
    /// `--fixed`, the pitfalls': run the fix instead of the mistake.
    pub const FIXED: &str = "fixed";
    /// `--clients N`, `extra_serial`'s.
    pub const CLIENTS: &str = "clients";
    /// `--quick`, the benchmark's.
    pub const QUICK: &str = "quick";
    /// `--wait`, loadgen's.
    pub const WAIT: &str = "wait";
    /// `--summary`, loadgen's.
    pub const SUMMARY: &str = "summary";
}

/// A default value as clap takes it: `&'static str`, since the `string` feature is
/// off. Each command line is built once per run, so the few bytes leaked cost nothing,
/// and the default is written once, as a typed constant.
pub fn shown(value: impl Display) -> &'static str {
    value.to_string().leak()
}

/// The arguments of one lesson, as its `main` reads them.
#[derive(Debug)]
pub struct Args {
    /// The address to bind (or to connect to).
    pub addr: SocketAddr,
    /// The backlog for `listen`.
    pub backlog: i32,
    /// Everything parsed, for the flags that a later lesson adds with [`Cli::arg`].
    pub matches: ArgMatches,
}

impl Args {
    /// Whether the flag `id` was given. The lessons' own flags have their typed
    /// accessors below ([`Args::keep_serving`], [`Args::fixed`]); this is for the rest.
    pub fn flag(&self, id: &str) -> bool {
        self.matches
            .try_get_one::<bool>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    }

    /// `--keep-serving`: serve clients one after another.
    pub fn keep_serving(&self) -> bool {
        self.flag(id::KEEP_SERVING)
    }

    /// `--explain`: the two servers narrate byte counts, waits and each close.
    pub fn explain(&self) -> bool {
        self.flag(id::EXPLAIN)
    }

    /// `--fixed`: a pitfall runs its fix.
    pub fn fixed(&self) -> bool {
        self.flag(id::FIXED)
    }

    /// `--quick`: the benchmark's short run.
    pub fn quick(&self) -> bool {
        self.flag(id::QUICK)
    }

    /// `--wait`: loadgen waits for the server.
    pub fn wait(&self) -> bool {
        self.flag(id::WAIT)
    }

    /// `--summary`: loadgen's one-line summary.
    pub fn summary(&self) -> bool {
        self.flag(id::SUMMARY)
    }

    /// `--clients N`, [`DEFAULT_CLIENTS`] without it.
    pub fn clients(&self) -> u32 {
        self.matches
            .try_get_one::<u32>(id::CLIENTS)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(DEFAULT_CLIENTS)
    }

    /// The text encoding of `--encoding`, UTF-8 without it.
    pub fn encoding(&self) -> Encoding {
        self.matches
            .try_get_one::<String>(id::ENCODING)
            .ok()
            .flatten()
            .and_then(|name| Encoding::from_name(name))
            .unwrap_or_default()
    }

    /// The line limit of `--max-line`.
    pub fn max_line(&self) -> usize {
        self.matches
            .try_get_one::<u32>(id::MAX_LINE)
            .ok()
            .flatten()
            .map_or(lines::DEFAULT_MAX_LINE, |&limit| limit as usize)
    }
}

/// The command line of one lesson. Build it with the arguments the lesson takes, then
/// [`parse`](Cli::parse) it.
#[derive(Debug)]
pub struct Cli {
    command: Command,
}

impl Cli {
    /// The command line of `example`, with `--lang` and `--help`. It sets the language
    /// of the run first, so that `--help` speaks it too.
    pub fn new(example: &'static str) -> Cli {
        if let Some(lang) = lang_in(std::env::args_os()) {
            lang::set(lang);
        }
        let command = Command::new(example).about(text::about(example)).arg(
            Arg::new(id::LANG)
                .long("lang")
                .global(true)
                .value_name("LANG")
                .value_parser(LangName)
                .help(text::help_lang()),
        );
        Cli { command }
    }

    /// The command line of a server lesson: an address and `--backlog`.
    pub fn server(example: &'static str) -> Cli {
        Cli::new(example).address().backlog()
    }

    /// Adds the address argument, first on the line: the address a server binds.
    pub fn address(self) -> Cli {
        self.address_with_help(text::help_addr())
    }

    /// Adds the address argument of a client: the server's address.
    pub fn server_address(self) -> Cli {
        self.address_with_help(text::help_server_addr())
    }

    fn address_with_help(self, help: String) -> Cli {
        self.arg(
            Arg::new(id::ADDR)
                .value_name("ADDR")
                .default_value(shown(DEFAULT_ADDR))
                .value_parser(parse_addr)
                .help(help),
        )
    }

    /// Adds `--backlog N`.
    pub fn backlog(self) -> Cli {
        self.arg(
            Arg::new(id::BACKLOG)
                .long("backlog")
                .value_name("N")
                .default_value(shown(DEFAULT_BACKLOG))
                .value_parser(clap::value_parser!(i32).range(0..=65_535))
                .help(text::help_backlog()),
        )
    }

    /// The command line of a line-based server (the lesson's two complete servers): a
    /// server's, with `--encoding`, `--max-line`, `--keep-serving` and `--explain`.
    pub fn line_server(example: &'static str) -> Cli {
        Cli::server(example)
            .encoding()
            .max_line()
            .arg(
                Arg::new(id::KEEP_SERVING)
                    .long("keep-serving")
                    .action(ArgAction::SetTrue)
                    .help(text::help_keep_serving()),
            )
            .arg(
                Arg::new(id::EXPLAIN)
                    .long("explain")
                    .action(ArgAction::SetTrue)
                    .help(text::help_explain()),
            )
    }

    /// Adds `--encoding utf-8|gbk`.
    pub fn encoding(self) -> Cli {
        self.arg(
            Arg::new(id::ENCODING)
                .long("encoding")
                .value_name("ENCODING")
                .default_value("utf-8")
                // `GBK`, `UTF-8` and `utf8` too: people write encodings in any case.
                .value_parser([
                    clap::builder::PossibleValue::new("utf-8").alias("utf8"),
                    clap::builder::PossibleValue::new("gbk"),
                ])
                .ignore_case(true)
                .help(text::help_encoding()),
        )
    }

    /// Adds `--max-line BYTES`.
    pub fn max_line(self) -> Cli {
        self.arg(
            Arg::new(id::MAX_LINE)
                .long("max-line")
                .value_name("BYTES")
                .default_value(shown(lines::DEFAULT_MAX_LINE))
                .value_parser(clap::value_parser!(u32).range(1..=lines::MAX_MAX_LINE as i64))
                .help(text::help_max_line()),
        )
    }

    /// Changes the command as a whole, for the workbook's own subcommands.
    pub fn with(mut self, change: impl FnOnce(Command) -> Command) -> Cli {
        self.command = change(self.command);
        self
    }

    /// Adds an argument of a later lesson; read it from [`Args::matches`].
    pub fn arg(mut self, arg: Arg) -> Cli {
        self.command = self.command.arg(arg);
        self
    }

    /// Parses the program's arguments. `--help` prints help and exits 0; a bad
    /// argument prints what is wrong and the usage, and exits 2.
    pub fn parse(self) -> Args {
        self.parse_from(std::env::args_os())
    }

    /// Parses `args` (the program name first), exiting as [`parse`](Cli::parse) does.
    pub fn parse_from(self, args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Args {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let mut command = self.into_command();
        match command.try_get_matches_from_mut(&args) {
            Ok(matches) => Args::from_matches(matches),
            Err(error) => render::exit_on_error(error, &command),
        }
    }

    /// The command as clap parses it, its help in the language of the run: for a
    /// program with subcommands of its own (the checker), which parses it itself and
    /// reads the result with [`Args::from_matches`].
    pub fn into_command(self) -> Command {
        render::in_language(self.command)
    }
}

impl Args {
    /// The arguments of a parsed command line: the language of `--lang` is set for the
    /// rest of the run, and an address of every network gets its warning once.
    pub fn from_matches(matches: ArgMatches) -> Args {
        if let Some(&lang) = matches.get_one::<Lang>(id::LANG) {
            lang::set(lang);
        }
        let addr = matches
            .try_get_one::<SocketAddr>(id::ADDR)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(SocketAddr::V4(DEFAULT_ADDR));
        let backlog = matches
            .try_get_one::<i32>(id::BACKLOG)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(DEFAULT_BACKLOG);
        if let Some(warning) = bind_all_warning(addr) {
            static WARNED: Once = Once::new();
            WARNED.call_once(|| crate::output::stderr_line(format_args!("{warning}")));
        }
        Args {
            addr,
            backlog,
            matches,
        }
    }
}

/// `--lang`'s value: a language's name, read by the one rule of [`crate::lang`]
/// (`zh`, `ZH`, `zh_CN`, `cn`, …), as `WORKBOOK_LANG` and the locale are; its help and
/// its mistakes show the two names, `en` and `zh`.
#[derive(Clone, Copy)]
struct LangName;

impl clap::builder::TypedValueParser for LangName {
    type Value = Lang;

    fn parse_ref(
        &self,
        command: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lang, clap::Error> {
        if let Some(lang) = value.to_str().and_then(Lang::from_name) {
            return Ok(lang);
        }
        // No language: clap's own mistake of a value not in the list, with the list.
        clap::builder::PossibleValuesParser::new(Lang::NAMES)
            .parse_ref(command, arg, value)
            .map(|name| Lang::from_name(&name).unwrap_or(Lang::En))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            Lang::NAMES.iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

/// The language named by `--lang xx` or `--lang=xx` among `args`, read before clap
/// parses them so that `--help` is in that language.
fn lang_in(args: impl IntoIterator<Item = OsString>) -> Option<Lang> {
    let mut args = args
        .into_iter()
        .map(|arg| arg.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--lang" {
            return args.next().and_then(|name| Lang::from_name(&name));
        }
        if let Some(name) = arg.strip_prefix("--lang=") {
            return Lang::from_name(name);
        }
    }
    None
}

/// The warning for an address that means every network of this computer, such as
/// `0.0.0.0:8888`, in the language of the run; `None` for any other address.
pub fn bind_all_warning(addr: SocketAddr) -> Option<String> {
    if !addr.ip().is_unspecified() {
        return None;
    }
    let loopback = SocketAddr::from((Ipv4Addr::LOCALHOST, addr.port()));
    Some(text::pitfalls::warn_bind_all(addr, loopback))
}

/// Reads an IPv4 address and port: `127.0.0.1:8888`, `localhost:8888` (127.0.0.1),
/// `0.0.0.0:8888`, `127.0.0.1:0` (any free port).
///
/// Host names other than `localhost` are refused: a server binds an address of its
/// own computer, and a name can stand for several (see the pitfall of `localhost`).
pub fn parse_addr(input: &str) -> Result<SocketAddr, String> {
    let input = input.trim();
    if let Ok(addr) = input.parse::<SocketAddrV4>() {
        return Ok(SocketAddr::V4(addr));
    }
    if input.parse::<SocketAddrV6>().is_ok() || input.parse::<Ipv6Addr>().is_ok() {
        return Err(text::bad_addr_ipv6(input));
    }
    if input.parse::<u16>().is_ok() {
        return Err(text::bad_addr_only_port(input));
    }
    let Some((host, port)) = input.rsplit_once(':') else {
        return Err(text::bad_addr_no_port(input));
    };
    let port: u16 = port.parse().map_err(|_| text::bad_addr_port(port))?;
    let ip = if host.eq_ignore_ascii_case("localhost") {
        Ipv4Addr::LOCALHOST
    } else {
        host.parse().map_err(|_| text::bad_addr_host(host))?
    };
    Ok(SocketAddr::V4(SocketAddrV4::new(ip, port)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    fn addr(text: &str) -> SocketAddr {
        text.parse().expect("an address")
    }

    /// The error of `args` on `command`, as `render::exit_on_error` would explain it.
    fn explained(command: Command, args: &[&str]) -> (ErrorKind, String, Option<String>) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let mut command = Cli { command }.into_command();
        let error = command
            .try_get_matches_from_mut(&args)
            .expect_err("a mistake on the command line");
        let (message, hint) = render::explain(&error, &command);
        (error.kind(), message, hint)
    }

    #[test]
    fn ipv4_addresses_and_localhost() {
        assert_eq!(parse_addr("127.0.0.1:8888"), Ok(addr("127.0.0.1:8888")));
        assert_eq!(parse_addr("localhost:8888"), Ok(addr("127.0.0.1:8888")));
        assert_eq!(parse_addr("LOCALHOST:0"), Ok(addr("127.0.0.1:0")));
        assert_eq!(parse_addr(" 0.0.0.0:80 "), Ok(addr("0.0.0.0:80")));
    }

    #[test]
    fn each_mistake_gets_its_own_explanation() {
        let cases = [
            ("127.0.0.1", "has no port"),
            ("localhost", "has no port"),
            ("8888", "is only a port"),
            ("127.0.0.1:65536", "is not a port"),
            ("127.0.0.1:http", "is not a port"),
            ("[::1]:8888", "is IPv6"),
            ("::1", "is IPv6"),
            ("example.com:80", "is not an IPv4 address"),
            ("127.0.0:80", "is not an IPv4 address"),
            ("", "has no port"),
        ];
        for (input, expected) in cases {
            let error = parse_addr(input).unwrap_err();
            assert!(error.contains(expected), "{input:?} gave {error:?}");
        }
    }

    /// `0.0.0.0` gets a warning that names it and the loopback address to use instead;
    /// loopback and a named interface address get none.
    #[test]
    fn unspecified_address_gets_a_warning() {
        let warning = bind_all_warning(addr("0.0.0.0:8888")).expect("a warning for 0.0.0.0");
        assert!(warning.contains("`0.0.0.0:8888`"), "{warning}");
        assert!(warning.contains("`127.0.0.1:8888`"), "{warning}");
        assert!(warning.contains("pitfall_bind_all"), "{warning}");
        for quiet in ["127.0.0.1:8888", "192.168.1.20:8888", "127.0.0.1:0"] {
            assert_eq!(bind_all_warning(addr(quiet)), None, "{quiet}");
        }
    }

    #[test]
    fn lang_flag_is_found_before_parsing() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_in(args(&["x", "--lang", "zh"])), Some(Lang::Zh));
        assert_eq!(
            lang_in(args(&["x", "127.0.0.1:0", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in(args(&["x", "--lang"])), None);
        assert_eq!(lang_in(args(&["x", "--lang", "zh_CN"])), Some(Lang::Zh));
        assert_eq!(lang_in(args(&["x"])), None);
    }

    /// `--lang` takes what `WORKBOOK_LANG` takes ([`Lang::from_name`]), and refuses
    /// another name with the two it knows.
    #[test]
    fn lang_flag_takes_the_values_of_the_one_rule() {
        for (name, lang) in [
            ("ZH", Lang::Zh),
            ("zh_CN", Lang::Zh),
            ("cn", Lang::Zh),
            ("en-GB", Lang::En),
        ] {
            let matches = Cli::new("step1_create")
                .command
                .try_get_matches_from(["x", "--lang", name])
                .expect("a language");
            assert_eq!(matches.get_one::<Lang>(id::LANG), Some(&lang), "{name}");
        }
        let (kind, message, _) =
            explained(Cli::new("step1_create").command, &["x", "--lang", "fr"]);
        assert_eq!(kind, ErrorKind::InvalidValue);
        assert!(
            message.contains("`en`") && message.contains("`zh`"),
            "{message}"
        );
    }

    #[test]
    fn line_server_arguments() {
        let args = Cli::line_server("example2_server").parse_from(["x"]);
        assert_eq!(args.encoding(), Encoding::Utf8);
        assert_eq!(args.max_line(), lines::DEFAULT_MAX_LINE);
        assert!(!args.keep_serving());
        let args = Cli::line_server("example2_server").parse_from([
            "x",
            "--encoding",
            "gbk",
            "--max-line",
            "10",
            "--keep-serving",
        ]);
        assert_eq!(args.encoding(), Encoding::Gbk);
        assert_eq!(args.max_line(), 10);
        assert!(args.keep_serving());
        for name in ["GBK", "Gbk"] {
            let args = Cli::line_server("example2_server").parse_from(["x", "--encoding", name]);
            assert_eq!(args.encoding(), Encoding::Gbk, "{name}");
        }
        for name in ["UTF-8", "utf8", "UTF8"] {
            let args = Cli::line_server("example2_server").parse_from(["x", "--encoding", name]);
            assert_eq!(args.encoding(), Encoding::Utf8, "{name}");
        }
        let limit = lines::MAX_MAX_LINE.to_string();
        let args = Cli::line_server("example2_server").parse_from(["x", "--max-line", &limit]);
        assert_eq!(args.max_line(), lines::MAX_MAX_LINE);
    }

    #[test]
    fn server_arguments_have_the_lesson_defaults() {
        let args = Cli::server("step3_listen").parse_from(["step3_listen"]);
        assert_eq!(args.addr, SocketAddr::V4(DEFAULT_ADDR));
        assert_eq!(args.backlog, DEFAULT_BACKLOG);
        let args = Cli::server("step3_listen").parse_from([
            "step3_listen",
            "localhost:0",
            "--backlog",
            "5",
        ]);
        assert_eq!((args.addr, args.backlog), (addr("127.0.0.1:0"), 5));
    }

    /// `--max-line` over 16 MiB is refused when parsed (exit status 2), with the range.
    #[test]
    fn max_line_over_the_cap_is_refused_with_its_range() {
        let too_long = (lines::MAX_MAX_LINE + 1).to_string();
        let (kind, message, _) = explained(
            Cli::line_server("example2_server").command,
            &["x", "--max-line", &too_long],
        );
        assert_eq!(kind, ErrorKind::ValueValidation);
        assert!(
            message.contains(&lines::MAX_MAX_LINE.to_string()),
            "{message}"
        );
        assert!(message.contains('1'), "{message}");
    }

    /// A bad address keeps its own explanation (`bad_addr_*`) inside the error.
    #[test]
    fn a_bad_address_keeps_its_explanation() {
        let (kind, message, hint) = explained(Cli::server("step2_bind").command, &["x", "8888"]);
        assert_eq!(kind, ErrorKind::ValueValidation);
        assert!(
            message.contains(&text::bad_addr_only_port("8888")),
            "{message}"
        );
        assert_eq!(hint, None);
    }
}
