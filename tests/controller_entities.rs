//! Controller tests for mentions, sections, notes, the entity sidebar and the timeline: checked on the state alone (no terminal), on
//! the bundled briefing. Expected values are computed from the briefing
//! itself, never typed in by hand. The other controller tests are in
//! `controller*.rs`; their shared helpers in `support/reader.rs`.

#[path = "support/reader.rs"]
mod reader;

use std::ops::Range;

use brief::controller::{Overlay, Pane};
use brief::model::MentionId;

use reader::*;

// --- Mentions --------------------------------------------------------------------------

#[test]
fn tab_visits_every_mention_in_text_order_outer_before_nested() {
    let mut state = fresh();
    let count = state.briefing().mentions.len();
    // Mentions are in text order, an outer one before those nested in it.
    let spans: Vec<Range<usize>> = state
        .briefing()
        .mentions
        .iter()
        .map(|m| m.span.clone())
        .collect();
    for pair in spans.windows(2) {
        assert!(
            (pair[0].start, std::cmp::Reverse(pair[0].end))
                <= (pair[1].start, std::cmp::Reverse(pair[1].end))
        );
    }
    let nested = spans
        .windows(2)
        .position(|pair| pair[0].start <= pair[1].start && pair[1].end <= pair[0].end)
        .expect("the bundled briefing has nested mentions");
    for index in 0..count {
        keys(&mut state, "<Tab>");
        assert_eq!(
            state.focused_mention(),
            Some(MentionId(index)),
            "Tab #{}",
            index + 1
        );
        let start = spans[index].start;
        assert_eq!(state.cursor(), start);
        assert!(is_visible(&state, start), "mention {index} is on screen");
        if index == nested + 1 {
            assert_eq!(
                state.jumps().len(),
                0,
                "Tab is not a jump (outer {:?} was focused before nested {:?})",
                spans[nested],
                spans[nested + 1]
            );
        }
    }
    // Wraps to the first.
    keys(&mut state, "<Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(0)));
    assert_eq!(top_row(&state), 0);
    // Shift-Tab wraps back to the last and walks down in reverse.
    for index in (0..count).rev() {
        keys(&mut state, "<S-Tab>");
        assert_eq!(state.focused_mention(), Some(MentionId(index)));
        assert!(is_visible(&state, spans[index].start));
    }
}

#[test]
fn tab_takes_a_count_and_wraps() {
    let mut state = fresh();
    let count = state.briefing().mentions.len();
    keys(&mut state, "3<Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(2)));
    assert_eq!(state.focus(), Pane::Article, "a count focuses no pane");
    assert_eq!(state.keys().count, None);
    keys(&mut state, "3<Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(5)));
    keys(&mut state, "<S-Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(4)));
    keys(&mut state, "2<S-Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(2)));
    keys(&mut state, "5<S-Tab>");
    assert_eq!(
        state.focused_mention(),
        Some(MentionId(count - 3)),
        "wraps backward"
    );
    keys(&mut state, "4<Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(1)), "wraps forward");
    let mut state = fresh();
    keys(&mut state, "<S-Tab>");
    assert_eq!(
        state.focused_mention(),
        Some(MentionId(count - 1)),
        "Shift-Tab from the top wraps to the last mention"
    );
}

#[test]
fn tab_after_scrolling_away_starts_from_the_view() {
    let mut state = fresh();
    keys(&mut state, "<Tab>40j");
    assert!(!is_visible(&state, start_of(&state, MentionId(0))));
    let from = state.cursor();
    assert!(is_visible(&state, from));
    let next = state
        .briefing()
        .mentions
        .partition_point(|m| m.span.start < from);
    keys(&mut state, "<Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(next)));
    let mut state = fresh();
    keys(&mut state, "<Tab>40j");
    let from = state.cursor();
    let previous = state
        .briefing()
        .mentions
        .partition_point(|m| m.span.start < from)
        - 1;
    keys(&mut state, "<S-Tab>");
    assert_eq!(state.focused_mention(), Some(MentionId(previous)));
}

#[test]
fn enter_on_a_focused_mention_selects_its_entity() {
    let mut state = fresh();
    keys(&mut state, "<Enter>");
    assert_eq!(state.selected_entity(), None);
    assert!(state.message().unwrap_or("").contains("no mention"));
    keys(&mut state, "<Tab><Tab><Enter>");
    let owner = state.briefing().mentions[1].entity;
    assert_eq!(state.selected_entity(), Some(owner));
    assert_eq!(
        list_entity(&state),
        Some(owner),
        "the sidebar cursor follows"
    );
    assert_eq!(state.focused_mention(), Some(MentionId(1)));
    assert_eq!(state.focus(), Pane::Article);
    let name = &state.briefing().entity(owner).name;
    assert!(state.message().unwrap_or("").contains(name.as_str()));
}

#[test]
fn bracket_m_walks_the_selected_entitys_mentions_and_wraps() {
    let mut state = fresh();
    keys(&mut state, "<Tab><Tab><Enter>");
    let owner = state.selected_entity().unwrap();
    let list = state.briefing().entity(owner).mentions.clone();
    assert!(list.len() > 4);
    assert_eq!(status_index(&state), Some((0, list.len())));
    for step in 1..list.len() {
        keys(&mut state, "]m");
        assert_eq!(state.focused_mention(), Some(list[step]), "]m #{step}");
        assert_eq!(status_index(&state), Some((step, list.len())));
        assert!(is_visible(&state, start_of(&state, list[step])));
        assert_eq!(state.message(), None, "no wrap yet at {step}");
        assert_eq!(state.selected_entity(), Some(owner));
        assert_eq!(state.jumps().len(), step, "each ]m records a jump");
    }
    keys(&mut state, "]m");
    assert_eq!(state.focused_mention(), Some(list[0]));
    assert!(state.message().unwrap_or("").contains("wrapped"));
    keys(&mut state, "[m");
    assert_eq!(state.focused_mention(), Some(list[list.len() - 1]));
    assert!(state.message().unwrap_or("").contains("wrapped"));
    keys(&mut state, "[m");
    assert_eq!(state.focused_mention(), Some(list[list.len() - 2]));
    assert_eq!(state.message(), None);
    keys(&mut state, "3]m");
    assert_eq!(
        state.focused_mention(),
        Some(list[1]),
        "3]m wraps past the end"
    );
    assert_eq!(
        state.focus(),
        Pane::Article,
        "3]m: the focus is back on the article"
    );
    assert!(state.message().unwrap_or("").contains("wrapped"));
    keys(&mut state, "2[m");
    assert_eq!(state.focused_mention(), Some(list[list.len() - 1]));
    assert_eq!(state.focus(), Pane::Article);
    keys(&mut state, "3]m");
    assert_eq!(state.focused_mention(), Some(list[2]));
    assert_eq!(status_index(&state), Some((2, list.len())));
}

#[test]
fn bracket_m_without_a_selection_walks_the_focused_mentions_entity() {
    let mut state = fresh();
    keys(&mut state, "]m");
    assert!(state.message().unwrap_or("").contains("no entity"));
    assert_eq!(state.focused_mention(), None);
    keys(&mut state, "<Tab>]m");
    let owner = state.briefing().mentions[0].entity;
    assert_eq!(
        state.focused_mention(),
        Some(state.briefing().entity(owner).mentions[1])
    );
    assert_eq!(state.selected_entity(), Some(owner));
}

/// BUG: `]m` from before an entity's first mention reports a wrap-around
/// although it simply goes forward to the first mention.
#[test]
fn bracket_m_to_the_first_mention_from_the_top_is_not_a_wrap() {
    let mut state = fresh();
    keys(&mut state, "<C-w>2gg");
    let selected = state.selected_entity().expect("gg selects the first row");
    assert_eq!(Some(selected), state.entity_list().rows.first().copied());
    keys(&mut state, "]m");
    let first = state.briefing().entity(selected).mentions[0];
    assert_eq!(state.focused_mention(), Some(first));
    assert!(
        !state.message().unwrap_or("").contains("wrapped"),
        "going down from the top to the first mention is no wrap: {:?}",
        state.message()
    );
}

#[test]
fn ctrl_w_focuses_panes_and_digits_stay_counts() {
    for (notation, pane) in [
        ("<C-w>1", Pane::Article),
        ("<C-w>2", Pane::Entities),
        ("<C-w>3", Pane::Timeline),
        ("<C-w>w", Pane::Entities),
        ("\\", Pane::Entities),
        ("<C-w>l", Pane::Entities),
        ("<C-w>l<C-w>l<C-w>l", Pane::Timeline),
        ("<C-w>3<C-w>h", Pane::Entities),
        ("<C-w>h", Pane::Article),
    ] {
        let mut state = fresh();
        keys(&mut state, notation);
        assert_eq!(state.focus(), pane, "{notation}");
        assert_eq!(state.view().narrow_pane, pane.index());
    }
    // `2j` scrolls the article two lines: a digit is a count, never a pane.
    let mut state = fresh();
    keys(&mut state, "2j");
    assert_eq!(state.focus(), Pane::Article);
    assert_eq!(top_row(&state), 2);
    assert_eq!(state.keys().count, None);
    // In a list, `3j` moves three rows and `2G` goes to the second.
    keys(&mut state, "<C-w>w3j");
    assert_eq!(state.focus(), Pane::Entities);
    assert_eq!(state.entity_list().cursor, 3);
    keys(&mut state, "2G");
    assert_eq!(state.entity_list().cursor, 1);
    assert_eq!(state.selected_entity(), Some(state.entity_list().rows[1]));
    keys(&mut state, "<C-w>w3j");
    assert_eq!(state.selected_event(), 3);
    keys(&mut state, "1gg");
    assert_eq!(state.selected_event(), 0);
    assert_eq!(top_row(&state), 2, "the article stayed where it was");
}

// --- Sections and notes ---------------------------------------------------------------

#[test]
fn section_motions_go_heading_to_heading_without_wrapping() {
    let mut state = fresh();
    let headings = heading_starts(&state);
    assert!(headings.len() > 5);
    assert_eq!(headings[0], 0, "the title heading is at the top");
    keys(&mut state, "]]");
    assert_eq!(state.cursor(), headings[1]);
    assert_eq!(
        top_row(&state),
        row_of(&state, headings[1]) - 1,
        "heading near the top"
    );
    assert_eq!(state.jumps().len(), 1);
    keys(&mut state, "2]]");
    assert_eq!(state.cursor(), headings[3]);
    assert_eq!(state.focus(), Pane::Article);
    keys(&mut state, "[[");
    assert_eq!(state.cursor(), headings[2]);
    let mut at = 2;
    while at + 1 < headings.len() {
        keys(&mut state, "]]");
        at += 1;
        assert_eq!(state.cursor(), headings[at]);
        assert!(is_visible(&state, headings[at]));
        assert_eq!(state.message(), None);
    }
    let (scroll, jumps) = (top_row(&state), state.jumps().len());
    keys(&mut state, "]]");
    assert_eq!(state.message(), Some("no more sections"));
    assert_eq!((state.cursor(), top_row(&state)), (headings[at], scroll));
    assert_eq!(state.jumps().len(), jumps, "no jump when nothing moved");
    let before = headings.len() - 1;
    keys(&mut state, &format!("{before}[["));
    assert_eq!(state.cursor(), headings[0]);
    keys(&mut state, "[[");
    assert_eq!(state.message(), Some("no more sections"));
    assert_eq!(state.cursor(), headings[0]);
}

#[test]
fn note_motions_go_note_to_note_without_wrapping() {
    let mut state = fresh();
    let notes = note_starts(&state);
    assert!(notes.len() > 3);
    keys(&mut state, "[n");
    assert_eq!(state.message(), Some("no more notes"));
    for (index, start) in notes.iter().enumerate() {
        keys(&mut state, "]n");
        assert_eq!(state.cursor(), *start, "note {index}");
        assert!(is_visible(&state, *start));
        assert_eq!(state.focused_mention(), None);
    }
    keys(&mut state, "]n");
    assert_eq!(state.message(), Some("no more notes"));
    assert_eq!(state.cursor(), notes[notes.len() - 1]);
    keys(&mut state, "2[n");
    assert_eq!(state.cursor(), notes[notes.len() - 3]);
    assert_eq!(state.focus(), Pane::Article);
    keys(&mut state, "gg4]n");
    assert_eq!(state.cursor(), notes[3]);
}

// --- The entity sidebar ------------------------------------------------------------------

#[test]
fn the_sidebar_lists_entities_by_kind_and_selects_with_j_k_gg_g() {
    let mut state = fresh();
    let rows = state.entity_list().rows.clone();
    assert_eq!(rows.len(), state.briefing().entities.len());
    keys(&mut state, "<C-w>2");
    assert_eq!(state.focus(), Pane::Entities);
    for (notation, cursor) in [
        ("j", 1),
        ("5j", 6),
        ("k", 5),
        ("<Down>", 6),
        ("<Up>", 5),
        ("G", rows.len() - 1),
        ("j", rows.len() - 1),
        ("gg", 0),
        ("k", 0),
        ("<End>", rows.len() - 1),
        ("<Home>", 0),
    ] {
        keys(&mut state, notation);
        assert_eq!(state.entity_list().cursor, cursor, "{notation}");
        assert_eq!(state.selected_entity(), Some(rows[cursor]), "{notation}");
        assert_eq!(state.focus(), Pane::Entities);
    }
    assert_eq!(top_row(&state), 0, "list keys leave the article alone");
    assert!(state.jumps().is_empty());
}

#[test]
fn enter_in_the_sidebar_goes_to_the_first_mention_then_the_next() {
    let mut state = fresh();
    let isis = entity(&state, "isis-k");
    let row = state
        .entity_list()
        .rows
        .iter()
        .position(|id| *id == isis)
        .unwrap();
    keys(&mut state, "<C-w>2gg");
    for _ in 0..row {
        keys(&mut state, "j");
    }
    assert_eq!(state.selected_entity(), Some(isis));
    let list = mentions_of(&state, "isis-k");
    for (step, mention) in list.iter().enumerate() {
        keys(&mut state, "<Enter>");
        assert_eq!(
            state.focused_mention(),
            Some(*mention),
            "Enter #{}",
            step + 1
        );
        assert!(is_visible(&state, start_of(&state, *mention)));
        assert_eq!(state.focus(), Pane::Entities);
        assert_eq!(state.jumps().len(), step + 1);
    }
    keys(&mut state, "<Enter>");
    assert_eq!(
        state.focused_mention(),
        Some(list[0]),
        "after the last: the first again"
    );
}

#[test]
fn the_entity_filter_narrows_rows_as_you_type() {
    let mut state = fresh();
    keys(&mut state, "<C-w>2/");
    assert!(state.entity_list().editing);
    assert_eq!(state.focus(), Pane::Entities);
    let mut typed = String::new();
    for c in "put".chars() {
        keys(&mut state, &c.to_string());
        typed.push(c);
        assert_eq!(state.entity_list().filter, typed);
        assert_eq!(
            state.entity_list().rows,
            expected_rows(state.briefing(), &typed),
            "filter {typed:?}"
        );
        assert_eq!(
            state.selected_entity(),
            state.entity_list().rows.first().copied()
        );
    }
    assert_eq!(
        state.entity_list().rows,
        vec![entity(&state, "vladimir-putin")],
        "only Putin has 'put' in a name, alias or kind"
    );
    keys(&mut state, "<BS>");
    assert_eq!(
        state.entity_list().rows,
        expected_rows(state.briefing(), "pu")
    );
    keys(&mut state, "<Esc>");
    assert!(!state.entity_list().editing);
    assert!(state.entity_list().filter.is_empty());
    assert_eq!(
        state.entity_list().rows,
        expected_rows(state.briefing(), "")
    );
    // Enter keeps the filter; the list then works as usual; Esc clears it.
    keys(&mut state, "/place<Enter>");
    assert!(!state.entity_list().editing);
    let places = expected_rows(state.briefing(), "place");
    assert!(places.len() > 5 && places.len() < state.briefing().entities.len());
    assert_eq!(state.entity_list().rows, places);
    keys(&mut state, "j");
    assert_eq!(state.selected_entity(), Some(places[1]));
    keys(&mut state, "<Esc>");
    assert!(state.entity_list().filter.is_empty());
    assert_eq!(
        state.entity_list().rows.len(),
        state.briefing().entities.len()
    );
    assert_eq!(
        list_entity(&state),
        Some(places[1]),
        "the selection stays under the cursor"
    );
    // A filter that matches nothing leaves an empty, harmless list.
    keys(&mut state, "/zzzz<Enter>");
    assert!(state.entity_list().rows.is_empty());
    assert_eq!(state.selected_entity(), None);
    keys(&mut state, "jkGgg<Enter>r");
    assert!(state.overlay().is_none());
}

#[test]
fn r_lists_relations_and_enter_selects_the_related_entity() {
    let mut state = fresh();
    let isis = entity(&state, "isis-k");
    let others = related(state.briefing(), isis);
    assert!(others.len() > 2);
    keys(&mut state, "e");
    keys(&mut state, "ISIS-K<Enter>");
    assert_eq!(state.selected_entity(), Some(isis));
    keys(&mut state, "<C-w>2r");
    assert_eq!(state.overlay(), Some(&Overlay::Relations { cursor: 0 }));
    keys(&mut state, "j");
    assert_eq!(state.overlay(), Some(&Overlay::Relations { cursor: 1 }));
    keys(&mut state, "k");
    assert_eq!(state.overlay(), Some(&Overlay::Relations { cursor: 0 }));
    for _ in 0..others.len() + 3 {
        keys(&mut state, "j");
    }
    assert_eq!(
        state.overlay(),
        Some(&Overlay::Relations {
            cursor: others.len() - 1
        }),
        "the cursor stops at the last relation"
    );
    assert_eq!(state.focus(), Pane::Entities);
    keys(&mut state, "<Esc>");
    assert!(state.overlay().is_none());
    assert_eq!(state.selected_entity(), Some(isis));
    keys(&mut state, "rj<Enter>");
    assert!(state.overlay().is_none());
    assert_eq!(state.selected_entity(), Some(others[1]));
    assert_eq!(list_entity(&state), Some(others[1]));
    // The last relation is an incoming one.
    let mut state = fresh();
    keys(&mut state, "eISIS-K<Enter><C-w>2rG");
    keys(&mut state, &"j".repeat(others.len()));
    keys(&mut state, "<Enter>");
    assert_eq!(state.selected_entity(), Some(others[others.len() - 1]));
    // q closes the list without quitting; an entity without relations says so.
    let mut state = fresh();
    let quit = quits(&mut state, "eISIS-K<Enter><C-w>wrq");
    assert!(state.overlay().is_none());
    assert!(!quit);
    let band = entity(&state, "rock-band");
    assert!(related(state.briefing(), band).is_empty());
    keys(&mut state, "elocal rock band<Enter><C-w>2r");
    assert_eq!(state.selected_entity(), Some(band));
    assert!(state.overlay().is_none());
    assert!(state.message().unwrap_or("").contains("no relations"));
}

// --- The timeline ---------------------------------------------------------------------------

#[test]
fn the_timeline_selects_with_j_k_gg_g() {
    let mut state = fresh();
    let last = state.briefing().events.len() - 1;
    keys(&mut state, "<C-w>3");
    assert_eq!(state.focus(), Pane::Timeline);
    for (notation, selected) in [
        ("j", 1),
        ("5j", 6),
        ("k", 5),
        ("G", last),
        ("j", last),
        ("gg", 0),
        ("k", 0),
        ("<Down>", 1),
        ("<End>", last),
        ("<Home>", 0),
    ] {
        keys(&mut state, notation);
        assert_eq!(state.selected_event(), selected, "{notation}");
        assert_eq!(state.focus(), Pane::Timeline);
    }
    assert_eq!(top_row(&state), 0);
}

#[test]
fn enter_on_an_event_brings_its_passage_into_view_and_records_a_jump() {
    let template = fresh();
    for (index, event) in template.briefing().events.iter().enumerate() {
        let mut state = template.clone();
        keys(&mut state, "<C-w>3");
        for _ in 0..index {
            keys(&mut state, "j");
        }
        keys(&mut state, "<Enter>");
        let passage = event
            .passage
            .clone()
            .expect("every bundled event has a passage");
        assert_eq!(state.selected_event(), index);
        assert!(
            is_visible(&state, passage.start),
            "{}: passage on screen",
            event.id
        );
        assert_eq!(state.cursor(), passage.start);
        assert_eq!(state.jumps().len(), 1, "{}: records a jump", event.id);
        let inside = state
            .briefing()
            .mentions
            .iter()
            .position(|m| passage.contains(&m.span.start))
            .map(MentionId);
        assert_eq!(state.focused_mention(), inside, "{}", event.id);
        keys(&mut state, "<C-o>");
        assert_eq!(top_row(&state), 0, "{}: back to the top", event.id);
        assert_eq!(state.focused_mention(), None);
    }
}
