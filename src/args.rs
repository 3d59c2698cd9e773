//! Command-line arguments, the same for every lesson: the address (first argument,
//! default `127.0.0.1:8888` as in the lesson), `--backlog`, `--lang` and `--help`.
//!
//! Bad arguments end the program with exit status 2 and a usage line, as clap does.
//! An address that means every network of this computer (`0.0.0.0`) is accepted, with
//! a warning on stderr (see `examples/pitfall_bind_all.rs`).

use std::ffi::OsString;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::sync::Once;

use clap::error::{ContextKind, ContextValue};
use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::lang::{self, Lang};
use crate::lines::{self, Encoding};
use crate::text;

/// The lesson's address: `socket_server.bind(('127.0.0.1', 8888))`.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8888";

/// The lesson's backlog: `socket_server.listen(1)`.
pub const DEFAULT_BACKLOG: i32 = 1;

/// The longest line a line-based server keeps, by default (128 KiB, [`lines::DEFAULT_MAX_LINE`]).
pub const DEFAULT_MAX_LINE: &str = "131072";

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
    /// Whether the flag `id` (such as `keep-serving`) was given.
    pub fn flag(&self, id: &str) -> bool {
        self.matches
            .try_get_one::<bool>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    }

    /// The text encoding of `--encoding`, UTF-8 without it.
    pub fn encoding(&self) -> Encoding {
        self.matches
            .try_get_one::<String>("encoding")
            .ok()
            .flatten()
            .and_then(|name| Encoding::from_name(name))
            .unwrap_or_default()
    }

    /// The line limit of `--max-line`.
    pub fn max_line(&self) -> usize {
        self.matches
            .try_get_one::<u32>("max-line")
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
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_name("LANG")
                .value_parser(["en", "zh"])
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
            Arg::new("addr")
                .value_name("ADDR")
                .default_value(DEFAULT_ADDR)
                .value_parser(parse_addr)
                .help(help),
        )
    }

    /// Adds `--backlog N`.
    pub fn backlog(self) -> Cli {
        self.arg(
            Arg::new("backlog")
                .long("backlog")
                .value_name("N")
                .default_value("1")
                .value_parser(clap::value_parser!(i32).range(0..))
                .help(text::help_backlog()),
        )
    }

    /// The command line of a line-based server (the lesson's two complete servers): a
    /// server's, with `--encoding`, `--max-line` and `--keep-serving`.
    pub fn line_server(example: &'static str) -> Cli {
        Cli::server(example).encoding().max_line().arg(
            Arg::new("keep-serving")
                .long("keep-serving")
                .action(ArgAction::SetTrue)
                .help(text::help_keep_serving()),
        )
    }

    /// Adds `--encoding utf-8|gbk`.
    pub fn encoding(self) -> Cli {
        self.arg(
            Arg::new("encoding")
                .long("encoding")
                .value_name("ENCODING")
                .default_value("utf-8")
                .value_parser(["utf-8", "gbk"])
                .help(text::help_encoding()),
        )
    }

    /// Adds `--max-line BYTES`.
    pub fn max_line(self) -> Cli {
        self.arg(
            Arg::new("max-line")
                .long("max-line")
                .value_name("BYTES")
                .default_value(DEFAULT_MAX_LINE)
                .value_parser(clap::value_parser!(u32).range(1..))
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
    pub fn parse_from(
        mut self,
        args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    ) -> Args {
        let matches = match self.command.try_get_matches_from_mut(args) {
            Ok(matches) => matches,
            Err(mut error) => {
                // clap shows the usage line with some mistakes and not with others (a bad
                // value); a student who typed the command wrong always gets it.
                if error.use_stderr() && error.get(ContextKind::Usage).is_none() {
                    let usage = self.command.render_usage();
                    error.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
                }
                error.exit()
            }
        };
        if let Some(lang) = matches
            .get_one::<String>("lang")
            .and_then(|name| Lang::from_name(name))
        {
            lang::set(lang);
        }
        let addr = matches
            .try_get_one::<SocketAddr>("addr")
            .ok()
            .flatten()
            .copied()
            .unwrap_or_else(|| SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8888)));
        let backlog = matches
            .try_get_one::<i32>("backlog")
            .ok()
            .flatten()
            .copied()
            .unwrap_or(DEFAULT_BACKLOG);
        if let Some(warning) = bind_all_warning(addr) {
            static WARNED: Once = Once::new();
            WARNED.call_once(|| eprintln!("{warning}"));
        }
        Args {
            addr,
            backlog,
            matches,
        }
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

    fn addr(text: &str) -> SocketAddr {
        text.parse().expect("an address")
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
        assert_eq!(lang_in(args(&["x"])), None);
    }

    #[test]
    fn line_server_arguments() {
        assert_eq!(DEFAULT_MAX_LINE.parse(), Ok(lines::DEFAULT_MAX_LINE));
        let args = Cli::line_server("example2_server").parse_from(["x"]);
        assert_eq!(args.encoding(), Encoding::Utf8);
        assert_eq!(args.max_line(), lines::DEFAULT_MAX_LINE);
        assert!(!args.flag("keep-serving"));
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
        assert!(args.flag("keep-serving"));
    }

    #[test]
    fn server_arguments_have_the_lesson_defaults() {
        let args = Cli::server("step3_listen").parse_from(["step3_listen"]);
        assert_eq!(args.addr, addr(DEFAULT_ADDR));
        assert_eq!(args.backlog, DEFAULT_BACKLOG);
        let args = Cli::server("step3_listen").parse_from([
            "step3_listen",
            "localhost:0",
            "--backlog",
            "5",
        ]);
        assert_eq!((args.addr, args.backlog), (addr("127.0.0.1:0"), 5));
    }
}
