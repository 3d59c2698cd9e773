use std::process::ExitCode;

use socket_workbook::message::is_exit;
use socket_workbook::steps::{Receiver, open_listener, say_client_exit, wait_for_client};
use socket_workbook::{Args, Cli, outln, report, say, text};

fn main() -> ExitCode {
    let args = Cli::server("exercise_count_bytes").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (conn, peer) = wait_for_client(&server, local)?;

    // Step 5: recv, each read printed, until the client sends exit or leaves.
    let mut receiver = Receiver::new(peer);
    // How many bytes the client sent in all.
    let mut total: u64 = 0;
    while let Some((bytes, data)) = receiver.read(&conn)? {
        total = bytes.len() as u64;
        // Python: if data == 'exit': break
        if is_exit(&data.text) {
            say_client_exit();
            break;
        }
    }
    receiver.finish::<()>();
    say!(
        total,
        "the client sent {total} byte in all",
        "the client sent {total} bytes in all",
        "客户端一共发送了 {total} 字节"
    );

    // Dropping `conn` and `server` closes them; step 7 shows closing in detail.
    drop((conn, server));
    Ok(())
}
