//! The code a TODO quotes compiles where the TODO stands: `kit` builds every starter
//! with each `code` span of its TODO put in the TODO's place, as
//! `if false { let _ = &(SPAN); }`, so that a TODO never names an item its starter
//! does not have (`message::is_exit` where only `is_exit` is imported, E0433).
//!
//! Every span in backticks is code, an expression in the starter's scope there; the
//! only exceptions are the operator `?` alone and a macro's name (`say!`), which are no
//! expressions. Words a program must show are in quotes ("exit"), never backticks.

/// The spans in backticks of a TODO's text.
pub(crate) fn spans(todo: &str) -> Vec<String> {
    todo.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Whether a span is an expression to compile: not `?`, not a macro's name.
pub(crate) fn is_expression(span: &str) -> bool {
    span != "?" && !span.ends_with('!')
}

/// The starter with every expression of both languages of its TODO put in the TODO's
/// place, never run (`if false`).
pub(crate) fn starter_with_spans(starter: &str, todo_en: &str, todo_zh: &str) -> Option<String> {
    let mut statements = String::new();
    for span in spans(todo_en).into_iter().chain(spans(todo_zh)) {
        if is_expression(&span) {
            statements.push_str(&format!("        let _ = &({span});\n"));
        }
    }
    let at = starter.find("// TODO (exercise ")?;
    let line_start = starter[..at].rfind('\n').map_or(0, |n| n + 1);
    let mut out = String::with_capacity(starter.len() + statements.len() + 64);
    out.push_str(&starter[..line_start]);
    out.push_str("if false {\n");
    out.push_str(&statements);
    out.push_str("}\n");
    out.push_str(&starter[line_start..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_the_text_in_backticks() {
        assert_eq!(
            spans("call `a::b(1)` with `?`, then say! \"exit\" and `c`"),
            ["a::b(1)", "?", "c"]
        );
    }

    #[test]
    fn every_todo_quotes_code_only_in_backticks() {
        for exercise in workbook_checker::exercise::exercises() {
            for todo in [exercise.todo.en, exercise.todo.zh] {
                assert_eq!(todo.matches('`').count() % 2, 0, "{}: {todo}", exercise.key);
                let made = starter_with_spans(&exercise.starter(), todo, todo);
                assert!(made.is_some(), "{}", exercise.key);
            }
        }
    }

    #[test]
    fn the_spans_stand_where_the_todo_stands() {
        let starter = "fn main() {\n    let a = 1;\n    // TODO (exercise 9): write\n}\n";
        let made = starter_with_spans(starter, "use `a + 1` and `?`", "").unwrap();
        assert!(
            made.contains("    let a = 1;\nif false {\n        let _ = &(a + 1);\n}\n    // TODO"),
            "{made}"
        );
    }
}
