//! From the annotation file as written to a validated [`Briefing`]: ids,
//! references, kinds, dates and gradings are checked, every selector is
//! anchored, mentions are decided, and the indices the reader needs are
//! built. Every problem is reported; nothing stops at the first.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;

use toml::Spanned;

mod tables;

pub(crate) use tables::is_valid_id;

use super::anchor::{self, Selector};
use super::diagnostic::{Diagnostic, Reporter, Suggestions};
use super::mentions::{self, Candidate, ExplicitIndex};
use super::parallel;
use super::prepared::PreparedText;
use super::raw::{Item, RawFile, RawSelector};
use crate::model::{
    Briefing, Document, Entity, EntityId, KindId, MentionId, Meta, Relation, RelationId, SpanIndex,
};
use tables::{automatic_names, check_format, entities, events, kinds, notes};

/// From this many passages on, their selectors are checked, and their
/// tables freed, on another thread as well.
const PARALLEL_PASSAGES: usize = 1000;

/// What asked for a passage, so the resolved span can be handed back.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Mention(usize),
    Suppress(usize),
    Relation(usize),
    Event(usize),
    Note(usize),
}

/// The anchored passage of every table that has one, by table and index.
struct Passages {
    mentions: Vec<Option<Range<usize>>>,
    suppressions: Vec<Option<Range<usize>>>,
    relations: Vec<Option<Range<usize>>>,
    events: Vec<Option<Range<usize>>>,
    notes: Vec<Option<Range<usize>>>,
}

impl Passages {
    fn new(
        raw: &RawFile,
        mentions: usize,
        owners: &[Owner],
        spans: Vec<Option<Range<usize>>>,
    ) -> Self {
        let mut passages = Self {
            mentions: vec![None; mentions],
            suppressions: vec![None; raw.suppressions.len()],
            relations: vec![None; raw.relations.len()],
            events: vec![None; raw.events.len()],
            notes: vec![None; raw.notes.len()],
        };
        for (owner, span) in owners.iter().zip(spans) {
            let slot = match *owner {
                Owner::Mention(i) => passages.mentions.get_mut(i),
                Owner::Suppress(i) => passages.suppressions.get_mut(i),
                Owner::Relation(i) => passages.relations.get_mut(i),
                Owner::Event(i) => passages.events.get_mut(i),
                Owner::Note(i) => passages.notes.get_mut(i),
            };
            if let Some(slot) = slot {
                *slot = span;
            }
        }
        passages
    }
}

/// Validates `raw` against the text in `document` and assembles the model.
/// Returns `None` if any error was reported.
pub fn build(
    mut raw: RawFile,
    prepared: PreparedText,
    mut meta: Meta,
    reporter: &mut Reporter<'_>,
) -> Option<Briefing> {
    let PreparedText {
        document,
        source,
        chars,
    } = prepared;
    // Held apart from the rest, to be dropped early (see below).
    let raw_mentions = std::mem::take(&mut raw.mentions);
    check_format(raw.format_present, raw.format.as_ref(), reporter);
    if let Some(Item {
        value: briefing, ..
    }) = &raw.briefing
    {
        meta.title.clone_from(&briefing.title);
        meta.source.clone_from(&briefing.source);
        meta.published.clone_from(&briefing.published);
        meta.classification.clone_from(&briefing.classification);
        meta.summary.clone_from(&briefing.summary);
    }
    let kinds = kinds(&raw, reporter);
    // A misspelt id is usually misspelt the same way many times: each is
    // looked up once, and the look-ups have a budget (see `Suggestions`).
    let suggestions: RefCell<Suggestions> = RefCell::default();
    let (mut entities, entity_ids, entity_kinds) = {
        // Looked up by name for every entity: a map, not a scan of the
        // kinds.
        let kind_ids: HashMap<&str, KindId> = kinds
            .iter()
            .enumerate()
            .filter_map(|(index, kind)| {
                Some((kind.name.as_str(), KindId(u32::try_from(index).ok()?)))
            })
            .collect();
        let (entities, entity_ids) = entities(
            &raw,
            &kinds,
            &kind_ids,
            &mut suggestions.borrow_mut(),
            reporter,
        );
        // Every entity's kind is one of `kinds`, or loading fails.
        let entity_kinds: Vec<KindId> = entities
            .iter()
            .map(|entity| {
                kind_ids
                    .get(entity.kind.as_str())
                    .copied()
                    .unwrap_or(KindId(u32::MAX))
            })
            .collect();
        (entities, entity_ids, entity_kinds)
    };
    let lookup = |id: &Spanned<String>| entity_ids.get(id.get_ref().as_str()).copied();
    // What `lookup` found for `id`, reported if nothing.
    let settle = |id: &Spanned<String>,
                  found: Option<EntityId>,
                  reporter: &mut Reporter<'_>|
     -> Option<EntityId> {
        if found.is_none() && !raw.unreadable_entity_ids.contains(id.get_ref()) {
            let diagnostic = Diagnostic::error(
                "unknown-entity",
                format!("no entity with id \"{}\"", id.get_ref()),
            );
            let near = suggestions
                .borrow_mut()
                .near(id.get_ref(), entity_ids.keys().copied());
            let hint = match near {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => {
                    "declare it with an `[[entity]]` of that `id`, or fix the reference".to_string()
                }
            };
            reporter.push_at(diagnostic.hint(hint), id.span());
        }
        found
    };
    let resolve_entity = |id: &Spanned<String>, reporter: &mut Reporter<'_>| -> Option<EntityId> {
        settle(id, lookup(id), reporter)
    };

    // Gather every passage to anchor, then anchor them all at once.
    // Required passages say in the error what needs one; "" is optional.
    let requests = raw_mentions
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                item.value.selector(),
                &item.span,
                "a mention",
                Owner::Mention(i),
            )
        })
        .chain(raw.suppressions.iter().enumerate().map(|(i, item)| {
            (
                item.value.selector(),
                &item.span,
                "a suppression",
                Owner::Suppress(i),
            )
        }))
        .chain(
            raw.relations
                .iter()
                .enumerate()
                .map(|(i, item)| (item.value.selector(), &item.span, "", Owner::Relation(i))),
        )
        .chain(
            raw.events
                .iter()
                .enumerate()
                .map(|(i, item)| (item.value.selector(), &item.span, "", Owner::Event(i))),
        )
        .chain(
            raw.notes
                .iter()
                .enumerate()
                .map(|(i, item)| (item.value.selector(), &item.span, "a note", Owner::Note(i))),
        );
    let (selectors, owners) = gather(requests.collect(), reporter);
    let (names, name_owners) = automatic_names(&entities, &raw, reporter);
    // The entities the mentions name are looked up on the other core while
    // this one anchors (a hundred thousand look-ups, each a cache miss or
    // two); what is not found is reported in order below.
    let (anchored, mention_entities) = std::thread::scope(|scope| {
        let look_up_all = || -> Vec<Option<EntityId>> {
            raw_mentions
                .iter()
                .map(|item| lookup(&item.value.entity))
                .collect()
        };
        let looked_up =
            (raw_mentions.len() >= PARALLEL_PASSAGES).then(|| parallel::spawn(scope, look_up_all));
        let anchored = anchor::resolve(&document, source, &chars, &selectors, &names, reporter);
        let mention_entities = match looked_up {
            Some(task) => task.join(),
            None => look_up_all(),
        };
        (anchored, mention_entities)
    });
    let passages = Passages::new(&raw, raw_mentions.len(), &owners, anchored.spans);

    // Mentions.
    let mut automatic: Vec<Candidate> = anchored
        .name_matches
        .iter()
        .zip(&name_owners)
        .flat_map(|(matches, &entity)| {
            matches.iter().map(move |span| Candidate {
                entity,
                span: span.clone(),
            })
        })
        .collect();
    // Suppressions and explicit mentions remove candidates before the
    // automatic rules thin them, so a shorter name displaced by a removed
    // longer one can still stand.
    let mut suppressions = Vec::new();
    let mut suppression_spans = Vec::new();
    for (index, item) in raw.suppressions.iter().enumerate() {
        let entity = match &item.value.entity {
            Some(id) => match resolve_entity(id, reporter) {
                Some(entity) => Some(entity),
                None => continue,
            },
            None => None,
        };
        if let Some(span) = passages.suppressions.get(index).and_then(Option::as_ref) {
            suppressions.push((span.clone(), entity));
            suppression_spans.push(item.span.clone());
        }
    }
    let removed = mentions::suppress(&mut automatic, &suppressions);
    for (count, span) in removed.iter().zip(suppression_spans) {
        if *count == 0 {
            reporter.push_at(
                Diagnostic::warning(
                    "suppress-unused",
                    "this suppression removes no automatic mention",
                )
                .hint("check the passage and the entity, or delete the `[[suppress]]`"),
                span,
            );
        }
    }
    let mut explicit = Vec::new();
    let mut explicit_spans = Vec::new();
    for (index, (item, &found)) in raw_mentions.iter().zip(&mention_entities).enumerate() {
        let entity = settle(&item.value.entity, found, reporter);
        if let (Some(entity), Some(span)) = (
            entity,
            passages.mentions.get(index).and_then(Option::as_ref),
        ) {
            explicit.push((
                Candidate {
                    entity,
                    span: span.clone(),
                },
                item.value.kind.clone(),
            ));
            explicit_spans.push(item.span.clone());
        }
    }
    // A hundred thousand tables take a while to free: the other core does
    // it while this one finishes.
    let garbage = (raw_mentions, selectors, owners);
    std::thread::scope(|scope| {
        if garbage.0.len() >= PARALLEL_PASSAGES {
            parallel::spawn(scope, move || drop(garbage));
        } else {
            drop(garbage);
        }
        // One sort by position (ties in table order) serves the overlap
        // check and the index of explicit mentions.
        let mut by_position: Vec<(usize, Reverse<usize>, usize)> = explicit
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.span.start, Reverse(c.span.end), i))
            .collect();
        by_position.sort_unstable();
        let in_order = || by_position.iter().map(|&(_, _, i)| i);
        check_explicit_overlaps(&explicit, &explicit_spans, in_order(), &document, reporter);
        let sorted = in_order()
            .filter_map(|i| explicit.get(i).map(|(c, _)| c))
            .collect();
        let automatic = mentions::automatic(mentions::replaced_by_explicit(
            automatic,
            &ExplicitIndex::of_sorted(sorted),
        ));
        let all_mentions = mentions::merge(automatic, explicit, &entity_kinds);
        for (index, mention) in all_mentions.iter().enumerate() {
            if let Some(entity) = entities.get_mut(mention.entity.0) {
                entity.mentions.push(MentionId(index));
            }
        }
        let mention_index = SpanIndex::new(all_mentions.iter().map(|m| &m.span));

        // Relations.
        let mut relations = Vec::new();
        for (index, item) in raw.relations.iter().enumerate() {
            let from = resolve_entity(&item.value.from, reporter);
            let to = resolve_entity(&item.value.to, reporter);
            if let (Some(from), Some(to)) = (from, to) {
                let id = RelationId(relations.len());
                if let Some(entity) = entities.get_mut(from.0) {
                    entity.outgoing.push(id);
                }
                if let Some(entity) = entities.get_mut(to.0) {
                    entity.incoming.push(id);
                }
                relations.push(Relation {
                    from,
                    to,
                    kind: item.value.kind.clone(),
                    note: item.value.note.clone(),
                    evidence: passages.relations.get(index).cloned().flatten(),
                });
            }
        }

        let events = events(&raw, &entities, &passages, &resolve_entity, reporter);
        let notes = notes(&raw, &passages, &resolve_entity, reporter);
        for (index, event) in events.iter().enumerate() {
            for id in event.entities.iter().chain(&event.linked_entity) {
                list_once(&mut entities, *id, index, |entity| &mut entity.events);
            }
        }
        for (index, note) in notes.iter().enumerate() {
            for id in &note.entities {
                list_once(&mut entities, *id, index, |entity| &mut entity.notes);
            }
        }

        let had_errors = reporter.has_errors();
        for (entity, item) in entities.iter().zip(&raw.entities) {
            if entity.mentions.is_empty() && !had_errors {
                reporter.push_at(
                    Diagnostic::warning(
                        "unused-entity",
                        format!("entity \"{}\" is never mentioned in the text", entity.id),
                    )
                    .hint("add an alias that occurs in the text, or a `[[mention]]`"),
                    item.value.id.span(),
                );
            }
        }

        if reporter.has_errors() {
            return None;
        }
        Some(Briefing {
            meta,
            document,
            kinds,
            entities,
            mentions: all_mentions,
            relations,
            events,
            note_index: SpanIndex::new(notes.iter().map(|n| &n.passage)),
            notes,
            mention_index,
        })
    })
}

/// Adds `index` to one of the entity's lists unless it ends it already
/// (an event may name the entity and be linked to it).
fn list_once(
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

/// A passage to anchor: its fields, the table's span, what needs it (for
/// the error if it is missing) and whose it is.
type Request<'r> = (RawSelector<'r>, &'r Range<usize>, &'static str, Owner);

/// Checks the form of every requested passage; half of them on another
/// thread when there are many. Problems are reported in the order of the
/// requests either way.
fn gather(requests: Vec<Request<'_>>, reporter: &mut Reporter<'_>) -> (Vec<Selector>, Vec<Owner>) {
    let check = |requests: &[Request<'_>], reporter: &mut Reporter<'_>| {
        let mut selectors = Vec::with_capacity(requests.len());
        let mut owners = Vec::with_capacity(requests.len());
        for &(selector, span, required, owner) in requests {
            if let Some(selector) = Selector::from_raw(selector, span.clone(), required, reporter) {
                selectors.push(selector);
                owners.push(owner);
            }
        }
        (selectors, owners)
    };
    if requests.len() < PARALLEL_PASSAGES {
        return check(&requests, reporter);
    }
    let (first, second) = requests.split_at(requests.len() / 2);
    let (file, source) = (reporter.file, reporter.source);
    std::thread::scope(|scope| {
        let later = parallel::spawn(scope, move || {
            let mut own = Reporter::new(file, source);
            let checked = check(second, &mut own);
            (checked, own.diagnostics)
        });
        let (mut selectors, mut owners) = check(first, reporter);
        let ((more_selectors, more_owners), problems) = later.join();
        selectors.extend(more_selectors);
        owners.extend(more_owners);
        reporter.diagnostics.extend(problems);
        (selectors, owners)
    })
}

/// Warns of explicit mentions that repeat or cross another; `in_order`
/// visits them by start, longest first. A repeat is found by its span and
/// entity in a map, a crossing by the open mention that ends first: a
/// scan of every open mention was quadratic when thousands share a span.
fn check_explicit_overlaps(
    explicit: &[(Candidate, Option<String>)],
    spans: &[Range<usize>],
    in_order: impl Iterator<Item = usize>,
    document: &Document,
    reporter: &mut Reporter<'_>,
) {
    let order = in_order.filter_map(|i| Some((&explicit.get(i)?.0, spans.get(i)?)));
    // The first mention of each span and entity, for repeats.
    let mut first: foldhash::HashMap<(usize, usize, EntityId), &Range<usize>> =
        foldhash::HashMap::default();
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
        let repeated = first
            .get(&(span.start, span.end, mention.entity))
            .map(|other| {
                (
                    "duplicate-mention",
                    "this mention repeats another of the same entity",
                    "delete one of the two",
                    *other,
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
        first
            .entry((span.start, span.end, mention.entity))
            .or_insert(table);
        open.push(Reverse((span.end, tables.len())));
        tables.push(table);
    }
}
