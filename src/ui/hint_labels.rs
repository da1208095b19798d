//! Hint labels over the article: while `F`'s labels are up, each mention
//! that starts on screen shows its label where it starts, in the hint-key
//! style, dimmed once what was typed rules it out.

use std::ops::Range;

use ratatui::buffer::Buffer;

use super::put;
use crate::controller::{Overlay, State, hint_labels};
use crate::layout::{self, Area, BlockText, Decoration, cell_width};
use crate::model::Block;
use crate::theme::{Role, Theme};

/// One drawn row of the article: its screen row, block, whether it is the
/// block's first, and its display range.
pub struct DrawnRow<'a> {
    pub y: u16,
    pub block: &'a Block,
    pub first: bool,
    pub range: Range<usize>,
}

pub fn draw(
    buffer: &mut Buffer,
    area: Area,
    rows: &[(DrawnRow<'_>, &BlockText<'_>)],
    state: &State,
    theme: &Theme,
) {
    let Some(Overlay::Hints { typed }) = &state.overlay else {
        return;
    };
    let labels = hint_labels(state);
    for (row, text) in rows {
        let source = text.source_range(row.range.clone());
        let Some(line) = text.text.get(row.range.clone()) else {
            continue;
        };
        let decoration = Decoration::of(row.block.kind);
        let prefix = if row.first {
            &decoration.first
        } else {
            &decoration.rest
        };
        let start_x = area.x + u16::try_from(cell_width(prefix)).unwrap_or(0);
        for (id, label) in &labels {
            let Some(start) = state.briefing.mentions.get(id.0).map(|m| m.span.start) else {
                continue;
            };
            if !source.contains(&start) {
                continue;
            }
            // Columns from the row's start to the mention's first character.
            let mut columns = 0usize;
            for (offset, grapheme) in layout::graphemes(line) {
                if text.source_of(row.range.start + offset) >= start {
                    break;
                }
                columns += layout::cell(grapheme).1;
            }
            let x = start_x.saturating_add(u16::try_from(columns).unwrap_or(u16::MAX));
            if x >= area.right() {
                continue;
            }
            let style = if label.starts_with(typed.as_str()) {
                theme.style(Role::HintKey)
            } else {
                theme.style(Role::Muted)
            };
            put(buffer, x, row.y, area.right() - x, label, style);
        }
    }
}
