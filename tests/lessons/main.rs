//! The lessons' integration tests: one test binary, one module per lesson, one
//! harness (`support`) that runs each example as a child process and drives a client
//! against it.

mod support;

mod language;
mod pitfalls;
mod sessions;
mod step1_create;
mod step2_bind;
mod step3_listen;
mod step4_accept;
mod step5_recv;
mod step6_send;
mod step7_close;
