//! `cargo run -- watch 4`: check again each time the file is saved.

use socket_workbook::outln;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use workbook_checker::exercise::{examples_dir, exercises};
use workbook_checker::text::exercises as text;

use crate::options::{Options, example_of};
use crate::report::{Run, print_report, run_checks};

/// What a file looks like now, to notice that it was saved.
pub(crate) fn signature(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// `watch [EXERCISE]`: check, then check again each time the file is saved. Without a
/// name, the exercise file saved last.
pub(crate) fn watch_command(options: &Options) -> ExitCode {
    let playing = options.playing();
    let poll = Duration::from_millis(options.poll_ms);
    let exercise = match options.named() {
        Ok(Some(exercise)) => exercise,
        Err(message) => {
            errln!("{message}");
            return ExitCode::from(2);
        }
        Ok(None) => {
            let newest = exercises()
                .into_iter()
                .filter_map(|exercise| Some((signature(&exercise.path())?.0, exercise)))
                .max_by_key(|(modified, _)| *modified);
            match newest {
                Some((_, exercise)) => exercise,
                None => {
                    errln!("{}", text::no_exercise_touched());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let path = examples_dir().join(format!("{}.rs", example_of(&exercise, playing)));
    // Looking at the file's time and size a few times a second works everywhere,
    // including the virtual machines and WSL folders where file events do not arrive.
    // With `--features file-events`, the file system's events wake the checker at once;
    // it still looks now and then, in case an event is lost.
    let events = file_events(&path);
    loop {
        let seen = signature(&path);
        let report = run_checks(&exercise, playing, Run::default());
        print_report(&report);
        outln!();
        outln!(
            "{}",
            text::watching(&workbook_checker::exercise::shown(&path))
        );
        match &events {
            Some(_) => outln!("{}", text::watching_by_events()),
            None => outln!("{}", text::watching_by_polling(poll.as_millis() as u64)),
        }
        let _ = io::stdout().flush();
        while signature(&path) == seen {
            match &events {
                Some((_, woken)) => {
                    let _ = woken.recv_timeout(poll * 10);
                }
                None => std::thread::sleep(poll),
            }
        }
    }
}

/// The file system's events in the folder of `path`, when the `file-events` feature is
/// on and the system delivers them.
#[cfg(feature = "file-events")]
pub(crate) fn file_events(
    path: &Path,
) -> Option<(notify::RecommendedWatcher, std::sync::mpsc::Receiver<()>)> {
    use notify::Watcher;
    let (wake, woken) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok() {
            let _ = wake.send(());
        }
    })
    .ok()?;
    watcher
        .watch(path.parent()?, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some((watcher, woken))
}

/// Without the `file-events` feature, there are none: the checker polls.
#[cfg(not(feature = "file-events"))]
pub(crate) fn file_events(_path: &Path) -> Option<((), std::sync::mpsc::Receiver<()>)> {
    None
}
