//! Small helpers for anchoring's messages: spans grown to whole graphemes
//! or words, and lists, counts and quotes as they are shown.

use std::ops::Range;

use super::{Places, is_grapheme_boundary};

/// Grows a span to grapheme boundaries, so an approximate match never cuts a
/// letter from its accent.
pub fn whole_graphemes(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !is_grapheme_boundary(text, start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !is_grapheme_boundary(text, end) {
        end += 1;
    }
    start..end
}

/// Grows a span to whole words, so a candidate shown to the author does not
/// start or end in the middle of one.
pub fn widen_to_words(text: &str, span: Range<usize>) -> Range<usize> {
    let before = text.get(..span.start).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(span.start, |(at, _)| at);
    let after = text.get(span.end..).unwrap_or_default();
    let end = span.end
        + after
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(after.len(), |(at, _)| at);
    start..end
}

/// How many match places a message lists.
pub const LISTED: usize = 20;

pub fn list_lines(places: &Places) -> String {
    let mut listed = places.shown.join(", ");
    if places.total > places.shown.len() {
        listed.push_str(&format!(", and {} more", places.total - places.shown.len()));
    }
    listed
}

pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

pub fn shorten(text: &str) -> String {
    const LIMIT: usize = 60;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let kept: String = text.chars().take(LIMIT).collect();
        format!("{kept}…")
    }
}
