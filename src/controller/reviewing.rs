//! The review as the reader holds it: the reviewer's verdicts (shared with
//! the writer thread without copying), where each lies in the loaded
//! briefing, and how saving is going. Data only: the review actions that
//! change it are in `judge`, the disk is the terminal's (`Effect::SaveReview`).

use std::sync::Arc;

use crate::model::Briefing;
use crate::review::file::Header;
use crate::review::open::Setup;
use crate::review::{Judgement, Located, Overlay, Review, Target};

/// The review's places found in the text, as byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Whereabouts {
    pub marks: Vec<(char, usize)>,
    pub position: Option<usize>,
    pub caret: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ReviewSession {
    /// Shared with the writer thread: a change copies it only while the
    /// writer still holds the previous version.
    pub(crate) review: Arc<Review>,
    pub(crate) overlay: Overlay,
    pub(crate) header: Header,
    pub(crate) reviewer: String,
    pub(crate) read_only: Option<String>,
    /// Changes made, and the newest one known to be on disk.
    pub(crate) generation: u64,
    pub(crate) saved: u64,
    /// The last write's failure, while no later one has succeeded.
    pub(crate) failure: Option<String>,
    /// Whether the reviewer's layer is drawn.
    pub(crate) shown: bool,
    /// Where the review is kept.
    pub(crate) place: Option<String>,
    /// A comment being typed for the verdict on this target.
    pub(crate) comment: Option<(Target, String)>,
    /// A note of the reviewer's being written.
    pub(crate) note: Option<super::note_draft::NoteDraft>,
}

impl ReviewSession {
    pub fn new(setup: Setup, briefing: &Briefing) -> ReviewSession {
        let overlay = Overlay::build(&setup.review, briefing);
        ReviewSession {
            review: Arc::new(setup.review),
            overlay,
            header: Header::for_text(briefing.meta.title.as_deref(), &briefing.document.text),
            reviewer: setup.reviewer,
            read_only: setup.read_only,
            generation: 0,
            saved: 0,
            failure: None,
            shown: true,
            place: setup.place,
            comment: None,
            note: None,
        }
    }

    /// Lays the review over a new briefing (the full load after a preview,
    /// a reload): positions and the text's identity are the new one's.
    pub fn rebase(&mut self, briefing: &Briefing) {
        self.overlay = Overlay::build(&self.review, briefing);
        self.header = Header::for_text(briefing.meta.title.as_deref(), &briefing.document.text);
    }

    pub fn review(&self) -> &Review {
        &self.review
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// Where the review's uppercase marks, last position and caret are in
    /// `briefing`'s text, those found (exactly, or moved and singled out).
    pub fn places(&self, briefing: &Briefing) -> Whereabouts {
        let text = briefing.document.text.as_str();
        let found = |place: &crate::review::Place| match place.anchor.locate(text) {
            Located::Exact(span) | Located::Moved(span) => Some(span.start),
            Located::Ambiguous(_) | Located::Lost => None,
        };
        let marks = self
            .review
            .marks
            .iter()
            .filter_map(|(letter, place)| found(place).map(|at| (*letter, at)))
            .collect();
        Whereabouts {
            marks,
            position: self.review.position.as_ref().and_then(found),
            caret: self.review.caret.as_ref().and_then(found),
        }
    }

    /// The note being written, if one is.
    pub fn note_draft(&self) -> Option<&super::note_draft::NoteDraft> {
        self.note.as_ref()
    }

    /// The comment being typed, if one is.
    pub fn comment_draft(&self) -> Option<&str> {
        self.comment.as_ref().map(|(_, text)| text.as_str())
    }

    /// Whether a change has not reached the disk yet.
    pub fn unsaved(&self) -> bool {
        self.saved < self.generation
    }

    /// The verdict shown on the relation `row` of `entity`'s relations,
    /// when the layer is drawn.
    pub fn relation_verdict(
        &self,
        briefing: &Briefing,
        entity: crate::model::EntityId,
        row: &super::relations::RelationRow,
    ) -> Option<Judgement> {
        if !self.shown || self.overlay.relations.is_empty() {
            return None;
        }
        let (_, _, at) = row.relation(briefing, entity)?;
        self.overlay.relations.get(&at).copied()
    }

    /// The verdict shown on the mention at this position, when the layer
    /// is drawn.
    pub fn mention_verdict(&self, mention: usize) -> Option<Judgement> {
        self.shown
            .then(|| self.overlay.mentions.get(&mention).copied())
            .flatten()
    }
}
