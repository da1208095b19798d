//! Entities, their kinds, their mentions in the text, and the relations
//! between them.

use std::ops::Range;

/// The kinds every briefing may use without declaring them, with labels.
pub const BUILTIN_KINDS: [(&str, &str); 7] = [
    ("person", "Person"),
    ("organization", "Organization"),
    ("place", "Place"),
    ("facility", "Facility"),
    ("event", "Event"),
    ("group", "Group"),
    ("other", "Other"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub name: String,
    pub label: String,
    pub builtin: bool,
}

/// Index into [`crate::model::Briefing::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub usize);

/// Index into [`crate::model::Briefing::kinds`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KindId(pub u32);

/// Index into [`crate::model::Briefing::mentions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionId(pub usize);

/// Index into [`crate::model::Briefing::relations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationId(pub usize);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub auto: bool,
    /// This entity's mentions in text order.
    pub mentions: Vec<MentionId>,
    pub outgoing: Vec<RelationId>,
    pub incoming: Vec<RelationId>,
    /// Positions in [`crate::model::Briefing::events`] of the events that
    /// name this entity or are linked to it, in timeline order: the card
    /// shows them every frame, and scanning every event for them made a
    /// frame grow with the timeline.
    pub events: Vec<usize>,
    /// Positions in [`crate::model::Briefing::notes`] of the notes naming
    /// this entity, in passage order.
    pub notes: Vec<usize>,
}

/// Where a mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionOrigin {
    /// Found by matching the entity's name or an alias.
    Automatic,
    /// Written as a `[[mention]]`.
    Explicit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: EntityId,
    /// The kind of its entity, kept here too: drawing a mention in its
    /// kind's colour then reads nothing but the mention, where visiting
    /// the entity would cost a cache miss or two for each on a new page of
    /// a large briefing.
    pub kind: KindId,
    /// Bytes of the stored text.
    pub span: Range<usize>,
    pub origin: MentionOrigin,
    /// What few mentions have (a label, attributes, further parts), boxed
    /// so that the hundreds of thousands without it stay small.
    pub extra: Option<Box<MentionExtra>>,
}

/// The rarer properties of an explicit mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentionExtra {
    /// The optional free-form label.
    pub label: Option<String>,
    /// Named values the annotator attached (brat's `A`/`M` lines, the
    /// TOML's `attributes`), in the order given.
    pub attributes: Vec<Attribute>,
    /// Every part of a discontinuous mention, in text order, on each of
    /// its parts; empty for a mention in one piece. The first part is the
    /// mention as the reader steps to it, lists and judges it.
    pub parts: Vec<MentionId>,
}

/// A named value on a mention, relation or event: `negated = "true"`,
/// `confidence = "high"`. Values are kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

impl Mention {
    pub fn label(&self) -> Option<&str> {
        self.extra.as_ref()?.label.as_deref()
    }

    pub fn attributes(&self) -> &[Attribute] {
        self.extra.as_ref().map_or(&[], |extra| &extra.attributes)
    }

    /// The parts of a discontinuous mention, in text order; empty for a
    /// mention in one piece.
    pub fn parts(&self) -> &[MentionId] {
        self.extra.as_ref().map_or(&[], |extra| &extra.parts)
    }

    /// The first part of the mention this one belongs to (itself for a
    /// mention in one piece).
    pub fn head(&self, own: MentionId) -> MentionId {
        self.parts().first().copied().unwrap_or(own)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub from: EntityId,
    pub to: EntityId,
    /// Read as "from KIND to", e.g. "affiliate of".
    pub kind: String,
    pub note: Option<String>,
    pub evidence: Option<Range<usize>>,
    pub attributes: Vec<Attribute>,
}
