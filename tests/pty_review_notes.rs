//! End to end, the real binary in a pseudo-terminal, for the reviewer's
//! notes: text selected by keyboard (the terminal's cursor showing the
//! caret), a note typed and kept with Ctrl-s, on disk when the status line
//! says "saved", surviving `kill -9`, and drawn in the gutter when the
//! briefing is opened again.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;
#[path = "support/review_pty.rs"]
mod review_pty;

use pty_support::{assert_exit, status_line};
use review_pty::reader;

/// The gutter's mark for a note of the reviewer's (layout::symbols).
const REVIEW_NOTE: char = '\u{2710}';

/// The article pane's first rows, as text: where the view is.
fn article_rows(screen: &vt100::Screen) -> Vec<String> {
    screen
        .rows(0, 60)
        .skip(1)
        .take(5)
        .map(|row| row.trim_end().to_string())
        .collect()
}

fn scratch(name: &str) -> std::path::PathBuf {
    review_pty::scratch("brief-notes", name)
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
    // A verdict too: keeping the note ended the selection, not the caret;
    // Tab takes the caret to the next mention, `c` confirms that mention.
    first.keys("\t");
    first.wait_for("a focused mention", |s| status_line(s).contains('\u{25b8}'));
    first.keys("c");
    first.wait_for("the verdict saved", |s| {
        let status = status_line(s);
        status.contains("saved to") && status.contains("reviewed 1/")
    });
    let written = std::fs::read_to_string(&review).expect("the review file is there");
    assert!(written.contains("[caret]"), "the caret is kept: {written}");
    let caret_kept = first.seen().parser.screen().cursor_position();
    let top_kept = article_rows(first.seen().parser.screen());

    review_pty::kill_9(&mut first);
    assert_eq!(std::fs::read_to_string(&review).ok(), Some(written));

    let mut second = reader(&dir);
    second.wait_for("the note counted again", |s| {
        status_line(s).contains("1 note")
    });
    second.wait_for("the note drawn in the gutter", |s| {
        s.contents().contains(REVIEW_NOTE)
    });
    second.wait_for("the verdict counted again", |s| {
        status_line(s).contains("reviewed 1/")
    });
    // The cursor is shown by its own escape, which may come in a later
    // write than the text on a busy machine: waited for, not raced.
    second.wait_for("the caret shown again", |s| {
        !s.hide_cursor() && s.cursor_position() == caret_kept
    });
    let screen = second.seen().parser.screen().clone();
    assert_eq!(article_rows(&screen), top_kept, "the view as it was");
    assert!(
        !screen.hide_cursor(),
        "the caret is back:\n{}",
        second.dump()
    );
    assert_eq!(
        screen.cursor_position(),
        caret_kept,
        "the caret returns to its place:\n{}",
        second.dump()
    );
    second.keys("q");
    let status = second.wait_exit();
    assert_exit(&status, 0, "q after a note", &second);
    let _ = std::fs::remove_dir_all(&dir);
}
