//! Pitfall — restart a server at once, and its port is still taken (TIME_WAIT).
//!
//! The side of a connection that closes first keeps a trace of it for a while, in the
//! state TIME_WAIT (60 s on Linux, about 30 s on macOS, up to 4 minutes on Windows), so
//! that stray packets of the old connection cannot land in a new one. When a server
//! closes a live connection first and then stops, that trace still holds its address:
//! on Linux and macOS, a restart that binds the same port without SO_REUSEADDR fails
//! with "address in use" until TIME_WAIT ends. With SO_REUSEADDR set (before `bind`,
//! in both runs), the restart binds at once; a listening socket on the port still
//! cannot be doubled.
//!
//! Windows is different: there a restart binds despite TIME_WAIT without any option,
//! and SO_REUSEADDR means something dangerous instead: it lets another program bind a
//! port that is in use. So on Windows the fixed mode sets nothing, as the steps do.
//!
//! Run it:
//!
//! ```text
//! cargo run --example pitfall_time_wait               # the mistake
//! cargo run --example pitfall_time_wait -- --fixed    # the fix
//! ```
//!
//! Lesson: step 2 (`bind`) and step 7 (`close`); docs/en/pitfall_time_wait.md,
//! docs/zh/pitfall_time_wait.md; README, "Pitfalls lab".

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use socket_workbook::{Failed, pitfall, report, say};
use socket2::{Domain, Protocol, Socket, Type};

fn main() -> ExitCode {
    let args = pitfall::cli("pitfall_time_wait").parse();
    report(run(pitfall::mode(&args)))
}

fn run(fixed: bool) -> anyhow::Result<()> {
    // Both runs set SO_REUSEADDR in the fix, but not on Windows (see step 2).
    let reuse = fixed && cfg!(not(windows));
    // The first run: steps 1 to 4 with the demo's own client (src/pitfall.rs).
    let (first, local) = pitfall::listen_reusing(pitfall::ANY_PORT, 1, reuse)?;
    match reuse {
        true => say!(
            "SO_REUSEADDR: on, set before bind",
            "SO_REUSEADDR：开启，在 bind 之前设置"
        ),
        false => say!(
            "SO_REUSEADDR: off (the lesson does not set it; on Windows the fix leaves it off too)",
            "SO_REUSEADDR：关闭（课程里没有设置它；在 Windows 上，修正后的写法也不设置它）"
        ),
    }
    let (mut client, conn, peer) = pitfall::connect_own(&first, local, pitfall::client_socket()?)?;
    // The server closes first (its side will wait in TIME_WAIT), then the client.
    drop(conn);
    let _ = client.read_to_end(&mut Vec::new());
    drop(client);
    say!(
        "the server closed the connection to `{peer}` first, then the client closed its side: the server's side now waits in TIME_WAIT",
        "服务端先关闭了与 `{peer}` 的连接，随后客户端也关闭了它那一端：服务端这一端现在处于 TIME_WAIT 状态"
    );
    drop(first);
    say!(
        "the server stopped (its listening socket on `{local}` is closed); restarting it at once on the same address",
        "服务端已停止（它在 `{local}` 上的监听套接字 已关闭）；现在立即在同一个地址上重新启动"
    );

    // New in this lesson: the restart, at once, on the same port.
    let second =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).context(Failed::Create)?;
    if reuse {
        // Python: socket_server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        second
            .set_reuse_address(true)
            .with_context(|| Failed::ReuseAddress(local))?;
    }
    match second.bind(&local.into()) {
        Ok(()) => {
            second.listen(1).with_context(|| Failed::Listen(local))?;
            say!(
                "the restart bound `{local}` again and listens",
                "重新启动后再次绑定了 `{local}`，并开始监听"
            );
        }
        // Another program took the port meanwhile: a listener answers, TIME_WAIT does not.
        Err(error)
            if error.kind() == ErrorKind::AddrInUse
                && TcpStream::connect_timeout(&local, Duration::from_millis(300)).is_ok() =>
        {
            say!(
                "the restart could not bind `{local}`: address in use (AddrInUse), and something answers there: another program took the port and listens on it, not TIME_WAIT; run the demo again, or find the program (`ss -tlnp` on Linux, `lsof -i` on macOS, `netstat -ano` on Windows)",
                "重新启动时无法绑定 `{local}`：地址已被占用（AddrInUse），而且那里有程序回应：是别的程序占用了这个端口并在监听，不是 TIME_WAIT；请再运行一次演示，或者找出那个程序（Linux 上用 `ss -tlnp`，macOS 上用 `lsof -i`，Windows 上用 `netstat -ano`）"
            );
        }
        Err(error) if error.kind() == ErrorKind::AddrInUse => {
            let port = local.port();
            say!(
                "the restart could not bind `{local}`: address in use (AddrInUse), held by the old connection in TIME_WAIT, for about 60 s on Linux and 30 s on macOS; see it: `ss -tan | grep :{port}` (Linux), `netstat -an | grep {port}` (macOS), `netstat -an | findstr {port}` (Windows)",
                "重新启动时无法绑定 `{local}`：地址已被占用（AddrInUse），占着它的是处于 TIME_WAIT 的旧连接，在 Linux 上大约持续 60 秒，在 macOS 上大约 30 秒；查看方法：`ss -tan | grep :{port}`（Linux），`netstat -an | grep {port}`（macOS），`netstat -an | findstr {port}`（Windows）"
            );
        }
        Err(error) => return Err(error).with_context(|| Failed::Bind(local)),
    }
    // End of the new part.
    match fixed {
        true => say!(
            "SO_REUSEADDR, set before bind, lets a server bind while old connections wait out TIME_WAIT (Linux, macOS); Windows needs no option, and SO_REUSEADDR there would let another program bind a port in use, so leave it off (SO_EXCLUSIVEADDRUSE guards a port)",
            "在 bind 之前设置 SO_REUSEADDR，服务端就能在旧连接还处于 TIME_WAIT 时绑定地址（Linux、macOS）；Windows 不需要任何选项，而且在那里 SO_REUSEADDR 会让别的程序绑定正在使用的端口，所以不要设置（要保护端口可以用 SO_EXCLUSIVEADDRUSE）"
        ),
        false => say!(
            "without SO_REUSEADDR, Linux and macOS refuse to bind an address that a connection in TIME_WAIT still uses; Windows binds anyway",
            "不设置 SO_REUSEADDR 时，Linux 和 macOS 不允许绑定仍被 TIME_WAIT 连接占用的地址；Windows 则照样允许绑定"
        ),
    }
    Ok(())
}
