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
//! delays the moment the screen is complete. Later frames are ratatui's
//! diffs.
//!
//! One difference is deliberate: the first style is set from a full
//! reset, so an attribute a shell left switched on does not leak into the
//! frame. Under `NO_COLOR`, where crossterm drops colours from ratatui's
//! sequences, the terminal module lets ratatui draw the first frame.
//!
//! It owns only the encoding: it reads a finished buffer and must not
//! decide what is drawn, nor write to the terminal itself. The terminal it
//! leaves behind must look exactly as ratatui's would (a property test
//! compares the two through a terminal emulator).

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::sanitize::is_printable_ascii;

/// Runs of blank cells at least this long are jumped over with a cursor
/// move (eight bytes or so) instead of being written as spaces.
const JUMP_OVER: usize = 8;

/// The style the terminal is drawing with.
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline_color: Color,
    modifier: Modifier,
}

impl Pen {
    /// A cleared screen's style.
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline_color: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline_color: cell.underline_color,
            modifier: cell.modifier,
        }
    }

    /// One SGR sequence that resets everything and sets this style.
    fn write(self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\x1b[0");
        self.write_modifiers(out, Modifier::empty());
        write_color(out, 38, self.fg);
        write_color(out, 48, self.bg);
        write_color(out, 58, self.underline_color);
        out.push(b'm');
    }

    /// One SGR sequence that turns the terminal's style `from` into this
    /// one. Only what differs is sent, unless an attribute must go off or
    /// the underline colour changes: then everything is set from a reset,
    /// as the codes for those are less widely understood.
    fn write_change(self, from: Pen, out: &mut Vec<u8>) {
        if !from.modifier.difference(self.modifier).is_empty()
            || from.underline_color != self.underline_color
        {
            self.write(out);
            return;
        }
        let start = out.len();
        self.write_modifiers(out, from.modifier);
        if self.fg != from.fg {
            write_color_or_default(out, 38, self.fg);
        }
        if self.bg != from.bg {
            write_color_or_default(out, 48, self.bg);
        }
        // Each part began with a separator: the first becomes the opener.
        if let Some(first) = out.get_mut(start) {
            *first = b'[';
            out.insert(start, 0x1b);
            out.push(b'm');
        }
    }

    /// `;n` for each attribute of this style that `already` lacks.
    fn write_modifiers(self, out: &mut Vec<u8>, already: Modifier) {
        for (flag, code) in MODIFIER_CODES {
            if self.modifier.contains(flag) && !already.contains(flag) {
                out.extend_from_slice(&[b';', b'0' + code]);
            }
        }
    }
}

const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// `;38;5;n` and the like; nothing for the terminal's own colour, which
/// the leading reset has already chosen. Named colours go out as palette
/// indices, as crossterm sends them.
fn write_color(out: &mut Vec<u8>, layer: u8, color: Color) {
    let index = match color {
        Color::Reset => return,
        Color::Rgb(red, green, blue) => {
            for number in [layer, 2, red, green, blue] {
                out.push(b';');
                push_number(out, u32::from(number));
            }
            return;
        }
        Color::Indexed(index) => index,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    for number in [layer, 5, index] {
        out.push(b';');
        push_number(out, u32::from(number));
    }
}

/// `;39` or `;49` for the terminal's own colour, else as `write_color`.
fn write_color_or_default(out: &mut Vec<u8>, layer: u8, color: Color) {
    if color == Color::Reset {
        out.push(b';');
        push_number(out, u32::from(layer) + 1);
    } else {
        write_color(out, layer, color);
    }
}

/// Decimal digits, without `fmt`'s machinery: a frame has hundreds of
/// numbers in its escape sequences.
fn push_number(out: &mut Vec<u8>, number: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = number;
    loop {
        at -= 1;
        // `rest % 10` is below ten, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + digit;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

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

/// Cells ratatui never draws (set aside by a widget).
#[allow(deprecated)]
fn is_skipped(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// How many columns a cell covers, as ratatui counts them; a printable
/// ASCII symbol (most cells) without a table lookup.
fn columns(cell: &Cell) -> usize {
    let plain_ascii = matches!(cell.symbol().as_bytes(), &[byte] if is_printable_ascii(byte));
    if plain_ascii && !matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) {
        1
    } else {
        usize::from(cell.cell_width())
    }
}

/// Appends the bytes that draw `frame` on a cleared screen, leaving the
/// terminal's style plain. Which cells are written, and where the cursor
/// is moved, follow ratatui's diff against an empty screen, quirks
/// included: like it, the walk goes through the buffer as one run of
/// cells, so a cell wider than what is left of its row covers the start of
/// the next. The only cells added are blanks written as spaces, which look
/// the same as the cleared screen under them, and only where the cursor is
/// surely in the right place.
pub fn encode_first_frame(frame: &Buffer, out: &mut Vec<u8>) {
    let width = usize::from(frame.area.width);
    if width == 0 {
        return;
    }
    let cells = frame.content.as_slice();
    let mut writer = Writer {
        out,
        pen: Pen::PLAIN,
        area: frame.area,
        width,
        row: 0,
        row_start: 0,
        last: None,
        cursor: None,
        styled: false,
        strayed: false,
    };
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
            writer.put_under_emoji(cells, at + 1, at + covered)
        } else {
            at + covered.max(1)
        };
    }
    if writer.pen != Pen::PLAIN {
        writer.out.extend_from_slice(b"\x1b[0m");
    }
}

/// Writes cells where ratatui's backend would, tracking what it knows of
/// the terminal.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
    pen: Pen,
    area: Rect,
    width: usize,
    /// The row of the cell being looked at, and the index of its first
    /// cell.
    row: usize,
    row_start: usize,
    /// The index of the last cell written. Like ratatui's backend, the
    /// writer moves the cursor before a cell unless it follows that one
    /// in the same row.
    last: Option<usize>,
    /// Where the terminal's cursor surely is (row and column in the
    /// frame): known after a move and a run of ASCII, whose width no
    /// terminal disputes; not after a wide, zero-width or ambiguous
    /// character.
    cursor: Option<(usize, usize)>,
    /// Whether a style has been set yet: the first is set from a full
    /// reset, so an attribute a shell left switched on does not leak into
    /// the frame; later ones change only what differs.
    styled: bool,
    /// Whether something may have been drawn where ratatui did not mean it
    /// (a character too wide for the end of its row wraps onto the next;
    /// an emoji's trailing cell written beside it): blanks are then left
    /// alone, as ratatui leaves them, rather than written as spaces over
    /// whatever landed there.
    strayed: bool,
}

impl Writer<'_> {
    /// Makes `row` the row of cell `at`, which is never before it.
    fn move_to_row_of(&mut self, at: usize) {
        while at >= self.row_start + self.width {
            self.row += 1;
            self.row_start += self.width;
        }
    }

    /// Whether the cell at `at`, in the current row, comes straight after
    /// the last one written.
    fn follows_last(&self, at: usize) -> bool {
        at > self.row_start && self.last == Some(at - 1)
    }

    /// Whether a blank at `at` can be written as a space without a move.
    fn can_write_blank(&self, at: usize) -> bool {
        !self.strayed && self.cursor.is_some() && self.follows_last(at)
    }

    /// Writes the cell at `at` (in the current row), `covered` columns
    /// wide.
    fn put(&mut self, at: usize, cell: &Cell, covered: usize) {
        let x = at - self.row_start;
        if !self.follows_last(at) {
            self.move_to(x);
        }
        let wanted = Pen::of(cell);
        if wanted != self.pen {
            if self.styled {
                wanted.write_change(self.pen, self.out);
            } else {
                wanted.write(self.out);
                self.styled = true;
            }
            self.pen = wanted;
        }
        // Most symbols are one printable ASCII byte: pushed as a byte, not
        // copied as a slice of unknown length.
        match cell.symbol().as_bytes() {
            &[byte] if is_printable_ascii(byte) => {
                self.out.push(byte);
                self.cursor = self.cursor.map(|(row, column)| (row, column + 1));
            }
            symbol => {
                self.out.extend_from_slice(symbol);
                self.cursor = None;
            }
        }
        if x + covered > self.width {
            self.strayed = true;
        }
        self.last = Some(at);
    }

    /// Moves the cursor to column `x` of the current row: forward within
    /// the row, or to the start of the next, with the shortest sequence
    /// where the cursor's place is known; with an absolute move otherwise.
    fn move_to(&mut self, x: usize) {
        match self.cursor {
            Some((row, column)) if row == self.row && x > column => {
                self.out.extend_from_slice(b"\x1b[");
                push_number(self.out, u32::try_from(x - column).unwrap_or(u32::MAX));
                self.out.push(b'C');
            }
            // Carriage return and line feed, which also work right after
            // the last column, where the cursor waits to wrap. Only for the
            // terminal's left edge; the row below is in the frame, so the
            // line feed never scrolls.
            Some((row, _)) if row + 1 == self.row && x == 0 && self.area.x == 0 => {
                self.out.extend_from_slice(b"\r\n");
            }
            _ => {
                let column =
                    u32::from(self.area.x).saturating_add(u32::try_from(x).unwrap_or(u32::MAX));
                let row = u32::from(self.area.y)
                    .saturating_add(u32::try_from(self.row).unwrap_or(u32::MAX));
                self.out.extend_from_slice(b"\x1b[");
                push_number(self.out, row.saturating_add(1));
                self.out.push(b';');
                push_number(self.out, column.saturating_add(1));
                self.out.push(b'H');
            }
        }
        self.cursor = Some((self.row, x));
    }

    /// The cells an emoji with a variation selector covers: ratatui
    /// writes again whatever is not blank there, since some terminals do
    /// not clear them. Returns the index after them.
    fn put_under_emoji(&mut self, cells: &[Cell], start: usize, end: usize) -> usize {
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
                self.strayed = true;
                self.move_to_row_of(at);
                self.put(at, cell, covered);
            }
            at = next;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::*;

    #[test]
    fn blank_means_equal_to_the_empty_cell() {
        let mut cells = vec![Cell::EMPTY, Cell::new(" "), Cell::new("x")];
        for change in 0..6 {
            let mut cell = Cell::EMPTY;
            match change {
                0 => cell.fg = Color::Red,
                1 => cell.bg = Color::Indexed(3),
                2 => cell.underline_color = Color::Blue,
                3 => cell.modifier = Modifier::DIM,
                4 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                _ => {
                    cell.set_symbol("  ");
                }
            }
            cells.push(cell);
        }
        for cell in &cells {
            assert_eq!(is_blank(cell), *cell == Cell::EMPTY, "{cell:?}");
        }
    }
}
