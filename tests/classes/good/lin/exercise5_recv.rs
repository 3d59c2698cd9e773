use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use socket_workbook::failure::peer_left;
use socket_workbook::message::{Utf8Stream, is_exit};
use socket_workbook::steps::{open_listener, say_received, wait_for_client};
use socket_workbook::{Args, Cli, Failed, outln, report, say, text, warn};

fn main() -> ExitCode {
    let args = Cli::server("exercise5_recv").parse();
    report(run(&args))
}

fn run(args: &Args) -> anyhow::Result<()> {
    // Steps 1 to 4: socket, bind, listen, accept (src/steps.rs, as steps 1 to 4 wrote them).
    let (server, local) = open_listener(args.addr, args.backlog)?;
    outln!("{}", text::listening_on(local));
    let (mut conn, peer) = wait_for_client(&server, local)?;

    let mut buf = [0u8; 1024];
    let mut dec = Utf8Stream::new();
    loop {
        let got = match conn.read(&mut buf) {
            Ok(0) => {
                println!("对方断开了（读到 0 字节）");
                break;
            }
            Ok(k) => k,
            Err(e) if peer_left(&e) => {
                println!("对方强行断开了连接");
                break;
            }
            Err(e) => return Err(e).context("读取失败"),
        };
        let piece = dec.decode(&buf[..got]);
        println!("【{}字节】{}", got, piece.shown);
        if piece.carried > 0 {
            println!("    半个字符先留着：{} 字节", piece.carried);
        }
        if piece.invalid > 0 {
            eprintln!("注意：{} 个字节不是 UTF-8", piece.invalid);
        }
        if is_exit(&piece.text) {
            println!("对方说再见了");
            break;
        }
    }
    if dec.finish() > 0 {
        eprintln!("注意：最后一个字符没收完整");
    }
    // `conn` and `server` close when dropped, here; step 7 shows closing in detail.
    Ok(())
}
