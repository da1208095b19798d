//! The article's screen rows at one width, laid out lazily.
//!
//! A row is named by where it is — [`RowPos`]: a block, a segment of it and
//! a line of that segment — never by its number from the top, because a
//! number would need every block above it wrapped first. Blocks are wrapped
//! the first time a row of theirs is asked for and kept until the width
//! changes, so opening, scrolling, jumping and resizing cost what is on
//! screen, not what is in the document. A block longer than
//! [`SEGMENT_BYTES`] is split into segments that each start a new row, so a
//! ten-megabyte paragraph is wrapped a screenful at a time too.
//!
//! The cache sits behind a `RefCell`: it is a memo of a pure function of
//! (document, width), not state, so asking for rows through `&self` is fine
//! and the renderer can stay a function of `&State`. Nothing here knows
//! about the terminal or ratatui.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use unicode_segmentation::GraphemeCursor;

use super::text::{BlockText, cell_width};
use super::wrap::{Decoration, wrap};
use crate::model::{Block, BlockKind, Document};

/// Blocks whose displayed text is longer than this many bytes are laid out
/// in segments of about this size (never more than half again), each
/// starting on a new row. Wrapping one segment is what a keystroke may cost
/// at worst (tens of microseconds); the price is one early line break every
/// 16 KiB inside a giant paragraph.
pub const SEGMENT_BYTES: usize = 16 * 1024;

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
struct BlockRows {
    /// Each segment's lines, as display byte ranges of the block's
    /// [`BlockText`], wrapped when the segment is first needed.
    segments: Vec<OnceLock<Vec<Range<usize>>>>,
    /// Columns for text once the decoration is drawn.
    room: usize,
    gap_after: bool,
}

impl BlockRows {
    fn last_segment(&self) -> usize {
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

    fn rows(&self, document: &Document, block: usize) -> Option<Arc<BlockRows>> {
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
                .is_some_and(|next| gap_between(model, next)),
        });
        self.count(|work| work.blocks += 1);
        self.blocks.borrow_mut().insert(block, Arc::clone(&rows));
        Some(rows)
    }

    /// The lines of one segment, wrapped on first use.
    fn lines<'r>(
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
            wrap(shown, rows.room)
                .into_iter()
                .map(|line| line.start + start..line.end + start)
                .collect()
        })
    }

    fn line_count(&self, document: &Document, pos: RowPos, rows: &BlockRows) -> usize {
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

    /// The rows from `top` down, each with what it shows: a screen's
    /// walk, looking each block up once instead of twice a row.
    pub fn rows_from<'l>(&'l self, document: &'l Document, top: RowPos) -> RowsFrom<'l> {
        RowsFrom {
            layout: self,
            document,
            next: Some(top),
            block: None,
        }
    }

    /// `row_kind`, given the rows of `pos.block`.
    fn row_kind_in(&self, document: &Document, pos: RowPos, rows: &BlockRows) -> RowKind {
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
    fn next_in(&self, document: &Document, pos: RowPos, rows: &BlockRows) -> Option<RowPos> {
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

    /// Moves up to `rows` rows down (or up, when negative), stopping at
    /// either end. Returns where it got and how many rows it moved.
    pub fn step(&self, document: &Document, from: RowPos, rows: isize) -> (RowPos, usize) {
        let mut at = from;
        let mut moved = 0;
        let wanted = rows.unsigned_abs();
        while moved < wanted {
            let next = if rows > 0 {
                self.advance(document, at, wanted - moved)
            } else if at.line > 0 {
                // Up through a segment needs no look-up.
                let by = at.line.min(wanted - moved);
                Some((
                    RowPos {
                        line: at.line - by,
                        ..at
                    },
                    by,
                ))
            } else {
                self.previous(document, at).map(|row| (row, 1))
            };
            let Some((next, by)) = next else { break };
            at = next;
            moved += by;
        }
        (at, moved)
    }

    /// Moves down from `pos` by 1 to `limit` rows without leaving its
    /// block except onto the next block's first row, with one look-up
    /// for them all; `None` at the end of the article.
    fn advance(&self, document: &Document, pos: RowPos, limit: usize) -> Option<(RowPos, usize)> {
        let rows = self.rows(document, pos.block)?;
        let mut at = pos;
        let mut moved = 0;
        while moved < limit {
            let below = self
                .line_count(document, at, &rows)
                .saturating_sub(at.line + 1);
            if below > 0 {
                let by = below.min(limit - moved);
                at.line += by;
                moved += by;
                continue;
            }
            let Some(next) = self.next_in(document, at, &rows) else {
                break;
            };
            at = next;
            moved += 1;
            if next.block != pos.block {
                break;
            }
        }
        (moved > 0).then_some((at, moved))
    }

    /// Rows from `from` down to `to`, if `to` is a row of the article at
    /// most `limit` rows below. No more is wrapped than those rows need.
    pub fn rows_between(
        &self,
        document: &Document,
        from: RowPos,
        to: RowPos,
        limit: usize,
    ) -> Option<usize> {
        if to < from {
            return None;
        }
        let mut at = from;
        let mut moved: usize = 0;
        // A block at a time up to the block of `to`...
        while at.block < to.block {
            // One row past the limit is enough to know `to` is too far.
            let bound = limit.saturating_sub(moved).saturating_add(1);
            let (next, by) = self.advance(document, at, bound)?;
            at = next;
            moved += by;
            if moved > limit {
                return None;
            }
        }
        // ...then a segment at a time (only a block cut into segments has
        // more than one, and none but the last has a blank row)...
        while at.segment < to.segment {
            let rows = self.rows(document, at.block)?;
            moved += self.line_count(document, at, &rows).saturating_sub(at.line);
            at = RowPos {
                segment: at.segment + 1,
                line: 0,
                ..at
            };
            if moved > limit {
                return None;
            }
        }
        // ...and within the segment the distance is a subtraction, once
        // `to` is known to be one of its rows.
        let rows = self.rows(document, to.block)?;
        if self.row_kind_in(document, to, &rows) == RowKind::End {
            return None;
        }
        moved += to.line.checked_sub(at.line)?;
        (moved <= limit).then_some(moved)
    }

    /// The row number of `pos` counted from the top. It walks every row
    /// above, so it is for tests and small documents, never for a frame.
    pub fn row_number(&self, document: &Document, pos: RowPos) -> usize {
        self.rows_between(document, self.first(), pos, usize::MAX)
            .unwrap_or(0)
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

/// The article's rows from one row down: see [`ArticleLayout::rows_from`].
pub struct RowsFrom<'l> {
    layout: &'l ArticleLayout,
    document: &'l Document,
    next: Option<RowPos>,
    /// The rows of the block the walk is in.
    block: Option<(usize, Arc<BlockRows>)>,
}

impl Iterator for RowsFrom<'_> {
    type Item = (RowPos, RowKind);

    fn next(&mut self) -> Option<Self::Item> {
        let pos = self.next.take()?;
        if self
            .block
            .as_ref()
            .is_none_or(|(block, _)| *block != pos.block)
        {
            self.block = self
                .layout
                .rows(self.document, pos.block)
                .map(|rows| (pos.block, rows));
        }
        let Some((_, rows)) = &self.block else {
            return Some((pos, RowKind::End));
        };
        self.next = self.layout.next_in(self.document, pos, rows);
        Some((pos, self.layout.row_kind_in(self.document, pos, rows)))
    }
}

/// Whether a blank row separates two blocks: not inside a list.
fn gap_between(this: &Block, next: &Block) -> bool {
    let in_list = |b: &Block| matches!(b.kind, BlockKind::ListItem { .. });
    !(in_list(this) && in_list(next))
}

/// How many segments a block of `length` displayed bytes is laid out in.
fn segment_count(length: usize) -> usize {
    length.div_ceil(SEGMENT_BYTES).max(1)
}

/// Where the text is cut between segments `k - 1` and `k`: the end of the
/// one and the start of the other. Each cut is found near `k` times
/// [`SEGMENT_BYTES`], in the half segment before it, on its own, so any
/// segment can be laid out without the ones before it: at the last space
/// or line break there (left out of both segments, as a space at a line
/// break is), else at the last grapheme boundary, else (a single grapheme
/// of kilobytes) at a character boundary.
fn cut(text: &str, k: usize) -> (usize, usize) {
    let target = floor_char_boundary(text, k * SEGMENT_BYTES);
    let half = floor_char_boundary(text, (k * SEGMENT_BYTES).saturating_sub(SEGMENT_BYTES / 2));
    let window = text.get(half..target).unwrap_or_default();
    let separator = window
        .rfind(' ')
        .or_else(|| {
            window
                .rfind('\n')
                .filter(|&at| !window.get(..at).unwrap_or_default().ends_with('\r'))
        })
        .map(|at| half + at);
    if let Some(at) = separator {
        return (at, at + 1);
    }
    let mut cursor = GraphemeCursor::new(target, text.len(), true);
    let at = match cursor.is_boundary(text, 0) {
        Ok(true) => target,
        _ => match cursor.prev_boundary(text, 0) {
            Ok(Some(before)) if before > half => before,
            _ => target,
        },
    };
    (at, at)
}

/// The displayed bytes of segment `k` of `count`.
fn segment_range(text: &str, k: usize, count: usize) -> Range<usize> {
    let start = if k == 0 { 0 } else { cut(text, k).1 };
    let end = if k + 1 >= count {
        text.len()
    } else {
        cut(text, k + 1).0
    };
    start..end.max(start)
}

/// The segment showing a display offset (a separator left out at a cut
/// belongs to the segment after it).
fn segment_of(text: &str, display: usize, count: usize) -> usize {
    let k = (display / SEGMENT_BYTES).min(count.saturating_sub(1));
    if k + 1 < count && display >= cut(text, k + 1).0 {
        k + 1
    } else {
        k
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{InMemory, load_annotated};

    fn document(markdown: &str) -> Document {
        let files = InMemory {
            files: vec![
                ("d.toml".into(), "format = 1\n".into()),
                ("d.md".into(), markdown.into()),
            ],
        };
        load_annotated(std::path::Path::new("d.toml"), &files)
            .briefing
            .expect("loads")
            .document
    }

    /// `step` and `rows_between` pass whole segments at once; they must
    /// land where walking row by row lands, across blank rows, list items
    /// (no blank row between them), rules and a paragraph long enough to
    /// be cut into segments.
    #[test]
    fn stepping_and_counting_agree_with_walking_row_by_row() {
        let long = "word and more words, ".repeat(2 * SEGMENT_BYTES / 21);
        let markdown = format!(
            "# Title\n\nA short paragraph\nover two lines.\n\n- one\n- two\n  and more\n\n\
             ---\n\n{long}\n\n> quoted\n\nLast."
        );
        let document = document(&markdown);
        for width in [12, 70] {
            let layout = ArticleLayout::new(width);
            let mut rows = vec![layout.first()];
            while let Some(next) = layout.next(&document, *rows.last().unwrap()) {
                rows.push(next);
            }
            assert!(rows.iter().any(|row| row.segment > 0), "no segments");
            for (i, &from) in rows.iter().enumerate().step_by(7) {
                let walked: Vec<(RowPos, RowKind)> = rows[i..]
                    .iter()
                    .map(|&row| (row, layout.row_kind(&document, row)))
                    .collect();
                assert_eq!(
                    layout.rows_from(&document, from).collect::<Vec<_>>(),
                    walked
                );
            }
            let last = rows.len() - 1;
            for (i, &from) in rows.iter().enumerate() {
                for n in [0, 1, 2, 5, 17, 40, 10_000] {
                    let down = n.min(last - i);
                    assert_eq!(
                        layout.step(&document, from, signed(n)),
                        (rows[i + down], down),
                        "{n} down from {from:?} at width {width}"
                    );
                    let up = n.min(i);
                    assert_eq!(
                        layout.step(&document, from, -signed(n)),
                        (rows[i - up], up),
                        "{n} up from {from:?} at width {width}"
                    );
                }
                let near = i.saturating_sub(2);
                for (j, &to) in rows.iter().enumerate().skip(near).take(47) {
                    for limit in [0, 10, 40] {
                        let expected = (j >= i && j - i <= limit).then(|| j - i);
                        assert_eq!(
                            layout.rows_between(&document, from, to, limit),
                            expected,
                            "{from:?} to {to:?} within {limit} at width {width}"
                        );
                    }
                }
            }
        }
    }

    /// Asking how far a row is wraps no more than the rows up to the
    /// limit, even across a paragraph cut into many segments; a position
    /// that is no row of the article is no distance away.
    #[test]
    fn counting_rows_wraps_only_up_to_the_limit_and_knows_real_rows() {
        let giant = "word and more words, ".repeat(40 * SEGMENT_BYTES / 21);
        let long = document(&format!("{giant}\n\n# Target\n\nAfter.\n"));
        let layout = ArticleLayout::new(80);
        let target = RowPos {
            block: 1,
            segment: 0,
            line: 0,
        };
        assert_eq!(layout.rows_between(&long, layout.first(), target, 30), None);
        assert!(
            layout.work().segments <= 2,
            "{:?} for a limit of 30 rows",
            layout.work()
        );

        let short = document("One two.\n\n- a\n- b\n\nEnd.\n");
        let layout = ArticleLayout::new(40);
        let first = layout.first();
        let gap_after_paragraph = RowPos {
            block: 0,
            segment: 0,
            line: 1,
        };
        assert_eq!(
            layout.rows_between(&short, first, gap_after_paragraph, 10),
            Some(1)
        );
        for not_a_row in [
            // A list item followed by another has no blank row after it.
            RowPos {
                block: 1,
                segment: 0,
                line: 1,
            },
            RowPos {
                block: 0,
                segment: 0,
                line: 5,
            },
            RowPos {
                block: 0,
                segment: 3,
                line: 0,
            },
            RowPos {
                block: 9,
                segment: 0,
                line: 0,
            },
        ] {
            assert_eq!(
                layout.rows_between(&short, first, not_a_row, 100),
                None,
                "{not_a_row:?}"
            );
        }
    }

    fn signed(n: usize) -> isize {
        isize::try_from(n).unwrap()
    }

    fn segments(text: &str) -> Vec<Range<usize>> {
        let count = segment_count(text.len());
        (0..count).map(|k| segment_range(text, k, count)).collect()
    }

    #[test]
    fn short_text_is_one_segment() {
        assert_eq!(segments("short"), std::iter::once(0..5).collect::<Vec<_>>());
        assert_eq!(segments(""), std::iter::once(0..0).collect::<Vec<_>>());
    }

    #[test]
    fn long_text_splits_at_spaces_and_drops_them() {
        let word = "abcdefg ";
        let text = word.repeat(3 * SEGMENT_BYTES / word.len() + 5);
        let parts = segments(&text);
        assert!(parts.len() >= 3, "{parts:?}");
        for pair in parts.windows(2) {
            let [a, b] = pair else { unreachable!() };
            assert!(a.end - a.start <= 3 * SEGMENT_BYTES / 2);
            assert_eq!(&text[a.end..b.start], " ");
        }
        assert_eq!(parts.last().map(|s| s.end), Some(text.len()));
        for (k, part) in parts.iter().enumerate() {
            for display in [part.start, part.end.saturating_sub(1)] {
                assert_eq!(segment_of(&text, display, parts.len()), k, "{display}");
            }
        }
    }

    #[test]
    fn unbroken_text_splits_on_grapheme_boundaries() {
        // Each "e + combining acute" is one grapheme of three bytes.
        let text = "e\u{301}".repeat(SEGMENT_BYTES);
        let parts = segments(&text);
        assert!(parts.len() > 2);
        for pair in parts.windows(2) {
            let [a, b] = pair else { unreachable!() };
            assert_eq!(a.end, b.start);
            assert!(text[b.start..].starts_with('e'), "cut inside a grapheme");
        }
        let joined: usize = parts.iter().map(|s| s.len()).sum();
        assert_eq!(joined, text.len());
    }
}
