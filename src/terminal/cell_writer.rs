//! Writing cells to a terminal: the style it is drawing with (`Pen`),
//! set with one SGR sequence per change carrying only what changes, and a
//! `Writer` that puts cells where ratatui's backend would, moving the
//! cursor only where ratatui would and then with the shortest sequence the
//! known cursor position allows. Both frame encoders (`first_frame`,
//! `diff_frame`) write through it.
//!
//! It owns only the bytes for a cell, a style and a cursor move; which
//! cells are written is the encoders' business, and it never writes to the
//! terminal itself.

use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::sanitize::is_printable_ascii;

/// Whether a frame's colours are sent. Under `NO_COLOR` they are dropped
/// and only attributes (bold, reverse...) go out; ratatui's backend, where
/// crossterm drops them, sent an empty SGR sequence for each colour change,
/// which also reset the attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colors {
    Sent,
    Dropped,
}

impl Colors {
    /// `Dropped` when `NO_COLOR` is set to something (as crossterm reads it).
    pub fn from_env() -> Colors {
        if ratatui::crossterm::style::Colored::ansi_color_disabled_memoized() {
            Colors::Dropped
        } else {
            Colors::Sent
        }
    }
}

/// The style the terminal is drawing with.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Pen {
    fg: Color,
    bg: Color,
    underline_color: Color,
    modifier: Modifier,
}

impl Pen {
    /// A cleared screen's style.
    pub(super) const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline_color: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// A cell's style, without its colours where they are dropped.
    fn of(cell: &Cell, colors: Colors) -> Pen {
        match colors {
            Colors::Sent => Pen {
                fg: cell.fg,
                bg: cell.bg,
                underline_color: cell.underline_color,
                modifier: cell.modifier,
            },
            Colors::Dropped => Pen {
                modifier: cell.modifier,
                ..Pen::PLAIN
            },
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
pub(super) fn push_number(out: &mut Vec<u8>, number: u32) {
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

/// Cells ratatui never draws (set aside by a widget).
#[allow(deprecated)]
pub(super) fn is_skipped(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// How many columns a cell covers, as ratatui counts them; a printable
/// ASCII symbol (most cells) without a table lookup.
pub(super) fn columns(cell: &Cell) -> usize {
    let plain_ascii = matches!(cell.symbol().as_bytes(), &[byte] if is_printable_ascii(byte));
    if plain_ascii && !matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) {
        1
    } else {
        usize::from(cell.cell_width())
    }
}

/// Writes cells where ratatui's backend would, tracking what it knows of
/// the terminal.
pub(super) struct Writer<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) pen: Pen,
    area: Rect,
    width: usize,
    /// The row of the cell being looked at, and the index of its first
    /// cell.
    row: usize,
    pub(super) row_start: usize,
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
    pub(super) strayed: bool,
    colors: Colors,
}

impl<'a> Writer<'a> {
    /// A writer for a frame over `area`, appending to `out`, with the
    /// cursor's place unknown and the terminal's style plain.
    pub(super) fn new(out: &'a mut Vec<u8>, area: Rect, colors: Colors) -> Self {
        Writer {
            out,
            pen: Pen::PLAIN,
            area,
            width: usize::from(area.width),
            row: 0,
            row_start: 0,
            last: None,
            cursor: None,
            styled: false,
            strayed: false,
            colors,
        }
    }

    /// Puts the pen down: text written after the frame is plain.
    pub(super) fn finish(self) {
        if self.pen != Pen::PLAIN {
            self.out.extend_from_slice(b"\x1b[0m");
        }
    }

    /// Writes the cell at `at`, which is never before the last one
    /// written, as ratatui's backend would.
    pub(super) fn write(&mut self, at: usize, cell: &Cell) {
        self.move_to_row_of(at);
        self.put(at, cell, columns(cell));
    }

    /// Makes `row` the row of cell `at`, which is never before it.
    pub(super) fn move_to_row_of(&mut self, at: usize) {
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
    pub(super) fn can_write_blank(&self, at: usize) -> bool {
        !self.strayed && self.cursor.is_some() && self.follows_last(at)
    }

    /// Writes the cell at `at` (in the current row), `covered` columns
    /// wide.
    pub(super) fn put(&mut self, at: usize, cell: &Cell, covered: usize) {
        let x = at - self.row_start;
        if !self.follows_last(at) {
            self.move_to(x);
        }
        let wanted = Pen::of(cell, self.colors);
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
}

/// `base`'s variations, each differing from it in one field (for the
/// encoders' tests of their cell comparisons).
#[cfg(test)]
pub(super) fn variations_of(base: &Cell) -> Vec<Cell> {
    (0..7)
        .map(|change| {
            let mut cell = base.clone();
            match change {
                0 => cell.fg = Color::Red,
                1 => cell.bg = Color::Indexed(3),
                2 => cell.underline_color = Color::Blue,
                3 => cell.modifier = Modifier::DIM,
                4 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                5 => {
                    #[allow(deprecated)]
                    {
                        cell.skip = true;
                    }
                }
                _ => {
                    cell.set_symbol("  ");
                }
            }
            cell
        })
        .collect()
}
