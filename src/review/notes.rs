//! The reviewer's own notes: a passage of the text (an [`Anchor`], found
//! again as verdicts' passages are), a kind as the author's notes have
//! (comment, unverified, disputed, error, gap), an optional Admiralty
//! grading and the text, with who wrote it and when. This module owns the
//! note as data and its form in the review file (`[[note]]` tables, read
//! with positioned problems); it must not touch a terminal or the disk.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::Anchor;
use crate::model::{Grading, NoteKind};

/// One note of the reviewer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewNote {
    pub anchor: Anchor,
    pub kind: NoteKind,
    pub grading: Grading,
    pub text: String,
    pub reviewer: String,
    /// RFC 3339, UTC, to the second.
    pub at: String,
}

/// A `[[note]]` table as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNote {
    kind: Spanned<String>,
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    byte_start: usize,
    byte_end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reliability: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    credibility: Option<Spanned<i64>>,
    text: String,
    by: String,
    at: String,
}

/// What is wrong with a note: message, hint, the span of the field.
pub(super) type NoteProblem = (String, String, Option<std::ops::Range<usize>>);

impl RawNote {
    pub(super) fn typed(self) -> Result<ReviewNote, NoteProblem> {
        let kind = NoteKind::from_name(self.kind.get_ref()).ok_or_else(|| {
            (
                format!("`{}` is not a note kind", self.kind.get_ref()),
                "use comment, unverified, disputed, error or gap".to_string(),
                Some(self.kind.span()),
            )
        })?;
        let reliability = match &self.reliability {
            None => None,
            Some(value) => {
                let mut chars = value.get_ref().chars();
                match (chars.next(), chars.next()) {
                    (Some(letter @ 'A'..='F'), None) => Some(letter),
                    _ => {
                        return Err((
                            format!("reliability \"{}\" is not a grade", value.get_ref()),
                            "source reliability is one capital letter, A to F".to_string(),
                            Some(value.span()),
                        ));
                    }
                }
            }
        };
        let credibility = match &self.credibility {
            None => None,
            Some(value) => match u8::try_from(*value.get_ref()) {
                Ok(grade @ 1..=6) => Some(grade),
                _ => {
                    return Err((
                        format!("credibility {} is not a grade", value.get_ref()),
                        "information credibility is a number, 1 to 6".to_string(),
                        Some(value.span()),
                    ));
                }
            },
        };
        Ok(ReviewNote {
            anchor: Anchor {
                quote: self.quote,
                prefix: self.prefix,
                suffix: self.suffix,
                start: self.byte_start,
                end: self.byte_end,
            },
            kind,
            grading: Grading {
                reliability,
                credibility,
            },
            text: self.text,
            reviewer: self.by,
            at: self.at,
        })
    }
}

/// The grading as its short code ("B2", "C", "3"), empty when ungraded.
pub fn grading_code(grading: &Grading) -> String {
    let mut code = String::new();
    if let Some(letter) = grading.reliability {
        code.push(letter);
    }
    if let Some(number) = grading.credibility {
        code.push_str(&number.to_string());
    }
    code
}
