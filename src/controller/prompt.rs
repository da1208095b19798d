//! Commands while a text field has the keyboard: the search prompt, the
//! entity filter, a picker's query, hint labels, a verdict's comment and
//! the note editor (whose keys are `note_editor`'s). The keymap's prompt
//! contexts name the editing keys; every other character is typed.

use super::action::Action;
use super::command::Command;
use super::command::Effects;
use super::line_edit::{MAX_FIELD_CHARS, edit_text, paste_text};
use super::state::{Overlay, State};
use super::{hints, judge, note_editor, pick, search};
use crate::wording::counted;

pub fn perform(state: &mut State, command: Command) -> Effects {
    if state.library_showing() && state.library.as_ref().is_some_and(|v| v.filtering) {
        super::browse::edit_filter(state, command);
        return Effects::new();
    }
    // `quit` by name (no key types it here) closes as Esc does.
    let command = match command.action {
        Action::Quit => Command::new(Action::Back),
        _ => command,
    };
    if state.review.as_ref().is_some_and(|r| r.note.is_some()) {
        return note_editor::edit(state, command);
    }
    if state.review.as_ref().is_some_and(|r| r.comment.is_some()) {
        return judge::edit_comment(state, command);
    }
    if state.search.editing {
        search::edit(state, command);
    } else if state.entity_list.editing {
        filter(state, command);
    } else if matches!(state.overlay, Some(Overlay::Hints { .. })) {
        hints::edit(state, command);
    } else if matches!(state.overlay, Some(Overlay::Picker(_))) {
        return picker(state, command);
    }
    Effects::new()
}

/// Text pasted in one piece: typed into the open prompt, or, with none
/// open, left alone with a word on how to search for it. A paste is never
/// taken as keys (a pasted paragraph would be hundreds of commands).
pub fn paste(state: &mut State, pasted: &str) {
    if note_editor::paste(state, pasted) || super::browse::paste(state, pasted) {
        return;
    }
    let draft = state.review.as_mut().and_then(|r| r.comment.as_mut());
    let outcome = if let Some((_, text)) = draft {
        paste_text(text, pasted)
    } else if state.search.editing {
        search::paste(state, pasted)
    } else if state.entity_list.editing {
        let outcome = paste_text(&mut state.entity_list.filter, pasted);
        filter_changed(state);
        outcome
    } else if let Some(Overlay::Picker(picker)) = &mut state.overlay {
        let outcome = paste_text(&mut picker.query, pasted);
        picker.refilter();
        outcome
    } else {
        let search = state.key_name(Action::Search);
        let length = pasted.chars().count();
        state.message = Some(format!(
            "a paste is not taken as keys ({}); {search} first to search for it",
            counted(length, "character", "characters")
        ));
        return;
    };
    if outcome.left_out > 0 {
        state.message = Some(format!(
            "a prompt holds {MAX_FIELD_CHARS} characters: {} of the paste left out",
            outcome.left_out
        ));
    }
}

fn filter(state: &mut State, command: Command) {
    match command.action {
        Action::Activate => state.entity_list.editing = false,
        Action::Back => {
            state.entity_list.editing = false;
            state.entity_list.filter.clear();
            state.refresh_entity_rows();
        }
        _ => {
            if edit_text(&mut state.entity_list.filter, command) {
                filter_changed(state);
            }
        }
    }
}

/// The entity filter's text changed: the list shows its first match.
fn filter_changed(state: &mut State) {
    state.entity_list.cursor = 0;
    state.refresh_entity_rows();
    state.selected_entity = state.entity_list.rows.first().copied();
    state.card_scroll = 0;
}

fn picker(state: &mut State, command: Command) -> Effects {
    let Some(Overlay::Picker(picker)) = &mut state.overlay else {
        return Effects::new();
    };
    let last = picker.matches.len().saturating_sub(1);
    match command.action {
        Action::Back => state.overlay = None,
        Action::Activate => return pick::choose(state),
        Action::SelectNext => picker.cursor = (picker.cursor + 1).min(last),
        Action::SelectPrevious => picker.cursor = picker.cursor.saturating_sub(1),
        _ => {
            if edit_text(&mut picker.query, command) {
                picker.refilter();
            }
        }
    }
    Effects::new()
}
