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
use crate::layout::{Area, cell_width, overlay_box};
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

/// Rows of text the box shows, and the first shown (the cursor's line
/// stays in view).
fn text_window(inside: Rect, draft: &NoteDraft) -> (usize, usize) {
    let rows = usize::from(inside.height.saturating_sub(HEAD + 1)).max(1);
    let (line, _) = draft.cursor_line();
    (rows, line.saturating_sub(rows - 1))
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
        .title(" Your note (the reviewer's) ")
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
    let (rows, first) = text_window(inside, draft);
    for (row, line) in draft.text.split('\n').skip(first).take(rows).enumerate() {
        let y = inside.y + HEAD + u16::try_from(row).unwrap_or(0);
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
    let (rows, first) = text_window(inside, draft);
    let (line, column) = draft.cursor_line();
    let row = line.checked_sub(first).filter(|r| *r < rows)?;
    let start = draft.cursor - column;
    let before = draft.text.get(start..draft.cursor).unwrap_or_default();
    let x = inside
        .x
        .saturating_add(u16::try_from(cell_width(before)).unwrap_or(u16::MAX));
    let y = inside.y + HEAD + u16::try_from(row).ok()?;
    Some((x.min(inside.right().saturating_sub(1)), y))
}
