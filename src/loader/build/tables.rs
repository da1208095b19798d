//! Checks of the individual tables: the format version, kinds, entities
//! and their names, events with their dates, notes with their gradings.
//! Each check reports what is wrong and keeps going.

use std::collections::HashMap;
use std::ops::Range;

use foldhash::HashMapExt;

use toml::Spanned;

use crate::loader::diagnostic::{Diagnostic, Reporter, Suggestions, did_you_mean};
use crate::loader::raw::{Item, RawAttributes, RawEntity, RawFile};
use crate::model::{
    Attribute, BUILTIN_KINDS, Entity, EntityId, Event, EventRole, FuzzyDate, Grading, Kind, KindId,
    Note, NoteKind,
};

use super::anchoring::Passages;

/// Whether an id follows `[a-z0-9][a-z0-9_-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

pub(super) fn check_format(
    present: bool,
    format: Option<&Spanned<i64>>,
    reporter: &mut Reporter<'_>,
) {
    match format {
        // Present but unreadable: the type error is already reported.
        None if present => {}
        None => reporter.push_file(
            Diagnostic::error(
                "missing-format",
                "the annotation file does not say its format",
            )
            .hint("add `format = 1` as the first line"),
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

pub(super) fn kinds(raw: &RawFile, reporter: &mut Reporter<'_>) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = BUILTIN_KINDS
        .iter()
        .map(|(name, label)| Kind {
            name: (*name).to_string(),
            label: (*label).to_string(),
            builtin: true,
        })
        .collect();
    // Declared names are distinct (keys of one table); only a built-in
    // one can come again, so only those need looking up.
    let builtin: HashMap<&str, usize> = BUILTIN_KINDS
        .iter()
        .enumerate()
        .map(|(index, (name, _))| (*name, index))
        .collect();
    for (name, declared) in &raw.kinds {
        if !is_valid_id(name.get_ref()) {
            reporter.push_at(bad_id("kind name", name.get_ref()), name.span());
            continue;
        }
        match builtin
            .get(name.get_ref().as_str())
            .and_then(|&index| kinds.get_mut(index))
        {
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

pub(super) fn entities<'r>(
    raw: &'r RawFile,
    kinds: &[Kind],
    kind_ids: &HashMap<&str, KindId>,
    suggestions: &mut Suggestions,
    reporter: &mut Reporter<'_>,
) -> (Vec<Entity>, foldhash::HashMap<&'r str, EntityId>) {
    let mut entities = Vec::with_capacity(raw.entities.len());
    let mut ids: foldhash::HashMap<&str, EntityId> =
        foldhash::HashMap::with_capacity(raw.entities.len());
    let mut first_seen: foldhash::HashMap<&str, Range<usize>> = foldhash::HashMap::new();
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
        if !kind_ids.contains_key(entity.kind.get_ref().as_str()) {
            let mut diagnostic = Diagnostic::error(
                "unknown-kind",
                format!("no entity kind \"{}\"", entity.kind.get_ref()),
            );
            let names = kinds.iter().map(|k| k.name.as_str());
            diagnostic = match suggestions.near(entity.kind.get_ref(), names) {
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
            events: Vec::new(),
            notes: Vec::new(),
        });
    }
    (entities, ids)
}

/// The names and aliases of automatic entities, each once, with its entity.
/// A name claimed by two entities goes to the first, with a warning.
pub(super) fn automatic_names(
    entities: &[Entity],
    raw: &RawFile,
    reporter: &mut Reporter<'_>,
) -> (Vec<String>, Vec<EntityId>) {
    let mut owner_of: foldhash::HashMap<String, EntityId> =
        foldhash::HashMap::with_capacity_and_hasher(entities.len(), Default::default());
    let mut names = Vec::with_capacity(entities.len());
    let mut owners = Vec::with_capacity(entities.len());
    let raw_by_id: foldhash::HashMap<&str, &Item<RawEntity>> = raw
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
            let folded = crate::loader::projection::fold_whitespace(name.get_ref(), true);
            if folded.is_empty() {
                continue;
            }
            match owner_of.get(&folded) {
                Some(&owner) if owner.0 == index => {}
                Some(&owner) => reporter.push_at(
                    Diagnostic::warning(
                        "shared-name",
                        format!("\"{folded}\" is also a name of entity \"{}\"; its automatic mentions go there", entities.get(owner.0).map_or("", |e| e.id.as_str())),
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

pub(super) type EntityResolver<'f> =
    dyn Fn(&Spanned<String>, &mut Reporter<'_>) -> Option<EntityId> + 'f;

pub(super) fn resolve_list(
    ids: &[Spanned<String>],
    resolve: &EntityResolver<'_>,
    reporter: &mut Reporter<'_>,
) -> Vec<EntityId> {
    ids.iter().filter_map(|id| resolve(id, reporter)).collect()
}

pub(super) fn events(
    raw: &RawFile,
    entities: &[Entity],
    passages: &Passages,
    resolve: &EntityResolver<'_>,
    reporter: &mut Reporter<'_>,
) -> Vec<Event> {
    let mut events: Vec<(usize, Event)> = Vec::new();
    let event_entities: HashMap<&str, EntityId> = entities
        .iter()
        .enumerate()
        .filter(|(_, entity)| entity.kind == "event")
        .map(|(i, entity)| (entity.id.as_str(), EntityId(i)))
        .collect();
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
        let date = match &event.date {
            None => Some(FuzzyDate::undated()),
            Some(date) => match FuzzyDate::parse(date.get_ref()) {
                Ok(date) => Some(date),
                Err(reason) => {
                    reporter.push_at(
                        Diagnostic::error(
                            "bad-date",
                            format!("\"{}\" is not an EDTF date: {reason}", date.get_ref()),
                        )
                        .hint("write e.g. 2024-03-22, 2014-10/2014-12, 199X or 2002?; put the text's wording in `label`, or leave `date` out for an undated event"),
                        date.span(),
                    );
                    None
                }
            },
        };
        let mut named = resolve_list(&event.entities, resolve, reporter);
        let mut roles = Vec::new();
        for role in &event.roles {
            if role.role.get_ref().trim().is_empty() {
                reporter.push_at(
                    Diagnostic::error("empty-role", "this role has no name")
                        .hint("name what the entity did in the event, e.g. role = \"attacker\""),
                    role.role.span(),
                );
            }
            if let Some(entity) = resolve(&role.entity, reporter) {
                if !named.contains(&entity) {
                    named.push(entity);
                }
                roles.push(EventRole {
                    role: role.role.get_ref().clone(),
                    entity,
                });
            }
        }
        let linked_entity = event_entities.get(id.as_str()).copied();
        if let Some(date) = date {
            events.push((
                index,
                Event {
                    id: id.clone(),
                    date,
                    label: event.label.clone(),
                    title: event.title.clone(),
                    entities: named,
                    roles,
                    note: event.note.clone(),
                    passage: passages.events.get(index).cloned().flatten(),
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

pub(super) fn notes(
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
        if let (Some(kind), Some(passage)) =
            (kind, passages.notes.get(index).and_then(Option::as_ref))
        {
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

pub(super) fn grading(
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

/// Named values as the model keeps them: strings as written, numbers and
/// booleans in their TOML spelling. An array or table is refused.
pub(super) fn attributes(raw: &RawAttributes, reporter: &mut Reporter<'_>) -> Vec<Attribute> {
    raw.iter()
        .filter_map(|(name, value)| {
            let value = match value.get_ref() {
                toml::Value::String(text) => text.clone(),
                toml::Value::Array(_) | toml::Value::Table(_) => {
                    reporter.push_at(
                        Diagnostic::error(
                            "bad-attribute",
                            format!("attribute \"{name}\" is not a single value"),
                        )
                        .hint("give a string, number or boolean, e.g. confidence = \"high\""),
                        value.span(),
                    );
                    return None;
                }
                other => other.to_string(),
            };
            Some(Attribute {
                name: name.clone(),
                value,
            })
        })
        .collect()
}
