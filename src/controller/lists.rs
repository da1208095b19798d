//! The entity list, the timeline and the relations list: selection, what
//! `Enter` does on each, following a mention to its entity, and scrolling
//! the focused pane's card.

use super::action::Action;
use super::cards;
use super::navigate::{focus_mention, focus_pane, record_jump, reveal};
use super::pane::Pane;
use super::relations::relation_rows;
use super::state::{Overlay, State};
use crate::model::{Briefing, EntityId, MentionId};
use crate::wording::counted;

/// Moves a list cursor by `delta`, clamped to `len`.
fn moved(cursor: usize, delta: isize, len: usize) -> usize {
    cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// `j`/`k` in the focused list or the relations overlay.
pub fn select(state: &mut State, delta: isize) {
    let at = match (&state.overlay, state.focus) {
        (Some(Overlay::Relations { cursor }), _) => *cursor,
        (_, Pane::Entities) => state.entity_list.cursor,
        (_, Pane::Timeline) => state.selected_event,
        (_, Pane::Article) => return,
    };
    select_at(state, at.saturating_add_signed(delta));
}

/// `gg` / `G` (and `5G`: the fifth item): the item at `index`, clamped to
/// the list.
pub fn select_at(state: &mut State, index: usize) {
    if let Some(Overlay::Relations { cursor }) = &mut state.overlay {
        let len = relation_rows(&state.briefing, state.selected_entity).len();
        *cursor = moved(0, isize::try_from(index).unwrap_or(isize::MAX), len);
        return;
    }
    let clamp = |len: usize| index.min(len.saturating_sub(1));
    match state.focus {
        Pane::Entities => {
            let list = &mut state.entity_list;
            list.cursor = clamp(list.rows.len());
            let entity = list.rows.get(list.cursor).copied();
            if entity != state.selected_entity {
                state.card_scroll = 0;
            }
            state.selected_entity = entity;
            if let Some(entity) = entity {
                say_entity(state, entity);
            }
        }
        Pane::Timeline => {
            let index = clamp(state.briefing.events.len());
            if index != state.selected_event {
                state.card_scroll = 0;
            }
            state.selected_event = index;
        }
        Pane::Article => {}
    }
}

/// The status line names the entity just selected.
fn say_entity(state: &mut State, entity: EntityId) {
    let record = state.briefing.entity(entity);
    state.message = Some(format!(
        "entity: {} ({})",
        record.name,
        counted(record.mentions.len(), "mention", "mentions")
    ));
}

/// `Enter` in a list.
pub fn activate(state: &mut State) {
    if let Some(Overlay::Relations { cursor }) = state.overlay {
        let rows = relation_rows(&state.briefing, state.selected_entity);
        state.overlay = None;
        if let Some(row) = rows.get(cursor) {
            // Following a relation goes to the other entity: selected, its
            // card shown, and its first mention in view.
            let label = row.label(&state.briefing);
            go_to_entity(state, row.other);
            if state.message.is_none() {
                state.message = Some(format!("followed: {label}"));
            }
        }
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
    let mentions = &state.briefing.entity(entity).mentions;
    let Some(first) = mentions.first().copied() else {
        say_unmentioned(state);
        return;
    };
    let next = state
        .focused_mention
        .and_then(|focused| mentions.binary_search(&focused).ok())
        .and_then(|at| mentions.get(at + 1))
        .copied()
        .unwrap_or(first);
    record_jump(state);
    show_mention(state, next);
}

/// Selects an entity and shows its first mention, as one jump: `Ctrl-o`
/// comes back to the place and the card shown before.
pub fn go_to_entity(state: &mut State, entity: EntityId) {
    record_jump(state);
    select_entity(state, entity);
    match state.briefing.entity(entity).mentions.first().copied() {
        Some(first) => show_mention(state, first),
        None => say_unmentioned(state),
    }
}

fn say_unmentioned(state: &mut State) {
    state.message = Some("this entity is not mentioned in the text".to_string());
}

/// Focuses a mention, bringing the article forward when only one pane
/// fits on screen.
fn show_mention(state: &mut State, mention: MentionId) {
    focus_mention(state, mention);
    if state.panes().article.is_none() {
        focus_pane(state, Pane::Article);
    }
}

/// Jumps the article to an event's passage, or to its linked entity. When
/// only one pane fits on screen, the article is brought forward to show
/// where the jump landed.
pub fn activate_event(state: &mut State, index: usize) {
    let Some(event) = state.briefing.events.get(index) else {
        return;
    };
    let (passage, linked) = (event.passage.clone(), event.linked_entity);
    if passage.is_none() && linked.is_none() {
        state.message = Some("this event has no passage in the text".to_string());
        return;
    }
    // The place left, with the event selected before, is what Ctrl-o
    // comes back to.
    record_jump(state);
    if state.selected_event != index {
        state.card_scroll = 0;
    }
    state.selected_event = index;
    if let Some(passage) = passage {
        state.focused_mention = None;
        reveal(state, passage.start);
        let inside = mention_inside(&state.briefing, passage);
        state.focused_mention = inside;
    } else if let Some(entity) = linked {
        select_entity(state, entity);
        if let Some(first) = state.briefing.entity(entity).mentions.first().copied() {
            focus_mention(state, first);
        }
    }
    if state.panes().article.is_none() {
        focus_pane(state, Pane::Article);
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

/// Selects an entity (see [`State::select_entity`]).
pub fn select_entity(state: &mut State, entity: EntityId) {
    state.select_entity(entity);
}

/// `Enter` on a focused mention: select its entity.
pub fn follow_mention(state: &mut State) {
    let entity = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|mention| mention.entity);
    match entity {
        Some(entity) => {
            select_entity(state, entity);
            let name = state.briefing.entity(entity).name.clone();
            let walk = state.key_name(Action::NextEntityMention);
            state.message = Some(format!("selected {name}: {walk} walks its mentions"));
        }
        None => {
            let tab = state.key_name(Action::NextMention);
            state.message = Some(format!("no mention focused: press {tab}"));
        }
    }
}

/// `r`: the relations of the focused mention's entity (in the article) or
/// of the selected entity.
pub fn show_relations(state: &mut State) {
    let from_mention = state
        .focused_mention
        .filter(|_| state.focus == Pane::Article)
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|mention| mention.entity);
    if let Some(entity) = from_mention {
        select_entity(state, entity);
    }
    let Some(entity) = state.selected_entity else {
        let tab = state.key_name(Action::NextMention);
        state.message = Some(format!("no entity: focus a mention ({tab}) or select one"));
        return;
    };
    if relation_rows(&state.briefing, Some(entity)).is_empty() {
        let name = &state.briefing.entity(entity).name;
        state.message = Some(format!("{name} has no relations"));
    } else {
        state.overlay = Some(Overlay::Relations { cursor: 0 });
    }
}

/// `J` / `K`: scroll the card of the focused pane (the note's card in the
/// article), clamped to what the card holds beyond its box.
pub fn scroll_card(state: &mut State, delta: isize) {
    if cards::focused_card(state).is_none() {
        state.message = Some("no card here: select an entity or an event, or open a note".into());
        return;
    }
    let hidden = cards::hidden_rows(state);
    if hidden == 0 {
        state.message = Some("the card fits: nothing to scroll".to_string());
        state.card_scroll = 0;
        return;
    }
    state.card_scroll = state.card_scroll.saturating_add_signed(delta).min(hidden);
}
