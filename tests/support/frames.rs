//! Random frames and a terminal emulator to look at them, for the tests
//! of the reader's frame encoders (`first_frame.rs`, `diff_frame.rs`):
//! buffers with words, wide characters, emoji, combining marks, styles,
//! underline colours and cells set aside; the bytes ratatui's own backend
//! would send; and a comparison of two byte streams through `vt100`, cell
//! by cell.
//!
//! `vt100` knows no underline colour (SGR 58/59): it reads `58;5;1` as
//! three attributes of its own (the last, bold). So each stream is looked
//! at twice, with its SGR sequences rewritten: once without underline
//! colours, once with the underline colour put in the foreground's place,
//! so the emulator's foreground shows it. Where the emulator itself
//! panics on both streams, the pair is passed over.

#![allow(dead_code)]

use std::num::NonZeroU16;

use proptest::prelude::*;
use proptest::sample::select;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// `cases` cases, failures kept in `regressions` (a path from the package
/// root, where cargo runs integration tests).
pub fn config(cases: u32, regressions: &'static str) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(regressions),
        )),
        ..ProptestConfig::default()
    }
}

/// What ratatui's backend writes to turn a terminal showing `previous`
/// into one showing `next` (a first frame: `previous` empty), its last
/// reset of the style included.
pub fn ratatui_bytes(previous: &Buffer, next: &Buffer) -> Vec<u8> {
    ratatui_draws(previous.diff_iter(next))
}

/// `ratatui_bytes` with the colours of the cells it writes dropped (its
/// backend under `NO_COLOR` also drops the attributes at each colour
/// change, which the reader does not copy).
pub fn ratatui_colorless_bytes(previous: &Buffer, next: &Buffer) -> Vec<u8> {
    let cells: Vec<(u16, u16, Cell)> = previous
        .diff_iter(next)
        .map(|(x, y, cell)| {
            let mut cell = cell.clone();
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
            cell.underline_color = Color::Reset;
            (x, y, cell)
        })
        .collect();
    ratatui_draws(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
}

fn ratatui_draws<'a>(cells: impl Iterator<Item = (u16, u16, &'a Cell)>) -> Vec<u8> {
    // The test process's environment must not make crossterm drop colours.
    ratatui::crossterm::style::Colored::set_ansi_color_disabled(false);
    let mut bytes = Vec::new();
    let mut backend = CrosstermBackend::new(&mut bytes);
    backend.draw(cells).expect("drawing into a Vec");
    backend.flush().expect("flushing a Vec");
    // The backend borrows the bytes until its last use above.
    bytes
}

/// What ratatui's first draw writes onto a cleared screen.
pub fn ratatui_first_bytes(frame: &Buffer) -> Vec<u8> {
    ratatui_bytes(&Buffer::empty(frame.area), frame)
}

/// The emulator after `bytes`, `columns` x `rows` from the corner.
pub fn screen_after(bytes: &[u8], columns: u16, rows: u16) -> vt100::Parser {
    let rows = NonZeroU16::new(rows).expect("frames have rows");
    let columns = NonZeroU16::new(columns).expect("frames have columns");
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
fn first_difference(ours: &vt100::Screen, theirs: &vt100::Screen) -> Option<String> {
    let (rows, columns) = ours.size();
    let (rows, columns) = (rows.get(), columns.get());
    for row in 0..rows {
        for column in 0..columns {
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

/// How a stream's SGR sequences are rewritten for `vt100`.
#[derive(Clone, Copy, PartialEq)]
enum Underline {
    /// Underline colours left out.
    Dropped,
    /// The underline colour sent as the foreground, the foreground left
    /// out.
    AsForeground,
}

/// The stream with every SGR sequence rewritten (see `Underline`); a
/// sequence left with nothing is dropped, as `ESC [ m` would reset.
fn rewrite_sgr(bytes: &[u8], how: Underline) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at..].starts_with(b"\x1b[") {
            let params = at + 2;
            let end = bytes[params..]
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'))
                .map_or(bytes.len(), |n| params + n);
            if bytes.get(end) == Some(&b'm') && end > params {
                let rewritten = rewrite_params(&bytes[params..end], how);
                if !rewritten.is_empty() {
                    out.extend_from_slice(b"\x1b[");
                    out.extend_from_slice(rewritten.join(";").as_bytes());
                    out.push(b'm');
                }
                at = end + 1;
                continue;
            }
        }
        out.push(bytes[at]);
        at += 1;
    }
    out
}

fn rewrite_params(params: &[u8], how: Underline) -> Vec<String> {
    let text = std::str::from_utf8(params).expect("digits and semicolons");
    let numbers: Vec<&str> = text.split(';').collect();
    let mut kept = Vec::new();
    let mut at = 0;
    while at < numbers.len() {
        let number = numbers[at];
        // A colour's arguments: `5;n` or `2;r;g;b`.
        let arguments = match (number, numbers.get(at + 1)) {
            ("38" | "48" | "58", Some(&"5")) => 2,
            ("38" | "48" | "58", Some(&"2")) => 4,
            _ => 0,
        };
        let whole = &numbers[at..(at + 1 + arguments).min(numbers.len())];
        at += 1 + arguments;
        match (number, how) {
            ("58" | "59", Underline::Dropped) => {}
            ("38" | "39", Underline::AsForeground) => {}
            ("58", Underline::AsForeground) => {
                kept.push("38".to_string());
                kept.extend(whole[1..].iter().map(|n| (*n).to_string()));
            }
            ("59", Underline::AsForeground) => kept.push("39".to_string()),
            _ => kept.extend(whole.iter().map(|n| (*n).to_string())),
        }
    }
    kept
}

/// Panics with the first cell where the terminal after `ours` differs
/// from the one after `theirs`, underline colours included.
pub fn assert_same_screen(ours: &[u8], theirs: &[u8], columns: u16, rows: u16, what: &str) {
    for how in [Underline::Dropped, Underline::AsForeground] {
        // vt100 panics on some streams that put an emoji where one already
        // hangs over the row's end (ratatui's as well as ours): when both
        // streams make it panic, there is nothing to compare.
        let look = |bytes: &[u8]| {
            let rewritten = rewrite_sgr(bytes, how);
            let parsed = std::panic::catch_unwind(|| screen_after(&rewritten, columns, rows));
            (
                parsed.ok(),
                String::from_utf8_lossy(&rewritten).into_owned(),
            )
        };
        let (mine, ratatuis) = match (look(ours), look(theirs)) {
            ((Some(mine), _), (Some(ratatuis), _)) => (mine, ratatuis),
            ((None, _), (None, _)) => continue,
            ((None, bytes), _) => panic!("vt100 panicked on {what}: {bytes:?}"),
            (_, (None, bytes)) => panic!("vt100 panicked on ratatui's bytes only: {bytes:?}"),
        };
        if let Some(difference) = first_difference(mine.screen(), ratatuis.screen()) {
            let seen = match how {
                Underline::Dropped => "",
                Underline::AsForeground => " (underline colours as foregrounds)",
            };
            panic!("{what} differs from ratatui's{seen} at {difference}");
        }
    }
}

/// Panics unless text written after `bytes` is plain (where the emulator
/// can read `bytes` at all).
pub fn assert_pen_put_down(bytes: &[u8], columns: u16, rows: u16) {
    let mut after = bytes.to_vec();
    after.extend_from_slice(b"\x1b[1;1Hx");
    for how in [Underline::Dropped, Underline::AsForeground] {
        let before = rewrite_sgr(bytes, how);
        if std::panic::catch_unwind(|| screen_after(&before, columns, rows)).is_err() {
            // See `assert_same_screen`: ratatui's bytes did the same.
            continue;
        }
        let written = screen_after(&rewrite_sgr(&after, how), columns, rows);
        let cell = written.screen().cell(0, 0).expect("the top-left cell");
        assert_eq!(
            (cell.fgcolor(), cell.bgcolor(), cell.bold(), cell.inverse()),
            (vt100::Color::Default, vt100::Color::Default, false, false),
            "the encoder left a style behind"
        );
    }
}

pub fn color() -> impl Strategy<Value = Color> {
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

pub fn style() -> impl Strategy<Value = Style> {
    (color(), color(), color(), 0u16..(1 << 9)).prop_map(|(fg, bg, underline, bits)| {
        Style::default()
            .fg(fg)
            .bg(bg)
            .underline_color(underline)
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

/// Changes made to a buffer: text written, cells set directly (as
/// `ui::set_cell` does: a symbol the app measured as one column, whatever
/// ratatui or a terminal make of it), stretches reset to blank, and cells
/// a widget asks the diff to leave alone, to always write, or to treat as
/// wider than they look (and the deprecated skip flag).
#[derive(Debug, Clone)]
pub struct Edits {
    writes: Vec<(u16, u16, String, Style)>,
    directs: Vec<(u16, u16, &'static str, Style)>,
    resets: Vec<(u16, u16, u16)>,
    set_aside: Vec<(u16, u16, u8)>,
}

pub fn edits(width: u16, height: u16) -> impl Strategy<Value = Edits> {
    (
        prop::collection::vec((0..width, 0..height, text(), style()), 0..24),
        prop::collection::vec(
            (
                0..width,
                0..height,
                select(vec!["x", "", "ｶﾞ", "│", "中", "❤\u{fe0f}", "é", "…", " "]),
                style(),
            ),
            0..6,
        ),
        prop::collection::vec((0..width, 0..height, 1..width + 1), 0..4),
        prop::collection::vec((0..width, 0..height, 0u8..4), 0..3),
    )
        .prop_map(|(writes, directs, resets, set_aside)| Edits {
            writes,
            directs,
            resets,
            set_aside,
        })
}

impl Edits {
    pub fn apply(&self, frame: &mut Buffer) {
        let area = frame.area;
        for (x, y, text, style) in &self.writes {
            let room = usize::from(area.width - x);
            frame.set_stringn(area.x + x, area.y + y, text, room, *style);
        }
        for &(x, y, symbol, style) in &self.directs {
            frame[(area.x + x, area.y + y)]
                .set_symbol(symbol)
                .set_style(style);
        }
        for &(x, y, length) in &self.resets {
            for column in x..(x + length).min(area.width) {
                frame[(area.x + column, area.y + y)].reset();
            }
        }
        // Bold and dim together are one intensity to some terminals (and
        // to vt100) and two to others; ratatui itself sends them in either
        // order, depending on the cell before. No theme asks for both.
        for cell in &mut frame.content {
            if cell.modifier.contains(Modifier::BOLD) {
                cell.modifier.remove(Modifier::DIM);
            }
        }
        for &(x, y, how) in &self.set_aside {
            let cell = &mut frame[(area.x + x, area.y + y)];
            match how {
                0 => cell.diff_option = CellDiffOption::Skip,
                1 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                2 => {
                    cell.diff_option =
                        CellDiffOption::ForcedWidth(NonZeroU16::new(2).expect("two is not zero"));
                }
                _ => {
                    #[allow(deprecated)]
                    {
                        cell.skip = true;
                    }
                }
            }
        }
        // A wide cell at the very end, replaced by a narrow one
        // with a visible style, makes ratatui's diff read past the buffer
        // and panic (ratatui-core 0.1.2, buffer/diff.rs:106). ratatui's own
        // writes never put one there; `diff_frame`'s unit tests cover the
        // reader's encoder on it.
        if let Some(last) = frame.content.last_mut() {
            if last.cell_width() > 1 {
                last.reset();
            }
        }
    }
}

/// An area at least two columns wide (vt100 panics on a wide character in
/// a terminal one column wide, whoever writes it), not always at the
/// corner.
pub fn area() -> impl Strategy<Value = Rect> {
    (2u16..40, 1u16..8, 0u16..3, 0u16..3)
        .prop_map(|(width, height, left, top)| Rect::new(left, top, width, height))
}

/// A random frame over `area`.
pub fn frame_over(area: Rect) -> impl Strategy<Value = Buffer> {
    edits(area.width, area.height).prop_map(move |edits| {
        let mut frame = Buffer::empty(area);
        edits.apply(&mut frame);
        frame
    })
}

pub fn frame() -> impl Strategy<Value = Buffer> {
    area().prop_flat_map(frame_over)
}
