//! Opening a picker and going where its chosen item points.

use super::lists::{activate_event, go_to_entity};
use super::navigate::{focus_note, record_jump, reveal_at_top};
use super::picker::{PickTarget, Picker, PickerKind};
use super::state::{Overlay, State};

pub fn open(state: &mut State, kind: PickerKind) {
    let picker = Picker::new(kind, &state.briefing);
    if picker.items.is_empty() {
        let what = match kind {
            PickerKind::Entities => "no entities",
            PickerKind::Events => "no events on the timeline",
            PickerKind::Outline => "no headings",
            PickerKind::Notes => "no notes",
        };
        state.message = Some(format!("this briefing has {what}"));
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}

/// `Enter` in a picker: close it and go.
pub fn choose(state: &mut State) {
    let Some(Overlay::Picker(picker)) = state.overlay.take() else {
        return;
    };
    let Some(target) = picker.selected().map(|item| item.target) else {
        return;
    };
    match target {
        PickTarget::Entity(entity) => go_to_entity(state, entity),
        PickTarget::Event(index) => activate_event(state, index),
        PickTarget::Offset(offset) => {
            record_jump(state);
            state.focused_mention = None;
            reveal_at_top(state, offset);
        }
        PickTarget::Note(index) => focus_note(state, index),
    }
}
