//! Opening a picker and going where its chosen item points.

use super::assign;
use super::command::Effects;
use super::lists::{activate_event, go_to_entity};
use super::navigate::{focus_note, record_jump, reveal_at_top};
use super::picker::{PickTarget, Picker, PickerKind};
use super::state::{Overlay, State};

pub fn open(state: &mut State, kind: PickerKind) {
    let mut picker = Picker::new(kind, &state.briefing);
    match (kind, &state.review) {
        (PickerKind::Notes, Some(session)) => picker = picker.with_review_notes(session),
        (PickerKind::Entities, Some(session)) if session.shown => {
            picker = picker.with_review_entities(session);
        }
        _ => {}
    }
    if picker.items.is_empty() {
        let what = match kind {
            PickerKind::Entities => "no entities",
            PickerKind::Events => "no events on the timeline",
            PickerKind::Outline => "no headings",
            PickerKind::Notes => "no notes",
            PickerKind::Assign => "no entities",
            PickerKind::NewEntityKind => "no entity kinds",
            PickerKind::LibraryEntities
            | PickerKind::LibraryTimeline
            | PickerKind::LibrarySearch => "nothing",
        };
        state.message = Some(format!("this briefing has {what}"));
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}

/// `Enter` in a picker: close it and go (or, choosing a mention's
/// entity, make the mention).
pub fn choose(state: &mut State) -> Effects {
    let Some(Overlay::Picker(picker)) = state.overlay.take() else {
        return Effects::new();
    };
    let Some(target) = picker.selected().map(|item| item.target) else {
        return Effects::new();
    };
    if let Some(assignment) = picker.assign {
        let kind_name = |at: usize| state.briefing.kinds.get(at).map(|k| k.name.clone());
        return match target {
            PickTarget::Entity(entity) => assign::to_entity(state, assignment, entity),
            PickTarget::NewEntity => {
                assign::name_new_entity(state, assignment, &picker.query);
                Effects::new()
            }
            PickTarget::Kind(at) => match kind_name(at) {
                Some(kind) => assign::to_new_entity(state, assignment, kind),
                None => Effects::new(),
            },
            _ => Effects::new(),
        };
    }
    match target {
        PickTarget::Entity(entity) => go_to_entity(state, entity),
        PickTarget::Event(index) => activate_event(state, index),
        PickTarget::Offset(offset) => {
            record_jump(state);
            state.focused_mention = None;
            reveal_at_top(state, offset);
        }
        PickTarget::Note(index) => focus_note(state, index),
        PickTarget::ReviewNote(index) => focus_review_note(state, index),
        PickTarget::NewEntity | PickTarget::Kind(_) => {}
        PickTarget::Member(member) => return super::browse::pick_member(state, member),
        PickTarget::InBriefing { briefing, at } => {
            return super::across::open_at(state, briefing, at);
        }
    }
    Effects::new()
}

/// Shows a note of the reviewer's: its passage near the top, its card
/// open (an orphaned one's card says its passage is not found).
fn focus_review_note(state: &mut State, index: usize) {
    let start = state
        .review
        .as_ref()
        .and_then(|session| session.overlay().review_notes.passage_of(index))
        .map(|span| span.start);
    record_jump(state);
    state.focused_mention = None;
    state.focused_review_note = Some(index);
    state.card_scroll = 0;
    if let Some(start) = start {
        reveal_at_top(state, start);
    }
}
