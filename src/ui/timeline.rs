//! The timeline: events in date order with fuzzy dates as written, a marker
//! on events whose passage is on screen, and the selected event's card.

use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;

use super::{draw_card, fill, pane_block, put, put_clipped, rect};
use crate::controller::{Pane, State, ViewSpan, cards};
use crate::layout::{self, Area, list_and_card, list_window};
use crate::theme::{Role, Theme};

/// Most columns the date column takes before each title.
const DATE_WIDTH: usize = 14;

pub fn draw(buffer: &mut Buffer, pane: Area, state: &State, span: &ViewSpan, theme: &Theme) {
    let events = &state.briefing.events;
    pane_block(
        format!("Timeline {}", events.len()),
        Pane::Timeline,
        state,
        theme,
    )
    .render(rect(pane), buffer);
    let inside = layout::inner(pane);
    if inside.is_empty() {
        return;
    }
    if events.is_empty() {
        let note = if state.briefing.meta.annotation_path.is_none() {
            "no annotations"
        } else {
            "no events"
        };
        put(
            buffer,
            inside.x,
            inside.y,
            inside.width,
            note,
            theme.style(Role::Muted),
        );
        return;
    }
    let (list, card) = list_and_card(inside);
    let on_screen = &span.text;
    let focused = state.focus == Pane::Timeline && state.overlay.is_none();
    let first = list_window(state.selected_event, events.len(), usize::from(list.height));
    // The date column fits the longest readable date, within a third of a
    // wide pane; a date longer than that ends in an ellipsis.
    let date_width = state
        .longest_date
        .min(DATE_WIDTH.max(usize::from(list.width) / 3));
    for (row, (index, event)) in events
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(list.height))
        .enumerate()
    {
        let y = list.y + u16::try_from(row).unwrap_or(0);
        let selected = index == state.selected_event;
        let style = if selected {
            theme.style(if focused {
                Role::Selection
            } else {
                Role::SelectionUnfocused
            })
        } else {
            theme.style(Role::Text)
        };
        if selected {
            fill(buffer, list.x, y, list.width, style);
        }
        let visible = event
            .passage
            .as_ref()
            .is_some_and(|p| p.start < on_screen.end && on_screen.start < p.end.max(p.start + 1));
        if visible {
            put(
                buffer,
                list.x,
                y,
                1,
                crate::layout::symbols::EVENT_ON_SCREEN,
                if selected {
                    style
                } else {
                    theme.style(Role::OnScreen)
                },
            );
        }
        let date_columns = u16::try_from(date_width).unwrap_or(u16::MAX);
        let room = list.width.saturating_sub(2);
        put_clipped(
            buffer,
            list.x + 2,
            y,
            date_columns.min(room),
            event.date.readable(),
            style,
        );
        let title_x = list.x + 2 + date_columns + 1;
        put_clipped(
            buffer,
            title_x,
            y,
            list.right().saturating_sub(title_x),
            &event.title,
            style,
        );
    }
    if let Some(shown) = cards::event_card(state) {
        let scroll = if state.focus == Pane::Timeline {
            state.card_scroll
        } else {
            0
        };
        draw_card(buffer, card, &shown.lines, scroll, theme);
    }
}
