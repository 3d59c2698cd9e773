//! The words of the checker (`cargo run -- check`, `list`, `hint`, `watch`, `reset`,
//! `kit`) and of what each behaviour promises.

use socket_workbook::messages;

messages! {
    // The command line's subcommands: their heading in `--help`, clap's `help`
    // command, and their mistakes (`checker/src/cli.rs`).
    /// The heading of the subcommands (the checker's).
    commands_heading() => "Commands:", "命令：";
    /// The checker's `help` command.
    help_command() =>
        "print this help, or the help of the given command",
        "显示本帮助信息，或者指定命令的帮助";
    /// The argument of the checker's `help` command.
    help_command_arg() => "the command to explain", "要查看帮助的命令";
    /// A word that is none of the commands.
    unknown_command(name: &str) =>
        "`{name}` is not a command",
        "`{name}` 不是可用的命令";
    /// A subcommand is needed and none was given.
    missing_command() => "a command is needed", "需要指定一个命令";
    /// The commands there are.
    the_commands_are(names: &str) => "the commands are {names}", "可用的命令有：{names}";

    // Where to begin.
    /// `cargo run` with no arguments.
    where_to_begin() =>
        "socket-workbook: TCP server sockets, one call at a time. Begin with step 1, then go on in order (the lesson book, docs/README.md, explains each step):",
        "socket-workbook：TCP 服务端 socket 入门，每次只学一个调用。请从第 1 步开始，按顺序往下学（每一步的讲解见课程讲义 docs/README.md）：";
    /// `cargo run` with no arguments, after the list of lessons.
    begin_exercises() =>
        "Then the exercises: each lesson with its new part taken out, for you to write.\n  cargo run -- list          every exercise, and whether it passes\n  cargo run -- check 4       check exercise 4 (examples/exercise4_accept.rs)\n  cargo run -- hint 4        what to write\n  cargo run -- watch 4       check again each time you save the file\n  cargo run -- reset 4       start exercise 4 again",
        "接下来做练习：每个练习都是把一课中新增的部分去掉，由你来补写。\n  cargo run -- list          列出所有练习，以及是否已通过\n  cargo run -- check 4       检查练习 4（examples/exercise4_accept.rs）\n  cargo run -- hint 4        查看要写什么\n  cargo run -- watch 4       每次保存文件时重新检查\n  cargo run -- reset 4       重新开始练习 4";
    /// Help of the subcommands.
    help_check() => "check an exercise (or, with --reference, its lesson)", "检查一个练习（加上 --reference 则检查对应的完整课程代码）";
    /// Help.
    help_list() => "list every exercise and whether it passes", "列出所有练习，以及是否已通过";
    /// Help.
    help_hint() => "say what to write in an exercise", "说明练习中要写什么";
    /// Help.
    help_watch() => "check an exercise again each time its file is saved", "每次保存练习文件时重新检查";
    /// Help.
    help_reset() => "restore an exercise to its starter", "把练习恢复成初始版本";
    /// Help.
    help_kit() =>
        "for instructors: the exercises are their starters, every lesson passes its checks, every starter fails them helpfully",
        "供教师使用：确认练习文件都是初始版本、每一课都能通过检查、每个初始版本都未通过检查并给出有用的说明";
    /// Help.
    help_grade() =>
        "for instructors: grade a class, one folder per student; writes reports, Gradescope results.json, junit.xml and summary.csv",
        "供教师使用：批改全班作业（每个学生一个文件夹）；生成报告、Gradescope 的 results.json、junit.xml 和 summary.csv";
    /// Help.
    help_grade_dir() =>
        "the folder of submissions: one folder per student, with files named as in examples/",
        "作业所在的文件夹：每个学生一个文件夹，文件名与 examples/ 中的相同";
    /// Help.
    help_grade_exercise() =>
        "grade this exercise (any number of times); without it, every exercise someone handed in",
        "批改这个练习（可以写多次）；不写则批改有人提交过的所有练习";
    /// Help.
    help_grade_out() => "where the results go", "结果写到哪里";
    /// Help.
    help_no_sandbox() =>
        "DANGEROUS: build and run the students' code as yourself, without a sandbox (where bubblewrap is missing: macOS, Windows); a student's code could then read your files, change the grades and outlive the grading",
        "危险：不用沙箱，以你自己的身份编译并运行学生的代码（用于没有 bubblewrap 的机器：macOS、Windows）；学生的代码因此可以读取你的文件、篡改成绩，并在批改结束后继续运行";
    /// `grade` where no sandbox can be made, without `--no-sandbox`.
    grade_sandbox_missing(why: &str) =>
        "error: no sandbox for the students' code here: {why}\nhint: grade on Linux with bubblewrap (`sudo apt-get install bubblewrap`), or in the container of docs/en/instructors.md (`container/Containerfile`); `--no-sandbox` runs the students' code as yourself, at your own risk",
        "错误：这里无法为学生的代码建立沙箱：{why}\n提示：请在装有 bubblewrap 的 Linux 上批改（`sudo apt-get install bubblewrap`），或使用 docs/zh/instructors.md 中的容器（`container/Containerfile`）；`--no-sandbox` 会以你自己的身份运行学生的代码，风险自负";
    /// `grade --no-sandbox`.
    grade_sandbox_off() =>
        "warning: --no-sandbox: the students' code runs as yourself, with your files, your environment and your processes in reach",
        "警告：--no-sandbox：学生的代码以你的身份运行，你的文件、环境变量和进程都在它能触及的范围内";
    /// The shared build of a sandboxed grading failed.
    grade_sandbox_failed() =>
        "error: could not build the lessons' library for the sandboxes",
        "错误：无法为沙箱编译课程的库";
    /// Help.
    help_jobs() =>
        "how many submissions are checked at once (default: twice the number of cores, at least 4); Cargo builds with as many jobs",
        "同时检查多少份作业（默认：CPU 核数的两倍，至少 4）；Cargo 编译时也使用这么多个任务";
    /// Help.
    help_exercise(keys: &str) =>
        "the exercise: {keys} (or its file name)",
        "练习：{keys}（或者它的文件名）";
    /// Help.
    help_all() => "every exercise", "所有练习";
    /// Help.
    help_format() => "text for people, json for grading scripts", "text 供人阅读，json 供评分脚本使用";
    /// Help.
    help_reference() =>
        "check the finished lesson instead of the exercise",
        "检查完整的课程代码，而不是练习";
    /// Help.
    help_program() =>
        "check this example instead, such as a submission saved as examples/alice_step4.rs",
        "改为检查这个示例程序，例如保存为 examples/alice_step4.rs 的学生作业";
    /// Help.
    help_keep_going() =>
        "check every behaviour, also after one fails",
        "即使某一项未通过，也继续检查其余各项";
    /// Help.
    help_yes() => "do not ask first", "不经确认，直接执行";
    /// Help.
    help_poll() =>
        "how often to look at the file, in milliseconds",
        "每隔多少毫秒查看一次文件";

    // Checking.
    /// A name the checker does not know.
    unknown_exercise(query: &str) =>
        "no exercise `{query}`: `cargo run -- list` shows them all",
        "没有叫 `{query}` 的练习：`cargo run -- list` 会列出所有练习";
    /// Nothing asked.
    which_exercise() =>
        "which exercise? for example `cargo run -- check 4`, or `--all`",
        "检查哪个练习？例如 `cargo run -- check 4`，或者 `--all`";
    /// Building.
    building(program: &str) => "building {program} …", "正在编译 {program} …";
    /// The build failed.
    does_not_compile(program: &str) =>
        "{program} does not compile: its first error is below, in full; fix it, then check again",
        "{program} 编译失败：下面是完整的第一个错误；改正后再检查一次";
    /// The heading of a check.
    checking(program: &str, lesson: &str) =>
        "checking {program} ({lesson})",
        "正在检查 {program}（{lesson}）";
    /// A behaviour that held.
    passed() => "ok     ", "通过   ";
    /// A behaviour that did not.
    failed() => "FAILED ", "未通过 ";
    /// A behaviour not checked.
    skipped() => "-      ", "-      ";
    /// After the first failure.
    first_failure(behaviour: &str) =>
        "what went wrong in: {behaviour}",
        "未通过的一项：{behaviour}";
    /// What to write.
    what_to_write(todo: &str) => "what to write: {todo}", "要写什么：{todo}";
    /// More help.
    more_help(key: &str, lesson: &str) =>
        "more help: `cargo run -- hint {key}`; the finished lesson: examples/{lesson}.rs",
        "更多帮助：`cargo run -- hint {key}`；完整的课程代码：examples/{lesson}.rs";
    /// Everything held.
    all_passed(program: &str, count: usize) =>
        "{program} passes all {count} checks",
        "{program} 通过了全部 {count} 项检查";
    /// The next exercise.
    next_exercise(key: &str) =>
        "next: `cargo run -- check {key}`",
        "下一个练习：`cargo run -- check {key}`";
    /// Some did not hold.
    some_failed(program: &str, failed: usize, count: usize) =>
        "{program}: {failed} of {count} checks did not pass",
        "{program}：{count} 项检查中有 {failed} 项未通过";
    /// Not checked after a failure.
    not_checked(count: usize) =>
        "{count} more not checked: they run once this one passes (or with --keep-going)",
        "还有 {count} 项没有检查：这一项通过后（或者加 --keep-going）才会检查";

    // Listing.
    /// One exercise in the list: it passes.
    list_passes(key: &str, program: &str) => "  ok      {key:<12} {program}", "  通过    {key:<12} {program}";
    /// It fails.
    list_fails(key: &str, program: &str, behaviour: &str) =>
        "  to do   {key:<12} {program}: {behaviour}",
        "  待完成  {key:<12} {program}：{behaviour}";
    /// It does not compile.
    list_missing(key: &str, program: &str) =>
        "  to do   {key:<12} {program}: missing (`cargo run -- reset {key}` writes its starter)",
        "  待完成  {key:<12} {program}：文件缺失（`cargo run -- reset {key}` 会重新生成初始版本）";
    /// A file that does not compile.
    list_does_not_compile(key: &str, program: &str) =>
        "  to do   {key:<12} {program}: does not compile",
        "  待完成  {key:<12} {program}：编译失败";
    /// Progress.
    progress(passed: usize, total: usize) =>
        "{passed} of {total} exercises pass",
        "{total} 个练习中已通过 {passed} 个";

    // Hints.
    /// The heading of a hint.
    hint_heading(key: &str, program: &str, lesson: &str) =>
        "exercise {key}: {program}, the exercise of {lesson}",
        "练习 {key}：{program}，对应课程 {lesson}";
    /// Before the behaviours.
    hint_checks() => "what the checks expect:", "检查会确认以下几点：";
    /// Where to look.
    hint_look(page: &str, lesson: &str) =>
        "the lesson explains each call: {page}; the finished lesson, once you have tried: examples/{lesson}.rs",
        "每个调用的讲解见 {page}；自己动手试过之后，可以对照完整的课程代码：examples/{lesson}.rs";

    // Watching.
    /// Watching a file.
    watching(file: &str) =>
        "watching {file}: save it to check again (Ctrl+C stops)",
        "正在监视 {file}：保存文件即可重新检查（Ctrl+C 停止）";
    /// Watching by polling.
    watching_by_polling(milliseconds: u64) =>
        "(looking at the file every {milliseconds} ms)",
        "（每 {milliseconds} 毫秒查看一次文件）";
    /// No exercise file has been touched yet.
    no_exercise_touched() =>
        "no exercise file is there yet: name one, for example `cargo run -- watch 4`",
        "还没有任何练习文件：请指定一个练习，例如 `cargo run -- watch 4`";

    // Resetting.
    /// The question.
    reset_confirm(file: &str) =>
        "restore {file} to its starter? what you wrote in it will be lost [y/N] ",
        "把 {file} 恢复成初始版本？你在里面写的内容会丢失 [y/N] ";
    /// Done.
    reset_done(file: &str) => "restored {file} to its starter", "已把 {file} 恢复成初始版本";
    /// Not done.
    reset_kept(file: &str) => "kept {file} as it is", "{file} 保持不变";
    /// Writing failed.
    reset_failed(file: &str) => "could not write {file}", "无法写入 {file}";

    // The instructors' kit.
    /// A file that is not its starter.
    kit_not_starter(file: &str, key: &str) =>
        "{file} is not its starter: edit the lesson instead, then `cargo run -- reset {key} --yes` writes it again",
        "{file} 不是初始版本：请改为修改对应的课程代码，然后用 `cargo run -- reset {key} --yes` 重新生成它";
    /// A lesson that fails its own checks.
    kit_lesson_fails(lesson: &str) =>
        "the lesson {lesson} does not pass its own checks",
        "课程代码 {lesson} 没有通过它自己的检查";
    /// A starter that passes.
    kit_starter_passes(program: &str) =>
        "the starter {program} passes its checks: its new part is not really taken out",
        "初始版本的 {program} 通过了检查：新增的部分并没有真正去掉";
    /// A starter that fails without a helpful account.
    kit_starter_unhelpful(program: &str) =>
        "the starter {program} fails without saying what was expected and what happened",
        "初始版本的 {program} 未通过检查，但没有说明预期是什么、实际发生了什么";
    /// A starter that does not build.
    kit_starter_does_not_compile(program: &str) =>
        "the starter {program} does not compile: a starter must",
        "初始版本的 {program} 无法编译：初始版本必须能够编译";
    /// A starter that scores.
    kit_starter_scores(program: &str, score: u32, checks: &str) =>
        "the starter {program} scores {score}: these checks pass without the new part, so they should weigh 0 in src/lessons/table.rs: {checks}",
        "初始版本的 {program} 得了 {score} 分：下面这些检查不写新增部分也能通过，在 src/lessons/table.rs 中它们的权重应为 0：{checks}";
    /// A mistake that passes.
    kit_mistake_passes(key: &str, mistake: &str) =>
        "exercise {key} with the mistake `{mistake}` passes its checks: the checks miss it",
        "带有错误 `{mistake}` 的练习 {key} 通过了检查：检查没有发现这个错误";
    /// A mistake that does not compile.
    kit_mistake_does_not_compile(key: &str, mistake: &str) =>
        "exercise {key} with the mistake `{mistake}` does not compile: fix the mistake's edit in checker/src/mistakes.rs",
        "带有错误 `{mistake}` 的练习 {key} 无法编译：请修改 checker/src/mistakes.rs 中对应的改动";
    /// The mistakes caught.
    kit_mistakes_fail(key: &str, mistakes: &str) =>
        "  ok  {key:<12} these mistakes fail its checks: {mistakes}",
        "  通过 {key:<12} 这些错误都未通过检查：{mistakes}";
    /// One lesson's kit result.
    kit_lesson_ok(key: &str, lesson: &str, program: &str, behaviour: &str) =>
        "  ok  {key:<12} {lesson} passes; {program} fails first at: {behaviour}",
        "  通过 {key:<12} {lesson} 通过检查；{program} 最先未通过的一项：{behaviour}";
    /// The whole kit.
    kit_ok(count: usize) =>
        "the kit holds: {count} exercises are their starters, their lessons pass, their starters fail with an account and score 0, and every typical mistake fails",
        "教学套件完好：{count} 个练习都是初始版本，对应的课程代码都通过检查，初始版本未通过检查时都给出了说明并得 0 分，每个典型错误都未通过检查";
    /// Problems.
    kit_problems(count: usize) =>
        "the kit has {count} problem(s), listed above",
        "教学套件有 {count} 个问题，详见上文";
    // Grading a class.
    /// No DIR.
    grade_which_dir() =>
        "which folder? for example `cargo run -- grade submissions/`: one folder per student, each with files named as in examples/",
        "要批改哪个文件夹？例如 `cargo run -- grade submissions/`：每个学生一个文件夹，里面的文件名与 examples/ 中的相同";
    /// DIR has no student folders.
    grade_no_students(dir: &str) =>
        "`{dir}` holds no student folders: put each student's files in a folder of their own, such as `{dir}/alice/exercise4_accept.rs`",
        "`{dir}` 中没有学生文件夹：请把每个学生的文件放进各自的文件夹，例如 `{dir}/alice/exercise4_accept.rs`";
    /// DIR unreadable.
    grade_unreadable(dir: &str) => "could not read `{dir}`", "无法读取 `{dir}`";
    /// No exercise file anywhere.
    grade_no_exercise(dir: &str) =>
        "no student folder in `{dir}` holds an exercise file (such as `exercise4_accept.rs`); name the exercises with --exercise",
        "`{dir}` 的学生文件夹里没有任何练习文件（例如 `exercise4_accept.rs`）；可以用 --exercise 指定练习";
    /// The scratch copy could not be made.
    grade_no_scratch(dir: &str) =>
        "could not make the scratch copy of the workbook in `{dir}`",
        "无法在 `{dir}` 中创建工作手册的临时副本";
    /// The outputs could not be written.
    grade_unwritable(dir: &str) => "could not write the results into `{dir}`", "无法把结果写入 `{dir}`";
    /// Building.
    grade_building(count: usize, jobs: usize) =>
        "building {count} submission(s) in a scratch copy of the workbook, {jobs} jobs …",
        "正在工作手册的临时副本中编译 {count} 份作业，并行 {jobs} 个任务……";
    /// The table's first column.
    grade_student_column() => "student", "学生";
    /// The similar pairs.
    grade_similar_heading() =>
        "the most alike pairs of submissions (all in similar.csv):",
        "最相似的几对作业（完整列表见 similar.csv）：";
    /// One pair of the most alike: how alike, how much of their own code is shared, and where.
    grade_similar_pair(percent: f64, key: &str, a: &str, b: &str, shared: usize, lines_a: &str, lines_b: &str) =>
        "{percent:>5.1}%  {key:<12} {a} / {b}: {shared} fingerprints shared, lines {lines_a} / {lines_b}",
        "{percent:>5.1}%  {key:<12} {a} / {b}：共有 {shared} 个指纹，行 {lines_a} / {lines_b}";
    /// A flagged pair.
    grade_similar_flagged() => "flagged: read the two side by side", "已标记：请把两份作业对照着读一读";
    /// Alike, but on too little of their own code to say anything.
    grade_similar_too_little(least: usize) =>
        "not flagged: fewer than {least} fingerprints of their own code, too little to tell",
        "未标记：各自写的代码共有的指纹不到 {least} 个，太少，说明不了什么";
    /// No isolation.
    grade_not_isolated() =>
        "note: no network namespace was available here (unshare -rn): the submissions ran on the machine's own loopback, one port each",
        "注意：这台机器上无法使用网络命名空间（unshare -rn）：各份作业在本机的回环地址上运行，各用各的端口";
    /// The figures.
    grade_done(count: usize, students: usize, exercises: usize, seconds: f64, build: f64, checks: f64, jobs: usize) =>
        "graded {count} submissions ({students} students, {exercises} exercises) in {seconds:.1} s: build {build:.1} s, checks {checks:.1} s, {jobs} at once",
        "已批改 {count} 份作业（{students} 名学生，{exercises} 个练习），用时 {seconds:.1} 秒：编译 {build:.1} 秒，检查 {checks:.1} 秒，并行 {jobs} 个";
    /// Where.
    grade_written(out: &str) =>
        "written to {out}/: summary.csv, junit.xml, similar.csv, and per student results.json (Gradescope) and one report per exercise",
        "结果已写入 {out}/：summary.csv、junit.xml、similar.csv，以及每个学生的 results.json（Gradescope）和每个练习的报告";
    /// A missing file.
    grade_missing(file: &str) =>
        "missing: no file `{file}` was handed in",
        "缺失：没有提交文件 `{file}`";
    /// A build that failed.
    grade_does_not_compile(first: &str) =>
        "does not compile, so it scores 0; the first error:\n{first}",
        "无法编译，因此得 0 分；第一个错误：\n{first}";
    /// A skipped behaviour.
    grade_skipped() =>
        "not checked: the program never became ready (no line `listening on <ip:port>`)",
        "未检查：程序一直没有就绪（没有输出 `listening on <ip:port>` 这一行）";
    /// The score.
    score(score: u32, max: u32) => "score: {score} of {max}", "得分：{score} / {max}";
    /// The first compiler error.
    first_compiler_error() => "the first error, fix it first:", "第一个错误，请先改正它：";
    /// A hint for E0308 with an Option.
    hint_e0308_option() =>
        "hint (E0308): this value is an `Option`, not the value inside it: `.as_socket()` gives an `Option<SocketAddr>`; write `.as_socket().context(Failed::Query)?` to get the `SocketAddr`",
        "提示（E0308）：这个值是 `Option`，而不是其中的值：`.as_socket()` 返回的是 `Option<SocketAddr>`；写成 `.as_socket().context(Failed::Query)?` 才能得到 `SocketAddr`";
    /// A hint for E0308 with a Result.
    hint_e0308_result() =>
        "hint (E0308): this value is a `Result` (the call may fail), not the value inside it: add `?` with a context, for example `server.accept().with_context(|| Failed::Accept(local))?`",
        "提示（E0308）：这个值是 `Result`（调用可能失败），而不是其中的值：加上 `?` 和上下文，例如 `server.accept().with_context(|| Failed::Accept(local))?`";
    /// A hint for E0277 on `?`.
    hint_e0277_question() =>
        "hint (E0277): `?` here is used on a value it cannot pass on: in `run`, which returns `anyhow::Result<()>`, `?` takes a `Result`; an `Option` needs `.context(…)` first (`.as_socket().context(Failed::Query)?`), and `main` returns `ExitCode`, so put the code in `run`",
        "提示（E0277）：这里的 `?` 用在了它无法传递的值上：在返回 `anyhow::Result<()>` 的 `run` 中，`?` 作用于 `Result`；`Option` 要先加 `.context(…)`（例如 `.as_socket().context(Failed::Query)?`）；`main` 返回的是 `ExitCode`，所以请把代码写在 `run` 中";
    /// A hint for E0425.
    hint_e0425() =>
        "hint (E0425): a name that is not defined here: check its spelling, and that a `let` before this line defines it (the starter has `server`, `local`, `addr` and `args`)",
        "提示（E0425）：这个名字在这里没有定义：检查拼写，以及在这一行之前是否用 `let` 定义了它（初始代码中已有 `server`、`local`、`addr` 和 `args`）";
    /// A hint for E0599.
    hint_e0599() =>
        "hint (E0599): this type has no such method: check the name, and the type: a socket2 `Socket` has `accept()`, `local_addr()` (a `SockAddr`), and a `SockAddr` has `.as_socket()`; `read` and `write_all` need `use std::io::{{Read, Write}};`",
        "提示（E0599）：这个类型没有这样的方法：检查方法名和类型：socket2 的 `Socket` 有 `accept()`、`local_addr()`（返回 `SockAddr`），`SockAddr` 有 `.as_socket()`；`read` 和 `write_all` 需要 `use std::io::{{Read, Write}};`";
    /// Watching by the file system's events.
    watching_by_events() =>
        "(woken by the file system's events)",
        "（由文件系统事件触发）";
}

/// What a behaviour promises, in a few plain words: its words in the table of lessons.
pub fn behaviour(name: &str) -> String {
    crate::lessons::proves(name)
}
