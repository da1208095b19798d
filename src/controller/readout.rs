//! What the reader's state shows to the outside: read-only getters for
//! drawing, the terminal and tests. `State`'s fields stay private to the
//! controller; nothing here changes them.

use std::collections::BTreeMap;
use std::ops::Range;

use super::caret::Caret;
use super::jumps::{JumpList, Location};
use super::pane::Pane;
use super::reviewing::ReviewSession;
use super::state::{EntityList, KeyBuffer, Overlay, Search, State};
use crate::controller::keymap::Keymap;
use crate::layout::{Area, ArticleLayout, RowPos, ViewOptions};
use crate::model::{Briefing, EntityId, MentionId};

/// Read-only views of the state, for drawing and tests.
impl State {
    pub fn briefing(&self) -> &Briefing {
        &self.briefing
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    pub fn screen(&self) -> Area {
        self.screen
    }
    pub fn view(&self) -> ViewOptions {
        self.view
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn layout(&self) -> &ArticleLayout {
        &self.layout
    }
    pub fn top(&self) -> RowPos {
        self.top
    }
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    pub fn focused_mention(&self) -> Option<MentionId> {
        self.focused_mention
    }
    pub fn selected_entity(&self) -> Option<EntityId> {
        self.selected_entity
    }
    pub fn entity_list(&self) -> &EntityList {
        &self.entity_list
    }
    pub fn selected_event(&self) -> usize {
        self.selected_event
    }
    pub fn longest_date(&self) -> usize {
        self.longest_date
    }
    pub fn search(&self) -> &Search {
        &self.search
    }
    /// Bytes of text searched on keys so far (not by the counting thread).
    pub fn search_work(&self) -> usize {
        self.search_tally.bytes
    }
    /// Whether a search's matches are still being counted.
    pub fn counting(&self) -> bool {
        self.search.counting
    }
    pub fn jumps(&self) -> &JumpList {
        &self.jumps
    }
    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.as_ref()
    }

    pub fn marks(&self) -> &BTreeMap<char, Location> {
        &self.marks
    }
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }
    pub fn keys(&self) -> &KeyBuffer {
        &self.keys
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub fn loading(&self) -> Option<&str> {
        self.loading.as_deref()
    }
    pub fn mouse(&self) -> bool {
        self.mouse
    }
    pub fn focused_note(&self) -> Option<usize> {
        self.focused_note
    }
    pub fn focused_review_note(&self) -> Option<usize> {
        self.focused_review_note
    }
    pub fn card_scroll(&self) -> usize {
        self.card_scroll
    }
}

/// The caret and what it selects.
impl State {
    pub fn caret(&self) -> Option<&Caret> {
        self.caret.as_ref()
    }

    /// The selected bytes: from the earlier end's grapheme to the end of
    /// the later end's, both included, as vim's visual mode selects.
    pub fn selection(&self) -> Option<Range<usize>> {
        let caret = self.caret?;
        let anchor = caret.anchor?;
        let (low, high) = if anchor <= caret.at {
            (anchor, caret.at)
        } else {
            (caret.at, anchor)
        };
        let end = self.layout.grapheme_end(&self.briefing.document, high);
        Some(low..end.max(low))
    }
}
