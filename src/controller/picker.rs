//! Fuzzy pickers over entities, events, sections and notes, with nucleo's
//! matcher (the one helix uses): the items and how a query ranks them.
//! Pure data over a briefing; opening a picker and going where it points
//! is `pick`'s.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::layout::symbols::note_symbol;
use crate::model::{BlockKind, Briefing, EntityId, MentionId};
use crate::wording::counted;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Entities,
    Events,
    Outline,
    Notes,
    /// Which entity a mention of the reviewer's is of.
    Assign,
    /// The kind of a new entity the reviewer names.
    NewEntityKind,
    /// Every entity of every briefing of the library, merged by identity.
    LibraryEntities,
    /// Every briefing's events in one timeline.
    LibraryTimeline,
    /// Matches of a search over every briefing's text: the query is the
    /// pattern, not a filter.
    LibrarySearch,
}

impl PickerKind {
    pub fn title(self) -> &'static str {
        match self {
            PickerKind::Entities => "Entities",
            PickerKind::Events => "Timeline",
            PickerKind::Outline => "Outline",
            PickerKind::Notes => "Notes",
            PickerKind::Assign => "A mention of\u{2026}",
            PickerKind::NewEntityKind => "The new entity's kind",
            PickerKind::LibraryEntities => "Entities across the library",
            PickerKind::LibraryTimeline => "The library's timeline",
            PickerKind::LibrarySearch => "Search the library",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Entity(EntityId),
    Event(usize),
    Offset(usize),
    Note(usize),
    /// A note of the reviewer's, by its index in the review.
    ReviewNote(usize),
    /// A new entity named after the query.
    NewEntity,
    /// An entity kind, by its index in the briefing's kinds.
    Kind(usize),
    /// An entity of a briefing of the library (the first of its group).
    Member(crate::library::Member),
    /// A place in a briefing of the library (its top when `None`).
    InBriefing {
        briefing: usize,
        at: Option<usize>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    pub label: String,
    pub detail: String,
    /// What the query is matched against.
    haystack: String,
    pub target: PickTarget,
}

/// What a mention being made will be on, while its entity is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Bytes of the loaded text.
    pub passage: std::ops::Range<usize>,
    /// The author's mention this one replaces (`gX`).
    pub instead_of: Option<MentionId>,
    /// A new entity's name, once typed (its kind is chosen next).
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub query: String,
    pub items: Vec<PickerItem>,
    /// Indices into `items`, best match first.
    pub matches: Vec<usize>,
    pub cursor: usize,
    /// What a mention being made is on, for the pickers that choose its
    /// entity.
    pub assign: Option<Assignment>,
}

impl PickerItem {
    pub fn new(label: String, detail: String, haystack: String, target: PickTarget) -> Self {
        PickerItem {
            label,
            detail,
            haystack,
            target,
        }
    }
}

impl Picker {
    /// A picker over items made elsewhere (the library's).
    pub fn with_items(kind: PickerKind, items: Vec<PickerItem>) -> Self {
        let mut picker = Self {
            kind,
            query: String::new(),
            matches: (0..items.len()).collect(),
            items,
            cursor: 0,
            assign: None,
        };
        picker.refilter();
        picker
    }

    pub fn new(kind: PickerKind, briefing: &Briefing) -> Self {
        let items = match kind {
            PickerKind::Entities => entity_items(briefing),
            PickerKind::Events => event_items(briefing),
            PickerKind::Outline => outline_items(briefing),
            PickerKind::Notes => note_items(briefing),
            PickerKind::Assign => entity_items(briefing),
            PickerKind::NewEntityKind => kind_items(briefing),
            PickerKind::LibraryEntities
            | PickerKind::LibraryTimeline
            | PickerKind::LibrarySearch => Vec::new(),
        };
        Self::with_items(kind, items)
    }

    /// The entities a mention of the reviewer's may be of, and a last row
    /// for a new one named after the query.
    pub(crate) fn for_assignment(briefing: &Briefing, assignment: Assignment) -> Self {
        let mut picker = Picker::new(PickerKind::Assign, briefing);
        picker.assign = Some(assignment);
        picker
    }

    /// The kinds a new entity may have.
    pub(crate) fn for_new_entity_kind(briefing: &Briefing, assignment: Assignment) -> Self {
        let mut picker = Picker::new(PickerKind::NewEntityKind, briefing);
        picker.assign = Some(assignment);
        picker
    }

    /// Adds the reviewer's notes, marked as theirs, after the author's.
    pub(crate) fn with_review_notes(mut self, session: &super::reviewing::ReviewSession) -> Self {
        for (index, note) in session.review().notes.iter().enumerate() {
            let grading = crate::review::notes::grading_code(&note.grading);
            self.items.push(PickerItem {
                label: format!(
                    "{} {}",
                    crate::layout::symbols::REVIEW_NOTE,
                    note.text.lines().next().unwrap_or_default()
                ),
                detail: format!("yours \u{b7} {}", note.kind.name()),
                haystack: format!(
                    "yours reviewer {} {} {grading}",
                    note.kind.name(),
                    note.text
                ),
                target: PickTarget::ReviewNote(index),
            });
        }
        self.refilter();
        self
    }

    /// Adds the new entities the reviewer named, marked as theirs, after
    /// the briefing's: choosing one goes to its first mention.
    pub(crate) fn with_review_entities(
        mut self,
        session: &super::reviewing::ReviewSession,
    ) -> Self {
        let overlay = session.overlay();
        let mut named: Vec<(&str, &str, usize, Option<usize>)> = Vec::new();
        for (index, mention) in session.review().mentions.iter().enumerate() {
            let crate::review::MentionOf::NewEntity { name, kind } = &mention.of else {
                continue;
            };
            let start = overlay.review_mentions.passage_of(index).map(|p| p.start);
            match named.iter_mut().find(|(n, k, _, _)| n == name && k == kind) {
                Some((_, _, count, first)) => {
                    *count += 1;
                    *first = match (*first, start) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => named.push((name, kind, 1, start)),
            }
        }
        for (name, kind, count, first) in named {
            let Some(first) = first else {
                continue;
            };
            self.items.push(PickerItem {
                label: format!("{} {name}", crate::layout::symbols::REVIEW_MENTION),
                detail: format!(
                    "yours \u{b7} new {kind} \u{b7} {}",
                    counted(count, "mention", "mentions")
                ),
                haystack: format!("yours reviewer {name} {kind}"),
                target: PickTarget::Offset(first),
            });
        }
        self.refilter();
        self
    }

    pub(crate) fn refilter(&mut self) {
        if self.kind == PickerKind::LibrarySearch {
            // The query is searched for in the texts; every match found
            // is listed, in the order found.
            self.matches = (0..self.items.len()).collect();
            self.cursor = self.cursor.min(self.matches.len().saturating_sub(1));
            return;
        }
        let across = matches!(
            self.kind,
            PickerKind::LibraryEntities | PickerKind::LibraryTimeline
        );
        if across && self.query.is_empty() {
            // Everything, in the order made: nothing to rank, and the
            // library's lists are long.
            self.matches = (0..self.items.len()).collect();
            self.cursor = 0;
            return;
        }
        let pattern = Pattern::parse(&self.query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let haystacks = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| Indexed(i, &item.haystack));
        // nucleo ranks by how the letters fit; a name that is the query, or
        // starts with it, is what the reader typed it for and comes first.
        let query = self.query.trim().to_lowercase();
        let mut ranked: Vec<(usize, u32, u8)> = pattern
            .match_list(haystacks, &mut matcher)
            .into_iter()
            .map(|(Indexed(i, _), score)| {
                let label = self
                    .items
                    .get(i)
                    .map(|item| item.label.trim().to_lowercase())
                    .unwrap_or_default();
                let closeness = if query.is_empty() {
                    0
                } else if label == query {
                    2
                } else {
                    u8::from(label.starts_with(&query))
                };
                (i, score, closeness)
            })
            .collect();
        // Stable: equal ranks keep nucleo's order.
        ranked.sort_by_key(|&(_, score, closeness)| std::cmp::Reverse((closeness, score)));
        self.matches = ranked.into_iter().map(|(i, _, _)| i).collect();
        self.cursor = 0;
        if self.kind == PickerKind::Assign {
            self.offer_new_entity();
        }
    }

    /// The last row of the entity picker for a mention: a new entity named
    /// after the query, unless an entity has that very name.
    fn offer_new_entity(&mut self) {
        if self
            .items
            .last()
            .is_some_and(|item| item.target == PickTarget::NewEntity)
        {
            self.items.pop();
        }
        let at = self.items.len();
        self.matches.retain(|&i| i != at);
        let name = self.query.split_whitespace().collect::<Vec<_>>().join(" ");
        let taken = self
            .items
            .iter()
            .any(|item| item.label.to_lowercase() == name.to_lowercase());
        if name.is_empty() || taken {
            return;
        }
        self.items.push(PickerItem {
            label: format!("+ new entity \u{201c}{name}\u{201d}"),
            detail: "its kind next".to_string(),
            haystack: name,
            target: PickTarget::NewEntity,
        });
        self.matches.push(at);
    }

    pub fn selected(&self) -> Option<&PickerItem> {
        self.matches
            .get(self.cursor)
            .and_then(|&i| self.items.get(i))
    }
}

/// An item's index riding along with its text through the matcher.
struct Indexed<'a>(usize, &'a str);

impl AsRef<str> for Indexed<'_> {
    fn as_ref(&self) -> &str {
        self.1
    }
}

fn entity_items(briefing: &Briefing) -> Vec<PickerItem> {
    briefing
        .entities
        .iter()
        .enumerate()
        .map(|(i, entity)| {
            let kind = briefing
                .kind(&entity.kind)
                .map_or(entity.kind.as_str(), |k| k.label.as_str());
            PickerItem {
                label: entity.name.clone(),
                detail: format!(
                    "{kind} · {}",
                    counted(entity.mentions.len(), "mention", "mentions")
                ),
                haystack: format!(
                    "{} {} {}",
                    entity.name,
                    entity.aliases.join(" "),
                    entity.kind
                ),
                target: PickTarget::Entity(EntityId(i)),
            }
        })
        .collect()
}

fn kind_items(briefing: &Briefing) -> Vec<PickerItem> {
    briefing
        .kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| PickerItem {
            label: kind.label.clone(),
            detail: kind.name.clone(),
            haystack: format!("{} {}", kind.label, kind.name),
            target: PickTarget::Kind(i),
        })
        .collect()
}

fn event_items(briefing: &Briefing) -> Vec<PickerItem> {
    briefing
        .events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let when = event.date.readable().to_string();
            let label = event.label.as_deref().unwrap_or_default();
            PickerItem {
                label: event.title.clone(),
                detail: when.clone(),
                haystack: format!("{} {when} {label} {}", event.title, event.date.expression),
                target: PickTarget::Event(i),
            }
        })
        .collect()
}

fn outline_items(briefing: &Briefing) -> Vec<PickerItem> {
    let document = &briefing.document;
    document
        .blocks
        .iter()
        .filter_map(|block| match block.kind {
            BlockKind::Heading { level } => {
                let title = document.block_text(block);
                Some(PickerItem {
                    label: format!(
                        "{}{title}",
                        "  ".repeat(usize::from(level.saturating_sub(1)))
                    ),
                    detail: format!("line {}", document.lines.line_of(block.source.start)),
                    haystack: title,
                    target: PickTarget::Offset(block.source.start),
                })
            }
            _ => None,
        })
        .collect()
}

fn note_items(briefing: &Briefing) -> Vec<PickerItem> {
    let lines = &briefing.document.lines;
    briefing
        .notes
        .iter()
        .enumerate()
        .map(|(i, note)| {
            let grading = note.grading.describe().unwrap_or_default();
            PickerItem {
                label: format!("{} {}", note_symbol(note.kind), note.text),
                detail: format!(
                    "{} · line {}",
                    note.kind.name(),
                    lines.line_of(note.passage.start)
                ),
                haystack: format!("{} {} {grading}", note.kind.name(), note.text),
                target: PickTarget::Note(i),
            }
        })
        .collect()
}
