//! The span dump: one JSON document with the text's identity and every
//! mention, relation, event and note as the loader resolved them, each
//! passage in code points (`start`/`end`, brief's own unit), UTF-16 units
//! (`start_utf16`/`end_utf16`) and bytes, with the text it covers. Strings
//! from the files are passed through the sanitiser's JSON form: serde_json
//! escapes C0 controls, the sanitiser the rest a terminal would obey.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::model::{Attribute, Briefing, MentionOrigin};

fn attributes(attributes: &[Attribute]) -> BTreeMap<&str, &str> {
    attributes
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect()
}

/// The dump's format version: a script can refuse one it does not know.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
struct Dump<'a> {
    format: u32,
    text: TextInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    entities: Vec<EntityOut<'a>>,
    mentions: Vec<MentionOut<'a>>,
    relations: Vec<RelationOut<'a>>,
    events: Vec<EventOut<'a>>,
    notes: Vec<NoteOut<'a>>,
}

#[derive(Serialize)]
struct TextInfo {
    path: String,
    bytes: usize,
    code_points: usize,
    utf16: usize,
    sha256: String,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    mentions: usize,
}

/// A passage in every unit, and what it covers.
#[derive(Serialize)]
struct Passage {
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
    byte_start: usize,
    byte_end: usize,
    text: String,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    entity: &'a str,
    kind: &'a str,
    /// "explicit" (a `[[mention]]`) or "automatic" (the name matched).
    origin: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<&'a str, &'a str>,
    /// The first part of a discontinuous mention; the others are `parts`.
    #[serde(flatten)]
    passage: Passage,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<Passage>,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    from: &'a str,
    kind: &'a str,
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<Passage>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    title: &'a str,
    /// The date as written (EDTF); null for an undated event.
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    entities: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<RoleOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    passage: Option<Passage>,
}

#[derive(Serialize)]
struct RoleOut<'a> {
    role: &'a str,
    entity: &'a str,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    kind: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    grading: Option<String>,
    entities: Vec<&'a str>,
    passage: Passage,
}

/// The span dump of `briefing`, pretty-printed, ending in a line break.
pub fn dump(briefing: &Briefing) -> String {
    let text = briefing.document.text.as_str();
    let units = super::passage_units(briefing);
    let passage = |range: &std::ops::Range<usize>| {
        let (start, end) = (units.at(range.start), units.at(range.end));
        Passage {
            start: start.code_point,
            end: end.code_point,
            start_utf16: start.utf16,
            end_utf16: end.utf16,
            byte_start: start.byte,
            byte_end: end.byte,
            text: text.get(range.clone()).unwrap_or_default().to_string(),
        }
    };
    let id = |entity| briefing.entity(entity).id.as_str();
    let whole = units.at(text.len());
    let dump = Dump {
        format: FORMAT,
        text: TextInfo {
            path: briefing.meta.text_path.clone(),
            bytes: text.len(),
            code_points: whole.code_point,
            utf16: whole.utf16,
            sha256: crate::review::file::text_hash(text),
        },
        title: briefing.meta.title.as_deref(),
        entities: briefing
            .entities
            .iter()
            .map(|e| EntityOut {
                id: &e.id,
                name: &e.name,
                kind: &e.kind,
                aliases: &e.aliases,
                mentions: e.mentions.len(),
            })
            .collect(),
        mentions: briefing
            .mentions
            .iter()
            .enumerate()
            // A discontinuous mention is listed once, at its first part.
            .filter(|(at, m)| m.parts().first().is_none_or(|head| head.0 == *at))
            .map(|(_, m)| MentionOut {
                entity: id(m.entity),
                kind: &briefing.entity(m.entity).kind,
                origin: match m.origin {
                    MentionOrigin::Explicit => "explicit",
                    MentionOrigin::Automatic => "automatic",
                },
                label: m.label(),
                attributes: attributes(m.attributes()),
                passage: passage(&m.span),
                parts: m
                    .parts()
                    .iter()
                    .skip(1)
                    .filter_map(|part| briefing.mentions.get(part.0))
                    .map(|part| passage(&part.span))
                    .collect(),
            })
            .collect(),
        relations: briefing
            .relations
            .iter()
            .map(|r| RelationOut {
                from: id(r.from),
                kind: &r.kind,
                to: id(r.to),
                note: r.note.as_deref(),
                evidence: r.evidence.as_ref().map(passage),
                attributes: attributes(&r.attributes),
            })
            .collect(),
        events: briefing
            .events
            .iter()
            .map(|e| EventOut {
                id: &e.id,
                title: &e.title,
                date: (!e.date.is_undated()).then_some(e.date.expression.as_str()),
                label: e.label.as_deref(),
                entities: e.entities.iter().map(|&entity| id(entity)).collect(),
                roles: e
                    .roles
                    .iter()
                    .map(|r| RoleOut {
                        role: &r.role,
                        entity: id(r.entity),
                    })
                    .collect(),
                passage: e.passage.as_ref().map(passage),
            })
            .collect(),
        notes: briefing
            .notes
            .iter()
            .map(|n| NoteOut {
                kind: n.kind.name(),
                text: &n.text,
                grading: n.grading.describe(),
                entities: n.entities.iter().map(|&entity| id(entity)).collect(),
                passage: passage(&n.passage),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&dump).unwrap_or_default();
    out.push('\n');
    escape_controls(&out)
}

/// Controls a terminal would obey, as JSON escapes: serde_json writes C1
/// controls, DEL, bidi controls and line separators raw. The JSON still
/// decodes to the text as it is, so a script's check of `text` holds.
pub fn escape_controls(json: &str) -> String {
    use crate::sanitize::{Hazard, hazard};
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(
            hazard(c),
            Some(Hazard::Control | Hazard::Bidi | Hazard::Separator)
        ) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
