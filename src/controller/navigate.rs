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
    state.cursor = location.cursor;
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

/// Where `count` steps through a wrapping list of `len` items land.
/// `current` is the item the steps start from; without one, `insert` is
/// where the reading position falls among the items (the number of items
/// before it). Returns the index and whether the list wrapped.
pub fn wrapping_step(
    len: usize,
    current: Option<usize>,
    insert: usize,
    forward: bool,
    count: usize,
) -> (usize, bool) {
    // In i128 a count of any size cannot overflow.
    let (len, count) = (len.max(1) as i128, count.max(1) as i128);
    let raw = match (current, forward) {
        (Some(at), true) => at as i128 + count,
        (Some(at), false) => at as i128 - count,
        // Without a current item, the first step lands on the first item
        // after (or the last before) the position.
        (None, true) => insert as i128 + count - 1,
        (None, false) => insert as i128 - count,
    };
    let wrapped = raw < 0 || raw >= len;
    (usize::try_from(raw.rem_euclid(len)).unwrap_or(0), wrapped)
}

/// `Tab` / `Shift-Tab`: the next or previous mention in the text.
pub fn step_mention(state: &mut State, forward: bool, count: usize) {
    let mentions = &state.briefing.mentions;
    if mentions.is_empty() {
        state.message = Some("no mentions in this briefing".to_string());
        return;
    }
    let current = state
        .focused_mention
        .filter(|id| on_screen(state, *id))
        .map(|id| id.0);
    let from = position(state);
    let insert = mentions.partition_point(|m| m.span.start < from);
    let (index, _) = wrapping_step(mentions.len(), current, insert, forward, count);
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
    let insert = list.partition_point(|id| {
        state
            .briefing
            .mentions
            .get(id.0)
            .is_some_and(|m| m.span.start < from)
    });
    let (index, wrapped) = wrapping_step(list.len(), current, insert, forward, count);
    let Some(target) = list.get(index).copied() else {
        return;
    };
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

#[cfg(test)]
mod tests {
    use super::wrapping_step;

    #[test]
    fn steps_wrap_and_say_so() {
        // From item 2 of 5.
        assert_eq!(wrapping_step(5, Some(2), 0, true, 1), (3, false));
        assert_eq!(wrapping_step(5, Some(4), 0, true, 1), (0, true));
        assert_eq!(wrapping_step(5, Some(0), 0, false, 1), (4, true));
        assert_eq!(wrapping_step(5, Some(2), 0, true, 5), (2, true));
        // From a position before item 0 / between items 1 and 2.
        assert_eq!(wrapping_step(5, None, 0, true, 1), (0, false));
        assert_eq!(wrapping_step(5, None, 2, true, 1), (2, false));
        assert_eq!(wrapping_step(5, None, 2, false, 1), (1, false));
        assert_eq!(wrapping_step(5, None, 0, false, 1), (4, true));
        assert_eq!(wrapping_step(5, None, 5, true, 1), (0, true));
        // A huge count costs nothing.
        assert_eq!(
            wrapping_step(5, Some(0), 0, true, usize::MAX).0,
            usize::MAX % 5
        );
    }
}
