//! Finding candidate matches: every folded quote and name in one
//! Aho-Corasick pass, character offsets converted in one walk, and the
//! narrowing of a quote's matches by prefix, suffix and occurrence.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use unicode_segmentation::GraphemeCursor;

use super::Selector;
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::projection::Projection;
use crate::model::{Document, TextFormat};

/// Distinct folded patterns and their ids.
#[derive(Default)]
pub struct Patterns {
    ids: HashMap<String, usize>,
    list: Vec<String>,
}

impl Patterns {
    pub fn id(&mut self, pattern: &str) -> usize {
        if let Some(&id) = self.ids.get(pattern) {
            return id;
        }
        let id = self.list.len();
        self.ids.insert(pattern.to_string(), id);
        self.list.push(pattern.to_string());
        id
    }

    /// Every match of every pattern, overlapping ones included, as ranges
    /// of the projection. A match must begin and end on grapheme boundaries
    /// of both the projection and the document, and (in Markdown) lie in
    /// text the reader displays, not in a link target or definition.
    pub fn find_all(
        &self,
        projection: &Projection,
        document: &Document,
        reporter: &mut Reporter<'_>,
    ) -> Vec<Vec<Range<usize>>> {
        let text = document.text.as_str();
        let mut found = vec![Vec::new(); self.list.len()];
        let searchable: Vec<&str> = self.list.iter().map(String::as_str).collect();
        if searchable.iter().all(|pattern| pattern.is_empty()) {
            return found;
        }
        // Not a DFA: building one takes quadratic time for a long
        // repetitive quote (a 50,000-character quote took 7 s, a
        // megabyte one minutes); the contiguous NFA builds in linear time.
        let automaton = match AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&searchable)
        {
            Ok(automaton) => automaton,
            Err(error) => {
                reporter.diagnostics.push(Diagnostic::error(
                    "too-large",
                    format!("cannot build the quote matcher: {error}"),
                ));
                return found;
            }
        };
        for hit in automaton.find_overlapping_iter(&projection.text) {
            let range = hit.start()..hit.end();
            if range.is_empty() {
                continue;
            }
            let source = projection.source_range(range.clone());
            let whole = is_grapheme_boundary(&projection.text, range.start)
                && is_grapheme_boundary(&projection.text, range.end)
                && is_grapheme_boundary(text, source.start)
                && is_grapheme_boundary(text, source.end);
            let shown = document.format == TextFormat::Plain || document.is_displayed(&source);
            if whole && shown {
                if let Some(list) = found.get_mut(hit.pattern().as_usize()) {
                    list.push(range);
                }
            }
        }
        found
    }
}

pub fn is_grapheme_boundary(text: &str, offset: usize) -> bool {
    if offset == 0 || offset == text.len() {
        return true;
    }
    if !text.is_char_boundary(offset) {
        return false;
    }
    GraphemeCursor::new(offset, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// Character counts at regular byte checkpoints, so converting a byte
/// offset to characters for a message costs a short scan, not one from the
/// start of the text.
pub struct CharCounts {
    /// (byte offset on a char boundary, characters before it)
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT_BYTES: usize = 4096;

impl CharCounts {
    pub fn new(text: &str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut next = CHECKPOINT_BYTES;
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            if byte >= next {
                checkpoints.push((byte, chars));
                next = byte + CHECKPOINT_BYTES;
            }
        }
        Self { checkpoints }
    }

    /// Characters before a byte offset (on a char boundary).
    pub fn chars_before(&self, text: &str, byte: usize) -> usize {
        let index = self.checkpoints.partition_point(|(at, _)| *at <= byte);
        let (at, chars) = index
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .copied()
            .unwrap_or((0, 0));
        chars
            + text
                .get(at..byte)
                .map_or(0, |between| between.chars().count())
    }
}

/// Character offsets requested by selectors, turned into byte offsets in one
/// walk over the text.
pub struct CharOffsets {
    map: HashMap<usize, usize>,
}

impl CharOffsets {
    pub fn new(text: &str, requested: impl Iterator<Item = Range<usize>>) -> Self {
        let mut wanted: Vec<usize> = requested
            .flat_map(|range| [range.start, range.end])
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut map = HashMap::with_capacity(wanted.len());
        let mut next = wanted.iter().peekable();
        let positions = text
            .char_indices()
            .map(|(byte, _)| byte)
            .chain([text.len()]);
        for (chars, byte) in positions.enumerate() {
            match next.peek() {
                Some(&&want) if want == chars => {
                    map.insert(chars, byte);
                    next.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        Self { map }
    }

    pub fn byte(&self, chars: usize) -> Option<usize> {
        self.map.get(&chars).copied()
    }
}

/// How the matches of a quote narrowed down.
pub enum Pick {
    Found(Range<usize>),
    /// The quote does not occur at all.
    Absent,
    /// It occurs (at these places), but never with the prefix/suffix.
    Filtered(Vec<Range<usize>>),
    Ambiguous(Vec<Range<usize>>),
    TooFew(Vec<Range<usize>>),
}

/// Narrows the matches of a selector's quote by prefix, suffix and
/// occurrence.
pub fn pick(
    projection: &Projection,
    matches: &[Range<usize>],
    selector: &Selector,
    near: Option<usize>,
) -> Pick {
    if matches.is_empty() {
        return Pick::Absent;
    }
    // Without a prefix or suffix every match is left: no copy (a quote may
    // match thousands of times and be used by thousands of selectors).
    let filtered: Vec<Range<usize>>;
    let left: &[Range<usize>] = if selector.prefix.is_none() && selector.suffix.is_none() {
        matches
    } else {
        filtered = matches
            .iter()
            .filter(|range| {
                selector
                    .prefix
                    .as_deref()
                    .is_none_or(|prefix| has_prefix(&projection.text, range.start, prefix))
                    && selector
                        .suffix
                        .as_deref()
                        .is_none_or(|suffix| has_suffix(&projection.text, range.end, suffix))
            })
            .cloned()
            .collect();
        &filtered
    };
    match (left.len(), selector.occurrence, near) {
        (0, _, _) => Pick::Filtered(matches.to_vec()),
        (1, None, _) => left.first().cloned().map_or(Pick::Absent, Pick::Found),
        // Offsets that drifted still say roughly where the passage is.
        (_, None, Some(near)) => left
            .iter()
            .cloned()
            .min_by_key(|range| projection.source_start(range.start).abs_diff(near))
            .map_or(Pick::Absent, Pick::Found),
        (_, None, None) => Pick::Ambiguous(left.to_vec()),
        (count, Some(n), _) if n > count => Pick::TooFew(left.to_vec()),
        (_, Some(n), _) => left.get(n - 1).cloned().map_or(Pick::Absent, Pick::Found),
    }
}

fn has_prefix(text: &str, start: usize, prefix: &str) -> bool {
    let before = text.get(..start).unwrap_or_default();
    before.ends_with(prefix)
        || before
            .strip_suffix(' ')
            .is_some_and(|before| before.ends_with(prefix))
}

fn has_suffix(text: &str, end: usize, suffix: &str) -> bool {
    let after = text.get(end..).unwrap_or_default();
    after.starts_with(suffix)
        || after
            .strip_prefix(' ')
            .is_some_and(|after| after.starts_with(suffix))
}
