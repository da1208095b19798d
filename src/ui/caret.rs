//! The reviewer's marks on the article's rows, drawn over what `article`
//! drew: the caret's selection in the theme's selection colour, the
//! passages of the reviewer's own notes underlined in their kind's colour,
//! the reviewer's own mentions in their entity kind's colour, bold and
//! underlined,
//! and where the terminal's cursor goes for the caret (so magnifiers and
//! screen readers follow it). Reads the state; changes nothing.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use crate::controller::{Pane, State};
use crate::layout::{self, Area, RowPos};
use crate::review::MentionOf;
use crate::theme::{Role, Theme};

/// Patches the cells of one article row at `y` (text area `area`) that
/// are selected, under a reviewer's note or in a reviewer's mention;
/// `selection` is the state's, worked out once a frame.
#[allow(clippy::too_many_arguments)]
pub fn draw_row(
    buffer: &mut Buffer,
    area: Area,
    y: u16,
    pos: RowPos,
    source: std::ops::Range<usize>,
    selection: Option<&std::ops::Range<usize>>,
    state: &State,
    theme: &Theme,
) {
    let shown = state.review().filter(|session| session.shown);
    // Most rows have none of these: they are left before their cells are
    // made.
    let selected_here = selection.is_some_and(|s| s.start <= source.end && source.start < s.end);
    let reviewed_here = shown.is_some_and(|s| {
        let overlay = s.overlay();
        overlay
            .review_notes
            .overlapping(source.clone())
            .next()
            .is_some()
            || overlay
                .review_mentions
                .overlapping(source.clone())
                .next()
                .is_some()
    });
    if !selected_here && !reviewed_here {
        return;
    }
    let Some(row) = state.layout.row_cells(&state.briefing.document, pos) else {
        return;
    };
    let (Some(first), Some(last)) = (row.cells.first(), row.cells.last()) else {
        return;
    };
    let row_span = first.1.source.start..last.1.source.end;
    let (noted, mentioned) = match shown {
        Some(session) => (
            session
                .overlay()
                .review_notes
                .overlapping(row_span.clone())
                .filter_map(|(span, index)| {
                    let note = session.review().notes.get(*index)?;
                    Some((span.clone(), note.kind))
                })
                .collect(),
            session
                .overlay()
                .review_mentions
                .overlapping(row_span)
                .filter_map(|(span, index)| {
                    let mention = session.review().mentions.get(*index)?;
                    Some((span.clone(), mention_style(state, &mention.of, theme)))
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let noted: Vec<(std::ops::Range<usize>, crate::model::NoteKind)> = noted;
    let mentioned: Vec<(std::ops::Range<usize>, Style)> = mentioned;
    for (column, cell) in &row.cells {
        let start = cell.source.start;
        let selected = selection.is_some_and(|s| s.contains(&start));
        let note = noted.iter().find(|(span, _)| span.contains(&start));
        // The innermost (last starting) of the reviewer's mentions here.
        let mention = mentioned.iter().rfind(|(span, _)| span.contains(&start));
        if !selected && note.is_none() && mention.is_none() {
            continue;
        }
        let x = area
            .x
            .saturating_add(u16::try_from(*column).unwrap_or(u16::MAX));
        for dx in 0..u16::try_from(cell.columns.max(1)).unwrap_or(1) {
            let Some(target) = buffer.cell_mut((x.saturating_add(dx), y)) else {
                continue;
            };
            if x.saturating_add(dx) >= area.right() {
                continue;
            }
            if let Some((_, style)) = mention {
                target.set_style(*style);
            }
            if let Some((_, kind)) = note {
                let colour = theme.note(*kind).fg;
                let mut style = target.style().add_modifier(Modifier::UNDERLINED);
                if let Some(colour) = colour {
                    style = style.underline_color(colour);
                }
                target.set_style(style);
            }
            if selected {
                target.set_style(theme.style(Role::Selection));
            }
        }
    }
}

/// A mention of the reviewer's: its entity kind's colour, bold and
/// underlined, a look the author's mentions never have.
fn mention_style(state: &State, of: &MentionOf, theme: &Theme) -> Style {
    let briefing = state.briefing();
    let kind = match of {
        MentionOf::Entity(id) => briefing
            .entity_by_id(id)
            .map(|entity| briefing.entity(entity).kind.clone()),
        MentionOf::NewEntity { kind, .. } => Some(kind.clone()),
    };
    let base = kind
        .filter(|kind| briefing.kind(kind).is_some())
        .map_or(theme.style(Role::OtherKind), |kind| theme.kind(&kind));
    base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Where the terminal's cursor goes for the caret: its grapheme's cell,
/// when the caret is on and on screen in the article.
pub fn cursor(state: &State, pane: Area) -> Option<(u16, u16)> {
    let caret = state.caret()?;
    if state.focus() != Pane::Article || state.overlay().is_some() {
        return None;
    }
    if state.review().is_some_and(|r| r.note_draft().is_some()) {
        return None;
    }
    let text_area = layout::article_text(pane);
    let document = &state.briefing().document;
    let (row, column) = state.layout().caret_column(document, caret.at)?;
    let rows = state.viewport_rows();
    if row < state.top() {
        return None;
    }
    let down = state
        .layout()
        .rows_between(document, state.top(), row, rows.saturating_sub(1))?;
    let y = text_area.y.checked_add(u16::try_from(down).ok()?)?;
    let x = text_area.x.checked_add(u16::try_from(column).ok()?)?;
    (x < text_area.right() && y < text_area.bottom()).then_some((x, y))
}
