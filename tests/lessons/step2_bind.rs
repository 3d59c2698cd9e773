use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{lesson_tests, run};

lesson_tests!(step2_bind, steps:
    reports_the_port_the_system_chose,
    reads_localhost_as_127_0_0_1,
    names_the_address_in_use,
);

/// A bad address argument exits 2 with the reason and the usage.
#[test]
fn rejects_a_bad_address_with_usage() {
    for (arg, reason) in [
        ("127.0.0.1:99999", "is not a port"),
        ("127.0.0.1", "has no port"),
        ("8888", "is only a port"),
        ("example.com:80", "is not an IPv4 address"),
        ("[::1]:8888", "is IPv6"),
    ] {
        run("step2_bind")
            .arg(arg)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(reason).and(contains("Usage")));
    }
}
