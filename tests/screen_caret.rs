//! The caret's and the reviewer's notes' look on screen (dark theme): the
//! selection in the selection colour, the terminal's cursor on the caret
//! through a real ratatui draw, and a note of the reviewer's marked in the
//! second gutter column with its passage underlined.

#[path = "support/screen.rs"]
mod screen;

use brief::controller::{Keymap, State, press};
use brief::model::{Grading, NoteKind};
use brief::review::open::Setup as ReviewSetup;
use brief::review::{Anchor, Review, ReviewNote};
use brief::theme::Role;
use ratatui::style::Modifier;

use screen::*;

const TEXT: &str = "The envoy met the minister in Vienna. Three gunmen were seen.\n";

fn reader(review: Review) -> State {
    let toml = "format = 1\n[briefing]\ntext = \"r.md\"\ntitle = \"Screen report\"\n";
    let files = brief::loader::InMemory {
        files: vec![("r.toml".into(), toml.into()), ("r.md".into(), TEXT.into())],
    };
    let briefing = brief::loader::load_annotated(std::path::Path::new("r.toml"), &files)
        .briefing
        .expect("loads");
    let setup = brief::controller::Setup {
        review: Some(ReviewSetup {
            review,
            reviewer: "ana".to_string(),
            read_only: None,
            place: None,
        }),
        ..Default::default()
    };
    State::with_setup(briefing, Keymap::default_keymap(), 100, 30, setup)
}

/// Every cell showing `word` on screen, as (x, y).
fn cells_of(buffer: &ratatui::buffer::Buffer, word: &str) -> Vec<(u16, u16)> {
    for y in 0..buffer.area.height {
        let row = row_text(buffer, y);
        if let Some(at) = row.find(word) {
            let x = u16::try_from(row[..at].chars().count()).unwrap_or(0);
            let n = u16::try_from(word.chars().count()).unwrap_or(0);
            return (x..x + n).map(|x| (x, y)).collect();
        }
    }
    Vec::new()
}

#[test]
fn the_selection_is_drawn_in_the_selection_colour_and_the_cursor_sits_on_the_caret() {
    let theme = dark();
    let mut state = reader(Review::default());
    press(&mut state, "iwve").expect("keys");
    let mut terminal = draw(&state, &theme);
    let buffer = terminal.backend().buffer().clone();
    let selected = theme.style(Role::Selection);
    let cells = cells_of(&buffer, "envoy");
    assert_eq!(cells.len(), 5);
    for (x, y) in &cells {
        assert!(
            has_style(&buffer[(*x, *y)], selected),
            "{}",
            describe(&buffer[(*x, *y)])
        );
    }
    let (mx, my) = cells_of(&buffer, "met")[0];
    assert!(
        !has_style(&buffer[(mx, my)], selected),
        "past the selection"
    );
    // The caret is on the selection's last character, "y" of "envoy".
    let last = cells[4];
    let cursor = terminal.get_cursor_position().expect("a cursor position");
    assert_eq!((cursor.x, cursor.y), last);
    terminal.backend_mut().assert_cursor_position(last);
}

#[test]
fn a_note_of_the_reviewers_is_marked_in_the_second_gutter_column_and_underlined() {
    let theme = dark();
    let start = TEXT.find("Three gunmen").expect("in text");
    let mut review = Review::default();
    review.notes.push(ReviewNote {
        anchor: Anchor::capture(TEXT, start..start + "Three gunmen".len()),
        kind: NoteKind::Unverified,
        grading: Grading::default(),
        text: "one source".to_string(),
        reviewer: "ana".to_string(),
        at: "2026-12-07T15:20:00Z".to_string(),
    });
    let state = reader(review);
    let buffer = buffer_of(&state, &theme);
    let cells = cells_of(&buffer, "Three gunmen");
    let (x0, y) = cells[0];
    for (x, y) in &cells {
        assert!(
            buffer[(*x, *y)].modifier.contains(Modifier::UNDERLINED),
            "{}",
            describe(&buffer[(*x, *y)])
        );
    }
    assert!(!buffer[(x0 - 2, y)].modifier.contains(Modifier::UNDERLINED));
    let gutter = row_text(&buffer, y);
    assert!(gutter.contains('\u{2710}'), "{gutter}");
}

#[test]
fn the_note_editor_wraps_a_long_line_and_keeps_the_cursor_after_the_last_word() {
    let theme = dark();
    let mut state = reader(Review::default());
    press(&mut state, "iwvega").expect("keys");
    let long = "word ".repeat(30) + "LASTWORD";
    press(&mut state, &long).expect("typing");
    let mut terminal = draw(&state, &theme);
    let buffer = terminal.backend().buffer().clone();
    let last = cells_of(&buffer, "LASTWORD");
    assert_eq!(last.len(), 8, "the end of a long line is on screen");
    let (x, y) = last[7];
    let cursor = terminal.get_cursor_position().expect("a cursor");
    assert_eq!(
        (cursor.x, cursor.y),
        (x + 1, y),
        "the cursor after the last character"
    );
    terminal.backend_mut().assert_cursor_position((x + 1, y));
}

#[test]
fn a_mention_of_the_reviewers_is_bold_underlined_in_its_kind_colour_with_a_gutter_mark() {
    let theme = dark();
    let start = TEXT.find("Vienna").expect("in text");
    let mut review = Review::default();
    review.mentions.push(brief::review::ReviewMention {
        anchor: Anchor::capture(TEXT, start..start + "Vienna".len()),
        of: brief::review::MentionOf::NewEntity {
            name: "Vienna".to_string(),
            kind: "place".to_string(),
        },
        instead_of: None,
        reviewer: "ana".to_string(),
        at: "2026-12-07T15:20:00Z".to_string(),
    });
    let mut state = reader(review);
    let buffer = buffer_of(&state, &theme);
    let place = theme.kind("place");
    for (x, y) in cells_of(&buffer, "Vienna") {
        let cell = &buffer[(x, y)];
        assert!(
            cell.modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
                && cell.fg == place.fg.expect("the place colour"),
            "{}",
            describe(cell)
        );
    }
    let (mx, my) = cells_of(&buffer, "met")[0];
    assert!(!buffer[(mx, my)].modifier.contains(Modifier::BOLD));
    let (_, y) = cells_of(&buffer, "Vienna")[0];
    let gutter = row_text(&buffer, y);
    assert!(gutter.contains('\u{271a}'), "{gutter}");
    // `gr` hides the reviewer's layer, the mention with it.
    press(&mut state, "gr").expect("keys");
    let buffer = buffer_of(&state, &theme);
    for (x, y) in cells_of(&buffer, "Vienna") {
        assert!(!buffer[(x, y)].modifier.contains(Modifier::BOLD));
    }
    assert!(!row_text(&buffer, y).contains('\u{271a}'));
}
