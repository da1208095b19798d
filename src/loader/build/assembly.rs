//! What the anchored explicit mentions become: the check that warns of
//! repeats and crossings, the one ordered list of every mention
//! (explicit and automatic) with each discontinuous mention's parts
//! linked, and the entity lists that index them. It does not anchor
//! (`anchoring` did) and does not choose automatic mentions
//! (`loader::mentions` does).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::anchoring::Passages;
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::mentions::Candidate;
use crate::loader::raw::{Item, RawMention};
use crate::model::{
    Document, Entity, EntityId, KindId, Mention, MentionExtra, MentionId, MentionOrigin,
};

/// Adds `index` to one of the entity's lists unless it ends it already
/// (an event may name the entity and be linked to it).
pub(super) fn list_once(
    entities: &mut [Entity],
    id: EntityId,
    index: usize,
    list: impl Fn(&mut Entity) -> &mut Vec<usize>,
) {
    if let Some(entity) = entities.get_mut(id.0) {
        let list = list(entity);
        if list.last() != Some(&index) {
            list.push(index);
        }
    }
}

/// Warns of explicit mentions that repeat or cross another; `in_order`
/// visits them by start, longest first. A repeat is found among the
/// mentions of its span by entity, a crossing by the open mention that
/// ends first: a scan of every open mention was quadratic when thousands
/// share a span.
pub(super) fn check_explicit_overlaps(
    explicit: &[(Candidate, Option<Box<MentionExtra>>)],
    spans: &[Range<usize>],
    in_order: impl Iterator<Item = usize>,
    document: &Document,
    reporter: &mut Reporter<'_>,
) {
    let order = in_order.filter_map(|i| Some((&explicit.get(i)?.0, spans.get(i)?)));
    // The first mention of each entity at the span being visited, for
    // repeats: the order brings mentions of one span together (by start,
    // then by end), so only those of the current span are kept. (A map of
    // every span and entity cost 88 ms of a 100 MB load.)
    let mut same_span: Option<&Range<usize>> = None;
    let mut first = FirstByEntity::default();
    // Mentions still open, the one ending first on top (then the earliest
    // visited). Visited by start, longest first, an earlier mention starts
    // at or before this one; it crosses this one exactly when it ends
    // inside it, after its start, and that one ending first is on top.
    let mut open: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut tables: Vec<&Range<usize>> = Vec::new();
    for (mention, table) in order {
        let span = &mention.span;
        while open
            .peek()
            .is_some_and(|Reverse((end, _))| *end <= span.start)
        {
            open.pop();
        }
        debug_assert!(
            same_span.is_none_or(
                |last| (last.start, Reverse(last.end)) <= (span.start, Reverse(span.end))
            ),
            "mentions visited by start, longest first"
        );
        if same_span != Some(span) {
            same_span = Some(span);
            first.clear();
        }
        let repeated = first.get(mention.entity).map(|other| {
            (
                "duplicate-mention",
                "this mention repeats another of the same entity",
                "delete one of the two",
                other,
            )
        });
        let crossed = open
            .peek()
            .filter(|Reverse((end, _))| *end < span.end)
            .and_then(|Reverse((_, visited))| tables.get(*visited))
            .map(|other| {
                (
                    "crossing-mentions",
                    "this mention crosses another explicit mention",
                    "mentions may nest; crossing spans are allowed but hard to read",
                    *other,
                )
            });
        // One warning per mention is enough to find it.
        if let Some((code, message, hint, other_table)) = repeated.or(crossed) {
            let line = document.lines.line_of(span.start);
            let other_line = reporter.location(other_table.clone()).line;
            reporter.push_at(
                Diagnostic::warning(code, message)
                    .text_line(line)
                    .note(format!("the other is at line {other_line}"))
                    .hint(hint),
                table.clone(),
            );
        }
        if repeated.is_none() {
            first.insert(mention.entity, table);
        }
        open.push(Reverse((span.end, tables.len())));
        tables.push(table);
    }
}

/// The first table of each entity among mentions of one span: a list while
/// there are few (nearly always one or two), a map once there are many.
#[derive(Default)]
struct FirstByEntity<'t> {
    few: Vec<(EntityId, &'t Range<usize>)>,
    many: foldhash::HashMap<EntityId, &'t Range<usize>>,
}

impl<'t> FirstByEntity<'t> {
    const FEW: usize = 16;

    fn get(&self, entity: EntityId) -> Option<&'t Range<usize>> {
        let listed = self.few.iter().find(|(listed, _)| *listed == entity);
        listed
            .map(|(_, table)| *table)
            .or_else(|| self.many.get(&entity).copied())
    }

    fn insert(&mut self, entity: EntityId, table: &'t Range<usize>) {
        if self.few.len() < Self::FEW {
            self.few.push((entity, table));
        } else {
            self.many.insert(entity, table);
        }
    }

    fn clear(&mut self) {
        self.few.clear();
        // A fresh map: clearing one sized by a crowded span would cost its
        // size at every span after it.
        if !self.many.is_empty() {
            self.many = foldhash::HashMap::default();
        }
    }
}

/// All mentions in reading order: by start, outer before inner, explicit
/// before automatic at the same span.
/// `entity_kinds` holds each entity's kind, by entity id.
pub(super) fn merge(
    automatic: Vec<Candidate>,
    explicit: Vec<(Candidate, Option<Box<MentionExtra>>)>,
    entity_kinds: &[KindId],
) -> Vec<Mention> {
    let mention = |candidate: Candidate, origin, extra| Mention {
        entity: candidate.entity,
        kind: entity_kinds
            .get(candidate.entity.0)
            .copied()
            .unwrap_or(KindId(u32::MAX)),
        span: candidate.span,
        origin,
        extra,
    };
    let mut mentions: Vec<Mention> = explicit
        .into_iter()
        .map(|(candidate, extra)| mention(candidate, MentionOrigin::Explicit, extra))
        .chain(
            automatic
                .into_iter()
                .map(|candidate| mention(candidate, MentionOrigin::Automatic, None)),
        )
        .collect();
    mentions.sort_by_key(reading_order);
    mentions
}

/// The order [`merge`] leaves mentions in.
fn reading_order(m: &Mention) -> (usize, Reverse<usize>, bool, EntityId) {
    (
        m.span.start,
        Reverse(m.span.end),
        m.origin == MentionOrigin::Automatic,
        m.entity,
    )
}

/// Tells every part of each discontinuous mention (its entity and the
/// spans of its parts) which mentions its parts are, in `mentions` as
/// [`merge`] ordered them.
pub(super) fn link_parts(
    mentions: &mut [Mention],
    discontinuous: &[(EntityId, Vec<Range<usize>>)],
) {
    for (entity, spans) in discontinuous {
        let ids: Vec<MentionId> = spans
            .iter()
            .filter_map(|span| {
                let key = (span.start, Reverse(span.end), false, *entity);
                mentions
                    .binary_search_by(|m| reading_order(m).cmp(&key))
                    .ok()
                    .map(MentionId)
            })
            .collect();
        for id in &ids {
            if let Some(mention) = mentions.get_mut(id.0) {
                mention.extra.get_or_insert_with(Box::default).parts = ids.clone();
            }
        }
    }
}

/// The explicit mentions as candidates, a part each, with what each
/// carries.
#[derive(Default)]
pub(super) struct Explicit {
    pub mentions: Vec<(Candidate, Option<Box<MentionExtra>>)>,
    /// Where each was written, for its warnings.
    pub tables: Vec<Range<usize>>,
    /// Each discontinuous mention's entity and the spans of its parts.
    pub discontinuous: Vec<(EntityId, Vec<Range<usize>>)>,
}

/// The explicit mentions whose entity was found (`entities`, by table)
/// and whose passage was anchored; a discontinuous one's further parts
/// that were anchored are mentions too, listed with it in
/// `discontinuous`.
pub(super) fn explicit(
    raw_mentions: &[Item<RawMention>],
    entities: &[Option<EntityId>],
    passages: &Passages,
    part_spans: &[Vec<Range<usize>>],
    reporter: &mut Reporter<'_>,
) -> Explicit {
    // Sized for one mention a table (further parts are rare).
    let mut made = Explicit {
        mentions: Vec::with_capacity(raw_mentions.len()),
        tables: Vec::with_capacity(raw_mentions.len()),
        discontinuous: Vec::new(),
    };
    for (index, (item, &entity)) in raw_mentions.iter().zip(entities).enumerate() {
        let attributes = super::tables::attributes(&item.value.attributes, reporter);
        let (Some(entity), Some(span)) = (
            entity,
            passages.mentions.get(index).and_then(Option::as_ref),
        ) else {
            continue;
        };
        let extra = (item.value.kind.is_some() || !attributes.is_empty()).then(|| {
            Box::new(MentionExtra {
                label: item.value.kind.clone(),
                attributes,
                parts: Vec::new(),
            })
        });
        let further: Vec<(Range<usize>, Range<usize>)> = passages
            .mention_parts
            .get(index)
            .into_iter()
            .flatten()
            .zip(part_spans.get(index).into_iter().flatten())
            .filter_map(|(span, table)| Some((span.clone()?, table.clone())))
            .collect();
        if !further.is_empty() {
            let mut spans: Vec<Range<usize>> =
                further.iter().map(|(span, _)| span.clone()).collect();
            spans.push(span.clone());
            spans.sort_by_key(|span| (span.start, span.end));
            spans.dedup();
            made.discontinuous.push((entity, spans));
        }
        for (span, table) in std::iter::once((span.clone(), item.span.clone())).chain(further) {
            made.mentions
                .push((Candidate { entity, span }, extra.clone()));
            made.tables.push(table);
        }
    }
    made
}
