//! Where each folded quote and name occurs in a projection, overlapping
//! occurrences included, before anything is checked about them: the raw
//! candidates `search` then narrows. Two ways to find them that must agree
//! exactly, chosen by size: an Aho-Corasick automaton over all patterns at
//! once, or, for a short text with few patterns, `memchr`'s `memmem` one
//! pattern at a time, which needs no automaton built first.
//!
//! It owns only finding occurrences; it must not judge them (grapheme
//! boundaries, displayed text, whole words belong to `search`).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use memchr::memmem::Finder;

/// Pattern-by-pattern search is used while the text's length times the
/// number of patterns stays under this. Building an automaton costs more
/// than scanning a short text once per pattern: the bundled briefing (124
/// patterns, 7 KB of text) loads in 440 µs this way against 581 µs with
/// the automaton (`cargo bench --bench load`, `load/load/small`). Past
/// about a megabyte of text-times-patterns the automaton's single pass
/// wins.
const PATTERN_BY_PATTERN_BELOW: usize = 1 << 20;

/// How many bytes of pattern the pattern-by-pattern search may re-read
/// after its matches (each search resumes one byte after the last match,
/// to find overlapping ones) before it gives way to the automaton: a long
/// repetitive pattern in repetitive text matches at nearly every byte, and
/// the automaton is linear there.
const REREAD_LIMIT: usize = 4 * PATTERN_BY_PATTERN_BELOW;

/// Texts shorter than this are searched with the automaton that is
/// quickest to build rather than the one quickest to run.
const QUICK_AUTOMATON_BELOW: usize = 64 * 1024;

/// The occurrences of `patterns` in `text`, as a source of candidates.
pub enum Occurrences {
    /// Found already, in the automaton's order.
    Listed(Vec<Occurrence>),
    /// To be found by the automaton, in parts if the caller wishes.
    Automaton(AhoCorasick),
}

/// One occurrence: which pattern, and where in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub pattern: usize,
    pub range: Range<usize>,
}

impl Occurrences {
    /// Gets ready to find `patterns` in `text`: finds them at once if that
    /// is the cheaper way, else builds the automaton.
    pub fn prepare(patterns: &[String], text: &str) -> Result<Self, aho_corasick::BuildError> {
        let small = text.len().saturating_mul(patterns.len()) < PATTERN_BY_PATTERN_BELOW;
        if let Some(listed) = small.then(|| pattern_by_pattern(patterns, text)).flatten() {
            return Ok(Self::Listed(listed));
        }
        // Not a DFA: building one takes quadratic time for a long
        // repetitive quote (a 50,000-character quote took 7 s, a megabyte
        // one minutes); the NFAs build in linear time. The contiguous one
        // searches faster but costs a second build, which only a long
        // text pays back.
        let kind = if text.len() < QUICK_AUTOMATON_BELOW {
            AhoCorasickKind::NoncontiguousNFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(patterns)
            .map(Self::Automaton)
    }

    /// The occurrences that lie within `span` of `text`, in order of their
    /// end (the longer first where two end together), as the automaton's
    /// overlapping search reports them.
    pub fn within<'o>(&'o self, text: &'o str, span: Range<usize>) -> Within<'o> {
        match self {
            Self::Listed(listed) => Within::Listed {
                listed: listed.iter(),
                span,
            },
            Self::Automaton(automaton) => Within::Automaton(
                automaton.find_overlapping_iter(aho_corasick::Input::new(text).span(span)),
            ),
        }
    }

    /// Whether the text is best searched in two halves on two cores.
    pub fn splits(&self) -> bool {
        matches!(self, Self::Automaton(_))
    }
}

/// The occurrences within a span, from either source. (An enum rather than
/// a boxed iterator: a large briefing yields millions of them.)
pub enum Within<'o> {
    Listed {
        listed: std::slice::Iter<'o, Occurrence>,
        span: Range<usize>,
    },
    Automaton(aho_corasick::FindOverlappingIter<'o, 'o>),
}

impl Iterator for Within<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        match self {
            Self::Listed { listed, span } => listed
                .find(|found| span.start <= found.range.start && found.range.end <= span.end)
                .cloned(),
            Self::Automaton(automaton) => automaton.next().map(|found| Occurrence {
                pattern: found.pattern().as_usize(),
                range: found.start()..found.end(),
            }),
        }
    }
}

/// Every occurrence of every non-empty pattern, each pattern found on its
/// own, sorted into the automaton's order; `None` if repetitive patterns
/// made it more work than `REREAD_LIMIT`. (An empty pattern occurs
/// everywhere with no length; the automaton reports those too, and the
/// caller skips them, so leaving them out changes nothing.)
fn pattern_by_pattern(patterns: &[String], text: &str) -> Option<Vec<Occurrence>> {
    let haystack = text.as_bytes();
    let mut listed = Vec::new();
    let mut reread: usize = 0;
    for (pattern, needle) in patterns.iter().enumerate() {
        if needle.is_empty() {
            continue;
        }
        let finder = Finder::new(needle.as_bytes());
        let mut from = 0;
        while let Some(at) = haystack.get(from..).and_then(|rest| finder.find(rest)) {
            let start = from + at;
            listed.push(Occurrence {
                pattern,
                range: start..start + needle.len(),
            });
            reread = reread.saturating_add(needle.len());
            if reread > REREAD_LIMIT {
                return None;
            }
            from = start + 1;
        }
    }
    // Distinct patterns ending together differ in length: by end, then by
    // start, is the automaton's order (it reports a state's own, longest
    // pattern before the shorter ones it shares an end with).
    listed.sort_unstable_by_key(|found| (found.range.end, found.range.start));
    Some(listed)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn by_automaton(patterns: &[String], text: &str) -> Vec<Occurrence> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .expect("small patterns build");
        Occurrences::Automaton(automaton)
            .within(text, 0..text.len())
            .collect()
    }

    /// Texts and patterns over a small alphabet, with a multi-byte
    /// character, so that overlaps, repeats and shared ends are common.
    fn small_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(vec!["a", "b", " ", "é"]), 0..40)
            .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn pattern_by_pattern_finds_what_the_automaton_finds(
            text in small_text(),
            patterns in proptest::collection::vec(small_text(), 1..8),
        ) {
            let mut distinct = patterns;
            distinct.sort();
            distinct.dedup();
            let listed = pattern_by_pattern(&distinct, &text).expect("small input stays in budget");
            let expected: Vec<Occurrence> = by_automaton(&distinct, &text)
                .into_iter()
                .filter(|found| !found.range.is_empty())
                .collect();
            prop_assert_eq!(listed, expected);
        }
    }

    #[test]
    fn a_part_of_the_text_holds_only_the_occurrences_inside_it() {
        let patterns = vec!["ab".to_string(), "b".to_string()];
        let text = "abab";
        let prepared = Occurrences::prepare(&patterns, text).expect("prepared");
        assert!(
            !prepared.splits(),
            "a tiny text is searched pattern by pattern"
        );
        let found: Vec<Range<usize>> = prepared
            .within(text, 1..4)
            .map(|found| found.range)
            .collect();
        assert_eq!(found, vec![1..2, 2..4, 3..4]);
    }

    #[test]
    fn repetitive_patterns_past_the_budget_go_to_the_automaton() {
        // 5,001 overlapping matches of 1,000 bytes each: more to re-read
        // than the budget allows.
        let text = "a".repeat(6000);
        let patterns = vec!["a".repeat(1000)];
        assert!(pattern_by_pattern(&patterns, &text).is_none());
        let prepared = Occurrences::prepare(&patterns, &text).expect("prepared");
        assert!(prepared.splits());
        assert_eq!(prepared.within(&text, 0..text.len()).count(), 5001);
    }
}
