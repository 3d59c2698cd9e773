use crate::check::{Failure, Outcome, readiness};
use predicates::str::contains;

use crate::support::{program, run};

/// In Chinese (`WORKBOOK_LANG=zh`) a server speaks Chinese, and its readiness line still
/// ends with the address.
#[test]
fn a_server_speaks_chinese_with_workbook_lang_zh() -> Outcome {
    let program = program("step4_accept");
    let mut server = program.server().env("WORKBOOK_LANG", "zh").start()?;
    let mut client = server.connect()?;
    let line = server.expect_line("接收到客户端连接，连接来自：")?;
    assert!(line.ends_with(&client.local_addr().to_string()), "{line}");
    client.expect_end_of_stream()?;
    let run = server.finish()?;
    run.success()?.stdout_has("等待客户端连接")?;
    let stdout = run.stdout();
    let first = stdout.lines().next().unwrap_or_default();
    if !(first.starts_with("正在监听 ") && readiness(first).is_some()) {
        return Err(Failure::new("正在监听 <ip:port>".into(), first.into()));
    }
    Ok(())
}

/// `--lang zh` and a Chinese locale choose Chinese; `WORKBOOK_LANG=en` forces English.
#[test]
fn the_language_follows_the_flag_the_variable_and_the_locale() {
    run("step1_create")
        .args(["--lang", "zh"])
        .assert()
        .success()
        .stdout(contains("已创建 socket"));
    run("step1_create")
        .env("LANG", "zh_CN.UTF-8")
        .assert()
        .success()
        .stdout(contains("已创建 socket"));
    run("step1_create")
        .env("LANG", "zh_CN.UTF-8")
        .env("WORKBOOK_LANG", "en")
        .assert()
        .success()
        .stdout(contains("created a socket"));
    run("step1_create")
        .env("LC_ALL", "zh_TW.UTF-8")
        .arg("--lang=en")
        .assert()
        .success()
        .stdout(contains("created a socket"));
}

/// Errors and hints are translated too, and `--help` speaks the chosen language.
#[test]
fn errors_and_help_speak_chinese() {
    let holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = holder.local_addr().unwrap();
    run("step2_bind")
        .arg(addr.to_string())
        .env("WORKBOOK_LANG", "zh")
        .assert()
        .code(1)
        .stderr(contains(format!("无法绑定 `{addr}`")))
        .stderr(contains(format!("`{addr}` 已被别的程序占用")));
    run("step5_recv")
        .args(["--lang", "zh", "--help"])
        .assert()
        .success()
        .stdout(contains("第 5 步"));
}

/// A `WORKBOOK_LANG` that names no language is said so on stderr, and the program goes
/// on in the locale's language.
#[test]
fn an_unknown_workbook_lang_is_a_warning_not_a_failure() {
    run("step1_create")
        .env("WORKBOOK_LANG", "fr")
        .assert()
        .success()
        .stdout(contains("created a socket"))
        .stderr(contains(
            "warning: WORKBOOK_LANG=`fr` is not a language of this workbook (en or zh)",
        ));
    run("step1_create")
        .env("WORKBOOK_LANG", "fr")
        .env("LANG", "zh_CN.UTF-8")
        .assert()
        .success()
        .stdout(contains("已创建 socket"));
}

/// The checker, run as a student runs it (`cargo run -- …`).
fn checker() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(
        crate::check::Program::executable("socket-workbook", crate::support::checker()).command(),
    );
    command.timeout(crate::check::DEADLINE);
    command
}

/// What a run wrote to stdout or stderr, line by line.
fn lines_of(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_string)
        .collect()
}

/// In Chinese, `--help` has Chinese headings, its own help line and the default in
/// Chinese, and none of clap's English words.
#[test]
fn chinese_help_has_chinese_headings_and_no_english_ones() {
    let output = run("step2_bind")
        .args(["--lang", "zh", "--help"])
        .assert()
        .code(0)
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let lines = lines_of(&output);
    for heading in ["用法：step2_bind [OPTIONS] [ADDR]", "参数：", "选项："] {
        assert!(
            lines.iter().any(|line| line == heading),
            "{heading:?} in {lines:#?}"
        );
    }
    let help = lines.join("\n");
    assert!(help.contains("（默认值：127.0.0.1:8888）"), "{help}");
    assert!(help.contains("（可选值：en、zh）"), "{help}");
    assert!(
        lines
            .iter()
            .any(|line| line.trim_start().starts_with("-h, --help")
                && line.ends_with(" 显示本帮助信息")),
        "{help}"
    );
    for english in [
        "Usage:",
        "Arguments:",
        "Options:",
        "Print help",
        "[default:",
        "[possible values:",
    ] {
        assert!(!help.contains(english), "{english:?} in\n{help}");
    }
}

/// In English, `--help` keeps clap's layout and words.
#[test]
fn english_help_still_works() {
    let output = run("step2_bind")
        .arg("--help")
        .assert()
        .code(0)
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let lines = lines_of(&output);
    for heading in [
        "Usage: step2_bind [OPTIONS] [ADDR]",
        "Arguments:",
        "Options:",
    ] {
        assert!(
            lines.iter().any(|line| line == heading),
            "{heading:?} in {lines:#?}"
        );
    }
    let help = lines.join("\n");
    assert!(help.contains(" [default: 127.0.0.1:8888]"), "{help}");
    assert!(help.contains(" [possible values: en, zh]"), "{help}");
    assert!(help.contains("print this help"), "{help}");
}

/// A bad address in Chinese: exit status 2, nothing on stdout, and on stderr the
/// Chinese error (the address's own explanation unchanged), the usage and `--help`.
#[test]
fn a_bad_address_in_chinese_exits_2_with_a_chinese_error() {
    run("step2_bind")
        .env("WORKBOOK_LANG", "zh")
        .arg("127.0.0.1")
        .assert()
        .code(2)
        .stdout("")
        .stderr(concat!(
            "错误：`[ADDR]` 的值 `127.0.0.1` 无效：`127.0.0.1` 缺少端口：请写成 IP:端口，例如 127.0.0.1:8888\n",
            "\n",
            "用法：step2_bind [OPTIONS] [ADDR]\n",
            "\n",
            "想了解更多，请加上 `--help` 再运行一次\n",
        ));
}

/// An unknown flag is named, with no advice to type `--` again: the student typed it
/// already (`cargo run --example step1_create -- --bogus`, and Cargo took it away).
#[test]
fn an_unknown_flag_after_double_dash_gets_no_double_dash_advice() {
    run("step1_create")
        .args(["--", "--bogus"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(concat!(
            "error: unexpected argument `--bogus`\n",
            "\n",
            "Usage: step1_create [OPTIONS]\n",
            "\n",
            "for more information, try `--help`\n",
        ));
    // What the program sees of `cargo run --example step2_bind -- --bogus`, in Chinese.
    run("step2_bind")
        .args(["--lang", "zh", "--bogus"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(concat!(
            "错误：无法识别的参数 `--bogus`\n",
            "\n",
            "用法：step2_bind --lang <LANG> [ADDR]\n",
            "\n",
            "想了解更多，请加上 `--help` 再运行一次\n",
        ));
}

/// A misspelt flag gets the closest one.
#[test]
fn a_misspelt_flag_gets_the_closest_one() {
    run("step3_listen")
        .arg("--backlgo")
        .assert()
        .code(2)
        .stdout("")
        .stderr(concat!(
            "error: unexpected argument `--backlgo`\n",
            "hint: did you mean `--backlog`?\n",
            "\n",
            "Usage: step3_listen [OPTIONS] [ADDR]\n",
            "\n",
            "for more information, try `--help`\n",
        ));
}

/// `cargo run -- chek 4`: exit status 2, and the command that was meant, in either
/// language.
#[test]
fn the_checker_suggests_check_for_chek() {
    checker()
        .args(["chek", "4"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(concat!(
            "error: `chek` is not a command\n",
            "hint: did you mean `check`?\n",
            "\n",
            "Usage: workbook-checker [OPTIONS] [COMMAND]\n",
            "\n",
            "for more information, try `--help`\n",
        ));
    checker()
        .args(["--lang", "zh", "chek", "4"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(concat!(
            "错误：`chek` 不是可用的命令\n",
            "提示：你是不是想输入 `check`？\n",
            "\n",
            "用法：workbook-checker [OPTIONS] [COMMAND]\n",
            "\n",
            "想了解更多，请加上 `--help` 再运行一次\n",
        ));
    checker()
        .args(["check", "4", "--kep-going"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("hint: did you mean `--keep-going`?\n"));
}
