//! The words of the command line itself, in both languages: the headings and notes
//! of `--help`, and every message for a bad argument (`args::render` prints them).
//! clap's own texts are English only, so the workbook writes these. The checker's
//! subcommands have words of their own, in `checker/src/text/exercises.rs`.

messages! {
    // `--help`.
    /// The heading before the usage line.
    usage_heading() => "Usage: ", "用法：";
    /// The heading of the positional arguments.
    arguments_heading() => "Arguments:", "参数：";
    /// The heading of the flags and options.
    options_heading() => "Options:", "选项：";
    /// Help for `--help` itself.
    help_help() => "print this help", "显示本帮助信息";
    /// A default value, after an argument's help (clap's `[default: …]`).
    shown_default(value: &str) => " [default: {value}]", "（默认值：{value}）";
    /// The values an argument takes, after its help.
    shown_values(values: &str) => " [possible values: {values}]", "（可选值：{values}）";
    /// Between two values in a list.
    list_separator() => ", ", "、";

    // Bad arguments: the first line after `error:`.
    /// A value that failed its check; `reason` says why.
    bad_value(arg: &str, value: &str, reason: &str) =>
        "invalid value `{value}` for `{arg}`: {reason}",
        "`{arg}` 的值 `{value}` 无效：{reason}";
    /// A value that is none of the allowed ones.
    not_one_of(arg: &str, value: &str, values: &str) =>
        "invalid value `{value}` for `{arg}`: choose one of {values}",
        "`{arg}` 的值 `{value}` 无效：只能是 {values} 之一";
    /// An option given without its value.
    needs_value(arg: &str) =>
        "`{arg}` needs a value after it",
        "`{arg}` 后面需要跟一个值";
    /// A flag or an argument that the program does not take.
    unexpected_argument(arg: &str) =>
        "unexpected argument `{arg}`",
        "无法识别的参数 `{arg}`";
    /// Arguments that must be given.
    missing_argument(args: &str) =>
        "the required argument {args} is missing",
        "缺少必需的参数 {args}";
    /// Two arguments that exclude each other.
    conflict(arg: &str, other: &str) =>
        "`{arg}` cannot be used with `{other}`",
        "`{arg}` 不能和 `{other}` 一起使用";
    /// An option given more values than it takes, or fewer.
    wrong_number_of_values(arg: &str) =>
        "`{arg}` got the wrong number of values",
        "`{arg}` 的值的个数不对";
    /// An option whose value must follow `=`.
    no_equals(arg: &str) =>
        "`{arg}` needs its value after `=`, as in `{arg}=VALUE`",
        "`{arg}` 的值要用 `=` 连在后面，例如 `{arg}=VALUE`";
    /// An argument that is not text.
    invalid_utf8() => "an argument is not valid UTF-8", "有一个参数不是有效的 UTF-8";
    /// Any other mistake on the command line.
    bad_command_line() => "the command line is not valid", "命令行参数有误";

    // Why a number is refused (clap's number parsers say it in English only).
    /// Not digits.
    not_a_whole_number(value: &str) => "`{value}` is not a whole number", "`{value}` 不是整数";
    /// Nothing where a number belongs.
    empty_number() => "the number is empty", "数字不能为空";
    /// A number outside the range an option takes.
    out_of_range(value: &str, low: &str, high: &str) =>
        "{value} is not from {low} to {high}",
        "{value} 不在 {low} 到 {high} 之间";

    // Bad arguments: the hint and the lines after it.
    /// The closest known name to a mistyped one.
    did_you_mean(name: &str) => "did you mean `{name}`?", "你是不是想输入 `{name}`？";
    /// A negative number, which clap reads as a flag.
    negative_number(value: &str) =>
        "`{value}` starts with `-`, so it was read as a flag: this value cannot be negative",
        "`{value}` 以 `-` 开头，被当成了一个选项：这里的值不能是负数";
    /// The values there are.
    the_values_are(values: &str) => "possible values: {values}", "可选值：{values}";
    /// The last line of every bad-argument message.
    more_help() =>
        "for more information, try `--help`",
        "想了解更多，请加上 `--help` 再运行一次";
}
