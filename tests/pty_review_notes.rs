//! End to end, the real binary in a pseudo-terminal, for the reviewer's
//! notes: text selected by keyboard (the terminal's cursor showing the
//! caret), a note typed and kept with Ctrl-s, on disk when the status line
//! says "saved", surviving `kill -9`, and drawn in the gutter when the
//! briefing is opened again.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use std::path::{Path, PathBuf};

use portable_pty::CommandBuilder;
use pty_support::{Session, assert_exit, environment, status_line};

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";
/// The gutter's mark for a note of the reviewer's (layout::symbols).
const REVIEW_NOTE: char = '\u{2710}';

fn scratch(name: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("brief-notes-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("home")).expect("scratch folder");
    for file in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        std::fs::copy(format!("{root}/briefings/{file}"), dir.join(file)).expect("copy");
    }
    dir
}

fn reader(dir: &Path) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg(dir.join("crocus-city-hall.toml"));
    command.args(["--reviewer", "tester"]);
    environment(&mut command);
    command.env("HOME", dir.join("home"));
    command.env("XDG_STATE_HOME", dir.join("home").join("state"));
    let session = Session::spawn(command, 40, 140);
    session.wait_for("the reader on the alternate screen", |s| {
        s.alternate_screen() && s.contents().contains(TITLE)
    });
    session
}

#[test]
fn a_note_on_a_keyboard_selection_survives_kill_9_and_is_drawn_on_reopening() {
    let dir = scratch("kill");
    let mut first = reader(&dir);
    assert!(
        first.seen().parser.screen().hide_cursor(),
        "no caret: the cursor is hidden"
    );
    assert!(
        !first
            .seen()
            .parser
            .screen()
            .contents()
            .contains(REVIEW_NOTE),
        "no note of the reviewer's yet"
    );
    first.keys("5j");
    first.keys("i");
    first.wait_for("the cursor shows the caret", |s| !s.hide_cursor());
    let caret_at = first.seen().parser.screen().cursor_position();
    first.keys("w");
    first.wait_for("the caret moved a word", |s| {
        s.cursor_position() != caret_at
    });
    first.keys("vee");
    first.keys("ga");
    first.wait_for("the note editor", |s| s.contents().contains("Your note"));
    first.keys("Checked twice\ragainst TASS");
    first.wait_for("the text typed", |s| s.contents().contains("against TASS"));
    first.keys("\t\x12\x12" /* Tab: unverified; Ctrl-r twice: B */);
    first.keys("\x13" /* Ctrl-s */);
    first.wait_for("the note saved", |s| {
        let status = status_line(s);
        status.contains("saved to") && status.contains("1 note")
    });
    let review = dir.join("crocus-city-hall.review.toml");
    let written = std::fs::read_to_string(&review).expect("the review file is there");
    assert_eq!(written.matches("[[note]]").count(), 1, "{written}");
    assert!(written.contains("kind = \"unverified\""), "{written}");
    assert!(written.contains("reliability = \"B\""), "{written}");
    let (read_back, _) =
        brief::review::file::read("review", &written).expect("the review file reads back");
    assert_eq!(
        read_back.notes.first().map(|n| n.text.as_str()),
        Some("Checked twice\nagainst TASS"),
        "Enter is a new line in the note"
    );
    assert!(written.contains("by = \"tester\""));

    let pid = first.pid();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let _ = first.wait_exit();
    assert_eq!(std::fs::read_to_string(&review).ok(), Some(written));

    let mut second = reader(&dir);
    second.wait_for("the note counted again", |s| {
        status_line(s).contains("1 note")
    });
    second.wait_for("the note drawn in the gutter", |s| {
        s.contents().contains(REVIEW_NOTE)
    });
    second.keys("q");
    let status = second.wait_exit();
    assert_exit(&status, 0, "q after a note", &second);
    let _ = std::fs::remove_dir_all(&dir);
}
