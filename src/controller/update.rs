//! `update`: the one place the state changes. Keys are resolved through
//! the keymap (with counts, multi-key sequences and mark letters); named
//! actions are performed; the article is re-laid out when its width
//! changes.

use super::action::Action;
use super::keymap::Lookup;
use super::keys::{Key, KeyPress};
use super::lists::{self, relation_rows};
use super::navigate::{self, focus_pane, record_jump, restore, scroll_by, scroll_to};
use super::picker::{self, PickerKind};
use super::search;
use super::state::{Overlay, Pane, State, article_text_width, signed};
use crate::layout::{self, ArticleLayout};
use crate::model::Briefing;

/// Applies one action to the state.
pub fn update(state: &mut State, action: Action) {
    match action {
        Action::Key(key) => handle_key(state, key),
        Action::Resize(width, height) => {
            state.screen.width = width;
            state.screen.height = height;
        }
        Action::Click(column, row) => super::mouse::click(state, column, row),
        Action::Wheel(down, column, row) => super::mouse::wheel(state, down, column, row),
        named => perform(state, named, None, None),
    }
    sync_layout(state);
}

/// Puts the fully loaded briefing in place of the preview the reader
/// started with. The preview's text is the start of the full text, so
/// every byte offset held (view, reading position, marks, jumps, search)
/// still means the same place.
pub fn finish_loading(state: &mut State, briefing: Briefing, warnings: usize, named: &str) {
    let top = state.top_offset();
    state.briefing = briefing;
    state.layout = ArticleLayout::new(state.layout.width);
    state.top = state.layout.pos_of_offset(&state.briefing.document, top);
    state.loading = None;
    state.focused_mention = None;
    state.selected_entity = None;
    state.selected_event = 0;
    if matches!(
        state.overlay,
        Some(Overlay::Picker(_) | Overlay::Relations { .. })
    ) {
        // Its rows were of the preview.
        state.overlay = None;
    }
    state.derive_from_briefing();
    search::rematch(state);
    navigate::clamp_top(state);
    if warnings > 0 {
        let path = crate::sanitize::line(named).into_owned();
        state.message = Some(format!(
            "loaded with {warnings} warning{}: `brief check {path}` lists them",
            if warnings == 1 { "" } else { "s" }
        ));
    }
}

/// Re-wraps the article when its text width changed, keeping the same text
/// at the top of the view.
fn sync_layout(state: &mut State) {
    let width = article_text_width(&state.panes());
    if width > 0 && width != state.layout.width {
        let top = state.top_offset();
        state.layout = ArticleLayout::new(width);
        state.top = state.layout.pos_of_offset(&state.briefing.document, top);
    }
    navigate::clamp_top(state);
}

fn handle_key(state: &mut State, key: KeyPress) {
    state.message = None;
    if matches!(state.overlay, Some(Overlay::Picker(_))) {
        picker::input(state, key);
        return;
    }
    if state.search.editing {
        search::input(state, key);
        return;
    }
    if state.entity_list.editing {
        filter_input(state, key);
        return;
    }
    if let Some(action) = state.keys.awaiting_letter.take() {
        match key.typed().filter(char::is_ascii_lowercase) {
            Some(letter) => perform(state, action, None, Some(letter)),
            None => state.message = Some("marks are named a to z".to_string()),
        }
        return;
    }
    if count_digit(state, key) {
        return;
    }
    state.keys.pending.push(key);
    let lookup = state.keymap.lookup(&state.contexts(), &state.keys.pending);
    if lookup == Lookup::Pending {
        return;
    }
    let typed = std::mem::take(&mut state.keys.pending);
    let count = state.keys.count.take();
    let action = match (lookup, state.keys.focus_before_count.take()) {
        // After `2` focused the entities, a key of that pane (`2j`) or one
        // that takes no count (`2<C-w>w`) acts there, uncounted.
        (Lookup::Action(action), Some(_))
            if !action.takes_count() || action_of_focused_pane(state, &typed) =>
        {
            if action != Action::Back {
                perform(state, action, None, None);
            }
            return;
        }
        // Otherwise the digit was a count (`3]m`, `2<Space>`): the focus
        // goes back and the keys mean what they meant there.
        (_, Some(before)) => {
            focus_pane(state, before);
            match state.keymap.lookup(&state.contexts(), &typed) {
                Lookup::Action(again) => again,
                Lookup::Pending => {
                    state.keys.pending = typed;
                    state.keys.count = count;
                    return;
                }
                Lookup::Unbound => return,
            }
        }
        (Lookup::Action(action), None) => action,
        (_, None) => return,
    };
    if action == Action::Back && count.is_some() {
        // Esc after a count drops the count and nothing else.
        return;
    }
    if action.takes_letter() {
        state.keys.awaiting_letter = Some(action);
    } else {
        perform(state, action, count, None);
    }
}

/// Whether typed keys are bound in the focused pane's own context.
fn action_of_focused_pane(state: &State, typed: &[KeyPress]) -> bool {
    let own = state.contexts().into_iter().take(1).collect::<Vec<_>>();
    matches!(state.keymap.lookup(&own, typed), Lookup::Action(_))
}

/// Digits build a count. A first digit bound to a pane (`1`-`3`) also
/// focuses that pane at once. Returns whether the key was used.
fn count_digit(state: &mut State, key: KeyPress) -> bool {
    if !state.keys.pending.is_empty() || state.overlay.is_some() {
        return false;
    }
    let Some(digit) = key.typed().and_then(|c| c.to_digit(10)) else {
        return false;
    };
    let digit = digit as usize;
    match state.keys.count {
        Some(count) => {
            state.keys.count = Some(count.saturating_mul(10).saturating_add(digit));
            if let Some(before) = state.keys.focus_before_count.take() {
                focus_pane(state, before);
            }
        }
        None => {
            state.keys.count = Some(digit);
            if let Lookup::Action(action) = state.keymap.lookup(&state.contexts(), &[key]) {
                let before = state.focus;
                perform(state, action, None, None);
                // Only a digit that moved the focus can mean a pane.
                if state.focus != before {
                    state.keys.focus_before_count = Some(before);
                }
            }
        }
    }
    true
}

/// A key while the entity filter prompt is open.
fn filter_input(state: &mut State, key: KeyPress) {
    match (key.key, key.typed()) {
        (Key::Enter, _) => state.entity_list.editing = false,
        (Key::Esc, _) => {
            state.entity_list.editing = false;
            state.entity_list.filter.clear();
            lists::refresh_entity_rows(state);
        }
        (Key::Backspace, _) => {
            state.entity_list.filter.pop();
            lists::refresh_entity_rows(state);
        }
        (_, Some(c)) => {
            state.entity_list.filter.push(c);
            state.entity_list.cursor = 0;
            lists::refresh_entity_rows(state);
            state.selected_entity = state.entity_list.rows.first().copied();
        }
        _ => {}
    }
}

/// Performs a named action. `count` is the typed count, `letter` a mark.
pub fn perform(state: &mut State, action: Action, count: Option<usize>, letter: Option<char>) {
    let times = count.unwrap_or(1).max(1);
    let rows = state.viewport_rows();
    if matches!(state.overlay, Some(Overlay::Help { .. })) {
        let help_area = layout::overlay_area(&state.panes());
        let help_rows = usize::from(layout::inner(layout::help_box(help_area)).height);
        let help_max = state.keymap.help_lines().len().saturating_sub(help_rows);
        let Some(Overlay::Help { scroll }) = &mut state.overlay else {
            return;
        };
        match action {
            Action::ScrollDown => *scroll = scroll.saturating_add(times).min(help_max),
            Action::ScrollUp => *scroll = scroll.saturating_sub(times),
            Action::Help | Action::Quit | Action::Back => state.overlay = None,
            _ => {}
        }
        return;
    }
    match action {
        Action::ScrollDown => scroll_by(state, signed(times)),
        Action::ScrollUp => scroll_by(state, -signed(times)),
        Action::HalfPageDown => scroll_by(state, signed((rows / 2).max(1).saturating_mul(times))),
        Action::HalfPageUp => scroll_by(state, -signed((rows / 2).max(1).saturating_mul(times))),
        Action::PageDown => scroll_by(
            state,
            signed(rows.saturating_sub(2).max(1).saturating_mul(times)),
        ),
        Action::PageUp => scroll_by(
            state,
            -signed(rows.saturating_sub(2).max(1).saturating_mul(times)),
        ),
        Action::GoTop | Action::GoBottom => match count {
            Some(line) => navigate::go_to_text_line(state, line),
            None => {
                record_jump(state);
                let top = action == Action::GoTop;
                let row = if top {
                    state.layout.first()
                } else {
                    state.last_top()
                };
                scroll_to(state, row);
                state.cursor = if top {
                    0
                } else {
                    state.briefing.document.text.len()
                };
            }
        },
        Action::GoPercent => match count {
            Some(percent) => {
                record_jump(state);
                // By bytes, as less does: rows would need the whole
                // article wrapped.
                let document = &state.briefing.document;
                let offset = document.text.len().saturating_mul(percent.min(100)) / 100;
                let row = state.layout.pos_of_offset(document, offset);
                scroll_to(state, row);
            }
            None => state.message = Some("type a number first, e.g. 50%".to_string()),
        },
        Action::CenterView => navigate::place_view(state, true),
        Action::ViewToTop => navigate::place_view(state, false),
        Action::NextMention => navigate::step_mention(state, true, times),
        Action::PreviousMention => navigate::step_mention(state, false, times),
        Action::NextEntityMention => navigate::step_entity_mention(state, true, times),
        Action::PreviousEntityMention => navigate::step_entity_mention(state, false, times),
        Action::FollowMention => follow_mention(state),
        Action::NextSection => navigate::step_section(state, true, times),
        Action::PreviousSection => navigate::step_section(state, false, times),
        Action::NextNote => navigate::step_note(state, true, times),
        Action::PreviousNote => navigate::step_note(state, false, times),
        Action::SelectNext => lists::select(state, signed(times), None),
        Action::SelectPrevious => lists::select(state, -signed(times), None),
        Action::SelectFirst => lists::select(state, 0, Some(true)),
        Action::SelectLast => lists::select(state, 0, Some(false)),
        Action::Activate => lists::activate(state),
        Action::ShowRelations => show_relations(state),
        Action::FilterEntities => {
            focus_pane(state, Pane::Entities);
            state.entity_list.editing = true;
        }
        Action::EntityPicker => picker::open(state, PickerKind::Entities),
        Action::TimelinePicker => picker::open(state, PickerKind::Events),
        Action::OutlinePicker => picker::open(state, PickerKind::Outline),
        Action::Search => {
            focus_pane(state, Pane::Article);
            search::start(state);
        }
        Action::SearchNext => search::step(state, true, times),
        Action::SearchPrevious => search::step(state, false, times),
        Action::SearchEntity => search::search_entity(state),
        Action::JumpBack => jump(state, true, times),
        Action::JumpForward => jump(state, false, times),
        Action::SetMark => {
            if let Some(letter) = letter {
                let here = state.location();
                state.marks.insert(letter, here);
                state.message = Some(format!("mark '{letter}' set"));
            }
        }
        Action::GoToMark => {
            let mark = letter.and_then(|l| state.marks.get(&l).copied());
            match mark {
                Some(location) => {
                    record_jump(state);
                    restore(state, location);
                }
                None => {
                    state.message = Some(format!("mark '{}' is not set", letter.unwrap_or('?')))
                }
            }
        }
        Action::NextPane => {
            let next = match state.focus {
                Pane::Article => Pane::Entities,
                Pane::Entities => Pane::Timeline,
                Pane::Timeline => Pane::Article,
            };
            focus_pane(state, next);
        }
        Action::FocusArticle => focus_pane(state, Pane::Article),
        Action::FocusEntities => focus_pane(state, Pane::Entities),
        Action::FocusTimeline => focus_pane(state, Pane::Timeline),
        Action::ToggleZoom => {
            state.view.zoomed = !state.view.zoomed;
            focus_pane(state, Pane::Article);
        }
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Back => back(state),
        Action::Quit => {
            if state.overlay.is_some() {
                state.overlay = None;
            } else {
                state.quit = true;
            }
        }
        Action::Key(_) | Action::Resize(..) | Action::Click(..) | Action::Wheel(..) => {}
    }
}

fn follow_mention(state: &mut State) {
    let entity = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|mention| mention.entity);
    match entity {
        Some(entity) => {
            lists::select_entity(state, entity);
            let name = state.briefing.entity(entity).name.clone();
            state.message = Some(format!("selected {name}: ]m walks its mentions"));
        }
        None => state.message = Some("no mention focused: press Tab".to_string()),
    }
}

fn show_relations(state: &mut State) {
    if relation_rows(&state.briefing, state.selected_entity).is_empty() {
        state.message = Some("no relations for the selected entity".to_string());
    } else {
        state.overlay = Some(Overlay::Relations { cursor: 0 });
    }
}

fn jump(state: &mut State, backward: bool, times: usize) {
    for _ in 0..times {
        let here = state.location();
        let target = if backward {
            state.jumps.back(here)
        } else {
            state.jumps.forward()
        };
        match target {
            Some(location) => restore(state, location),
            None => {
                let end = if backward { "oldest" } else { "newest" };
                state.message = Some(format!("already at the {end} place in the jump list"));
                return;
            }
        }
    }
}

/// `Esc`: back out one level.
fn back(state: &mut State) {
    if state.overlay.take().is_some() {
        return;
    }
    if state.keys.count.take().is_some() || !state.keys.pending.is_empty() {
        state.keys.pending.clear();
        return;
    }
    if !state.search.matches.is_empty() || !state.search.label.is_empty() {
        state.search = Default::default();
        return;
    }
    if !state.entity_list.filter.is_empty() {
        state.entity_list.filter.clear();
        lists::refresh_entity_rows(state);
        return;
    }
    if state.focused_mention.take().is_some() {
        return;
    }
    if state.focus != Pane::Article {
        focus_pane(state, Pane::Article);
        return;
    }
    state.message = Some("press q to quit".to_string());
}
