//! The article's screen rows at one width, laid out lazily.
//!
//! A row is named by where it is — [`RowPos`]: a block, a segment of it and
//! a line of that segment — never by its number from the top, because a
//! number would need every block above it wrapped first. Blocks are wrapped
//! the first time a row of theirs is asked for and kept until the width
//! changes, so opening, scrolling, jumping and resizing cost what is on
//! screen, not what is in the document. A block longer than
//! [`SEGMENT_BYTES`](super::SEGMENT_BYTES) is split into segments that each
//! start a new row (`segments` says where), so a ten-megabyte paragraph is
//! wrapped a screenful at a time too. Stepping and counting rows, and
//! walking a screen's rows, are in `walk`.
//!
//! The cache sits behind a `RefCell`: it is a memo of a pure function of
//! (document, width), not state, so asking for rows through `&self` is fine
//! and the renderer can stay a function of `&State`. Nothing here knows
//! about the terminal or ratatui.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::segments::{segment_count, segment_of, segment_range};
use super::text::{BlockText, cell_width};
use super::wrap::{Decoration, unwrapped, wrap};
use crate::model::{Block, BlockKind, Document};

/// A screen row of the article: line `line` of segment `segment` of block
/// `block`. The blank row after a block is the line one past its last
/// segment's last line. Positions order as the rows do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct RowPos {
    pub block: usize,
    pub segment: usize,
    pub line: usize,
}

/// What a screen row of the article shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// A line of block `block`: `range` is in display bytes of its
    /// [`BlockText`]; `first` says whether it is the block's first line
    /// (which carries the list marker).
    Line {
        block: usize,
        first: bool,
        range: Range<usize>,
    },
    /// The blank row after a block.
    Gap { block: usize },
    /// Past the end of the article.
    End,
}

/// How much wrapping the layout has done since it was made: what the
/// regression tests count instead of timing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutWork {
    /// Blocks whose segments were worked out.
    pub blocks: usize,
    /// Segments wrapped into lines.
    pub segments: usize,
    /// Display bytes those segments held.
    pub bytes: usize,
}

#[derive(Debug)]
pub(super) struct BlockRows {
    /// Each segment's lines, as display byte ranges of the block's
    /// [`BlockText`], wrapped when the segment is first needed.
    segments: Vec<OnceLock<Vec<Range<usize>>>>,
    /// Columns for text once the decoration is drawn.
    room: usize,
    gap_after: bool,
}

impl BlockRows {
    pub(super) fn last_segment(&self) -> usize {
        self.segments.len().saturating_sub(1)
    }
}

/// The article's rows at one text width.
#[derive(Debug, Clone)]
pub struct ArticleLayout {
    /// Columns available to text, decorations included.
    pub width: usize,
    blocks: RefCell<HashMap<usize, Arc<BlockRows>>>,
    work: Cell<LayoutWork>,
}

impl ArticleLayout {
    pub fn new(width: usize) -> Self {
        Self {
            width,
            blocks: RefCell::default(),
            work: Cell::default(),
        }
    }

    /// The wrapping done so far at this width.
    pub fn work(&self) -> LayoutWork {
        self.work.get()
    }

    fn count(&self, change: impl FnOnce(&mut LayoutWork)) {
        let mut work = self.work.get();
        change(&mut work);
        self.work.set(work);
    }

    pub(super) fn rows(&self, document: &Document, block: usize) -> Option<Arc<BlockRows>> {
        if let Some(rows) = self.blocks.borrow().get(&block) {
            return Some(Arc::clone(rows));
        }
        let model = document.blocks.get(block)?;
        let segments = if model.kind == BlockKind::Rule {
            // A rule is one row with no text.
            vec![OnceLock::from(std::iter::once(0..0).collect::<Vec<_>>())]
        } else {
            // Only the count is needed now: where each segment begins is
            // worked out near it when it is first shown.
            let length = BlockText::new(document, model).text.len();
            (0..segment_count(length))
                .map(|_| OnceLock::new())
                .collect()
        };
        let rows = Arc::new(BlockRows {
            segments,
            room: self
                .width
                .saturating_sub(Decoration::of(model.kind).width())
                .max(1),
            gap_after: document
                .blocks
                .get(block + 1)
                .is_some_and(|next| gap_between(&document.text, model, next)),
        });
        self.count(|work| work.blocks += 1);
        self.blocks.borrow_mut().insert(block, Arc::clone(&rows));
        Some(rows)
    }

    /// The lines of one segment, wrapped on first use.
    pub(super) fn lines<'r>(
        &self,
        document: &Document,
        block: usize,
        rows: &'r BlockRows,
        segment: usize,
    ) -> &'r [Range<usize>] {
        let Some(part) = rows.segments.get(segment) else {
            return &[];
        };
        part.get_or_init(|| {
            let Some(model) = document.blocks.get(block) else {
                return std::iter::once(0..0).collect();
            };
            let text = BlockText::new(document, model);
            let display = segment_range(&text.text, segment, rows.segments.len());
            let shown = text.text.get(display.clone()).unwrap_or_default();
            self.count(|work| {
                work.segments += 1;
                work.bytes += shown.len();
            });
            let start = display.start;
            let lines = if model.kind.wraps() {
                wrap(shown, rows.room)
            } else {
                unwrapped(shown)
            };
            lines
                .into_iter()
                .map(|line| line.start + start..line.end + start)
                .collect()
        })
    }

    pub(super) fn line_count(&self, document: &Document, pos: RowPos, rows: &BlockRows) -> usize {
        self.lines(document, pos.block, rows, pos.segment).len()
    }

    /// The first row of the article.
    pub fn first(&self) -> RowPos {
        RowPos::default()
    }

    /// The last row of the article (a block's own line: the article does
    /// not end on a blank row).
    pub fn last(&self, document: &Document) -> RowPos {
        let block = document.blocks.len().saturating_sub(1);
        let Some(rows) = self.rows(document, block) else {
            return RowPos::default();
        };
        let segment = rows.last_segment();
        let lines = self.lines(document, block, &rows, segment).len();
        RowPos {
            block,
            segment,
            line: lines.saturating_sub(1),
        }
    }

    /// What a row shows.
    pub fn row_kind(&self, document: &Document, pos: RowPos) -> RowKind {
        match self.rows(document, pos.block) {
            Some(rows) => self.row_kind_in(document, pos, &rows),
            None => RowKind::End,
        }
    }

    /// `row_kind`, given the rows of `pos.block`.
    pub(super) fn row_kind_in(
        &self,
        document: &Document,
        pos: RowPos,
        rows: &BlockRows,
    ) -> RowKind {
        let lines = self.lines(document, pos.block, rows, pos.segment);
        if let Some(range) = lines.get(pos.line) {
            return RowKind::Line {
                block: pos.block,
                first: pos.segment == 0 && pos.line == 0,
                range: range.clone(),
            };
        }
        let is_gap =
            rows.gap_after && pos.segment == rows.last_segment() && pos.line == lines.len();
        if is_gap {
            RowKind::Gap { block: pos.block }
        } else {
            RowKind::End
        }
    }

    /// The row after `pos`, if there is one.
    pub fn next(&self, document: &Document, pos: RowPos) -> Option<RowPos> {
        let rows = self.rows(document, pos.block)?;
        self.next_in(document, pos, &rows)
    }

    /// `next`, given the rows of `pos.block`.
    pub(super) fn next_in(
        &self,
        document: &Document,
        pos: RowPos,
        rows: &BlockRows,
    ) -> Option<RowPos> {
        let lines = self.line_count(document, pos, rows);
        let next_block = || {
            (pos.block + 1 < document.blocks.len()).then_some(RowPos {
                block: pos.block + 1,
                segment: 0,
                line: 0,
            })
        };
        if pos.line + 1 < lines {
            Some(RowPos {
                line: pos.line + 1,
                ..pos
            })
        } else if pos.line >= lines {
            // The blank row after the block.
            next_block()
        } else if pos.segment < rows.last_segment() {
            Some(RowPos {
                block: pos.block,
                segment: pos.segment + 1,
                line: 0,
            })
        } else if rows.gap_after {
            Some(RowPos { line: lines, ..pos })
        } else {
            next_block()
        }
    }

    /// The row before `pos`, if there is one.
    pub fn previous(&self, document: &Document, pos: RowPos) -> Option<RowPos> {
        if pos.line > 0 {
            return Some(RowPos {
                line: pos.line - 1,
                ..pos
            });
        }
        if pos.segment > 0 {
            let rows = self.rows(document, pos.block)?;
            let segment = pos.segment - 1;
            let lines = self.lines(document, pos.block, &rows, segment).len();
            return Some(RowPos {
                block: pos.block,
                segment,
                line: lines.saturating_sub(1),
            });
        }
        let block = pos.block.checked_sub(1)?;
        let rows = self.rows(document, block)?;
        let segment = rows.last_segment();
        let lines = self.lines(document, block, &rows, segment).len();
        Some(RowPos {
            block,
            segment,
            line: if rows.gap_after {
                lines
            } else {
                lines.saturating_sub(1)
            },
        })
    }

    /// The row showing a byte offset of the stored text. The end of a
    /// block followed by a blank row is that blank row, so a view whose
    /// top row was blank comes back to it.
    pub fn pos_of_offset(&self, document: &Document, offset: usize) -> RowPos {
        let Some(index) = document.block_at(offset) else {
            return self.last(document);
        };
        if let Some(previous) = index.checked_sub(1) {
            let ends_here = document
                .blocks
                .get(previous)
                .is_some_and(|b| b.source.end == offset);
            if ends_here
                && let Some(rows) = self.rows(document, previous)
                && rows.gap_after
            {
                let segment = rows.last_segment();
                let line = self.lines(document, previous, &rows, segment).len();
                return RowPos {
                    block: previous,
                    segment,
                    line,
                };
            }
        }
        let (Some(block), Some(rows)) = (document.blocks.get(index), self.rows(document, index))
        else {
            return RowPos::default();
        };
        let text = BlockText::new(document, block);
        let display = text.display_of(offset.max(block.source.start));
        let segment = segment_of(&text.text, display, rows.segments.len());
        let lines = self.lines(document, index, &rows, segment);
        let line = lines
            .partition_point(|line| line.end < display)
            .min(lines.len().saturating_sub(1));
        RowPos {
            block: index,
            segment,
            line,
        }
    }

    /// The byte offset at the start of a row (a blank row maps to the end
    /// of its block).
    pub fn offset_of(&self, document: &Document, pos: RowPos) -> usize {
        match self.row_kind(document, pos) {
            RowKind::Line { block, range, .. } => {
                let Some(b) = document.blocks.get(block) else {
                    return 0;
                };
                BlockText::new(document, b).source_of(range.start)
            }
            RowKind::Gap { block } => document.blocks.get(block).map_or(0, |b| b.source.end),
            RowKind::End => document.text.len(),
        }
    }

    /// The byte offset of the stored text shown at a column of a row (the
    /// column counts from the left of the text area, decorations included).
    pub fn offset_at(&self, document: &Document, pos: RowPos, column: usize) -> Option<usize> {
        let RowKind::Line { block, range, .. } = self.row_kind(document, pos) else {
            return None;
        };
        let b = document.blocks.get(block)?;
        let text = BlockText::new(document, b);
        let mut left = Decoration::of(b.kind).width();
        if column < left {
            return None;
        }
        for (at, grapheme) in super::text::graphemes(text.text.get(range.clone())?) {
            let right = left + cell_width(grapheme);
            if column < right {
                return Some(text.source_of(range.start + at));
            }
            left = right;
        }
        None
    }
}

/// Whether a blank row separates two blocks: not inside a list, nor
/// between the rows of one table (rows of two tables have a blank line
/// between them in the text).
fn gap_between(text: &str, this: &Block, next: &Block) -> bool {
    let in_list = |b: &Block| matches!(b.kind, BlockKind::ListItem { .. });
    let in_table = |b: &Block| b.kind == BlockKind::TableRow;
    let one_table = || {
        let between = text.get(this.source.end..next.source.start);
        between.is_some_and(|between| {
            let line_ends = between.bytes().filter(|&b| b == b'\n').count();
            let lone_returns = between.matches('\r').count() - between.matches("\r\n").count();
            line_ends + lone_returns < 2
        })
    };
    let same_list = in_list(this) && in_list(next);
    let same_table = in_table(this) && in_table(next) && one_table();
    !(same_list || same_table)
}
