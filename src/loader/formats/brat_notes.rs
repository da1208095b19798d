//! brat's `#` lines: a note on a relation is the relation's note; a note
//! on a text-bound annotation or an event is a comment note on the
//! passage of the annotation (of the event's trigger), about the
//! annotation's entity. Only `brat_import` calls this, once the mentions
//! and relations are made.

use foldhash::HashMap;

use toml::Spanned;

use super::brat::{Item, Standoff, TextBound};
use super::brat_bounds::Bounds;
use super::{GivenPassage, anchored};
use crate::loader::raw::{Item as Table, RawFile, RawNote};

/// Adds the notes of `standoff` to `raw`; `relation_of` gives the position
/// in `raw.relations` of each `R` line's relation.
pub(super) fn import(
    standoff: &Standoff,
    bounds: &Bounds<'_>,
    passage_of: &dyn Fn(&TextBound) -> Option<GivenPassage>,
    relation_of: &HashMap<&str, usize>,
    raw: &mut RawFile,
) {
    let trigger_of: HashMap<&str, &str> = standoff
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Event { id, trigger, .. } => Some((id.as_str(), trigger.id.as_str())),
            _ => None,
        })
        .collect();

    for item in &standoff.items {
        if let Item::Note {
            target,
            text: said,
            line,
            ..
        } = item
        {
            // A note on a relation is the relation's note.
            if let Some(relation) = relation_of
                .get(target.id.as_str())
                .and_then(|&at| raw.relations.get_mut(at))
            {
                let note = &mut relation.value.note;
                *note = Some(match note.take() {
                    Some(before) => format!("{before}\n{said}"),
                    None => said.clone(),
                });
                continue;
            }
            // Else on the passage of a text-bound annotation or an
            // event's trigger.
            let bound = trigger_of
                .get(target.id.as_str())
                .copied()
                .unwrap_or(target.id.as_str());
            let found = bounds.by_id.get(bound).copied();
            let Some(t) = found else {
                continue;
            };
            let Some(passage) = passage_of(t) else {
                continue;
            };
            let entities = bounds
                .index
                .get(t.id.as_str())
                .and_then(|&i| bounds.entity_of.get(i))
                .map(|id| vec![Spanned::new(target.at.clone(), id.clone())])
                .unwrap_or_default();
            raw.notes.push(Table {
                value: anchored!(
                    RawNote {
                        kind: Spanned::new(line.clone(), "comment".to_string()),
                        text: said.clone(),
                        entities,
                        reliability: None,
                        credibility: None,
                    },
                    passage
                ),
                span: line.clone(),
            });
        }
    }
}
