//! Drawing: a pure function of the state and the theme onto a ratatui
//! frame, one file per pane or overlay. Nothing here changes the state, and
//! every string from a file passes the sanitiser (the article's graphemes
//! through `layout::cell_text`) before it reaches a cell.

mod article;
mod caret;
mod chrome;
mod entities;
mod export;
mod hint_labels;
mod library;
mod note_editor;
mod overlays;
mod pane_frame;
mod timeline;

pub use export::buffer_to_text;

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::controller::cards::{self, CardLine, CardRole};
use crate::controller::{Action, Pane, State};
use crate::layout::{Area, LayoutMode, cell, cell_width};
use crate::sanitize;
use crate::theme::{Role, Theme};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, state: &State, theme: &Theme) {
    let area = frame.area();
    let buffer = frame.buffer_mut();
    render(buffer, area, state, theme);
    // The terminal's own cursor shows the caret (or the note editor's
    // cursor) and is hidden otherwise: ratatui hides it for a frame that
    // sets no position.
    if let Some((x, y)) = cursor(area, state) {
        frame.set_cursor_position((x, y));
    }
}

/// Where the terminal's cursor goes this frame, if anywhere.
pub fn cursor(area: Rect, state: &State) -> Option<(u16, u16)> {
    let screen = state.screen();
    if screen.width > area.width || screen.height > area.height {
        return None;
    }
    let origin = Area::new(area.x, area.y, screen.width, screen.height);
    let panes = crate::layout::panes(origin, state.view());
    if panes.mode == LayoutMode::TooSmall {
        return None;
    }
    if state.library_showing() {
        return None;
    }
    if state.review().is_some_and(|r| r.note_draft().is_some()) {
        return note_editor::cursor(crate::layout::overlay_area(&panes), state);
    }
    caret::cursor(state, panes.article?)
}

/// Draws the whole screen into a buffer (the frame's, or an off-screen one
/// for `brief render`).
pub fn render(buffer: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    // The layout comes from the size the state was told. Until it hears of
    // a new size, draw nothing rather than outside the buffer.
    let screen = state.screen;
    if screen.width > area.width || screen.height > area.height {
        return;
    }
    // The same layout the controller uses, placed where `area` is.
    let origin = Area::new(area.x, area.y, screen.width, screen.height);
    let panes = crate::layout::panes(origin, state.view);
    let area = rect(origin);
    if panes.mode == LayoutMode::TooSmall {
        chrome::too_small(buffer, area, theme);
        return;
    }
    if let Some(view) = state.library().filter(|v| !v.reading) {
        library::draw(buffer, area, state, view, theme);
        overlays::draw(
            buffer,
            rect(crate::layout::overlay_area(&panes)),
            state,
            theme,
        );
        return;
    }
    // Where the view is, worked out once for the panes that show it.
    let span = state.view_span();
    chrome::header(buffer, rect(panes.header), state, theme);
    if let Some(tabs) = panes.tabs {
        chrome::tabs(buffer, rect(tabs), state, theme);
    }
    if let Some(pane) = panes.article {
        article::draw(buffer, pane, state, &span, theme);
    }
    if let Some(pane) = panes.entities {
        entities::draw(buffer, pane, state, theme);
    }
    if let Some(pane) = panes.timeline {
        timeline::draw(buffer, pane, state, &span, theme);
    }
    chrome::status(buffer, rect(panes.status), state, &span, theme);
    if let Some(hints) = panes.hints {
        chrome::hints(buffer, rect(hints), state, theme);
    }
    overlays::draw(
        buffer,
        rect(crate::layout::overlay_area(&panes)),
        state,
        theme,
    );
    note_editor::draw(buffer, crate::layout::overlay_area(&panes), state, theme);
}

pub(crate) fn rect(area: Area) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height)
}

/// A pane's frame: border and title, highlighted when focused.
fn pane_frame(
    buffer: &mut Buffer,
    area: Area,
    title: &str,
    pane: Pane,
    state: &State,
    theme: &Theme,
) {
    let focused = state.focus == pane && state.overlay.is_none();
    let border = if focused {
        theme.style(Role::BorderFocused)
    } else {
        theme.style(Role::Border)
    };
    pane_frame::draw(buffer, rect(area), title, border);
}

/// Writes short text of the program's own (a count, a scroll mark) flush
/// against column `right` of row `y`, in at most `room` columns; returns
/// the column it starts at.
pub(crate) fn put_right(
    buffer: &mut Buffer,
    right: u16,
    y: u16,
    room: u16,
    text: &str,
    style: Style,
) -> u16 {
    let width = u16::try_from(cell_width(text))
        .unwrap_or(u16::MAX)
        .min(room);
    let x = right.saturating_sub(width);
    put(buffer, x, y, width, text, style);
    x
}

/// Writes text from anywhere (file or program) at a cell, sanitised, clipped
/// to `width` columns; returns the columns used. Never writes a wide
/// character that does not fit.
pub(crate) fn put(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    style: Style,
) -> u16 {
    if text.bytes().all(sanitize::is_printable_ascii) {
        return put_ascii(buffer, x, y, width, text, style);
    }
    put_clean(buffer, x, y, width, &sanitize::line(text), style)
}

/// `put` for text that has been through `sanitize::line`. Stretches of
/// printable ASCII between other characters (a name with one accent) still
/// go a byte to a cell.
fn put_clean(buffer: &mut Buffer, x: u16, y: u16, width: u16, clean: &str, style: Style) -> u16 {
    let Some(width) = room_at(buffer, x, y, width) else {
        return 0;
    };
    let mut used: u16 = 0;
    let mut graphemes = crate::layout::graphemes(clean);
    loop {
        let room = width - used;
        if let Some((_, run)) = graphemes.take_printable_ascii(usize::from(room)) {
            used += put_ascii(buffer, x + used, y, room, run, style);
            continue;
        }
        let Some((_, grapheme)) = graphemes.next() else {
            break;
        };
        let Some(columns) = put_grapheme(buffer, x + used, y, x + width, grapheme, style, None)
        else {
            break;
        };
        used += columns;
    }
    used
}

/// Writes one grapheme at `x` as `layout::cell` shows it, if it ends by
/// `right`; returns the columns it took (none for one that takes no room),
/// or `None` if it does not fit. With `marker`, a grapheme shown as an
/// inert marker (a control, bidi or hidden character) gets that style
/// patched on.
pub(crate) fn put_grapheme(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    grapheme: &str,
    style: Style,
    marker: Option<Style>,
) -> Option<u16> {
    let (shown, columns) = cell(grapheme);
    let columns = u16::try_from(columns).unwrap_or(u16::MAX);
    if columns == 0 {
        return Some(0);
    }
    if x.saturating_add(columns) > right {
        return None;
    }
    let is_marker = matches!(shown, std::borrow::Cow::Owned(_)) && grapheme != "\t";
    let style = match marker {
        Some(marker) if is_marker => style.patch(marker),
        _ => style,
    };
    set_cell(buffer, x, y, &shown, columns, style);
    Some(columns)
}

/// The columns of `width` that fit in the buffer from `(x, y)` on, or
/// `None` if that cell is outside it.
fn room_at(buffer: &Buffer, x: u16, y: u16, width: u16) -> Option<u16> {
    let bounds = buffer.area;
    let inside =
        (bounds.y..bounds.bottom()).contains(&y) && (bounds.x..bounds.right()).contains(&x);
    inside.then(|| width.min(bounds.right() - x))
}

/// `put` for text that is all printable ASCII: a byte to a cell along the
/// row, without the sanitiser or the grapheme and width machinery.
pub(crate) fn put_ascii(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    style: Style,
) -> u16 {
    let Some(width) = room_at(buffer, x, y, width) else {
        return 0;
    };
    let shown = text.len().min(usize::from(width));
    let start = buffer.index_of(x, y);
    let Some(cells) = buffer.content.get_mut(start..start + shown) else {
        return 0;
    };
    for (at, cell) in cells.iter_mut().enumerate() {
        if let Some(symbol) = text.get(at..=at) {
            set_symbol(cell, symbol).set_style(style);
        }
    }
    u16::try_from(shown).unwrap_or(width)
}

/// Sets a cell's symbol, unless it already shows it as a blank: a frame
/// starts from blank cells, and spaces are a sixth of most text.
fn set_symbol<'c>(cell: &'c mut Cell, symbol: &str) -> &'c mut Cell {
    if symbol == " " && matches!(cell.symbol().as_bytes(), [b' ']) {
        cell
    } else {
        cell.set_symbol(symbol)
    }
}

/// Writes one safe grapheme of `columns` width at a cell. A one-column
/// grapheme is set directly; a wide one goes through `set_stringn`, which
/// also blanks the cells it covers.
pub(crate) fn set_cell(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    shown: &str,
    columns: u16,
    style: Style,
) {
    if columns == 1 {
        if let Some(cell) = buffer.cell_mut((x, y)) {
            set_symbol(cell, shown).set_style(style);
        }
    } else {
        buffer.set_stringn(x, y, shown, usize::from(columns), style);
    }
}

/// Like `put`, but text that does not fit ends in `…`, so a clipped title
/// reads as clipped.
pub(crate) fn put_clipped(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    text: &str,
    style: Style,
) -> u16 {
    let clean = sanitize::line(text);
    let needed: usize = if clean.bytes().all(sanitize::is_printable_ascii) {
        clean.len()
    } else {
        crate::layout::graphemes(&clean)
            .map(|(_, g)| cell_width(g))
            .sum()
    };
    // Drawn through `put`, which sanitises again: twice is not always the
    // same as once (a marker can become the base of a skin-tone modifier
    // that began an emoji sequence), and the second pass shows such a
    // cluster a character at a time instead of dropping it whole where it
    // does not fit.
    if needed <= usize::from(width) || width == 0 {
        return put(buffer, x, y, width, &clean, style);
    }
    let used = put(buffer, x, y, width - 1, &clean, style);
    used + put(buffer, x + used, y, 1, crate::layout::symbols::CUT, style)
}

/// Fills the rest of a row with a style.
pub(crate) fn fill(buffer: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    let row = Rect::new(x, y, width, 1).intersection(buffer.area);
    if !row.is_empty() {
        buffer.set_style(row, style);
    }
}

/// A card under a list or over the article's foot: a rule, then the lines
/// word-wrapped from row `scroll` on. A card that does not fit says so on
/// its rule ("↓ 4-9/15 J/K"), so nothing is cut without a sign.
pub(crate) fn draw_card(
    buffer: &mut Buffer,
    area: Area,
    lines: &[CardLine],
    scroll: usize,
    state: &State,
    theme: &Theme,
) {
    if area.height < 2 {
        return;
    }
    let rule = "\u{2500}".repeat(usize::from(area.width));
    put(
        buffer,
        area.x,
        area.y,
        area.width,
        &rule,
        theme.style(Role::Border),
    );
    let rows = cards::wrapped(lines, area.width);
    let room = usize::from(area.height - 1);
    let first = scroll.min(rows.len().saturating_sub(room));
    let shown_to = (first + room).min(rows.len());
    if rows.len() > room {
        let arrows = match (first > 0, shown_to < rows.len()) {
            (true, true) => "\u{2191}\u{2193}",
            (true, false) => "\u{2191}",
            _ => "\u{2193}",
        };
        // The keys in force, not the defaults.
        let keys = format!(
            "{}/{}",
            state.key_name(Action::CardDown),
            state.key_name(Action::CardUp)
        );
        let mark = format!(" {arrows} {}-{shown_to}/{} {keys} ", first + 1, rows.len());
        let style = theme.style(Role::Muted);
        put_right(buffer, area.right(), area.y, area.width, &mark, style);
    }
    for (y, (role, text)) in (area.y + 1..area.bottom()).zip(rows.iter().skip(first)) {
        put(buffer, area.x, y, area.width, text, card_style(role, theme));
    }
}

fn card_style(role: &CardRole, theme: &Theme) -> Style {
    match role {
        CardRole::Title(Some(kind)) => theme.kind(kind).patch(theme.style(Role::Title)),
        CardRole::Title(None) => theme.style(Role::Title),
        CardRole::Text => theme.style(Role::Text),
        CardRole::Muted => theme.style(Role::Muted),
        CardRole::Note(kind) => theme.note(*kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, width: u16) -> (String, u16) {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        let used = put_clipped(&mut buffer, 0, 0, width, text, Style::default());
        let shown: String = buffer.content.iter().map(Cell::symbol).collect();
        (shown.trim_end().to_string(), used)
    }

    /// Text that fits is shown whole; text that does not ends in `…`
    /// within the width, wide characters and accents counted by columns.
    #[test]
    fn clipped_text_ends_in_an_ellipsis_only_when_it_does_not_fit() {
        assert_eq!(row("Crocus", 6), ("Crocus".to_string(), 6));
        assert_eq!(row("Crocus Hall", 6), ("Crocu…".to_string(), 6));
        assert_eq!(row("Zoë Brandt", 10), ("Zoë Brandt".to_string(), 10));
        assert_eq!(row("Zoë Brandt", 9), ("Zoë Bran…".to_string(), 9));
        // Four wide characters take eight columns (the cell after each
        // is its second half, blank in the buffer).
        assert_eq!(row("東京都庁", 8), ("東 京 都 庁".to_string(), 8));
        assert_eq!(row("東京都庁", 7), ("東 京 都 …".to_string(), 7));
        // A control character is shown as its marker, and measured so.
        assert_eq!(row("a\u{1b}b", 3), ("a\u{241b}b".to_string(), 3));
        // Text that sanitises into longer markers is still clipped, not
        // dropped: a skin-tone modifier after a control takes the marker
        // as its base, and the tag after it becomes a marker too.
        let (shown, used) = row("a\u{1b}\u{1f3fb}\u{e0067}", 10);
        assert!(shown.starts_with("a\u{241b}"), "{shown:?}");
        assert!(shown.ends_with('\u{2026}'), "{shown:?}");
        assert_eq!(used, 10);
        let (shown, used) = row("\t\u{1f3fb}\u{200d}", 8);
        assert!(shown.contains('\u{1f3fb}'), "{shown:?}");
        assert!(used > 2, "{shown:?}");
    }
}
