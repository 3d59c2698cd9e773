//! How alike two programs are, for a grader: the same after comments and spaces are
//! taken out, or how many of their runs of three tokens they share.

use std::collections::HashSet;

/// The tokens of a Rust source without its comments: words, numbers, strings and each
/// other character.
pub(crate) fn tokens(source: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            for next in chars.by_ref() {
                if next == '\n' {
                    break;
                }
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for next in chars.by_ref() {
                if last == '*' && next == '/' {
                    break;
                }
                last = next;
            }
        } else if c == '"' {
            let mut text = String::from('"');
            let mut escaped = false;
            for next in chars.by_ref() {
                text.push(next);
                if next == '"' && !escaped {
                    break;
                }
                escaped = next == '\\' && !escaped;
            }
            tokens.push(text);
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
            tokens.push(word);
        } else if !c.is_whitespace() {
            tokens.push(c.to_string());
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

/// The share of runs of three tokens that two programs have in common (Jaccard), from
/// 0 (nothing) to 1 (the same).
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

    #[test]
    fn different_programs_are_less_alike() {
        let a = tokens("fn main() { let x = 1; let y = 2; println!(x, y); }");
        let b = tokens("fn main() { let z = 3; loop { break; } }");
        let alike = similarity(&a, &b);
        assert!(alike < 0.5, "{alike}");
        assert!(alike > 0.0, "{alike}");
    }
}
