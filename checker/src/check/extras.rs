//! What the extra exercises must do: count the bytes, echo, serve one after another.

use super::harness::{Outcome, Program};
use crate::text::check as text;
use socket_workbook::message::show;

/// Every byte of every read counts, `exit` included: 6 + 6 + 5 = 17.
pub fn counts_every_byte(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hello\n")?;
    server.expect_line("received 6 bytes")?;
    client.send("ab中\n")?;
    server.expect_line("received 6 bytes: \"ab中")?;
    client.send("exit\n")?;
    client.expect_end_of_stream()?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("the client sent 17 bytes in all")?
        .stderr_empty()?;
    Ok(())
}

/// A client that closes without `exit` gets its total too.
pub fn counts_the_bytes_of_a_client_that_closes(program: &Program) -> Outcome {
    let mut server = program.start()?;
    let mut client = server.connect()?;
    client.send("hi\n")?;
    server.expect_line("received 3 bytes")?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("the client sent 3 bytes in all")?;
    Ok(())
}

/// Each read comes back as it was sent, with no one at the keyboard (stdin closed).
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
    server
        .finish()?
        .success()?
        .stdout_has("echoed 6 bytes")?
        .stdout_has("echoed 7 bytes")?
        .stdout_has("the client sent exit")?
        .stderr_empty()?;
    Ok(())
}

/// A client that closes ends the echo session cleanly.
pub fn ends_when_the_client_closes(program: &Program) -> Outcome {
    let server = program.start()?;
    let mut client = server.connect()?;
    client.send("bye\n")?;
    client.read_line()?;
    client.close();
    server
        .finish()?
        .success()?
        .stdout_has("the client closed the connection")?;
    Ok(())
}

/// Two clients, one after the other; then the server ends by itself.
pub fn serves_two_clients_one_after_another(program: &Program) -> Outcome {
    let mut server = program.server().typed_ahead("first\nsecond\n").start()?;
    for (number, (message, reply)) in [("one\n", "first\n"), ("two\n", "second\n")]
        .into_iter()
        .enumerate()
    {
        let mut client = server.connect()?;
        server.expect_line(&format!("serving client {} of 2", number + 1))?;
        server.expect_line(&format!("accepted connection from {}", client.local_addr()))?;
        client.send(message)?;
        let back = client.read_line()?;
        if back != reply {
            return Err(client.fail(text::expect_reply_line(), show(back.as_bytes())));
        }
        client.send("exit\n")?;
        client.expect_end_of_stream()?;
        client.close();
    }
    server
        .finish()?
        .success()?
        .stdout_has("closed the listening socket")?
        .stderr_empty()?;
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
    server.expect_line(&format!("accepted connection from {second_addr}"))?;
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
    server.expect_line("the client closed the connection")?;
    let mut second = server.connect()?;
    server.expect_line("serving client 2 of 2")?;
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
