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
    /// The optional free-form label of an explicit mention.
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub from: EntityId,
    pub to: EntityId,
    /// Read as "from KIND to", e.g. "affiliate of".
    pub kind: String,
    pub note: Option<String>,
    pub evidence: Option<Range<usize>>,
}
