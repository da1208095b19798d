//! Mouse input (only with `--mouse`): a click selects the mention, list row
//! or event under it; the wheel scrolls the article or moves a list.

use super::entity_rows::EntityLine;
use super::lists;
use super::navigate::{focus_mention, focus_pane, scroll_by};
use super::pane::Pane;
use super::state::State;
use crate::layout::{self, Area, list_and_card, list_window};

/// Wheel steps scroll this many rows.
const WHEEL_ROWS: isize = 3;

fn pane_at(state: &State, column: u16, row: u16) -> Option<(Pane, Area)> {
    let panes = state.panes();
    [
        (Pane::Article, panes.article),
        (Pane::Entities, panes.entities),
        (Pane::Timeline, panes.timeline),
    ]
    .into_iter()
    .find_map(|(pane, area)| area.filter(|a| a.contains(column, row)).map(|a| (pane, a)))
}

pub fn click(state: &mut State, column: u16, row: u16) {
    if !state.mouse || state.overlay.is_some() {
        return;
    }
    let Some((pane, area)) = pane_at(state, column, row) else {
        return;
    };
    focus_pane(state, pane);
    match pane {
        Pane::Article => {
            let text = layout::article_text(area);
            // The note's card covers the text below it.
            let on_card =
                state.note_card_open() && layout::note_card_area(area).contains(column, row);
            if !text.contains(column, row) || on_card {
                return;
            }
            let document = &state.briefing.document;
            let down = usize::from(row - text.y);
            let (article_row, moved) = state.layout.step(document, state.top, super::signed(down));
            let offset = (moved == down)
                .then(|| {
                    state
                        .layout
                        .offset_at(document, article_row, usize::from(column - text.x))
                })
                .flatten();
            // The innermost mention under the click.
            let mention = offset.and_then(|offset| {
                state
                    .briefing
                    .mentions_overlapping(offset..offset + 1)
                    .filter(|(_, m)| m.span.start <= offset && offset < m.span.end)
                    .max_by_key(|(_, m)| m.span.start)
                    .map(|(id, _)| id)
            });
            if let Some(id) = mention {
                focus_mention(state, id);
                if let Some(entity) = state.briefing.mentions.get(id.0).map(|m| m.entity) {
                    lists::select_entity(state, entity);
                }
            }
        }
        Pane::Entities => {
            let (list, _) = list_and_card(layout::inner(area));
            if !list.contains(column, row) {
                return;
            }
            let lines = &state.entity_list.lines;
            let first = list_window(
                state.entity_cursor_line(),
                lines.len(),
                usize::from(list.height),
            );
            if let Some(EntityLine::Entity(id)) =
                lines.get(first + usize::from(row - list.y)).cloned()
            {
                lists::select_entity(state, id);
            }
        }
        Pane::Timeline => {
            let (list, _) = list_and_card(layout::inner(area));
            if !list.contains(column, row) {
                return;
            }
            // Events take one or two rows: the same rows as drawn.
            let events = &state.briefing.events;
            let timeline = layout::TimelineRows::new(
                events,
                list.width,
                state.longest_date,
                &state.timeline_memo,
            );
            let first = timeline.window(state.selected_event, usize::from(list.height));
            if let Some(index) = timeline.entry_at(first, usize::from(row - list.y)) {
                lists::select_at(state, index);
            }
        }
    }
}

pub fn wheel(state: &mut State, down: bool, column: u16, row: u16) {
    if !state.mouse || state.overlay.is_some() {
        return;
    }
    let step = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
    match pane_at(state, column, row).map(|(pane, _)| pane) {
        Some(Pane::Article) => scroll_by(state, step),
        Some(pane) => {
            let before = state.focus;
            state.focus = pane;
            lists::select(state, step.signum());
            state.focus = before;
        }
        None => {}
    }
}
