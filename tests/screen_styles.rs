//! The styles of key cells on the bundled briefing's screens, which the
//! text snapshots in `screens.rs` drop: the focused mention, nested
//! mentions, each kind's colour, search matches, the focused pane's border
//! and the bottom-line bar (dark theme).

#[path = "support/screen.rs"]
mod screen;

use brief::layout::{self, RowKind};
use brief::theme::Role;
use ratatui::style::Modifier;

use screen::*;

// --- Styles of key cells (dark theme) ----------------------------------------

#[test]
fn focused_mention_carries_the_focus_style() {
    let theme = dark();
    let focus = theme.style(Role::FocusedMention);
    for (width, height) in SIZES {
        let state = state_after("<Tab><Tab><Tab>", width, height);
        let buffer = buffer_of(&state, &theme);
        let offsets = Offsets::of(&state);
        let id = state.focused_mention().expect("focused");
        let mention = &state.briefing().mentions[id.0];
        let cells = offsets.span(&mention.span);
        assert_eq!(
            squash(&cells_text(&buffer, &cells)),
            squash(mention_text(&state, mention)),
            "{width}x{height}: the focused mention's cells show its text"
        );
        for &(x, y) in &cells {
            let cell = &buffer[(x, y)];
            assert_eq!(Some(cell.fg), focus.fg, "{width}x{height} ({x},{y})");
            assert_eq!(Some(cell.bg), focus.bg, "{width}x{height} ({x},{y})");
            assert!(
                cell.modifier.contains(focus.add_modifier),
                "{width}x{height} ({x},{y}): {}",
                describe(cell)
            );
        }
        // Nothing else in the article looks focused.
        let pane = layout::article_text(state.panes().article.expect("article"));
        for y in pane.y..pane.bottom() {
            for x in pane.x..pane.right() {
                if buffer[(x, y)].bg == focus.bg.expect("focus has a background") {
                    assert!(
                        cells.contains(&(x, y)),
                        "{width}x{height}: stray focus at ({x},{y}) {}",
                        describe(&buffer[(x, y)])
                    );
                }
            }
        }
    }
}

#[test]
fn nested_mentions_are_underlined_in_the_inner_kind_colour() {
    let theme = dark();
    let underline = theme.style(Role::NestedMention).add_modifier;
    assert!(underline.contains(Modifier::UNDERLINED));
    for (width, height) in SIZES {
        let state = state_after("", width, height);
        let buffer = buffer_of(&state, &theme);
        let offsets = Offsets::of(&state);
        let briefing = &state.briefing();
        let mut checked_inner = 0;
        let mut checked_outer = 0;
        for (index, mention) in briefing.mentions.iter().enumerate() {
            let cells = offsets.span(&mention.span);
            if cells.is_empty() {
                continue;
            }
            let kind = theme.kind(&briefing.entity(mention.entity).kind);
            if is_nested(briefing, index) {
                checked_inner += 1;
                for &(x, y) in &cells {
                    let cell = &buffer[(x, y)];
                    assert!(
                        cell.modifier.contains(Modifier::UNDERLINED),
                        "{width}x{height}: nested {:?} at ({x},{y}) {}",
                        mention_text(&state, mention),
                        describe(cell)
                    );
                    assert_eq!(Some(cell.fg), kind.fg, "{width}x{height} inner colour");
                }
            } else if has_nested(briefing, index) {
                // The outer mention's own text keeps its kind colour and is
                // not underlined (its nested part is checked above).
                let nested: Vec<(u16, u16)> = briefing
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(other, m)| {
                        *other != index
                            && mention.span.start <= m.span.start
                            && m.span.end <= mention.span.end
                    })
                    .flat_map(|(_, m)| offsets.span(&m.span))
                    .collect();
                for &(x, y) in cells.iter().filter(|c| !nested.contains(c)) {
                    let cell = &buffer[(x, y)];
                    if cell.symbol() == " " {
                        continue;
                    }
                    checked_outer += 1;
                    assert_eq!(Some(cell.fg), kind.fg, "{width}x{height} outer colour");
                    assert!(
                        !cell.modifier.contains(Modifier::UNDERLINED),
                        "{width}x{height}: outer {:?} {}",
                        mention_text(&state, mention),
                        describe(cell)
                    );
                }
            }
        }
        // "a concert venue on the edge of Moscow" holds "Moscow", in the
        // bottom line up front, on the first screen at every size.
        assert!(
            checked_inner >= 1,
            "{width}x{height}: a nested mention on screen"
        );
        assert!(
            checked_outer >= 1,
            "{width}x{height}: an outer mention on screen"
        );
    }
}

#[test]
fn mentions_show_their_entity_kind_colour() {
    let theme = dark();
    for (width, height) in SIZES {
        let mut people = 0;
        let mut kinds = std::collections::BTreeSet::new();
        // The first screen, and two half pages on (at 80x24 the first
        // person, Vladimir Putin, is just below the first screen).
        for keys in ["", "<C-d>", "<C-d><C-d>"] {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let offsets = Offsets::of(&state);
            let briefing = &state.briefing();
            for (index, mention) in briefing.mentions.iter().enumerate() {
                if is_nested(briefing, index) || has_nested(briefing, index) {
                    continue;
                }
                let kind = &briefing.entity(mention.entity).kind;
                let style = theme.kind(kind);
                for (x, y) in offsets.span(&mention.span) {
                    let cell = &buffer[(x, y)];
                    assert_eq!(
                        Some(cell.fg),
                        style.fg,
                        "{width}x{height}: {kind} mention {:?} at ({x},{y}) {}",
                        mention_text(&state, mention),
                        describe(cell)
                    );
                    kinds.insert(kind.clone());
                    if kind == "person" {
                        people += 1;
                    }
                }
            }
            // And no kind colour bleeds onto text outside every mention.
            let plain_roles = [
                Role::Text,
                Role::Heading,
                Role::Caption,
                Role::Quote,
                Role::Code,
                Role::Link,
                Role::BottomLine,
            ];
            let plain: Vec<_> = plain_roles.iter().map(|&r| theme.style(r).fg).collect();
            let kind_colours: Vec<_> = briefing
                .entities
                .iter()
                .map(|e| theme.kind(&e.kind).fg)
                .filter(|fg| !plain.contains(fg))
                .collect();
            for ((x, y), offset) in &offsets.0 {
                let covered = briefing.mentions.iter().any(|m| m.span.contains(offset));
                let cell = &buffer[(*x, *y)];
                if !covered && !cell.symbol().trim().is_empty() {
                    assert!(
                        !kind_colours.contains(&Some(cell.fg)),
                        "{width}x{height}: ({x},{y}) outside any mention has a kind colour: {}",
                        describe(cell)
                    );
                }
            }
        }
        assert!(
            people > 0,
            "{width}x{height}: a person is mentioned on screen"
        );
        assert!(
            kinds.len() >= 3,
            "{width}x{height}: kinds on screen {kinds:?}"
        );
        // The person colour is a real colour, distinct from plain text.
        assert_ne!(theme.kind("person").fg, theme.style(Role::Text).fg);
    }
}

#[test]
fn search_matches_and_the_current_one_are_highlighted() {
    let theme = dark();
    let matched = theme.style(Role::SearchMatch);
    let current = theme.style(Role::SearchCurrent);
    assert_ne!(matched.bg, current.bg);
    for keys in ["/Moscow", "/Moscow<Enter>", "/Moscow<Enter>n"] {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let offsets = Offsets::of(&state);
            let mut shown = 0;
            let mut current_shown = false;
            for (index, range) in state.search().matches().iter().enumerate() {
                let cells = offsets.span(range);
                if cells.is_empty() {
                    continue;
                }
                assert_eq!(squash(&cells_text(&buffer, &cells)), "Moscow");
                let is_current = state.search().current_index() == Some(index);
                current_shown |= is_current;
                shown += 1;
                let expected = if is_current { current } else { matched };
                for &(x, y) in &cells {
                    assert!(
                        has_style(&buffer[(x, y)], expected),
                        "{keys} {width}x{height}: match {index} (current: {is_current}) at ({x},{y}) {}",
                        describe(&buffer[(x, y)])
                    );
                }
            }
            assert!(shown >= 2, "{keys} {width}x{height}: matches on screen");
            if state.search().current_index().is_some() {
                assert!(
                    current_shown,
                    "{keys} {width}x{height}: current match visible"
                );
            }
        }
    }
    // The highlight stops where the matches do, also where no mention
    // edge is there to stop it ("the" is in no entity's name).
    for keys in ["/Moscow<Enter>", "/the<Enter>", "/band<Enter>"] {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let offsets = Offsets::of(&state);
            assert!(!state.search().matches().is_empty(), "{keys}");
            for ((x, y), offset) in &offsets.0 {
                let in_match = state.search().matches().iter().any(|m| m.contains(offset));
                let cell = &buffer[(*x, *y)];
                if !in_match {
                    assert!(
                        cell.bg != matched.bg.unwrap_or_default()
                            && cell.bg != current.bg.unwrap_or_default(),
                        "{keys} {width}x{height}: ({x},{y}) outside every match is highlighted: {}",
                        describe(cell)
                    );
                }
            }
        }
    }
}

#[test]
fn the_focused_pane_has_the_focused_border() {
    let theme = dark();
    let focused = theme.style(Role::BorderFocused);
    let plain = theme.style(Role::Border);
    assert_ne!(focused.fg, plain.fg);
    for (keys, pane) in [
        ("", 0),
        ("<C-w>2", 1),
        ("<C-w>3", 2),
        ("<C-w>3<Esc><C-w>1", 0),
    ] {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let panes = state.panes();
            let areas = [panes.article, panes.entities, panes.timeline];
            for (index, area) in areas.iter().enumerate() {
                let area = area.expect("all panes shown at the standard sizes");
                let expected = if index == pane { focused } else { plain };
                // The four corners and the left edge's middle.
                for (x, y) in [
                    (area.x, area.y),
                    (area.right() - 1, area.y),
                    (area.x, area.bottom() - 1),
                    (area.right() - 1, area.bottom() - 1),
                    (area.x, area.y + area.height / 2),
                ] {
                    let cell = &buffer[(x, y)];
                    assert_eq!(
                        Some(cell.fg),
                        expected.fg,
                        "{keys:?} {width}x{height}: pane {index} border at ({x},{y}) {}",
                        describe(cell)
                    );
                }
            }
        }
    }
}

#[test]
fn the_bottom_line_bar_marks_bottom_line_blocks() {
    let theme = dark();
    let marker = theme.style(Role::BottomLineMarker);
    for (width, height) in SIZES {
        let state = state_after("", width, height);
        let buffer = buffer_of(&state, &theme);
        let document = &state.briefing().document;
        let pane = state.panes().article.expect("article");
        let inside = layout::inner(pane);
        let mut marked = 0;
        for dy in 0..inside.height {
            let y = inside.y + dy;
            let (row, moved) = state.layout().step(
                document,
                state.top(),
                brief::controller::signed(usize::from(dy)),
            );
            let bottom_line = match state.layout().row_kind(document, row) {
                _ if moved < usize::from(dy) => false,
                RowKind::Line { block, .. } => document.blocks[block].bottom_line,
                _ => false,
            };
            let cell = &buffer[(inside.x + 1, y)];
            if bottom_line {
                marked += 1;
                assert_eq!(cell.symbol(), "\u{258c}", "{width}x{height} row {y}");
                assert!(
                    has_style(cell, marker),
                    "{width}x{height}: {}",
                    describe(cell)
                );
            } else {
                assert_ne!(cell.symbol(), "\u{258c}", "{width}x{height} row {y}");
            }
        }
        assert!(
            marked >= 4,
            "{width}x{height}: the bottom line is on the first screen"
        );
    }
}
