//! Where a review's saved places go in the loaded text: its uppercase
//! marks, the reading position and the caret, found by their anchors when
//! the reader starts and again when the full load replaces a preview. It
//! changes only the state's marks, view and caret; finding a passage is
//! the review's (`Anchor::locate`).

use super::jumps::Location;
use super::pane::Pane;
use super::state::State;

impl State {
    /// Puts the review's uppercase marks where the full text has them, once
    /// it has replaced a preview the reader has already moved in: a mark
    /// past the preview's end was missing, and one whose passage the
    /// preview cut short may have been placed on another match. A mark the
    /// reader set again since it was placed on the preview (`on_preview`:
    /// letter and offset) is the reader's and stays.
    pub(crate) fn retake_review_marks(&mut self, on_preview: &[(char, usize)]) {
        let Some(session) = &self.review else {
            return;
        };
        for (letter, offset) in session.places(&self.briefing).marks {
            let as_placed = match self.marks.get(&letter) {
                None => true,
                Some(mark) => on_preview
                    .iter()
                    .any(|&(placed, at)| placed == letter && (mark.top, mark.cursor) == (at, at)),
            };
            if as_placed {
                self.marks.insert(letter, review_mark(offset));
            }
        }
    }

    /// Puts the review's uppercase marks in place and opens the article
    /// where the reviewer last was.
    pub(crate) fn resume_review_places(&mut self) {
        let Some(session) = &self.review else {
            return;
        };
        let found = session.places(&self.briefing);
        for (letter, offset) in found.marks {
            self.marks.insert(letter, review_mark(offset));
        }
        if let Some(offset) = found.position {
            self.cursor = offset;
            self.top = self.layout.pos_of_offset(&self.briefing.document, offset);
        }
        // The caret comes back where it was, and with it the mention it
        // was on; the view was kept with it (or, without it, starts there).
        if let Some(offset) = found.caret {
            let at = self.layout.caret_at(&self.briefing.document, offset);
            self.caret = Some(super::caret::Caret {
                at,
                anchor: None,
                column: None,
            });
            self.focus_mention_under(at);
            if found.position.is_none() {
                self.top = self.layout.pos_of_offset(&self.briefing.document, at);
            }
        }
    }
}

/// Where a review's mark takes the reader: the article, at `offset`.
fn review_mark(offset: usize) -> Location {
    Location {
        top: offset,
        cursor: offset,
        mention: None,
        focus: Pane::Article,
        entity: None,
        event: 0,
        note: None,
    }
}
