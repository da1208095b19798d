//! End to end, the real binary in a pseudo-terminal, for the reviewer's
//! half: verdicts recorded by key are on disk when the status line says
//! "saved", survive `kill -9`, and are there and drawn when the briefing
//! is opened again; a reader that records nothing writes nothing.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;
#[path = "support/review_pty.rs"]
mod review_pty;

use std::path::{Path, PathBuf};

use portable_pty::CommandBuilder;
use pty_support::{Session, assert_exit, environment, status_line};

use review_pty::{TITLE, reader};

fn scratch(name: &str) -> PathBuf {
    review_pty::scratch("brief-review", name)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The first row of the article pane's text, for comparing places.
fn first_article_row(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get() / 2)
        .nth(2)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Cells of the article drawn underlined (the confirmed verdict's look).
fn underlined_cells(screen: &vt100::Screen) -> usize {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .flat_map(|row| (0..cols.get()).map(move |col| (row, col)))
        .filter(|&(row, col)| screen.cell(row, col).is_some_and(|cell| cell.underline()))
        .count()
}

#[test]
fn verdicts_survive_kill_9_and_are_drawn_when_the_briefing_opens_again() {
    let dir = scratch("kill");
    let mut first = reader(&dir);
    let underlined_before = underlined_cells(first.seen().parser.screen());
    // Down into the text, so that reopening at the top would be wrong.
    let start_row = first_article_row(first.seen().parser.screen());
    first.keys("40j");
    first.wait_for("the view moved", |s| first_article_row(s) != start_row);
    let top_row = first_article_row(first.seen().parser.screen());
    // The first mention, confirmed; the first entity in its pane, disputed.
    first.keys("\t");
    first.wait_for("a focused mention", |s| status_line(s).contains('\u{25b8}'));
    first.keys("c");
    first.wait_for("the verdict saved", |s| {
        status_line(s).contains("saved to") && status_line(s).contains("reviewed 1/")
    });
    first.keys("\x17" /* Ctrl-w */);
    first.keys("2x");
    first.wait_for("the second verdict saved", |s| {
        let status = status_line(s);
        // "reviewed 1/N mentions, 1/M entities, 0/K events"
        status.contains("saved to") && status.contains("mentions, 1/")
    });
    let review = dir.join("crocus-city-hall.review.toml");
    let written = std::fs::read_to_string(&review).expect("the review file is there");
    assert_eq!(written.matches("[[verdict]]").count(), 2, "{written}");
    assert!(
        written.contains("verdict = \"confirmed\"") && written.contains("verdict = \"disputed\"")
    );
    assert!(written.contains("by = \"tester\""));

    // Killed without a chance to clean up.
    review_pty::kill_9(&mut first);
    // The review is whole; no temporary file is left beside it (the lock of
    // the killed reader is, and the next reader takes it over).
    let left: Vec<String> = files_in(&dir)
        .into_iter()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(std::fs::read_to_string(&review).ok(), Some(written));

    let mut second = reader(&dir);
    second.wait_for("both verdicts counted again", |s| {
        let status = status_line(s);
        status.contains("reviewed 1/") && status.contains("mentions, 1/")
    });
    assert_eq!(
        first_article_row(second.seen().parser.screen()),
        top_row,
        "the briefing reopens where the reviewer was"
    );
    let screen = second.seen().parser.screen().clone();
    assert!(
        underlined_cells(&screen) > underlined_before,
        "the confirmed mention is drawn as the reviewer's:\n{}",
        second.dump()
    );
    assert!(
        screen.contents().contains('\u{2714}'),
        "the gutter marks the verdict:\n{}",
        second.dump()
    );
    // The killed reader's lock is taken over: a new verdict saves.
    second.keys("\t\tc");
    second.wait_for("a third verdict saved", |s| {
        status_line(s).contains("saved to") && status_line(s).contains("reviewed 2/")
    });
    second.keys("q");
    let status = second.wait_exit();
    assert_exit(&status, 0, "q after reviewing", &second);
    assert!(
        !dir.join("crocus-city-hall.review.toml.lock").exists(),
        "quitting releases the lock"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reader_that_records_nothing_writes_nothing() {
    let dir = scratch("nothing");
    let before = files_in(&dir);
    let mut session = reader(&dir);
    session.keys("\tjjj");
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    assert_eq!(files_in(&dir), before);
    assert_eq!(files_in(&dir.join("home")), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn read_only_shows_the_review_and_refuses_verdicts() {
    let dir = scratch("readonly");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg(dir.join("crocus-city-hall.toml"));
    command.arg("--read-only");
    environment(&mut command);
    command.env("HOME", dir.join("home"));
    let mut session = Session::spawn(command, 40, 140);
    session.wait_for_loaded(TITLE);
    session.keys("\tc");
    session.wait_for("the refusal", |s| {
        status_line(s).contains("the review is read-only: --read-only was given")
    });
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    assert!(!dir.join("crocus-city-hall.review.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The config's `reviewer` names the verdicts and its `reviews` folder
/// holds the review instead of the annotation's folder.
#[test]
fn the_configured_reviewer_and_folder_are_used() {
    let dir = scratch("config");
    let config = dir.join("home").join("config.toml");
    std::fs::write(
        &config,
        format!(
            "reviewer = \"from-config\"\nreviews = \"{}\"\n",
            dir.join("reviews").display()
        ),
    )
    .expect("config");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg(dir.join("crocus-city-hall.toml"));
    command.arg("--config");
    command.arg(&config);
    environment(&mut command);
    command.env("HOME", dir.join("home"));
    let mut session = Session::spawn(command, 40, 140);
    session.wait_for_loaded(TITLE);
    session.keys("\tc");
    session.wait_for("saved", |s| status_line(s).contains("saved to"));
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    let kept = files_in(&dir.join("reviews"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].starts_with("crocus-city-hall-") && kept[0].ends_with(".review.toml"));
    let written = std::fs::read_to_string(dir.join("reviews").join(&kept[0])).expect("review");
    assert!(written.contains("by = \"from-config\""), "{written}");
    assert!(!dir.join("crocus-city-hall.review.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
