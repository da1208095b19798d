//! Deciding the final set of mentions: automatic matches of names and
//! aliases, thinned by the rules of the format, merged with the explicit
//! `[[mention]]`s.
//!
//! Works on spans and entity ids only; every sweep is over mentions sorted by
//! position, so the cost grows with the mentions, not with their products.

use std::cmp::Reverse;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{EntityId, Mention, MentionOrigin, SpanIndex};

/// A name or alias match, before the rules are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub entity: EntityId,
    pub span: Range<usize>,
}

/// A whole word: the characters on either side are not letters or digits.
/// The neighbour is the whole grapheme: "e" plus a combining accent before a
/// name is a letter.
pub fn is_whole_word(text: &str, span: &Range<usize>) -> bool {
    let before = text
        .get(..span.start)
        .and_then(|t| t.graphemes(true).next_back())
        .and_then(|g| g.chars().next());
    let after = text.get(span.end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Applies the automatic-mention rules: longest match per start, no match
/// nested in a match of the same entity, the earlier of two crossing
/// matches. When the longest match at a start is dropped (it crosses an
/// earlier one), the next longest there may stand.
pub fn automatic(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(|c| (c.span.start, Reverse(c.span.end), c.entity));
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    // Kept matches never cross, so the ones still open at a position nest:
    // a stack, innermost on top.
    let mut open: Vec<(usize, EntityId)> = Vec::new();
    for candidate in candidates {
        while open
            .last()
            .is_some_and(|&(end, _)| end <= candidate.span.start)
        {
            open.pop();
        }
        let crosses = open
            .last()
            .is_some_and(|&(end, _)| end < candidate.span.end);
        let inside_same_entity = open.iter().any(|&(_, entity)| entity == candidate.entity);
        let start_taken = kept
            .last()
            .is_some_and(|last| last.span.start == candidate.span.start);
        if crosses || inside_same_entity || start_taken {
            continue;
        }
        open.push((candidate.span.end, candidate.entity));
        kept.push(candidate);
    }
    kept
}

/// Removes automatic matches inside suppressed passages. Returns, for each
/// suppression, how many it removed.
pub fn suppress(
    automatic: &mut Vec<Candidate>,
    suppressions: &[(Range<usize>, Option<EntityId>)],
) -> Vec<usize> {
    let mut removed = vec![0; suppressions.len()];
    automatic.retain(|candidate| {
        let hit = suppressions.iter().position(|(passage, entity)| {
            passage.start <= candidate.span.start
                && candidate.span.end <= passage.end
                && entity.is_none_or(|entity| entity == candidate.entity)
        });
        if let Some(index) = hit {
            if let Some(count) = removed.get_mut(index) {
                *count += 1;
            }
        }
        hit.is_none()
    });
    removed
}

/// Two spans cross when they overlap and neither contains the other.
pub fn crosses(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.start && b.start < a.end && a.end < b.end)
        || (b.start < a.start && a.start < b.end && b.end < a.end)
}

/// Explicit mentions sorted by start and indexed, for finding the ones
/// near a position without a scan.
pub struct ExplicitIndex<'a> {
    sorted: Vec<&'a Candidate>,
    index: SpanIndex,
}

impl<'a> ExplicitIndex<'a> {
    pub fn new(explicit: &'a [Candidate]) -> Self {
        let mut sorted: Vec<&Candidate> = explicit.iter().collect();
        sorted.sort_by_key(|c| (c.span.start, Reverse(c.span.end)));
        let index = SpanIndex::new(sorted.iter().map(|c| &c.span));
        Self { sorted, index }
    }

    /// Explicit mentions overlapping `span` or equal to it.
    pub fn overlapping(&self, span: &Range<usize>) -> impl Iterator<Item = &'a Candidate> + '_ {
        let span = span.clone();
        self.index
            .candidates(&self.sorted, |c| &c.span, &span)
            .into_iter()
            .filter_map(|i| self.sorted.get(i).copied())
            .filter(move |c| c.span == span || (c.span.end > span.start && c.span.start < span.end))
    }
}

/// Drops automatic matches that an explicit mention replaces: the same span,
/// a crossing span, or a span inside an explicit mention of the same entity.
pub fn replaced_by_explicit(
    automatic: Vec<Candidate>,
    explicit: &ExplicitIndex<'_>,
) -> Vec<Candidate> {
    automatic
        .into_iter()
        .filter(|auto| {
            !explicit.overlapping(&auto.span).any(|explicit| {
                explicit.span == auto.span
                    || crosses(&explicit.span, &auto.span)
                    || (explicit.entity == auto.entity
                        && explicit.span.start <= auto.span.start
                        && auto.span.end <= explicit.span.end)
            })
        })
        .collect()
}

/// All mentions in reading order: by start, outer before inner, explicit
/// before automatic at the same span.
pub fn merge(
    automatic: Vec<Candidate>,
    explicit: Vec<(Candidate, Option<String>)>,
) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = explicit
        .into_iter()
        .map(|(candidate, label)| Mention {
            entity: candidate.entity,
            span: candidate.span,
            origin: MentionOrigin::Explicit,
            label,
        })
        .chain(automatic.into_iter().map(|candidate| Mention {
            entity: candidate.entity,
            span: candidate.span,
            origin: MentionOrigin::Automatic,
            label: None,
        }))
        .collect();
    mentions.sort_by_key(|m| {
        (
            m.span.start,
            Reverse(m.span.end),
            m.origin == MentionOrigin::Automatic,
            m.entity,
        )
    });
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(entity: usize, span: Range<usize>) -> Candidate {
        Candidate {
            entity: EntityId(entity),
            span,
        }
    }

    #[test]
    fn whole_words_only() {
        let text = "Russia and Russian, (Russia's) Russia";
        assert!(is_whole_word(text, &(0..6)));
        assert!(!is_whole_word(text, &(11..17)), "Russia inside Russian");
        assert!(is_whole_word(text, &(21..27)));
        assert!(is_whole_word(text, &(31..37)));
        assert!(!is_whole_word("ISIS-K9", &(5..6)));
        assert!(
            !is_whole_word("Москвы", &(0..10)),
            "Cyrillic letters are letters"
        );
    }

    #[test]
    fn longest_wins_at_one_start_and_nesting_of_other_entities_stays() {
        let kept = automatic(vec![
            candidate(0, 0..4),   // ISIS
            candidate(1, 0..6),   // ISIS-K
            candidate(2, 10..37), // the Crocus City Hall attack
            candidate(3, 14..30), // Crocus City Hall
            candidate(4, 14..19), // Crocus: same start as a longer match
        ]);
        assert_eq!(
            kept,
            vec![
                candidate(1, 0..6),
                candidate(2, 10..37),
                candidate(3, 14..30)
            ]
        );
    }

    #[test]
    fn a_shorter_name_stands_when_the_longest_at_its_start_crosses() {
        // "the New York Times Square office": New York Times (0..18),
        // Times Square (13..25), Times (13..18).
        let kept = automatic(vec![
            candidate(0, 4..18),
            candidate(1, 13..25),
            candidate(2, 13..18),
        ]);
        assert_eq!(kept, vec![candidate(0, 4..18), candidate(2, 13..18)]);
    }

    #[test]
    fn same_entity_inside_itself_and_crossing_matches_are_dropped() {
        let kept = automatic(vec![
            candidate(0, 0..14), // Vladimir Putin
            candidate(0, 9..14), // Putin
            candidate(1, 20..27),
            candidate(2, 24..30), // crosses the previous one
        ]);
        assert_eq!(kept, vec![candidate(0, 0..14), candidate(1, 20..27)]);
    }

    #[test]
    fn explicit_mentions_replace_equal_crossing_and_same_entity_nested() {
        let explicit = vec![candidate(5, 10..20), candidate(0, 40..60)];
        let index = ExplicitIndex::new(&explicit);
        let kept = replaced_by_explicit(
            vec![
                candidate(1, 10..20), // same span
                candidate(2, 15..25), // crosses
                candidate(3, 12..18), // nested, other entity: kept
                candidate(0, 45..50), // nested, same entity: dropped
                candidate(4, 70..75), // elsewhere: kept
            ],
            &index,
        );
        assert_eq!(kept, vec![candidate(3, 12..18), candidate(4, 70..75)]);
    }

    #[test]
    fn suppression_counts_what_it_removed() {
        let mut auto = vec![
            candidate(0, 0..6),
            candidate(1, 10..16),
            candidate(0, 30..36),
        ];
        let removed = suppress(
            &mut auto,
            &[(0..20, Some(EntityId(1))), (29..40, None), (50..60, None)],
        );
        assert_eq!(removed, vec![1, 1, 0]);
        assert_eq!(auto, vec![candidate(0, 0..6)]);
    }
}
