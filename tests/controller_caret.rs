//! Controller tests for the caret and the selection, without a terminal:
//! motions by grapheme over CJK, emoji ZWJ sequences and combining marks,
//! by word, by screen line of a wrapped paragraph and to a line's edges,
//! Tab to mentions, the selection the motions extend, Esc backing out, and
//! where the terminal's cursor goes.

#[path = "support/reader.rs"]
mod reader;

use brief::controller::{Keymap, State};
use brief::model::Briefing;
use reader::keys;

/// A briefing of one Markdown text with an entity named "envoy".
fn small(text: &str) -> Briefing {
    reader::text_briefing("Caret report", &reader::person("envoy"), text)
}

fn reader(text: &str, width: u16) -> State {
    State::new(small(text), Keymap::default_keymap(), width, 30)
}

fn caret(state: &State) -> usize {
    state.caret().expect("a caret").at
}

/// The text from the caret on, to see where it is.
fn at_caret(state: &State) -> &str {
    &state.briefing().document.text[caret(state)..]
}

fn row_number(state: &State, offset: usize) -> usize {
    let document = &state.briefing().document;
    let pos = state.layout().pos_of_offset(document, offset);
    state.layout().row_number(document, pos)
}

#[test]
fn h_and_l_step_over_whole_cjk_characters() {
    let mut state = reader("東京都庁舎 is Tokyo.", 120);
    keys(&mut state, "i");
    assert_eq!(caret(&state), 0);
    keys(&mut state, "l");
    assert!(at_caret(&state).starts_with("京都"), "{}", at_caret(&state));
    keys(&mut state, "3l");
    assert!(at_caret(&state).starts_with("舎"));
    keys(&mut state, "h");
    assert!(at_caret(&state).starts_with("庁舎"));
}

#[test]
fn an_emoji_zwj_sequence_and_a_combining_mark_are_one_step_each() {
    let family = "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let text = format!("a{family}e\u{301}z and more");
    let mut state = reader(&text, 120);
    keys(&mut state, "il");
    assert!(at_caret(&state).starts_with(family));
    keys(&mut state, "l");
    assert!(at_caret(&state).starts_with("e\u{301}z"));
    keys(&mut state, "l");
    assert!(at_caret(&state).starts_with("z and"));
    keys(&mut state, "hh");
    assert!(
        at_caret(&state).starts_with(family),
        "back over e + U+0301 and the family"
    );
    // Every place the caret stops is a character boundary.
    for _ in 0..12 {
        keys(&mut state, "l");
        assert!(
            state
                .briefing()
                .document
                .text
                .is_char_boundary(caret(&state))
        );
    }
}

#[test]
fn word_motions_part_words_punctuation_and_ideographs() {
    let mut state = reader("alpha beta, 東京 gamma e\u{301}clair.", 120);
    keys(&mut state, "i");
    keys(&mut state, "w");
    assert!(at_caret(&state).starts_with("beta"));
    keys(&mut state, "w");
    assert!(at_caret(&state).starts_with(", 東京"));
    keys(&mut state, "w");
    assert!(at_caret(&state).starts_with("東京"));
    keys(&mut state, "w");
    assert!(at_caret(&state).starts_with("gamma"));
    keys(&mut state, "w");
    assert!(
        at_caret(&state).starts_with("e\u{301}clair"),
        "a combining mark stays in its word"
    );
    keys(&mut state, "e");
    assert!(at_caret(&state).starts_with("r."), "{}", at_caret(&state));
    keys(&mut state, "b");
    assert!(at_caret(&state).starts_with("e\u{301}clair"));
    keys(&mut state, "2b");
    assert!(at_caret(&state).starts_with("東京"));
    keys(&mut state, "0");
    assert_eq!(caret(&state), 0, "0 alone is the line's start, not a count");
}

#[test]
fn j_and_k_move_by_screen_line_of_a_wrapped_paragraph_and_0_dollar_find_its_edges() {
    let words = "the envoy met the minister again in Vienna before dawn ".repeat(12);
    let mut state = reader(&words, 60);
    keys(&mut state, "i");
    let first_row = row_number(&state, caret(&state));
    keys(&mut state, "4l");
    let column_start = caret(&state);
    keys(&mut state, "j");
    assert_eq!(
        row_number(&state, caret(&state)),
        first_row + 1,
        "one screen line down"
    );
    assert!(caret(&state) > column_start);
    keys(&mut state, "k");
    assert_eq!(caret(&state), column_start, "back to the same column");
    // $ is the last character of the screen line; one more l is the next
    // screen line's first.
    keys(&mut state, "$");
    let end = caret(&state);
    assert_eq!(row_number(&state, end), first_row);
    keys(&mut state, "l");
    assert_eq!(row_number(&state, caret(&state)), first_row + 1);
    keys(&mut state, "0");
    let document = &state.briefing().document;
    let pos = state.layout().pos_of_offset(document, caret(&state));
    assert_eq!(state.layout().offset_of(document, pos), caret(&state));
    // w over the wrap: the word after the break, not glued to the one before.
    keys(&mut state, "k$w");
    assert_eq!(row_number(&state, caret(&state)), first_row + 1);
}

#[test]
fn wrapped_cjk_lines_keep_the_column_in_cells() {
    let text = "東京都庁舎東京都庁舎東京都庁舎東京都庁舎東京都庁舎東京都庁舎東京都庁舎東京都庁舎";
    let mut state = reader(text, 40);
    keys(&mut state, "i2l");
    let before = caret(&state);
    keys(&mut state, "j");
    let after = caret(&state);
    assert_eq!(row_number(&state, after), row_number(&state, before) + 1);
    let document = &state.briefing().document;
    let column = |at| state.layout().caret_column(document, at).map(|(_, c)| c);
    assert_eq!(
        column(before),
        column(after),
        "two cells a character, the same column"
    );
}

#[test]
fn v_selects_what_the_motions_cover_and_esc_backs_out_a_step_at_a_time() {
    let mut state = reader("alpha beta gamma", 120);
    keys(&mut state, "ive");
    let selection = state.selection().expect("a selection");
    assert_eq!(&state.briefing().document.text[selection], "alpha");
    keys(&mut state, "w");
    let selection = state.selection().expect("a selection");
    assert_eq!(&state.briefing().document.text[selection], "alpha b");
    // Backwards past the start: the anchor's grapheme stays in.
    keys(&mut state, "0");
    let selection = state.selection().expect("a selection");
    assert_eq!(&state.briefing().document.text[selection], "a");
    keys(&mut state, "<Esc>");
    assert!(state.selection().is_none());
    assert!(
        state.caret().is_some(),
        "the first Esc drops the selection only"
    );
    keys(&mut state, "<Esc>");
    assert!(state.caret().is_none());
    // Without a caret, j scrolls as before.
    assert!(keys(&mut state, "j").is_empty());
    assert!(state.caret().is_none());
}

#[test]
fn tab_takes_the_caret_to_the_next_mention_and_the_caret_focuses_what_it_is_on() {
    let mut state = reader("first the envoy spoke, then the envoy left.", 120);
    keys(&mut state, "i<Tab>");
    assert!(at_caret(&state).starts_with("envoy spoke"));
    assert!(state.focused_mention().is_some());
    keys(&mut state, "<Tab>");
    assert!(at_caret(&state).starts_with("envoy left"));
    keys(&mut state, "<S-Tab>");
    assert!(at_caret(&state).starts_with("envoy spoke"));
    keys(&mut state, "w");
    assert!(
        state.focused_mention().is_none(),
        "off the mention: nothing focused"
    );
}

#[test]
fn the_terminal_cursor_is_on_the_caret_and_only_while_it_is_on() {
    let mut state = reader("alpha beta gamma", 120);
    let area = ratatui::layout::Rect::new(0, 0, 120, 30);
    assert_eq!(brief::ui::cursor(area, &state), None);
    keys(&mut state, "i");
    let (x0, y0) = brief::ui::cursor(area, &state).expect("the cursor shows the caret");
    keys(&mut state, "w");
    let (x1, y1) = brief::ui::cursor(area, &state).expect("still shown");
    assert_eq!((x1 - x0, y1), (6, y0), "six cells on: \"alpha \"");
    keys(&mut state, "<Esc>");
    assert_eq!(brief::ui::cursor(area, &state), None);
}
