//! Finding candidate matches: the occurrences of every folded quote and
//! name (found all at once by `candidates`) checked for grapheme
//! boundaries and displayed text, character offsets converted in one walk,
//! and the narrowing of a quote's matches by prefix, suffix and occurrence.

use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

use super::Selector;
use super::candidates::Occurrences;
use crate::loader::mentions::is_whole_word;
use crate::loader::parallel;
use crate::loader::projection::{Projection, partition_from};
use crate::model::{Document, TextFormat};

/// Every usable match of the occurrences' patterns (`patterns` of them,
/// the longest `longest` bytes), overlapping ones included, as ranges of
/// the projection. A match must begin and end on grapheme boundaries of
/// both the projection and the document, and (in Markdown) lie in text
/// the reader displays, not in a link target or definition.
pub(super) fn matches_of<'p>(
    occurrences: &Occurrences,
    patterns: usize,
    longest: usize,
    projection: &'p Projection,
    document: &Document,
) -> Matches<'p> {
    let search = Search {
        occurrences,
        projection,
        document,
        runs_in_order: document.runs.windows(2).all(|pair| {
            pair.first().zip(pair.get(1)).is_some_and(|(a, b)| {
                a.source.start <= b.source.start && a.source.end <= b.source.end
            })
        }),
    };
    let length = projection.text.len();
    let hits = if length >= PARALLEL_BYTES && occurrences.splits() && has_second_core() {
        // Two halves, each on its own core. The first half reads on past
        // its end far enough to finish any match that starts in it;
        // matches are in order within each half, so the halves joined are
        // in order too.
        let middle = length / 2;
        std::thread::scope(|scope| {
            let later = parallel::spawn(scope, || search.hits(middle..length, length));
            let reach = middle.saturating_add(longest).min(length);
            let mut hits = search.hits(0..reach, middle);
            hits.extend(later.join());
            hits
        })
    } else {
        search.hits(0..length, length)
    };
    Matches::new(&projection.text, patterns, hits)
}

/// Texts shorter than this are searched on one thread.
const PARALLEL_BYTES: usize = 1 << 20;

/// From this many selectors on, they are settled on two threads.
pub const PARALLEL_SELECTORS: usize = 1000;

fn has_second_core() -> bool {
    std::thread::available_parallelism().is_ok_and(|cores| cores.get() > 1)
}

/// One pass over the occurrences in part of a projection.
struct Search<'s> {
    occurrences: &'s Occurrences,
    projection: &'s Projection,
    document: &'s Document,
    /// Whether the runs' starts and ends both only grow, so that a search
    /// from a hint finds what a search over all of them would.
    runs_in_order: bool,
}

impl Search<'_> {
    /// The usable matches found in `span` of the projection that start
    /// before `starts_before`, in order of their end.
    fn hits(&self, span: Range<usize>, starts_before: usize) -> Vec<Hit> {
        let projected = self.projection.text.as_str();
        let text = self.document.text.as_str();
        let plain = self.document.format == TextFormat::Plain;
        let mut hits = Vec::new();
        // Matches come in order of their end: each search starts where
        // the last one ended.
        let (mut anchor, mut run) = (0, 0);
        for hit in self.occurrences.within(projected, span) {
            let range = hit.range;
            if range.is_empty() || range.start >= starts_before {
                continue;
            }
            let whole = is_grapheme_boundary(projected, range.start)
                && is_grapheme_boundary(projected, range.end);
            if !whole {
                continue;
            }
            let source = self
                .projection
                .source_range_near(range.clone(), &mut anchor);
            let whole =
                is_grapheme_boundary(text, source.start) && is_grapheme_boundary(text, source.end);
            if whole && (plain || self.is_displayed(&source, &mut run)) {
                hits.push(Hit {
                    pattern: hit.pattern,
                    context: Context::around(projected, &range),
                    // Here the text around the match is still in the
                    // cache; later it would be fetched again.
                    whole_word: is_whole_word(text, &source),
                    range,
                    source,
                });
            }
        }
        hits
    }
}

struct Hit {
    pattern: usize,
    range: Range<usize>,
    source: Range<usize>,
    context: Context,
    whole_word: bool,
}

/// The bytes on either side of a match, packed nearest first, so that a
/// prefix or suffix that cannot fit is ruled out without reaching into the
/// text (scattered over megabytes, every such reach is a cache miss).
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    before: u64,
    after: u64,
}

/// Bytes packed on either side of a match.
const CONTEXT_BYTES: usize = 8;

impl Context {
    fn around(text: &str, range: &Range<usize>) -> Self {
        let bytes = text.as_bytes();
        let before = bytes.get(range.start.saturating_sub(CONTEXT_BYTES)..range.start);
        let after = bytes.get(range.end..bytes.len().min(range.end + CONTEXT_BYTES));
        Self {
            before: before.map_or(0, |b| pack(b.iter().rev()).0),
            after: after.map_or(0, |b| pack(b.iter()).0),
        }
    }
}

/// Up to eight bytes, the first in the lowest byte, and the mask of those
/// that were given.
fn pack<'b>(bytes: impl Iterator<Item = &'b u8>) -> (u64, u64) {
    let mut packed = 0;
    let mut mask = 0;
    for (shift, &byte) in (0..64).step_by(8).zip(bytes) {
        packed |= u64::from(byte) << shift;
        mask |= 0xFF << shift;
    }
    (packed, mask)
}

/// A prefix or suffix with its bytes nearest the quote packed, with and
/// without the optional space between them, to test against a [`Context`].
struct Affix {
    near: u64,
    mask: u64,
    spaced: u64,
    spaced_mask: u64,
    /// Whether the whole affix is packed, with the optional space, so that
    /// a full context decides by itself.
    exact: bool,
}

impl Affix {
    /// No affix: touches anything.
    const ANY: Self = Self {
        near: 0,
        mask: 0,
        spaced: 0,
        spaced_mask: 0,
        exact: false,
    };

    fn new<'b>(nearest_first: impl Iterator<Item = &'b u8> + Clone) -> Self {
        let (near, mask) = pack(nearest_first.clone());
        let (spaced, spaced_mask) = pack(nearest_first.clone().take(CONTEXT_BYTES - 1));
        Self {
            near,
            mask,
            spaced,
            spaced_mask,
            exact: nearest_first.count() < CONTEXT_BYTES,
        }
    }

    /// False only if the affix cannot touch a match with these bytes
    /// beside it; true means it may, and the text must say.
    fn may_touch(&self, beside: u64) -> bool {
        beside & self.mask == self.near
            || (beside & 0xFF == u64::from(b' ') && (beside >> 8) & self.spaced_mask == self.spaced)
    }
}

/// The matches of one pattern in a projection, in order, with their
/// contexts and the source ranges they stand for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Found<'m> {
    /// The projection's text.
    text: &'m str,
    pub ranges: &'m [Range<usize>],
    pub sources: &'m [Range<usize>],
    contexts: &'m [Context],
    /// Whether each match is a whole word of the text (for names).
    pub whole_words: &'m [bool],
}

impl Search<'_> {
    /// [`Document::is_displayed`], with the runs searched from `hint`. Only
    /// for runs in order, as the parser makes them; otherwise the search
    /// over all of them.
    fn is_displayed(&self, span: &Range<usize>, hint: &mut usize) -> bool {
        if !self.runs_in_order {
            return self.document.is_displayed(span);
        }
        let runs = self.document.runs.as_slice();
        let index = partition_from(runs, *hint, |run| run.source.end <= span.start);
        *hint = index;
        let starts_inside = runs
            .get(index)
            .is_some_and(|run| run.source.start <= span.start);
        if !starts_inside {
            return false;
        }
        let last = partition_from(runs, index, |run| run.source.start < span.end);
        let Some(run) = last.checked_sub(1).and_then(|i| runs.get(i)) else {
            return false;
        };
        run.source.end >= span.end
            || self
                .document
                .text
                .get(run.source.end..span.end)
                .is_some_and(|markup| !markup.chars().any(char::is_alphanumeric))
    }
}

/// The matches of every pattern, by pattern id, each pattern's in order.
#[derive(Debug, Default)]
pub struct Matches<'p> {
    /// The projection searched.
    text: &'p str,
    /// Where each pattern's matches start in `ranges`, plus the end.
    starts: Vec<usize>,
    ranges: Vec<Range<usize>>,
    sources: Vec<Range<usize>>,
    contexts: Vec<Context>,
    whole_words: Vec<bool>,
}

impl<'p> Matches<'p> {
    /// Groups hits (in text order) by pattern, keeping their order: one
    /// flat list instead of a vector for each of many thousand patterns.
    fn new(text: &'p str, patterns: usize, hits: Vec<Hit>) -> Self {
        let mut starts = vec![0; patterns + 1];
        for hit in &hits {
            if let Some(count) = starts.get_mut(hit.pattern + 1) {
                *count += 1;
            }
        }
        let mut total = 0;
        for start in &mut starts {
            total += *start;
            *start = total;
        }
        let mut next = starts.clone();
        let mut ranges = vec![0..0; hits.len()];
        let mut sources = vec![0..0; hits.len()];
        let mut contexts = vec![Context::default(); hits.len()];
        let mut whole_words = vec![false; hits.len()];
        for hit in hits {
            if let Some(slot) = next.get_mut(hit.pattern) {
                if let Some(place) = ranges.get_mut(*slot) {
                    *place = hit.range;
                }
                if let Some(place) = sources.get_mut(*slot) {
                    *place = hit.source;
                }
                if let Some(place) = contexts.get_mut(*slot) {
                    *place = hit.context;
                }
                if let Some(place) = whole_words.get_mut(*slot) {
                    *place = hit.whole_word;
                }
                *slot += 1;
            }
        }
        Self {
            text,
            starts,
            ranges,
            sources,
            contexts,
            whole_words,
        }
    }

    /// The matches of pattern `id`, in order; none for an unknown id.
    pub fn of(&self, id: usize) -> Found<'_> {
        let (Some(&start), Some(&end)) = (self.starts.get(id), self.starts.get(id + 1)) else {
            return Found::default();
        };
        Found {
            text: self.text,
            ranges: self.ranges.get(start..end).unwrap_or_default(),
            sources: self.sources.get(start..end).unwrap_or_default(),
            contexts: self.contexts.get(start..end).unwrap_or_default(),
            whole_words: self.whole_words.get(start..end).unwrap_or_default(),
        }
    }
}

pub fn is_grapheme_boundary(text: &str, offset: usize) -> bool {
    if offset == 0 || offset == text.len() {
        return true;
    }
    let bytes = text.as_bytes();
    if let (Some(&before), Some(&after)) = (bytes.get(offset - 1), bytes.get(offset)) {
        // Between two ASCII characters there is always a boundary but in
        // CRLF (no ASCII character extends, prepends or joins), and most
        // matches start and end there: skip the segmentation rules.
        if before.is_ascii() && after.is_ascii() {
            return !(before == b'\r' && after == b'\n');
        }
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

/// Byte offsets of every [`CHAR_STEP`]th character, so turning a
/// character offset into bytes costs a short walk. Made from the text
/// alone, before the selectors are known.
pub struct CharIndex {
    /// The byte offset of character `i * CHAR_STEP`.
    checkpoints: Vec<usize>,
    /// Characters in the text.
    total: usize,
}

const CHAR_STEP: usize = 64;

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHAR_STEP + 1);
        let mut total = 0;
        // Counting lead bytes is counting characters, without decoding them.
        for (at, &byte) in bytes.iter().enumerate() {
            if !is_continuation(byte) {
                if total % CHAR_STEP == 0 {
                    checkpoints.push(at);
                }
                total += 1;
            }
        }
        Self { checkpoints, total }
    }

    /// The byte offset of a character offset; the end of the text for the
    /// character count, `None` past it.
    pub fn byte(&self, text: &str, chars: usize) -> Option<usize> {
        if chars > self.total {
            return None;
        }
        let from = match self.checkpoints.get(chars / CHAR_STEP) {
            Some(&from) => from,
            // Only the very end lies past the last checkpoint's reach.
            None => return Some(text.len()),
        };
        // Past `chars % CHAR_STEP` lead bytes, to the next one (or the end).
        let mut left = chars % CHAR_STEP;
        let rest = text.as_bytes().get(from..)?;
        let at = rest.iter().position(|&byte| {
            if is_continuation(byte) {
                return false;
            }
            let here = left == 0;
            left = left.wrapping_sub(1);
            here
        });
        Some(at.map_or(text.len(), |at| from + at))
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// How the matches of a quote narrowed down.
pub enum Pick {
    /// The index of the match chosen.
    Found(usize),
    /// The quote does not occur at all.
    Absent,
    /// It occurs (at these places), but never with the prefix/suffix.
    Filtered(Vec<Range<usize>>),
    Ambiguous(Vec<Range<usize>>),
    TooFew(Vec<Range<usize>>),
}

/// Narrows the matches of a selector's quote by prefix, suffix and
/// occurrence.
/// Drifted offsets choose nothing here: the nearest match is often another
/// mention of the same name (see `evidence`).
pub fn pick(found: Found<'_>, selector: &Selector) -> Pick {
    let matches = found.ranges;
    if matches.is_empty() {
        return Pick::Absent;
    }
    let text = found.text;
    let (prefix, suffix) = (selector.prefix.as_deref(), selector.suffix.as_deref());
    let before = prefix.map_or(Affix::ANY, |prefix| {
        Affix::new(prefix.as_bytes().iter().rev())
    });
    let after = suffix.map_or(Affix::ANY, |suffix| Affix::new(suffix.as_bytes().iter()));
    // The packed bytes rule out nearly every match, and decide for a short
    // affix away from the ends of the text; only the rest are looked up in
    // the text (scattered over megabytes, each look is a cache miss).
    let keeps = |index: &usize| {
        let Some(context) = found.contexts.get(*index) else {
            return false;
        };
        if !(before.may_touch(context.before) && after.may_touch(context.after)) {
            return false;
        }
        let Some(range) = matches.get(*index) else {
            return false;
        };
        prefix.is_none_or(|prefix| {
            (before.exact && range.start >= CONTEXT_BYTES) || has_prefix(text, range.start, prefix)
        }) && suffix.is_none_or(|suffix| {
            (after.exact && range.end + CONTEXT_BYTES <= text.len())
                || has_suffix(text, range.end, suffix)
        })
    };
    // A quote may match thousands of times and be used by thousands of
    // selectors: find the one wanted without copying the survivors, and
    // collect them only for a message.
    let survivors = || (0..matches.len()).filter(keeps);
    let chosen = match selector.occurrence {
        Some(n) if prefix.is_none() && suffix.is_none() => {
            n.checked_sub(1).filter(|&index| index < matches.len())
        }
        Some(n) => survivors().nth(n - 1),
        None => {
            let mut left = survivors();
            left.next().filter(|_| left.next().is_none())
        }
    };
    if let Some(index) = chosen {
        return Pick::Found(index);
    }
    let left: Vec<Range<usize>> = survivors()
        .filter_map(|index| matches.get(index).cloned())
        .collect();
    match (left.len(), selector.occurrence) {
        (0, _) => Pick::Filtered(matches.to_vec()),
        (_, None) => Pick::Ambiguous(left),
        (_, Some(_)) => Pick::TooFew(left),
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
