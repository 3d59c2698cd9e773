//! The words of the extra exercises.

messages! {
    /// Help for `--clients`.
    help_clients() =>
        "how many clients to serve, one after another",
        "要一个接一个地服务多少个客户端";
    /// Which client is served now.
    serving_client(number: u32, clients: u32) =>
        "serving client {number} of {clients}",
        "正在服务第 {number} 个客户端（共 {clients} 个）";
}

/// The total of a session.
pub fn bytes_in_all(total: u64) -> String {
    match crate::lang::current() {
        crate::lang::Lang::En => format!(
            "the client sent {total} byte{} in all",
            super::plural(usize::try_from(total).unwrap_or(usize::MAX))
        ),
        crate::lang::Lang::Zh => format!("客户端一共发送了 {total} 字节"),
    }
}

/// One read sent back.
pub fn echoed(bytes: usize) -> String {
    match crate::lang::current() {
        crate::lang::Lang::En => format!("echoed {bytes} byte{}", super::plural(bytes)),
        crate::lang::Lang::Zh => format!("已原样发回 {bytes} 字节"),
    }
}
