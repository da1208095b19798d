//! Drawing the library's list: a header with the folder and how far the
//! indexing has got, a row per briefing (title, date, classification,
//! source, counts, review progress, problems), the filter prompt or a
//! message, and the hint bar. A function of `&State`; every string from a
//! file goes through `put`, which sanitises it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fill, put, put_clipped, put_right};
use crate::controller::State;
use crate::controller::library_view::LibraryView;
use crate::library::Entry;
use crate::theme::{Role, Theme};
use crate::wording::counted;

/// A column: its heading, its width (0: takes what is left), whether its
/// text sits right.
struct Column {
    name: &'static str,
    width: u16,
    right: bool,
}

const fn column(name: &'static str, width: u16, right: bool) -> Column {
    Column { name, width, right }
}

/// The columns that fit `width`, least needed dropped first.
fn columns(width: u16) -> Vec<Column> {
    let mut columns = vec![
        column("Title", 0, false),
        column("Published", 10, false),
        column("Classification", 14, false),
        column("Source", 16, false),
        column("Ent.", 5, true),
        column("Events", 6, true),
        column("Notes", 5, true),
        column("Review", 8, true),
        column("Problems", 8, true),
    ];
    // Keep the title at least 30 columns wide.
    for drop in ["Source", "Classification", "Notes", "Review", "Events"] {
        let fixed: u16 = columns.iter().map(|c| c.width + 1).sum();
        if width >= fixed + 30 {
            break;
        }
        columns.retain(|c| c.name != drop);
    }
    columns
}

/// The cells of one row, column by column.
fn cells(entry: &Entry, columns: &[Column]) -> Vec<String> {
    let summary = entry.summary.as_ref();
    let dash = || "\u{2026}".to_string();
    columns
        .iter()
        .map(|c| match (c.name, summary) {
            ("Title", _) => entry.title(),
            (_, None) => dash(),
            ("Published", Some(s)) => s.published.clone().unwrap_or_default(),
            ("Classification", Some(s)) => s.classification.clone().unwrap_or_default(),
            ("Source", Some(s)) => s.source.clone().unwrap_or_default(),
            ("Ent.", Some(s)) => s.entities.len().to_string(),
            ("Events", Some(s)) => s.events.len().to_string(),
            ("Notes", Some(s)) => s.notes.to_string(),
            ("Review", Some(s)) => s
                .review
                .map_or_else(String::new, |r| format!("{}/{}", r.done, r.total)),
            ("Problems", Some(s)) => match (s.errors, s.warnings) {
                (0, 0) => String::new(),
                (0, warnings) => format!("\u{26a0} {warnings}"),
                (errors, _) => format!("\u{2717} {errors}"),
            },
            _ => String::new(),
        })
        .collect()
}

pub fn draw(buffer: &mut Buffer, area: Rect, state: &State, view: &LibraryView, theme: &Theme) {
    if area.height < 4 {
        return;
    }
    header(buffer, area, view, theme);
    let columns = columns(area.width);
    let fixed: u16 = columns.iter().map(|c| c.width + 1).sum();
    let title_width = area.width.saturating_sub(fixed + 1);
    let widths: Vec<u16> = columns
        .iter()
        .map(|c| if c.width == 0 { title_width } else { c.width })
        .collect();
    let names = area.y + 1;
    fill(
        buffer,
        area.x,
        names,
        area.width,
        theme.style(Role::ListHeading),
    );
    let mut x = area.x + 1;
    for (c, &width) in columns.iter().zip(&widths) {
        cell(
            buffer,
            x,
            names,
            width,
            c.name,
            c.right,
            theme.style(Role::ListHeading),
        );
        x += width + 1;
    }
    let rows = state.library_rows();
    for (line, &entry_at) in view.rows.iter().enumerate().skip(view.top).take(rows) {
        let Some(entry) = view.entry(entry_at) else {
            continue;
        };
        let y = names + 1 + u16::try_from(line - view.top).unwrap_or(0);
        let selected = line == view.cursor;
        let base = if selected {
            theme.style(Role::Selection)
        } else if entry.summary.is_none() {
            theme.style(Role::Muted)
        } else {
            theme.style(Role::Text)
        };
        if selected {
            fill(buffer, area.x, y, area.width, base);
        }
        let mut x = area.x + 1;
        for ((c, &width), text) in columns.iter().zip(&widths).zip(cells(entry, &columns)) {
            let style = match c.name {
                "Problems" if !selected => theme.style(Role::NoteError),
                "Classification" if !selected => theme.style(Role::Banner),
                _ => base,
            };
            cell(buffer, x, y, width, &text, c.right, style);
            x += width + 1;
        }
    }
    if view.rows.is_empty() {
        let what = if !view.filter.is_empty() {
            "no briefing matches the filter"
        } else if view.library.walked {
            "no briefings in this folder (annotation files: .toml, .ann, .json, .jsonl)"
        } else {
            "looking for briefings\u{2026}"
        };
        put(
            buffer,
            area.x + 2,
            names + 2,
            area.width.saturating_sub(4),
            what,
            theme.style(Role::Muted),
        );
    }
    status(buffer, area, state, view, theme);
    super::chrome::hints(
        buffer,
        Rect::new(area.x, area.bottom() - 1, area.width, 1),
        state,
        theme,
    );
}

fn cell(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    right: bool,
    style: ratatui::style::Style,
) {
    if right {
        put_right(buffer, x + width, y, width, text, style);
    } else {
        put_clipped(buffer, x, y, width, text, style);
    }
}

fn header(buffer: &mut Buffer, area: Rect, view: &LibraryView, theme: &Theme) {
    let library = &view.library;
    fill(buffer, area.x, area.y, area.width, theme.style(Role::Title));
    let mut right = counted(library.entries.len(), "briefing", "briefings");
    if !library.complete() {
        let walking = if library.walked {
            ""
        } else {
            ", still looking"
        };
        right = format!(
            "{right} \u{b7} indexed {}/{}{walking}",
            library.indexed,
            library.entries.len()
        );
    }
    let problems = library.problem_count();
    if problems > 0 {
        right = format!(
            "{right} \u{b7} {} (!)",
            counted(problems, "problem", "problems")
        );
    }
    let right = format!("{right} ");
    let start = put_right(
        buffer,
        area.right(),
        area.y,
        area.width / 2,
        &right,
        theme.style(Role::Title),
    );
    let root = library.root.display().to_string();
    put_clipped(
        buffer,
        area.x,
        area.y,
        start.saturating_sub(area.x + 1),
        &format!(" Library \u{b7} {root}"),
        theme.style(Role::Title),
    );
}

fn status(buffer: &mut Buffer, area: Rect, state: &State, view: &LibraryView, theme: &Theme) {
    let y = area.bottom() - 2;
    if view.filtering {
        let prompt = format!("/{}\u{2581}", view.filter);
        fill(buffer, area.x, y, area.width, theme.style(Role::Prompt));
        put_clipped(
            buffer,
            area.x,
            y,
            area.width,
            &prompt,
            theme.style(Role::Prompt),
        );
        return;
    }
    fill(buffer, area.x, y, area.width, theme.style(Role::Status));
    let shown = format!(
        "{}/{} \u{b7} {} ",
        view.rows.len(),
        view.library.entries.len(),
        view.sort.describe()
    );
    let start = put_right(
        buffer,
        area.right(),
        y,
        area.width / 2,
        &shown,
        theme.style(Role::Status),
    );
    let left = match (&state.message(), view.filter.is_empty()) {
        (Some(message), _) => (message.to_string(), Role::Message),
        (None, false) => (format!("filter: {}", view.filter), Role::Status),
        (None, true) => (String::new(), Role::Status),
    };
    put_clipped(
        buffer,
        area.x + 1,
        y,
        start.saturating_sub(area.x + 2),
        &left.0,
        theme.style(left.1),
    );
}
