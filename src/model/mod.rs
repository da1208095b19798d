//! The loaded briefing: the text with its blocks, the entities and their
//! mentions, relations, the timeline and the analyst's notes, all indexed for
//! the reader.
//!
//! The model owns plain data only. It knows nothing of TOML (the loader turns
//! files into a model), nothing of terminals or ratatui (the UI draws it), and
//! it is never changed after loading. Positions are byte offsets into
//! [`Document::text`]; conversion to the characters the format counts happens
//! in the loader.

mod date;
mod document;
mod entity;
mod note;
mod span_index;

pub use date::{DateBound, FuzzyDate};
pub use document::{
    Block, BlockKind, Document, InlineStyle, LineIndex, ListMarker, Run, RunText, TextFormat,
};
pub use entity::{
    Attribute, BUILTIN_KINDS, Entity, EntityId, Kind, KindId, Mention, MentionExtra, MentionId,
    MentionOrigin, Relation, RelationId,
};
pub use note::{Grading, Note, NoteKind};
pub use span_index::SpanIndex;

use std::ops::Range;

/// Descriptive fields of the `[briefing]` table, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub classification: Option<String>,
    pub summary: Option<String>,
    /// Where the text came from, as given to the loader (for display only).
    pub text_path: String,
    /// Where the annotations came from; `None` for a text opened on its own.
    pub annotation_path: Option<String>,
}

/// An event on the timeline: dated, or undated and listed after the
/// dated ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    /// [`FuzzyDate::undated`] for an event known by what happened, not
    /// when.
    pub date: FuzzyDate,
    /// The date as the text words it ("late 2014"), if the author gave one.
    pub label: Option<String>,
    pub title: String,
    /// Every entity the event names, its participants' included.
    pub entities: Vec<EntityId>,
    /// Who took part and how (attacker, target, place…), in the order
    /// given.
    pub roles: Vec<EventRole>,
    pub note: Option<String>,
    /// The passage the event comes from, in bytes.
    pub passage: Option<Range<usize>>,
    /// The entity of kind `event` with the same id, if any.
    pub linked_entity: Option<EntityId>,
}

/// A participant of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRole {
    pub role: String,
    pub entity: EntityId,
}

/// A fully validated, indexed briefing.
#[derive(Debug, Clone)]
pub struct Briefing {
    pub meta: Meta,
    pub document: Document,
    /// Built-in kinds first, then declared ones, in file order.
    pub kinds: Vec<Kind>,
    /// In file order; `EntityId` indexes this.
    pub entities: Vec<Entity>,
    /// Sorted by start, then longest first, so an outer mention precedes the
    /// mentions nested in it.
    pub mentions: Vec<Mention>,
    pub relations: Vec<Relation>,
    /// In timeline order: earliest possible start, latest possible end, then
    /// file order.
    pub events: Vec<Event>,
    /// Sorted by passage start.
    pub notes: Vec<Note>,
    /// Finds the mentions near an offset without scanning them all.
    pub mention_index: SpanIndex,
    /// The same for notes' passages.
    pub note_index: SpanIndex,
}

impl Briefing {
    // Entity ids are made by the loader as positions in `entities`, and the
    // model never changes after loading, so an id always indexes it. Every
    // caller would otherwise carry an impossible `None`.
    #[allow(clippy::indexing_slicing)]
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0]
    }

    pub fn entity_by_id(&self, id: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|entity| entity.id == id)
            .map(EntityId)
    }

    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.kinds.iter().find(|kind| kind.name == name)
    }

    /// The kind of a mention's entity.
    pub fn mention_kind(&self, mention: &Mention) -> Option<&Kind> {
        usize::try_from(mention.kind.0)
            .ok()
            .and_then(|kind| self.kinds.get(kind))
    }

    /// Mentions of one entity in text order.
    pub fn mentions_of(&self, id: EntityId) -> impl Iterator<Item = &Mention> {
        self.entity(id)
            .mentions
            .iter()
            .filter_map(|mention| self.mentions.get(mention.0))
    }

    /// Relations leaving the entity (`from` is the entity).
    pub fn relations_from(&self, id: EntityId) -> impl Iterator<Item = &Relation> {
        self.entity(id)
            .outgoing
            .iter()
            .filter_map(|relation| self.relations.get(relation.0))
    }

    /// Relations arriving at the entity (`to` is the entity).
    pub fn relations_to(&self, id: EntityId) -> impl Iterator<Item = &Relation> {
        self.entity(id)
            .incoming
            .iter()
            .filter_map(|relation| self.relations.get(relation.0))
    }

    /// Events naming the entity, in timeline order.
    pub fn events_of(&self, id: EntityId) -> impl Iterator<Item = &Event> {
        self.entity(id)
            .events
            .iter()
            .filter_map(|&index| self.events.get(index))
    }

    /// Notes naming the entity, in text order.
    pub fn notes_of(&self, id: EntityId) -> impl Iterator<Item = &Note> {
        self.entity(id)
            .notes
            .iter()
            .filter_map(|&index| self.notes.get(index))
    }

    /// Mentions overlapping the byte range, in mention order (outer before
    /// nested). Cost grows with the mentions near the range, not with the
    /// document.
    pub fn mentions_overlapping(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = (MentionId, &Mention)> {
        self.mention_index
            .candidates(&self.mentions, |m| &m.span, &range)
            .into_iter()
            .filter_map(move |i| self.mentions.get(i).map(|m| (MentionId(i), m)))
            .filter(move |(_, mention)| {
                mention.span.end > range.start
                    && mention.span.start < range.end.max(range.start + 1)
            })
    }

    /// The notes whose passage overlaps `range` (or, for an empty range,
    /// contains its position), in passage order, by index into `notes`.
    pub fn notes_overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Note> {
        self.note_index
            .candidates(&self.notes, |n| &n.passage, &range)
            .into_iter()
            .filter_map(move |i| self.notes.get(i))
            .filter(move |note| {
                note.passage.end > range.start
                    && note.passage.start < range.end.max(range.start + 1)
            })
    }

    /// Mentions as the reader counts them: a discontinuous one once.
    pub fn mention_count(&self) -> usize {
        self.whole_mentions().count()
    }

    /// The same, of explicit mentions only.
    pub fn explicit_mention_count(&self) -> usize {
        self.whole_mentions()
            .filter(|mention| mention.origin == MentionOrigin::Explicit)
            .count()
    }

    /// Every mention but the further parts of discontinuous ones.
    fn whole_mentions(&self) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .enumerate()
            .filter(|(at, mention)| mention.head(MentionId(*at)) == MentionId(*at))
            .map(|(_, mention)| mention)
    }
}

/// The greatest character boundary of `text` at or below `at` (clamped to
/// its length): where an offset from elsewhere may safely cut it.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
