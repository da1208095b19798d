//! Moving through the article's rows: stepping a number of rows up or
//! down, counting the rows between two, and walking a screen's rows with
//! what each shows. Each looks a block's rows up once for all the rows it
//! passes in that block, and passes a segment's lines with a subtraction,
//! so a keystroke costs what it crosses block by block, not row by row.
//! The rows themselves, and when they are wrapped, belong to `rows`.

use std::sync::Arc;

use super::rows::{ArticleLayout, BlockRows, RowKind, RowPos};
use crate::model::Document;

impl ArticleLayout {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SEGMENT_BYTES;
    use crate::layout::test_document as document;

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
}
