//! A note of the reviewer's while it is written: the passage it is on (in
//! the text as loaded), its kind and grading, the text so far and where the
//! editor's cursor is in it. Data only: `note_editor` changes it and keeps
//! the note in the review.

use std::ops::Range;

use crate::model::{Grading, NoteKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDraft {
    /// The passage, bytes of the loaded text.
    pub passage: Range<usize>,
    pub kind: NoteKind,
    pub grading: Grading,
    /// The note's text; line breaks are `\n`.
    pub text: String,
    /// A byte offset into `text`, on a grapheme boundary.
    pub cursor: usize,
    /// The kept note this draft changes, by its index in the review; a
    /// new note when `None`.
    pub editing: Option<usize>,
}

impl NoteDraft {
    pub fn new(passage: Range<usize>) -> NoteDraft {
        NoteDraft {
            passage,
            kind: NoteKind::Comment,
            grading: Grading::default(),
            text: String::new(),
            cursor: 0,
            editing: None,
        }
    }

    /// A draft of the kept `note` (index `index`), its cursor at the end.
    pub fn of_kept(passage: Range<usize>, note: &crate::review::ReviewNote, index: usize) -> Self {
        NoteDraft {
            passage,
            kind: note.kind,
            grading: note.grading,
            text: note.text.clone(),
            cursor: note.text.len(),
            editing: Some(index),
        }
    }
}
