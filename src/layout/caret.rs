//! Where a caret in the article goes: by grapheme, by word, by display row
//! of the wrapped layout, to a row's start or end. A caret is a byte
//! offset of the stored text at the start of a grapheme as shown (markup
//! that is not shown is never a place of its own). Pure functions of the
//! document and the layout; the controller keeps the caret and decides
//! when to move it. Nothing here draws.
//!
//! Motions walk the rows the layout already wraps, a row at a time, so a
//! motion costs a few rows, not the paragraph: a ten-megabyte paragraph
//! moves as fast as a short one.

use std::ops::Range;

use super::rows::{ArticleLayout, RowKind, RowPos};
use super::text::{BlockText, cell_width, graphemes};
use super::wrap::Decoration;
use crate::model::Document;

/// One grapheme as shown on a row: where it comes from in the stored text
/// (its source start and end), its columns and what a word motion sees in
/// it (kept rather than its text: drawing asks for every row's cells, and
/// a string a grapheme would be thousands of allocations a frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub source: Range<usize>,
    pub columns: usize,
    pub class: CharClass,
}

/// A row's graphemes with the columns they start at (decoration
/// included), and the row's display range in its block.
#[derive(Debug, Clone)]
pub struct RowCells {
    pub pos: RowPos,
    pub block: usize,
    pub display: Range<usize>,
    pub cells: Vec<(usize, Cell)>,
}

/// What kind of character a word motion sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    Space,
    Word,
    /// Han, kana, hangul: a run of them is a word of its own, apart from
    /// Latin letters next to it, as vim treats them.
    Ideograph,
    Punctuation,
}

fn class_of(grapheme: &str) -> CharClass {
    let Some(first) = grapheme.chars().next() else {
        return CharClass::Space;
    };
    if first.is_whitespace() {
        CharClass::Space
    } else if is_ideograph(first) {
        CharClass::Ideograph
    } else if first.is_alphanumeric() || first == '_' {
        // A letter with combining marks is one grapheme starting with the
        // letter: it stays in its word.
        CharClass::Word
    } else {
        CharClass::Punctuation
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

impl ArticleLayout {
    /// The graphemes of a row, or `None` for a blank row or the end.
    pub fn row_cells(&self, document: &Document, pos: RowPos) -> Option<RowCells> {
        let RowKind::Line { block, range, .. } = self.row_kind(document, pos) else {
            return None;
        };
        let model = document.blocks.get(block)?;
        let text = BlockText::new(document, model);
        let shown = text.text.get(range.clone())?;
        let mut column = Decoration::of(model.kind).width();
        let mut cells = Vec::new();
        for (at, grapheme) in graphemes(shown) {
            let display = range.start + at;
            let start = text.source_of(display);
            let end = text.source_of(display + grapheme.len()).max(start + 1);
            let columns = cell_width(grapheme);
            cells.push((
                column,
                Cell {
                    source: start..end,
                    columns,
                    class: class_of(grapheme),
                },
            ));
            column += columns;
        }
        Some(RowCells {
            pos,
            block,
            display: range,
            cells,
        })
    }

    /// The row with graphemes nearest `offset` (a blank row gives the row
    /// of text before it, else after it), and the index of the grapheme
    /// holding `offset` (the last one starting at or before it).
    pub fn caret_row(&self, document: &Document, offset: usize) -> Option<(RowCells, usize)> {
        let pos = self.pos_of_offset(document, offset);
        let row = self
            .text_row(document, pos, false)
            .or_else(|| self.text_row(document, pos, true))?;
        let index = row
            .cells
            .iter()
            .rposition(|(_, cell)| cell.source.start <= offset)
            .unwrap_or(0);
        Some((row, index))
    }

    /// `pos` if it has graphemes, else the nearest row that has, walking
    /// down (`forward`) or up.
    fn text_row(&self, document: &Document, mut pos: RowPos, forward: bool) -> Option<RowCells> {
        loop {
            if let Some(row) = self.row_cells(document, pos)
                && !row.cells.is_empty()
            {
                return Some(row);
            }
            pos = if forward {
                self.next(document, pos)?
            } else {
                self.previous(document, pos)?
            };
        }
    }

    /// The row with graphemes after (or before) `row`.
    fn next_text_row(
        &self,
        document: &Document,
        row: &RowCells,
        forward: bool,
    ) -> Option<RowCells> {
        let pos = if forward {
            self.next(document, row.pos)?
        } else {
            self.previous(document, row.pos)?
        };
        self.text_row(document, pos, forward)
    }

    /// A normalised caret: the start of the grapheme holding `offset`.
    pub fn caret_at(&self, document: &Document, offset: usize) -> usize {
        self.caret_row(document, offset)
            .and_then(|(row, index)| row.cells.get(index).map(|(_, c)| c.source.start))
            .unwrap_or(0)
    }

    /// Where the grapheme at the caret ends (its last byte's end): the end
    /// of a selection that ends on it.
    pub fn grapheme_end(&self, document: &Document, offset: usize) -> usize {
        self.caret_row(document, offset)
            .and_then(|(row, index)| row.cells.get(index).map(|(_, c)| c.source.end))
            .unwrap_or(offset)
    }

    /// `count` graphemes on (or back), across rows and blocks; stops at
    /// either end of the article.
    pub fn caret_step(
        &self,
        document: &Document,
        offset: usize,
        forward: bool,
        count: usize,
    ) -> usize {
        let Some((mut row, mut index)) = self.caret_row(document, offset) else {
            return offset;
        };
        for _ in 0..count {
            if forward {
                if index + 1 < row.cells.len() {
                    index += 1;
                } else if let Some(next) = self.next_text_row(document, &row, true) {
                    row = next;
                    index = 0;
                } else {
                    break;
                }
            } else if index > 0 {
                index -= 1;
            } else if let Some(previous) = self.next_text_row(document, &row, false) {
                index = previous.cells.len().saturating_sub(1);
                row = previous;
            } else {
                break;
            }
        }
        row.cells.get(index).map_or(offset, |(_, c)| c.source.start)
    }

    /// The first (or last) grapheme of the caret's display row.
    pub fn caret_row_edge(&self, document: &Document, offset: usize, end: bool) -> usize {
        let Some((row, _)) = self.caret_row(document, offset) else {
            return offset;
        };
        let cell = if end {
            row.cells.last()
        } else {
            row.cells.first()
        };
        cell.map_or(offset, |(_, c)| c.source.start)
    }

    /// The caret's column on screen (decoration included).
    pub fn caret_column(&self, document: &Document, offset: usize) -> Option<(RowPos, usize)> {
        let (row, index) = self.caret_row(document, offset)?;
        let column = row.cells.get(index)?.0;
        Some((row.pos, column))
    }

    /// `count` display rows down (or up), to the grapheme under `column`
    /// (or the row's last when it is shorter): j and k of the wrapped
    /// text, as vim's gj and gk.
    pub fn caret_rows(
        &self,
        document: &Document,
        offset: usize,
        forward: bool,
        count: usize,
        column: usize,
    ) -> usize {
        let Some((mut row, _)) = self.caret_row(document, offset) else {
            return offset;
        };
        for _ in 0..count {
            match self.next_text_row(document, &row, forward) {
                Some(next) => row = next,
                None => break,
            }
        }
        let cell = row
            .cells
            .iter()
            .rev()
            .find(|(left, _)| *left <= column)
            .or_else(|| row.cells.first());
        cell.map_or(offset, |(_, c)| c.source.start)
    }

    /// Word motions: `w` (start of the next word), `e` (end of this or the
    /// next word), `b` (start of this or the previous word). A word is a
    /// run of letters and digits, of ideographs, or of punctuation; rows
    /// broken at a space, and the end of a block, part words.
    pub fn caret_word(
        &self,
        document: &Document,
        offset: usize,
        motion: WordMotion,
        count: usize,
    ) -> usize {
        let mut at = offset;
        for _ in 0..count.max(1) {
            at = self.one_word(document, at, motion);
        }
        at
    }

    fn one_word(&self, document: &Document, offset: usize, motion: WordMotion) -> usize {
        let forward = motion != WordMotion::Back;
        let mut walk = Walk::new(self, document, offset, forward);
        let Some(start) = walk.current() else {
            return offset;
        };
        match motion {
            WordMotion::Next => {
                let class = start.1;
                // Past the rest of this word, then past spaces.
                let mut seen_space = class == CharClass::Space;
                while let Some((at, next)) = walk.advance() {
                    if next == CharClass::Space {
                        seen_space = true;
                        continue;
                    }
                    if seen_space || next != class {
                        return at;
                    }
                }
                walk.last_start().unwrap_or(offset)
            }
            WordMotion::End | WordMotion::Back => {
                // At least one step, past spaces, then to the far edge of
                // the word reached.
                let mut class = None;
                let mut edge = offset;
                while let Some((at, next)) = walk.advance() {
                    match class {
                        None if next == CharClass::Space => continue,
                        None => {
                            class = Some(next);
                            edge = at;
                        }
                        Some(word) if next == word => edge = at,
                        Some(_) => break,
                    }
                }
                edge
            }
        }
    }
}

/// Which word motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMotion {
    Next,
    End,
    Back,
}

/// A walk over the article's graphemes from a caret, forward or back, a
/// row at a time, giving each grapheme's start and class; a break between
/// rows that left a space out, or between blocks, is seen as a space.
struct Walk<'l> {
    layout: &'l ArticleLayout,
    document: &'l Document,
    forward: bool,
    row: Option<RowCells>,
    index: usize,
    /// A space between rows not yet given out.
    pending_space: bool,
    last: Option<usize>,
}

impl<'l> Walk<'l> {
    fn new(
        layout: &'l ArticleLayout,
        document: &'l Document,
        offset: usize,
        forward: bool,
    ) -> Self {
        let (row, index) = match layout.caret_row(document, offset) {
            Some((row, index)) => (Some(row), index),
            None => (None, 0),
        };
        Walk {
            layout,
            document,
            forward,
            row,
            index,
            pending_space: false,
            last: None,
        }
    }

    fn current(&mut self) -> Option<(usize, CharClass)> {
        let (_, cell) = self.row.as_ref()?.cells.get(self.index)?;
        self.last = Some(cell.source.start);
        Some((cell.source.start, cell.class))
    }

    fn last_start(&self) -> Option<usize> {
        self.last
    }

    /// The next grapheme in the walk's direction (a virtual space between
    /// rows has the start of the grapheme after it).
    fn advance(&mut self) -> Option<(usize, CharClass)> {
        let row = self.row.as_ref()?;
        let within = if self.forward {
            self.index + 1 < row.cells.len()
        } else {
            self.index > 0
        };
        if within && !self.pending_space {
            if self.forward {
                self.index += 1;
            } else {
                self.index -= 1;
            }
            return self.current();
        }
        if self.pending_space {
            self.pending_space = false;
            return self.current();
        }
        let next = self
            .layout
            .next_text_row(self.document, row, self.forward)?;
        let (earlier, later) = if self.forward {
            (row, &next)
        } else {
            (&next, row)
        };
        let joined = earlier.block == later.block && earlier.display.end == later.display.start;
        self.index = if self.forward {
            0
        } else {
            next.cells.len().saturating_sub(1)
        };
        self.row = Some(next);
        if joined {
            return self.current();
        }
        // The space the break stands for: given out now, the grapheme
        // after it next.
        self.pending_space = true;
        let (_, cell) = self.row.as_ref()?.cells.get(self.index)?;
        Some((cell.source.start, CharClass::Space))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_document as document;

    fn words(text: &str, motion: WordMotion, from: usize) -> usize {
        let document = document(text);
        ArticleLayout::new(40).caret_word(&document, from, motion, 1)
    }

    #[test]
    fn word_motions_part_latin_ideographs_and_punctuation() {
        assert_eq!(words("one two", WordMotion::Next, 0), 4);
        assert_eq!(words("one, two", WordMotion::Next, 0), 3);
        assert_eq!(words("one two", WordMotion::End, 0), 2);
        assert_eq!(words("one two", WordMotion::Back, 5), 4);
        assert_eq!(words("one two", WordMotion::Back, 4), 0);
        let mixed = "abc東京def";
        assert_eq!(words(mixed, WordMotion::Next, 0), 3);
    }
}
