//! The entity sidebar: entities grouped by kind with mention counts (and
//! the filter), above the selected entity's card: kind, aliases, summary,
//! tags, relations both ways, events, notes, and which mention is focused.

use ratatui::buffer::Buffer;

use super::{draw_card, pane_frame, put, put_clipped};
use crate::controller::entity_rows::EntityLine;
use crate::controller::{Pane, State, cards};
use crate::layout::{self, Area, list_and_card, list_window};
use crate::theme::{Role, Theme};

pub fn draw(buffer: &mut Buffer, pane: Area, state: &State, theme: &Theme) {
    let count = state.briefing.entities.len();
    let title = if state.entity_list.filter.is_empty() {
        format!("Entities {count}")
    } else {
        format!("Entities {}/{count}", state.entity_list.rows.len())
    };
    pane_frame(buffer, pane, &title, Pane::Entities, state, theme);
    let inside = layout::inner(pane);
    if inside.is_empty() {
        return;
    }
    if state.briefing.meta.annotation_path.is_none() {
        put(
            buffer,
            inside.x,
            inside.y,
            inside.width,
            "no annotations",
            theme.style(Role::Muted),
        );
        return;
    }
    // With nothing selected there is no card: the list takes the room.
    let (mut list, card) = if state.selected_entity.is_some() {
        list_and_card(inside)
    } else {
        (inside, Area::default())
    };
    if !state.entity_list.filter.is_empty() || state.entity_list.editing {
        let filter = format!("/{}", state.entity_list.filter);
        put(
            buffer,
            list.x,
            list.y,
            list.width,
            &filter,
            theme.style(Role::Prompt),
        );
        list = Area::new(
            list.x,
            list.y + 1,
            list.width,
            list.height.saturating_sub(1),
        );
    }
    draw_list(buffer, list, state, theme);
    if let Some(shown) = cards::entity_card(state) {
        let scroll = state.card_scroll_of(Pane::Entities);
        draw_card(buffer, card, &shown.lines, scroll, state, theme);
    }
}

fn draw_list(buffer: &mut Buffer, area: Area, state: &State, theme: &Theme) {
    let lines = &state.entity_list.lines;
    let selected = state.entity_cursor_line();
    let first = list_window(selected, lines.len(), usize::from(area.height));
    let focused = state.focus == Pane::Entities && state.overlay.is_none();
    for (row, line) in lines
        .iter()
        .skip(first)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        match line {
            EntityLine::Kind { label, count } => {
                let heading = format!("{} ({count})", label.to_uppercase());
                put(
                    buffer,
                    area.x,
                    y,
                    area.width,
                    &heading,
                    theme.style(Role::ListHeading),
                );
            }
            EntityLine::Entity(id) => {
                let entity = state.briefing.entity(*id);
                let is_cursor = first + row == selected && state.selected_entity == Some(*id);
                let count = format!(" {}", entity.mentions.len());
                let count_width = u16::try_from(count.len()).unwrap_or(0).min(area.width);
                let name_room = area.width.saturating_sub(count_width + 1);
                let style = if is_cursor {
                    theme.style(if focused {
                        Role::Selection
                    } else {
                        Role::SelectionUnfocused
                    })
                } else {
                    theme.kind(&entity.kind)
                };
                if is_cursor {
                    super::fill(buffer, area.x, y, area.width, style);
                }
                put_clipped(buffer, area.x + 1, y, name_room, &entity.name, style);
                let muted = if is_cursor {
                    style
                } else {
                    theme.style(Role::Muted)
                };
                put(
                    buffer,
                    area.right() - count_width,
                    y,
                    count_width,
                    &count,
                    muted,
                );
            }
        }
    }
}
