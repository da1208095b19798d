//! The timeline: events in date order with fuzzy dates as written, a marker
//! on events whose passage is on screen, and the selected event's card.
//! Which rows an event takes, and what they say, is `layout::TimelineRows`'s
//! business (mouse clicks use it too).

use ratatui::buffer::Buffer;

use super::{draw_card, fill, pane_frame, put};
use crate::controller::{Pane, State, ViewSpan, cards};
use crate::layout::{self, Area, DATE_X, TimelineRows, list_and_card, symbols};
use crate::theme::{Role, Theme};

pub fn draw(buffer: &mut Buffer, pane: Area, state: &State, span: &ViewSpan, theme: &Theme) {
    let events = &state.briefing.events;
    let title = format!("Timeline {}", events.len());
    pane_frame(buffer, pane, &title, Pane::Timeline, state, theme);
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
    let timeline = TimelineRows::new(events, list.width, state.longest_date, &state.timeline_memo);
    let first = timeline.window(state.selected_event, usize::from(list.height));
    let mut y = list.y;
    for (index, event) in events.iter().enumerate().skip(first) {
        if y >= list.bottom() {
            break;
        }
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
        let visible = event
            .passage
            .as_ref()
            .is_some_and(|p| p.start < on_screen.end && on_screen.start < p.end.max(p.start + 1));
        for (row, line) in timeline.rows(index).iter().enumerate() {
            if y >= list.bottom() {
                break;
            }
            if selected {
                fill(buffer, list.x, y, list.width, style);
            }
            if visible && row == 0 {
                let marker = if selected {
                    style
                } else {
                    theme.style(Role::OnScreen)
                };
                put(buffer, list.x, y, 1, symbols::EVENT_ON_SCREEN, marker);
            }
            // The rows come cut to fit; `put` keeps them to the list.
            let date_x = list.x + DATE_X.min(list.width);
            put(buffer, date_x, y, list.right() - date_x, &line.date, style);
            let title_x = list.x + line.title_x.min(list.width);
            put(
                buffer,
                title_x,
                y,
                list.right() - title_x,
                &line.title,
                style,
            );
            y += 1;
        }
    }
    if let Some(shown) = cards::event_card(state) {
        let scroll = state.card_scroll_of(Pane::Timeline);
        draw_card(buffer, card, &shown.lines, scroll, state, theme);
    }
}
