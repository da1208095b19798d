//! Moving through the article: scrolling, mentions, sections, notes,
//! marks and the jump list. Every function here takes `&mut State` and is
//! called from `update` only.

use super::jumps::Location;
use super::pane::Pane;
use super::state::{State, signed};
use crate::layout::RowPos;
use crate::model::{BlockKind, MentionId};

/// Rows kept between a focused target and the edge of the view (at most a
/// fifth of the view, so a short view still moves).
const SCROLL_OFF: usize = 3;

pub fn scroll_to(state: &mut State, top: RowPos) {
    state.top = top;
    clamp_top(state);
    keep_cursor_in_view(state);
}

pub fn scroll_by(state: &mut State, rows: isize) {
    let top = state
        .layout
        .step(&state.briefing.document, state.top, rows)
        .0;
    scroll_to(state, top);
}

/// Keeps the view from scrolling past the end: only a view near the end
/// needs to know where the end is.
pub fn clamp_top(state: &mut State) {
    if state.at_end() {
        state.top = state.top.min(state.last_top());
    }
}

/// When scrolling leaves the reading position behind, it moves to the top
/// (or bottom) of the view, as a cursor does in less and vim.
fn keep_cursor_in_view(state: &mut State) {
    if state.is_visible(state.cursor) {
        return;
    }
    let document = &state.briefing.document;
    let row = state.layout.pos_of_offset(document, state.cursor);
    let edge = if row < state.top {
        state.top
    } else {
        state.bottom()
    };
    state.cursor = state.layout.offset_of(document, edge);
}

/// Brings a byte offset into view: a small move scrolls just enough to
/// keep it `SCROLL_OFF` rows from either edge, a far one puts it in the
/// middle of the view (where the eye is), never on the last rows.
pub fn reveal(state: &mut State, offset: usize) {
    let document = &state.briefing.document;
    let layout = &state.layout;
    let row = layout.pos_of_offset(document, offset);
    let rows = state.viewport_rows();
    let margin = SCROLL_OFF.min(rows / 5);
    // Rows from the top of the view down to the target, when it is within
    // half a screen of the view.
    let near = rows + rows / 2;
    let below = if row >= state.top {
        layout
            .rows_between(document, state.top, row, near)
            .map(signed)
    } else {
        layout
            .rows_between(document, row, state.top, rows / 2)
            .map(|d| -signed(d))
    };
    let up = |by: usize| layout.step(document, row, -signed(by)).0;
    state.top = match below {
        Some(d) if d >= signed(margin) && d + signed(margin) < signed(rows) => state.top,
        Some(d) if d < signed(margin) => up(margin),
        Some(_) => up((rows - 1).saturating_sub(margin)),
        None => up(rows / 2),
    };
    clamp_top(state);
    state.cursor = offset;
}

/// `N%`: the row showing the byte N% into the text, as less counts.
pub fn go_to_percent(state: &mut State, percent: usize) {
    record_jump(state);
    state.focused_mention = None;
    let document = &state.briefing.document;
    let offset = document.text.len().saturating_mul(percent.min(100)) / 100;
    let row = state.layout.pos_of_offset(document, offset);
    scroll_to(state, row);
    state.cursor = state.top_offset();
}

/// `G`/`gg` with a count: line N of the stored text.
pub fn go_to_text_line(state: &mut State, line: usize) {
    let lines = &state.briefing.document.lines;
    let offset = lines
        .line_start(line.clamp(1, lines.line_count()))
        .unwrap_or(0);
    record_jump(state);
    state.focused_mention = None;
    let row = state.layout.pos_of_offset(&state.briefing.document, offset);
    scroll_to(state, row);
    state.cursor = offset;
}

/// Remembers where the reader is before a big move: in the jump list, and
/// as the place `''` returns to.
pub fn record_jump(state: &mut State) {
    let here = state.location();
    state.jumps.record(here);
    state.before_jump = Some(here);
    // A jump leaves the note it was on: its card would cover where the
    // jump lands (a jump to a note opens that note's card again).
    state.focused_note = None;
    state.focused_review_note = None;
}

/// Goes to a recorded place: the article's view and focus, and what the
/// side panes showed then.
pub fn restore(state: &mut State, location: Location) {
    state.top = state
        .layout
        .pos_of_offset(&state.briefing.document, location.top);
    clamp_top(state);
    state.focused_mention = location.mention;
    state.cursor = location.cursor;
    state.focused_note = location.note;
    state.focused_review_note = None;
    state.selected_event = location.event;
    match location.entity {
        Some(entity) => state.select_entity(entity),
        None => state.selected_entity = None,
    }
    state.card_scroll = 0;
    focus_pane(state, location.focus);
}

/// Focuses a mention and shows it.
pub fn focus_mention(state: &mut State, id: MentionId) {
    // A discontinuous mention is focused as a whole, at its first part.
    let Some(id) = state.briefing.mentions.get(id.0).map(|m| m.head(id)) else {
        return;
    };
    let Some(start) = state.briefing.mentions.get(id.0).map(|m| m.span.start) else {
        return;
    };
    state.focused_mention = Some(id);
    state.focused_note = None;
    state.focused_review_note = None;
    reveal(state, start);
}

/// Where mention, note and section motions start from: the focused mention
/// if it is on screen, else the reading position if it is, else the top of
/// the view (the reader is looking at the screen, not at a place left
/// behind).
fn position(state: &State) -> usize {
    state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|mention| mention.span.start)
        .filter(|start| state.is_visible(*start))
        .or_else(|| Some(state.cursor).filter(|c| state.is_visible(*c)))
        .unwrap_or_else(|| state.top_offset())
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
    let (mut index, _) = wrapping_step(mentions.len(), current, insert, forward, count);
    // The further parts of a discontinuous mention are not stops of their
    // own: the step goes on past them.
    for _ in 0..mentions.len() {
        match mentions.get(index) {
            Some(mention) if mention.head(MentionId(index)) != MentionId(index) => {
                (index, _) = wrapping_step(mentions.len(), Some(index), 0, forward, 1);
            }
            _ => break,
        }
    }
    focus_mention(state, MentionId(index));
}

fn on_screen(state: &State, id: MentionId) -> bool {
    state
        .briefing
        .mentions
        .get(id.0)
        .is_some_and(|mention| state.is_visible(mention.span.start))
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
        .and_then(|id| list.binary_search(&id).ok());
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
    state.select_entity(entity);
    if wrapped {
        let end = if forward { "top" } else { "bottom" };
        state.message = Some(format!("wrapped around to the {end}"));
    }
}

/// `]]` / `[[`: the next or previous heading. Walks the blocks from the
/// position, so it costs the distance travelled, not the document.
pub fn step_section(state: &mut State, forward: bool, count: usize) {
    let from = position(state);
    let blocks = &state.briefing.document.blocks;
    let is_heading = |block: &&crate::model::Block| matches!(block.kind, BlockKind::Heading { .. });
    let split = blocks.partition_point(|block| block.source.start <= from);
    let target = if forward {
        blocks
            .get(split..)
            .unwrap_or_default()
            .iter()
            .filter(is_heading)
            .nth(count - 1)
    } else {
        let before = blocks.partition_point(|block| block.source.start < from);
        blocks
            .get(..before)
            .unwrap_or_default()
            .iter()
            .rev()
            .filter(is_heading)
            .nth(count - 1)
    }
    .map(|block| block.source.start);
    go_to_target(state, target, "no more sections");
}

/// `]n` / `[n`: the next or previous analyst note.
pub fn step_note(state: &mut State, forward: bool, count: usize) {
    let from = position(state);
    // Notes are sorted by passage start: the targets are found by binary
    // search, not collected.
    let notes = &state.briefing.notes;
    // From a focused note on screen, its neighbours (notes may share a
    // start); else from the position.
    let current = state.focused_note.filter(|i| {
        notes
            .get(*i)
            .is_some_and(|note| state.is_visible(note.passage.start))
    });
    let index = match (current, forward) {
        (Some(at), true) => at.checked_add(count),
        (Some(at), false) => at.checked_sub(count),
        (None, true) => notes
            .partition_point(|n| n.passage.start <= from)
            .checked_add(count - 1),
        (None, false) => notes
            .partition_point(|n| n.passage.start < from)
            .checked_sub(count),
    };
    let Some(index) = index.filter(|i| *i < notes.len()) else {
        state.message = Some(if notes.is_empty() {
            "this briefing has no notes".to_string()
        } else {
            "no more notes".to_string()
        });
        return;
    };
    focus_note(state, index);
}

/// Shows a note: its passage near the top of the view, its card open.
pub fn focus_note(state: &mut State, index: usize) {
    let Some(start) = state.briefing.notes.get(index).map(|n| n.passage.start) else {
        return;
    };
    record_jump(state);
    state.focused_mention = None;
    // The card is open before the view is placed: it takes the foot of
    // the article, and the passage must stay above it.
    state.focused_note = Some(index);
    state.focused_review_note = None;
    state.card_scroll = 0;
    reveal_at_top(state, start);
}

fn go_to_target(state: &mut State, target: Option<usize>, none: &str) {
    let Some(target) = target else {
        state.message = Some(none.to_string());
        return;
    };
    record_jump(state);
    state.focused_mention = None;
    reveal_at_top(state, target);
}

/// Puts an offset near the top of the view (sections read from the top).
pub fn reveal_at_top(state: &mut State, offset: usize) {
    let document = &state.briefing.document;
    let row = state.layout.pos_of_offset(document, offset);
    state.top = state.layout.step(document, row, -1).0;
    clamp_top(state);
    state.cursor = offset;
}

/// `zz` / `zt` around the focused mention or the reading position.
pub fn place_view(state: &mut State, centre: bool) {
    let offset = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map_or(state.cursor, |m| m.span.start);
    let document = &state.briefing.document;
    let row = state.layout.pos_of_offset(document, offset);
    let above = if centre { state.viewport_rows() / 2 } else { 0 };
    state.top = state.layout.step(document, row, -signed(above)).0;
    clamp_top(state);
}

/// Moves focus to a pane, bringing it on screen in the narrow layout.
/// Without annotations the side panes are folded away and cannot take it.
pub fn focus_pane(state: &mut State, pane: Pane) {
    if pane != Pane::Article && state.briefing.meta.annotation_path.is_none() {
        state.message = Some("no annotations: the side panes are folded away".to_string());
        return;
    }
    if state.focus != pane {
        state.card_scroll = 0;
    }
    // The entity list shows a selection as soon as it has the focus, so
    // Enter and r act on the row the cursor is seen on.
    if pane == Pane::Entities && state.selected_entity.is_none() {
        if let Some(first) = state
            .entity_list
            .rows
            .get(state.entity_list.cursor)
            .copied()
        {
            state.selected_entity = Some(first);
        }
    }
    // Moving to another pane leaves a zoom on this one.
    if state.view.zoomed && state.view.narrow_pane != pane.index() {
        state.view.zoomed = false;
    }
    state.focus = pane;
    state.view.narrow_pane = pane.index();
}

/// `Ctrl-w o`: the focused pane alone (the article, or a list with a tall
/// card), or all panes again.
pub fn toggle_zoom(state: &mut State) {
    state.view.zoomed = !state.view.zoomed;
    state.view.narrow_pane = state.focus.index();
    state.card_scroll = 0;
}

/// `Ctrl-w >` / `<` / `=`: side panes wider or narrower by `steps`, or
/// back to their width (the config file's) with 0.
pub fn resize_sides(state: &mut State, steps: isize) {
    let before = state.panes();
    if steps == 0 {
        state.view.side_shift = state.configured_side_shift;
    }
    for _ in 0..steps.unsigned_abs().min(64) {
        if steps > 0 {
            state.view.widen_side(state.screen);
        } else {
            state.view.narrow_side(state.screen);
        }
    }
    if state.view.zoomed {
        state.message = Some("zoomed: the side panes' width shows when they are back".to_string());
    } else if state.panes() == before && steps != 0 {
        state.message = Some(if state.panes().entities.is_none() {
            "no side panes at this size".to_string()
        } else if steps > 0 {
            "the side panes are as wide as the article allows".to_string()
        } else {
            "the side panes are as narrow as they go, or the article is at its measure".to_string()
        });
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
