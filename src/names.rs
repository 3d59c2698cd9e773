//! The names of the lessons and of their exercises, in one place: the exercise of
//! `step4_accept` is `exercise4_accept`, of `example1_server` `exercise_example1_server`,
//! of `extra_echo` `exercise_echo`.

/// The exercise that a student writes for `lesson`.
pub fn exercise_of(lesson: &str) -> String {
    if let Some(rest) = lesson.strip_prefix("step") {
        format!("exercise{rest}")
    } else if let Some(rest) = lesson.strip_prefix("extra_") {
        format!("exercise_{rest}")
    } else {
        format!("exercise_{lesson}")
    }
}

/// The lesson whose exercise is `exercise`, if it is one.
pub fn lesson_of(exercise: &str) -> Option<String> {
    let rest = exercise.strip_prefix("exercise")?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("step{rest}"));
    }
    let rest = rest.strip_prefix('_')?;
    if rest.starts_with("example") {
        Some(rest.to_string())
    } else {
        Some(format!("extra_{rest}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_both_ways() {
        for (lesson, exercise) in [
            ("step4_accept", "exercise4_accept"),
            ("example1_server", "exercise_example1_server"),
            ("extra_echo", "exercise_echo"),
            ("extra_count_bytes", "exercise_count_bytes"),
        ] {
            assert_eq!(exercise_of(lesson), exercise);
            assert_eq!(lesson_of(exercise).as_deref(), Some(lesson));
        }
        assert_eq!(lesson_of("step4_accept"), None);
    }
}
