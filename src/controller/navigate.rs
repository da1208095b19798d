//! Moving through the article: scrolling, mentions, sections, notes,
//! marks and the jump list. Every function here takes `&mut State` and is
//! called from `update` only.

use super::jumps::Location;
use super::state::{Pane, State};
use crate::model::{BlockKind, MentionId};

/// Rows kept between a focused target and the edge of the view.
const MARGIN: usize = 2;

pub fn scroll_to(state: &mut State, row: usize) {
    state.scroll = row.min(state.max_scroll());
    keep_cursor_in_view(state);
}

pub fn scroll_by(state: &mut State, rows: isize) {
    let target = state.scroll.saturating_add_signed(rows);
    scroll_to(state, target);
}

/// When scrolling leaves the reading position behind, it moves to the top
/// (or bottom) of the view, as a cursor does in less and vim.
fn keep_cursor_in_view(state: &mut State) {
    let document = &state.briefing.document;
    let row = state.layout.row_of_offset(document, state.cursor);
    let visible = state.visible_rows();
    if row < visible.start {
        state.cursor = state.layout.offset_of_row(document, visible.start);
    } else if row >= visible.end {
        let last = visible.end.saturating_sub(1);
        state.cursor = state.layout.offset_of_row(document, last);
    }
}

/// Brings a byte offset into view: a small move scrolls just enough, a far
/// one puts it a third of the way down.
pub fn reveal(state: &mut State, offset: usize) {
    let row = state.layout.row_of_offset(&state.briefing.document, offset);
    let rows = state.viewport_rows();
    let margin = MARGIN.min(rows / 4);
    let visible = state.visible_rows();
    let target = if row >= visible.start + margin && row + margin < visible.end {
        state.scroll
    } else if row + rows / 2 >= visible.start && row < visible.end + rows / 2 {
        if row < visible.start + margin {
            row.saturating_sub(margin)
        } else {
            (row + margin + 1).saturating_sub(rows)
        }
    } else {
        row.saturating_sub(rows / 3)
    };
    state.scroll = target.min(state.max_scroll());
    state.cursor = offset;
}

/// `G`/`gg` with a count: line N of the stored text.
pub fn go_to_text_line(state: &mut State, line: usize) {
    let lines = &state.briefing.document.lines;
    let offset = lines
        .line_start(line.clamp(1, lines.line_count()))
        .unwrap_or(0);
    record_jump(state);
    let row = state.layout.row_of_offset(&state.briefing.document, offset);
    scroll_to(state, row);
    state.cursor = offset;
}

pub fn record_jump(state: &mut State) {
    let here = state.location();
    state.jumps.record(here);
}

/// Goes to a recorded place.
pub fn restore(state: &mut State, location: Location) {
    let row = state
        .layout
        .row_of_offset(&state.briefing.document, location.top);
    state.scroll = row.min(state.max_scroll());
    state.focused_mention = location.mention;
    state.cursor = location
        .mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map_or(location.top, |mention| mention.span.start);
}

/// Focuses a mention and shows it.
pub fn focus_mention(state: &mut State, id: MentionId) {
    let Some(start) = state.briefing.mentions.get(id.0).map(|m| m.span.start) else {
        return;
    };
    state.focused_mention = Some(id);
    reveal(state, start);
}

/// Where mention, note and section motions start from: the focused mention
/// if it is on screen, else the reading position.
fn position(state: &State) -> usize {
    state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|mention| mention.span.start)
        .filter(|start| {
            let row = state.layout.row_of_offset(&state.briefing.document, *start);
            state.visible_rows().contains(&row)
        })
        .unwrap_or(state.cursor)
}

/// `Tab` / `Shift-Tab`: the next or previous mention in the text.
pub fn step_mention(state: &mut State, forward: bool, count: usize) {
    let mentions = &state.briefing.mentions;
    if mentions.is_empty() {
        state.message = Some("no mentions in this briefing".to_string());
        return;
    }
    let mut index = match (state.focused_mention, forward) {
        (Some(current), _) if on_screen(state, current) => current.0,
        (_, true) => {
            let from = position(state);
            let first = mentions.partition_point(|m| m.span.start < from);
            first.checked_sub(1).unwrap_or(mentions.len() - 1)
        }
        (_, false) => mentions.partition_point(|m| m.span.start < position(state)),
    };
    for _ in 0..count {
        index = if forward {
            (index + 1) % mentions.len()
        } else {
            index.checked_sub(1).unwrap_or(mentions.len() - 1)
        };
    }
    focus_mention(state, MentionId(index));
}

fn on_screen(state: &State, id: MentionId) -> bool {
    state.briefing.mentions.get(id.0).is_some_and(|mention| {
        let row = state
            .layout
            .row_of_offset(&state.briefing.document, mention.span.start);
        state.visible_rows().contains(&row)
    })
}

/// `]m` / `[m`: the next or previous mention of the walked entity, wrapping.
pub fn step_entity_mention(state: &mut State, forward: bool, count: usize) {
    let Some(entity) = state.walked_entity() else {
        state.message = Some("no entity selected: focus a mention or pick an entity".to_string());
        return;
    };
    let list = &state.briefing.entity(entity).mentions;
    if list.is_empty() {
        state.message = Some("this entity has no mentions".to_string());
        return;
    }
    let from = position(state);
    let current = state
        .focused_mention
        .and_then(|id| list.iter().position(|m| *m == id));
    let mut index = match (current, forward) {
        (Some(at), _) => at,
        (None, true) => {
            let after = list.partition_point(|id| state.briefing.mentions[id.0].span.start < from);
            after.checked_sub(1).unwrap_or(list.len() - 1)
        }
        (None, false) => list.partition_point(|id| state.briefing.mentions[id.0].span.start < from),
    };
    let mut wrapped = false;
    for _ in 0..count {
        if forward {
            index += 1;
            if index >= list.len() {
                index = 0;
                wrapped = true;
            }
        } else if index == 0 {
            index = list.len() - 1;
            wrapped = true;
        } else {
            index -= 1;
        }
    }
    let target = list[index];
    record_jump(state);
    focus_mention(state, target);
    state.selected_entity = Some(entity);
    if wrapped {
        let end = if forward { "top" } else { "bottom" };
        state.message = Some(format!("wrapped around to the {end}"));
    }
}

/// `]]` / `[[`: the next or previous heading.
pub fn step_section(state: &mut State, forward: bool, count: usize) {
    let headings: Vec<usize> = state
        .briefing
        .document
        .blocks
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::Heading { .. }))
        .map(|block| block.source.start)
        .collect();
    step_to(state, &headings, forward, count, "no more sections");
}

/// `]n` / `[n`: the next or previous analyst note.
pub fn step_note(state: &mut State, forward: bool, count: usize) {
    let starts: Vec<usize> = state
        .briefing
        .notes
        .iter()
        .map(|n| n.passage.start)
        .collect();
    step_to(state, &starts, forward, count, "no more notes");
}

/// Moves to the `count`-th of sorted `targets` after (or before) the
/// position, without wrapping.
fn step_to(state: &mut State, targets: &[usize], forward: bool, count: usize, none: &str) {
    let from = position(state);
    let index = if forward {
        let first = targets.partition_point(|&t| t <= from);
        first.checked_add(count - 1).filter(|&i| i < targets.len())
    } else {
        let before = targets.partition_point(|&t| t < from);
        before.checked_sub(count)
    };
    let Some(target) = index.and_then(|i| targets.get(i)).copied() else {
        state.message = Some(none.to_string());
        return;
    };
    record_jump(state);
    state.focused_mention = None;
    reveal_at_top(state, target);
}

/// Puts an offset near the top of the view (sections read from the top).
pub fn reveal_at_top(state: &mut State, offset: usize) {
    let row = state.layout.row_of_offset(&state.briefing.document, offset);
    state.scroll = row.saturating_sub(1).min(state.max_scroll());
    state.cursor = offset;
}

/// `zz` / `zt` around the focused mention or the reading position.
pub fn place_view(state: &mut State, centre: bool) {
    let offset = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map_or(state.cursor, |m| m.span.start);
    let row = state.layout.row_of_offset(&state.briefing.document, offset);
    let above = if centre { state.viewport_rows() / 2 } else { 0 };
    state.scroll = row.saturating_sub(above).min(state.max_scroll());
}

/// Moves focus to a pane, bringing it on screen in the narrow layout.
pub fn focus_pane(state: &mut State, pane: Pane) {
    state.focus = pane;
    state.view.narrow_pane = pane.index();
    if pane != Pane::Article {
        state.view.zoomed = false;
    }
}
