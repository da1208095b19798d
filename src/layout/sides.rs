//! What the reader wants visible (`ViewOptions`: zoom, folded side panes,
//! the article's measure, the side panes' shift), and how the wide and
//! medium layouts share the width between the article and the side panes:
//! the article's text is cut to its measure and the side panes take what
//! is left; the shift moves width between them, within readable minimums.
//! Pure arithmetic on widths, used by `panes`; no ratatui types, no state.

use super::area::{Area, GUTTER, MIN_HEIGHT, MIN_WIDTH, WIDE, is_narrow};

/// The article's text measure unless a config file says otherwise: lines
/// much longer than this are hard to follow back to the next line's start.
pub const DEFAULT_MEASURE: u16 = 100;
/// The narrowest article text the side panes may squeeze it to.
pub(super) const ARTICLE_MIN_TEXT: u16 = 40;
/// Columns of an article pane that are not text: the border, the note
/// gutter and the scrollbar's column (see `article_text`).
pub(super) const ARTICLE_CHROME: u16 = 2 + GUTTER + 1;
/// The narrowest a side pane may be made, border included.
pub(super) const SIDE_MIN: u16 = 24;
/// Columns each side pane gains or loses per `widen_side`/`narrow_side`.
pub const SIDE_STEP: i16 = 4;

/// What the reader wants visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewOptions {
    /// Show one pane alone (`Ctrl-w o`): the one `narrow_pane` names.
    pub zoomed: bool,
    /// In the narrow layout, and when zoomed, which pane is shown: 0
    /// article, 1 entities, 2 timeline.
    pub narrow_pane: u8,
    /// No side panes at all: a text without annotations has nothing to
    /// put in them, so the article takes the whole width.
    pub folded: bool,
    /// The most columns of article text per line ([`DEFAULT_MEASURE`]
    /// unless set, e.g. by a config file). A terminal wide enough to give
    /// the article more gives the rest to the side panes. Values below a
    /// readable minimum (40) count as that minimum.
    pub measure: u16,
    /// Columns added to each side pane (negative: taken away) in the wide
    /// and medium layouts, the article's width changing by as much (twice
    /// as much in the wide layout, which has two side panes). The layout
    /// clamps it, so it can never cost the article its readable minimum,
    /// a side pane its minimum, or make the text wider than `measure`;
    /// change it with [`ViewOptions::widen_side`] and
    /// [`ViewOptions::narrow_side`] (in `layout/sides.rs`), which keep it
    /// within those bounds.
    pub side_shift: i16,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            zoomed: false,
            narrow_pane: 0,
            folded: false,
            measure: DEFAULT_MEASURE,
            side_shift: 0,
        }
    }
}

impl ViewOptions {
    /// Widens the side panes by [`SIDE_STEP`] columns each, narrowing the
    /// article, on a terminal of `screen` size; no further than leaves the
    /// article its readable minimum. Nothing changes where the layout has
    /// no side column (narrow or too small); while zoomed the change shows
    /// once the side panes are back.
    pub fn widen_side(&mut self, screen: Area) {
        self.step_side(screen, SIDE_STEP);
    }

    /// Narrows the side panes by [`SIDE_STEP`] columns each, widening the
    /// article, on a terminal of `screen` size; no narrower than a side
    /// pane's minimum, and no further than the article's measure allows.
    /// Nothing changes where the layout has no side column.
    pub fn narrow_side(&mut self, screen: Area) {
        self.step_side(screen, -SIDE_STEP);
    }

    /// Moves `side_shift` by `step` within the range that changes the
    /// layout at this size, starting from the shift in effect there: a
    /// shift left over from another size must not make presses that do
    /// nothing.
    fn step_side(&mut self, screen: Area, step: i16) {
        let Some(split) = side_split(screen) else {
            return;
        };
        let (least, most) = split.shift_range(self.measure);
        let current = self.side_shift.clamp(least, most);
        self.side_shift = current.saturating_add(step).clamp(least, most);
    }
}

/// How the width is shared between the article and the side column(s) in
/// the wide and medium layouts.
pub(super) struct SideSplit {
    width: u16,
    /// Side panes side by side: 2 in the wide layout, 1 in the medium one
    /// (entities above timeline).
    pub(super) sides: u16,
    /// Each side pane's width before the measure and the shift: a fifth of
    /// the screen when wide, two fifths when medium, within bounds.
    natural_side: u16,
}

/// The split for a screen with a side column; `None` for narrow and too
/// small screens.
pub(super) fn side_split(screen: Area) -> Option<SideSplit> {
    let width = screen.width;
    if width < MIN_WIDTH || screen.height < MIN_HEIGHT || is_narrow(screen) {
        return None;
    }
    Some(if width < WIDE {
        SideSplit {
            width,
            sides: 1,
            natural_side: (width * 2 / 5).clamp(30, 44),
        }
    } else {
        SideSplit {
            width,
            sides: 2,
            natural_side: (width / 5).clamp(28, 48),
        }
    })
}

impl SideSplit {
    /// The least and most the article pane may be: its text no wider than
    /// the measure, each side pane at least `SIDE_MIN`, and its text at
    /// least `ARTICLE_MIN_TEXT` where the side panes' minimum leaves room.
    fn article_bounds(&self, measure: u16) -> (u16, u16) {
        let room = self.width.saturating_sub(self.sides * SIDE_MIN);
        let most = (measure.max(ARTICLE_MIN_TEXT).saturating_add(ARTICLE_CHROME)).min(room);
        let least = (ARTICLE_MIN_TEXT + ARTICLE_CHROME).min(most);
        (least, most)
    }

    /// The article pane's width before any shift: what the natural side
    /// panes leave, cut to the measure.
    fn natural_article(&self, measure: u16) -> u16 {
        let (least, most) = self.article_bounds(measure);
        (self.width.saturating_sub(self.sides * self.natural_side)).clamp(least, most)
    }

    /// The article pane's width with the reader's shift applied.
    pub(super) fn article_width(&self, options: ViewOptions) -> u16 {
        let (least, most) = self.article_bounds(options.measure);
        let natural = i32::from(self.natural_article(options.measure));
        let shifted = natural - i32::from(self.sides) * i32::from(options.side_shift);
        let width = shifted.clamp(i32::from(least), i32::from(most));
        u16::try_from(width).unwrap_or(least)
    }

    /// The shifts that make a difference at this size: from the one that
    /// takes the article to its most to the one that takes it to its
    /// least (rounded outwards, so both ends are reached).
    fn shift_range(&self, measure: u16) -> (i16, i16) {
        let (least, most) = self.article_bounds(measure);
        let natural = i32::from(self.natural_article(measure));
        let sides = i32::from(self.sides);
        let widest = (natural - i32::from(most)).div_euclid(sides);
        let narrowest = -(i32::from(least) - natural).div_euclid(sides);
        let to_shift = |shift: i32| i16::try_from(shift).unwrap_or(0);
        (to_shift(widest), to_shift(narrowest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::panes::panes;
    use crate::layout::panes::tests::widths;

    #[test]
    fn at_200_columns_the_text_keeps_its_measure_and_the_side_panes_get_the_rest() {
        let screen = Area::new(0, 0, 200, 60);
        let options = ViewOptions::default();
        let layout = panes(screen, options);
        let (text, entities, timeline) = widths(&layout);
        assert_eq!(text, DEFAULT_MEASURE, "the measure, not 115 columns");
        let article = layout.article.expect("an article").width;
        assert_eq!(article + entities + timeline, 200, "every column is used");
        assert!(
            entities >= 47 && timeline >= 47,
            "{entities} and {timeline}"
        );
        assert!(entities.abs_diff(timeline) <= 1);

        // A config file's measure is honoured too.
        let layout = panes(
            screen,
            ViewOptions {
                measure: 80,
                ..options
            },
        );
        assert_eq!(widths(&layout).0, 80);
        // Where the measure does not bind, nothing changes: 120 columns
        // give 28-column side panes as before.
        let layout = panes(Area::new(0, 0, 120, 40), options);
        assert_eq!(widths(&layout), (120 - 56 - 5, 28, 28));
    }

    #[test]
    fn widening_and_narrowing_move_width_and_stop_at_the_minimums() {
        for (width, sides) in [(200u16, 2u16), (120, 2), (100, 1), (90, 1)] {
            let screen = Area::new(0, 0, width, 40);
            let mut options = ViewOptions::default();
            let start = widths(&panes(screen, options));

            options.widen_side(screen);
            let wider = widths(&panes(screen, options));
            assert_eq!(options.side_shift, SIDE_STEP, "{width}");
            assert!(wider.1 > start.1, "{width}: the entities pane widens");
            assert_eq!(
                start.0 - wider.0,
                sides * SIDE_STEP.unsigned_abs(),
                "{width}: the article gives up what the side panes gain"
            );
            options.narrow_side(screen);
            assert_eq!(widths(&panes(screen, options)), start, "{width}: and back");

            // Widening stops with the article at its readable minimum...
            for _ in 0..100 {
                options.widen_side(screen);
            }
            let widest = widths(&panes(screen, options));
            assert_eq!(widest.0, ARTICLE_MIN_TEXT, "{width}");
            let shift = options.side_shift;
            options.widen_side(screen);
            assert_eq!(
                options.side_shift, shift,
                "{width}: clamped, not counting on"
            );
            // ... and one step back narrows at once: no dead presses.
            options.narrow_side(screen);
            assert!(widths(&panes(screen, options)).0 > ARTICLE_MIN_TEXT);

            // Narrowing stops at the measure or a side pane's minimum.
            for _ in 0..100 {
                options.narrow_side(screen);
            }
            let narrowest = widths(&panes(screen, options));
            assert!(narrowest.0 <= DEFAULT_MEASURE, "{width}: {narrowest:?}");
            assert!(narrowest.1 >= SIDE_MIN && narrowest.2 >= SIDE_MIN);
            assert!(
                narrowest.0 == DEFAULT_MEASURE || narrowest.1 == SIDE_MIN,
                "{width}: {narrowest:?} stopped short"
            );
            let shift = options.side_shift;
            options.narrow_side(screen);
            assert_eq!(options.side_shift, shift, "{width}: clamped");
        }
        // At 80 columns the article is near its minimum already: one step
        // takes it there, a shorter one than asked.
        let screen = Area::new(0, 0, 80, 24);
        let mut options = ViewOptions::default();
        options.widen_side(screen);
        assert_eq!(widths(&panes(screen, options)).0, ARTICLE_MIN_TEXT);
        assert!(options.side_shift < SIDE_STEP);
        // At 200 columns the measure already binds: the side panes can only
        // widen.
        let screen = Area::new(0, 0, 200, 60);
        let mut options = ViewOptions::default();
        options.narrow_side(screen);
        assert_eq!(options.side_shift, 0);
    }

    #[test]
    fn a_shift_from_another_size_is_clamped_in_the_layout_and_by_the_next_step() {
        let options = ViewOptions {
            side_shift: i16::MAX,
            ..ViewOptions::default()
        };
        for width in [80u16, 100, 119, 120, 160, 200, 300] {
            let layout = panes(Area::new(0, 0, width, 40), options);
            assert_eq!(widths(&layout).0, ARTICLE_MIN_TEXT, "{width}");
        }
        // One narrowing step from there shows at once.
        let screen = Area::new(0, 0, 120, 40);
        let mut stepped = options;
        stepped.narrow_side(screen);
        assert!(widths(&panes(screen, stepped)).0 > ARTICLE_MIN_TEXT);
        // No side column, nothing to change.
        let mut narrow = ViewOptions::default();
        narrow.widen_side(Area::new(0, 0, 60, 40));
        assert_eq!(narrow.side_shift, 0);
    }
}
