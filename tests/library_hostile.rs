//! Hostile folders for the library: 100,000 empty files, a 1 GB file
//! (sparse), a FIFO named like a briefing, a symbolic link looping back to
//! its folder, a dangling link, and briefings rewritten, cut short and
//! deleted while they are indexed. None may hang the walk or the indexing,
//! none may panic, and each is reported: in what the walk skipped or as a
//! briefing with problems. A generous deadline stands guard against a hang
//! (it is not a measurement: the indexing is expected to take a small
//! fraction of it).

#![cfg(unix)]

#[path = "../benches/support/library.rs"]
mod library_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use brief::controller::{Keymap, Overlay, Setup, library_state};
use brief::library::worker::{Worker, plain_summarise};
use brief::library::{Library, Overrides};

/// Past this, the walk or the indexing is taken to hang.
const HANG: Duration = Duration::from_secs(300);

fn folder(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/library-hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).expect("make the folder");
    path
}

/// Walks and indexes `root` with the reader's workers, as `brief DIR`
/// does, until every briefing found is indexed.
fn index(root: &Path) -> Library {
    let mut library = Library::new(root, Overrides::default());
    let worker = Worker::start(root, 2, plain_summarise());
    let started = Instant::now();
    while !library.complete() {
        assert!(
            started.elapsed() < HANG,
            "the library did not finish: a hang ({} of {} indexed, walked: {})",
            library.indexed,
            library.entries.len(),
            library.walked
        );
        if let Ok(report) = worker.reports.recv_timeout(Duration::from_millis(100)) {
            library.absorb(report);
        }
    }
    library
}

fn skipped_reason(library: &Library, name: &str) -> String {
    library
        .skipped
        .iter()
        .find(|s| s.path.file_name().is_some_and(|n| n == name))
        .map(|s| s.reason.clone())
        .unwrap_or_else(|| panic!("{name} not reported: {:#?}", library.skipped))
}

#[test]
fn a_hundred_thousand_empty_files() {
    let root = folder("empty");
    for i in 0..100_000 {
        // Every other one named like an annotation file: those are
        // candidates and must each come back with a problem; the rest are
        // passed over.
        let name = if i % 2 == 0 {
            format!("e{i:06}.toml")
        } else {
            format!("e{i:06}.txt")
        };
        std::fs::write(root.join(name), "").expect("write an empty file");
    }
    let library = index(&root);
    assert_eq!(library.entries.len(), 50_000);
    assert_eq!(library.indexed, 50_000);
    for entry in &library.entries {
        let summary = entry.summary.as_ref().expect("indexed");
        assert!(
            summary.errors > 0,
            "{}: no problem reported",
            entry.relative
        );
        assert!(summary.first_problem.is_some());
    }
    assert_eq!(library.problem_count(), 50_000);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_fifo_a_link_loop_a_dangling_link_and_a_gigabyte() {
    let root = folder("odd");
    library_support::write_three(&root).expect("write the three briefings");
    let fifo = root.join("pipe.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink(&root, root.join("east").join("loop")).expect("a link loop");
    std::os::unix::fs::symlink(root.join("nowhere.toml"), root.join("dangling.toml"))
        .expect("a dangling link");
    // A gigabyte without writing one: a sparse file.
    let huge = std::fs::File::create(root.join("huge.toml")).expect("create");
    huge.set_len(1 << 30).expect("a sparse gigabyte");
    drop(huge);
    // And a briefing whose text is a sparse gigabyte.
    std::fs::write(
        root.join("bigtext.toml"),
        "format = 1\n\n[briefing]\ntext = \"bigtext.md\"\ntitle = \"Big\"\n",
    )
    .expect("write");
    let text = std::fs::File::create(root.join("bigtext.md")).expect("create");
    text.set_len(1 << 30).expect("a sparse gigabyte");
    drop(text);

    let library = index(&root);
    assert!(skipped_reason(&library, "pipe.toml").contains("not a regular file"));
    assert!(skipped_reason(&library, "loop").contains("loop"));
    assert!(skipped_reason(&library, "dangling.toml").contains("leads nowhere"));
    let problem_of = |name: &str| {
        let entry = library
            .entries
            .iter()
            .find(|e| e.candidate.path.file_name().is_some_and(|n| n == name))
            .unwrap_or_else(|| panic!("{name} not listed"));
        entry
            .summary
            .as_ref()
            .and_then(|s| s.first_problem.clone())
            .unwrap_or_else(|| panic!("{name}: no problem reported"))
    };
    assert!(
        problem_of("huge.toml").contains("larger than"),
        "{}",
        problem_of("huge.toml")
    );
    assert!(!problem_of("bigtext.toml").is_empty());
    // The three good briefings are there, once each (the loop did not list
    // them twice).
    let good = library
        .entries
        .iter()
        .filter(|e| e.summary.as_ref().is_some_and(|s| s.problems() == 0))
        .count();
    assert_eq!(good, 3);
    assert_eq!(library.entries.len(), 5);

    // The reader's `!` lists every one of them.
    let mut state = library_state(library, Keymap::default_keymap(), 120, 40, Setup::default());
    brief::terminal::library::press_now(&mut state, "!").expect("keys");
    let Some(Overlay::Diagnostics { lines, .. }) = state.overlay() else {
        panic!("no problems overlay: {:?}", state.overlay());
    };
    for name in [
        "pipe.toml",
        "loop",
        "dangling.toml",
        "huge.toml",
        "bigtext.toml",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(name)),
            "{name} not in {lines:#?}"
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn briefings_that_change_while_they_are_indexed() {
    let root = folder("changing");
    let good = "format = 1\n\n[briefing]\ntext = \"b.md\"\ntitle = \"Steady\"\n\n[[entity]]\nid = \"ivan\"\nname = \"Ivan Petrov\"\nkind = \"person\"\n";
    for i in 0..300 {
        let dir = root.join(format!("d{i:03}"));
        std::fs::create_dir_all(&dir).expect("folder");
        std::fs::write(dir.join("b.md"), "# B\n\nIvan Petrov was here.\n").expect("text");
        std::fs::write(dir.join("b.toml"), good).expect("annotations");
    }
    let stop = Arc::new(AtomicBool::new(false));
    let churn = {
        let stop = Arc::clone(&stop);
        let root = root.clone();
        std::thread::spawn(move || {
            let mut round = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let i = round % 300;
                let dir = root.join(format!("d{i:03}"));
                let _ = match round % 5 {
                    0 => std::fs::write(dir.join("b.toml"), &good[..good.len() / 2]),
                    1 => std::fs::remove_file(dir.join("b.md")),
                    2 => std::fs::write(dir.join("b.md"), "\u{0}\u{ff}not utf-8? \u{1b}[2J"),
                    3 => std::fs::remove_file(dir.join("b.toml")),
                    _ => std::fs::write(dir.join("b.toml"), good)
                        .and_then(|()| std::fs::write(dir.join("b.md"), "# B\n\nIvan Petrov.\n")),
                };
                round += 1;
            }
        })
    };
    let library = index(&root);
    stop.store(true, Ordering::Relaxed);
    churn.join().expect("the churning thread");
    // Whatever each file was when it was read, each listed briefing has a
    // summary: a briefing or the problems that stopped it.
    assert!(library.complete());
    for entry in &library.entries {
        let summary = entry.summary.as_ref().expect("indexed");
        assert!(
            summary.problems() > 0 || summary.title.as_deref() == Some("Steady"),
            "{}: {summary:?}",
            entry.relative
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
