//! Terminal geometry every layout module shares: the `Area` rectangle, the
//! smallest screen drawn into, the widths and heights at which the layout
//! changes, and the article's gutter. Plain data, no ratatui types.

/// A rectangle in terminal cells. Mirrors ratatui's `Rect` without
/// depending on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.width == 0 || self.height == 0
    }

    pub fn right(&self) -> u16 {
        self.x.saturating_add(self.width)
    }

    pub fn bottom(&self) -> u16 {
        self.y.saturating_add(self.height)
    }

    pub fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }

    /// Whether two areas share a cell.
    pub fn overlaps(&self, other: &Area) -> bool {
        !self.is_empty()
            && !other.is_empty()
            && self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `inner` lies wholly inside this area.
    pub fn holds(&self, inner: &Area) -> bool {
        inner.is_empty()
            || (inner.x >= self.x
                && inner.y >= self.y
                && inner.right() <= self.right()
                && inner.bottom() <= self.bottom())
    }
}

/// Smallest terminal the reader draws into; below it, a message.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// Widths at which the layout changes.
pub(super) const WIDE: u16 = 120;
pub(super) const MEDIUM: u16 = 80;
/// Below this height the side panes share the screen with tabs too.
pub(super) const SHORT: u16 = 14;
/// Whether a (large enough) screen shows one pane at a time.
pub(super) fn is_narrow(screen: Area) -> bool {
    screen.width < MEDIUM || screen.height < SHORT
}

/// Columns left of the article text for note markers.
pub const GUTTER: u16 = 2;
