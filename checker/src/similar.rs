//! How alike two programs are, for a grader, measured on what each student wrote.
//!
//! The starter is about 90% of every file: compared whole, students who worked alone
//! look alike. So, as MOSS does (Schleimer, Wilkerson, Aiken, "Winnowing: local
//! algorithms for document fingerprinting", SIGMOD 2003):
//!
//! 1. the lines of the starter are taken out, and comments;
//! 2. what is left is cut into tokens, and the names the student made up (not in the
//!    lesson or its starter) become one token `V`, strings `S` and numbers `N`, so that
//!    renaming variables or rewording messages changes nothing;
//! 3. every run of [`K`] tokens is hashed, and in every window of [`W`] hashes the
//!    smallest is kept: the fingerprints;
//! 4. two submissions are as alike as the share of fingerprints they have in common
//!    (Jaccard), and the lines where the shared ones lie are the matching lines.

use std::collections::{BTreeSet, HashMap, HashSet};

/// Tokens in a run that is hashed (the noise threshold: shorter matches are ignored).
pub(crate) const K: usize = 6;
/// Hashes in a window of the winnowing (a match of `W + K - 1` tokens is always seen).
pub(crate) const W: usize = 4;
/// How alike two submissions must be to be flagged.
pub(crate) const FLAG_AT: f64 = 0.7;
/// How many fingerprints two submissions must share to be flagged: a one-line answer
/// (`total += n as u64;`) is the same in every class and proves nothing.
pub(crate) const FLAG_SHARED: usize = 8;

/// The tokens of a Rust source without its comments: words, numbers, strings and each
/// other character.
pub(crate) fn tokens(source: &str) -> Vec<String> {
    tokens_with_lines(source)
        .into_iter()
        .map(|(token, _)| token)
        .collect()
}

/// The tokens of a source, each with its line (1 for the first).
fn tokens_with_lines(source: &str) -> Vec<(String, usize)> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c == '/' && chars.peek() == Some(&'/') {
            for next in chars.by_ref() {
                if next == '\n' {
                    line += 1;
                    break;
                }
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for next in chars.by_ref() {
                if next == '\n' {
                    line += 1;
                }
                if last == '*' && next == '/' {
                    break;
                }
                last = next;
            }
        } else if c == '"' {
            let at = line;
            let mut text = String::from('"');
            let mut escaped = false;
            for next in chars.by_ref() {
                if next == '\n' {
                    line += 1;
                }
                text.push(next);
                if next == '"' && !escaped {
                    break;
                }
                escaped = next == '\\' && !escaped;
            }
            tokens.push((text, at));
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::from(c);
            while let Some(&next) = chars.peek() {
                if next.is_alphanumeric() || next == '_' {
                    word.push(next);
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push((word, line));
        } else if !c.is_whitespace() {
            tokens.push((c.to_string(), line));
        }
    }
    tokens
}

/// A submission made comparable with its lesson: its name is the lesson's, and the
/// line the starter adds is gone.
pub(crate) fn as_lesson(source: &str, exercise_file: &str, lesson: &str) -> Vec<String> {
    let source = source.replace("#![allow(unused)]", "").replace(
        &format!("(\"{exercise_file}\")"),
        &format!("(\"{lesson}\")"),
    );
    tokens(&source)
}

/// What a student wrote, fingerprinted: each fingerprint with the lines it covers.
#[derive(Debug, Default, Clone)]
pub(crate) struct Print {
    prints: HashMap<u64, BTreeSet<usize>>,
}

impl Print {
    /// How many fingerprints.
    pub(crate) fn len(&self) -> usize {
        self.prints.len()
    }
}

/// The fingerprints of what a student wrote in `source`: the lines of `starter` taken
/// out, the names not in `vocabulary` (the lesson's and the starter's words) made one.
pub(crate) fn fingerprint(source: &str, starter: &str, vocabulary: &HashSet<String>) -> Print {
    let given: HashSet<&str> = starter
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    // The student's lines, blank where the starter had the same line.
    let own: String = source
        .lines()
        .map(|line| {
            if given.contains(line.trim()) {
                ""
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let tokens: Vec<(String, usize)> = tokens_with_lines(&own)
        .into_iter()
        .map(|(token, line)| (normalized(token, vocabulary), line))
        .collect();
    let mut print = Print::default();
    if tokens.len() < K {
        return print;
    }
    let hashes: Vec<(u64, usize, usize)> = tokens
        .windows(K)
        .map(|run| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for (token, _) in run {
                for byte in token.bytes().chain([0]) {
                    hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
                }
            }
            (hash, run[0].1, run[K - 1].1)
        })
        .collect();
    // Winnowing: the smallest hash of every window (the rightmost on a tie).
    let windows = hashes.len().saturating_sub(W - 1).max(1);
    for start in 0..windows {
        let window = &hashes[start..(start + W).min(hashes.len())];
        if let Some((hash, first, last)) = window
            .iter()
            .rev()
            .min_by_key(|(hash, _, _)| *hash)
            .copied()
        {
            print.prints.entry(hash).or_default().extend(first..=last);
        }
    }
    print
}

/// A token as the comparison sees it: a string is `S`, a number `N`, a name of the
/// student's own `V`; keywords, punctuation and the lesson's names stay.
fn normalized(token: String, vocabulary: &HashSet<String>) -> String {
    let first = token.chars().next().unwrap_or(' ');
    if first == '"' {
        "S".to_string()
    } else if first.is_ascii_digit() {
        "N".to_string()
    } else if (first.is_alphanumeric() || first == '_') && !vocabulary.contains(&token) {
        "V".to_string()
    } else {
        token
    }
}

/// The words of the lesson and its starter: names a student did not make up.
pub(crate) fn vocabulary(sources: &[&str]) -> HashSet<String> {
    sources
        .iter()
        .flat_map(|source| tokens(source))
        .filter(|token| {
            token
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
        })
        .collect()
}

/// How two submissions compare: how alike (0 to 1), how many fingerprints they share,
/// and the lines of each where the shared ones lie.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compared {
    pub(crate) similarity: f64,
    pub(crate) shared: usize,
    pub(crate) lines_a: Vec<usize>,
    pub(crate) lines_b: Vec<usize>,
}

impl Compared {
    /// Whether the pair is flagged: alike, on enough of what they wrote.
    pub(crate) fn flagged(&self) -> bool {
        self.similarity >= FLAG_AT && self.shared >= FLAG_SHARED
    }
}

/// Compares two fingerprinted submissions.
pub(crate) fn compare(a: &Print, b: &Print) -> Compared {
    let mut lines_a = BTreeSet::new();
    let mut lines_b = BTreeSet::new();
    let mut shared = 0;
    for (hash, lines) in &a.prints {
        if let Some(other) = b.prints.get(hash) {
            shared += 1;
            lines_a.extend(lines);
            lines_b.extend(other);
        }
    }
    let all = a.len() + b.len() - shared;
    let similarity = if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    };
    Compared {
        similarity,
        shared,
        lines_a: lines_a.into_iter().collect(),
        lines_b: lines_b.into_iter().collect(),
    }
}

/// Lines as ranges: `12-20 31`.
pub(crate) fn ranges(lines: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let start = lines[at];
        let mut end = start;
        while at + 1 < lines.len() && lines[at + 1] == end + 1 {
            at += 1;
            end = lines[at];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        at += 1;
    }
    out.join(" ")
}

/// The share of runs of three tokens that two programs have in common (Jaccard), from
/// 0 (nothing) to 1 (the same): a whole-file comparison, for tests.
#[cfg(test)]
pub(crate) fn similarity(a: &[String], b: &[String]) -> f64 {
    let shingles = |tokens: &[String]| -> HashSet<String> {
        tokens.windows(3).map(|run| run.join(" ")).collect()
    };
    let (a, b) = (shingles(a), shingles(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = a.intersection(&b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_spaces_do_not_count() {
        let a = tokens("fn main() { // hello\n    let x = 1; /* two */ }");
        let b = tokens("fn main(){let x=1;}");
        assert_eq!(a, b);
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn strings_count_whole() {
        assert_eq!(
            tokens(r#"say!("a // b")"#),
            ["say", "!", "(", "\"a // b\"", ")"]
        );
    }

    const STARTER: &str = "fn serve(conn: &mut TcpStream) -> Result<()> {\n    let mut buffer = [0u8; 1024];\n    // TODO\n    Ok(())\n}\n";

    fn print(own: &str) -> Print {
        let source = STARTER.replace("    // TODO\n", own);
        let vocabulary = vocabulary(&[
            STARTER,
            "conn read write_all shutdown Shutdown Write Instant LINGER set_read_timeout Ok Err Some break loop match if let mut",
        ]);
        fingerprint(&source, STARTER, &vocabulary)
    }

    const ALICE: &str = "    conn.shutdown(Shutdown::Write)?;\n    let deadline = Instant::now() + LINGER;\n    loop {\n        let left = deadline.saturating_duration_since(Instant::now());\n        conn.set_read_timeout(Some(left))?;\n        match conn.read(&mut buffer) {\n            Ok(0) => break,\n            Ok(_) => continue,\n            Err(_) => break,\n        }\n    }\n    println!(\"closed\");\n";

    #[test]
    fn a_renamed_copy_is_alike_and_flagged_with_its_lines() {
        let copy = ALICE
            .replace("deadline", "until")
            .replace("left", "remaining")
            .replace("\"closed\"", "\"bye now\"");
        let compared = compare(&print(ALICE), &print(&copy));
        assert!(compared.similarity > 0.9, "{compared:?}");
        assert!(compared.flagged(), "{compared:?}");
        assert!(compared.lines_a.contains(&6), "{compared:?}");
        assert_eq!(ranges(&[3, 4, 5, 9, 11, 12]), "3-5 9 11-12");
    }

    #[test]
    fn independent_work_is_not_alike_and_the_starter_does_not_count() {
        let bob = "    conn.shutdown(Shutdown::Write)?;\n    let start = Instant::now();\n    while start.elapsed() < LINGER {\n        conn.set_read_timeout(Some(LINGER - start.elapsed()))?;\n        let got = conn.read(&mut buffer).unwrap_or(0);\n        if got == 0 { break; }\n    }\n";
        let compared = compare(&print(ALICE), &print(bob));
        assert!(compared.similarity < 0.3, "{compared:?}");
        assert!(!compared.flagged(), "{compared:?}");
        // Two untouched starters share nothing of their own.
        let empty = compare(&print(""), &print(""));
        assert_eq!(empty.shared, 0);
        assert!(!empty.flagged());
    }
}
