//! Analyst notes anchored to passages of the text.

use std::ops::Range;

use super::EntityId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteKind {
    Comment,
    Unverified,
    Disputed,
    Error,
    Gap,
}

impl NoteKind {
    pub const ALL: [NoteKind; 5] = [
        NoteKind::Comment,
        NoteKind::Unverified,
        NoteKind::Disputed,
        NoteKind::Error,
        NoteKind::Gap,
    ];

    pub fn name(self) -> &'static str {
        match self {
            NoteKind::Comment => "comment",
            NoteKind::Unverified => "unverified",
            NoteKind::Disputed => "disputed",
            NoteKind::Error => "error",
            NoteKind::Gap => "gap",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// Admiralty (NATO) grading: source reliability A-F, information credibility
/// 1-6. Either half may be given alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Grading {
    pub reliability: Option<char>,
    pub credibility: Option<u8>,
}

impl Grading {
    pub fn is_empty(&self) -> bool {
        self.reliability.is_none() && self.credibility.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    pub passage: Range<usize>,
    pub entities: Vec<EntityId>,
    pub grading: Grading,
}
