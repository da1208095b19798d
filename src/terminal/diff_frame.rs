//! Every frame after the first: the bytes that turn the terminal from the
//! previous frame into this one. ratatui's `Terminal::draw` found the
//! changed cells with its `BufferDiff` (a width lookup and a whole-cell
//! comparison for every cell of the screen) and had crossterm format each
//! one (a cursor move, colours and attributes, each through `fmt`): about
//! a third of a keystroke's CPU time in a pseudo-terminal. Here one
//! pass compares the two buffers, cheapest fields first, and writes the
//! changed cells through `cell_writer`: one SGR sequence per style change
//! carrying only what changes, a cursor move only where ratatui would make
//! one and then the shortest the known cursor position allows.
//!
//! Which cells are written follows ratatui's diff exactly, wide characters
//! included: the cells a wide character covers are passed over; a wide
//! character replaced by narrow ones whose style showed on blanks gets
//! every cell it covered written again; an emoji with a variation selector
//! gets the cells under it written again where their symbol changed.
//! Buffers of different areas (a resize) get a cleared screen and the
//! whole frame (`first_frame`).
//!
//! It owns only the encoding: it reads two finished buffers and must not
//! decide what is drawn, nor write to the terminal itself. A property test
//! (tests/diff_frame.rs) compares the terminal it leaves with ratatui's
//! through a terminal emulator.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::style::{Color, Modifier};

use super::cell_writer::{Colors, Writer, is_skipped};
use super::first_frame::encode_first_frame;

/// Clears the screen, from a plain style so that no background a shell
/// left set is painted over it.
pub const CLEAR: &[u8] = b"\x1b[0m\x1b[2J";

/// Attributes that show on a blank cell (ratatui's `VISIBLE_ON_BLANK`): a
/// wide character that had one leaves it on the cells it covered.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// Appends the bytes that turn a terminal showing `previous` into one
/// showing `current`, leaving its style plain. When the two differ in
/// area, a cleared screen and the whole of `current`.
pub fn encode_diff_frame(previous: &Buffer, current: &Buffer, colors: Colors, out: &mut Vec<u8>) {
    if previous.area != current.area {
        out.extend_from_slice(CLEAR);
        encode_first_frame(current, colors, out);
        return;
    }
    if current.area.width == 0 {
        return;
    }
    let next = current.content.as_slice();
    let prev = previous.content.as_slice();
    let len = next.len().min(prev.len());
    let mut writer = Writer::new(out, current.area, colors);
    let mut at = 0;
    while at < len {
        let (Some(cell), Some(old)) = (next.get(at), prev.get(at)) else {
            break;
        };
        // Most cells: plain and unchanged.
        #[allow(deprecated)]
        if cell.diff_option == CellDiffOption::None && !cell.skip && same(cell, old) {
            at += width_of(cell).max(1);
            continue;
        }
        at = match cell.diff_option {
            _ if is_skipped(cell) => at + 1,
            CellDiffOption::ForcedWidth(width) => {
                if !same(cell, old) {
                    writer.write(at, cell);
                }
                at.saturating_add(usize::from(width.get()).max(1))
            }
            CellDiffOption::None if same(cell, old) => at + width_of(cell).max(1),
            CellDiffOption::None | CellDiffOption::AlwaysUpdate | CellDiffOption::Skip => {
                write_changed(&mut writer, next, prev, at, len)
            }
        };
    }
    writer.finish();
}

/// Writes the changed cell at `at` and, where ratatui would, the cells
/// its wide character covers or its wide predecessor covered. Returns the
/// index after them.
fn write_changed(
    writer: &mut Writer<'_>,
    next: &[Cell],
    prev: &[Cell],
    at: usize,
    len: usize,
) -> usize {
    let (Some(cell), Some(old)) = (next.get(at), prev.get(at)) else {
        return len;
    };
    writer.write(at, cell);
    let width = width_of(cell);
    if width > 1 {
        if cell.symbol().contains('\u{fe0f}') {
            // Some terminals leave the trailing cell of an emoji
            // presentation sequence uncleared.
            return write_covered(writer, next, prev, at + 1, (at + width).min(len), false);
        }
        return at + width;
    }
    let old_width = width_of(old);
    if old_width > width && (old.bg != Color::Reset || old.modifier.intersects(VISIBLE_ON_BLANK)) {
        // The wide character's style may still show on the columns it
        // covered: all of them are written again.
        return write_covered(writer, next, prev, at + 1, at + old_width, true);
    }
    at + 1
}

/// The cells from `start` to `end` (which a wide cell starting inside
/// pushes on): all of them that are not set aside when `all`, else those
/// whose symbol changed. Returns the index after them.
fn write_covered(
    writer: &mut Writer<'_>,
    next: &[Cell],
    prev: &[Cell],
    start: usize,
    end: usize,
    all: bool,
) -> usize {
    let len = next.len().min(prev.len());
    let mut end = end;
    let mut at = start;
    while at < end {
        let (Some(cell), Some(old)) = (next.get(at), prev.get(at)) else {
            break;
        };
        let after = at + usize::from(cell.cell_width()).max(1);
        end = end.max(after).min(len);
        if !is_skipped(cell) && (all || old.symbol() != cell.symbol()) {
            writer.write(at, cell);
        }
        at = after;
    }
    end
}

/// Whether two cells are equal as ratatui compares them, cheapest fields
/// first: most changed cells differ in colour or attributes. Most symbols
/// are one byte, compared as a byte: a call to `memcmp` for each cell of
/// the screen was a tenth of a frame.
#[allow(deprecated)]
#[inline(always)]
fn same(a: &Cell, b: &Cell) -> bool {
    if !(a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip)
    {
        return false;
    }
    match (a.symbol().as_bytes(), b.symbol().as_bytes()) {
        ([one], [other]) => one == other,
        (one, other) => one == other,
    }
}

/// How many columns ratatui counts a cell as; a one-byte symbol (most
/// cells) without a table lookup.
fn width_of(cell: &Cell) -> usize {
    match (cell.diff_option, cell.symbol().len()) {
        (CellDiffOption::ForcedWidth(width), _) => usize::from(width.get()),
        (_, 1) => 1,
        _ => usize::from(cell.cell_width()),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::super::cell_writer::variations_of;
    use super::*;

    #[test]
    fn equal_means_equal_as_ratatui_compares() {
        let mut cells = vec![Cell::EMPTY, Cell::new(" "), Cell::new("x"), Cell::new("中")];
        cells.extend(variations_of(&Cell::new("x")));
        for a in &cells {
            for b in &cells {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn an_unchanged_frame_is_no_bytes() {
        let mut frame = Buffer::empty(Rect::new(0, 0, 8, 2));
        frame.set_string(
            0,
            0,
            "中文 ok",
            ratatui::style::Style::default().fg(Color::Red),
        );
        let mut out = Vec::new();
        encode_diff_frame(&frame.clone(), &frame, Colors::Sent, &mut out);
        assert_eq!(out, b"");
    }

    #[test]
    fn one_changed_cell_is_one_move_and_one_byte() {
        let before = Buffer::with_lines(["hello", "world"]);
        let after = Buffer::with_lines(["hello", "wOrld"]);
        let mut out = Vec::new();
        encode_diff_frame(&before, &after, Colors::Sent, &mut out);
        assert_eq!(out, b"\x1b[2;2HO");
    }

    #[test]
    fn a_wide_last_cell_replaced_by_a_narrow_one_is_written_without_reading_past_the_end() {
        // ratatui's diff indexes past the buffer here and panics.
        let area = Rect::new(0, 0, 4, 1);
        let mut before = Buffer::empty(area);
        before[(3, 0)]
            .set_symbol("中")
            .set_style(ratatui::style::Style::default().bg(Color::Red));
        let mut after = Buffer::empty(area);
        after[(3, 0)].set_symbol("x");
        let mut out = Vec::new();
        encode_diff_frame(&before, &after, Colors::Sent, &mut out);
        assert_eq!(out, b"\x1b[1;4Hx");
    }
}
