//! Cutting a giant block into segments: each starts a new row and is
//! wrapped on its own, so a ten-megabyte paragraph costs a keystroke one
//! segment of wrapping, not the whole paragraph. Where the cuts fall is a
//! pure function of the displayed text; the row cache in `rows` decides
//! when a segment is wrapped. Nothing here knows about rows or screens.

use crate::model::floor_char_boundary;
use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

/// Blocks whose displayed text is longer than this many bytes are laid out
/// in segments of about this size (never more than half again), each
/// starting on a new row. Wrapping one segment is what a keystroke may cost
/// at worst (tens of microseconds); the price is one early line break every
/// 16 KiB inside a giant paragraph.
pub const SEGMENT_BYTES: usize = 16 * 1024;

/// How many segments a block of `length` displayed bytes is laid out in.
pub(super) fn segment_count(length: usize) -> usize {
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
pub(super) fn segment_range(text: &str, k: usize, count: usize) -> Range<usize> {
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
pub(super) fn segment_of(text: &str, display: usize, count: usize) -> usize {
    let k = (display / SEGMENT_BYTES).min(count.saturating_sub(1));
    if k + 1 < count && display >= cut(text, k + 1).0 {
        k + 1
    } else {
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
