//! The bundled briefing's screens under `NO_COLOR` (the mono theme:
//! attributes only), and a sweep over every terminal size checking that
//! drawing never panics and never leaves its area.

#[path = "support/screen.rs"]
mod screen;

use brief::controller::{Keymap, State, press};
use brief::layout::Area;
use brief::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use screen::*;

// --- NO_COLOR: the mono theme ------------------------------------------------

/// Under `NO_COLOR` the screen reads the same, and emphasis is by
/// attributes alone.
#[test]
fn mono_theme_uses_attributes_only() {
    let mono = mono();
    let dark = dark();
    let scenarios = [
        "",
        "<Tab><Tab><Tab>",
        "<Tab><Tab><Tab><Enter>",
        "/Moscow",
        "/Moscow<Enter>n",
        "eisis",
        "?",
        "3j<Enter>",
    ];
    for keys in scenarios {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let plain = buffer_of(&state, &mono);
            assert_eq!(
                screen_text(&plain),
                screen_text(&buffer_of(&state, &dark)),
                "{keys:?} {width}x{height}: same text in both themes"
            );
            for cell in plain.content() {
                assert_eq!(cell.fg, Color::Reset, "{keys:?}: {}", describe(cell));
                assert_eq!(cell.bg, Color::Reset, "{keys:?}: {}", describe(cell));
            }
        }
    }
    for (width, height) in SIZES {
        // The focused mention is reversed.
        let state = state_after("<Tab><Tab><Tab>", width, height);
        let buffer = buffer_of(&state, &mono);
        let offsets = Offsets::of(&state);
        let id = state.focused_mention().expect("focused");
        let cells = offsets.span(&state.briefing().mentions[id.0].span);
        assert!(!cells.is_empty());
        for (x, y) in cells {
            assert!(
                buffer[(x, y)].modifier.contains(Modifier::REVERSED),
                "{width}x{height}: {}",
                describe(&buffer[(x, y)])
            );
        }
        // Unfocused mentions are not reversed, so the focus stands out.
        let other = state
            .briefing()
            .mentions
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != id.0)
            .flat_map(|(_, m)| offsets.span(&m.span))
            .find(|&(x, y)| !buffer[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(other.is_some(), "{width}x{height}: an unfocused mention");

        // Search matches are reversed; the current one carries the
        // theme's `search_current` attributes. (It is not always told apart:
        // every mention is underlined in mono, so a match on a mention in
        // bold text already has all of reversed, bold and underlined.)
        let state = state_after("/Moscow<Enter>", width, height);
        let buffer = buffer_of(&state, &mono);
        let offsets = Offsets::of(&state);
        let mut shown = 0;
        for (index, range) in state.search().matches().iter().enumerate() {
            let expected = if state.search().current_index() == Some(index) {
                mono.style(Role::SearchCurrent)
            } else {
                mono.style(Role::SearchMatch)
            };
            for (x, y) in offsets.span(range) {
                let cell = &buffer[(x, y)];
                shown += 1;
                assert!(
                    cell.modifier.contains(Modifier::REVERSED),
                    "{width}x{height}: match {index} {}",
                    describe(cell)
                );
                assert!(
                    has_style(cell, expected),
                    "{width}x{height}: {}",
                    describe(cell)
                );
            }
        }
        assert!(shown > 0, "{width}x{height}: matches on screen");
    }
}

// --- Every size ----------------------------------------------------------------

fn sweep_sizes() -> Vec<(u16, u16)> {
    let widths = (0..=300u16).filter(|w| *w < 130 || w % 17 == 0 || *w == 300);
    // Every height around the minimum (6) and the short-layout threshold
    // (14), then steps to 100.
    let heights = [
        0u16, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15, 18, 24, 30, 40, 50, 60, 75, 99, 100,
    ];
    widths
        .flat_map(|w| heights.iter().map(move |h| (w, *h)))
        .collect()
}

/// Keys that leave something interesting on screen: focus, a selection, a
/// search, an overlay.
const SWEEP_KEYS: [&str; 4] = [
    "<Tab><Tab><Tab><Enter>]m",
    "/Moscow<Enter>n3j",
    "eisis",
    "?jjj",
];

/// A buffer bigger than `area` on every side, every cell marked, so a
/// cell drawn outside the area shows.
fn marked_buffer(area: Rect) -> Buffer {
    let outer = Rect::new(
        area.x.saturating_sub(5),
        area.y.saturating_sub(3),
        area.width + 11,
        area.height + 7,
    );
    let mut buffer = Buffer::empty(outer);
    for cell in &mut buffer.content {
        cell.set_symbol("\u{2591}");
    }
    buffer
}

/// Panics if a cell outside `area` differs from the untouched buffer.
fn assert_untouched_outside(before: &Buffer, after: &Buffer, area: Rect, what: &str) {
    let outer = before.area;
    for y in outer.top()..outer.bottom() {
        for x in outer.left()..outer.right() {
            if !area.contains((x, y).into()) {
                assert_eq!(
                    after[(x, y)],
                    before[(x, y)],
                    "{what}: drew at ({x},{y}) outside {area:?}"
                );
            }
        }
    }
}

/// Draws at every size (all widths below 130, a stride above; heights
/// every row to 16, then in steps) into a bigger buffer, and checks that
/// nothing outside the screen's area changed. Each size gets one of the key
/// sequences, in turn, so every sequence meets every kind of layout.
#[test]
fn every_size_draws_without_panic_inside_its_area() {
    let theme = dark();
    let briefing = bundled();
    for (index, (width, height)) in sweep_sizes().into_iter().enumerate() {
        let keys = SWEEP_KEYS[index % SWEEP_KEYS.len()];
        let mut state = State::new(briefing.clone(), Keymap::default_keymap(), width, height);
        press(&mut state, keys).expect("keys");
        let area = Rect::new(0, 0, width, height);
        let before = marked_buffer(area);
        let mut after = before.clone();
        brief::ui::render(&mut after, area, &state, &theme);
        assert_untouched_outside(
            &before,
            &after,
            area,
            &format!("{keys:?} at {width}x{height}"),
        );
    }
}

/// A screen that does not start at the buffer's origin (the reader's
/// `screen` says where it is) is drawn where it is.
#[test]
fn an_offset_screen_is_drawn_where_it_is() {
    let theme = dark();
    let briefing = bundled();
    for (width, height) in [
        (0, 0),
        (20, 5),
        (24, 6),
        (40, 12),
        (60, 20),
        (80, 24),
        (120, 40),
        (200, 60),
    ] {
        for keys in SWEEP_KEYS {
            let area = Rect::new(5, 3, width, height);
            let mut state = State::new(briefing.clone(), Keymap::default_keymap(), width, height);
            press(&mut state, keys).expect("keys");
            let before = marked_buffer(area);
            let mut after = before.clone();
            brief::ui::render(&mut after, area, &state, &theme);
            assert_untouched_outside(
                &before,
                &after,
                area,
                &format!("{keys:?} at {width}x{height}+5+3"),
            );
        }
    }
}

/// `ui::render` draws in the area it is given even when the state's screen
/// sits at the origin; and an area smaller than the state's screen (a
/// resize the state has not heard of yet) draws nothing outside it.
#[test]
fn render_keeps_to_the_area_it_is_given() {
    let theme = dark();
    for (width, height) in [(20, 5), (24, 6), (60, 20), (80, 24), (120, 40)] {
        for keys in SWEEP_KEYS {
            let state = state_after(keys, width, height);
            for area in [
                Rect::new(5, 3, width, height),
                Rect::new(5, 3, width - 1, height),
                Rect::new(5, 3, width, height - 1),
                Rect::new(0, 0, width / 2, height / 2),
            ] {
                let before = marked_buffer(area);
                let mut after = before.clone();
                brief::ui::render(&mut after, area, &state, &theme);
                assert_untouched_outside(
                    &before,
                    &after,
                    area,
                    &format!("{keys:?} at {width}x{height} into {area:?}"),
                );
            }
        }
    }
}

/// Resizing an open reader through every size also never panics and keeps
/// the panes inside the screen.
#[test]
fn resizing_through_sizes_keeps_panes_inside() {
    let theme = dark();
    let mut state = state_after("<Tab><Tab><Tab><Enter>]m/Moscow<Enter>", 120, 40);
    for (width, height) in sweep_sizes().into_iter().step_by(3) {
        brief::controller::update(&mut state, brief::controller::Input::Resize(width, height));
        let screen = Area::new(0, 0, width, height);
        for pane in state.panes().areas() {
            assert!(screen.holds(&pane), "{width}x{height}: {pane:?}");
        }
        let text = brief::cli::frame_text(&state, &theme, false);
        assert_eq!(text.lines().count(), usize::from(height));
    }
}
