//! What the extra exercises must do: count the bytes, echo, serve one after another.

use super::harness::{Outcome, Program};
use super::{facts, steps};
use crate::text::check as text;
use socket_workbook::message::show;

/// Expects a line that shows the total of bytes, `total`, and none of the messages
/// (a line that shows a read of 3 bytes is no total of 3).
fn expect_total(run: &super::Finished, total: u64, messages: &[&str]) -> Outcome {
    let stdout = run.stdout();
    let told = stdout.lines().any(|line| {
        facts::shows_number(line, total)
            && !messages
                .iter()
                .any(|message| facts::shows_message(line, message.as_bytes()))
    });
    if told {
        Ok(())
    } else {
        Err(run.fail(text::expect_number_shown(total), text::found_see_output()))
    }
}

/// Every byte of every read counts, `exit` included: 6 + 6 + 5 = 17.
pub fn counts_every_byte(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    steps::expect_shown(&mut server, b"hello\n")?;
    client.send("ab中\n")?;
    steps::expect_shown(&mut server, "ab中\n".as_bytes())?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    let run = server.finish()?;
    run.success()?.stderr_empty()?;
    expect_total(&run, 17, &["hello\n", "ab中\n", "exit\n"])
}

/// A client that closes without `exit` gets its total too.
pub fn counts_the_bytes_of_a_client_that_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hi\n")?;
    steps::expect_shown(&mut server, b"hi\n")?;
    client.close();
    let run = server.finish()?;
    run.success()?;
    expect_total(&run, 3, &["hi\n"])
}

/// Each read comes back as it was sent, with no one at the keyboard (stdin closed),
/// and its size is shown.
pub fn sends_each_read_back(program: &Program) -> Outcome {
    let mut server = program.start()?;
    server.close_stdin();
    let mut client = server.connect()?;
    for line in ["hello\n", "你好\n"] {
        client.send(line)?;
        let back = client.read_line()?;
        if back != line {
            let expected = text::expect_line_containing(&show(line.as_bytes()));
            return Err(client.fail(expected, show(back.as_bytes())));
        }
    }
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    let run = server.finish()?;
    run.success()?.stderr_empty()?;
    let stdout = run.stdout();
    for n in [6, 7] {
        if !stdout.lines().any(|line| facts::shows_number(line, n)) {
            return Err(run.fail(text::expect_number_shown(n), text::found_see_output()));
        }
    }
    Ok(())
}

/// A client that closes ends the echo session cleanly.
pub fn ends_when_the_client_closes(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut client = server.connect()?;
    client.send("bye\n")?;
    client.read_line()?;
    client.close();
    server.finish()?.success()?;
    Ok(())
}

/// Two clients, one after the other, each shown by its address; then the server ends
/// by itself.
pub fn serves_two_clients_one_after_another(program: &Program) -> Outcome {
    let mut server = program.server().typed_ahead("first\nsecond\n").start()?;
    for (message, reply) in [("one\n", "first\n"), ("two\n", "second\n")] {
        let mut client = server.connect()?;
        steps::expect_client_addr(&mut server, client.local_addr())?;
        client.send(message)?;
        let back = client.read_line()?;
        if back != reply {
            return Err(client.fail(text::expect_reply_line(), show(back.as_bytes())));
        }
        client.send("exit\n")?;
        client.expect_end_of_stream()?;
        client.close();
    }
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}

/// A client that connects during the first session waits in the backlog and is served
/// next.
pub fn serves_a_waiting_client_next(program: &Program) -> Outcome {
    let mut server = program.server().typed_ahead("first\nsecond\n").start()?;
    let mut first = server.connect()?;
    let mut second = server.connect()?;
    let second_addr = second.local_addr();
    second.send("two\n")?;
    first.send("one\n")?;
    first.read_line()?;
    first.send("exit\n")?;
    first.expect_end_of_stream()?;
    first.close();
    steps::expect_client_addr(&mut server, second_addr)?;
    let back = second.read_line()?;
    if back != "second\n" {
        return Err(second.fail(text::expect_reply_line(), show(back.as_bytes())));
    }
    second.send("exit\n")?;
    second.expect_end_of_stream()?;
    second.close();
    server.finish()?.success()?;
    Ok(())
}

/// After `exit`, the wait for the client's FIN is a deadline a trickle of bytes
/// cannot extend (see `steps::stops_waiting_for_a_trickling_client`).
pub fn echo_stops_waiting_for_a_trickling_client(program: &Program) -> Outcome {
    let mut server = program.start()?;
    server.close_stdin();
    super::steps::outwaits_a_trickle(server)
}

/// After `exit`, the wait for the client's FIN is a deadline a trickle of bytes
/// cannot extend, and the next client is not kept waiting by it.
pub fn serial_stops_waiting_for_a_trickling_client(program: &Program) -> Outcome {
    let server = program
        .server()
        .args(["--clients", "1"])
        .typed_ahead("ok\n")
        .start()?;
    super::steps::outwaits_a_trickle(server)
}

/// A client that leaves without `exit` (it closes its side) ends its session at once,
/// and the next client is served: no spinning on reads of 0 bytes.
pub fn serves_the_next_client_when_one_closes(program: &Program) -> Outcome {
    let mut server = program.server().typed_ahead("first\nsecond\n").start()?;
    let mut first = server.connect()?;
    first.send("one\n")?;
    first.read_line()?;
    first.close();
    let mut second = server.connect()?;
    steps::expect_client_addr(&mut server, second.local_addr())?;
    second.send("two\n")?;
    let back = second.read_line()?;
    if back != "second\n" {
        return Err(second.fail(text::expect_reply_line(), show(back.as_bytes())));
    }
    second.send("exit\n")?;
    second.expect_end_of_stream()?;
    second.close();
    server.finish()?.success()?.stderr_empty()?;
    Ok(())
}
