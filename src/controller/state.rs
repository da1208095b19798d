//! Everything the reader shows, as plain data: the briefing, where the view
//! is, what is focused and selected, overlays, search, history. Drawing and
//! tests read it through the getters; only `update` (and the controller
//! modules it calls) writes it, so the fields are private to the
//! controller. This module holds data and derived read-only views; it
//! imports no module that changes state.

use std::collections::BTreeMap;
use std::ops::Range;

use super::action::Action;
use super::entity_rows::EntityLine;
pub use super::found::{Search, SearchTally};
use super::jumps::{JumpList, Location};
use super::keymap::{Context, Keymap};
use super::keys::KeyPress;
use super::pane::Pane;
use super::picker::Picker;
use crate::layout::{self, Area, ArticleLayout, PaneLayout, RowPos, TimelineMemo, ViewOptions};
use crate::model::{Briefing, EntityId, MentionId};

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
    /// For each entity, its row when listed.
    pub row_of_entity: Vec<Option<usize>>,
    pub cursor: usize,
    pub filter: String,
    /// The filter prompt has the keyboard.
    pub editing: bool,
}

/// A window over the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The briefing's own metadata, files and counts.
    Info {
        scroll: usize,
    },
    Relations {
        cursor: usize,
    },
    Picker(Picker),
    /// Labels over the mentions on screen; `typed` is what was typed of one.
    Hints {
        typed: String,
    },
    /// What a reload found wrong; the old briefing stays on screen. With a
    /// title: other problems (the library's, a briefing that would not
    /// open), titled so.
    Diagnostics {
        lines: Vec<String>,
        scroll: usize,
        title: Option<String>,
    },
    /// The review as a list (the report of `brief review export`), made
    /// when it opens.
    Review {
        lines: Vec<String>,
        scroll: usize,
    },
}

/// Keys typed towards a command: a count, a pending sequence, an action
/// waiting for its letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyBuffer {
    pub pending: Vec<KeyPress>,
    pub count: Option<usize>,
    pub awaiting_letter: Option<Action>,
}

/// What the command line decides about a reader before it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// Mouse clicks and the wheel are on (`--mouse`).
    pub mouse: bool,
    /// The reader shows a preview while this file loads.
    pub loading: Option<String>,
    /// The article's measure from the config file (`None`: the default).
    pub measure: Option<u16>,
    /// Columns added to each side pane from the config file; `Ctrl-w =`
    /// comes back to it.
    pub widen_sides: i16,
    /// The review to read and add to; `None`: no review layer at all.
    pub review: Option<crate::review::open::Setup>,
}

#[derive(Debug, Clone)]
pub struct State {
    pub(crate) briefing: Briefing,
    pub(crate) keymap: Keymap,
    pub(crate) screen: Area,
    pub(crate) view: ViewOptions,
    pub(crate) focus: Pane,
    /// The article's rows at the current text width, wrapped as needed.
    pub(crate) layout: ArticleLayout,
    /// The article row at the top of the view.
    pub(crate) top: RowPos,
    /// The reading position, a byte offset: motions go from here.
    pub(crate) cursor: usize,
    pub(crate) focused_mention: Option<MentionId>,
    pub(crate) selected_entity: Option<EntityId>,
    pub(crate) entity_list: EntityList,
    pub(crate) selected_event: usize,
    /// Columns of the longest readable date on the timeline, measured once
    /// per briefing rather than over every event on every frame.
    pub(crate) longest_date: usize,
    pub(crate) search: Search,
    pub(crate) search_tally: SearchTally,
    pub(crate) jumps: JumpList,
    pub(crate) marks: BTreeMap<char, Location>,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) keys: KeyBuffer,
    pub(crate) message: Option<String>,
    /// While the reader shows a preview, what is still loading.
    pub(crate) loading: Option<String>,
    pub(crate) mouse: bool,
    /// The analyst note whose card is shown (index into the notes).
    pub(crate) focused_note: Option<usize>,
    /// The reviewer's note whose card is shown (index into the review's
    /// notes), picked from the notes picker.
    pub(crate) focused_review_note: Option<usize>,
    /// How far the focused pane's card is scrolled, in rows.
    pub(crate) card_scroll: usize,
    /// The place before the latest jump: `''` goes there.
    pub(crate) before_jump: Option<Location>,
    /// Rows `d`/`u` scroll once a count set them (`10d`), as in less and
    /// vim; half the view until then.
    pub(crate) half_page: Option<usize>,
    /// The timeline's rows already laid out (a memo, like the article's
    /// layout cache; cleared when the briefing changes).
    pub(crate) timeline_memo: TimelineMemo,
    /// The side panes' shift `Ctrl-w =` comes back to (the config's).
    pub(crate) configured_side_shift: i16,
    pub(crate) review: Option<super::reviewing::ReviewSession>,
    /// The caret in the article, while it is on (`i`, `v`).
    pub(crate) caret: Option<super::caret::Caret>,
    /// Whether the reader has done anything yet: until then, the full
    /// load after a preview may put the review's places in where the
    /// preview's text was too short to hold them.
    pub(crate) touched: bool,
    /// The library this briefing was opened from (`brief DIR`), with its
    /// list's place; `None` for a briefing opened on its own.
    pub(crate) library: Option<Box<super::library_view::LibraryView>>,
}

impl State {
    pub fn new(briefing: Briefing, keymap: Keymap, width: u16, height: u16) -> Self {
        Self::with_setup(briefing, keymap, width, height, Setup::default())
    }

    pub fn with_setup(
        briefing: Briefing,
        keymap: Keymap,
        width: u16,
        height: u16,
        setup: Setup,
    ) -> Self {
        let screen = Area::new(0, 0, width, height);
        let defaults = ViewOptions::default();
        let view = ViewOptions {
            folded: briefing.meta.annotation_path.is_none(),
            measure: setup.measure.unwrap_or(defaults.measure),
            side_shift: setup.widen_sides,
            ..defaults
        };
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
            search_tally: SearchTally::default(),
            jumps: JumpList::default(),
            marks: BTreeMap::new(),
            overlay: None,
            keys: KeyBuffer::default(),
            message: None,
            loading: setup.loading,
            mouse: setup.mouse,
            focused_note: None,
            focused_review_note: None,
            card_scroll: 0,
            before_jump: None,
            half_page: None,
            timeline_memo: TimelineMemo::default(),
            configured_side_shift: setup.widen_sides,
            review: None,
            caret: None,
            touched: false,
            library: None,
        };
        state.review = setup
            .review
            .map(|review| super::reviewing::ReviewSession::new(review, &state.briefing));
        state.resume_review_places();
        state.derive_from_briefing();
        // The format's summary line: what the briefing says of itself, in
        // the status line until the first key (`=` shows it again, whole).
        state.message = state.briefing.meta.summary.clone();
        state
    }

    /// Focuses the innermost mention under `at` (or none), as the caret
    /// does wherever it goes.
    pub(crate) fn focus_mention_under(&mut self, at: usize) {
        let mentions = &self.briefing.mentions;
        let before = mentions.partition_point(|m| m.span.start <= at);
        // Nesting is shallow: the innermost is among the last few starting
        // at or before `at`.
        self.focused_mention = (0..before).rev().take(64).find_map(|i| {
            let mention = mentions.get(i).filter(|m| m.span.contains(&at))?;
            Some(mention.head(crate::model::MentionId(i)))
        });
        self.focused_note = None;
        self.focused_review_note = None;
    }

    /// Works out what the state keeps from the briefing so that frames need
    /// not (the entity list's rows and lines, the timeline's date width):
    /// at start and when the full load replaces a preview.
    pub(crate) fn derive_from_briefing(&mut self) {
        self.timeline_memo.clear();
        self.refresh_entity_rows();
        self.longest_date = longest_date(&self.briefing);
    }

    /// Rebuilds the entity list's rows for the filter, keeping the
    /// selected entity under the cursor if it is still listed.
    pub(crate) fn refresh_entity_rows(&mut self) {
        let built = super::entity_rows::build(&self.briefing, &self.entity_list.filter);
        let list = &mut self.entity_list;
        list.rows = built.rows;
        list.lines = built.lines;
        list.line_of_row = built.line_of_row;
        list.row_of_entity = built.row_of_entity;
        if let Some(at) = self
            .selected_entity
            .and_then(|selected| list.row_of_entity.get(selected.0).copied().flatten())
        {
            list.cursor = at;
        }
        list.cursor = list.cursor.min(list.rows.len().saturating_sub(1));
    }

    /// Selects an entity and puts the list cursor on it, clearing a filter
    /// that hides it; a new entity's card starts at its top.
    pub(crate) fn select_entity(&mut self, entity: EntityId) {
        if self.selected_entity != Some(entity) {
            self.card_scroll = 0;
        }
        self.selected_entity = Some(entity);
        // The rows are rebuilt (a sort of every entity) only when the
        // filter hides the entity: `]m` selects on every press.
        match self
            .entity_list
            .row_of_entity
            .get(entity.0)
            .copied()
            .flatten()
        {
            Some(row) => self.entity_list.cursor = row,
            None => {
                self.entity_list.filter.clear();
                self.refresh_entity_rows();
            }
        }
    }

    /// The line index of the list cursor among the entity list's lines.
    pub fn entity_cursor_line(&self) -> usize {
        let list = &self.entity_list;
        list.line_of_row.get(list.cursor).copied().unwrap_or(0)
    }

    pub fn panes(&self) -> PaneLayout {
        layout::panes(self.screen, self.view)
    }

    /// Rows of article text on screen (at least 1, so motions stay sane
    /// when the article is hidden). A note's card covers the foot of the
    /// article: motions and jumps keep their targets above it.
    pub fn viewport_rows(&self) -> usize {
        self.panes()
            .article
            .map_or(1, |pane| {
                let card = if self.note_card_open() {
                    layout::note_card_area(pane).height
                } else {
                    0
                };
                usize::from(layout::article_text(pane).height.saturating_sub(card))
            })
            .max(1)
    }

    /// How far the card of `pane` is scrolled: only the focused pane's
    /// card scrolls.
    pub fn card_scroll_of(&self, pane: Pane) -> usize {
        if self.focus == pane {
            self.card_scroll
        } else {
            0
        }
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
            focus: self.focus,
            entity: self.selected_entity,
            event: self.selected_event,
            note: self.focused_note,
        }
    }

    /// Keymap contexts for the current focus and overlay, most specific
    /// first. Prompts and pickers take their own keys only: everything
    /// else typed there is text.
    pub fn contexts(&self) -> Vec<Context> {
        if let Some(view) = self.library.as_deref().filter(|v| !v.reading) {
            if view.filtering {
                return vec![Context::FilterPrompt];
            }
            return match &self.overlay {
                Some(Overlay::Picker(_)) => vec![Context::Picker],
                Some(_) => vec![Context::Help],
                None => vec![Context::Library],
            };
        }
        if self.search.editing {
            return vec![Context::SearchPrompt];
        }
        if self.review.as_ref().is_some_and(|r| r.note.is_some()) {
            return vec![Context::NoteEditor];
        }
        // A verdict's comment is edited with the filter's line keys.
        if self.entity_list.editing || self.review.as_ref().is_some_and(|r| r.comment.is_some()) {
            return vec![Context::FilterPrompt];
        }
        match &self.overlay {
            Some(
                Overlay::Help { .. }
                | Overlay::Info { .. }
                | Overlay::Diagnostics { .. }
                | Overlay::Review { .. },
            ) => {
                vec![Context::Help, Context::Global]
            }
            // The list has the keyboard: the article does not move behind it.
            Some(Overlay::Relations { .. }) => vec![Context::Relations],
            Some(Overlay::Picker(_)) => vec![Context::Picker],
            Some(Overlay::Hints { .. }) => vec![Context::Hints],
            // The caret's keys first; the article's others still work.
            None if self.caret.is_some() && self.focus == Pane::Article => {
                vec![Context::Caret, Context::Article, Context::Global]
            }
            None => vec![self.focus.context(), Context::Global],
        }
    }

    /// The first key bound to `action` where the keyboard is (else
    /// anywhere), as the keymap writes it: messages name the keys in force,
    /// not the defaults.
    pub(crate) fn key_name(&self, action: Action) -> String {
        self.contexts()
            .into_iter()
            .chain(Context::ALL)
            .find_map(|context| self.keymap.keys_for(action, context))
            .unwrap_or_else(|| format!("({action:?} is not bound)"))
    }

    /// Whether a text field (search, filter, picker query, hint label)
    /// takes the keys: there, digits are typed, not counts.
    pub fn is_typing(&self) -> bool {
        self.library
            .as_ref()
            .is_some_and(|v| v.filtering && !v.reading)
            || self.search.editing
            || self.entity_list.editing
            || self
                .review
                .as_ref()
                .is_some_and(|r| r.comment.is_some() || r.note.is_some())
            || matches!(
                self.overlay,
                Some(Overlay::Picker(_) | Overlay::Hints { .. })
            )
    }

    /// Whether a note's card (the author's or the reviewer's) covers the
    /// foot of the article.
    pub fn note_card_open(&self) -> bool {
        self.focused_note.is_some() || self.focused_review_note.is_some()
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
