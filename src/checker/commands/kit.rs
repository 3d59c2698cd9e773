//! `cargo run -- kit`: for instructors, the starters, the lessons and the checks agree.

use socket_workbook::outln;
use std::process::ExitCode;

use checker::exercise::exercises;
use checker::text::exercises as say;

use crate::options::Playing;
use crate::report::run_checks;

/// `kit`: every exercise file is its starter, every lesson passes its checks, every
/// starter fails them with an account of what went wrong.
pub(crate) fn kit_command() -> ExitCode {
    let mut problems = 0;
    let all = exercises();
    for exercise in &all {
        let path = exercise.path();
        let shown = format!("examples/{}.rs", exercise.name());
        if std::fs::read_to_string(&path).ok().as_deref() != Some(exercise.starter().as_str()) {
            outln!("{}", say::kit_not_starter(&shown, exercise.key));
            problems += 1;
        }
        let lesson = run_checks(exercise, Playing::Lesson, true, true);
        if !lesson.passed() {
            outln!("{}", say::kit_lesson_fails(exercise.lesson));
            if let Some((name, failure)) = lesson.first_failure() {
                outln!("  {}\n{failure}", say::behaviour(name));
            }
            problems += 1;
        }
        let starter = run_checks(exercise, Playing::Exercise, false, true);
        let program = exercise.name();
        match (&starter.build_errors, starter.first_failure()) {
            (Some(errors), _) => {
                outln!("{}\n{errors}", say::kit_starter_does_not_compile(&program));
                problems += 1;
            }
            (None, None) => {
                outln!("{}", say::kit_starter_passes(&program));
                problems += 1;
            }
            (None, Some((_, failure)))
                if failure.expected.is_empty() || failure.found.is_empty() =>
            {
                outln!("{}", say::kit_starter_unhelpful(&program));
                problems += 1;
            }
            (None, Some((name, _))) if lesson.passed() => {
                outln!(
                    "{}",
                    say::kit_lesson_ok(
                        exercise.key,
                        exercise.lesson,
                        &program,
                        &say::behaviour(name)
                    )
                );
            }
            (None, Some(_)) => {}
        }
    }
    if problems == 0 {
        outln!("{}", say::kit_ok(all.len()));
        ExitCode::SUCCESS
    } else {
        outln!("{}", say::kit_problems(problems));
        ExitCode::FAILURE
    }
}
