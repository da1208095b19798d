//! Controller tests for panes in the second round: side panes widened and
//! narrowed by key, the focused pane zoomed (a list and its card too), the
//! side panes folded away for a text without annotations, the article
//! brought forward at one-pane sizes, and places kept across a reload.

#[path = "support/reader.rs"]
mod reader;

use brief::controller::{Effect, Input, Keymap, Overlay, Pane, State, update};
use brief::layout;
use reader::*;

fn article_width(state: &State) -> u16 {
    state.panes().article.expect("the article is shown").width
}

#[test]
fn ctrl_w_greater_and_less_move_width_between_article_and_side_panes() {
    let mut state = state_at(140, 40);
    let natural = article_width(&state);
    keys(&mut state, "<C-w>>");
    let wider_sides = article_width(&state);
    assert!(wider_sides < natural, "{wider_sides} < {natural}");
    assert!(
        state.layout().width < natural as usize,
        "the article is re-wrapped narrower"
    );
    keys(&mut state, "<C-w><lt>");
    assert_eq!(article_width(&state), natural);
    // A count repeats; the side panes stop at the article's minimum.
    keys(&mut state, "50<C-w>>");
    let narrowest = article_width(&state);
    keys(&mut state, "<C-w>>");
    assert_eq!(article_width(&state), narrowest);
    assert!(
        state.message().unwrap_or("").contains("as wide as"),
        "{:?}",
        state.message()
    );
    assert!(layout::article_text(state.panes().article.unwrap()).width >= 40);
    keys(&mut state, "<C-w>=");
    assert_eq!(article_width(&state), natural);
    // At one pane there is nothing to widen, and it says so.
    let mut narrow = state_at(70, 24);
    keys(&mut narrow, "<C-w>>");
    assert_eq!(narrow.message(), Some("no side panes at this size"));
}

#[test]
fn ctrl_w_o_zooms_the_focused_list_with_a_bigger_card() {
    // Medium: the entity list sits above the timeline, so zoomed its card
    // gets both more width and more rows.
    let mut state = state_at(100, 40);
    keys(&mut state, "<C-w>2");
    let card = |state: &State| {
        let area = brief::controller::cards::entity_card(state)
            .expect("a card")
            .text_area;
        (area.width, area.height)
    };
    let (width, height) = card(&state);
    keys(&mut state, "<C-w>o");
    assert_eq!(state.visible_panes(), vec![Pane::Entities]);
    let (zoomed_width, zoomed_height) = card(&state);
    assert!(
        zoomed_width > width && zoomed_height > height,
        "the card gets the room"
    );
    // Moving to another pane leaves the zoom.
    keys(&mut state, "<C-w>h");
    assert!(!state.view().zoomed);
    assert_eq!(state.visible_panes(), Pane::ALL.to_vec());
}

#[test]
fn a_text_without_annotations_folds_the_side_panes_away() {
    let files = brief::loader::InMemory {
        files: vec![("plain.md".into(), "# Notes\n\nJust text.\n".into())],
    };
    let loaded = brief::loader::load(std::path::Path::new("plain.md"), &files);
    let briefing = loaded.briefing.expect("a plain text loads");
    let mut state = State::new(briefing, Keymap::default_keymap(), 200, 60);
    assert_eq!(state.visible_panes(), vec![Pane::Article]);
    // The article alone is a column at its measure, in the middle.
    let article = state.panes().article.unwrap();
    assert_eq!(layout::article_text(article).width, 100);
    assert!(article.x > 0);
    keys(&mut state, "<C-w>2");
    assert_eq!(state.focus(), Pane::Article);
    assert_eq!(
        state.message(),
        Some("no annotations: the side panes are folded away")
    );
}

#[test]
fn at_one_pane_a_command_that_moves_the_article_brings_it_forward() {
    let mut state = state_at(70, 24);
    keys(&mut state, "<C-w>2");
    assert_eq!(state.visible_panes(), vec![Pane::Entities]);
    // Moving in the list leaves the list in front.
    keys(&mut state, "j");
    assert_eq!(state.visible_panes(), vec![Pane::Entities]);
    // A section jump moves the article: it comes forward.
    keys(&mut state, "]]");
    assert_eq!(state.visible_panes(), vec![Pane::Article]);
    assert!(is_visible(&state, state.cursor()));
    // A command that chooses the pane itself keeps its choice: Ctrl-o
    // back to where Enter in the list was pressed shows the list.
    let mut state = state_at(70, 24);
    keys(&mut state, "<C-w>2jj<Enter>");
    assert_eq!(state.visible_panes(), vec![Pane::Article]);
    keys(&mut state, "<C-o>");
    assert_eq!(state.visible_panes(), vec![Pane::Entities]);
}

#[test]
fn a_count_of_zero_before_g_in_a_list_is_the_first_row() {
    let mut state = fresh();
    keys(&mut state, "<C-w>2G");
    assert!(state.entity_list().cursor > 0);
    keys(&mut state, "0G");
    assert_eq!(state.entity_list().cursor, 0);
    keys(&mut state, "<C-w>3G");
    assert!(state.selected_event() > 0);
    keys(&mut state, "0G");
    assert_eq!(state.selected_event(), 0);
}

#[test]
fn the_relations_list_keeps_the_keyboard_until_it_closes() {
    let mut state = fresh();
    keys(&mut state, "eISIS-K<Enter>");
    let top = state.top_offset();
    keys(&mut state, "r");
    assert!(matches!(state.overlay(), Some(Overlay::Relations { .. })));
    // Tab would move the article; here it is not bound and says so.
    keys(&mut state, "<Tab>");
    assert_eq!(state.top_offset(), top);
    assert!(matches!(state.overlay(), Some(Overlay::Relations { .. })));
    keys(&mut state, "G");
    let Some(Overlay::Relations { cursor }) = state.overlay() else {
        panic!("still open");
    };
    assert!(*cursor > 0, "G goes to the last relation");
    keys(&mut state, "r");
    assert!(state.overlay().is_none(), "r again closes it");
    // Ctrl-c still quits from inside it.
    keys(&mut state, "r");
    assert_eq!(keys(&mut state, "<C-c>"), vec![Effect::Quit]);
}

#[test]
fn j_and_k_without_a_card_say_so() {
    let mut state = fresh();
    keys(&mut state, "J");
    assert_eq!(
        state.message(),
        Some("no card here: select an entity or an event, or open a note")
    );
}

#[test]
fn a_reload_keeps_marks_and_the_jump_list_by_offset() {
    let mut state = fresh();
    keys(&mut state, "20jma");
    let mark = state.marks()[&'a'];
    keys(&mut state, "G");
    let jumps = state.jumps().len();
    update(
        &mut state,
        Input::Reloaded {
            briefing: Some(Box::new(briefing())),
            problems: Vec::new(),
            warnings: 0,
        },
    );
    assert_eq!(state.jumps().len(), jumps);
    assert_eq!(state.marks()[&'a'].top, mark.top);
    keys(&mut state, "'a");
    assert_eq!(state.top_offset(), mark.top);
    keys(&mut state, "''");
    assert_eq!(top_row(&state), max_top_row(&state), "'' back to the end");
}

#[test]
fn a_reload_with_a_shorter_text_cuts_places_to_it_on_character_boundaries() {
    let load = |text: &str| {
        let files = brief::loader::InMemory {
            files: vec![("t.md".into(), text.into())],
        };
        brief::loader::load(std::path::Path::new("t.md"), &files)
            .briefing
            .expect("a text loads")
    };
    // A long text, a mark near its end.
    let long: String = (1..=200)
        .map(|n| format!("Line {n} of the first text.\n\n"))
        .collect();
    let mut state = State::new(load(&long), Keymap::default_keymap(), 80, 24);
    keys(&mut state, "Gma");
    assert!(state.marks()[&'a'].top > 100);
    // The new text is short and its bytes are multi-byte characters, so
    // the old offsets are past its end or inside a character.
    let short = "Zoë ünïcödé ëvërywhërë\n\nÉnd.\n";
    update(
        &mut state,
        Input::Reloaded {
            briefing: Some(Box::new(load(short))),
            problems: Vec::new(),
            warnings: 0,
        },
    );
    let text = state.briefing().document.text.clone();
    let mark = state.marks()[&'a'];
    assert!(mark.top <= text.len() && text.is_char_boundary(mark.top));
    assert!(mark.cursor <= text.len() && text.is_char_boundary(mark.cursor));
    assert!(text.is_char_boundary(state.cursor()));
    // Going there works and draws.
    keys(&mut state, "'a''");
    assert!(state.top_offset() <= text.len());
}
