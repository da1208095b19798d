//! The reviewer's own mentions: a passage the author did not mark as a
//! mention (or marked as a mention of the wrong entity), said to mention an
//! entity of the briefing or one the reviewer names. A re-pointed mention
//! is one of these with `instead_of` naming the entity the author gave it
//! (the author's mention gets a "wrong" verdict beside it). This module
//! owns the mention as data and its form in the review file (`[[mention]]`
//! tables, read with positioned problems); it must not touch a terminal or
//! the disk.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::Anchor;

/// Which entity a reviewer's mention is of.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MentionOf {
    /// An entity of the briefing, by its id.
    Entity(String),
    /// An entity the briefing lacks: its name and kind as the reviewer
    /// gave them.
    NewEntity { name: String, kind: String },
}

impl MentionOf {
    /// The entity as the report says it: its id, or the new name.
    pub fn describe(&self) -> String {
        match self {
            MentionOf::Entity(id) => id.clone(),
            MentionOf::NewEntity { name, kind } => format!("new {kind} \u{201c}{name}\u{201d}"),
        }
    }
}

/// One mention of the reviewer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewMention {
    pub anchor: Anchor,
    pub of: MentionOf,
    /// For a re-pointed mention: the entity id the author's mention on
    /// this passage had.
    pub instead_of: Option<String>,
    pub reviewer: String,
    /// RFC 3339, UTC, to the second.
    pub at: String,
}

/// A `[[mention]]` table as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMention {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    new_entity: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    instead_of: Option<String>,
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    byte_start: usize,
    byte_end: usize,
    by: String,
    at: String,
}

/// What is wrong with a mention: message, hint, the span of the field.
pub(super) type MentionProblem = (String, String, Option<std::ops::Range<usize>>);

impl RawMention {
    pub(super) fn typed(self) -> Result<ReviewMention, MentionProblem> {
        let of = match (self.entity, self.new_entity, self.kind) {
            (Some(id), None, _) => MentionOf::Entity(id),
            (None, Some(name), Some(kind)) if !name.get_ref().trim().is_empty() => {
                MentionOf::NewEntity {
                    name: name.into_inner(),
                    kind,
                }
            }
            (None, Some(name), None) => {
                return Err((
                    "a mention of a new entity needs its `kind`".to_string(),
                    "add `kind = \"person\"` (or organization, place, facility, event…)"
                        .to_string(),
                    Some(name.span()),
                ));
            }
            (None, Some(name), Some(_)) => {
                return Err((
                    "a new entity's name is empty".to_string(),
                    "give the name as the text says it".to_string(),
                    Some(name.span()),
                ));
            }
            (Some(_), Some(name), _) => {
                return Err((
                    "a mention is of `entity` or of `new_entity`, not both".to_string(),
                    "keep one of the two".to_string(),
                    Some(name.span()),
                ));
            }
            (None, None, _) => {
                return Err((
                    "a mention of the reviewer's needs `entity` or `new_entity`".to_string(),
                    "add `entity = \"id\"`, or `new_entity = \"Name\"` with `kind`".to_string(),
                    None,
                ));
            }
        };
        Ok(ReviewMention {
            anchor: Anchor {
                quote: self.quote,
                prefix: self.prefix,
                suffix: self.suffix,
                start: self.byte_start,
                end: self.byte_end,
            },
            of,
            instead_of: self.instead_of,
            reviewer: self.by,
            at: self.at,
        })
    }
}
