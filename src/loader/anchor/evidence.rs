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

use std::ops::Range;

use super::spans::{LISTED, plural};
use super::{Drift, Resolver, Selector};
use crate::loader::diagnostic::Diagnostic;

/// A passage settled: where its offsets said it began, and how far it
/// moved, in characters.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    old: usize,
    shift: i64,
}

/// A drifted selector still to settle, and where its quote occurs (byte
/// ranges of the text, with their character starts).
struct Open<'s> {
    index: usize,
    selector: &'s Selector,
    old: usize,
    candidates: Vec<(Range<usize>, usize)>,
    drift: Option<Drift>,
}

/// A drifted selector as the passes leave it: its index, the byte ranges
/// of its quote's matches, and how its offsets failed.
pub type Drifted = (usize, Vec<Range<usize>>, Option<Drift>);

fn signed(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn shift_of(old: usize, new: usize) -> i64 {
    signed(new) - signed(old)
}

impl Resolver<'_, '_, '_> {
    /// Settles each drifted selector of `drifted` (its index and the byte
    /// ranges of its quote's matches) from the other selectors' spans, or
    /// reports it ambiguous.
    pub(super) fn settle_drifted(
        &mut self,
        selectors: &[Selector],
        drifted: &[Drifted],
        spans: &mut [Option<Range<usize>>],
    ) {
        let mut anchors = self.anchors(selectors, spans);
        let mut open: Vec<Open<'_>> = Vec::with_capacity(drifted.len());
        for (index, ranges, drift) in drifted {
            let (Some(selector), Some(offsets)) = (
                selectors.get(*index),
                selectors.get(*index).and_then(|s| s.offsets.as_ref()),
            ) else {
                continue;
            };
            let candidates = ranges
                .iter()
                .map(|range| (range.clone(), self.chars_of(range).0))
                .collect();
            open.push(Open {
                index: *index,
                selector,
                old: offsets.start,
                candidates,
                drift: drift.clone(),
            });
        }
        // A quote found once is the passage, but where the passages that
        // fit say it cannot be (out of their order), something else moved
        // it: the text was rearranged, or the passage itself edited and
        // this is another one. Taken, but said, and not for `--fix`.
        let (unique, mut open): (Vec<Open<'_>>, Vec<Open<'_>>) = open
            .into_iter()
            .partition(|item| item.candidates.len() == 1);
        let mut provisional: Vec<(Anchor, usize)> = anchors
            .iter()
            .map(|anchor| (*anchor, usize::MAX))
            .chain(unique.iter().filter_map(|item| {
                let new = item.candidates.first()?.1;
                Some((
                    Anchor {
                        old: item.old,
                        shift: shift_of(item.old, new),
                    },
                    item.index,
                ))
            }))
            .collect();
        provisional.sort_by_key(|(anchor, _)| anchor.old);
        for item in &unique {
            let Some(new) = item.candidates.first().map(|c| c.1) else {
                continue;
            };
            let before = provisional
                .iter()
                .rev()
                .find(|(anchor, index)| anchor.old < item.old && *index != item.index);
            let after = provisional
                .iter()
                .find(|(anchor, index)| anchor.old > item.old && *index != item.index);
            let place = |found: Option<&(Anchor, usize)>| {
                found.map(|(anchor, _)| signed(anchor.old) + anchor.shift)
            };
            let in_order = place(before).is_none_or(|low| low <= signed(new))
                && place(after).is_none_or(|high| signed(new) <= high);
            if in_order {
                self.settle_one(item, 0, None, true, spans);
                let at = anchors.partition_point(|anchor| anchor.old <= item.old);
                anchors.insert(
                    at,
                    Anchor {
                        old: item.old,
                        shift: shift_of(item.old, new),
                    },
                );
            } else {
                let why = "the quote's only match, but out of order with the passages around it: the text may have been rearranged, or this passage edited and the match another one; check it".to_string();
                self.settle_one(item, 0, Some(why), false, spans);
            }
        }
        // Each passage settled is evidence for its neighbours: go round
        // until a round settles nothing.
        loop {
            let mut settled_any = false;
            let mut still_open = Vec::with_capacity(open.len());
            for item in open {
                match by_neighbours(&anchors, &item) {
                    Some((candidate, why)) => {
                        self.settle_one(&item, candidate, Some(why), true, spans);
                        let at = anchors.partition_point(|anchor| anchor.old <= item.old);
                        let new = item.candidates.get(candidate).map_or(item.old, |c| c.1);
                        let shift = shift_of(item.old, new);
                        anchors.insert(
                            at,
                            Anchor {
                                old: item.old,
                                shift,
                            },
                        );
                        settled_any = true;
                    }
                    None => still_open.push(item),
                }
            }
            open = still_open;
            if !settled_any || open.is_empty() {
                break;
            }
        }
        for item in &open {
            self.report_ambiguous_drift(item, &anchors);
        }
    }

    /// The selectors with offsets that anchored, by their old start: how
    /// far each moved (nothing, for offsets that fit).
    fn anchors(&mut self, selectors: &[Selector], spans: &[Option<Range<usize>>]) -> Vec<Anchor> {
        let mut anchors = Vec::new();
        for (selector, span) in selectors.iter().zip(spans) {
            let (Some(offsets), Some(span)) = (&selector.offsets, span) else {
                continue;
            };
            let (start, end) = self.chars_of(span);
            // Offsets that fit (maybe trimmed of whitespace) did not move.
            let shift = if offsets.start <= start && end <= offsets.end {
                0
            } else {
                shift_of(offsets.start, start)
            };
            anchors.push(Anchor {
                old: offsets.start,
                shift,
            });
        }
        anchors.sort_by_key(|anchor| anchor.old);
        anchors
    }

    fn settle_one(
        &mut self,
        item: &Open<'_>,
        candidate: usize,
        why: Option<String>,
        confirmed: bool,
        spans: &mut [Option<Range<usize>>],
    ) {
        let Some((span, _)) = item.candidates.get(candidate).cloned() else {
            return;
        };
        self.warn_if_drifted(item.selector, item.drift.as_ref(), &span, why, confirmed);
        self.quote_matched(item.selector, &span);
        if let Some(slot) = spans.get_mut(item.index) {
            *slot = Some(span);
        }
    }

    fn report_ambiguous_drift(&mut self, item: &Open<'_>, anchors: &[Anchor]) {
        let text = self.text;
        let count = item.candidates.len();
        let listed: Vec<String> = item
            .candidates
            .iter()
            .take(LISTED)
            .map(|(range, start)| {
                let (line, column) = text.lines.line_column(&text.text, range.start);
                let length = text
                    .text
                    .get(range.clone())
                    .map_or(0, |t| t.chars().count());
                format!(
                    "{line}:{column} (start = {start}, end = {})",
                    start + length
                )
            })
            .collect();
        let more = count.saturating_sub(listed.len());
        let mut candidates = listed.join(", ");
        if more > 0 {
            candidates.push_str(&format!(", and {more} more"));
        }
        let (before, after) = neighbours(anchors, item.old);
        let evidence = match (before, after) {
            (None, None) => "no other passage anchored, to show how far the text moved".to_string(),
            _ => {
                let lowest = before.map_or(i64::MIN, |anchor| signed(anchor.old) + anchor.shift);
                let highest = after.map_or(i64::MAX, |anchor| signed(anchor.old) + anchor.shift);
                let between = item
                    .candidates
                    .iter()
                    .filter(|(_, start)| (lowest..=highest).contains(&signed(*start)))
                    .count();
                let shifts: Vec<String> = [before, after]
                    .into_iter()
                    .flatten()
                    .map(|anchor| format!("{:+}", anchor.shift))
                    .collect();
                format!(
                    "{between} of them lie between the passages settled on either side of it (which moved by {} characters), where it must be",
                    shifts.join(" and ")
                )
            }
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

/// The anchors just before and just after `old` (an anchor at `old` itself
/// counts as before).
fn neighbours(anchors: &[Anchor], old: usize) -> (Option<Anchor>, Option<Anchor>) {
    let at = anchors.partition_point(|anchor| anchor.old <= old);
    let before = at.checked_sub(1).and_then(|i| anchors.get(i)).copied();
    (before, anchors.get(at).copied())
}

/// The one candidate between the neighbours' new places, with the reason;
/// `None` if none or several are. Edits that leave the passages alone keep
/// them in order, so the intended match lies there; any other match there
/// could be it, after edits on both sides, even one that lies just where a
/// neighbour's shift would put it (the property test found such a case):
/// so only a single match there settles it.
fn by_neighbours(anchors: &[Anchor], item: &Open<'_>) -> Option<(usize, String)> {
    let (before, after) = neighbours(anchors, item.old);
    let lowest = before.map_or(i64::MIN, |anchor| signed(anchor.old) + anchor.shift);
    let highest = after.map_or(i64::MAX, |anchor| signed(anchor.old) + anchor.shift);
    let mut between = item
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, (_, start))| (lowest..=highest).contains(&signed(*start)));
    let (index, (_, start)) = between.next()?;
    if between.next().is_some() {
        return None;
    }
    let shifts: Vec<String> = [before, after]
        .into_iter()
        .flatten()
        .map(|anchor| format!("{:+}", anchor.shift))
        .collect();
    let why = format!(
        "chosen of {} matches: the only one between the passages beside it (they moved by {} characters; this one by {:+})",
        item.candidates.len(),
        shifts.join(" and "),
        shift_of(item.old, *start)
    );
    Some((index, why))
}
