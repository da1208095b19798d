//! The first frame's bytes. The screen has just been cleared, so the first
//! frame is every cell that is not blank; ratatui would send it as a diff
//! against an empty screen, formatting each cell on its own, moving the
//! cursor over every gap and resetting the style at every row's end. Here
//! the whole screen is written in one pass: short gaps as spaces, one
//! style sequence per change carrying only what changes, a cursor move
//! only where needed and then the shortest one the known cursor position
//! allows. At 200x60 that is about half the bytes and a fraction of the
//! work, and start-up is mostly this frame. Every byte counts: a terminal
//! reads its pseudo-terminal a few kilobytes at a time, so each one more
//! delays the moment the screen is complete. Later frames are diffs
//! (`diff_frame`), and a frame after a resize is this one again on a
//! cleared screen. The bytes for styles and cursor moves are
//! `cell_writer`'s, shared with the diffs.
//!
//! One difference is deliberate: the first style is set from a full
//! reset, so an attribute a shell left switched on does not leak into the
//! frame. Under `NO_COLOR` (`Colors::Dropped`) only attributes are sent.
//!
//! It owns only the encoding: it reads a finished buffer and must not
//! decide what is drawn, nor write to the terminal itself. The terminal it
//! leaves behind must look exactly as ratatui's would (a property test
//! compares the two through a terminal emulator).

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::Color;

use super::cell_writer::{Colors, Writer, columns, is_skipped};

/// Runs of blank cells at least this long are jumped over with a cursor
/// move (eight bytes or so) instead of being written as spaces.
const JUMP_OVER: usize = 8;

/// Whether the cell equals `Cell::EMPTY`, asked field by field, cheapest
/// first: most cells differ in colour, and comparing whole cells (symbols
/// through `memcmp`) took most of the encoding time.
#[allow(deprecated)]
fn is_blank(cell: &Cell) -> bool {
    cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier.is_empty()
        && cell.diff_option == CellDiffOption::None
        && !cell.skip
        && cell.symbol().as_bytes() == b" "
}

/// Appends the bytes that draw `frame` on a cleared screen, leaving the
/// terminal's style plain. Which cells are written, and where the cursor
/// is moved, follow ratatui's diff against an empty screen, quirks
/// included: like it, the walk goes through the buffer as one run of
/// cells, so a cell wider than what is left of its row covers the start of
/// the next. The only cells added are blanks written as spaces, which look
/// the same as the cleared screen under them, and only where the cursor is
/// surely in the right place.
pub fn encode_first_frame(frame: &Buffer, colors: Colors, out: &mut Vec<u8>) {
    let width = usize::from(frame.area.width);
    if width == 0 {
        return;
    }
    let cells = frame.content.as_slice();
    let mut writer = Writer::new(out, frame.area, colors);
    let mut at = 0;
    while let Some(cell) = cells.get(at) {
        // The walk only goes forward, mostly a cell at a time: finding
        // the row by stepping is cheaper than dividing at every cell.
        writer.move_to_row_of(at);
        if is_skipped(cell) {
            at += 1;
            continue;
        }
        if is_blank(cell) {
            let row_end = writer.row_start + width;
            let blank_end = cells
                .get(at..row_end)
                .unwrap_or_default()
                .iter()
                .position(|cell| !is_blank(cell))
                .map_or(row_end, |run| at + run);
            if blank_end == row_end || blank_end - at >= JUMP_OVER || !writer.can_write_blank(at) {
                at = blank_end;
                continue;
            }
        }
        let covered = columns(cell);
        writer.put(at, cell, covered);
        let emoji = covered > 1
            && !matches!(cell.diff_option, CellDiffOption::ForcedWidth(_))
            && cell.symbol().contains('\u{fe0f}');
        at = if emoji {
            put_under_emoji(&mut writer, cells, at + 1, at + covered)
        } else {
            at + covered.max(1)
        };
    }
    writer.finish();
}

/// The cells an emoji with a variation selector covers: ratatui
/// writes again whatever is not blank there, since some terminals do
/// not clear them. Returns the index after them.
fn put_under_emoji(writer: &mut Writer<'_>, cells: &[Cell], start: usize, end: usize) -> usize {
    let mut end = end.min(cells.len());
    let mut at = start;
    while at < end {
        let Some(cell) = cells.get(at) else { break };
        let covered = columns(cell);
        let next = at + covered.max(1);
        end = end.max(next).min(cells.len());
        if !is_skipped(cell) && cell.symbol() != " " {
            // Written where ratatui thinks the cursor is, one column
            // after the emoji's start; the terminal's is further on.
            writer.strayed = true;
            writer.move_to_row_of(at);
            writer.put(at, cell, covered);
        }
        at = next;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::super::cell_writer::variations_of;
    use super::*;

    #[test]
    fn blank_means_equal_to_the_empty_cell() {
        let mut cells = vec![Cell::EMPTY, Cell::new(" "), Cell::new("x")];
        cells.extend(variations_of(&Cell::EMPTY));
        for cell in &cells {
            assert_eq!(is_blank(cell), *cell == Cell::EMPTY, "{cell:?}");
        }
    }
}
