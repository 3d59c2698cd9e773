//! What the chat server must do: every line from one client goes to all the others,
//! and nothing a member sends can forge what the others see. It needs the `async`
//! feature to build: `cargo test --all-features` runs these checks.

use super::harness::{Client, Outcome, Program, Server, in_parallel};
use super::ladder::expect_reply;

/// Connects, reads the question, gives `name`, and reads the welcome.
fn join(server: &Server, name: &str) -> Outcome<Client> {
    let mut client = server.connect()?;
    expect_reply(
        &mut client,
        "welcome to the chat: type your name and press Enter\n",
    )?;
    client.send(format!("{name}\n"))?;
    let welcome = client.read_line()?;
    if !welcome.starts_with(&format!("hello {name}: ")) {
        return Err(client.fail(format!("hello {name}: …"), welcome));
    }
    Ok(client)
}

/// Sixty clients: each one's line reaches every other exactly once and never comes
/// back to it; each reads the joins of those who came after it; `exit` from each
/// leaves only leave notices to read.
pub fn each_line_goes_to_every_other_client_once_and_not_back(program: &Program) -> Outcome {
    const CLIENTS: usize = 60;
    // Lines of 4 KiB at most: the channel then keeps every line of this test.
    let server = program.server().args(["--max-line", "4096"]).start()?;
    let clients = (0..CLIENTS)
        .map(|index| join(&server, &format!("c{index}")))
        .collect::<Outcome<Vec<_>>>()?;
    in_parallel(clients, |index, mut client| {
        let mut expected: std::collections::HashSet<String> = (0..CLIENTS)
            .filter(|&other| other != index)
            .map(|other| format!("c{other}: hello from c{other}, 你好\n"))
            .chain((index + 1..CLIENTS).map(|later| format!("* c{later} joined\n")))
            .collect();
        client.send(format!("hello from c{index}, 你好\n"))?;
        while !expected.is_empty() {
            let line = client.read_line()?;
            let is_leave = line.starts_with("* c") && line.ends_with(" left\n");
            if !expected.remove(&line) && !is_leave {
                return Err(client.fail(
                    "a line from another client, each once".into(),
                    format!("{line:?}"),
                ));
            }
        }
        client.send("exit\n")?;
        let rest = String::from_utf8_lossy(&client.read_to_end()?).into_owned();
        if let Some(line) = rest.lines().find(|line| !line.ends_with(" left")) {
            return Err(client.fail("only leave notices after exit".into(), line.into()));
        }
        Ok(())
    })?;
    let run = server.finish()?;
    run.success()?
        .stdout_has("c7 says: hello from c7, 你好")?
        .stdout_has("`c59` left")?
        .stderr_empty()?;
    Ok(())
}

/// A name in use, or an empty one, is refused and asked again.
pub fn asks_again_for_a_name_in_use_or_empty(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut alice = join(&server, "alice")?;
    let mut other = server.connect()?;
    expect_reply(
        &mut other,
        "welcome to the chat: type your name and press Enter\n",
    )?;
    other.send("alice\n")?;
    expect_reply(
        &mut other,
        "error: the name `alice` is taken: choose another\n",
    )?;
    other.send("  \n")?;
    expect_reply(
        &mut other,
        "error: a name has 1 to 32 characters, with no control characters: choose another\n",
    )?;
    other.send("bob\n")?;
    expect_reply(
        &mut other,
        "hello bob: 2 in the chat, you included; each line you send goes to all the others, exit leaves\n",
    )?;
    expect_reply(&mut alice, "* bob joined\n")?;
    server.finish()?.success()?;
    Ok(())
}

/// What a member sends reaches the others as text, never as what its bytes would
/// do to a terminal: escape sequences, a carriage return that forges a notice, a
/// bidi override arrive escaped, and so does the operator's line.
pub fn relays_escapes_and_bidi_controls_escaped(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut alice = join(&server, "alice")?;
    let mut bob = join(&server, "bob")?;
    expect_reply(&mut alice, "* bob joined\n")?;
    alice.send("\x1b]0;owned\x07\x1b[2A\r* bob left \u{202e}gpj.exe\u{200b}\n")?;
    expect_reply(
        &mut bob,
        "alice: \\u{1b}]0;owned\\u{7}\\u{1b}[2A\\r* bob left \\u{202e}gpj.exe\\u{200b}\n",
    )?;
    let run = server.finish()?;
    run.success()?
        .stdout_has(
            "alice says: \\u{1b}]0;owned\\u{7}\\u{1b}[2A\\r* bob left \\u{202e}gpj.exe\\u{200b}",
        )?
        .stdout_lacks("\u{1b}")?
        .stdout_lacks("\u{202e}")?;
    Ok(())
}

/// Names are compared in NFKC and without case, and refused when they hold
/// invisible or bidi-control characters: `ＢＯＢ` and `Bob` are taken once `bob` is;
/// `bob\u{200b}`, `\u{200b}bob` and `\u{202e}bob` are refused.
pub fn refuses_look_alike_and_invisible_names(program: &Program) -> Outcome {
    let server = program.start()?;
    let _bob = join(&server, "bob")?;
    let mut other = server.connect()?;
    expect_reply(
        &mut other,
        "welcome to the chat: type your name and press Enter\n",
    )?;
    for taken in ["ＢＯＢ", "Bob"] {
        other.send(format!("{taken}\n"))?;
        let got = other.read_line()?;
        if !(got.starts_with("error: the name `") && got.ends_with("` is taken: choose another\n"))
        {
            return Err(other.fail(format!("{taken} taken"), got));
        }
    }
    for (hidden, shown) in [
        ("bob\u{200b}", "bob\\u{200b}"),
        ("\u{200b}bob", "\\u{200b}bob"),
        ("\u{202e}bob", "\\u{202e}bob"),
        ("\u{feff}bob", "\\u{feff}bob"),
    ] {
        other.send(format!("{hidden}\n"))?;
        expect_reply(
            &mut other,
            &format!(
                "error: the name `{shown}` holds invisible or direction-changing characters: choose another\n"
            ),
        )?;
    }
    other.send("ｃａｒｏｌ\n")?;
    let got = other.read_line()?;
    if !got.starts_with("hello carol: ") {
        return Err(other.fail("hello carol: …".into(), got));
    }
    server.finish()?.success()?.stdout_lacks("\u{202e}")?;
    Ok(())
}

/// When one client leaves with `exit`, the others read that it left and chat on.
pub fn exit_from_one_leaves_the_others_chatting(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut alice = join(&server, "alice")?;
    let mut bob = join(&server, "bob")?;
    let mut carol = join(&server, "carol")?;
    expect_reply(&mut alice, "* bob joined\n")?;
    expect_reply(&mut alice, "* carol joined\n")?;
    expect_reply(&mut bob, "* carol joined\n")?;
    bob.send("exit\n")?;
    bob.expect_end_of_stream()?;
    expect_reply(&mut alice, "* bob left\n")?;
    expect_reply(&mut carol, "* bob left\n")?;
    alice.send("still here?\n")?;
    expect_reply(&mut carol, "alice: still here?\n")?;
    server.finish()?.success()?;
    Ok(())
}

/// With `--max-connections 2`, a third client reads that the server is full.
pub fn tells_a_client_over_the_limit_that_the_server_is_full(program: &Program) -> Outcome {
    let server = program.server().args(["--max-connections", "2"]).start()?;
    let _alice = join(&server, "alice")?;
    let _bob = join(&server, "bob")?;
    let mut third = server.connect()?;
    expect_reply(
        &mut third,
        "error: the server is full (2 clients): try again later\n",
    )?;
    third.expect_end_of_stream()?;
    server.finish()?.success()?;
    Ok(())
}

/// An over-long line is refused to its sender and reaches nobody; the next line
/// does.
pub fn refuses_an_over_long_line_and_chats_on(program: &Program) -> Outcome {
    let server = program.server().args(["--max-line", "1024"]).start()?;
    let mut alice = join(&server, "alice")?;
    let mut bob = join(&server, "bob")?;
    expect_reply(&mut alice, "* bob joined\n")?;
    let mut long = vec![b'x'; 64 * 1024];
    long.extend_from_slice(b"\nshort\n");
    alice.send(long)?;
    expect_reply(
        &mut alice,
        "error: line longer than 1024 bytes: refused, the rest of it dropped\n",
    )?;
    expect_reply(&mut bob, "alice: short\n")?;
    server.finish()?.success()?;
    Ok(())
}

/// A silent client is told and closed after the idle timeout, and the others read
/// that it left.
pub fn closes_a_silent_client_after_the_idle_timeout(program: &Program) -> Outcome {
    let server = program.server().args(["--idle-timeout", "0.3"]).start()?;
    let mut silent = server.connect()?;
    expect_reply(
        &mut silent,
        "welcome to the chat: type your name and press Enter\n",
    )?;
    expect_reply(
        &mut silent,
        "error: nothing received for 0.3 s: closing the connection\n",
    )?;
    silent.expect_end_of_stream()?;
    server.finish()?.success()?;
    Ok(())
}

/// A client that trickles the bytes of its name, never a newline, is closed when
/// its line is due, and told why.
pub fn closes_a_client_trickling_its_name(program: &Program) -> Outcome {
    use std::io::{Read, Write};
    let server = program.server().args(["--idle-timeout", "0.5"]).start()?;
    let failed =
        |what: &str, error: std::io::Error| server.fail(what.to_string(), error.to_string());
    let mut trickle =
        std::net::TcpStream::connect(server.addr).map_err(|error| failed("a connection", error))?;
    trickle
        .set_nonblocking(true)
        .map_err(|error| failed("a non-blocking socket", error))?;
    let mut got = Vec::new();
    let mut some = [0u8; 256];
    // One byte every 100 ms, for 6 s at most, until the server closes. The sleep is
    // the trickle itself: a client slow on purpose.
    for _ in 0..60 {
        if trickle.write_all(b"b").is_err() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        match trickle.read(&mut some) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&some[..n]),
            Err(_) => {}
        }
        if got.ends_with(b"closing the connection\n") {
            break;
        }
    }
    let got = String::from_utf8_lossy(&got).into_owned();
    let wanted = "error: no whole line within 0.5 s: closing the connection\n";
    if !got.ends_with(wanted) {
        return Err(server.fail(format!("{wanted:?} while trickling"), format!("{got:?}")));
    }
    server.finish()?.success()?;
    Ok(())
}

/// `--help` names the chat server.
pub fn explains_itself(program: &Program) -> Outcome {
    program
        .launch()
        .arg("--help")
        .run()?
        .success()?
        .stdout_has("a chat server; each line from one client goes to all the others")?;
    Ok(())
}
