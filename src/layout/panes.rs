//! Pane rectangles for a terminal size: three columns when wide, article
//! plus one side column when medium, one pane at a time when narrow. The
//! article's text is never wider than its measure (`ViewOptions::measure`):
//! on a wide terminal the side panes take what is left, and the reader can
//! move width between the article and the side panes
//! (`ViewOptions::side_shift`) within readable minimums. Pure: sizes in,
//! rectangles out.

pub use super::area::{Area, GUTTER, MIN_HEIGHT, MIN_WIDTH};
use super::area::{SHORT, is_narrow};
pub use super::sides::ViewOptions;
use super::sides::{ARTICLE_CHROME, ARTICLE_MIN_TEXT, side_split};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutMode {
    /// Article, entities and timeline side by side.
    Wide,
    /// Article and a side column with entities above the timeline.
    Medium,
    /// One pane at a time, switched with tabs.
    Narrow,
    /// Smaller than the minimum: only a message.
    TooSmall,
}

/// Where everything goes. Panes that are not shown are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneLayout {
    pub mode: LayoutMode,
    pub header: Area,
    /// The row of tabs in the narrow layout.
    pub tabs: Option<Area>,
    pub article: Option<Area>,
    pub entities: Option<Area>,
    pub timeline: Option<Area>,
    pub status: Area,
    /// Key hints under the status line, when there is room.
    pub hints: Option<Area>,
    pub screen: Area,
}

impl PaneLayout {
    /// Every area that is drawn, for checks that nothing overlaps.
    pub fn areas(&self) -> Vec<Area> {
        [
            Some(self.header),
            self.tabs,
            self.article,
            self.entities,
            self.timeline,
            Some(self.status),
            self.hints,
        ]
        .into_iter()
        .flatten()
        .filter(|area| !area.is_empty())
        .collect()
    }
}

/// Lays out a terminal of `screen` size.
pub fn panes(screen: Area, options: ViewOptions) -> PaneLayout {
    let mut layout = PaneLayout {
        mode: LayoutMode::TooSmall,
        header: Area::default(),
        tabs: None,
        article: None,
        entities: None,
        timeline: None,
        status: Area::default(),
        hints: None,
        screen,
    };
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return layout;
    }
    let Area {
        x,
        y,
        width,
        height,
    } = screen;
    layout.header = Area::new(x, y, width, 1);
    let has_hints = height >= SHORT;
    let footer = if has_hints { 2 } else { 1 };
    layout.status = Area::new(x, y + height - footer, width, 1);
    if has_hints {
        layout.hints = Some(Area::new(x, y + height - 1, width, 1));
    }
    let body = Area::new(x, y + 1, width, height - 1 - footer);

    let narrow = is_narrow(screen);
    if options.zoomed || options.folded {
        layout.mode = if narrow {
            LayoutMode::Narrow
        } else {
            LayoutMode::Wide
        };
        match options.narrow_pane {
            1 if !options.folded => layout.entities = Some(body),
            2 if !options.folded => layout.timeline = Some(body),
            // Alone, the article is a column at its measure in the middle,
            // not lines the width of the terminal.
            _ => {
                let most = options
                    .measure
                    .max(ARTICLE_MIN_TEXT)
                    .saturating_add(ARTICLE_CHROME);
                let article_width = body.width.min(most);
                let left = (body.width - article_width) / 2;
                layout.article = Some(Area::new(body.x + left, body.y, article_width, body.height));
            }
        }
    } else if narrow {
        layout.mode = LayoutMode::Narrow;
        let tabs = Area::new(x, body.y, width, 1);
        let pane = Area::new(x, body.y + 1, width, body.height.saturating_sub(1));
        layout.tabs = Some(tabs);
        match options.narrow_pane {
            1 => layout.entities = Some(pane),
            2 => layout.timeline = Some(pane),
            _ => layout.article = Some(pane),
        }
    } else if let Some(split) = side_split(screen) {
        let article_width = split.article_width(options);
        let side = width - article_width;
        layout.article = Some(Area::new(x, body.y, article_width, body.height));
        if split.sides == 1 {
            layout.mode = LayoutMode::Medium;
            let entities_height = body.height - body.height / 2;
            layout.entities = Some(Area::new(x + article_width, body.y, side, entities_height));
            layout.timeline = Some(Area::new(
                x + article_width,
                body.y + entities_height,
                side,
                body.height - entities_height,
            ));
        } else {
            layout.mode = LayoutMode::Wide;
            let entities_width = side / 2;
            layout.entities = Some(Area::new(
                x + article_width,
                body.y,
                entities_width,
                body.height,
            ));
            layout.timeline = Some(Area::new(
                x + article_width + entities_width,
                body.y,
                side - entities_width,
                body.height,
            ));
        }
    }
    layout
}

/// Inside a pane's border.
pub fn inner(pane: Area) -> Area {
    Area::new(
        pane.x.saturating_add(1),
        pane.y.saturating_add(1),
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    )
}

/// Where the article's text goes inside its pane: within the border, right
/// of the note gutter, a column clear of the scrollbar.
pub fn article_text(pane: Area) -> Area {
    let inside = inner(pane);
    Area::new(
        inside.x.saturating_add(GUTTER.min(inside.width)),
        inside.y,
        inside.width.saturating_sub(GUTTER + 1),
        inside.height,
    )
}

/// A list pane shows its list above a detail card for the selected item.
/// Returns the list area and the card area (either may be empty).
pub fn list_and_card(inside: Area) -> (Area, Area) {
    let list_rows = if inside.height < 8 {
        inside.height
    } else {
        (inside.height * 11 / 20).max(4)
    };
    let list = Area::new(inside.x, inside.y, inside.width, list_rows);
    let card = Area::new(
        inside.x,
        inside.y.saturating_add(list_rows),
        inside.width,
        inside.height - list_rows,
    );
    (list, card)
}

/// The first line to show of a list of `len` lines in `height` rows so the
/// selected line is visible, kept away from the edges when possible.
pub fn list_window(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let ideal = selected.saturating_sub(height / 2);
    ideal.min(len - height)
}

/// `list_window` for a list whose entries take one row or more
/// (`rows_of(i)`, for entry `i` of `len`): the first entry to show in
/// `height` rows so the selected entry is on screen, whole where it fits,
/// with about half the rows above it when possible, and no rows left empty
/// at the bottom while there are entries to fill them. For entries of one
/// row it is `list_window`. Asks `rows_of` only about entries within a
/// screen of the selected one or of the end.
pub fn tall_list_window(
    selected: usize,
    len: usize,
    height: usize,
    rows_of: impl Fn(usize) -> usize,
) -> usize {
    if height == 0 || len == 0 {
        return 0;
    }
    let selected = selected.min(len - 1);
    let mut first = selected;
    let mut above = 0;
    while first > 0 {
        let rows = rows_of(first - 1);
        if above + rows > height / 2 {
            break;
        }
        above += rows;
        first -= 1;
    }
    // The latest start that still fills the rows.
    let mut latest = len;
    let mut below = 0;
    while latest > 0 && below < height {
        latest -= 1;
        below += rows_of(latest);
    }
    let mut first = first.min(latest);
    // Rows from `first` to the selected entry's end.
    let mut shown: usize = (first..=selected).map(&rows_of).sum();
    while shown > height && first < selected {
        shown -= rows_of(first);
        first += 1;
    }
    first
}

/// The entry on row `row` of a list drawn from entry `first` with
/// `rows_of(i)` rows for entry `i` of `len` (see `tall_list_window`); `None`
/// below the last entry.
pub fn tall_list_entry_at(
    first: usize,
    len: usize,
    row: usize,
    rows_of: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut top = 0;
    for index in first..len {
        top += rows_of(index);
        if row < top {
            return Some(index);
        }
    }
    None
}

/// A centred box of at most `width` x `height` for an overlay, leaving a
/// margin around it where the screen allows.
pub fn overlay_box(screen: Area, width: u16, height: u16) -> Area {
    // A margin of a column or two only shows slivers of the panes behind:
    // then take the whole width (or height).
    let fit = |wanted: u16, room: u16, least: u16| {
        let size = wanted.min(room.saturating_sub(2)).max(room.min(least));
        if room.saturating_sub(size) < 4 {
            room
        } else {
            size
        }
    };
    let width = fit(width, screen.width, 10);
    let height = fit(height, screen.height, 3);
    Area::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

/// Where overlays go: between the header and the status line, so the
/// status and hints stay readable.
pub fn overlay_area(panes: &PaneLayout) -> Area {
    let top = panes.header.bottom();
    let bottom = panes.status.y.max(top);
    Area::new(panes.screen.x, top, panes.screen.width, bottom - top)
}

/// The help overlay's box in the overlay area.
pub fn help_box(area: Area) -> Area {
    overlay_box(area, 78, area.height)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::sides::{ARTICLE_MIN_TEXT, DEFAULT_MEASURE, SIDE_MIN};

    #[test]
    fn every_size_gives_disjoint_panes_inside_the_screen() {
        // Shifts and measures on every ninth height only: they change
        // widths, and the heights are swept anyway.
        let shifts = [i16::MIN, -40, -4, 0, 3, 8, 40, i16::MAX];
        let measures = [0, 30, DEFAULT_MEASURE, u16::MAX];
        for height in 0..=100u16 {
            let every = height % 9 == 0;
            let shifts: &[i16] = if every { &shifts } else { &[0] };
            let measures: &[u16] = if every { &measures } else { &[DEFAULT_MEASURE] };
            for width in (0..=300u16).filter(|w| *w < 130 || w % 7 == 0) {
                let screen = Area::new(0, 0, width, height);
                for options in all_options(shifts, measures) {
                    check_layout(screen, options);
                }
            }
        }
    }

    /// Every combination of zoom or folding, narrow pane, shift and
    /// measure.
    fn all_options<'a>(
        shifts: &'a [i16],
        measures: &'a [u16],
    ) -> impl Iterator<Item = ViewOptions> + 'a {
        [(false, false), (true, false), (false, true)]
            .into_iter()
            .flat_map(move |(zoomed, folded)| {
                (0..3).flat_map(move |narrow_pane| {
                    shifts.iter().flat_map(move |&side_shift| {
                        measures.iter().map(move |&measure| ViewOptions {
                            zoomed,
                            narrow_pane,
                            folded,
                            measure,
                            side_shift,
                        })
                    })
                })
            })
    }

    fn check_layout(screen: Area, options: ViewOptions) {
        let Area { width, height, .. } = screen;
        let layout = panes(screen, options);
        let areas = layout.areas();
        for (i, a) in areas.iter().enumerate() {
            assert!(screen.holds(a), "{width}x{height}: {a:?} outside");
            for b in &areas[i + 1..] {
                assert!(!a.overlaps(b), "{width}x{height}: {a:?} overlaps {b:?}");
            }
        }
        let too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
        assert_eq!(layout.mode == LayoutMode::TooSmall, too_small);
        if !too_small {
            let shown = [layout.article, layout.entities, layout.timeline];
            assert!(shown.iter().flatten().count() >= 1);
        }
        if let Some(article) = layout.article.filter(|_| options.zoomed || options.folded) {
            let text = article_text(article).width;
            let measure = options.measure.max(ARTICLE_MIN_TEXT);
            assert!(text <= measure, "{width}x{height} {options:?}: {text}");
        }
        let sides = !options.zoomed && !options.folded;
        if matches!(layout.mode, LayoutMode::Wide | LayoutMode::Medium) && sides {
            let (text, entities, timeline) = widths(&layout);
            let measure = options.measure.max(ARTICLE_MIN_TEXT);
            assert!(
                text <= measure,
                "{width}x{height} {options:?}: {text} columns"
            );
            assert!(
                entities >= SIDE_MIN && timeline >= SIDE_MIN,
                "{width}x{height} {options:?}: side panes {entities} and {timeline}"
            );
        }
    }

    /// Columns of text in the article pane, and the side panes' widths.
    pub(in crate::layout) fn widths(layout: &PaneLayout) -> (u16, u16, u16) {
        let width = |area: Option<Area>| area.map_or(0, |a| a.width);
        (
            layout.article.map_or(0, |a| article_text(a).width),
            width(layout.entities),
            width(layout.timeline),
        )
    }

    #[test]
    fn a_tall_list_of_one_row_entries_is_windowed_as_a_list_of_lines() {
        for len in 0..30 {
            for height in 0..15 {
                for selected in 0..len {
                    let first = tall_list_window(selected, len, height, |_| 1);
                    assert_eq!(first, list_window(selected, len, height));
                    let row = (selected - first).min(height.saturating_sub(1));
                    if height > 0 {
                        assert_eq!(
                            tall_list_entry_at(first, len, row, |_| 1),
                            Some(first + row)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_tall_selected_entry_is_shown_whole_where_it_fits() {
        // Entries of 1, 2 and 3 rows in turn.
        let rows_of = |i: usize| i % 3 + 1;
        for height in 1..12 {
            for selected in 0..40 {
                let first = tall_list_window(selected, 40, height, rows_of);
                let above: usize = (first..selected).map(rows_of).sum();
                assert!(first <= selected);
                assert!(
                    above + rows_of(selected).min(height) <= height,
                    "height {height}, selected {selected}: starts {above} rows down"
                );
                assert_eq!(
                    tall_list_entry_at(first, 40, above, rows_of),
                    Some(selected)
                );
            }
        }
    }

    #[test]
    fn modes_follow_the_width() {
        let mode = |w, h| panes(Area::new(0, 0, w, h), ViewOptions::default()).mode;
        assert_eq!(mode(200, 60), LayoutMode::Wide);
        assert_eq!(mode(120, 40), LayoutMode::Wide);
        assert_eq!(mode(100, 40), LayoutMode::Medium);
        assert_eq!(mode(80, 24), LayoutMode::Medium);
        assert_eq!(mode(79, 24), LayoutMode::Narrow);
        assert_eq!(mode(100, 10), LayoutMode::Narrow);
        assert_eq!(mode(20, 10), LayoutMode::TooSmall);
    }
}
