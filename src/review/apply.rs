//! Folding a review into a copy of the annotation file, for the author to
//! accept with one command and a diff: every verdict that asks for a change
//! (disputed, wrong) becomes an analyst note of the author's format on its
//! passage, and the reviewer's own notes go in with their kind and grading, appended after the author's own, whose comments, order and
//! formatting are kept byte for byte (`toml_edit` edits the document as
//! written). Confirmed verdicts change nothing and are only counted. Pure:
//! text in, text out; the caller reads and writes the files.

use std::collections::HashMap;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Anchor, Judgement, Located, MentionOf, Review, Target, Verdict, anchor::locate_all};
use crate::model::Briefing;

/// What folding did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The annotation file with the review's notes appended.
    pub text: String,
    /// Notes added.
    pub notes: usize,
    /// Mentions added (the reviewer's new and re-pointed ones), and the
    /// entities added for those of a new entity.
    pub mentions: usize,
    pub entities: usize,
    /// Confirmed verdicts: nothing to change.
    pub confirmed: usize,
    /// Verdicts that asked for a change but have no passage in the text as
    /// it is now (an entity with no mentions, an orphan): listed for the
    /// author, not guessed at.
    pub left_out: Vec<String>,
}

/// The annotation file `source` with `review`'s disputed and wrong
/// verdicts on `briefing` added as `[[note]]` tables.
pub fn apply(source: &str, review: &Review, briefing: &Briefing) -> Result<Applied, String> {
    let mut document: DocumentMut = source
        .parse()
        .map_err(|error: toml_edit::TomlError| format!("the annotation file: {error}"))?;
    let text = briefing.document.text.as_str();
    let passages = passages(review, briefing);
    let mut applied = Applied::default();
    let mut notes = ArrayOfTables::new();
    for (verdict, passage) in review.verdicts.iter().zip(passages) {
        let kind = match verdict.judgement {
            Judgement::Confirmed => {
                applied.confirmed += 1;
                continue;
            }
            Judgement::Disputed => "disputed",
            Judgement::Wrong => "error",
        };
        let Some(span) = passage else {
            applied.left_out.push(describe(verdict));
            continue;
        };
        let Some(mut note) = note_table(text, span, kind) else {
            applied.left_out.push(describe(verdict));
            continue;
        };
        note.insert("text", value(note_text(verdict)));
        if let Some(entity) = entity_of(&verdict.target) {
            let mut entities = Array::new();
            entities.push(entity);
            note.insert("entities", value(entities));
        }
        notes.push(note);
        applied.notes += 1;
    }
    // The reviewer's own notes go in as they are, kind and grading kept.
    let own: Vec<&Anchor> = review.notes.iter().map(|n| &n.anchor).collect();
    for (note, place) in review.notes.iter().zip(locate_all(text, &own)) {
        let span = match place {
            Located::Exact(span) | Located::Moved(span) => span,
            Located::Ambiguous(_) | Located::Lost => {
                applied.left_out.push(format!(
                    "{} note on \u{201c}{}\u{201d}",
                    note.kind.name(),
                    note.anchor.quote
                ));
                continue;
            }
        };
        let Some(mut table) = note_table(text, span, note.kind.name()) else {
            continue;
        };
        if let Some(reliability) = note.grading.reliability {
            table.insert("reliability", value(reliability.to_string()));
        }
        if let Some(credibility) = note.grading.credibility {
            table.insert("credibility", value(i64::from(credibility)));
        }
        let said = format!("Review ({}, {}): {}", note.reviewer, note.at, note.text);
        table.insert("text", value(said));
        notes.push(table);
        applied.notes += 1;
    }
    let (entities, mentions) = mention_tables(review, briefing, &mut applied);
    // After everything the author wrote, in this order, so that the
    // author's file is the start of the copy and a diff shows only what
    // was added.
    let mut next = last_position(&document) + 1;
    for (key, tables) in [("entity", entities), ("mention", mentions), ("note", notes)] {
        append(&mut document, key, tables, &mut next)?;
    }
    applied.text = document.to_string();
    Ok(applied)
}

/// The last position of a table in the document as written.
fn last_position(document: &DocumentMut) -> isize {
    document
        .iter()
        .flat_map(|(_, item)| match item {
            Item::Table(table) => vec![table.position()],
            Item::ArrayOfTables(tables) => tables.iter().map(Table::position).collect(),
            _ => Vec::new(),
        })
        .flatten()
        .max()
        .unwrap_or(0)
}

/// Appends `tables` to the document's array of tables `key` (made when
/// there is none), placed from position `next` on.
fn append(
    document: &mut DocumentMut,
    key: &str,
    mut tables: ArrayOfTables,
    next: &mut isize,
) -> Result<(), String> {
    if tables.is_empty() {
        return Ok(());
    }
    for table in tables.iter_mut() {
        table.set_position(Some(*next));
        *next += 1;
    }
    match document.get_mut(key) {
        Some(Item::ArrayOfTables(existing)) => {
            for table in tables.iter() {
                existing.push(table.clone());
            }
            Ok(())
        }
        Some(_) => Err(format!(
            "the annotation file's `{key}` is not an array of tables"
        )),
        None => {
            document.insert(key, Item::ArrayOfTables(tables));
            Ok(())
        }
    }
}

/// The reviewer's mentions as `[[mention]]` tables (an explicit mention
/// replaces an automatic one on its span, so a re-point takes effect), and
/// an `[[entity]]` for each new entity named, with an id made from its
/// name and automatic matching off: only the passages the reviewer chose
/// are its mentions.
fn mention_tables(
    review: &Review,
    briefing: &Briefing,
    applied: &mut Applied,
) -> (ArrayOfTables, ArrayOfTables) {
    let text = briefing.document.text.as_str();
    let mut entities = ArrayOfTables::new();
    let mut mentions = ArrayOfTables::new();
    let mut taken: std::collections::HashSet<String> =
        briefing.entities.iter().map(|e| e.id.clone()).collect();
    let mut new_ids: HashMap<(String, String), String> = HashMap::new();
    let anchors: Vec<&Anchor> = review.mentions.iter().map(|m| &m.anchor).collect();
    for (mention, place) in review.mentions.iter().zip(locate_all(text, &anchors)) {
        let span = match place {
            Located::Exact(span) | Located::Moved(span) => span,
            Located::Ambiguous(_) | Located::Lost => {
                applied.left_out.push(format!(
                    "mention of {} on \u{201c}{}\u{201d}",
                    mention.of.describe(),
                    mention.anchor.quote
                ));
                continue;
            }
        };
        let id = match &mention.of {
            MentionOf::Entity(id) => id.clone(),
            MentionOf::NewEntity { name, kind } => new_ids
                .entry((name.clone(), kind.clone()))
                .or_insert_with(|| {
                    let id = crate::loader::formats::naming::fresh_id(name, &mut taken);
                    let mut entity = Table::new();
                    entity.insert("id", value(id.as_str()));
                    entity.insert("name", value(name.as_str()));
                    entity.insert("kind", value(kind.as_str()));
                    entity.insert("auto", value(false));
                    entities.push(entity);
                    applied.entities += 1;
                    id
                })
                .clone(),
        };
        let Some(mut table) = passage_table(text, span) else {
            continue;
        };
        table.insert("entity", value(id));
        mentions.push(table);
        applied.mentions += 1;
    }
    (entities, mentions)
}

/// A `[[note]]` of `kind` on `span`: the quote (trimmed) and the
/// character offsets that pin it.
fn note_table(text: &str, span: std::ops::Range<usize>, kind: &str) -> Option<Table> {
    let mut note = Table::new();
    note.insert("kind", value(kind));
    for (key, item) in passage_table(text, span)?.iter() {
        note.insert(key, item.clone());
    }
    Some(note)
}

/// The quote on `span` (trimmed) and the character offsets that pin it.
fn passage_table(text: &str, span: std::ops::Range<usize>) -> Option<Table> {
    let raw = text.get(span.clone())?;
    let quote = raw.trim();
    if quote.is_empty() {
        return None;
    }
    let leading = raw.len() - raw.trim_start().len();
    let start = text
        .get(..span.start + leading)
        .map_or(0, |t| t.chars().count());
    let end = start + quote.chars().count();
    let mut table = Table::new();
    table.insert("quote", value(quote));
    table.insert("start", value(i64::try_from(start).unwrap_or(i64::MAX)));
    table.insert("end", value(i64::try_from(end).unwrap_or(i64::MAX)));
    Some(table)
}

/// The passage each verdict is on now, where it has one: a mention's or a
/// note's own, an event's, a relation's evidence, an entity's first
/// mention.
fn passages(review: &Review, briefing: &Briefing) -> Vec<Option<std::ops::Range<usize>>> {
    let mut found = locate_all(&briefing.document.text, &review.verdict_passages()).into_iter();
    let entities: HashMap<&str, usize> = briefing
        .entities
        .iter()
        .enumerate()
        .map(|(at, e)| (e.id.as_str(), at))
        .collect();
    // By id, as the overlay finds them: a scan per verdict grew with
    // verdicts times events.
    let events: HashMap<&str, Option<std::ops::Range<usize>>> = briefing
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.passage.clone()))
        .collect();
    let relations: HashMap<(&str, &str, &str), Option<std::ops::Range<usize>>> = briefing
        .relations
        .iter()
        .map(|r| {
            let key = (
                briefing.entity(r.from).id.as_str(),
                r.kind.as_str(),
                briefing.entity(r.to).id.as_str(),
            );
            (key, r.evidence.clone())
        })
        .collect();
    review
        .verdicts
        .iter()
        .map(|verdict| match &verdict.target {
            Target::Mention { .. } | Target::Note { .. } => match found.next() {
                Some(Located::Exact(span) | Located::Moved(span)) => Some(span),
                _ => None,
            },
            Target::Entity { id } => entities
                .get(id.as_str())
                .and_then(|&at| briefing.entities.get(at))
                .and_then(|e| e.mentions.first())
                .and_then(|m| briefing.mentions.get(m.0))
                .map(|m| m.span.clone()),
            Target::Event { id } => events.get(id.as_str()).cloned().flatten(),
            Target::Relation { from, kind, to } => relations
                .get(&(from.as_str(), kind.as_str(), to.as_str()))
                .cloned()
                .flatten(),
        })
        .collect()
}

fn entity_of(target: &Target) -> Option<&str> {
    match target {
        Target::Mention { entity, .. } => Some(entity),
        Target::Entity { id } => Some(id),
        _ => None,
    }
}

/// "Review (ana, 2026-12-07T15:12:03Z): wrong — mention of isis-k. The
/// comment."
fn note_text(verdict: &Verdict) -> String {
    let mut text = format!(
        "Review ({}, {}): {} \u{2014} {}.",
        verdict.reviewer,
        verdict.at,
        verdict.judgement.name(),
        describe(verdict)
    );
    if let Some(comment) = &verdict.comment {
        text.push(' ');
        text.push_str(comment);
    }
    text
}

fn describe(verdict: &Verdict) -> String {
    match &verdict.target {
        Target::Mention { entity, anchor } => {
            format!("mention of {entity} \u{201c}{}\u{201d}", anchor.quote)
        }
        Target::Entity { id } => format!("entity {id}"),
        Target::Relation { from, kind, to } => format!("relation {from} {kind} {to}"),
        Target::Event { id } => format!("event {id}"),
        Target::Note { kind, anchor } => {
            format!("{} note on \u{201c}{}\u{201d}", kind.name(), anchor.quote)
        }
    }
}
