//! What a failure shows of a program's output: a line printed again and again is
//! folded (`… 770 more times`), and such a run is a diagnosis of its own (a loop that
//! never stops: in these lessons, reads of 0 bytes after the client closed).

use crate::text::check as text;

/// How many times in a row a line must come before it is folded and diagnosed.
pub const REPEATS: usize = 20;

/// `output` with each run of more than [`REPEATS`] equal lines kept three times and
/// then counted; and the longest such run, if any: (the line, how many times).
pub fn fold(output: &str) -> (String, Option<(String, usize)>) {
    let mut folded = String::new();
    let mut longest: Option<(String, usize)> = None;
    let mut lines = output.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let mut count = 1;
        while lines.peek() == Some(&line) {
            lines.next();
            count += 1;
        }
        if count > REPEATS {
            for _ in 0..3 {
                folded.push_str(line);
            }
            folded.push_str(&text::folded(count - 3));
            folded.push('\n');
            if longest.as_ref().is_none_or(|(_, most)| count > *most) {
                longest = Some((line.trim_end().to_string(), count));
            }
        } else {
            for _ in 0..count {
                folded.push_str(line);
            }
        }
    }
    (folded, longest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_equal_lines_is_folded_and_named() {
        let output = format!(
            "listening on x\n{}bye\n",
            "received 0 bytes: \"\"\n".repeat(773)
        );
        let (folded, run) = fold(&output);
        assert_eq!(folded.lines().count(), 6, "{folded}");
        assert!(folded.contains("… 770 more times"), "{folded}");
        assert_eq!(run, Some(("received 0 bytes: \"\"".to_string(), 773)));
    }

    #[test]
    fn a_few_repeats_stay() {
        let output = "ok\nok\nok\n";
        assert_eq!(fold(output), (output.to_string(), None));
    }
}
