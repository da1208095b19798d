//! The layout engine: where each pane goes for a terminal size, and how the
//! article's blocks wrap into screen rows.
//!
//! Pure functions and plain data: no ratatui types, no terminal, no state
//! changes. The controller asks for layouts; the UI draws into them.

mod area;
mod caret;
mod panes;
mod rows;
mod segments;
mod sides;
pub mod symbols;
mod text;
mod timeline;
mod walk;
mod wrap;

pub use caret::{Cell as CaretCell, CharClass, RowCells, WordMotion};
pub use panes::{
    Area, GUTTER, LayoutMode, MIN_HEIGHT, MIN_WIDTH, PaneLayout, ViewOptions, article_text,
    help_box, inner, list_and_card, list_window, overlay_area, overlay_box, panes,
    tall_list_entry_at, tall_list_window,
};
pub use rows::{ArticleLayout, LayoutWork, RowKind, RowPos};
pub use segments::SEGMENT_BYTES;
pub use sides::{DEFAULT_MEASURE, SIDE_STEP};
pub use text::{BlockText, Graphemes, RunAt, cell, cell_text, cell_width, graphemes};
pub use timeline::{DATE_X, EntryRow, TimelineMemo, TimelineRows};
pub use walk::RowsFrom;
pub use wrap::{Decoration, unwrapped, wrap};

/// Where a focused note's card goes: the bottom of the article pane's
/// inside (a rule, then its text), up to a third of it, so the passage
/// the note is about stays in view above.
pub fn note_card_area(article_pane: Area) -> Area {
    let inside = inner(article_pane);
    let height = (inside.height / 3).clamp(inside.height.min(4), 10);
    Area::new(
        inside.x,
        inside.bottom().saturating_sub(height),
        inside.width,
        height,
    )
}

/// A document from Markdown alone, for the layout's unit tests.
#[cfg(test)]
fn test_document(markdown: &str) -> crate::model::Document {
    let files = crate::loader::InMemory {
        files: vec![
            ("d.toml".into(), "format = 1\n".into()),
            ("d.md".into(), markdown.into()),
        ],
    };
    crate::loader::load_annotated(std::path::Path::new("d.toml"), &files)
        .briefing
        .expect("loads")
        .document
}
