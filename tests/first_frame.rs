//! The reader writes its first frame with its own encoder
//! (`brief::terminal::encode_first_frame`) instead of ratatui's diff
//! against an empty screen. The two must leave a terminal looking exactly
//! the same: every cell's text, colours and attributes, wide characters
//! included. Both byte streams go through the `vt100` terminal emulator
//! and the screens are compared cell by cell, for random frames and for
//! the reader's own first screens.

use std::num::NonZeroU16;

use brief::controller::{Keymap, State};
use brief::theme::Theme;
use brief::ui;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

fn bundled() -> brief::model::Briefing {
    brief::loader::load_bundled()
        .briefing
        .expect("the bundled briefing loads")
}

/// What ratatui's first draw writes onto a cleared screen.
fn ratatui_bytes(frame: &Buffer) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut backend = CrosstermBackend::new(&mut bytes);
    let blank = Buffer::empty(frame.area);
    backend
        .draw(blank.diff_iter(frame))
        .expect("drawing into a Vec");
    backend.flush().expect("flushing a Vec");
    // The backend borrows the bytes until its last use above.
    bytes
}

fn encoder_bytes(frame: &Buffer) -> Vec<u8> {
    let mut bytes = Vec::new();
    brief::terminal::encode_first_frame(frame, &mut bytes);
    bytes
}

fn screen_after(bytes: &[u8], area: Rect) -> vt100::Parser {
    // The whole terminal, from its corner to the frame's far edge.
    let rows = NonZeroU16::new(area.bottom()).expect("frames have rows");
    let columns = NonZeroU16::new(area.right()).expect("frames have columns");
    let mut parser = vt100::Parser::new(rows, columns, 0);
    parser.process(bytes);
    parser
}

/// What a terminal shows of a cell. A cell never written and one written
/// with a plain space look the same; the emulator tells them apart.
fn looks(cell: &vt100::Cell) -> impl PartialEq + '_ {
    let text = match cell.contents() {
        "" => " ",
        text => text,
    };
    (
        text,
        (cell.fgcolor(), cell.bgcolor()),
        (
            cell.bold(),
            cell.dim(),
            cell.italic(),
            cell.underline(),
            cell.inverse(),
        ),
        (cell.is_wide(), cell.is_wide_continuation()),
    )
}

/// The first cell that differs between the two screens, described.
fn first_difference(ours: &vt100::Screen, theirs: &vt100::Screen, area: Rect) -> Option<String> {
    for row in 0..area.bottom() {
        for column in 0..area.right() {
            let (a, b) = (ours.cell(row, column), theirs.cell(row, column));
            let same = match (a, b) {
                (Some(a), Some(b)) => looks(a) == looks(b),
                (a, b) => a.is_none() && b.is_none(),
            };
            if !same {
                return Some(format!(
                    "row {row} column {column}: ours {a:?}, ratatui's {b:?}"
                ));
            }
        }
    }
    None
}

fn assert_same_screen(frame: &Buffer) {
    let area = frame.area;
    let ours = screen_after(&encoder_bytes(frame), area);
    let theirs = screen_after(&ratatui_bytes(frame), area);
    if let Some(difference) = first_difference(ours.screen(), theirs.screen(), area) {
        panic!("the encoded first frame differs from ratatui's at {difference}");
    }
    // The pen is put down: text written afterwards is plain.
    let mut after = encoder_bytes(frame);
    after.extend_from_slice(b"\x1b[1;1Hx");
    let written = screen_after(&after, area);
    let cell = written.screen().cell(0, 0).expect("the top-left cell");
    assert_eq!(
        (cell.fgcolor(), cell.bgcolor(), cell.bold(), cell.inverse()),
        (vt100::Color::Default, vt100::Color::Default, false, false),
        "the encoder left a style behind"
    );
}

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        3 => Just(Color::Reset),
        2 => select(vec![
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]),
        1 => any::<u8>().prop_map(Color::Indexed),
        1 => any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    (color(), color(), 0u16..(1 << 9)).prop_map(|(fg, bg, bits)| {
        Style::default()
            .fg(fg)
            .bg(bg)
            .add_modifier(Modifier::from_bits_truncate(bits))
    })
}

/// Text of the kinds a frame holds: words, runs of spaces, wide
/// characters, an emoji with a variation selector, combining marks.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        select(vec![
            "a",
            "word",
            " ",
            "        ",
            "中",
            "文字",
            "😀",
            "❤\u{fe0f}",
            "e\u{301}",
            "│",
            "…",
        ]),
        1..8,
    )
    .prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
struct Write {
    x: u16,
    y: u16,
    text: String,
    style: Style,
}

fn writes(width: u16, height: u16) -> impl Strategy<Value = Vec<Write>> {
    prop::collection::vec(
        (0..width, 0..height, text(), style()).prop_map(|(x, y, text, style)| Write {
            x,
            y,
            text,
            style,
        }),
        0..24,
    )
}

/// A cell set directly, as `ui::set_cell` does: a symbol the app
/// measured as one column, whatever ratatui or a terminal make of it.
#[derive(Debug, Clone)]
struct Direct {
    x: u16,
    y: u16,
    symbol: &'static str,
    style: Style,
}

fn direct(width: u16, height: u16) -> impl Strategy<Value = Direct> {
    (
        0..width,
        0..height,
        select(vec!["x", "", "ｶﾞ", "│", "中", "❤\u{fe0f}", "é", "…", " "]),
        style(),
    )
        .prop_map(|(x, y, symbol, style)| Direct {
            x,
            y,
            symbol,
            style,
        })
}

/// Cells a widget asks the diff to leave alone, to always write, or to
/// treat as wider than they look; and the deprecated skip flag.
fn set_aside(width: u16, height: u16) -> impl Strategy<Value = Vec<(u16, u16, u8)>> {
    prop::collection::vec((0..width, 0..height, 0u8..4), 0..3)
}

fn frame() -> impl Strategy<Value = Buffer> {
    // At least two columns: vt100 panics on a wide character in a
    // terminal one column wide, whoever writes it.
    (2u16..40, 1u16..8, 0u16..3, 0u16..3)
        .prop_flat_map(|(width, height, left, top)| {
            (
                Just(Rect::new(left, top, width, height)),
                writes(width, height),
                prop::collection::vec(direct(width, height), 0..6),
                set_aside(width, height),
            )
        })
        .prop_map(|(area, writes, directs, set_aside)| {
            let mut frame = Buffer::empty(area);
            for write in &writes {
                frame.set_stringn(
                    area.x + write.x,
                    area.y + write.y,
                    &write.text,
                    usize::from(area.width - write.x),
                    write.style,
                );
            }
            for cell in &directs {
                frame[(area.x + cell.x, area.y + cell.y)]
                    .set_symbol(cell.symbol)
                    .set_style(cell.style);
            }
            // Bold and dim together are one intensity to some terminals
            // (and to vt100) and two to others; ratatui itself sends them
            // in either order, depending on the cell before. No theme asks
            // for both.
            for cell in &mut frame.content {
                if cell.modifier.contains(Modifier::BOLD) {
                    cell.modifier.remove(Modifier::DIM);
                }
            }
            for &(x, y, how) in &set_aside {
                let cell = &mut frame[(area.x + x, area.y + y)];
                match how {
                    0 => cell.diff_option = CellDiffOption::Skip,
                    1 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                    2 => {
                        cell.diff_option = CellDiffOption::ForcedWidth(
                            NonZeroU16::new(2).expect("two is not zero"),
                        );
                    }
                    _ => {
                        #[allow(deprecated)]
                        {
                            cell.skip = true;
                        }
                    }
                }
            }
            frame
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/first_frame.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_encoded_first_frame_looks_like_ratatuis(frame in frame()) {
        assert_same_screen(&frame);
    }
}

/// The reader's own first screens, at the sizes the screen tests use, on
/// the bundled briefing in every built-in theme.
#[test]
fn the_readers_first_screens_encode_like_ratatuis() {
    for built_in in brief::theme::BUILT_IN {
        let theme = Theme::built_in(built_in.name, true).expect("a built-in theme");
        for (width, height) in [(80, 24), (120, 40), (200, 60), (37, 9)] {
            let briefing = bundled();
            let state = State::new(briefing, Keymap::default_keymap(), width, height);
            let area = Rect::new(0, 0, width, height);
            let mut frame = Buffer::empty(area);
            ui::render(&mut frame, area, &state, &theme);
            assert_same_screen(&frame);
        }
    }
}

#[test]
fn the_encoder_writes_less_than_ratatuis_diff() {
    let briefing = bundled();
    let theme = Theme::built_in("dark", false).expect("the dark theme");
    let state = State::new(briefing, Keymap::default_keymap(), 200, 60);
    let area = Rect::new(0, 0, 200, 60);
    let mut frame = Buffer::empty(area);
    ui::render(&mut frame, area, &state, &theme);
    let (ours, theirs) = (encoder_bytes(&frame).len(), ratatui_bytes(&frame).len());
    assert!(
        ours * 5 < theirs * 4,
        "{ours} bytes against ratatui's {theirs}: the encoder should save at least a fifth"
    );
}
