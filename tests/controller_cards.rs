//! Controller tests for what the reader shows beyond the article: note
//! cards (with gradings in words, for notes naming no entity too), the notes
//! picker, cards that scroll when they do not fit, the briefing's info, the
//! relations of a focused mention, and Ctrl-o bringing the cards back.

#[path = "support/reader.rs"]
mod reader;

use brief::controller::cards::{self, CardRole};
use brief::controller::picker::PickerKind;
use brief::controller::{Keymap, Overlay, Pane, State, overlays};
use brief::model::NoteKind;
use reader::*;

/// A small annotated briefing: two notes, one naming no entity, one with a
/// grading; a person with a long summary (a card that cannot fit).
fn small_briefing(width: u16, height: u16) -> State {
    let text =
        "# Report\n\nThe minister met the envoy in Vienna.\n\nNothing else was said that day.\n";
    let summary = "A long career. ".repeat(40);
    let toml = format!(
        r#"format = 1
[briefing]
text = "r.md"
title = "Small report"
source = "Field notes"
published = "2024-05-01"
classification = "RESTRICTED"
summary = "A meeting in Vienna."

[[entity]]
id = "minister"
name = "minister"
kind = "person"
summary = "{summary}"

[[entity]]
id = "envoy"
name = "envoy"
kind = "person"

[[relation]]
from = "minister"
to = "envoy"
kind = "met"

[[note]]
kind = "unverified"
quote = "met the envoy"
text = "Only one source for the meeting."
entities = ["minister"]
reliability = "C"
credibility = 3

[[note]]
kind = "gap"
quote = "Nothing else was said"
text = "What else was said is unknown."
"#
    );
    let files = brief::loader::InMemory {
        files: vec![("r.toml".into(), toml), ("r.md".into(), text.into())],
    };
    let loaded = brief::loader::load_annotated(std::path::Path::new("r.toml"), &files);
    let briefing = loaded.briefing.unwrap_or_else(|| {
        panic!(
            "the small briefing loads: {:?}",
            loaded
                .diagnostics
                .iter()
                .map(|d| d.render())
                .collect::<Vec<_>>()
        )
    });
    State::new(briefing, Keymap::default_keymap(), width, height)
}

fn card_text(state: &State) -> Vec<String> {
    let card = cards::focused_card(state).expect("a card is shown");
    card.lines.iter().map(|line| line.text.clone()).collect()
}

#[test]
fn a_note_naming_no_entity_shows_its_card_with_kind_text_and_passage() {
    let mut state = small_briefing(120, 40);
    keys(&mut state, "]n]n");
    assert_eq!(state.focused_note(), Some(1));
    let lines = card_text(&state);
    assert_eq!(lines[0], "\u{2026} gap \u{b7} note 2 of 2");
    assert_eq!(lines[1], "What else was said is unknown.");
    assert!(
        lines[2].contains("\u{201c}Nothing else was said\u{201d}") && lines[2].contains("line 5"),
        "{lines:?}"
    );
    // Its role gives the card the note kind's look.
    let card = cards::focused_card(&state).unwrap();
    assert_eq!(card.lines[0].role, CardRole::Note(NoteKind::Gap));
    // Esc closes the card before anything else.
    keys(&mut state, "<Esc>");
    assert_eq!(state.focused_note(), None);
}

#[test]
fn a_graded_note_says_its_grading_in_words() {
    let mut state = small_briefing(120, 40);
    keys(&mut state, "]n");
    let lines = card_text(&state);
    assert_eq!(
        lines[0],
        "? unverified \u{b7} note 1 of 2 \u{b7} C3: fairly reliable, possibly true"
    );
    assert!(lines.iter().any(|l| l == "about: minister"), "{lines:?}");
    // On the bundled briefing: every note's card opens with its kind.
    let mut state = fresh();
    for index in 0..state.briefing().notes.len() {
        keys(&mut state, "]n");
        assert_eq!(state.focused_note(), Some(index));
        let kind = state.briefing().notes[index].kind.name();
        assert!(card_text(&state)[0].contains(kind), "note {index}");
    }
}

#[test]
fn the_notes_picker_lists_every_note_and_goes_to_one() {
    let mut state = fresh();
    keys(&mut state, "a");
    let Some(Overlay::Picker(picker)) = state.overlay() else {
        panic!("a opens the notes picker");
    };
    assert_eq!(picker.kind, PickerKind::Notes);
    assert_eq!(picker.items.len(), state.briefing().notes.len());
    keys(&mut state, "morning<Enter>");
    let note = state.focused_note().expect("a note is focused");
    assert!(
        state.briefing().notes[note]
            .text
            .contains("a day of mourning")
    );
    let start = state.briefing().notes[note].passage.start;
    assert!(is_visible(&state, start));
    // Back returns to the top with no note card.
    keys(&mut state, "<C-o>");
    assert_eq!(state.focused_note(), None);
    assert_eq!(top_row(&state), 0);
}

#[test]
fn a_card_that_does_not_fit_scrolls_and_stops_at_its_end() {
    let mut state = small_briefing(120, 24);
    keys(&mut state, "<C-w>2");
    assert_eq!(state.focus(), Pane::Entities);
    // The minister comes second in the list (by name: envoy, minister).
    keys(&mut state, "j");
    let card = cards::entity_card(&state).expect("the minister's card");
    let rows = cards::wrapped(&card.lines, card.text_area.width).len();
    let room = usize::from(card.text_area.height);
    assert!(
        rows > room,
        "the long summary does not fit: {rows} rows in {room}"
    );
    keys(&mut state, "J");
    assert_eq!(state.card_scroll(), 1);
    keys(&mut state, "100J");
    assert_eq!(state.card_scroll(), rows - room, "no further than the end");
    keys(&mut state, "2K");
    assert_eq!(state.card_scroll(), rows - room - 2);
    // Another entity's card starts at its top.
    keys(&mut state, "k");
    assert_eq!(state.card_scroll(), 0);
    keys(&mut state, "J");
    assert_eq!(state.card_scroll(), 0);
    assert_eq!(state.message(), Some("the card fits: nothing to scroll"));
}

#[test]
fn the_info_overlay_shows_the_briefings_own_metadata_and_files() {
    let mut state = small_briefing(120, 40);
    keys(&mut state, "=");
    assert!(matches!(state.overlay(), Some(Overlay::Info { .. })));
    let (title, lines) = overlays::lines(&state);
    assert!(title.starts_with("About this briefing"));
    let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    for expected in [
        "Small report",
        "source: Field notes",
        "published: 2024-05-01",
        "classification: RESTRICTED",
        "A meeting in Vienna.",
        "text: r.md",
        "annotations: r.toml",
        "2 entities, 2 mentions, 1 relation, 0 events, 2 notes",
    ] {
        assert!(text.contains(&expected), "{expected:?} in {text:?}");
    }
    keys(&mut state, "q");
    assert!(state.overlay().is_none());
    keys(&mut state, "<C-g>");
    assert!(matches!(state.overlay(), Some(Overlay::Info { .. })));
}

#[test]
fn r_on_a_focused_mention_lists_its_entitys_relations_and_enter_follows() {
    let mut state = small_briefing(120, 40);
    keys(&mut state, "<Tab>");
    let minister = state.briefing().entity_by_id("minister").unwrap();
    let envoy = state.briefing().entity_by_id("envoy").unwrap();
    assert_eq!(
        state.briefing().mentions[state.focused_mention().unwrap().0].entity,
        minister
    );
    keys(&mut state, "r");
    assert!(matches!(state.overlay(), Some(Overlay::Relations { .. })));
    assert_eq!(state.selected_entity(), Some(minister));
    keys(&mut state, "<Enter>");
    assert!(state.overlay().is_none());
    // The status line and the card agree: the envoy is selected and its
    // mention focused.
    assert_eq!(state.selected_entity(), Some(envoy));
    let focused = state.focused_mention().expect("the envoy's mention");
    assert_eq!(state.briefing().mentions[focused.0].entity, envoy);
    assert_eq!(state.message(), Some("followed: met \u{2192} envoy"));
    // Back restores the minister's mention and card.
    keys(&mut state, "<C-o>");
    assert_eq!(state.selected_entity(), Some(minister));
}

#[test]
fn ctrl_o_restores_the_card_and_pane_selection_too() {
    let mut state = fresh();
    keys(&mut state, "<C-w>3jjj");
    let event = state.selected_event();
    keys(&mut state, "<Enter>");
    keys(&mut state, "<C-w>1eputin<Enter>");
    assert_eq!(state.focus(), Pane::Article);
    keys(&mut state, "<C-o>");
    assert_eq!(state.focus(), Pane::Article);
    keys(&mut state, "<C-o>");
    assert_eq!(state.focus(), Pane::Timeline, "the timeline had the focus");
    assert_eq!(state.selected_event(), event, "on the same event");
}
