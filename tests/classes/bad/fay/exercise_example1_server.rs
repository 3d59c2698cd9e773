use std::process::ExitCode;

use socket_workbook::conversation::Conversation;
use socket_workbook::message::is_exit;
use socket_workbook::steps::tell_waiting_clients;
use socket_workbook::steps::{accept_client, close_connection, close_listener, open_listener};
use socket_workbook::{Args, Cli, outln, prompt, report, say, text};

fn main() -> ExitCode {
    let args = Cli::line_server("exercise_example1_server").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    let explain = args.explain();
    // Python: socket_server = socket.socket()
    //         socket_server.bind(('127.0.0.1', 8888))
    //         socket_server.listen(1)
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    loop {
        // Python: conn, address = socket_server.accept()
        let (conn, peer) = accept_client(&server, local, explain)?;
        // Python: print(f"接收到客户端连接，连接来自: {address}")
        say!(
            "accepted connection from {peer}",
            "接收到客户端连接，连接来自: {peer}"
        );
        let mut conversation = Conversation::new(&conn, peer, args);
        // `true` when your input ended: no more replies, so no more sessions either.
        let input_ended = loop {
            // Python: data = conn.recv(1024).decode("UTF-8")
            let Some(data) = conversation.receive()? else {
                break false;
            };
            println!("received: {}", data.shown);
            conversation.note(&data);
            if conversation.has_left()? {
                continue;
            }
            print!("type a reply: ");
            let Some(reply) = conversation.typed_reply()? else {
                break true;
            };
            if is_exit(&reply.text) {
                break false;
            }
            if !conversation.send_line(&reply.text)? {
                break false;
            }
        };
        // Python: conn.close()
        close_connection(conn, peer, explain)?;
        // The lesson serves one client; --keep-serving goes back to accept.
        if input_ended || !args.keep_serving() {
            break;
        }
    }
    // Clients that connected meanwhile wait in the backlog: closing would reset them.
    tell_waiting_clients(&server)?;
    // Python: socket_server.close()
    close_listener(server, local, explain);
    Ok(())
}
