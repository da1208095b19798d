//! Controller tests for the keys of the reader's second round: what an
//! unbound key says, `''` and `` `` ``, Tab after G, help scrolling with
//! every scrolling key, regular-expression search, hint labels, and the
//! effects `update` hands back (quit, suspend, copy, reload) instead of
//! doing I/O itself.

#[path = "support/reader.rs"]
mod reader;

use brief::controller::{Effect, Input, Overlay, update};
use reader::*;

#[test]
fn an_unbound_key_says_so_and_does_nothing() {
    let mut state = fresh();
    let before = state.location();
    keys(&mut state, "H");
    assert_eq!(
        state.message(),
        Some("`H` is not bound here; ? lists the keys")
    );
    assert_eq!(state.location(), before);
    // A half-typed sequence that goes nowhere names both keys.
    keys(&mut state, "gx");
    assert_eq!(
        state.message(),
        Some("`gx` is not bound here; ? lists the keys")
    );
    // A count before it is dropped with it.
    keys(&mut state, "5Hj");
    assert_eq!(top_row(&state), 1);
}

#[test]
fn quote_quote_and_backtick_backtick_go_back_to_the_last_jump_and_return() {
    let mut state = fresh();
    keys(&mut state, "10j");
    let before = state.location();
    keys(&mut state, "G");
    let bottom = state.location();
    keys(&mut state, "''");
    assert_eq!(state.location(), before);
    keys(&mut state, "''");
    assert_eq!(state.location(), bottom, "'' again comes back");
    keys(&mut state, "``");
    assert_eq!(state.location(), before);
    let mut state = fresh();
    keys(&mut state, "''");
    assert_eq!(state.message(), Some("no jump yet to go back from"));
}

#[test]
fn tab_after_g_focuses_the_first_mention_on_screen() {
    let mut state = fresh();
    keys(&mut state, "G");
    let visible = state.visible_text();
    keys(&mut state, "<Tab>");
    let focused = state.focused_mention().expect("a mention is focused");
    let first_on_screen = state
        .briefing()
        .mentions
        .iter()
        .position(|m| m.span.start >= visible.start)
        .expect("the last page has mentions");
    assert_eq!(focused.0, first_on_screen);
    assert!(is_visible(&state, start_of(&state, focused)));
}

#[test]
fn help_scrolls_with_every_scrolling_key_and_counts() {
    let mut state = state_at(120, 30);
    keys(&mut state, "?");
    let scroll = |state: &brief::controller::State| match state.overlay() {
        Some(Overlay::Help { scroll }) => *scroll,
        other => panic!("help is open: {other:?}"),
    };
    let rows = usize::from(brief::controller::overlays::inside(&state).height);
    let total = brief::controller::overlays::lines(&state).1.len();
    let last = total - rows;
    keys(&mut state, "<C-d>");
    assert_eq!(scroll(&state), rows / 2);
    keys(&mut state, "gg<Space>");
    assert_eq!(scroll(&state), rows - 2);
    keys(&mut state, "b3j");
    assert_eq!(scroll(&state), 3);
    keys(&mut state, "G");
    assert_eq!(scroll(&state), last);
    keys(&mut state, "k");
    assert_eq!(scroll(&state), last - 1, "k moves at once at the end");
    keys(&mut state, "gg");
    assert_eq!(scroll(&state), 0);
    // The legend of the screen's symbols is in the help.
    let text: Vec<String> = brief::controller::overlays::lines(&state)
        .1
        .into_iter()
        .map(|(_, line)| line)
        .collect();
    for symbol in ["\u{270e}", "\u{250a}", "\u{258c}", "\u{25b6}", "scrollbar"] {
        assert!(
            text.iter().any(|l| l.contains(symbol)),
            "legend has {symbol}"
        );
    }
    assert_eq!(top_row(&state), 0, "the article did not move");
}

#[test]
fn search_takes_a_regular_expression_after_ctrl_r() {
    let mut state = fresh();
    keys(&mut state, "/<C-r>\\d{4}<Enter>");
    // Leftmost runs of four ASCII digits, none overlapping.
    let expected: Vec<_> = {
        let bytes = text(&state).as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at + 4 <= bytes.len() {
            if bytes[at..at + 4].iter().all(u8::is_ascii_digit) {
                found.push(at..at + 4);
                at += 4;
            } else {
                at += 1;
            }
        }
        found
    };
    assert!(expected.len() > 5, "the briefing has years");
    assert_eq!(state.search().matches(), expected);
    assert!(state.search().label.starts_with("regex /"));
    // A pattern that does not compile says why, and finds nothing.
    keys(&mut state, "/<C-r>(isis<Enter>");
    assert!(state.search().matches().is_empty());
    assert!(
        state.message().unwrap_or("").starts_with("regex: "),
        "{:?}",
        state.message()
    );
    // Smart case: lower case ignores case, a capital does not.
    keys(&mut state, "/<C-r>isis-?k<Enter>");
    let any_case = state.search().matches().len();
    keys(&mut state, "/<C-r>ISIS-?K<Enter>");
    assert!(any_case >= state.search().matches().len());
    assert!(!state.search().matches().is_empty());
    // N goes backward after /: ? stays the help.
    keys(&mut state, "n");
    let forward = state.search().current_index();
    keys(&mut state, "N");
    assert_ne!(state.search().current_index(), forward);
}

#[test]
fn hint_labels_put_every_visible_mention_two_keys_away() {
    let mut state = fresh();
    keys(&mut state, "F");
    assert!(matches!(state.overlay(), Some(Overlay::Hints { .. })));
    let labelled = brief::controller::hint_labels(&state);
    assert!(labelled.len() > 3);
    let visible = state.visible_text();
    for (id, _) in &labelled {
        assert!(visible.contains(&state.briefing().mentions[id.0].span.start));
    }
    let (target, label) = labelled[3].clone();
    keys(&mut state, &label);
    assert!(state.overlay().is_none());
    assert_eq!(state.focused_mention(), Some(target));
    assert_eq!(
        state.selected_entity(),
        Some(state.briefing().mentions[target.0].entity)
    );
    // A label that is none closes the labels and says so.
    keys(&mut state, "F1");
    assert!(state.overlay().is_none());
    assert_eq!(state.message(), Some("no mention is labelled `1`"));
    keys(&mut state, "F<Esc>");
    assert!(state.overlay().is_none());
}

#[test]
fn quitting_suspending_copying_and_reloading_are_effects() {
    let mut state = fresh();
    assert_eq!(keys(&mut state, "q"), vec![Effect::Quit]);
    assert_eq!(keys(&mut state, "<C-c>"), vec![Effect::Quit]);
    // Ctrl-c quits from a prompt too, where q is typed.
    assert_eq!(keys(&mut state, "/abc<C-c>"), vec![Effect::Quit]);
    let mut state = fresh();
    assert_eq!(keys(&mut state, "<C-z>"), vec![Effect::Suspend]);
    assert_eq!(keys(&mut state, "R"), vec![Effect::Reload]);
    // y copies the focused mention with its citation.
    keys(&mut state, "<Tab><Tab><Tab>");
    let effects = keys(&mut state, "y");
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("y copies: {effects:?}");
    };
    let mention = &state.briefing().mentions[state.focused_mention().unwrap().0];
    let quoted = &state.briefing().document.text[mention.span.clone()];
    let line = line_of(&state, mention.span.start);
    assert!(
        text.starts_with(&format!("\u{201c}{quoted}\u{201d} \u{2014} ")),
        "{text}"
    );
    assert!(
        text.contains("Crocus City Hall attack, 22 March 2024"),
        "{text}"
    );
    assert!(text.ends_with(&format!(", line {line}")), "{text}");
    // The outside world's answer reaches the status line through update.
    update(
        &mut state,
        Input::Reported("copied 42 characters to the clipboard".into()),
    );
    assert_eq!(
        state.message(),
        Some("copied 42 characters to the clipboard")
    );
}

#[test]
fn a_reload_keeps_the_place_and_a_broken_one_keeps_the_old_briefing() {
    let mut state = fresh();
    keys(&mut state, "30j");
    let top = state.top_offset();
    let briefing = briefing();
    update(
        &mut state,
        Input::Reloaded {
            briefing: Some(Box::new(briefing.clone())),
            problems: Vec::new(),
            warnings: 0,
        },
    );
    assert_eq!(state.top_offset(), top);
    assert_eq!(state.message(), Some("reloaded"));
    let problems = vec!["r.toml:3:1: error: unknown entity".to_string()];
    update(
        &mut state,
        Input::Reloaded {
            briefing: None,
            problems: problems.clone(),
            warnings: 0,
        },
    );
    assert_eq!(state.top_offset(), top, "the old briefing is still shown");
    assert!(matches!(
        state.overlay(),
        Some(Overlay::Diagnostics { lines, .. }) if *lines == problems
    ));
    keys(&mut state, "q");
    assert!(state.overlay().is_none());
}

#[test]
fn messages_belong_to_the_command_that_made_them_and_count_right() {
    let mut state = fresh();
    keys(&mut state, "<C-w>2");
    // An entity with a single mention says "1 mention".
    let rows = state.entity_list().rows.clone();
    let single = rows
        .iter()
        .position(|id| state.briefing().entity(*id).mentions.len() == 1)
        .expect("an entity mentioned once");
    keys(&mut state, &format!("{}G", single + 1));
    let name = state.briefing().entity(rows[single]).name.clone();
    assert_eq!(
        state.message(),
        Some(format!("entity: {name} (1 mention)").as_str())
    );
    // The next jump clears it.
    keys(&mut state, "<C-w>1]]");
    assert_eq!(state.message(), None);
}

#[test]
fn far_jumps_land_in_the_middle_of_the_view() {
    let mut state = fresh();
    let rows = state.viewport_rows();
    keys(&mut state, "eputin<Enter>");
    let mention = state.focused_mention().unwrap();
    let row = row_of(&state, start_of(&state, mention));
    let from_top = row - top_row(&state);
    assert!(
        from_top + 3 < rows && from_top >= 3,
        "row {from_top} of {rows}: never on the edge rows"
    );
    keys(&mut state, "G]m");
    let mention = state.focused_mention().unwrap();
    let from_top = row_of(&state, start_of(&state, mention)) - top_row(&state);
    assert!(from_top + 3 < rows || top_row(&state) == max_top_row(&state));
}

#[test]
fn enter_on_an_event_at_one_pane_shows_the_article() {
    let mut state = state_at(70, 24);
    keys(&mut state, "<C-w>3jj<Enter>");
    assert_eq!(
        state.visible_panes(),
        vec![brief::controller::Pane::Article]
    );
    assert!(is_visible(&state, state.cursor()));
}

#[test]
fn a_query_typed_in_one_burst_is_searched_for_once_when_the_burst_ends() {
    let mut state = fresh();
    keys(&mut state, "/");
    // A pasted query: the article's longest line, hundreds of keys with no
    // frame between them.
    let query = text(&state)
        .lines()
        .max_by_key(|line| line.len())
        .expect("a line")
        .to_string();
    assert!(query.chars().count() > 300);
    for c in query.chars() {
        update(&mut state, Input::Key(brief::controller::KeyPress::char(c)));
    }
    assert_eq!(state.search().query, query, "every key typed");
    assert!(state.search().stale, "no search yet");
    assert!(state.search().matches().is_empty());
    update(&mut state, Input::Settle);
    assert!(!state.search().stale);
    // The same result as searching for it at once.
    let expected = brief::controller::find_literal(text(&state), &query);
    assert!(!expected.is_empty());
    assert_eq!(state.search().matches(), expected);
    // Enter searches first if the burst has not ended.
    let mut state = fresh();
    keys(&mut state, "/");
    for c in "moscow".chars() {
        update(&mut state, Input::Key(brief::controller::KeyPress::char(c)));
    }
    update(
        &mut state,
        Input::Key(brief::controller::KeyPress::plain(
            brief::controller::Key::Enter,
        )),
    );
    assert_eq!(
        state.search().matches(),
        brief::controller::find_literal(text(&state), "moscow")
    );
    assert!(!state.search().matches().is_empty());
}
