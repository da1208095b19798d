//! A passage of the text as the review keeps it: the quoted text, a little
//! of what comes before and after it, and its byte offsets as a cache.
//! Finding it again in a text that may have changed never guesses: the
//! offsets are used when the quote is still there; otherwise the quote
//! must occur exactly once with its context (or, failing the context,
//! exactly once at all), and anything else is ambiguous or lost, for the
//! caller to list. Pure functions of the text.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::floor_char_boundary;

/// Characters of context kept on each side of a quote.
const CONTEXT_CHARS: usize = 32;

/// More occurrences of one quote than this are not collected: the quote is
/// ambiguous whatever its context, and memory stays bounded.
const MAX_CANDIDATES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub quote: String,
    /// Up to 32 characters just before the quote.
    pub prefix: String,
    /// Up to 32 characters just after it.
    pub suffix: String,
    /// Bytes of the text the anchor was made on; a cache, checked.
    pub start: usize,
    pub end: usize,
}

/// Where an anchor is in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// At its offsets.
    Exact(Range<usize>),
    /// Found once elsewhere: the text changed before it.
    Moved(Range<usize>),
    /// The quote occurs this many times and nothing singles one out.
    Ambiguous(usize),
    /// The quote is not in the text.
    Lost,
}

impl Anchor {
    /// The anchor of `span` in `text` (cut to character boundaries).
    pub fn capture(text: &str, span: Range<usize>) -> Anchor {
        let end = floor_char_boundary(text, span.end);
        let start = floor_char_boundary(text, span.start.min(end));
        let before = text.get(..start).unwrap_or_default();
        let after = text.get(end..).unwrap_or_default();
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(at, _)| at);
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(at, _)| at);
        Anchor {
            quote: text.get(start..end).unwrap_or_default().to_string(),
            prefix: before.get(prefix_start..).unwrap_or_default().to_string(),
            suffix: after.get(..suffix_end).unwrap_or_default().to_string(),
            start,
            end,
        }
    }

    /// Whether two anchors name one passage: the same quote in the same
    /// context, wherever their caches say it was.
    pub fn same_passage(&self, other: &Anchor) -> bool {
        self.quote == other.quote
            && (self.start == other.start
                || (self.prefix == other.prefix && self.suffix == other.suffix))
    }

    fn at_cache(&self, text: &str) -> Option<Range<usize>> {
        (text.get(self.start..self.end) == Some(self.quote.as_str()))
            .then_some(self.start..self.end)
    }

    fn context_fits(&self, text: &str, span: &Range<usize>) -> bool {
        self.prefix_fits(text, span) && self.suffix_fits(text, span)
    }

    fn prefix_fits(&self, text: &str, span: &Range<usize>) -> bool {
        let before = text.get(..span.start).unwrap_or_default();
        !self.prefix.is_empty() && before.ends_with(&self.prefix)
    }

    fn suffix_fits(&self, text: &str, span: &Range<usize>) -> bool {
        let after = text.get(span.end..).unwrap_or_default();
        !self.suffix.is_empty() && after.starts_with(&self.suffix)
    }

    /// Where this anchor is in `text`.
    pub fn locate(&self, text: &str) -> Located {
        locate_all(text, &[self]).pop().unwrap_or(Located::Lost)
    }
}

/// Where each anchor is in `text`, in order. Those whose offsets still
/// hold cost nothing more; the others are looked for together in one pass
/// over the text, so a text changed near its start (every later anchor
/// moved) costs one search, not one per anchor.
pub fn locate_all(text: &str, anchors: &[&Anchor]) -> Vec<Located> {
    let mut located: Vec<Option<Located>> = anchors
        .iter()
        .map(|anchor| anchor.at_cache(text).map(Located::Exact))
        .collect();
    let mut quotes: Vec<&str> = Vec::new();
    let mut pattern_of: Vec<Option<usize>> = vec![None; anchors.len()];
    let mut by_quote = std::collections::HashMap::new();
    for (index, anchor) in anchors.iter().enumerate() {
        if located.get(index).is_some_and(Option::is_some) || anchor.quote.is_empty() {
            continue;
        }
        let pattern = *by_quote.entry(anchor.quote.as_str()).or_insert_with(|| {
            quotes.push(anchor.quote.as_str());
            quotes.len() - 1
        });
        if let Some(slot) = pattern_of.get_mut(index) {
            *slot = Some(pattern);
        }
    }
    let mut candidates: Vec<Vec<Range<usize>>> = vec![Vec::new(); quotes.len()];
    if !quotes.is_empty() {
        // A contiguous NFA: a DFA's build is quadratic for long repetitive
        // quotes (see loader::anchor).
        if let Ok(automaton) = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&quotes)
        {
            for found in automaton.find_overlapping_iter(text) {
                if let Some(list) = candidates.get_mut(found.pattern().as_usize()) {
                    if list.len() <= MAX_CANDIDATES {
                        list.push(found.start()..found.end());
                    }
                }
            }
        }
    }
    anchors
        .iter()
        .zip(pattern_of)
        .zip(located.iter_mut())
        .map(|((anchor, pattern), done)| {
            if let Some(done) = done.take() {
                return done;
            }
            let found = pattern
                .and_then(|p| candidates.get(p))
                .map_or(&[][..], Vec::as_slice);
            // Both sides of the context, else one side, must single out
            // one occurrence: a lone occurrence in another context is
            // another passage as likely as this one moved.
            let fitting = |sides: fn(&Anchor, &str, &Range<usize>) -> bool| -> Vec<&Range<usize>> {
                found
                    .iter()
                    .filter(|span| sides(anchor, text, span))
                    .collect()
            };
            let both = fitting(|a, t, s| a.context_fits(t, s));
            let either = fitting(|a, t, s| a.prefix_fits(t, s) || a.suffix_fits(t, s));
            match (both.as_slice(), either.as_slice(), found) {
                ([one], _, _) | ([], [one], _) => Located::Moved((*one).clone()),
                (_, _, []) => Located::Lost,
                (_, _, many) => Located::Ambiguous(many.len()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Gunmen entered the hall. The hall burned. Later the hall was closed.";

    #[test]
    fn an_anchor_at_its_offsets_is_exact() {
        let start = TEXT.find("The hall").unwrap_or(0);
        let anchor = Anchor::capture(TEXT, start + 4..start + 8);
        assert_eq!(anchor.quote, "hall");
        assert!(anchor.prefix.ends_with("The "));
        assert!(anchor.suffix.starts_with(" burned"));
        assert_eq!(anchor.locate(TEXT), Located::Exact(start + 4..start + 8));
    }

    #[test]
    fn a_passage_after_an_insertion_moves_by_its_context() {
        let start = TEXT.find("The hall").unwrap_or(0) + 4;
        let anchor = Anchor::capture(TEXT, start..start + 4);
        let edited = format!("A new first sentence. {TEXT}");
        let shift = "A new first sentence. ".len();
        assert_eq!(
            anchor.locate(&edited),
            Located::Moved(start + shift..start + shift + 4)
        );
    }

    #[test]
    fn a_quote_with_many_places_and_no_fitting_context_is_ambiguous() {
        let start = TEXT.find("The hall").unwrap_or(0) + 4;
        let anchor = Anchor::capture(TEXT, start..start + 4);
        let edited = TEXT.replace("The hall burned.", "Fire.");
        assert_eq!(anchor.locate(&edited), Located::Ambiguous(2));
        // One occurrence left, in another context: another passage as
        // likely as this one, so not taken.
        let other = "Gunmen entered the venue. Fire. Later the hall was closed.";
        assert_eq!(anchor.locate(other), Located::Ambiguous(1));
        let gone = TEXT.replace("hall", "venue");
        assert_eq!(anchor.locate(&gone), Located::Lost);
    }

    #[test]
    fn context_is_cut_at_character_boundaries() {
        let text = "ééééééééééééééééééééééééééééééééééé Крокус ééééééééééééééééééééééééééééééééé";
        let start = text.find("Крокус").unwrap_or(0);
        let anchor = Anchor::capture(text, start..start + "Крокус".len());
        assert_eq!(anchor.prefix.chars().count(), 32);
        assert_eq!(anchor.suffix.chars().count(), 32);
        assert_eq!(
            anchor.locate(text),
            Located::Exact(start..start + "Крокус".len())
        );
    }
}
