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

impl Grading {
    /// The grading as code and words, "B2: usually reliable, probably
    /// true", in the Admiralty system's own terms.
    pub fn describe(&self) -> Option<String> {
        let reliability = self.reliability.map(|code| {
            let words = match code {
                'A' => "completely reliable",
                'B' => "usually reliable",
                'C' => "fairly reliable",
                'D' => "not usually reliable",
                'E' => "unreliable",
                _ => "reliability cannot be judged",
            };
            (code.to_string(), words)
        });
        let credibility = self.credibility.map(|code| {
            let words = match code {
                1 => "confirmed by other sources",
                2 => "probably true",
                3 => "possibly true",
                4 => "doubtful",
                5 => "improbable",
                _ => "truth cannot be judged",
            };
            (code.to_string(), words)
        });
        let parts: Vec<(String, &str)> = reliability.into_iter().chain(credibility).collect();
        if parts.is_empty() {
            return None;
        }
        let code: String = parts.iter().map(|(code, _)| code.as_str()).collect();
        let words: Vec<&str> = parts.iter().map(|(_, words)| *words).collect();
        Some(format!("{code}: {}", words.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::Grading;

    #[test]
    fn gradings_read_in_words() {
        let both = Grading {
            reliability: Some('B'),
            credibility: Some(2),
        };
        assert_eq!(
            both.describe().as_deref(),
            Some("B2: usually reliable, probably true")
        );
        let half = Grading {
            reliability: None,
            credibility: Some(6),
        };
        assert_eq!(
            half.describe().as_deref(),
            Some("6: truth cannot be judged")
        );
        assert_eq!(Grading::default().describe(), None);
    }
}
