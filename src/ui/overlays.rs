//! Overlays drawn over the panes: the text overlays (help generated from the
//! keymap, the briefing's info, a reload's diagnostics), the relations
//! list, and the fuzzy pickers. Hint labels are drawn by the article.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{fill, put, put_clipped, put_right, rect};
use crate::controller::picker::Picker;
use crate::controller::{Overlay, State, overlays, relation_rows};
use crate::layout::{Area, overlay_box};
use crate::theme::{Role, Theme};

pub fn draw(buffer: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    match &state.overlay {
        None | Some(Overlay::Hints { .. }) => {}
        Some(
            Overlay::Help { scroll }
            | Overlay::Info { scroll }
            | Overlay::Diagnostics { scroll, .. }
            | Overlay::Review { scroll, .. },
        ) => text_overlay(buffer, area, *scroll, state, theme),
        Some(Overlay::Relations { cursor }) => relations(buffer, area, *cursor, state, theme),
        Some(Overlay::Picker(picker)) => draw_picker(buffer, area, picker, theme),
    }
}

/// A centred box with a border and title; returns its inside.
fn frame(
    buffer: &mut Buffer,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: &Theme,
) -> Rect {
    let screen = Area::new(area.x, area.y, area.width, area.height);
    let outer = rect(overlay_box(screen, width, height));
    Clear.render(outer, buffer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::BorderFocused))
        .style(theme.style(Role::Overlay))
        .title(format!(" {title} "));
    let inside = block.inner(outer);
    block.render(outer, buffer);
    inside
}

/// Help, info or diagnostics: lines the controller has wrapped to the box.
fn text_overlay(buffer: &mut Buffer, area: Rect, scroll: usize, state: &State, theme: &Theme) {
    let (title, lines) = overlays::lines(state);
    let inside = frame(buffer, area, 78, area.height, &title, theme);
    let first = scroll.min(lines.len().saturating_sub(usize::from(inside.height)));
    for (row, (heading, line)) in lines
        .iter()
        .skip(first)
        .take(usize::from(inside.height))
        .enumerate()
    {
        let y = inside.y + u16::try_from(row).unwrap_or(0);
        let style = if *heading {
            theme.style(Role::ListHeading)
        } else {
            theme.style(Role::Text)
        };
        put(buffer, inside.x, y, inside.width, line, style);
    }
    let shown_to = first + usize::from(inside.height);
    if shown_to < lines.len() && inside.height > 0 {
        let more = format!(" \u{2193} {} more ", lines.len() - shown_to);
        let (right, bottom) = (inside.right(), inside.bottom() - 1);
        put_right(
            buffer,
            right,
            bottom,
            inside.width,
            &more,
            theme.style(Role::Muted),
        );
    }
}

fn relations(buffer: &mut Buffer, area: Rect, cursor: usize, state: &State, theme: &Theme) {
    let rows = relation_rows(&state.briefing, state.selected_entity);
    let name = state
        .selected_entity
        .map_or("", |id| state.briefing.entity(id).name.as_str());
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    let inside = frame(
        buffer,
        area,
        70,
        height,
        &format!("Relations of {name}"),
        theme,
    );
    for (index, row) in rows.iter().enumerate().take(usize::from(inside.height)) {
        let y = inside.y + u16::try_from(index).unwrap_or(0);
        let other = state.briefing.entity(row.other);
        let mut text = row.label(&state.briefing);
        let judged = state
            .review()
            .zip(state.selected_entity)
            .and_then(|(session, entity)| session.relation_verdict(&state.briefing, entity, row));
        if let Some(judgement) = judged {
            text.push_str(&format!(" \u{b7} your verdict: {}", judgement.name()));
        }
        let style = if index == cursor {
            theme.style(Role::Selection)
        } else {
            theme.kind(&other.kind)
        };
        if index == cursor {
            fill(buffer, inside.x, y, inside.width, style);
        }
        put(buffer, inside.x, y, inside.width, &text, style);
    }
}

fn draw_picker(buffer: &mut Buffer, area: Rect, picker: &Picker, theme: &Theme) {
    let height = u16::try_from(picker.matches.len() + 3)
        .unwrap_or(u16::MAX)
        .min(24);
    let inside = frame(buffer, area, 72, height, picker.kind.title(), theme);
    if inside.height == 0 {
        return;
    }
    let prompt = format!("> {}\u{2581}", picker.query);
    fill(
        buffer,
        inside.x,
        inside.y,
        inside.width,
        theme.style(Role::Prompt),
    );
    put(
        buffer,
        inside.x,
        inside.y,
        inside.width,
        &prompt,
        theme.style(Role::Prompt),
    );
    let count = format!("{}/{}", picker.matches.len(), picker.items.len());
    let style = theme.style(Role::Prompt);
    put_right(
        buffer,
        inside.right(),
        inside.y,
        inside.width,
        &count,
        style,
    );
    let list_height = usize::from(inside.height.saturating_sub(1));
    let first = crate::layout::list_window(picker.cursor, picker.matches.len(), list_height);
    for (row, &item_index) in picker
        .matches
        .iter()
        .enumerate()
        .skip(first)
        .take(list_height)
    {
        let Some(item) = picker.items.get(item_index) else {
            continue;
        };
        let y = inside.y + 1 + u16::try_from(row - first).unwrap_or(0);
        let selected = row == picker.cursor;
        let style = if selected {
            theme.style(Role::Selection)
        } else {
            theme.style(Role::Text)
        };
        if selected {
            fill(buffer, inside.x, y, inside.width, style);
        }
        let detail_width = u16::try_from(item.detail.chars().count())
            .unwrap_or(0)
            .min(inside.width / 2);
        let label_room = inside.width.saturating_sub(detail_width + 1);
        put_clipped(
            buffer,
            inside.x + 1,
            y,
            label_room.saturating_sub(2),
            &item.label,
            style,
        );
        let detail_style = if selected {
            style
        } else {
            theme.style(Role::Muted)
        };
        put(
            buffer,
            inside.right() - detail_width,
            y,
            detail_width,
            &item.detail,
            detail_style,
        );
    }
}
