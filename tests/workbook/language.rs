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
