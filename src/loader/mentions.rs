//! Deciding the final set of mentions: automatic matches of names and
//! aliases, thinned by the rules of the format, merged with the explicit
//! `[[mention]]`s.
//!
//! Works on spans and entity ids only; every sweep is over mentions sorted by
//! position, so the cost grows with the mentions, not with their products.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::EntityId;

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
    let bytes = text.as_bytes();
    let ascii = |at: Option<usize>| at.and_then(|at| bytes.get(at)).is_none_or(u8::is_ascii);
    let last = span.start.checked_sub(1);
    // An ASCII character after an ASCII one (or the start) is a grapheme
    // of its own, or the LF of a CRLF, which is no letter either way: only
    // other neighbours need the segmentation rules.
    let before = if last.is_some() && ascii(last) && ascii(span.start.checked_sub(2)) {
        last.and_then(|at| bytes.get(at))
            .map(|&byte| char::from(byte))
    } else {
        text.get(..span.start)
            .and_then(|t| t.graphemes(true).next_back())
            .and_then(|g| g.chars().next())
    };
    let after = text.get(span.end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Applies the automatic-mention rules: longest match per start, no match
/// nested in a match of the same entity, the earlier of two crossing
/// matches. When the longest match at a start is dropped (it crosses an
/// earlier one), the next longest there may stand.
pub fn automatic(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    // Candidates with the same key are alike in every way: no order among
    // them to keep, and the unstable sort needs no buffer.
    candidates.sort_unstable_by_key(|c| (c.span.start, Reverse(c.span.end), c.entity));
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

/// A suppressed passage, and the entity whose matches it removes (all if
/// none).
type Suppression = (Range<usize>, Option<EntityId>);

/// Removes automatic matches inside suppressed passages. Returns, for each
/// suppression, how many it removed: a match counts for the first
/// suppression in file order that holds it.
pub fn suppress(automatic: &mut Vec<Candidate>, suppressions: &[Suppression]) -> Vec<usize> {
    let mut removed = vec![0; suppressions.len()];
    if suppressions.is_empty() {
        return removed;
    }
    // Matches are visited by start, and each passage joins its group (the
    // passages of one entity, or those of every entity) once a match starts
    // at or after it: a passage that has joined holds the match if it ends
    // at or after the match's end. Each group answers "the first passage
    // ending at or after" in a logarithmic number of steps, so one long
    // passage, or thousands of the same one, costs no more per match than
    // a short one (a scan of the passages near each match was quadratic).
    let mut by_start: Vec<(usize, usize)> = suppressions
        .iter()
        .enumerate()
        .map(|(index, (passage, _))| (passage.start, index))
        .collect();
    by_start.sort_unstable();
    let mut groups: HashMap<Option<EntityId>, FirstEnding> = HashMap::new();
    for (passage, entity) in suppressions {
        groups.entry(*entity).or_default().ends.push(passage.end);
    }
    for group in groups.values_mut() {
        group.ends.sort_unstable();
        group.ends.dedup();
        group.tree = vec![usize::MAX; group.ends.len()];
    }
    // Only a match inside some passage can go: the rest (nearly all, at
    // 100 MB 667,000 of 668,000) are told apart by a look in the passages'
    // union instead of being sorted with the others.
    let union = union_of(suppressions.iter().map(|(passage, _)| passage.clone()));
    let mut order: Vec<(usize, usize)> = automatic
        .iter()
        .enumerate()
        .filter(|(_, candidate)| within(&union, &candidate.span))
        .map(|(index, candidate)| (candidate.span.start, index))
        .collect();
    order.sort_unstable();
    let mut keep = vec![true; automatic.len()];
    let mut joined = 0;
    for (start, index) in order {
        while let Some(&(_, passage)) = by_start.get(joined).filter(|(from, _)| *from <= start) {
            if let Some((span, entity)) = suppressions.get(passage) {
                if let Some(group) = groups.get_mut(entity) {
                    group.join(span.end, passage);
                }
            }
            joined += 1;
        }
        let Some(candidate) = automatic.get(index) else {
            continue;
        };
        let end = candidate.span.end;
        let first = [None, Some(candidate.entity)]
            .iter()
            .filter_map(|entity| groups.get(entity)?.first_ending_from(end))
            .min();
        if let Some(passage) = first {
            if let Some(count) = removed.get_mut(passage) {
                *count += 1;
            }
            if let Some(kept) = keep.get_mut(index) {
                *kept = false;
            }
        }
    }
    let mut kept = keep.into_iter();
    automatic.retain(|_| kept.next().unwrap_or(true));
    removed
}

/// The ranges that `ranges` cover together, in order and apart.
fn union_of(ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> = ranges.collect();
    sorted.sort_unstable_by_key(|range| range.start);
    let mut union: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match union.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => union.push(range),
        }
    }
    union
}

/// Whether `span` lies within one of `union`'s ranges.
fn within(union: &[Range<usize>], span: &Range<usize>) -> bool {
    let after = union.partition_point(|range| range.start <= span.start);
    after
        .checked_sub(1)
        .and_then(|at| union.get(at))
        .is_some_and(|range| span.end <= range.end)
}

/// The passages of one group that have joined, for the first (least
/// index) of those ending at or after a position: a Fenwick tree of least
/// indices over the group's ends, latest end first.
#[derive(Default)]
struct FirstEnding {
    /// Every end in the group, sorted, each once.
    ends: Vec<usize>,
    /// The tree: position `p` (from 1) holds the least index among the
    /// `p & -p` positions ending at `p`, positions counted from the
    /// latest end.
    tree: Vec<usize>,
}

impl FirstEnding {
    /// Position from 1 of `end` counted from the latest end.
    fn position(&self, end: usize) -> usize {
        self.ends.len() - self.ends.partition_point(|&e| e < end)
    }

    fn join(&mut self, end: usize, index: usize) {
        let mut at = self.position(end);
        while let Some(least) = at.checked_sub(1).and_then(|i| self.tree.get_mut(i)) {
            *least = (*least).min(index);
            at += at & at.wrapping_neg();
        }
    }

    /// The least index among joined passages ending at or after `end`.
    fn first_ending_from(&self, end: usize) -> Option<usize> {
        let mut at = self.position(end);
        let mut least = usize::MAX;
        while let Some(&value) = at.checked_sub(1).and_then(|i| self.tree.get(i)) {
            least = least.min(value);
            at &= at - 1;
        }
        (least != usize::MAX).then_some(least)
    }
}

/// Two spans cross when they overlap and neither contains the other.
pub fn crosses(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.start && b.start < a.end && a.end < b.end)
        || (b.start < a.start && a.start < b.end && b.end < a.end)
}

/// Explicit mentions longer than this are kept aside, so that one long
/// mention does not widen the window every automatic match looks in.
const LONG: usize = 4096;

/// Explicit mentions sorted by start, for finding the ones near a position
/// without a scan.
pub struct ExplicitIndex<'a> {
    sorted: Vec<&'a Candidate>,
    /// The longest span not kept aside.
    longest_short: usize,
    /// Positions in `sorted` of the long spans, in order.
    long: Vec<usize>,
}

impl<'a> ExplicitIndex<'a> {
    #[cfg(test)]
    pub fn new(explicit: &'a [Candidate]) -> Self {
        let mut sorted: Vec<&Candidate> = explicit.iter().collect();
        sorted.sort_by_key(|c| (c.span.start, Reverse(c.span.end)));
        Self::of_sorted(sorted)
    }

    /// The index of explicit mentions already sorted by start, longest
    /// first.
    pub fn of_sorted(sorted: Vec<&'a Candidate>) -> Self {
        let mut longest_short = 0;
        let mut long = Vec::new();
        for (i, candidate) in sorted.iter().enumerate() {
            if candidate.span.len() > LONG {
                long.push(i);
            } else {
                longest_short = longest_short.max(candidate.span.len());
            }
        }
        Self {
            sorted,
            longest_short,
            long,
        }
    }

    /// Where the explicit mentions that may reach `start` begin in
    /// `sorted`, leaving aside the long ones, looking on from `from`: the
    /// callers' starts only grow, so a step at a time is cheaper than a
    /// binary search over all of them each time.
    fn first_reaching(&self, start: usize, from: usize) -> usize {
        let earliest = start.saturating_sub(self.longest_short);
        let rest = self.sorted.get(from..).unwrap_or_default();
        from + rest
            .iter()
            .position(|c| c.span.start >= earliest)
            .unwrap_or(rest.len())
    }

    /// Brings the long explicit mentions up to date for a match at
    /// `start`: those the window has passed join, those ending at or
    /// before `start` leave. Starts only grow, so one that left is never
    /// needed again.
    fn reach_long(&self, reach: &mut LongReach, start: usize, first: usize) {
        while let Some(&i) = self.long.get(reach.next).filter(|&&i| i < first) {
            if let Some(long) = self.sorted.get(i) {
                reach.ending.push(Reverse((long.span.end, long.entity)));
                *reach.entities.entry(long.entity).or_default() += 1;
            }
            reach.next += 1;
        }
        while let Some(&Reverse((end, entity))) = reach.ending.peek() {
            if end > start {
                break;
            }
            reach.ending.pop();
            if let Some(count) = reach.entities.get_mut(&entity) {
                *count -= 1;
                if *count == 0 {
                    reach.entities.remove(&entity);
                }
            }
        }
    }

    /// Explicit mentions overlapping `span` or equal to it among those
    /// from `first` in `sorted` on (the long ones that joined `LongReach`
    /// are asked there).
    fn overlapping(
        &self,
        span: &Range<usize>,
        first: usize,
    ) -> impl Iterator<Item = &'a Candidate> {
        let past = span.end.max(span.start + 1);
        let span = span.clone();
        self.sorted
            .get(first..)
            .unwrap_or_default()
            .iter()
            .copied()
            .take_while(move |c| c.span.start < past)
            .filter(move |c| c.span == span || (c.span.end > span.start && c.span.start < span.end))
    }
}

/// The long explicit mentions that may reach the automatic matches still
/// to be visited. They all started before the match being visited and end
/// after its start, so one of them replaces the match exactly when it ends
/// inside the match (they cross) or is of the match's entity (it holds the
/// match): the one ending first and a count by entity answer that at once,
/// where looking at each was quadratic with thousands of long mentions.
#[derive(Default)]
struct LongReach {
    /// The next of `ExplicitIndex::long` to join.
    next: usize,
    /// The ends and entities of those that joined and still reach, the
    /// earliest end on top.
    ending: BinaryHeap<Reverse<(usize, EntityId)>>,
    /// How many of those are of each entity.
    entities: HashMap<EntityId, usize>,
}

impl LongReach {
    /// Whether a long mention still reaching replaces `auto`.
    fn replaces(&self, auto: &Candidate) -> bool {
        self.ending
            .peek()
            .is_some_and(|Reverse((end, _))| *end < auto.span.end)
            || self.entities.contains_key(&auto.entity)
    }
}

/// Drops automatic matches that an explicit mention replaces: the same span,
/// a crossing span, or a span inside an explicit mention of the same entity.
/// The rest come back sorted as [`automatic`] sorts them (equal ones are
/// alike in every way, so nothing else can tell the orders apart).
pub fn replaced_by_explicit(
    mut automatic: Vec<Candidate>,
    explicit: &ExplicitIndex<'_>,
) -> Vec<Candidate> {
    // Visited by start, the window of explicit mentions only moves forward.
    automatic.sort_unstable_by_key(|c| (c.span.start, Reverse(c.span.end), c.entity));
    let mut first = 0;
    let mut reach = LongReach::default();
    automatic.retain(|auto| {
        first = explicit.first_reaching(auto.span.start, first);
        explicit.reach_long(&mut reach, auto.span.start, first);
        !reach.replaces(auto)
            && !explicit.overlapping(&auto.span, first).any(|explicit| {
                explicit.span == auto.span
                    || crosses(&explicit.span, &auto.span)
                    || (explicit.entity == auto.entity
                        && explicit.span.start <= auto.span.start
                        && auto.span.end <= explicit.span.end)
            })
    });
    automatic
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
    fn long_explicit_mentions_replace_what_they_reach_and_nothing_after() {
        // Two long mentions (over `LONG` bytes) and a short one between them
        // in the window, so the long ones are found through `LongReach`.
        let explicit = vec![
            candidate(0, 0..10_000),
            candidate(1, 100..9_000),
            candidate(2, 9_500..9_510),
        ];
        let index = ExplicitIndex::new(&explicit);
        let kept = replaced_by_explicit(
            vec![
                candidate(0, 200..210),       // inside entity 0's long mention
                candidate(1, 8_000..8_010),   // inside entity 1's long mention
                candidate(3, 8_995..9_005),   // crosses the end of entity 1's
                candidate(3, 9_200..9_210),   // inside only entity 0's: kept
                candidate(0, 9_990..10_005),  // crosses the end of entity 0's
                candidate(1, 10_000..10_010), // after both: kept
                candidate(0, 20_000..20_010), // far after: kept
            ],
            &index,
        );
        assert_eq!(
            kept,
            vec![
                candidate(3, 9_200..9_210),
                candidate(1, 10_000..10_010),
                candidate(0, 20_000..20_010)
            ]
        );
    }

    proptest::proptest! {
        /// The tree finds what looking at every passage for every match
        /// finds: the first suppression holding each match, for its entity
        /// or for all.
        #[test]
        fn suppression_finds_the_first_passage_holding_each_match(
            matches in proptest::collection::vec((0usize..3, 0usize..40, 1usize..8), 0..30),
            passages in proptest::collection::vec(
                (0usize..40, 0usize..20, proptest::option::of(0usize..3)),
                0..12,
            ),
        ) {
            let mut auto: Vec<Candidate> = matches
                .iter()
                .map(|&(entity, start, length)| candidate(entity, start..start + length))
                .collect();
            let suppressions: Vec<Suppression> = passages
                .iter()
                .map(|&(start, length, entity)| (start..start + length, entity.map(EntityId)))
                .collect();
            let first = |c: &Candidate| {
                suppressions.iter().position(|(passage, entity)| {
                    passage.start <= c.span.start
                        && c.span.end <= passage.end
                        && entity.is_none_or(|entity| entity == c.entity)
                })
            };
            let mut expected_removed = vec![0; suppressions.len()];
            for c in &auto {
                if let Some(index) = first(c) {
                    expected_removed[index] += 1;
                }
            }
            let expected_kept: Vec<Candidate> =
                auto.iter().filter(|c| first(c).is_none()).cloned().collect();
            let removed = suppress(&mut auto, &suppressions);
            proptest::prop_assert_eq!(removed, expected_removed);
            proptest::prop_assert_eq!(auto, expected_kept);
        }
    }

    proptest::proptest! {
        /// The index, long mentions and all, replaces what comparing each
        /// match with every explicit mention replaces.
        #[test]
        fn explicit_mentions_replace_what_a_full_comparison_replaces(
            autos in proptest::collection::vec((0usize..3, 0usize..12_000, 1usize..60), 0..40),
            explicit in proptest::collection::vec(
                (0usize..3, 0usize..12_000, proptest::bool::ANY, 1usize..6_000),
                0..16,
            ),
        ) {
            let autos: Vec<Candidate> = autos
                .iter()
                .map(|&(entity, start, length)| candidate(entity, start..start + length))
                .collect();
            // Half the explicit mentions short, half past `LONG` or near it.
            let explicit: Vec<Candidate> = explicit
                .iter()
                .map(|&(entity, start, long, length)| {
                    let length = if long { LONG - 100 + length } else { length % 80 + 1 };
                    candidate(entity, start..start + length)
                })
                .collect();
            let replaced = |auto: &Candidate| {
                explicit.iter().any(|e| {
                    e.span == auto.span
                        || crosses(&e.span, &auto.span)
                        || (e.entity == auto.entity
                            && e.span.start <= auto.span.start
                            && auto.span.end <= e.span.end)
                })
            };
            let mut expected: Vec<Candidate> =
                autos.iter().filter(|auto| !replaced(auto)).cloned().collect();
            expected.sort_by_key(|c| (c.span.start, Reverse(c.span.end), c.entity));
            let kept = replaced_by_explicit(autos, &ExplicitIndex::new(&explicit));
            proptest::prop_assert_eq!(kept, expected);
        }
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
