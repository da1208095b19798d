//! A briefing as brief's own annotation file, whatever it was read from:
//! every mention written out (`[[mention]]` with its quote and its offsets
//! in code points, checked by the loader against each other), entities
//! with automatic matching off so that the file says exactly what was
//! resolved, relations, events and notes with their passages the same
//! way. Ready for editing: one table per item, in text order. Strings are
//! written by the `toml` crate, so any text is escaped as TOML needs.

use std::fmt::Write as _;
use std::ops::Range;

use crate::model::{Attribute, Briefing, Grading};

/// `briefing` as a TOML annotation file whose text is `text_name`.
pub fn write(briefing: &Briefing, text_name: &str) -> String {
    let text = briefing.document.text.as_str();
    let units = super::passage_units(briefing);
    let mut out = String::with_capacity(256 + briefing.mentions.len() * 96);
    out.push_str("format = 1\n\n[briefing]\n");
    field(&mut out, "text", text_name);
    let meta = &briefing.meta;
    for (key, value) in [
        ("title", &meta.title),
        ("source", &meta.source),
        ("published", &meta.published),
        ("classification", &meta.classification),
        ("summary", &meta.summary),
    ] {
        if let Some(value) = value {
            field(&mut out, key, value);
        }
    }
    let declared: Vec<_> = briefing.kinds.iter().filter(|k| !k.builtin).collect();
    if !declared.is_empty() {
        out.push_str("\n[kinds]\n");
        for kind in declared {
            let _ = writeln!(out, "{}.label = {}", kind.name, quoted(&kind.label));
        }
    }
    for entity in &briefing.entities {
        out.push_str("\n[[entity]]\n");
        field(&mut out, "id", &entity.id);
        field(&mut out, "name", &entity.name);
        field(&mut out, "kind", &entity.kind);
        list(&mut out, "aliases", &entity.aliases);
        if let Some(summary) = &entity.summary {
            field(&mut out, "summary", summary);
        }
        list(&mut out, "tags", &entity.tags);
        // Every mention is written out below: matching names again would
        // add what the source did not say.
        out.push_str("auto = false\n");
    }
    let passage = |out: &mut String, span: &Range<usize>| {
        field(out, "quote", text.get(span.clone()).unwrap_or_default());
        let _ = writeln!(
            out,
            "start = {}\nend = {}",
            units.at(span.start).code_point,
            units.at(span.end).code_point
        );
    };
    let inline_passage = |span: &Range<usize>| {
        format!(
            "{{ quote = {}, start = {}, end = {} }}",
            quoted(text.get(span.clone()).unwrap_or_default()),
            units.at(span.start).code_point,
            units.at(span.end).code_point
        )
    };
    for (index, mention) in briefing.mentions.iter().enumerate() {
        let parts = mention.parts();
        // A discontinuous mention is one table, written at its first part.
        if parts.first().is_some_and(|head| head.0 != index) {
            continue;
        }
        out.push_str("\n[[mention]]\n");
        field(&mut out, "entity", &briefing.entity(mention.entity).id);
        passage(&mut out, &mention.span);
        if let Some(label) = mention.label() {
            field(&mut out, "kind", label);
        }
        let further: Vec<String> = parts
            .iter()
            .skip(1)
            .filter_map(|part| briefing.mentions.get(part.0))
            .map(|part| inline_passage(&part.span))
            .collect();
        if !further.is_empty() {
            let _ = writeln!(out, "parts = [{}]", further.join(", "));
        }
        attributes(&mut out, mention.attributes());
    }
    for relation in &briefing.relations {
        out.push_str("\n[[relation]]\n");
        field(&mut out, "from", &briefing.entity(relation.from).id);
        field(&mut out, "to", &briefing.entity(relation.to).id);
        field(&mut out, "kind", &relation.kind);
        if let Some(note) = &relation.note {
            field(&mut out, "note", note);
        }
        attributes(&mut out, &relation.attributes);
        if let Some(evidence) = &relation.evidence {
            passage(&mut out, evidence);
        }
    }
    for event in &briefing.events {
        out.push_str("\n[[event]]\n");
        field(&mut out, "id", &event.id);
        if !event.date.is_undated() {
            field(&mut out, "date", &event.date.expression);
        }
        field(&mut out, "title", &event.title);
        if let Some(label) = &event.label {
            field(&mut out, "label", label);
        }
        // The participants are named by their roles, the rest here.
        let entities: Vec<String> = event
            .entities
            .iter()
            .filter(|&&e| !event.roles.iter().any(|role| role.entity == e))
            .map(|&e| briefing.entity(e).id.clone())
            .collect();
        list(&mut out, "entities", &entities);
        if !event.roles.is_empty() {
            let roles: Vec<String> = event
                .roles
                .iter()
                .map(|role| {
                    format!(
                        "{{ role = {}, entity = {} }}",
                        quoted(&role.role),
                        quoted(&briefing.entity(role.entity).id)
                    )
                })
                .collect();
            let _ = writeln!(out, "roles = [{}]", roles.join(", "));
        }
        if let Some(note) = &event.note {
            field(&mut out, "note", note);
        }
        if let Some(span) = &event.passage {
            passage(&mut out, span);
        }
    }
    for note in &briefing.notes {
        out.push_str("\n[[note]]\n");
        field(&mut out, "kind", note.kind.name());
        field(&mut out, "text", &note.text);
        let entities: Vec<String> = note
            .entities
            .iter()
            .map(|&e| briefing.entity(e).id.clone())
            .collect();
        list(&mut out, "entities", &entities);
        grading(&mut out, &note.grading);
        passage(&mut out, &note.passage);
    }
    out
}

/// A string as TOML writes it: quoted and escaped.
fn quoted(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

fn field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", quoted(value));
}

/// `attributes = { name = "value", … }`, if there are any.
fn attributes(out: &mut String, attributes: &[Attribute]) {
    if attributes.is_empty() {
        return;
    }
    let pairs: Vec<String> = attributes
        .iter()
        .map(|a| format!("{} = {}", key(&a.name), quoted(&a.value)))
        .collect();
    let _ = writeln!(out, "attributes = {{ {} }}", pairs.join(", "));
}

/// A key bare where TOML allows it, else quoted.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { name.to_string() } else { quoted(name) }
}

fn list(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
    let _ = writeln!(out, "{key} = [{}]", items.join(", "));
}

fn grading(out: &mut String, grading: &Grading) {
    if let Some(letter) = grading.reliability {
        field(out, "reliability", &letter.to_string());
    }
    if let Some(number) = grading.credibility {
        let _ = writeln!(out, "credibility = {number}");
    }
}
