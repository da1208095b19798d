//! Everything the reader shows, as plain data: the briefing, where the view
//! is, what is focused and selected, overlays, search, history. Drawing reads
//! it; only `update` changes it.

use std::collections::BTreeMap;
use std::ops::Range;

use super::action::Action;
use super::jumps::{JumpList, Location};
use super::keymap::{Context, Keymap};
use super::keys::KeyPress;
use super::lists::EntityLine;
use super::picker::Picker;
use crate::layout::{self, Area, ArticleLayout, PaneLayout, RowPos, ViewOptions};
use crate::model::{Briefing, EntityId, MentionId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Article,
    Entities,
    Timeline,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Article, Pane::Entities, Pane::Timeline];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Article => "Article",
            Pane::Entities => "Entities",
            Pane::Timeline => "Timeline",
        }
    }

    fn context(self) -> Context {
        match self {
            Pane::Article => Context::Article,
            Pane::Entities => Context::Entities,
            Pane::Timeline => Context::Timeline,
        }
    }

    pub fn index(self) -> u8 {
        match self {
            Pane::Article => 0,
            Pane::Entities => 1,
            Pane::Timeline => 2,
        }
    }
}

/// The entity sidebar: entities grouped by kind, maybe filtered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityList {
    /// The visible rows, in display order.
    pub rows: Vec<EntityId>,
    /// The rows as drawn, with a heading before each kind.
    pub lines: Vec<EntityLine>,
    /// For each row, its position in `lines`: the cursor's line is drawn
    /// every frame, and looking for it grew with the list.
    pub line_of_row: Vec<usize>,
    pub cursor: usize,
    pub filter: String,
    /// The filter prompt has the keyboard.
    pub editing: bool,
}

/// Search in the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What the status line shows: `/query` or `*Entity name`.
    pub label: String,
    pub query: String,
    /// The prompt has the keyboard.
    pub editing: bool,
    pub matches: Vec<Range<usize>>,
    pub current: Option<usize>,
    /// Where the search started, to return to on cancel.
    pub origin: Option<Location>,
}

/// A window over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help { scroll: usize },
    Relations { cursor: usize },
    Picker(Picker),
}

/// Keys typed towards a command: a count, a pending sequence, an action
/// waiting for its letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyBuffer {
    pub pending: Vec<KeyPress>,
    pub count: Option<usize>,
    pub awaiting_letter: Option<Action>,
    /// `1`-`3` focus a pane at once and also start a count; if the count
    /// goes on into a motion, the focus goes back here.
    pub focus_before_count: Option<Pane>,
}

#[derive(Debug, Clone)]
pub struct State {
    pub briefing: Briefing,
    pub keymap: Keymap,
    pub screen: Area,
    pub view: ViewOptions,
    pub focus: Pane,
    /// The article's rows at the current text width, wrapped as needed.
    pub layout: ArticleLayout,
    /// The article row at the top of the view.
    pub top: RowPos,
    /// The reading position, a byte offset: motions go from here.
    pub cursor: usize,
    pub focused_mention: Option<MentionId>,
    pub selected_entity: Option<EntityId>,
    pub entity_list: EntityList,
    pub selected_event: usize,
    /// Columns of the longest readable date on the timeline, measured once
    /// per briefing rather than over every event on every frame.
    pub longest_date: usize,
    pub search: Search,
    pub jumps: JumpList,
    pub marks: BTreeMap<char, Location>,
    pub overlay: Option<Overlay>,
    pub keys: KeyBuffer,
    pub message: Option<String>,
    /// While the reader shows a preview, what is still loading.
    pub loading: Option<String>,
    pub mouse: bool,
    pub quit: bool,
}

impl State {
    pub fn new(briefing: Briefing, keymap: Keymap, width: u16, height: u16) -> Self {
        let screen = Area::new(0, 0, width, height);
        let view = ViewOptions::default();
        let text_width = match article_text_width(&layout::panes(screen, view)) {
            0 => usize::from(width).max(20),
            shown => shown,
        };
        let layout = ArticleLayout::new(text_width);
        let mut state = Self {
            briefing,
            keymap,
            screen,
            view,
            focus: Pane::Article,
            layout,
            top: RowPos::default(),
            cursor: 0,
            focused_mention: None,
            selected_entity: None,
            entity_list: EntityList::default(),
            selected_event: 0,
            longest_date: 0,
            search: Search::default(),
            jumps: JumpList::default(),
            marks: BTreeMap::new(),
            overlay: None,
            keys: KeyBuffer::default(),
            message: None,
            loading: None,
            mouse: false,
            quit: false,
        };
        state.derive_from_briefing();
        state
    }

    /// Works out what the state keeps from the briefing so that frames need
    /// not (the entity list's rows and lines, the timeline's date width):
    /// at start and when the full load replaces a preview.
    pub fn derive_from_briefing(&mut self) {
        super::lists::refresh_entity_rows(self);
        self.longest_date = longest_date(&self.briefing);
    }

    pub fn panes(&self) -> PaneLayout {
        layout::panes(self.screen, self.view)
    }

    /// Rows of article text on screen (at least 1, so motions stay sane
    /// when the article is hidden).
    pub fn viewport_rows(&self) -> usize {
        self.panes()
            .article
            .map_or(1, |pane| usize::from(layout::article_text(pane).height))
            .max(1)
    }

    /// The highest useful top row: the one that puts the article's last
    /// row at the bottom of the view.
    pub fn last_top(&self) -> RowPos {
        let document = &self.briefing.document;
        let last = self.layout.last(document);
        self.layout
            .step(document, last, -signed(self.viewport_rows() - 1))
            .0
    }

    /// The row at the bottom of the view (the last row when the article
    /// ends above it).
    pub fn bottom(&self) -> RowPos {
        let rows = self.viewport_rows() - 1;
        self.layout
            .step(&self.briefing.document, self.top, signed(rows))
            .0
    }

    /// Where the view is in the text, found in one walk down the screen:
    /// a frame asks for it once and hands it to the panes that show it.
    pub fn view_span(&self) -> ViewSpan {
        let document = &self.briefing.document;
        let rows = self.viewport_rows();
        let start = self.top_offset();
        // A row `rows` below the top exists unless the article ends on
        // screen.
        let (below, moved) = self.layout.step(document, self.top, signed(rows));
        let at_end = moved < rows;
        let end = if at_end {
            document.text.len()
        } else {
            self.layout.offset_of(document, below)
        };
        // By bytes, as less counts: rows would need the whole article
        // wrapped.
        let percent = if at_end {
            100
        } else {
            start
                .saturating_mul(100)
                .checked_div(document.text.len())
                .unwrap_or(100)
        };
        ViewSpan {
            text: start..end.max(start),
            at_end,
            percent,
        }
    }

    /// Whether the article's last row is on screen.
    pub fn at_end(&self) -> bool {
        self.view_span().at_end
    }

    /// Whether the row showing a byte offset is on screen.
    pub fn is_visible(&self, offset: usize) -> bool {
        let document = &self.briefing.document;
        let row = self.layout.pos_of_offset(document, offset);
        row >= self.top
            && self
                .layout
                .rows_between(document, self.top, row, self.viewport_rows() - 1)
                .is_some()
    }

    /// The byte range of the text on screen.
    pub fn visible_text(&self) -> Range<usize> {
        self.view_span().text
    }

    pub fn top_offset(&self) -> usize {
        self.layout.offset_of(&self.briefing.document, self.top)
    }

    pub fn location(&self) -> Location {
        Location {
            top: self.top_offset(),
            cursor: self.cursor,
            mention: self.focused_mention,
        }
    }

    /// Keymap contexts for the current focus and overlay, most specific
    /// first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => vec![Context::Help, Context::Global],
            Some(Overlay::Relations { .. }) => vec![Context::Relations, Context::Global],
            Some(Overlay::Picker(_)) => Vec::new(),
            None => vec![self.focus.context(), Context::Global],
        }
    }

    /// Whether a text field (search, filter, picker query) takes the keys.
    pub fn is_typing(&self) -> bool {
        self.search.editing
            || self.entity_list.editing
            || matches!(self.overlay, Some(Overlay::Picker(_)))
    }

    /// The entity whose mentions `]m` walks: the selected one, else the
    /// focused mention's.
    pub fn walked_entity(&self) -> Option<EntityId> {
        self.selected_entity.or_else(|| {
            self.focused_mention
                .and_then(|id| self.briefing.mentions.get(id.0))
                .map(|mention| mention.entity)
        })
    }

    /// Which panes are on screen now.
    pub fn visible_panes(&self) -> Vec<Pane> {
        let panes = self.panes();
        Pane::ALL
            .into_iter()
            .filter(|pane| match pane {
                Pane::Article => panes.article.is_some(),
                Pane::Entities => panes.entities.is_some(),
                Pane::Timeline => panes.timeline.is_some(),
            })
            .collect()
    }
}

/// Where the view is in the text (see [`State::view_span`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSpan {
    /// The bytes on screen.
    pub text: Range<usize>,
    /// Whether the article's last row is on screen.
    pub at_end: bool,
    /// How far down the view is, 0 to 100.
    pub percent: usize,
}

/// Text width of the article in a layout (0 when it is hidden).
pub fn article_text_width(panes: &PaneLayout) -> usize {
    panes
        .article
        .map_or(0, |pane| usize::from(layout::article_text(pane).width))
}

/// A row count as a signed step (counts past `isize::MAX` are clamped: no
/// article has that many rows).
pub fn signed(rows: usize) -> isize {
    isize::try_from(rows).unwrap_or(isize::MAX)
}

/// Columns of the longest readable date of the briefing's events.
fn longest_date(briefing: &Briefing) -> usize {
    briefing
        .events
        .iter()
        .map(|e| e.date.readable().chars().count())
        .max()
        .unwrap_or(0)
}
