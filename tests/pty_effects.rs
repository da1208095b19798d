//! End to end, the real binary in a pseudo-terminal, for the reader's
//! second round: counts typed as in less after the focus went elsewhere,
//! `y` copying a quotation with its citation to the file named by
//! `--copy-to` or to the clipboard with `--clipboard` (OSC 52, seen by the
//! terminal emulator), a change on disk noticed and read again with `R`,
//! and a large text's search counted by the counting thread.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use pty_support::{Session, assert_exit, status_line};

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";

fn wait_for_reader(session: &Session) {
    session.wait_for_loaded(TITLE);
}

/// A folder of the test's own with a copy of the bundled briefing.
fn briefing_copy(name: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("brief-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    for file in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        std::fs::copy(format!("{root}/briefings/{file}"), dir.join(file)).expect("copy");
    }
    dir
}

/// Counts are counts, as in less: after the focus went to another pane and
/// came back, `3j` scrolls three lines, `2G` goes to text line 2 and `40%`
/// to 40 percent of the text, each screen what `brief render` draws.
#[test]
fn counts_move_the_article_as_less_would_after_focusing_another_pane() {
    let mut session = Session::brief(&[], 40, 120);
    wait_for_reader(&session);
    // Ctrl-w w focuses the entities; Ctrl-w h comes back.
    session.keys("\x17w");
    session.wait_for_render_of(&[], "<C-w>w", |_| true);
    session.keys("\x17h");
    session.wait_for_render_of(&[], "<C-w>w<C-w>h", |_| true);
    session.keys("3j");
    session.wait_for_render_of(&[], "<C-w>w<C-w>h3j", |_| true);
    // Three rows down: the text line there, as the library counts it.
    let reader_after = |keys: &str| {
        let briefing = brief::loader::load_bundled().briefing.expect("bundled");
        let keymap = brief::controller::Keymap::default_keymap();
        let mut state = brief::controller::State::new(briefing, keymap, 120, 40);
        brief::controller::press(&mut state, keys).expect("keys");
        state
    };
    let line_after_3j = {
        let state = reader_after("3j");
        let document = &state.briefing().document;
        let row = state.layout().row_number(document, state.top());
        assert_eq!(row, 3, "3j is three rows");
        document.lines.line_of(state.top_offset())
    };
    session.wait_for("the text line three rows down in the status line", |s| {
        status_line(s).contains(&format!(" L{line_after_3j} "))
    });
    session.keys("2G");
    session.wait_for_render_of(&[], "<C-w>w<C-w>h3j2G", |_| true);
    // Line 2 at the top, as in less; a blank line is no row, so the top
    // row shows the first line from 2 on that is not blank.
    let line_after_2g = {
        let state = reader_after("2G");
        let document = &state.briefing().document;
        let first_shown = (2..)
            .find(|&n| {
                let range = document
                    .lines
                    .line_range(&document.text, n)
                    .expect("a line");
                !document.text[range].trim().is_empty()
            })
            .expect("a line with text");
        assert_eq!(document.lines.line_of(state.top_offset()), first_shown);
        first_shown
    };
    session.wait_for("text line 2 (or the first row after it) at the top", |s| {
        status_line(s).contains(&format!(" L{line_after_2g} "))
    });
    session.keys("40%");
    session.wait_for_render_of(&[], "<C-w>w<C-w>h3j2G40%", |_| true);
    // As in less: the byte 40% into the text is on the top row, and the
    // percentage shown is where that row starts.
    let percent_after = {
        let state = reader_after("40%");
        let document = &state.briefing().document;
        let target = document.text.len() * 40 / 100;
        let (second, _) = state.layout().step(document, state.top(), 1);
        assert!(state.top_offset() <= target);
        assert!(state.layout().offset_of(document, second) > target);
        state.view_span().percent
    };
    session.wait_for("the row holding the 40% byte at the top", |s| {
        status_line(s).contains(&format!("{percent_after:>3}% "))
    });
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q after the counts", &session);
}

#[test]
fn y_appends_the_focused_mention_with_its_citation_to_the_copy_file() {
    let dir = briefing_copy("copy");
    let copies = dir.join("quotes.txt");
    let copies_arg = copies.display().to_string();
    let mut session = Session::brief(&["--copy-to", &copies_arg], 40, 120);
    wait_for_reader(&session);
    session.keys("\t\t\ty");
    session.wait_for("the copy reported", |s| status_line(s).contains("copied "));
    let written = std::fs::read_to_string(&copies).expect("the copy file");
    // The third mention of the bundled briefing, with title and line.
    let briefing = brief::loader::load_bundled().briefing.expect("bundled");
    let keymap = brief::controller::Keymap::default_keymap();
    let mut state = brief::controller::State::new(briefing, keymap, 120, 40);
    brief::controller::press(&mut state, "<Tab><Tab><Tab>").expect("keys");
    let expected = brief::controller::citation(&state).expect("a citation");
    assert_eq!(written, format!("{expected}\n"));
    assert!(
        written.contains(TITLE) && written.contains(", line "),
        "{written}"
    );
    session.keys("q");
    assert_exit(&session.wait_exit(), 0, "q after copying", &session);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn y_with_clipboard_sends_osc_52_and_without_it_sends_nothing() {
    let mut session = Session::brief(&["--clipboard"], 40, 120);
    wait_for_reader(&session);
    session.keys("\ty");
    session.wait_for("the copy reported", |s| status_line(s).contains("copied "));
    session.wait_until("the clipboard write", |seen| {
        !seen.parser.callbacks().clipboard.is_empty()
    });
    let writes = session.seen().parser.callbacks().clipboard.clone();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(writes[0].starts_with("copy \"c\""), "{writes:?}");
    session.keys("q");
    session.wait_exit();
    // Off unless asked for: y says how to turn it on and sends nothing.
    let mut session = Session::brief(&[], 40, 120);
    wait_for_reader(&session);
    session.keys("\ty");
    session.wait_for("copying is off", |s| status_line(s).contains("--clipboard"));
    assert!(session.seen().parser.callbacks().clipboard.is_empty());
    session.keys("q");
    session.wait_exit();
}

#[test]
fn a_change_on_disk_is_noticed_and_r_reads_it_again_in_place() {
    let dir = briefing_copy("reload");
    let annotations = dir.join("crocus-city-hall.toml");
    let arg = annotations.display().to_string();
    let mut session = Session::brief(&[&arg], 40, 120);
    wait_for_reader(&session);
    // "L34  12%": the text line at the top and how far down.
    fn place(screen: &vt100::Screen) -> String {
        let status = status_line(screen);
        let words: Vec<&str> = status.split_whitespace().collect();
        words[words.len().saturating_sub(2)..].join(" ")
    }
    session.keys("30j");
    session.wait_for("the view moved down", |s| {
        let place = place(s);
        place.starts_with('L') && place.ends_with('%') && !place.starts_with("L1 ")
    });
    let position = place(&session.seen().parser.screen().clone());
    // An editor saves the text: same words, a later time.
    let text = dir.join("crocus-city-hall.md");
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&text)
        .and_then(|file| file.set_modified(later))
        .expect("touch the text");
    session.wait_for("the change noticed", |s| {
        status_line(s).contains("the files changed on disk")
    });
    session.keys("R");
    session.wait_for("reloaded", |s| status_line(s).contains("reloaded"));
    assert_eq!(
        place(&session.seen().parser.screen().clone()),
        position,
        "the place is kept"
    );
    // A broken annotation file keeps the old briefing and shows why.
    std::fs::write(&annotations, "format = 1\n[[entity]]\nid = 3\n").expect("break it");
    session.keys("R");
    session.wait_for("the diagnostics over the old briefing", |s| {
        s.contents().contains("Reload failed") && s.contents().contains(TITLE)
    });
    session.keys("qq");
    assert_exit(
        &session.wait_exit(),
        0,
        "q, q after a failed reload",
        &session,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A search of a text larger than a keystroke searches: the counting
/// thread goes through it, the status line shows the full count, and the
/// match far from the view is shown when the count reaches it.
#[test]
fn a_large_text_is_counted_by_the_thread_and_its_far_match_shown() {
    let dir = std::env::temp_dir().join(format!("brief-count-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("large.txt");
    let mut text = String::new();
    for line in 0..60_000 {
        let word = if [30_000, 45_000, 59_000].contains(&line) {
            "needle"
        } else {
            "filler"
        };
        text.push_str(&format!("line {line:06} of the report, with a {word}.\n"));
    }
    std::fs::write(&path, &text).expect("the text");
    let path = path.display().to_string();
    let mut session = Session::brief(&[&path], 30, 100);
    session.wait_for_text("line 000000 of the report");
    session.keys("/needle");
    session.wait_for("the count done and the first match shown", |s| {
        status_line(s).contains("1/3") && s.contents().contains("line 030000")
    });
    session.keys("\rn");
    session.wait_for("n at the second match", |s| {
        status_line(s).contains("2/3") && s.contents().contains("line 045000")
    });
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    let _ = std::fs::remove_dir_all(&dir);
}
