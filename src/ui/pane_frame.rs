//! A pane's frame: its border and its title, drawn as ratatui's `Block`
//! with all borders and a title draws them, cell for cell. `Block` also
//! sets its own style on every cell inside, which for the reader's panes
//! (no style of their own) changes nothing but cost a pass over most of
//! the screen each frame. It draws only the frame; what is inside is the
//! pane's own file's.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// Draws the border around `area` and ` title ` on its top edge, both in
/// `style`.
pub(super) fn draw(buffer: &mut Buffer, area: Rect, title: &str, style: Style) {
    let area = area.intersection(buffer.area);
    if area.is_empty() {
        return;
    }
    let set = border::PLAIN;
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        if let Some(cell) = buffer.cell_mut((x, y)) {
            cell.set_symbol(symbol).set_style(style);
        }
    };
    // In `Block`'s order: sides, then corners over their ends.
    for y in top..=bottom {
        put(left, y, set.vertical_left);
    }
    for x in left..=right {
        put(x, top, set.horizontal_top);
    }
    for y in top..=bottom {
        put(right, y, set.vertical_right);
    }
    for x in left..=right {
        put(x, bottom, set.horizontal_bottom);
    }
    put(right, bottom, set.bottom_right);
    put(right, top, set.top_right);
    put(left, bottom, set.bottom_left);
    put(left, top, set.top_left);
    let room = Rect::new(left + 1, top, area.width.saturating_sub(2), 1);
    if room.is_empty() {
        return;
    }
    let line = Line::raw(format!(" {title} "));
    let width = u16::try_from(line.width()).unwrap_or(u16::MAX);
    let title_area = Rect {
        width: width.min(room.width),
        ..room
    };
    buffer.set_style(title_area, style);
    line.render(title_area, buffer);
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::{Block, Borders};

    use super::*;

    /// The frame is `Block`'s, at every size from nothing to wider than
    /// the title, inside a buffer and over its edge, with titles that fit,
    /// do not, and hold wide characters.
    #[test]
    fn the_frame_is_blocks() {
        let style = Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD);
        let screen = Rect::new(0, 0, 24, 7);
        for title in ["Article 42%", "Entities 3/40", "東京 x", ""] {
            for (x, y) in [(0, 0), (3, 2), (20, 5)] {
                for (width, height) in [(0, 0), (1, 1), (2, 3), (5, 2), (9, 4), (16, 5), (24, 7)] {
                    let area = Rect::new(x, y, width, height);
                    let mut filled = Buffer::empty(screen);
                    for (at, cell) in filled.content.iter_mut().enumerate() {
                        cell.set_symbol(if at % 3 == 0 { "a" } else { "中" });
                    }
                    let mut ours = filled.clone();
                    draw(&mut ours, area, title, style);
                    let mut blocks = filled;
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(style)
                        .title(format!(" {title} "))
                        .title_style(style)
                        .render(area, &mut blocks);
                    assert_eq!(ours, blocks, "{title:?} in {area:?}");
                }
            }
        }
    }
}
