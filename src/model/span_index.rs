//! Finding the spans near a position in a list sorted by start, without a
//! scan: spans up to a length bound are found by binary search, the few
//! longer ones are kept aside and checked directly. One span covering the
//! whole text cannot make every query slow.

use std::ops::Range;

/// Spans longer than this are kept aside.
const LONG: usize = 4096;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanIndex {
    /// The longest span not kept aside.
    longest_short: usize,
    /// Indices of the long spans, in order.
    long: Vec<usize>,
}

impl SpanIndex {
    /// Indexes spans sorted by start.
    pub fn new<'a>(spans: impl Iterator<Item = &'a Range<usize>>) -> Self {
        let mut index = Self::default();
        for (i, span) in spans.enumerate() {
            if span.len() > LONG {
                index.long.push(i);
            } else {
                index.longest_short = index.longest_short.max(span.len());
            }
        }
        index
    }

    /// Indices, in order, of every span that may overlap or touch `range`:
    /// all that do are included; callers apply their exact test.
    pub fn candidates<T>(
        &self,
        items: &[T],
        span: impl Fn(&T) -> &Range<usize>,
        range: &Range<usize>,
    ) -> Vec<usize> {
        let earliest = range.start.saturating_sub(self.longest_short);
        let first = items.partition_point(|item| span(item).start < earliest);
        let past = items.partition_point(|item| span(item).start < range.end.max(range.start + 1));
        self.long
            .iter()
            .copied()
            .filter(|&i| {
                i < first
                    && items
                        .get(i)
                        .is_some_and(|item| span(item).end >= range.start)
            })
            .chain(first..past.max(first))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_short_and_long_spans_near_a_range() {
        let spans = vec![0..10_000, 5..9, 20..30, 8_000..8_010, 9_000..9_005];
        let index = SpanIndex::new(spans.iter());
        let near = |range: Range<usize>| {
            index
                .candidates(&spans, |s| s, &range)
                .into_iter()
                .filter(|&i| spans[i].start < range.end && spans[i].end > range.start)
                .collect::<Vec<_>>()
        };
        assert_eq!(near(8_001..8_002), vec![0, 3]);
        assert_eq!(near(6..7), vec![0, 1]);
        assert_eq!(near(10_001..10_002), Vec::<usize>::new());
    }
}
