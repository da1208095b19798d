//! Whole screens of the reader on the bundled briefing, drawn through
//! ratatui's `TestBackend`: insta snapshots of the text at 80x24, 120x40 and
//! 200x60 for each scenario the reader issue names, and tiny terminals. The
//! styles of key cells (snapshots drop colour) are checked in
//! `screen_styles.rs`; the `NO_COLOR` (mono) theme and a sweep over every
//! size in `screen_sizes.rs`.

#[path = "support/screen.rs"]
mod screen;

use brief::controller::{Input, update};
use brief::layout;

use screen::*;

// --- Snapshots --------------------------------------------------------------

#[test]
fn start() {
    snapshot_scenario("start", "", |state, text| {
        assert!(text.contains("Crocus City Hall attack, 22 March 2024"));
        assert!(text.contains("UNCLASSIFIED"));
        assert!(text.contains("Article 0%"));
        assert!(state.focused_mention().is_none());
        assert!(text.contains("<Tab> mention"), "hint bar from the keymap");
    });
}

#[test]
fn tab_three_times() {
    snapshot_scenario("tab3", "<Tab><Tab><Tab>", |state, text| {
        let id = state.focused_mention().expect("a mention is focused");
        let mention = &state.briefing().mentions[id.0];
        // The third mention of the text is the "Moscow" of the title.
        assert_eq!(mention_text(state, mention), "Moscow");
        assert!(text.contains("\u{25b8} Moscow (Place) 1/9"), "{text}");
    });
}

#[test]
fn enter_on_a_focused_mention() {
    snapshot_scenario(
        "enter_on_mention",
        "<Tab><Tab><Tab><Enter>",
        |state, text| {
            let entity = state.selected_entity().expect("Enter selects the entity");
            assert_eq!(state.briefing().entity(entity).name, "Moscow");
            // The card names the entity, its kind and which mention this is.
            assert!(text.contains("Place \u{b7} mention 1 of 9"), "{text}");
            assert!(text.contains("Capital of Russia."), "{text}");
        },
    );
}

#[test]
fn entity_mention_cycling() {
    // "moscow place" rather than "Moscow": the picker ranks "Crocus City
    // Hall attack" (alias "Moscow attack") above "Moscow" itself.
    let keys = "emoscow place<Enter>]m]m]m";
    snapshot_scenario("next_entity_mention", keys, |state, text| {
        let entity = state.selected_entity().expect("picker selects an entity");
        assert_eq!(state.briefing().entity(entity).name, "Moscow");
        let id = state.focused_mention().expect("]m focuses a mention");
        let mention = &state.briefing().mentions[id.0];
        assert_eq!(entity_name_of(state, mention), "Moscow");
        assert!(text.contains("Moscow (Place) 4/9"), "{text}");
    });
}

#[test]
fn timeline_jump() {
    snapshot_scenario("timeline_jump", "<C-w>3j<Enter>", |state, text| {
        assert_eq!(state.selected_event(), 1);
        let event = &state.briefing().events[1];
        assert!(event.title.contains("Moscow theatre"), "{}", event.title);
        // The article now shows the event's passage.
        let passage = event.passage.clone().expect("the event has a passage");
        assert!(state.is_visible(passage.start), "{text}");
    });
}

/// The timeline focused and the eighth event selected: each event's date
/// and its title, wrapped to a second row where it does not fit beside the
/// date (200x60), or under the date on its own row (120x40, 80x24).
#[test]
fn timeline_focused() {
    snapshot_scenario("timeline_focused", "<C-w>w<C-w>w7j", |state, text| {
        assert_eq!(state.focus(), brief::controller::Pane::Timeline);
        assert_eq!(state.selected_event(), 7);
        assert!(text.contains("Taliban kill the ISIS"), "{text}");
        // Long dates are shown whole, on two rows at most.
        assert!(!text.contains("22 Mar 2024\u{2013}c\u{2026}"), "{text}");
    });
}

/// A click on any row of the timeline selects the event drawn on that row:
/// what the row shows is part of the selected event's date or title.
#[test]
fn a_click_on_a_timeline_row_selects_the_event_drawn_there() {
    let theme = dark();
    for (width, height) in SIZES.into_iter().chain([(100, 30)]) {
        for start in [0, 9, 17] {
            let setup = brief::controller::Setup {
                mouse: true,
                ..Default::default()
            };
            let keymap = brief::controller::Keymap::default_keymap();
            let mut state =
                brief::controller::State::with_setup(bundled(), keymap, width, height, setup);
            let pane = state.panes().timeline.expect("a timeline pane");
            let list = layout::list_and_card(layout::inner(pane)).0;
            for row in 0..list.height {
                // The timeline focused, event `start` selected (a count
                // before G is a row number).
                brief::controller::press(&mut state, &format!("<C-w>3{}G", start + 1))
                    .expect("keys");
                assert_eq!(state.selected_event(), start);
                let buffer = buffer_of(&state, &theme);
                let y = list.y + row;
                let shown: String = row_text(&buffer, y)
                    .chars()
                    .skip(usize::from(list.x))
                    .take(usize::from(list.width))
                    .collect();
                update(&mut state, Input::Click(list.x + 3, y));
                let event = &state.briefing().events[state.selected_event()];
                let context = format!("{width}x{height} from {start}, row {row} {shown:?}");
                if shown.trim().is_empty() {
                    assert_eq!(state.selected_event(), start, "{context}: a blank row");
                    continue;
                }
                // A full date column is followed by a single space.
                let entry = format!("{} {}", event.date.readable(), event.title);
                for piece in shown.trim_start_matches('\u{25b6}').split("  ") {
                    let piece = piece.trim().trim_end_matches('\u{2026}').trim_end();
                    assert!(entry.contains(piece), "{context}: selected {entry:?}");
                }
            }
        }
    }
}

#[test]
fn search_while_typing() {
    snapshot_scenario("search_typing", "/Moscow", |state, text| {
        assert!(state.search().editing);
        let count = state.search().matches().len();
        assert!(count > 1, "Moscow appears often");
        assert!(text.contains("/Moscow\u{2581}"), "the prompt: {text}");
    });
}

#[test]
fn search_enter_then_next() {
    snapshot_scenario("search_next", "/Moscow<Enter>n", |state, text| {
        assert!(!state.search().editing);
        let total = state.search().matches().len();
        assert_eq!(
            state.search().current_index(),
            Some(1),
            "n goes to the second match"
        );
        assert!(text.contains(&format!("/Moscow 2/{total}")), "{text}");
    });
}

#[test]
fn entity_picker() {
    snapshot_scenario("picker_entities", "eisis", |state, text| {
        let Some(brief::controller::Overlay::Picker(picker)) = &state.overlay() else {
            panic!("the entity picker is open");
        };
        assert_eq!(picker.query, "isis");
        assert!(!picker.matches.is_empty());
        let count = format!("{}/{}", picker.matches.len(), picker.items.len());
        assert!(text.contains(&count), "picker count {count}: {text}");
        assert!(text.contains("> isis"), "{text}");
    });
}

#[test]
fn timeline_picker() {
    snapshot_scenario("picker_timeline", "tattack", |state, text| {
        let Some(brief::controller::Overlay::Picker(picker)) = &state.overlay() else {
            panic!("the timeline picker is open");
        };
        assert!(!picker.matches.is_empty());
        assert!(text.contains("> attack"), "{text}");
    });
}

#[test]
fn outline_picker() {
    snapshot_scenario("picker_outline", "owhat", |state, text| {
        let Some(brief::controller::Overlay::Picker(picker)) = &state.overlay() else {
            panic!("the outline picker is open");
        };
        assert!(!picker.matches.is_empty());
        assert!(text.contains("What happened"), "{text}");
    });
}

#[test]
fn help_overlay() {
    snapshot_scenario("help", "?", |state, text| {
        assert!(matches!(
            state.overlay(),
            Some(brief::controller::Overlay::Help { .. })
        ));
        assert!(
            text.contains("Keys · j/k, <Space>, G scroll · q closes"),
            "{text}"
        );
        assert!(
            text.contains("focus the next mention in the text"),
            "{text}"
        );
    });
}

/// Tiny terminals: below the minimum a message, at the minimum the reader,
/// and the narrow (tabbed) layout the three standard sizes do not reach.
#[test]
fn tiny_terminals() {
    let theme = dark();
    for (width, height) in [(20, 5), (23, 6), (24, 5), (24, 6), (60, 20)] {
        let state = state_after("", width, height);
        let terminal = draw(&state, &theme);
        let text = screen_text(terminal.backend().buffer());
        let too_small = width < layout::MIN_WIDTH || height < layout::MIN_HEIGHT;
        assert_eq!(text.contains("terminal too small"), too_small, "{text}");
        if !too_small {
            assert!(text.contains("Article"), "{text}");
        }
        insta::with_settings!({
            description => format!("start at {width}x{height}, dark theme"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("tiny_{width}x{height}"), terminal.backend());
        });
    }
}
