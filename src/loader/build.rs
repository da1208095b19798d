//! From the annotation file as written to a validated [`Briefing`]: ids,
//! references, kinds, dates and gradings are checked, every selector is
//! anchored, mentions are decided, and the indices the reader needs are
//! built. Every problem is reported; nothing stops at the first.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::anchor::{self, Selector};
use super::diagnostic::{Diagnostic, Reporter, did_you_mean};
use super::mentions::{self, Candidate, ExplicitIndex};
use super::raw::{Item, RawFile, RawSelector};
use crate::model::{
    BUILTIN_KINDS, Briefing, Document, Entity, EntityId, Event, FuzzyDate, Grading, Kind,
    MentionId, Meta, Note, NoteKind, Relation, RelationId,
};

/// Whether an id follows `[a-z0-9][a-z0-9_-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

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
    fn new(raw: &RawFile, owners: &[Owner], spans: Vec<Option<Range<usize>>>) -> Self {
        let mut passages = Self {
            mentions: vec![None; raw.mentions.len()],
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
    raw: RawFile,
    document: Document,
    mut meta: Meta,
    reporter: &mut Reporter<'_>,
) -> Option<Briefing> {
    check_format(raw.format.as_ref(), reporter);
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
    let (mut entities, entity_ids) = entities(&raw, &kinds, reporter);
    let resolve_entity = |id: &Spanned<String>, reporter: &mut Reporter<'_>| -> Option<EntityId> {
        let found = entity_ids.get(id.get_ref().as_str()).copied();
        if found.is_none() {
            let mut diagnostic = Diagnostic::error(
                "unknown-entity",
                format!("no entity with id \"{}\"", id.get_ref()),
            );
            if let Some(near) = did_you_mean(id.get_ref(), entity_ids.keys().copied()) {
                diagnostic = diagnostic.hint(format!("did you mean \"{near}\"?"));
            }
            reporter.push_at(diagnostic, id.span());
        }
        found
    };

    // Gather every passage to anchor, then anchor them all at once.
    let mut selectors = Vec::new();
    let mut owners = Vec::new();
    let mut want = |selector: RawSelector<'_>,
                    span: &Range<usize>,
                    required: &str,
                    owner: Owner,
                    reporter: &mut Reporter<'_>| {
        if let Some(selector) = Selector::from_raw(selector, span.clone(), required, reporter) {
            selectors.push(selector);
            owners.push(owner);
        }
    };
    for (index, item) in raw.mentions.iter().enumerate() {
        want(
            item.value.selector(),
            &item.span,
            "a mention",
            Owner::Mention(index),
            reporter,
        );
    }
    for (index, item) in raw.suppressions.iter().enumerate() {
        want(
            item.value.selector(),
            &item.span,
            "a suppression",
            Owner::Suppress(index),
            reporter,
        );
    }
    for (index, item) in raw.relations.iter().enumerate() {
        want(
            item.value.selector(),
            &item.span,
            "",
            Owner::Relation(index),
            reporter,
        );
    }
    for (index, item) in raw.events.iter().enumerate() {
        want(
            item.value.selector(),
            &item.span,
            "",
            Owner::Event(index),
            reporter,
        );
    }
    for (index, item) in raw.notes.iter().enumerate() {
        want(
            item.value.selector(),
            &item.span,
            "a note",
            Owner::Note(index),
            reporter,
        );
    }
    let (names, name_owners) = automatic_names(&entities, &raw, reporter);
    let anchored = anchor::resolve(&document, &selectors, &names, reporter);
    let passages = Passages::new(&raw, &owners, anchored.spans);

    // Mentions.
    let mut automatic: Vec<Candidate> = anchored
        .name_matches
        .iter()
        .zip(&name_owners)
        .flat_map(|(matches, &entity)| {
            matches
                .iter()
                .filter(|span| mentions::is_whole_word(&document.text, span))
                .map(move |span| Candidate {
                    entity,
                    span: span.clone(),
                })
        })
        .collect();
    automatic = mentions::automatic(automatic);
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
        if let Some(span) = passages.suppressions[index].as_ref() {
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
    for (index, item) in raw.mentions.iter().enumerate() {
        let entity = resolve_entity(&item.value.entity, reporter);
        if let (Some(entity), Some(span)) = (entity, passages.mentions[index].as_ref()) {
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
    check_explicit_overlaps(&explicit, &explicit_spans, &document, reporter);
    let explicit_candidates: Vec<Candidate> = explicit.iter().map(|(c, _)| c.clone()).collect();
    let automatic =
        mentions::replaced_by_explicit(automatic, &ExplicitIndex::new(&explicit_candidates));
    let all_mentions = mentions::merge(automatic, explicit);
    for (index, mention) in all_mentions.iter().enumerate() {
        if let Some(entity) = entities.get_mut(mention.entity.0) {
            entity.mentions.push(MentionId(index));
        }
    }
    let longest_mention = all_mentions.iter().map(|m| m.span.len()).max().unwrap_or(0);

    // Relations.
    let mut relations = Vec::new();
    for (index, item) in raw.relations.iter().enumerate() {
        let from = resolve_entity(&item.value.from, reporter);
        let to = resolve_entity(&item.value.to, reporter);
        if let (Some(from), Some(to)) = (from, to) {
            let id = RelationId(relations.len());
            entities[from.0].outgoing.push(id);
            entities[to.0].incoming.push(id);
            relations.push(Relation {
                from,
                to,
                kind: item.value.kind.clone(),
                note: item.value.note.clone(),
                evidence: passages.relations[index].clone(),
            });
        }
    }

    let events = events(&raw, &entities, &passages, &resolve_entity, reporter);
    let notes = notes(&raw, &passages, &resolve_entity, reporter);

    for (entity, item) in entities.iter().zip(&raw.entities) {
        if entity.mentions.is_empty() && !reporter.has_errors() {
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
        notes,
        longest_mention,
    })
}

fn check_format(format: Option<&Spanned<i64>>, reporter: &mut Reporter<'_>) {
    match format {
        None => reporter.push_at(
            Diagnostic::error(
                "missing-format",
                "the annotation file does not say its format",
            )
            .hint("add `format = 1` as the first line"),
            0..0,
        ),
        Some(version) if *version.get_ref() != 1 => reporter.push_at(
            Diagnostic::error(
                "unsupported-format",
                format!(
                    "format {} is not supported; this brief reads format 1",
                    version.get_ref()
                ),
            )
            .hint("write `format = 1`, or use the brief release that reads this format"),
            version.span(),
        ),
        Some(_) => {}
    }
}

fn kinds(raw: &RawFile, reporter: &mut Reporter<'_>) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = BUILTIN_KINDS
        .iter()
        .map(|(name, label)| Kind {
            name: (*name).to_string(),
            label: (*label).to_string(),
            builtin: true,
        })
        .collect();
    for (name, declared) in &raw.kinds {
        if !is_valid_id(name.get_ref()) {
            reporter.push_at(bad_id("kind name", name.get_ref()), name.span());
            continue;
        }
        match kinds.iter_mut().find(|kind| kind.name == *name.get_ref()) {
            Some(existing) => existing.label.clone_from(&declared.label),
            None => kinds.push(Kind {
                name: name.get_ref().clone(),
                label: declared.label.clone(),
                builtin: false,
            }),
        }
    }
    kinds
}

fn bad_id(what: &str, id: &str) -> Diagnostic {
    Diagnostic::error("bad-id", format!("{what} \"{id}\" is not a valid id"))
        .hint("ids are lowercase: a letter or digit, then letters, digits, `_` or `-`")
}

fn entities<'r>(
    raw: &'r RawFile,
    kinds: &[Kind],
    reporter: &mut Reporter<'_>,
) -> (Vec<Entity>, HashMap<&'r str, EntityId>) {
    let mut entities = Vec::with_capacity(raw.entities.len());
    let mut ids: HashMap<&str, EntityId> = HashMap::with_capacity(raw.entities.len());
    let mut first_seen: HashMap<&str, Range<usize>> = HashMap::new();
    for item in &raw.entities {
        let entity = &item.value;
        let id = entity.id.get_ref();
        if !is_valid_id(id) {
            reporter.push_at(bad_id("entity id", id), entity.id.span());
        }
        if let Some(first) = first_seen.get(id.as_str()) {
            let line = reporter.location(first.clone()).line;
            reporter.push_at(
                Diagnostic::error("duplicate-id", format!("entity id \"{id}\" is used twice"))
                    .note(format!("first used at line {line}"))
                    .hint("give each entity its own id"),
                entity.id.span(),
            );
            continue;
        }
        first_seen.insert(id, entity.id.span());
        if kinds.iter().all(|kind| kind.name != *entity.kind.get_ref()) {
            let mut diagnostic = Diagnostic::error(
                "unknown-kind",
                format!("no entity kind \"{}\"", entity.kind.get_ref()),
            );
            diagnostic =
                match did_you_mean(entity.kind.get_ref(), kinds.iter().map(|k| k.name.as_str())) {
                    Some(near) => diagnostic.hint(format!("did you mean \"{near}\"?")),
                    None => diagnostic.hint(format!(
                        "use a built-in kind or declare it with `[kinds.{}]`",
                        entity.kind.get_ref()
                    )),
                };
            reporter.push_at(diagnostic, entity.kind.span());
        }
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            if name.get_ref().trim().is_empty() {
                reporter.push_at(
                    Diagnostic::error("empty-name", "a name or alias is empty")
                        .hint("remove it, or write the name as it appears in the text"),
                    name.span(),
                );
            }
        }
        ids.insert(id, EntityId(entities.len()));
        entities.push(Entity {
            id: id.clone(),
            name: entity.name.get_ref().clone(),
            kind: entity.kind.get_ref().clone(),
            aliases: entity.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            summary: entity.summary.clone(),
            tags: entity.tags.clone(),
            auto: entity.auto.unwrap_or(true),
            mentions: Vec::new(),
            outgoing: Vec::new(),
            incoming: Vec::new(),
        });
    }
    (entities, ids)
}

/// The names and aliases of automatic entities, each once, with its entity.
/// A name claimed by two entities goes to the first, with a warning.
fn automatic_names(
    entities: &[Entity],
    raw: &RawFile,
    reporter: &mut Reporter<'_>,
) -> (Vec<String>, Vec<EntityId>) {
    let mut owner_of: HashMap<String, EntityId> = HashMap::new();
    let mut names = Vec::new();
    let mut owners = Vec::new();
    let raw_by_id: HashMap<&str, &Item<super::raw::RawEntity>> = raw
        .entities
        .iter()
        .map(|item| (item.value.id.get_ref().as_str(), item))
        .collect();
    for (index, entity) in entities.iter().enumerate() {
        if !entity.auto {
            continue;
        }
        let Some(item) = raw_by_id.get(entity.id.as_str()) else {
            continue;
        };
        for name in std::iter::once(&item.value.name).chain(&item.value.aliases) {
            let folded = super::projection::fold_whitespace(name.get_ref(), true);
            if folded.is_empty() {
                continue;
            }
            match owner_of.get(&folded) {
                Some(&owner) if owner.0 == index => {}
                Some(&owner) => reporter.push_at(
                    Diagnostic::warning(
                        "shared-name",
                        format!("\"{folded}\" is also a name of \"{}\"; its automatic mentions go to that entity", entities[owner.0].id),
                    )
                    .hint("remove the alias from one entity, and add `[[mention]]`s where it means the other"),
                    name.span(),
                ),
                None => {
                    owner_of.insert(folded.clone(), EntityId(index));
                    names.push(folded);
                    owners.push(EntityId(index));
                }
            }
        }
    }
    (names, owners)
}

fn check_explicit_overlaps(
    explicit: &[(Candidate, Option<String>)],
    spans: &[Range<usize>],
    document: &Document,
    reporter: &mut Reporter<'_>,
) {
    let mut order: Vec<usize> = (0..explicit.len()).collect();
    order.sort_by_key(|&i| {
        (
            explicit[i].0.span.start,
            std::cmp::Reverse(explicit[i].0.span.end),
        )
    });
    // Open mentions, ended ones dropped as the sweep passes their end.
    let mut open: Vec<usize> = Vec::new();
    for &current in &order {
        let mention = &explicit[current].0;
        open.retain(|&earlier| explicit[earlier].0.span.end > mention.span.start);
        for &earlier in &open {
            let other = &explicit[earlier].0;
            let line = document.lines.line_of(mention.span.start);
            if other.span == mention.span && other.entity == mention.entity {
                reporter.push_at(
                    Diagnostic::warning(
                        "duplicate-mention",
                        "this mention repeats another of the same entity",
                    )
                    .text_line(line)
                    .note(format!(
                        "the other is at line {}",
                        reporter.location(spans[earlier].clone()).line
                    ))
                    .hint("delete one of the two"),
                    spans[current].clone(),
                );
            } else if mentions::crosses(&other.span, &mention.span) {
                reporter.push_at(
                    Diagnostic::warning(
                        "crossing-mentions",
                        "this mention crosses another explicit mention",
                    )
                    .text_line(line)
                    .note(format!(
                        "the other is at line {}",
                        reporter.location(spans[earlier].clone()).line
                    ))
                    .hint("mentions may nest; crossing spans are allowed but hard to read"),
                    spans[current].clone(),
                );
            }
        }
        open.push(current);
    }
}

type EntityResolver<'f> = dyn Fn(&Spanned<String>, &mut Reporter<'_>) -> Option<EntityId> + 'f;

fn resolve_list(
    ids: &[Spanned<String>],
    resolve: &EntityResolver<'_>,
    reporter: &mut Reporter<'_>,
) -> Vec<EntityId> {
    ids.iter().filter_map(|id| resolve(id, reporter)).collect()
}

fn events(
    raw: &RawFile,
    entities: &[Entity],
    passages: &Passages,
    resolve: &EntityResolver<'_>,
    reporter: &mut Reporter<'_>,
) -> Vec<Event> {
    let mut events: Vec<(usize, Event)> = Vec::new();
    let mut first_seen: HashMap<&str, Range<usize>> = HashMap::new();
    for (index, item) in raw.events.iter().enumerate() {
        let event = &item.value;
        let id = event.id.get_ref();
        if !is_valid_id(id) {
            reporter.push_at(bad_id("event id", id), event.id.span());
        }
        if let Some(first) = first_seen.get(id.as_str()) {
            let line = reporter.location(first.clone()).line;
            reporter.push_at(
                Diagnostic::error("duplicate-id", format!("event id \"{id}\" is used twice"))
                    .note(format!("first used at line {line}"))
                    .hint("give each event its own id"),
                event.id.span(),
            );
        }
        first_seen.insert(id, event.id.span());
        let date = match FuzzyDate::parse(event.date.get_ref()) {
            Ok(date) => Some(date),
            Err(reason) => {
                reporter.push_at(
                    Diagnostic::error(
                        "bad-date",
                        format!("\"{}\" is not an EDTF date: {reason}", event.date.get_ref()),
                    )
                    .hint("write e.g. 2024-03-22, 2014-10/2014-12, 199X or 2002?; put the text's wording in `label`"),
                    event.date.span(),
                );
                None
            }
        };
        let named = resolve_list(&event.entities, resolve, reporter);
        let linked_entity = entities
            .iter()
            .position(|entity| entity.id == *id && entity.kind == "event")
            .map(EntityId);
        if let Some(date) = date {
            events.push((
                index,
                Event {
                    id: id.clone(),
                    date,
                    label: event.label.clone(),
                    title: event.title.clone(),
                    entities: named,
                    note: event.note.clone(),
                    passage: passages.events[index].clone(),
                    linked_entity,
                },
            ));
        }
    }
    events.sort_by(|(a_index, a), (b_index, b)| {
        a.date.timeline_cmp(&b.date).then(a_index.cmp(b_index))
    });
    events.into_iter().map(|(_, event)| event).collect()
}

fn notes(
    raw: &RawFile,
    passages: &Passages,
    resolve: &EntityResolver<'_>,
    reporter: &mut Reporter<'_>,
) -> Vec<Note> {
    let mut notes = Vec::new();
    for (index, item) in raw.notes.iter().enumerate() {
        let note = &item.value;
        let kind = NoteKind::from_name(note.kind.get_ref());
        if kind.is_none() {
            let names = NoteKind::ALL.map(NoteKind::name);
            let mut diagnostic = Diagnostic::error(
                "unknown-kind",
                format!("no note kind \"{}\"", note.kind.get_ref()),
            );
            diagnostic = match did_you_mean(note.kind.get_ref(), names) {
                Some(near) => diagnostic.hint(format!("did you mean \"{near}\"?")),
                None => diagnostic.hint(format!("use one of: {}", names.join(", "))),
            };
            reporter.push_at(diagnostic, note.kind.span());
        }
        let grading = grading(
            note.reliability.as_ref(),
            note.credibility.as_ref(),
            reporter,
        );
        let named = resolve_list(&note.entities, resolve, reporter);
        if let (Some(kind), Some(passage)) = (kind, passages.notes[index].as_ref()) {
            notes.push(Note {
                kind,
                text: note.text.clone(),
                passage: passage.clone(),
                entities: named,
                grading,
            });
        }
    }
    notes.sort_by_key(|note| (note.passage.start, note.passage.end));
    notes
}

fn grading(
    reliability: Option<&Spanned<String>>,
    credibility: Option<&Spanned<i64>>,
    reporter: &mut Reporter<'_>,
) -> Grading {
    let reliability = reliability.and_then(|value| {
        let mut chars = value.get_ref().chars();
        match (chars.next(), chars.next()) {
            (Some(letter @ 'A'..='F'), None) => Some(letter),
            _ => {
                reporter.push_at(
                    Diagnostic::error("bad-grading", format!("reliability \"{}\" is not a grade", value.get_ref()))
                        .hint("source reliability is one capital letter, A (reliable) to F (cannot be judged)"),
                    value.span(),
                );
                None
            }
        }
    });
    let credibility = credibility.and_then(|value| match u8::try_from(*value.get_ref()) {
        Ok(grade @ 1..=6) => Some(grade),
        _ => {
            reporter.push_at(
                Diagnostic::error(
                    "bad-grading",
                    format!("credibility {} is not a grade", value.get_ref()),
                )
                .hint("information credibility is a number, 1 (confirmed) to 6 (cannot be judged)"),
                value.span(),
            );
            None
        }
    });
    Grading {
        reliability,
        credibility,
    }
}
