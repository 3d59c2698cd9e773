use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::is_exit;
use socket_workbook::steps::wait_for_client;
use socket_workbook::steps::{Receiver, close_connection, open_listener, say_client_exit};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise_echo").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    // Step 5: recv, each read printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    while let Some((bytes, data)) = receiver.read(&conn)? {
        // Python: if data == 'exit': break
        if is_exit(&data.text) {
            say_client_exit();
            break;
        }
        let loud = bytes.to_ascii_uppercase();
        conn.write_all(&loud)?;
        println!("echoed {} bytes", bytes.len());
    }
    receiver.finish::<()>();

    // Step 7: close, as step 7 does (src/steps.rs), then the listening socket.
    close_connection(conn, peer, true)?;
    drop(server);
    say!(
        "closed the listening socket: {local} is free again",
        "已关闭监听 socket：{local} 已释放，可以再次使用"
    );
    Ok(())
}
