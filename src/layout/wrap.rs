//! Wrapping the article into screen rows.
//!
//! [`wrap`] breaks one block's displayed text into lines by grapheme cluster
//! and display width: at spaces when it can, per character in CJK text, and
//! hard inside a word too long for the line; never inside a grapheme.
//! [`unwrapped`] gives the lines of a block that does not wrap (code).
//! [`Decoration`] is what stands before a block's lines. Which blocks get
//! wrapped, and when, is `rows.rs`'s business.

use std::ops::Range;

use super::text::cell_width;
use crate::model::{BlockKind, ListMarker};

/// Breaks `text` into lines of at most `width` columns (a single grapheme
/// wider than the line still gets a line of its own). Returns byte ranges;
/// spaces at a break are left out of both lines. Always at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_width = 0;
    // A place the line may end: byte offset, and the width of the line up to
    // it, and where the next line would begin.
    let mut last_break: Option<(usize, usize, usize)> = None;
    for (at, grapheme) in super::text::graphemes(text) {
        let end = at + grapheme.len();
        if matches!(grapheme, "\n" | "\r\n" | "\r") {
            lines.push(line_start..at);
            line_start = end;
            line_width = 0;
            last_break = None;
            continue;
        }
        let columns = cell_width(grapheme);
        // A separator or control shows as a marker: text, not a place to
        // break (U+2028, NEL, VT and FF count as whitespace in Rust).
        if grapheme
            .chars()
            .all(|c| c.is_whitespace() && !crate::sanitize::is_unsafe(c))
        {
            if line_width + columns > width {
                lines.push(line_start..at);
                line_start = end;
                line_width = 0;
                last_break = None;
            } else {
                line_width += columns;
                last_break = Some((at, line_width - columns, end));
            }
            continue;
        }
        let breaks_around = columns >= 2 && is_cjk(grapheme);
        if breaks_around && at > line_start {
            last_break = Some((at, line_width, at));
        }
        if line_width + columns > width && line_width > 0 {
            match last_break.take() {
                Some((cut, cut_width, next)) if cut > line_start || next > line_start => {
                    lines.push(line_start..cut);
                    let carried = line_width.saturating_sub(cut_width);
                    // What followed the break moves down, minus the space.
                    let space = if next > cut {
                        cell_width(text.get(cut..next).unwrap_or_default())
                    } else {
                        0
                    };
                    line_width = carried.saturating_sub(space);
                    line_start = next;
                }
                _ => {
                    lines.push(line_start..at);
                    line_start = at;
                    line_width = 0;
                }
            }
            if line_width + columns > width && line_width > 0 {
                lines.push(line_start..at);
                line_start = at;
                line_width = 0;
            }
        }
        line_width += columns;
        if breaks_around {
            last_break = Some((end, line_width, end));
        }
    }
    lines.push(line_start..text.len());
    lines
}

/// The lines of a block that does not wrap: one for each line of `text`,
/// however long (the reader cuts it at the pane's edge). Always at least
/// one line.
pub fn unwrapped(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(found) = bytes
        .get(start..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
    {
        let at = start + found;
        lines.push(start..at);
        let crlf = bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n');
        start = at + if crlf { 2 } else { 1 };
    }
    lines.push(start..text.len());
    lines
}

/// Scripts written without spaces, where a line may break between any two
/// characters.
fn is_cjk(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(|c| {
        matches!(c as u32,
            0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
            | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
    })
}

/// What stands before a block's lines: list markers, quote bars, indent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoration {
    /// Before the first line.
    pub first: String,
    /// Before every later line; as wide as `first`.
    pub rest: String,
}

impl Decoration {
    pub fn of(kind: BlockKind) -> Self {
        let (first, rest) = match kind {
            BlockKind::ListItem { depth, marker } => {
                let indent = "  ".repeat(usize::from(depth.saturating_sub(1)));
                let mark = match marker {
                    ListMarker::Bullet => "• ".to_string(),
                    ListMarker::Number(n) => format!("{n}. "),
                    ListMarker::Continuation => "  ".to_string(),
                };
                let blank = " ".repeat(mark.chars().count());
                (format!("{indent}{mark}"), format!("{indent}{blank}"))
            }
            BlockKind::Quote { depth } => {
                let bars = "│ ".repeat(usize::from(depth.max(1)));
                (bars.clone(), bars)
            }
            BlockKind::Code | BlockKind::Html => ("  ".to_string(), "  ".to_string()),
            _ => (String::new(), String::new()),
        };
        Self { first, rest }
    }

    pub fn width(&self) -> usize {
        self.first.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(lines("ab cd", 2), ["ab", "cd"]);
    }

    #[test]
    fn hard_breaks_overlong_words() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("go abcdefgh", 4), ["go", "abcd", "efgh"]);
    }

    #[test]
    fn keeps_graphemes_whole_and_counts_display_width() {
        // e + combining accent is one column; the family emoji is two.
        let text = "cafe\u{301} \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}x";
        assert_eq!(
            lines(text, 5),
            [
                "cafe\u{301}",
                "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}x"
            ]
        );
        for width in 1..8 {
            for range in wrap(text, width) {
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                let piece = &text[range];
                assert!(!piece.starts_with('\u{301}') && !piece.starts_with('\u{200d}'));
            }
        }
    }

    #[test]
    fn wraps_cjk_per_character() {
        assert_eq!(lines("東京都庁舎", 4), ["東京", "都庁", "舎"]);
        assert_eq!(lines("in 東京都", 5), ["in 東", "京都"]);
    }

    #[test]
    fn separators_are_text_not_break_points() {
        let text = "one\u{2028}two\u{85}three";
        let shown: String = wrap(text, 12)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect::<Vec<_>>()
            .join("|");
        assert!(
            shown.contains('\u{2028}') && shown.contains('\u{85}'),
            "{shown:?}"
        );
    }

    #[test]
    fn honours_line_breaks_including_crlf() {
        assert_eq!(lines("one\r\ntwo\nthree", 20), ["one", "two", "three"]);
        assert_eq!(lines("", 5), [""]);
    }

    #[test]
    fn unwrapped_lines_end_only_at_line_breaks() {
        let text = "a long line that would wrap\r\nnext\rlast\n";
        let shown: Vec<&str> = unwrapped(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(shown, ["a long line that would wrap", "next", "last", ""]);
        assert_eq!(unwrapped(""), std::iter::once(0..0).collect::<Vec<_>>());
    }

    #[test]
    fn a_wide_grapheme_in_a_one_column_line_gets_its_own_line() {
        assert_eq!(lines("東京", 1), ["東", "京"]);
    }
}
