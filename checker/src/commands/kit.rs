//! `cargo run -- kit`: for instructors, the starters, the lessons and the checks agree.

use socket_workbook::outln;
use std::process::ExitCode;

use workbook_checker::check::{Program, ResourceLimits};
use workbook_checker::exercise::{Assignment, exercises};
use workbook_checker::text::exercises as text;

use crate::compile::other_program;
use crate::options::Playing;
use crate::report::{CHECK_DEADLINE, Report, Run, hold_default_port, map_at_once, run_checks};
use crate::scratch::{Scratch, example_name};
use workbook_checker::mistakes::MISTAKES;

/// Where kit builds its mistakes: a scratch copy of its own, in the workbook's target
/// folder, kept between runs.
const KIT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/kit");

/// `kit`: every exercise file is its starter, every lesson passes its checks, every
/// starter fails them with an account of what went wrong and scores 0, and every
/// typical mistake of [`MISTAKES`] fails them too.
pub(crate) fn kit_command() -> ExitCode {
    let _held = hold_default_port();
    let mut problems = 0;
    let all = exercises();
    for exercise in &all {
        let path = exercise.path();
        let shown = format!("examples/{}.rs", exercise.name());
        if std::fs::read_to_string(&path).ok().as_deref() != Some(exercise.starter().as_str()) {
            outln!("{}", text::kit_not_starter(&shown, exercise.key));
            problems += 1;
        }
    }
    // Each lesson and its starter, several exercises at once. The starter's every
    // check runs, for its score.
    let results = map_at_once(&all, |exercise| {
        (
            run_checks(
                exercise,
                Playing::Lesson,
                Run {
                    keep_going: true,
                    quiet: true,
                },
            ),
            run_checks(
                exercise,
                Playing::Exercise,
                Run {
                    keep_going: true,
                    quiet: true,
                },
            ),
        )
    });
    for (exercise, (lesson, starter)) in all.iter().zip(&results) {
        problems += judge(exercise, lesson, starter);
    }
    problems += mistakes(&all);
    if problems == 0 {
        outln!("{}", text::kit_ok(all.len()));
        ExitCode::SUCCESS
    } else {
        outln!("{}", text::kit_problems(problems));
        ExitCode::FAILURE
    }
}

/// The problems of one exercise's lesson and starter, told.
fn judge(exercise: &Assignment, lesson: &Report, starter: &Report) -> usize {
    let mut problems = 0;
    if !lesson.passed() {
        outln!("{}", text::kit_lesson_fails(exercise.lesson));
        if let Some((name, failure)) = lesson.first_failure() {
            outln!("  {}\n{failure}", text::behaviour(name));
        }
        problems += 1;
    }
    let program = exercise.name();
    match (&starter.build_errors, starter.first_failure()) {
        (Some(errors), _) => {
            outln!("{}\n{errors}", text::kit_starter_does_not_compile(&program));
            problems += 1;
        }
        (None, None) => {
            outln!("{}", text::kit_starter_passes(&program));
            problems += 1;
        }
        (None, Some((_, failure))) if failure.expected.is_empty() || failure.found.is_empty() => {
            outln!("{}", text::kit_starter_unhelpful(&program));
            problems += 1;
        }
        (None, Some(_)) if starter.score() > 0 => {
            let scored: Vec<&str> = starter
                .verdicts
                .iter()
                .zip(exercise.checks)
                .filter(|((_, verdict), behaviour)| {
                    matches!(verdict, crate::report::Verdict::Passed) && behaviour.weight > 0
                })
                .map(|((name, _), _)| *name)
                .collect();
            outln!(
                "{}",
                text::kit_starter_scores(&program, starter.score(), &scored.join(", "))
            );
            problems += 1;
        }
        (None, Some((name, _))) if lesson.passed() => {
            outln!(
                "{}",
                text::kit_lesson_ok(
                    exercise.key,
                    exercise.lesson,
                    &program,
                    &text::behaviour(name)
                )
            );
        }
        (None, Some(_)) => {}
    }
    problems
}

/// Builds every mistake of every exercise in kit's scratch copy and checks it: each must
/// compile, and fail.
fn mistakes(all: &[Assignment]) -> usize {
    let scratch = match Scratch::new(std::path::Path::new(KIT_DIR)) {
        Ok(scratch) => scratch,
        Err(error) => {
            outln!("{}: {error}", text::grade_no_scratch(KIT_DIR));
            return 1;
        }
    };
    let mut made = Vec::new();
    for exercise in all {
        let source = exercise.source();
        for mistake in MISTAKES {
            if let Some(mistaken) = (mistake.make)(&source) {
                let name = example_name(&[exercise.key, mistake.name]);
                if scratch.add(&name, &mistaken).is_ok() {
                    made.push((*exercise, mistake.name, name));
                }
            }
        }
    }
    // Each starter with the code its TODO quotes, in the TODO's place: it must compile.
    let mut quoted = Vec::new();
    for exercise in all {
        let made = crate::todo_code::starter_with_spans(
            &exercise.starter(),
            exercise.todo.en,
            exercise.todo.zh,
        );
        let name = example_name(&[exercise.key, "todo-code"]);
        if let Some(source) = made {
            if scratch.add(&name, &source).is_ok() {
                quoted.push((*exercise, name));
            }
        }
    }
    let mut names: Vec<String> = made.iter().map(|(_, _, name)| name.clone()).collect();
    names.extend(quoted.iter().map(|(_, name)| name.clone()));
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get());
    let built = scratch.build(&names, jobs);
    let verdicts = map_at_once(&made, |(exercise, _, name)| match built.get(name) {
        Some(Ok(exe)) => {
            let program = Program::executable(exercise.lesson, exe)
                .deadline(CHECK_DEADLINE)
                .others(other_program)
                .bounded(ResourceLimits::default());
            let mut report = Report::new(exercise, name);
            report.run(&program, false);
            Ok(report.passed())
        }
        Some(Err(errors)) => Err(crate::compile::first_error(errors)),
        None => Err(String::from("not built")),
    });
    let mut problems = 0;
    for (exercise, name) in &quoted {
        if let Some(Err(errors)) = built.get(name) {
            outln!(
                "{}\n{}",
                text::kit_mistake_does_not_compile(exercise.key, "the code its TODO quotes"),
                crate::compile::first_error(errors)
            );
            problems += 1;
        }
    }
    let mut caught: Vec<(&str, Vec<&str>)> = Vec::new();
    for ((exercise, mistake, _), verdict) in made.iter().zip(verdicts) {
        match verdict {
            Ok(false) => match caught.iter_mut().find(|(key, _)| *key == exercise.key) {
                Some((_, names)) => names.push(mistake),
                None => caught.push((exercise.key, vec![mistake])),
            },
            Ok(true) => {
                outln!("{}", text::kit_mistake_passes(exercise.key, mistake));
                problems += 1;
            }
            Err(error) => {
                outln!(
                    "{}\n{error}",
                    text::kit_mistake_does_not_compile(exercise.key, mistake)
                );
                problems += 1;
            }
        }
    }
    for (key, names) in caught {
        outln!("{}", text::kit_mistakes_fail(key, &names.join(", ")));
    }
    problems
}
