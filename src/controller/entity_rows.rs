//! The entity sidebar's rows as data: entities grouped by kind in kind
//! order, by name within a kind, narrowed by the filter, with a heading line
//! before each kind. A pure function of the briefing and the filter; the
//! state keeps its result so that frames need not recompute it.

use crate::model::{Briefing, EntityId};

/// One line of the entity list as drawn: a kind heading or an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityLine {
    Kind { label: String, count: usize },
    Entity(EntityId),
}

/// The list's rows and lines for one filter.
pub struct EntityRows {
    /// The entities shown, in display order.
    pub rows: Vec<EntityId>,
    /// The rows with a heading before each kind.
    pub lines: Vec<EntityLine>,
    /// For each row, its position in `lines`.
    pub line_of_row: Vec<usize>,
    /// For each entity (by id), its row, if the filter lets it show:
    /// selecting an entity must not cost a look through the list.
    pub row_of_entity: Vec<Option<usize>>,
}

/// Rows whose name, alias or kind contains the filter (ignoring case).
pub fn build(briefing: &Briefing, filter: &str) -> EntityRows {
    let needle = filter.to_lowercase();
    let mut rows: Vec<EntityId> = (0..briefing.entities.len())
        .map(EntityId)
        .filter(|id| needle.is_empty() || entity_matches(briefing, *id, &needle))
        .collect();
    let kind_rank = |id: &EntityId| {
        let kind = &briefing.entity(*id).kind;
        briefing
            .kinds
            .iter()
            .position(|k| &k.name == kind)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by(|a, b| {
        kind_rank(a).cmp(&kind_rank(b)).then_with(|| {
            briefing
                .entity(*a)
                .name
                .to_lowercase()
                .cmp(&briefing.entity(*b).name.to_lowercase())
        })
    });
    let lines = make_lines(briefing, &rows);
    let line_of_row = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| matches!(line, EntityLine::Entity(_)))
        .map(|(at, _)| at)
        .collect();
    let mut row_of_entity = vec![None; briefing.entities.len()];
    for (row, id) in rows.iter().enumerate() {
        if let Some(slot) = row_of_entity.get_mut(id.0) {
            *slot = Some(row);
        }
    }
    EntityRows {
        rows,
        lines,
        line_of_row,
        row_of_entity,
    }
}

fn entity_matches(briefing: &Briefing, id: EntityId, needle: &str) -> bool {
    let entity = briefing.entity(id);
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .chain(std::iter::once(&entity.kind))
        .any(|text| text.to_lowercase().contains(needle))
}

/// Each kind's heading, then its entities.
fn make_lines(briefing: &Briefing, rows: &[EntityId]) -> Vec<EntityLine> {
    let mut lines = Vec::with_capacity(rows.len() + briefing.kinds.len());
    let mut current_kind: Option<&str> = None;
    for (index, id) in rows.iter().enumerate() {
        let kind = briefing.entity(*id).kind.as_str();
        if current_kind != Some(kind) {
            current_kind = Some(kind);
            let count = rows
                .get(index..)
                .unwrap_or_default()
                .iter()
                .take_while(|other| briefing.entity(**other).kind == kind)
                .count();
            let label = briefing.kind(kind).map_or(kind, |k| k.label.as_str());
            lines.push(EntityLine::Kind {
                label: label.to_string(),
                count,
            });
        }
        lines.push(EntityLine::Entity(*id));
    }
    lines
}
