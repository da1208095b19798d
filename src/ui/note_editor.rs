//! The reviewer's note editor, drawn over the panes: the passage the note
//! is on, its kind and grading, the text with the terminal's cursor where
//! typing goes, and the keys that keep or drop it. Reads the draft;
//! changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{put, rect};
use crate::controller::State;
use crate::controller::note_draft::NoteDraft;
use crate::layout::{Area, cell_width, overlay_box, wrap};
use crate::model::NoteKind;
use crate::review::notes::grading_code;
use crate::theme::{Role, Theme};

const WIDTH: u16 = 68;
const HEIGHT: u16 = 14;
/// Rows above the text: the passage, the kind and grading, a blank row.
const HEAD: u16 = 3;

/// The box and its inside, for drawing and for the cursor alike.
fn boxes(area: Area) -> (Rect, Rect) {
    let outer = rect(overlay_box(area, WIDTH, HEIGHT));
    let inside = Block::default().borders(Borders::ALL).inner(outer);
    (outer, inside)
}

/// The draft's text as the box shows it: each line wrapped to `width`
/// (as the article wraps), as byte ranges of the text; and the row and
/// column (in cells) of the cursor.
fn wrapped(draft: &NoteDraft, width: u16) -> (Vec<std::ops::Range<usize>>, usize, usize) {
    let width = usize::from(width).max(1);
    let mut rows = Vec::new();
    let mut cursor = (0, 0);
    let mut start = 0;
    for line in draft.text.split('\n') {
        let first_row = rows.len();
        for range in wrap(line, width) {
            rows.push(start + range.start..start + range.end);
        }
        // The cursor is on the last row of its line that starts at or
        // before it (a space left out at a break belongs to the row before).
        let end = start + line.len();
        if (start..=end).contains(&draft.cursor) {
            let row = (first_row..rows.len())
                .rev()
                .find(|&r| rows.get(r).is_some_and(|range| range.start <= draft.cursor))
                .unwrap_or(first_row);
            let from = rows.get(row).map_or(start, |range| range.start);
            let before = draft.text.get(from..draft.cursor).unwrap_or_default();
            cursor = (row, cell_width(before));
        }
        start = end + 1;
    }
    (rows, cursor.0, cursor.1)
}

/// Rows of text the box shows, and the first shown (the cursor's row
/// stays in view).
fn text_window(inside: Rect, cursor_row: usize) -> (usize, usize) {
    let rows = usize::from(inside.height.saturating_sub(HEAD + 1)).max(1);
    (rows, cursor_row.saturating_sub(rows - 1))
}

pub fn draw(buffer: &mut Buffer, area: Area, state: &State, theme: &Theme) {
    let Some(draft) = state.review().and_then(|r| r.note_draft()) else {
        return;
    };
    let (outer, inside) = boxes(area);
    Clear.render(outer, buffer);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::BorderFocused))
        .style(theme.style(Role::Overlay))
        .title(if draft.editing.is_some() {
            " Your note (the reviewer's), kept: emptied, it is removed "
        } else {
            " Your note (the reviewer's) "
        })
        .render(outer, buffer);
    if inside.height < HEAD + 2 {
        return;
    }
    let text = &state.briefing().document.text;
    let quote: String = text
        .get(draft.passage.clone())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let on = format!("on \u{201c}{quote}\u{201d}");
    put(
        buffer,
        inside.x,
        inside.y,
        inside.width,
        &on,
        theme.style(Role::Muted),
    );
    let mut x = inside.x;
    let y = inside.y + 1;
    x += put(
        buffer,
        x,
        y,
        inside.width,
        "kind ",
        theme.style(Role::Muted),
    );
    for kind in NoteKind::ALL {
        let room = inside.right().saturating_sub(x);
        let label = format!(" {} ", kind.name());
        let style = if kind == draft.kind {
            theme.note(kind).patch(theme.style(Role::Selection))
        } else {
            theme.note(kind)
        };
        x += put(buffer, x, y, room, &label, style);
    }
    let grading = grading_code(&draft.grading);
    let graded = format!(
        "  grading {}",
        if grading.is_empty() { "none" } else { &grading }
    );
    let room = inside.right().saturating_sub(x);
    put(buffer, x, y, room, &graded, theme.style(Role::Text));
    // One column is kept free at the right for the cursor after a row's
    // last character.
    let (lines, cursor_row, _) = wrapped(draft, inside.width.saturating_sub(1));
    let (rows, first) = text_window(inside, cursor_row);
    for (row, range) in lines.iter().skip(first).take(rows).enumerate() {
        let y = inside.y + HEAD + u16::try_from(row).unwrap_or(0);
        let line = draft.text.get(range.clone()).unwrap_or_default();
        put(
            buffer,
            inside.x,
            y,
            inside.width,
            line,
            theme.style(Role::Text),
        );
    }
    let keys = "Ctrl-s keep  Esc drop  Enter new line  Tab kind  Ctrl-r/Ctrl-t grading";
    put(
        buffer,
        inside.x,
        inside.bottom() - 1,
        inside.width,
        keys,
        theme.style(Role::Muted),
    );
}

/// The terminal's cursor in the editor: where typing goes.
pub fn cursor(area: Area, state: &State) -> Option<(u16, u16)> {
    let draft = state.review()?.note_draft()?;
    let (_, inside) = boxes(area);
    let (_, cursor_row, column) = wrapped(draft, inside.width.saturating_sub(1));
    let (rows, first) = text_window(inside, cursor_row);
    let row = cursor_row.checked_sub(first).filter(|r| *r < rows)?;
    let x = inside
        .x
        .saturating_add(u16::try_from(column).unwrap_or(u16::MAX));
    let y = inside.y + HEAD + u16::try_from(row).ok()?;
    Some((x.min(inside.right().saturating_sub(1)), y))
}
