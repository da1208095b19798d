//! Passages of the reviewer's items (notes, mentions) as found in the
//! loaded text, sorted by where they start, with the longest one's length
//! kept so that the items on one row are found in a window of the sorted
//! list rather than by a scan of all of them. Data only.

use std::ops::Range;

/// (passage, index into the review's list), sorted by (start, end, index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placed {
    spans: Vec<(Range<usize>, usize)>,
    /// The longest passage, in bytes: how far before a row an item that
    /// reaches into it can start.
    longest: usize,
}

impl Placed {
    /// From passages in any order.
    pub fn from_unsorted(mut spans: Vec<(Range<usize>, usize)>) -> Placed {
        spans.sort_by_key(|(span, index)| (span.start, span.end, *index));
        let longest = spans.iter().map(|(span, _)| span.len()).max().unwrap_or(0);
        Placed { spans, longest }
    }

    /// Places the item at `index` on `span`.
    pub fn insert(&mut self, span: Range<usize>, index: usize) {
        let key = (span.start, span.end, index);
        let at = self
            .spans
            .partition_point(|(s, i)| (s.start, s.end, *i) < key);
        self.longest = self.longest.max(span.len());
        self.spans.insert(at, (span, index));
    }

    /// Forgets the item at `index`, just removed from its list: later
    /// items' indices move down by one, as the list's did.
    pub fn forget(&mut self, index: usize) {
        self.spans.retain(|(_, i)| *i != index);
        for (_, i) in &mut self.spans {
            if *i > index {
                *i -= 1;
            }
        }
    }

    /// Where the item at `index` is.
    pub fn passage_of(&self, index: usize) -> Option<Range<usize>> {
        self.spans
            .iter()
            .find(|(_, i)| *i == index)
            .map(|(span, _)| span.clone())
    }

    /// The items overlapping `source` (or starting at it when it is empty).
    pub fn overlapping(
        &self,
        source: Range<usize>,
    ) -> impl Iterator<Item = &(Range<usize>, usize)> {
        // Sorted by start: an item reaching into `source` starts at most
        // the longest passage before it, and none starts after its end.
        let earliest = source.start.saturating_sub(self.longest);
        let first = self
            .spans
            .partition_point(|(span, _)| span.start < earliest);
        let end = source.end.max(source.start + 1);
        self.spans
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |(span, _)| span.start < end)
            .filter(move |(span, _)| source.start < span.end.max(span.start + 1))
    }

    /// The items starting in `source` (or at it when it is empty).
    pub fn starting_in(
        &self,
        source: Range<usize>,
    ) -> impl Iterator<Item = &(Range<usize>, usize)> {
        let first = self
            .spans
            .partition_point(|(span, _)| span.start < source.start);
        let end = source.end.max(source.start + 1);
        self.spans
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |(span, _)| span.start < end)
    }
}

impl std::ops::Deref for Placed {
    type Target = [(Range<usize>, usize)];

    fn deref(&self) -> &Self::Target {
        &self.spans
    }
}

impl PartialEq<Vec<(Range<usize>, usize)>> for Placed {
    fn eq(&self, other: &Vec<(Range<usize>, usize)>) -> bool {
        self.spans == *other
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Placed;

    proptest! {
        /// The windowed lookups find exactly what a look at every item finds.
        #[test]
        fn items_on_a_row_are_those_a_full_scan_finds(
            items in prop::collection::vec((0usize..400, 0usize..60), 0..40),
            row_start in 0usize..460,
            row_len in 0usize..80,
        ) {
            let mut placed = Placed::default();
            for (index, (start, len)) in items.iter().enumerate() {
                placed.insert(*start..start + len, index);
            }
            prop_assert_eq!(
                &placed,
                &Placed::from_unsorted(
                    items.iter().enumerate().map(|(i, (s, l))| (*s..s + l, i)).collect()
                )
            );
            let row = row_start..row_start + row_len;
            let end = row.end.max(row.start + 1);
            let windowed: Vec<_> = placed.overlapping(row.clone()).cloned().collect();
            let scanned: Vec<_> = placed
                .iter()
                .filter(|(span, _)| span.start < end && row.start < span.end.max(span.start + 1))
                .cloned()
                .collect();
            prop_assert_eq!(windowed, scanned);
            let starting: Vec<_> = placed.starting_in(row.clone()).cloned().collect();
            let scanned: Vec<_> = placed
                .iter()
                .filter(|(span, _)| row.start <= span.start && span.start < end)
                .cloned()
                .collect();
            prop_assert_eq!(starting, scanned);
        }
    }
}
