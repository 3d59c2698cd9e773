//! What a failure shows of a program's output: a line (or a block of two or three lines)
//! printed again and again is folded (`… 770 more times`), and such a run is a diagnosis
//! of its own (a loop that never stops: in these lessons, reads of 0 bytes after the
//! client closed).

use crate::text::check as text;

/// How many times in a row a line must come before it is folded and diagnosed.
pub const REPEATS: usize = 20;

/// `output` with each run of more than [`REPEATS`] equal lines kept three times and
/// then counted; and the longest such run, if any: (the line, how many times). A run
/// that goes on across the part of the output left out (`[… N bytes left out …]`) is
/// one run, and its count is of the lines shown.
pub fn fold(output: &str) -> (String, Option<(String, usize)>) {
    let lines: Vec<&str> = output.split_inclusive('\n').collect();
    let mut folded = String::new();
    let mut longest: Option<(String, usize)> = None;
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        let mut count = 1;
        let mut left_out: Vec<&str> = Vec::new();
        let mut next = at + 1;
        loop {
            if lines.get(next) == Some(&line) {
                count += 1;
                next += 1;
            } else if lines.get(next).is_some_and(|cut| is_left_out(cut))
                && lines
                    .get(next + 1)
                    .is_some_and(|after| same_line(after, line))
            {
                left_out.push(lines[next]);
                next += 2;
                count += 1;
            } else if lines
                .get(next)
                .is_some_and(|piece| line.starts_with(piece.trim_end_matches('\n')))
                && lines.get(next + 1).is_some_and(|cut| is_left_out(cut))
                && lines
                    .get(next + 2)
                    .is_some_and(|after| same_line(after, line))
            {
                // The part left out begins inside a line.
                left_out.push(lines[next + 1]);
                next += 3;
                count += 1;
            } else {
                break;
            }
        }
        if count > REPEATS {
            for _ in 0..3 {
                folded.push_str(line);
            }
            folded.push_str(&text::folded(count - 3));
            folded.push('\n');
            for cut in left_out {
                folded.push_str(cut);
            }
            if longest.as_ref().is_none_or(|(_, most)| count > *most) {
                longest = Some((line.trim_end().to_string(), count));
            }
        } else if let Some((period, blocks)) = repeated_block(&lines[at..]) {
            // A loop that prints two or three lines each time round.
            let block = &lines[at..at + period];
            for _ in 0..3 {
                folded.push_str(&block.concat());
            }
            folded.push_str(&text::folded(blocks - 3));
            folded.push('\n');
            if longest
                .as_ref()
                .is_none_or(|(_, most)| blocks * period > *most)
            {
                let shown: Vec<&str> = block.iter().map(|line| line.trim_end()).collect();
                longest = Some((shown.join(" ⏎ "), blocks));
            }
            next = at + period * blocks;
        } else {
            folded.push_str(&lines[at..next].concat());
        }
        at = next;
    }
    (folded, longest)
}

/// The block of two or three lines that `lines` begins with, when it comes again and
/// again, in all more than [`REPEATS`] lines: (its length, how many times in a row).
fn repeated_block(lines: &[&str]) -> Option<(usize, usize)> {
    (2..=3).find_map(|period| {
        let block = lines.get(..period)?;
        // A block of one line said again is a run of that line, not a block.
        if block.iter().all(|line| *line == block[0]) {
            return None;
        }
        let blocks = lines
            .chunks_exact(period)
            .take_while(|chunk| chunk == &block)
            .count();
        (blocks * period > REPEATS).then_some((period, blocks))
    })
}

/// The note of a part of the output left out.
fn is_left_out(line: &str) -> bool {
    let line = line.trim();
    (line.starts_with("[…") && line.ends_with("…]"))
        || (line.starts_with("[……") && line.ends_with("……]"))
}

/// Whether `piece`, the first line after a part left out, is `line` or its end (the
/// cut may fall inside a line).
fn same_line(piece: &str, line: &str) -> bool {
    piece == line || (!piece.trim().is_empty() && line.ends_with(piece))
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
    fn a_run_across_the_part_left_out_is_one() {
        let spin = "received 0 bytes: \"\"\n";
        let output = format!(
            "{}received 0 bytes: \n[… 1000 bytes left out …]\n\"\n{}",
            spin.repeat(30),
            spin.repeat(30)
        );
        let (folded, run) = fold(&output);
        assert!(folded.contains("… 58 more times"), "{folded}");
        assert!(folded.contains("bytes left out"), "{folded}");
        assert_eq!(run.map(|(_, count)| count), Some(61));
    }

    #[test]
    fn a_run_of_two_lines_is_folded_and_named() {
        let output = format!(
            "listening on x\n{}bye\n",
            "received: \"\"\nreply> \n".repeat(300)
        );
        let (folded, run) = fold(&output);
        assert_eq!(folded.lines().count(), 9, "{folded}");
        assert!(folded.contains("… 297 more times"), "{folded}");
        assert_eq!(run, Some(("received: \"\" ⏎ reply>".to_string(), 300)));
    }

    #[test]
    fn a_few_repeats_of_two_lines_stay() {
        let output = "> hi\nhi\n".repeat(5);
        assert_eq!(fold(&output), (output.clone(), None));
    }

    #[test]
    fn a_few_repeats_stay() {
        let output = "ok\nok\nok\n";
        assert_eq!(fold(output), (output.to_string(), None));
    }
}
