//! The entity list, the timeline and the relations list: selection and
//! what `Enter` does on each.

use super::navigate::{focus_mention, record_jump, reveal_at_top};
use super::state::{Overlay, Pane, State};
use crate::model::{Briefing, EntityId, MentionId};

/// Rebuilds the entity rows: grouped by kind in kind order, by name within
/// a kind, filtered by the filter text (any part of name, alias or kind,
/// ignoring case). Keeps the selected entity under the cursor if it is
/// still listed.
pub fn refresh_entity_rows(state: &mut State) {
    let briefing = &state.briefing;
    let needle = state.entity_list.filter.to_lowercase();
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
    let lines = make_entity_lines(&state.briefing, &rows);
    state.entity_list.line_of_row = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| matches!(line, EntityLine::Entity(_)))
        .map(|(at, _)| at)
        .collect();
    state.entity_list.lines = lines;
    state.entity_list.rows = rows;
    let list = &mut state.entity_list;
    if let Some(at) = state
        .selected_entity
        .and_then(|selected| list.rows.iter().position(|id| *id == selected))
    {
        list.cursor = at;
    }
    list.cursor = list.cursor.min(list.rows.len().saturating_sub(1));
}

fn entity_matches(briefing: &Briefing, id: EntityId, needle: &str) -> bool {
    let entity = briefing.entity(id);
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .chain(std::iter::once(&entity.kind))
        .any(|text| text.to_lowercase().contains(needle))
}

/// Moves a list cursor by `delta`, clamped to `len`.
fn moved(cursor: usize, delta: isize, len: usize) -> usize {
    cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// `j`/`k`/`gg`/`G` in the focused list. `None` means the end.
pub fn select(state: &mut State, delta: isize, absolute: Option<bool>) {
    if let Some(Overlay::Relations { cursor }) = &mut state.overlay {
        let len = relation_rows(&state.briefing, state.selected_entity).len();
        *cursor = moved(*cursor, delta, len);
        return;
    }
    match state.focus {
        Pane::Entities => {
            let len = state.entity_list.rows.len();
            let list = &mut state.entity_list;
            list.cursor = match absolute {
                Some(true) => 0,
                Some(false) => len.saturating_sub(1),
                None => moved(list.cursor, delta, len),
            };
            state.selected_entity = list.rows.get(list.cursor).copied();
        }
        Pane::Timeline => {
            let len = state.briefing.events.len();
            state.selected_event = match absolute {
                Some(true) => 0,
                Some(false) => len.saturating_sub(1),
                None => moved(state.selected_event, delta, len),
            };
        }
        Pane::Article => {}
    }
}

/// `Enter` in a list.
pub fn activate(state: &mut State) {
    if let Some(Overlay::Relations { cursor }) = state.overlay {
        let rows = relation_rows(&state.briefing, state.selected_entity);
        if let Some(row) = rows.get(cursor) {
            select_entity(state, row.other);
        }
        state.overlay = None;
        return;
    }
    match state.focus {
        Pane::Entities => {
            if let Some(entity) = state
                .entity_list
                .rows
                .get(state.entity_list.cursor)
                .copied()
            {
                state.selected_entity = Some(entity);
                go_to_entity_mention(state, entity);
            }
        }
        Pane::Timeline => activate_event(state, state.selected_event),
        Pane::Article => {}
    }
}

/// The entity's first mention, or, if one of its mentions is focused, the
/// next one (`Enter` again walks on).
pub fn go_to_entity_mention(state: &mut State, entity: EntityId) {
    go_to_entity_mention_from(state, entity, false);
}

/// The same; with `first`, always the first mention.
pub fn go_to_entity_mention_from(state: &mut State, entity: EntityId, first_only: bool) {
    let mentions = &state.briefing.entity(entity).mentions;
    let Some(first) = mentions.first().copied() else {
        state.message = Some("this entity is not mentioned in the text".to_string());
        return;
    };
    let next = state
        .focused_mention
        .filter(|_| !first_only)
        .and_then(|focused| mentions.binary_search(&focused).ok())
        .and_then(|at| mentions.get(at + 1))
        .copied()
        .unwrap_or(first);
    record_jump(state);
    focus_mention(state, next);
}

/// Jumps the article to an event's passage, or to its linked entity.
pub fn activate_event(state: &mut State, index: usize) {
    let Some(event) = state.briefing.events.get(index) else {
        return;
    };
    state.selected_event = index;
    if let Some(passage) = event.passage.clone() {
        record_jump(state);
        state.focused_mention = None;
        reveal_at_top(state, passage.start);
        let inside = mention_inside(&state.briefing, passage);
        state.focused_mention = inside;
    } else if let Some(entity) = event.linked_entity {
        select_entity(state, entity);
        go_to_entity_mention(state, entity);
    } else {
        state.message = Some("this event has no passage in the text".to_string());
    }
}

/// The first mention starting inside a passage, to focus after a jump.
fn mention_inside(briefing: &Briefing, passage: std::ops::Range<usize>) -> Option<MentionId> {
    let first = briefing
        .mentions
        .partition_point(|m| m.span.start < passage.start);
    briefing
        .mentions
        .get(first)
        .filter(|m| m.span.start < passage.end)
        .map(|_| MentionId(first))
}

/// Selects an entity and puts the list cursor on it, clearing a filter that
/// hides it.
pub fn select_entity(state: &mut State, entity: EntityId) {
    state.selected_entity = Some(entity);
    if !state.entity_list.rows.contains(&entity) {
        state.entity_list.filter.clear();
    }
    refresh_entity_rows(state);
}

/// One row of the relations list: the relation and the entity at its other
/// end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRow {
    pub outgoing: bool,
    pub kind: String,
    pub other: EntityId,
}

impl RelationRow {
    /// "affiliate of → Islamic State" for an outgoing relation; "← ISIS-K ·
    /// claimed responsibility for" for an incoming one (read: ISIS-K claimed
    /// responsibility for this).
    pub fn label(&self, briefing: &Briefing) -> String {
        let other = &briefing.entity(self.other).name;
        if self.outgoing {
            format!("{} \u{2192} {other}", self.kind)
        } else {
            format!("\u{2190} {other} \u{b7} {}", self.kind)
        }
    }
}

/// The selected entity's relations, outgoing first.
pub fn relation_rows(briefing: &Briefing, entity: Option<EntityId>) -> Vec<RelationRow> {
    let Some(entity) = entity else {
        return Vec::new();
    };
    let outgoing = briefing.relations_from(entity).map(|r| RelationRow {
        outgoing: true,
        kind: r.kind.clone(),
        other: r.to,
    });
    let incoming = briefing.relations_to(entity).map(|r| RelationRow {
        outgoing: false,
        kind: r.kind.clone(),
        other: r.from,
    });
    outgoing.chain(incoming).collect()
}

/// One line of the entity list as drawn: a kind heading or an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityLine {
    Kind { label: String, count: usize },
    Entity(EntityId),
}

/// The entity list's lines, made when the rows change: drawing and mouse
/// clicks read them every frame.
pub fn entity_lines(state: &State) -> &[EntityLine] {
    &state.entity_list.lines
}

/// Each kind's heading, then its entities.
fn make_entity_lines(briefing: &Briefing, rows: &[EntityId]) -> Vec<EntityLine> {
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

/// The line index of the list cursor within `entity_lines`.
pub fn cursor_line(state: &State) -> usize {
    let list = &state.entity_list;
    list.line_of_row.get(list.cursor).copied().unwrap_or(0)
}
