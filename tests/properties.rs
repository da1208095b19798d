//! Property tests for hostile input and terminal safety (issue 5): random
//! text built from control characters, escape sequences, bidi controls,
//! invisible characters, line separators, wide and combining text and
//! Markdown syntax, checked against the sanitiser and the renderer.
//!
//! 1. `sanitize::line` leaves nothing unsafe and is idempotent.
//! 2. Rendering a loaded briefing at any size into part of a larger buffer
//!    never panics, never touches a cell outside its area, and leaves no
//!    unsafe character in a cell.
//! 3. Frame sequences through `Terminal<TestBackend>` with resizes between
//!    them never panic.
//!
//! The bytes a frame sends to a terminal are checked in `frame_bytes.rs`,
//! the loader's selectors on hostile text in `selector_properties.rs`.
//!
//! Failures proptest finds are kept in `proptest-regressions/properties.txt`
//! and replayed first on every run; the generators of hostile text and
//! annotation files are in `support/hostile.rs`.

mod common;
#[path = "support/hostile.rs"]
mod hostile;

use brief::controller::{Input, Keymap, State, press, update};
use brief::sanitize;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

use hostile::*;

// --- 1. The sanitiser -------------------------------------------------------------

proptest! {
    #![proptest_config(config(4096))]

    #[test]
    fn sanitised_lines_are_safe_and_idempotent(
        text in prop_oneof![hostile_text(40), any::<String>()],
    ) {
        sanitised_lines_are_safe_and_idempotent_holds(&text)?;
    }
}

fn sanitised_lines_are_safe_and_idempotent_holds(text: &str) -> Result<(), TestCaseError> {
    let once = sanitize::line(text);
    if let Some(bad) = forbidden_in(&once) {
        prop_assert!(false, "line({text:?}) = {once:?} keeps {bad:?}");
    }
    let twice = sanitize::line(&once);
    prop_assert_eq!(
        twice.as_ref(),
        once.as_ref(),
        "line is not idempotent on {:?}",
        text
    );
    Ok(())
}

/// ASCII beside the characters that join clusters across their
/// neighbours: prepended marks, combining marks, joiners, variation
/// selectors and keycaps, regional indicators, an Indic conjunct, CR LF.
fn joining_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        select(
            &[
                "a",
                "ab",
                "1",
                "#",
                " ",
                "\r",
                "\n",
                "\r\n",
                "\u{600}",
                "\u{110bd}",
                "\u{301}",
                "\u{200d}",
                "\u{fe0f}",
                "\u{20e3}",
                "😀",
                "🇫",
                "🇷",
                "क",
                "\u{94d}",
                "ष",
                "—",
            ][..],
        ),
        0..24,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(4096))]

    /// The ASCII shortcut of `layout::graphemes` splits exactly as
    /// Unicode segmentation does, CR LF pairs and controls included.
    #[test]
    fn the_grapheme_shortcut_agrees_with_unicode_segmentation(
        text in prop_oneof![
            "[ -~\r\n\t\x00-\x1f\x7f]{0,40}",
            hostile_text(40),
            any::<String>(),
            joining_text(),
        ],
    ) {
        let fast: Vec<(usize, &str)> = brief::layout::graphemes(&text).collect();
        let full: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        prop_assert_eq!(fast, full);
    }
}

/// Every character the sanitiser flags has a marker that is visible (takes
/// columns) and itself safe, so nothing is dropped silently. Exhaustive
/// over all of Unicode.
#[test]
fn every_marker_is_visible_and_safe() {
    let flagged: Vec<char> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|&c| sanitize::is_unsafe(c))
        .collect();
    assert!(flagged.contains(&'\u{1b}') && flagged.contains(&'\u{202e}'));
    for c in flagged {
        let shown = sanitize::marker(c);
        assert!(
            unicode_width::UnicodeWidthStr::width(shown.as_str()) > 0,
            "{c:?} shows as {shown:?}"
        );
        assert_eq!(forbidden_in(&shown), None, "{c:?} shows as {shown:?}");
        assert_eq!(sanitize::line(&shown), shown, "{c:?}'s marker changes");
    }
}

// --- 2. Rendering stays inside its area ---------------------------------------

/// Where the state's screen goes inside a larger buffer.
#[derive(Debug, Clone)]
struct Placement {
    width: u16,
    height: u16,
    /// Columns and rows the buffer has beyond the area.
    extra: (u16, u16),
    /// The buffer's own origin.
    origin: (u16, u16),
    /// The area's offset inside the buffer (clamped to the extra room).
    offset: (u16, u16),
    /// Put the area at the buffer's right (bottom) edge.
    flush: (bool, bool),
}

fn placement() -> impl Strategy<Value = Placement> {
    (
        width(),
        height(),
        (0u16..=30, 0u16..=8),
        (0u16..=4, 0u16..=4),
        (0u16..=30, 0u16..=8),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(|(width, height, extra, origin, offset, flush)| Placement {
            width,
            height,
            extra,
            origin,
            offset,
            flush,
        })
}

impl Placement {
    fn buffer_area(&self) -> Rect {
        Rect::new(
            self.origin.0,
            self.origin.1,
            self.width + self.extra.0,
            self.height + self.extra.1,
        )
    }

    fn area(&self) -> Rect {
        let dx = if self.flush.0 {
            self.extra.0
        } else {
            self.offset.0.min(self.extra.0)
        };
        let dy = if self.flush.1 {
            self.extra.1
        } else {
            self.offset.1.min(self.extra.1)
        };
        Rect::new(
            self.origin.0 + dx,
            self.origin.1 + dy,
            self.width,
            self.height,
        )
    }
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn rendering_stays_inside_its_area(
        text in hostile_text(40),
        markdown in any::<bool>(),
        extras in extras(),
        keys in keys(),
        placement in placement(),
    ) {
        rendering_stays_inside_its_area_holds(&text, markdown, &extras, &keys, &placement)?;
    }
}

fn rendering_stays_inside_its_area_holds(
    text: &str,
    markdown: bool,
    extras: &Extras,
    keys: &[&str],
    placement: &Placement,
) -> Result<(), TestCaseError> {
    let briefing = load_hostile(text, markdown, extras);
    let state = reader(briefing, placement.width, placement.height, keys);
    let mut buffer = Buffer::filled(placement.buffer_area(), marker_cell());
    let area = placement.area();
    brief::ui::render(&mut buffer, area, &state, &dark());
    let marker = marker_cell();
    let bounds = buffer.area;
    for y in bounds.top()..bounds.bottom() {
        for x in bounds.left()..bounds.right() {
            let cell = &buffer[(x, y)];
            let inside =
                x >= area.left() && x < area.right() && y >= area.top() && y < area.bottom();
            if !inside {
                prop_assert_eq!(
                    cell,
                    &marker,
                    "cell ({}, {}) outside the area {:?} of the buffer {:?} was drawn on",
                    x,
                    y,
                    area,
                    bounds
                );
            } else if let Some(bad) = forbidden_in(cell.symbol()) {
                prop_assert!(false, "cell ({x}, {y}) holds {bad:?}: {:?}", cell.symbol());
            }
        }
    }
    Ok(())
}

// --- 3. Frame sequences with resizes -------------------------------------------

/// One frame: the terminal's size, the keys typed before it, and whether
/// the state hears of the new size only after the frame is drawn.
#[derive(Debug, Clone)]
struct FrameStep {
    width: u16,
    height: u16,
    keys: Vec<&'static str>,
    stale: bool,
}

fn frame_step() -> impl Strategy<Value = FrameStep> {
    (width(), height(), keys(), prop::bool::weighted(0.25)).prop_map(
        |(width, height, keys, stale)| FrameStep {
            width,
            height,
            keys,
            stale,
        },
    )
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn frame_sequences_with_resizes_never_panic(
        text in hostile_text(40),
        markdown in any::<bool>(),
        extras in extras(),
        steps in prop::collection::vec(frame_step(), 2..=3),
    ) {
        frame_sequences_with_resizes_never_panic_holds(&text, markdown, &extras, &steps)?;
    }
}

fn frame_sequences_with_resizes_never_panic_holds(
    text: &str,
    markdown: bool,
    extras: &Extras,
    steps: &[FrameStep],
) -> Result<(), TestCaseError> {
    let theme = dark();
    let briefing = load_hostile(text, markdown, extras);
    let first = &steps[0];
    let mut state = State::new(
        briefing,
        Keymap::default_keymap(),
        first.width,
        first.height,
    );
    let mut terminal =
        Terminal::new(TestBackend::new(first.width, first.height)).expect("test terminal");
    for step in steps {
        terminal.backend_mut().resize(step.width, step.height);
        terminal
            .resize(Rect::new(0, 0, step.width, step.height))
            .expect("resize");
        if !step.stale {
            update(&mut state, Input::Resize(step.width, step.height));
        }
        for key in &step.keys {
            press(&mut state, key).unwrap_or_else(|error| panic!("key {key:?}: {error}"));
        }
        terminal
            .draw(|frame| brief::ui::draw(frame, &state, &theme))
            .expect("draws");
        if step.stale {
            update(&mut state, Input::Resize(step.width, step.height));
            terminal
                .draw(|frame| brief::ui::draw(frame, &state, &theme))
                .expect("draws");
        }
    }
    Ok(())
}
