//! The README's sample output is what the programs print: each transcript on the page
//! is checked against a real run here, never pasted by hand.

use std::net::SocketAddr;

use crate::check::{Failure, Outcome};
use crate::support::program;

/// The README's `text` blocks that show a server's output (they begin with its
/// readiness line).
fn transcripts() -> Vec<String> {
    let readme = include_str!("../../README.md");
    readme
        .split("```text\n")
        .skip(1)
        .filter_map(|block| block.split_once("```").map(|(body, _)| body))
        .filter(|body| body.starts_with("listening on "))
        .map(str::to_string)
        .collect()
}

/// What the page shows for a run, with the addresses the page uses.
fn as_on_the_page(stdout: &str, server: SocketAddr, client: SocketAddr) -> String {
    stdout
        .replace(&server.to_string(), "127.0.0.1:8888")
        .replace(&client.to_string(), "127.0.0.1:53422")
}

/// Compares a run with the README's transcript that contains `marker`.
fn matches_the_page(marker: &str, shown: String) -> Outcome {
    let on_page = transcripts()
        .into_iter()
        .find(|transcript| transcript.contains(marker))
        .ok_or_else(|| {
            Failure::new(
                format!("a README transcript with `{marker}`"),
                "none".into(),
            )
        })?;
    if on_page != shown {
        return Err(Failure::new(
            format!("the README's transcript:\n{on_page}"),
            format!("this run:\n{shown}"),
        ));
    }
    Ok(())
}

/// The README's step 5 transcript: a client sends `hello`, then `exit`.
#[test]
fn the_step5_transcript_is_real() -> Outcome {
    let mut server = program("step5_recv").start()?;
    let mut client = server.connect()?;
    let (addr, peer) = (server.addr, client.local_addr());
    client.send("hello\n")?;
    server.expect_line("received 6 bytes")?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    let run = server.finish()?;
    run.success()?;
    matches_the_page(
        "received 6 bytes",
        as_on_the_page(&run.stdout(), addr, peer),
    )
}

/// The README's 示例2 transcript: the lesson's 运行结果, then the client's `exit`.
#[test]
fn the_example2_transcript_is_real() -> Outcome {
    let mut server = program("example2_server").start()?;
    let mut client = server.connect()?;
    let (addr, peer) = (server.addr, client.local_addr());
    client.send("保持连接\n")?;
    server.expect_prompt("type a reply: ")?;
    server.type_line("保持连接");
    client.read_line()?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    let run = server.finish()?;
    run.success()?;
    // What a terminal shows: the reply you type, after the prompt that waits for it.
    let shown = run
        .stdout()
        .replacen("type a reply: ", "type a reply: 保持连接\n", 1);
    matches_the_page("received: 保持连接", as_on_the_page(&shown, addr, peer))
}
