//! What the JSON readers share: where a slice serde_json borrowed from the
//! file lies in it, and where serde_json's error is, as byte offsets the
//! diagnostics place on a line and column.

use std::ops::Range;

/// The byte range of `part`, a slice of `source`, in it.
pub fn offset_in(source: &str, part: &str) -> Range<usize> {
    let start = (part.as_ptr() as usize)
        .checked_sub(source.as_ptr() as usize)
        .filter(|&start| start <= source.len())
        .unwrap_or(0);
    start..(start + part.len()).min(source.len())
}

/// Where serde_json's `error` is in `text` (a file, a line or a value of
/// one), as a byte offset on a character boundary.
pub fn error_offset(text: &str, error: &serde_json::Error) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let at = (line_start + error.column().saturating_sub(1)).min(text.len());
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// serde_json's message, its first line.
pub fn message(error: &serde_json::Error) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}
