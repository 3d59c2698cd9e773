//! The help of the extra exercises' arguments. What they narrate is in their own files.

messages! {
    /// Help for `--clients`.
    help_clients() =>
        "how many clients to serve, one after another",
        "要一个接一个地服务多少个客户端";
}
