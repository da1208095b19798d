//! From the annotation file as written to a validated [`Briefing`]: ids,
//! references, kinds, dates and gradings are checked, every selector is
//! anchored, mentions are decided, and the indices the reader needs are
//! built. Every problem is reported; nothing stops at the first.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

mod anchoring;
mod assembly;
mod tables;

pub(crate) use tables::is_valid_id;

use super::anchor;
use super::diagnostic::{Diagnostic, Reporter, Suggestions};
use super::mentions::{self, Candidate, ExplicitIndex};
use super::parallel;
use super::prepared::PreparedText;
use super::raw::{Item, RawFile};
use crate::model::{Briefing, EntityId, KindId, MentionId, Meta, Relation, RelationId, SpanIndex};
use anchoring::{PARALLEL_PASSAGES, Passages};
use assembly::Explicit;
use tables::{automatic_names, check_format, entities, events, kinds, notes};

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
    let large = raw_mentions.len() >= PARALLEL_PASSAGES;
    // A misspelt id is usually misspelt the same way many times: each is
    // looked up once, and the look-ups have a budget (see `Suggestions`).
    let suggestions: RefCell<Suggestions> = RefCell::default();
    // Making the automaton for every name and quote is the longest step of
    // a large load that only one core can take. Its work is done on the
    // other core in two parts, each while this one does something else:
    // the quotes' patterns while the entities are read, the automaton
    // while the selectors are checked.
    let (kinds, mut entities, entity_ids, entity_kinds, names, name_owners, quotes) =
        std::thread::scope(|scope| {
            let quotes = large.then(|| {
                parallel::spawn(scope, || {
                    anchor::quote_patterns(anchoring::raw_quotes(&raw_mentions, &raw))
                })
            });
            let kinds = kinds(&raw, reporter);
            let (entities, entity_ids, entity_kinds) = {
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
            let (names, name_owners) = automatic_names(&entities, &raw, reporter);
            let quotes = quotes.map(parallel::Task::join);
            (
                kinds,
                entities,
                entity_ids,
                entity_kinds,
                names,
                name_owners,
                quotes,
            )
        });
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

    // The tables of a discontinuous mention's further parts, where their
    // errors are placed.
    let part_spans: Vec<Vec<Range<usize>>> = raw_mentions
        .iter()
        .map(|item| item.value.parts.iter().map(Spanned::span).collect())
        .collect();
    let (selectors, owners, anchored, mention_entities) = std::thread::scope(|scope| {
        let finder = quotes.map(|quotes| {
            parallel::spawn(scope, || anchor::finder_for(quotes, &names, &source.text))
        });
        let requests = anchoring::requests(&raw_mentions, &part_spans, &raw);
        // Checked on one core while the automaton is made on another: on
        // two, splitting the checks as well slowed the automaton more than
        // it sped the checks.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let cores_free = cores - usize::from(finder.is_some());
        let count = anchoring::request_count(&raw_mentions, &raw);
        let (selectors, owners) = anchoring::gather(requests, count, cores_free, reporter);
        // The entities the mentions name are looked up on the other core
        // while this one anchors (a hundred thousand look-ups, each a
        // cache miss or two); what is not found is reported in order below.
        let look_up_all = || -> Vec<Option<EntityId>> {
            raw_mentions
                .iter()
                .map(|item| lookup(&item.value.entity))
                .collect()
        };
        let looked_up = large.then(|| parallel::spawn(scope, look_up_all));
        let finder = finder.map(parallel::Task::join);
        let anchored = anchor::resolve(
            &document, &source, &chars, &selectors, &names, finder, reporter,
        );
        let mention_entities = match looked_up {
            Some(task) => task.join(),
            None => look_up_all(),
        };
        (selectors, owners, anchored, mention_entities)
    });
    let passages = Passages::new(&raw, &part_spans, &owners, anchored.spans);

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
    let entities_found: Vec<Option<EntityId>> = raw_mentions
        .iter()
        .zip(&mention_entities)
        .map(|(item, &found)| settle(&item.value.entity, found, reporter))
        .collect();
    let Explicit {
        mentions: explicit,
        tables: explicit_spans,
        discontinuous,
    } = assembly::explicit(
        &raw_mentions,
        &entities_found,
        &passages,
        &part_spans,
        reporter,
    );
    // A hundred thousand tables take a while to free: the other core does
    // it while this one finishes.
    let garbage = (raw_mentions, selectors, owners);
    let briefing = std::thread::scope(|scope| {
        if large {
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
        assembly::check_explicit_overlaps(
            &explicit,
            &explicit_spans,
            in_order(),
            &document,
            reporter,
        );
        let sorted = in_order()
            .filter_map(|i| explicit.get(i).map(|(c, _)| c))
            .collect();
        let automatic = mentions::automatic(mentions::replaced_by_explicit(
            automatic,
            &ExplicitIndex::of_sorted(sorted),
        ));
        let mut all_mentions = assembly::merge(automatic, explicit, &entity_kinds);
        assembly::link_parts(&mut all_mentions, &discontinuous);
        for (index, mention) in all_mentions.iter().enumerate() {
            // A discontinuous mention is listed once, at its first part.
            if mention.head(MentionId(index)) != MentionId(index) {
                continue;
            }
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
                    attributes: tables::attributes(&item.value.attributes, reporter),
                });
            }
        }

        let events = events(&raw, &entities, &passages, &resolve_entity, reporter);
        let notes = notes(&raw, &passages, &resolve_entity, reporter);
        for (index, event) in events.iter().enumerate() {
            for id in event.entities.iter().chain(&event.linked_entity) {
                assembly::list_once(&mut entities, *id, index, |entity| &mut entity.events);
            }
        }
        for (index, note) in notes.iter().enumerate() {
            for id in &note.entities {
                assembly::list_once(&mut entities, *id, index, |entity| &mut entity.notes);
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
    });
    // What the model was made from: freed while the caller goes on.
    let scaffolding = (
        raw,
        anchored.name_matches,
        passages,
        part_spans,
        entities_found,
        mention_entities,
        chars,
        source,
    );
    if large {
        parallel::drop_elsewhere(scaffolding);
    }
    briefing
}
