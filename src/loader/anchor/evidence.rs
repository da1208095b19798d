//! Settling drifted offsets whose quote occurs more than once, from the
//! evidence the file itself holds, never from nearness alone: after an
//! insertion earlier in the text the nearest occurrence of a common name is
//! usually an earlier, different mention.
//!
//! Edits that leave the annotated passages alone keep them in order and
//! move each by the length of the edits before it. So a drifted passage
//! lies between the passages settled on either side of it (by their old
//! offsets) where they are now; if only one match of its quote lies there,
//! that is it. Each passage settled narrows the gap for the next. Anything
//! else is an `ambiguous-drift` error listing the candidates: a match just
//! where a neighbour's shift puts it is likelier, not certain (edits on both
//! sides move it elsewhere), and neither is a shift all the drifted
//! selectors share (in a repetitive text one is shared by chance; the
//! property test found both). It owns only that choice and its messages;
//! it must not search the text.

use std::collections::BTreeMap;
use std::ops::Range;

use super::spans::{LISTED, plural};
use super::{Candidates, Drift, Resolver, Selector};
use crate::loader::diagnostic::Diagnostic;

/// The passages settled: by where their offsets said they began (in
/// characters, then selector index, as two may begin together), where they
/// begin now (a byte offset of the text). A map, so that each passage
/// settled is evidence for the next at once, with no re-sorting: a whole
/// file gone stale has a hundred thousand.
type Anchors = BTreeMap<(usize, usize), usize>;

/// A settled passage beside a drifted one: its old start (characters) and
/// new start (bytes).
#[derive(Debug, Clone, Copy)]
struct Beside {
    old: usize,
    new: usize,
}

/// A drifted selector still to settle, and where its quote occurs (byte
/// ranges of the text, in order of their start).
struct Open<'s> {
    index: usize,
    selector: &'s Selector,
    old: usize,
    candidates: Candidates,
    drift: Option<Drift>,
}

/// A drifted selector as the passes leave it: its index, the byte ranges
/// of its quote's matches (in order), and how its offsets failed.
pub type Drifted = (usize, Candidates, Option<Drift>);

/// Rounds of settling, each one forward and back through the drifted
/// selectors, before what is left is reported ambiguous: a passage that
/// needs more is at the end of a chain of repeated names no real file has.
const ROUNDS: usize = 8;

/// The most matches in one gap that passages in it are matched to in
/// order (`settle_in_order`).
const ORDERED_AT_MOST: usize = 64;

fn signed(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The settled passages just before `old` (or at it) and just after it.
fn neighbours(anchors: &Anchors, old: usize) -> (Option<Beside>, Option<Beside>) {
    let beside = |(&(old, _), &new): (&(usize, usize), &usize)| Beside { old, new };
    let before = anchors.range(..=(old, usize::MAX)).next_back().map(beside);
    let after = old
        .checked_add(1)
        .and_then(|next| anchors.range((next, 0)..).next())
        .map(beside);
    (before, after)
}

/// The candidates (sorted by start) that begin between the neighbours'
/// new places.
fn between(
    candidates: &[Range<usize>],
    before: Option<Beside>,
    after: Option<Beside>,
) -> &[Range<usize>] {
    let low = before.map_or(0, |beside| beside.new);
    let high = after.map_or(usize::MAX, |beside| beside.new);
    let first = candidates.partition_point(|range| range.start < low);
    let end = candidates.partition_point(|range| range.start <= high);
    candidates.get(first..end.max(first)).unwrap_or_default()
}

impl Resolver<'_, '_, '_> {
    /// Settles each drifted selector of `drifted` (its index and the byte
    /// ranges of its quote's matches) from the other selectors' spans, or
    /// reports it ambiguous.
    pub(super) fn settle_drifted(
        &mut self,
        selectors: &[Selector],
        drifted: &[Drifted],
        repeated_fits: &[usize],
        spans: &mut [Option<Range<usize>>],
    ) {
        let mut anchors = anchors(selectors, spans, repeated_fits);
        let mut open: Vec<Open<'_>> = Vec::with_capacity(drifted.len());
        for (index, ranges, drift) in drifted {
            let Some(selector) = selectors.get(*index) else {
                continue;
            };
            let Some(offsets) = &selector.offsets else {
                continue;
            };
            open.push(Open {
                index: *index,
                selector,
                old: offsets.start,
                candidates: ranges.clone(),
                drift: drift.clone(),
            });
        }
        open.sort_by_key(|item| item.old);
        // A quote found once is the passage, but where the passages that
        // fit say it cannot be (out of their order), something else moved
        // it: the text was rearranged, or the passage itself edited and
        // this is another one. Taken, but said, and not for `--fix`.
        let (unique, mut open): (Vec<Open<'_>>, Vec<Open<'_>>) = open
            .into_iter()
            .partition(|item| item.candidates.len() == 1);
        let mut provisional = anchors.clone();
        for item in &unique {
            if let Some(found) = item.candidates.first() {
                provisional.insert((item.old, item.index), found.start);
            }
        }
        for item in &unique {
            let Some(found) = item.candidates.first() else {
                continue;
            };
            let before = provisional
                .range(..(item.old, 0))
                .next_back()
                .map(|(_, &new)| new);
            let after = item
                .old
                .checked_add(1)
                .and_then(|next| provisional.range((next, 0)..).next())
                .map(|(_, &new)| new);
            let in_order = before.is_none_or(|low| low <= found.start)
                && after.is_none_or(|high| found.start <= high);
            if in_order {
                self.settle_one(item, found.clone(), None, true, spans);
                anchors.insert((item.old, item.index), found.start);
            } else {
                let why = "the quote's only match, but out of order with the passages around it: the text may have been rearranged, or this passage edited and the match another one; check it".to_string();
                self.settle_one(item, found.clone(), Some(why), false, spans);
            }
        }
        // Each passage settled is evidence for its neighbours at once;
        // forward then back, until a round settles nothing.
        for round in 0..ROUNDS {
            let before = open.len();
            if round % 2 == 1 {
                open.reverse();
            }
            let mut still_open = Vec::with_capacity(open.len());
            for item in open {
                let (low, high) = neighbours(&anchors, item.old);
                match between(&item.candidates, low, high) {
                    [only] => {
                        let only = only.clone();
                        let why = self.why_chosen(&item, &only, low, high);
                        self.settle_one(&item, only.clone(), Some(why), true, spans);
                        anchors.insert((item.old, item.index), only.start);
                    }
                    _ => still_open.push(item),
                }
            }
            open = still_open;
            if round % 2 == 1 {
                open.reverse();
            }
            if open.len() == before {
                open = self.settle_in_order(open, &mut anchors, spans);
            }
            if open.len() == before || open.is_empty() {
                break;
            }
        }
        for item in &open {
            self.report_ambiguous_drift(item, &anchors);
        }
    }

    /// How far a passage moved, in characters, for a message.
    fn moved(&mut self, old: usize, new: usize) -> String {
        let now = self.chars_of(&(new..new)).0;
        format!("{:+}", signed(now) - signed(old))
    }

    fn shifts(&mut self, low: Option<Beside>, high: Option<Beside>) -> String {
        let mut shifts = Vec::new();
        for beside in [low, high].into_iter().flatten() {
            shifts.push(self.moved(beside.old, beside.new));
        }
        shifts.join(" and ")
    }

    fn why_chosen(
        &mut self,
        item: &Open<'_>,
        only: &Range<usize>,
        low: Option<Beside>,
        high: Option<Beside>,
    ) -> String {
        let shifts = self.shifts(low, high);
        let this = self.moved(item.old, only.start);
        format!(
            "chosen of {} matches: the only one between the passages beside it (they moved by {shifts} characters; this one by {this})",
            item.candidates.len()
        )
    }

    /// Drifted selectors with the same quote in the same gap between
    /// settled passages, as many (by distinct old offsets) as the matches
    /// there: edits that leave passages alone keep their order, so the
    /// first is the first match, and so on. ("Putin left. Putin met": two
    /// passages, two matches, whichever way the text around them moved.)
    /// Returns those still open.
    fn settle_in_order<'s>(
        &mut self,
        open: Vec<Open<'s>>,
        anchors: &mut Anchors,
        spans: &mut [Option<Range<usize>>],
    ) -> Vec<Open<'s>> {
        // A gap, and the matches in it: selectors of one quote share both.
        type Gap = (Option<usize>, Option<usize>, Vec<Range<usize>>);
        let mut groups: std::collections::HashMap<Gap, Vec<Open<'s>>> =
            std::collections::HashMap::new();
        let mut still_open = Vec::new();
        for item in open {
            let (low, high) = neighbours(anchors, item.old);
            let inside = between(&item.candidates, low, high);
            // Only a few passages ever share a gap; many matches in one
            // would need as many passages to pin them.
            if inside.len() < 2 || inside.len() > ORDERED_AT_MOST {
                still_open.push(item);
                continue;
            }
            let key = (low.map(|b| b.new), high.map(|b| b.new), inside.to_vec());
            groups.entry(key).or_default().push(item);
        }
        let mut settled = Vec::new();
        for ((_, _, inside), mut group) in groups {
            group.sort_by_key(|item| (item.old, item.index));
            let mut olds: Vec<usize> = group.iter().map(|item| item.old).collect();
            olds.dedup();
            if olds.len() != inside.len() || olds.len() < 2 {
                still_open.extend(group);
                continue;
            }
            for item in group {
                let rank = olds.partition_point(|&old| old < item.old);
                let Some(span) = inside.get(rank).cloned() else {
                    still_open.push(item);
                    continue;
                };
                let why = format!(
                    "chosen of {} matches: {} passages quoting it lie between the same two settled ones, and so do {} matches; this is number {} of them, in order",
                    item.candidates.len(),
                    olds.len(),
                    inside.len(),
                    rank + 1
                );
                self.settle_one(&item, span.clone(), Some(why), true, spans);
                settled.push(((item.old, item.index), span.start));
            }
        }
        anchors.extend(settled);
        still_open.sort_by_key(|item| item.old);
        still_open
    }

    fn settle_one(
        &mut self,
        item: &Open<'_>,
        span: Range<usize>,
        why: Option<String>,
        confirmed: bool,
        spans: &mut [Option<Range<usize>>],
    ) {
        self.warn_if_drifted(item.selector, item.drift.as_ref(), &span, why, confirmed);
        self.quote_matched(item.selector, &span);
        if let Some(slot) = spans.get_mut(item.index) {
            *slot = Some(span);
        }
    }

    fn report_ambiguous_drift(&mut self, item: &Open<'_>, anchors: &Anchors) {
        let text = self.text;
        let count = item.candidates.len();
        let mut listed = Vec::new();
        for range in item.candidates.iter().take(LISTED) {
            let (line, column) = text.lines.line_column(&text.text, range.start);
            let (start, end) = self.chars_of(range);
            listed.push(format!("{line}:{column} (start = {start}, end = {end})"));
        }
        let more = count.saturating_sub(listed.len());
        let mut candidates = listed.join(", ");
        if more > 0 {
            candidates.push_str(&format!(", and {more} more"));
        }
        let (low, high) = neighbours(anchors, item.old);
        let evidence = if low.is_none() && high.is_none() {
            "no other passage anchored, to show how far the text moved".to_string()
        } else {
            let inside = between(&item.candidates, low, high).len();
            format!(
                "{inside} of them lie between the passages settled on either side of it (which moved by {} characters), where it must be",
                self.shifts(low, high)
            )
        };
        let diagnostic = Diagnostic::error(
            "ambiguous-drift",
            format!(
                "the text at the offsets does not match the quote, and the quote matches {count} time{} elsewhere; nothing in the file says which",
                plural(count)
            ),
        )
        .note(format!("matches in the text (line:column): {candidates}"))
        .note(evidence)
        .hint("set `start` and `end` to the intended match (listed), or add a `prefix`, `suffix` or `occurrence`");
        self.reporter
            .push_at(diagnostic, item.selector.offsets_span.clone());
    }
}

/// The selectors with offsets that anchored before the drifted ones
/// settle, where they began and where they begin now: offsets alone (the
/// file says so), offsets that fit a quote found nowhere else. Not
/// offsets that fit a quote that repeats (`repeated_fits`, in order): an
/// edit may have put another occurrence where the passage was, and the
/// property test found that misleading the passages beside it.
fn anchors(
    selectors: &[Selector],
    spans: &[Option<Range<usize>>],
    repeated_fits: &[usize],
) -> Anchors {
    let mut repeated = repeated_fits.iter().peekable();
    selectors
        .iter()
        .zip(spans)
        .enumerate()
        .filter_map(|(index, (selector, span))| {
            if repeated.next_if_eq(&&index).is_some() {
                return None;
            }
            let offsets = selector.offsets.as_ref()?;
            Some(((offsets.start, index), span.as_ref()?.start))
        })
        .collect()
}
