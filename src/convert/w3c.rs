//! A briefing as a W3C Web Annotation collection (JSON-LD): one
//! annotation per mention, note, relation and event, each passage
//! targeted twice, as the model recommends and as Hypothesis does — a
//! `TextQuoteSelector` (the quote with 32 characters of context each side)
//! and a `TextPositionSelector` in code points, the unit the model
//! requires.
//!
//! - a mention → motivation `identifying`, bodies: the entity (a
//!   `TextualBody` with the entity's name, `id` `urn:brief:entity:ID`,
//!   purpose `identifying`) and its kind (purpose `tagging`);
//! - a note → motivation `commenting`, bodies: its text (`commenting`),
//!   its kind and grading (`tagging`, `brief:kind:…`, `admiralty:B3`),
//!   and the entities it is about (`identifying`);
//! - a relation → motivation `linking`, targets the two entities' URNs
//!   (and the evidence passage when it has one), body its kind
//!   (`describing`);
//! - an event → motivation `describing`, body its title and its date
//!   (`tagging`, `edtf:…`, or `brief:undated`) and its participants'
//!   roles (`brief:role:ROLE=ENTITY`), targets its passage and its
//!   entities;
//! - a discontinuous mention → one annotation, a passage target a part;
//!   attributes of mentions and relations → tags `brief:attribute:NAME=VALUE`.
//!
//! Pure: the caller writes the text out.

use serde_json::{Value, json};

use crate::model::{Attribute, Briefing, EntityId};
use crate::review::Anchor;

/// The briefing's annotations as one `AnnotationCollection`, an
/// annotation a line, with a line break at the end. `source` is what the
/// targets name as the text (its file name, relative to the annotations).
pub fn write(briefing: &Briefing, source: &str) -> String {
    let text = briefing.document.text.as_str();
    let units = super::passage_units(briefing);
    let passage = |span: &std::ops::Range<usize>| -> Value {
        let anchor = Anchor::capture(text, span.clone());
        json!({
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": anchor.quote,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": units.at(span.start).code_point,
                    "end": units.at(span.end).code_point,
                }
            ]
        })
    };
    let entity_body = |id: EntityId| -> Value {
        let entity = briefing.entity(id);
        json!({
            "type": "TextualBody",
            "id": format!("urn:brief:entity:{}", entity.id),
            "purpose": "identifying",
            "value": entity.name,
        })
    };
    let tag =
        |value: String| json!({ "type": "TextualBody", "purpose": "tagging", "value": value });
    let mut items = Vec::new();
    let attribute_tags = |attributes: &[Attribute]| -> Vec<Value> {
        attributes
            .iter()
            .map(|a| tag(format!("brief:attribute:{}={}", a.name, a.value)))
            .collect()
    };
    for (n, mention) in briefing.mentions.iter().enumerate() {
        let parts = mention.parts();
        // A discontinuous mention is one annotation with a target a part.
        if parts.first().is_some_and(|head| head.0 != n) {
            continue;
        }
        let entity = briefing.entity(mention.entity);
        let target = if parts.is_empty() {
            passage(&mention.span)
        } else {
            Value::Array(
                parts
                    .iter()
                    .filter_map(|part| briefing.mentions.get(part.0))
                    .map(|part| passage(&part.span))
                    .collect(),
            )
        };
        let mut body = vec![
            entity_body(mention.entity),
            tag(format!("brief:kind:{}", entity.kind)),
        ];
        // A declared kind's label, so that reading it back declares it.
        if let Some(kind) = briefing.kind(&entity.kind).filter(|k| !k.builtin) {
            body.push(tag(format!("brief:kind-label:{}", kind.label)));
        }
        body.extend(attribute_tags(mention.attributes()));
        items.push(json!({
            "id": format!("#mention-{}", n + 1),
            "type": "Annotation",
            "motivation": "identifying",
            "body": body,
            "target": target,
        }));
    }
    for (n, note) in briefing.notes.iter().enumerate() {
        let mut body = vec![
            json!({ "type": "TextualBody", "purpose": "commenting", "value": note.text }),
            tag(format!("brief:note:{}", note.kind.name())),
        ];
        let grading = crate::review::notes::grading_code(&note.grading);
        if !grading.is_empty() {
            body.push(tag(format!("admiralty:{grading}")));
        }
        body.extend(note.entities.iter().map(|&id| entity_body(id)));
        items.push(json!({
            "id": format!("#note-{}", n + 1),
            "type": "Annotation",
            "motivation": "commenting",
            "body": body,
            "target": passage(&note.passage),
        }));
    }
    for (n, relation) in briefing.relations.iter().enumerate() {
        let urn = |id: EntityId| format!("urn:brief:entity:{}", briefing.entity(id).id);
        let mut target = vec![json!(urn(relation.from)), json!(urn(relation.to))];
        if let Some(evidence) = &relation.evidence {
            target.push(passage(evidence));
        }
        let mut body = vec![json!({
            "type": "TextualBody",
            "purpose": "describing",
            "value": relation.kind,
        })];
        if let Some(note) = &relation.note {
            body.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": note }));
        }
        body.extend(attribute_tags(&relation.attributes));
        items.push(json!({
            "id": format!("#relation-{}", n + 1),
            "type": "Annotation",
            "motivation": "linking",
            "body": body,
            "target": target,
        }));
    }
    for event in &briefing.events {
        let mut body = vec![
            json!({ "type": "TextualBody", "purpose": "describing", "value": event.title }),
            tag(if event.date.is_undated() {
                "brief:undated".to_string()
            } else {
                format!("edtf:{}", event.date.expression)
            }),
        ];
        body.extend(event.roles.iter().map(|role| {
            tag(format!(
                "brief:role:{}={}",
                role.role,
                briefing.entity(role.entity).id
            ))
        }));
        if let Some(label) = &event.label {
            body.push(tag(format!("brief:date-label:{label}")));
        }
        let mut target: Vec<Value> = event.passage.iter().map(passage).collect();
        target.extend(
            event
                .entities
                .iter()
                .map(|&id| json!(format!("urn:brief:entity:{}", briefing.entity(id).id))),
        );
        items.push(json!({
            "id": format!("#event-{}", event.id),
            "type": "Annotation",
            "motivation": "describing",
            "body": body,
            "target": target,
        }));
    }
    // The collection's frame pretty, each annotation compact on a line of
    // its own: pretty-printed whole, a 10 MB briefing's annotations came
    // to 111 MB, over what brief reads back (64 MiB), and one annotation a
    // line is still read, diffed and grepped line by line.
    let frame = |value: Value| serde_json::to_string(&value).unwrap_or_default();
    let mut out = String::with_capacity(items.len() * 512 + 256);
    out.push_str("{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n");
    out.push_str("  \"type\": \"AnnotationCollection\",\n");
    out.push_str(&format!(
        "  \"label\": {},\n  \"total\": {},\n",
        frame(json!(briefing.meta.title.clone().unwrap_or_default())),
        items.len()
    ));
    out.push_str("  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [");
    for (n, item) in items.iter().enumerate() {
        out.push_str(if n == 0 { "\n      " } else { ",\n      " });
        out.push_str(&serde_json::to_string(item).unwrap_or_default());
    }
    out.push_str(if items.is_empty() {
        "]\n  }\n}\n"
    } else {
        "\n    ]\n  }\n}\n"
    });
    super::spans::escape_controls(&out)
}
