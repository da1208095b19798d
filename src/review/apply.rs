//! Folding a review into a copy of the annotation file, for the author to
//! accept with one command and a diff: every verdict that asks for a change
//! (disputed, wrong) becomes an analyst note of the author's format on its
//! passage, and the reviewer's own notes go in with their kind and grading, appended after the author's own, whose comments, order and
//! formatting are kept byte for byte (`toml_edit` edits the document as
//! written). Confirmed verdicts change nothing and are only counted. Pure:
//! text in, text out; the caller reads and writes the files.

use std::collections::HashMap;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Anchor, Judgement, Located, Review, Target, Verdict, anchor::locate_all};
use crate::model::Briefing;

/// What folding did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The annotation file with the review's notes appended.
    pub text: String,
    /// Notes added.
    pub notes: usize,
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
    if applied.notes > 0 {
        match document.get_mut("note") {
            Some(Item::ArrayOfTables(existing)) => {
                for note in notes.iter() {
                    existing.push(note.clone());
                }
            }
            Some(_) => return Err("the annotation file's `note` is not an array of tables".into()),
            None => {
                document.insert("note", Item::ArrayOfTables(notes));
            }
        }
    }
    applied.text = document.to_string();
    Ok(applied)
}

/// A `[[note]]` of `kind` on `span`: the quote (trimmed) and the
/// character offsets that pin it.
fn note_table(text: &str, span: std::ops::Range<usize>, kind: &str) -> Option<Table> {
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
    let mut note = Table::new();
    note.insert("kind", value(kind));
    note.insert("quote", value(quote));
    note.insert("start", value(i64::try_from(start).unwrap_or(i64::MAX)));
    note.insert("end", value(i64::try_from(end).unwrap_or(i64::MAX)));
    Some(note)
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
