//! Whole screens of the reader's second round on the bundled briefing, as
//! insta snapshots at 80x24, 120x40 and 200x60: a note's card, a card too
//! long for its box scrolled with its mark, the briefing's info overlay and
//! hint labels over the mentions on screen.

#[path = "support/screen.rs"]
mod screen;

use brief::controller::Overlay;
use screen::*;

#[test]
fn note_card() {
    snapshot_scenario("note_card", "]n]n", |state, text| {
        let note = state.focused_note().expect("the second note");
        assert_eq!(note, 1);
        assert!(text.contains("note 2 of 10"), "{text}");
        // The card says the grading (in words, wrapped as the card's width
        // allows, so only the code is looked for here).
        let grading = state.briefing().notes[note].grading.describe().unwrap();
        let code = grading.split(' ').next().unwrap();
        assert!(text.contains(code), "{code} in {text}");
    });
}

#[test]
fn entity_card_scrolled() {
    snapshot_scenario(
        "entity_card_scrolled",
        "eISIS-K<Enter><C-w>2JJ",
        |state, text| {
            if state.panes().entities.is_some() {
                assert_eq!(state.card_scroll(), 2);
                // The rule of a card that does not fit says where it is.
                assert!(text.contains("\u{2191}\u{2193} 3-"), "{text}");
            }
        },
    );
}

#[test]
fn info_overlay() {
    snapshot_scenario("info_overlay", "=", |state, text| {
        assert!(matches!(state.overlay(), Some(Overlay::Info { .. })));
        assert!(text.contains("About this briefing"), "{text}");
        assert!(text.contains("published: 2024-03-26"), "{text}");
        assert!(
            text.contains("briefings/crocus-city-hall.md") || text.contains("crocus-city-hall.md")
        );
    });
}

#[test]
fn hint_labels() {
    snapshot_scenario("hint_labels", "F", |state, text| {
        assert!(matches!(state.overlay(), Some(Overlay::Hints { .. })));
        assert!(text.contains("type a label"), "{text}");
    });
}
