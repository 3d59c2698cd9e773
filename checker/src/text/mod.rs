//! The checker's words, in English and Chinese: what a check expected, found and did
//! ([`check`]), and the commands' messages and the behaviours' descriptions
//! ([`exercises`]).

pub mod check;
pub mod exercises;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every message of the checker is said somewhere in the checker: a message
    /// nothing prints is dead text, and fails here.
    #[test]
    fn every_message_is_said() {
        let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for (module, names) in [
            ("text::check", super::check::MESSAGES),
            ("text::exercises", super::exercises::MESSAGES),
        ] {
            let unused = socket_workbook::text::unused(names, &[&checker]);
            assert!(unused.is_empty(), "{module}: never said: {unused:?}");
        }
    }
}
