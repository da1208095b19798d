//! The reviewer's layer: judgements (verdicts) on what the author
//! annotated, and the reviewer's own marks and reading position, kept apart
//! from the author's files. This module owns the review as data: what an
//! item is, how it names what it judges so that it survives a changed text,
//! and the progress counts. It must not touch a terminal; reading and
//! writing review files is `file` (format) and `store` (disk) only.
//!
//! A target is named the way the annotation file names it, never by the
//! loader's positions: an entity or event by its id, a relation by its two
//! ends and kind, a mention or note by its passage ([`Anchor`]: the quote
//! with a little context, and offsets as a cache checked against the text).

pub mod anchor;
pub mod apply;
mod emit;
pub mod export;
pub mod file;
pub mod mentions;
mod merge;
pub mod notes;
pub mod open;
pub mod placed;
pub mod store;

use std::collections::{BTreeMap, HashMap};

pub use anchor::{Anchor, Located};
pub use mentions::{MentionOf, ReviewMention};
pub use notes::ReviewNote;
pub use placed::Placed;

use crate::model::{Briefing, MentionId, NoteKind};

/// What a reviewer says about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Judgement {
    Confirmed,
    Disputed,
    /// The annotation is wrong: the wrong span or the wrong entity.
    Wrong,
}

impl Judgement {
    pub const ALL: [Judgement; 3] = [Judgement::Confirmed, Judgement::Disputed, Judgement::Wrong];

    pub fn name(self) -> &'static str {
        match self {
            Judgement::Confirmed => "confirmed",
            Judgement::Disputed => "disputed",
            Judgement::Wrong => "wrong",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|j| j.name() == name)
    }
}

/// What a verdict is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Mention {
        entity: String,
        anchor: Anchor,
    },
    Entity {
        id: String,
    },
    Relation {
        from: String,
        kind: String,
        to: String,
    },
    Event {
        id: String,
    },
    Note {
        kind: NoteKind,
        anchor: Anchor,
    },
}

impl Target {
    /// The kind of target as the review file writes it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Target::Mention { .. } => "mention",
            Target::Entity { .. } => "entity",
            Target::Relation { .. } => "relation",
            Target::Event { .. } => "event",
            Target::Note { .. } => "note",
        }
    }

    /// The same target, whatever its cached offsets say: two verdicts on
    /// one mention are one verdict, even if the text moved in between.
    fn same_as(&self, other: &Target) -> bool {
        match (self, other) {
            (
                Target::Mention { entity, anchor },
                Target::Mention {
                    entity: other_entity,
                    anchor: other_anchor,
                },
            ) => entity == other_entity && anchor.same_passage(other_anchor),
            (
                Target::Note { kind, anchor },
                Target::Note {
                    kind: other_kind,
                    anchor: other_anchor,
                },
            ) => kind == other_kind && anchor.same_passage(other_anchor),
            _ => self == other,
        }
    }
}

/// One judgement, with who made it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub target: Target,
    pub judgement: Judgement,
    pub comment: Option<String>,
    pub reviewer: String,
    /// RFC 3339, UTC, to the second.
    pub at: String,
}

/// A place in the text kept with the review: an uppercase mark or the
/// last reading position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub anchor: Anchor,
}

/// Everything one reviewer recorded on one briefing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    /// In the order they were made; at most one per target.
    pub verdicts: Vec<Verdict>,
    /// Uppercase marks (`mA`), by letter.
    pub marks: BTreeMap<char, Place>,
    /// Where the reader was when the review was last saved: the top of
    /// the view, and the caret when it was on.
    pub position: Option<Place>,
    pub caret: Option<Place>,
    /// The reviewer's own notes on passages, in the order they were made.
    pub notes: Vec<ReviewNote>,
    /// The reviewer's own mentions (new, or re-pointed), in the order they
    /// were made.
    pub mentions: Vec<ReviewMention>,
}

/// What [`Review::judge`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Added,
    /// The target had another verdict: replaced.
    Changed,
    /// The target had this very verdict: taken back.
    Removed,
}

impl Review {
    /// Records `verdict`, replacing any earlier verdict on the same target;
    /// the same verdict again takes it back, as pressing a toggle twice.
    pub fn judge(&mut self, verdict: Verdict) -> Judged {
        match self
            .verdicts
            .iter()
            .position(|v| v.target.same_as(&verdict.target))
        {
            Some(at) => {
                let same = self
                    .verdicts
                    .get(at)
                    .is_some_and(|old| old.judgement == verdict.judgement);
                if same {
                    self.verdicts.remove(at);
                    Judged::Removed
                } else if let Some(old) = self.verdicts.get_mut(at) {
                    *old = verdict;
                    Judged::Changed
                } else {
                    Judged::Added
                }
            }
            None => {
                self.verdicts.push(verdict);
                Judged::Added
            }
        }
    }

    /// The verdict on `target`, if any.
    pub fn verdict_on(&self, target: &Target) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.target.same_as(target))
    }

    /// Sets the comment of the verdict on `target`; false if it has none.
    pub fn comment_on(&mut self, target: &Target, comment: Option<String>) -> bool {
        match self.verdicts.iter_mut().find(|v| v.target.same_as(target)) {
            Some(verdict) => {
                verdict.comment = comment;
                true
            }
            None => false,
        }
    }

    /// The passages of the verdicts on passages (mentions and notes), in
    /// the verdicts' order: what `anchor::locate_all` finds in one pass.
    pub fn verdict_passages(&self) -> Vec<&Anchor> {
        self.verdicts
            .iter()
            .filter_map(|v| match &v.target {
                Target::Mention { anchor, .. } | Target::Note { anchor, .. } => Some(anchor),
                _ => None,
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.verdicts.is_empty()
            && self.notes.is_empty()
            && self.mentions.is_empty()
            && self.marks.is_empty()
            && self.position.is_none()
            && self.caret.is_none()
    }
}

/// How far a review has got, per kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub mentions: (usize, usize),
    pub entities: (usize, usize),
    pub events: (usize, usize),
}

impl Progress {
    /// "reviewed 34/151 mentions, 3/18 events", leaving out kinds with
    /// nothing to review.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.mentions, "mentions"),
            (self.entities, "entities"),
            (self.events, "events"),
        ]
        .into_iter()
        .filter(|((_, total), _)| *total > 0)
        .map(|((done, total), what)| format!("{done}/{total} {what}"))
        .collect();
        format!("reviewed {}", parts.join(", "))
    }
}

/// The review laid over one loaded briefing: which of its items have a
/// verdict, by the loader's positions, made once per change of the review
/// so that drawing and `]u` never search the verdicts.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// By mention position: the verdict's judgement.
    pub mentions: BTreeMap<usize, Judgement>,
    pub entities: BTreeMap<usize, Judgement>,
    pub events: BTreeMap<usize, Judgement>,
    pub notes: BTreeMap<usize, Judgement>,
    pub relations: BTreeMap<usize, Judgement>,
    /// Verdicts whose target is not in this briefing (or whose passage is
    /// not found, or found more than once): listed, never dropped.
    pub orphans: Vec<usize>,
    /// Verdicts whose passage moved since they were made.
    pub moved: usize,
    /// The reviewer's notes found in this text: passage and index into
    /// `Review::notes`, sorted by where the passage starts.
    pub review_notes: Placed,
    /// The reviewer's notes whose passage is not found (or found more than
    /// once): listed with the verdicts' orphans, never dropped.
    pub orphaned_notes: Vec<usize>,
    /// The reviewer's mentions found in this text: passage and index into
    /// `Review::mentions`, sorted by where the passage starts.
    pub review_mentions: Placed,
    /// The reviewer's mentions whose passage is not found.
    pub orphaned_mentions: Vec<usize>,
}

impl Overlay {
    /// Finds every verdict's target in `briefing`: ids through maps and
    /// passages in one pass over the text, so the cost is linear in the
    /// review plus the briefing.
    pub fn build(review: &Review, briefing: &Briefing) -> Overlay {
        let text = briefing.document.text.as_str();
        let entities: HashMap<&str, usize> = briefing
            .entities
            .iter()
            .enumerate()
            .map(|(at, e)| (e.id.as_str(), at))
            .collect();
        let events: HashMap<&str, usize> = briefing
            .events
            .iter()
            .enumerate()
            .map(|(at, e)| (e.id.as_str(), at))
            .collect();
        let relations: HashMap<(&str, &str, &str), usize> = briefing
            .relations
            .iter()
            .enumerate()
            .map(|(at, r)| {
                let key = (
                    briefing.entity(r.from).id.as_str(),
                    r.kind.as_str(),
                    briefing.entity(r.to).id.as_str(),
                );
                (key, at)
            })
            .collect();
        let mut places = anchor::locate_all(text, &review.verdict_passages()).into_iter();
        let mut overlay = Overlay::default();
        for (index, verdict) in review.verdicts.iter().enumerate() {
            let judgement = verdict.judgement;
            let found = match &verdict.target {
                Target::Mention { entity, .. } => place(places.next(), &mut overlay.moved)
                    .and_then(|span| mention_at(briefing, entity, &span))
                    .map(|id| overlay.mentions.insert(id.0, judgement)),
                Target::Note { kind, .. } => place(places.next(), &mut overlay.moved)
                    .and_then(|span| {
                        let first = briefing
                            .notes
                            .partition_point(|n| n.passage.start < span.start);
                        (first..briefing.notes.len())
                            .take_while(|&at| {
                                briefing
                                    .notes
                                    .get(at)
                                    .is_some_and(|n| n.passage.start == span.start)
                            })
                            .find(|&at| {
                                briefing
                                    .notes
                                    .get(at)
                                    .is_some_and(|n| n.kind == *kind && n.passage == span)
                            })
                    })
                    .map(|at| overlay.notes.insert(at, judgement)),
                Target::Entity { id } => entities
                    .get(id.as_str())
                    .map(|&at| overlay.entities.insert(at, judgement)),
                Target::Event { id } => events
                    .get(id.as_str())
                    .map(|&at| overlay.events.insert(at, judgement)),
                Target::Relation { from, kind, to } => relations
                    .get(&(from.as_str(), kind.as_str(), to.as_str()))
                    .map(|&at| overlay.relations.insert(at, judgement)),
            };
            if found.is_none() {
                overlay.orphans.push(index);
            }
        }
        overlay.place_notes(review, text);
        overlay.place_mentions(review, text);
        overlay
    }

    /// Finds the reviewer's mentions in `text` (one pass for all of them).
    pub fn place_mentions(&mut self, review: &Review, text: &str) {
        let anchors: Vec<&Anchor> = review.mentions.iter().map(|m| &m.anchor).collect();
        (self.review_mentions, self.orphaned_mentions) = place_all(text, &anchors, &mut self.moved);
    }

    /// Finds the reviewer's notes in `text` (one pass for all of them).
    pub fn place_notes(&mut self, review: &Review, text: &str) {
        let anchors: Vec<&Anchor> = review.notes.iter().map(|n| &n.anchor).collect();
        (self.review_notes, self.orphaned_notes) = place_all(text, &anchors, &mut self.moved);
    }

    /// Forgets the note at `index`, just removed from the review: later
    /// notes' indices move down by one, as the review's did.
    pub fn forget_note(&mut self, index: usize) {
        forget(&mut self.review_notes, &mut self.orphaned_notes, index);
    }

    /// Forgets the reviewer's mention at `index`, just removed.
    pub fn forget_mention(&mut self, index: usize) {
        forget(
            &mut self.review_mentions,
            &mut self.orphaned_mentions,
            index,
        );
    }

    /// Verdicts, notes and mentions not found in the text.
    pub fn orphan_count(&self) -> usize {
        self.orphans.len() + self.orphaned_notes.len() + self.orphaned_mentions.len()
    }

    /// The progress of the review over `briefing`.
    pub fn progress(&self, briefing: &Briefing) -> Progress {
        Progress {
            mentions: (self.mentions.len(), briefing.mentions.len()),
            entities: (self.entities.len(), briefing.entities.len()),
            events: (self.events.len(), briefing.events.len()),
        }
    }
}

/// Forgets the item at `index` of a list of the review's, found or
/// orphaned: later items' indices move down by one, as the list's did.
fn forget(placed: &mut Placed, orphaned: &mut Vec<usize>, index: usize) {
    placed.forget(index);
    orphaned.retain(|i| *i != index);
    for i in orphaned.iter_mut() {
        if *i > index {
            *i -= 1;
        }
    }
}

/// Where each of `anchors` is in `text`, and the indices of those not
/// found (or found more than once), counting those that moved.
fn place_all(text: &str, anchors: &[&Anchor], moved: &mut usize) -> (Placed, Vec<usize>) {
    let mut found = Vec::with_capacity(anchors.len());
    let mut orphaned = Vec::new();
    for (index, located) in anchor::locate_all(text, anchors).into_iter().enumerate() {
        match place(Some(located), moved) {
            Some(span) => found.push((span, index)),
            None => orphaned.push(index),
        }
    }
    (Placed::from_unsorted(found), orphaned)
}

/// The passage an anchor names now, counting one that moved.
fn place(located: Option<Located>, moved: &mut usize) -> Option<std::ops::Range<usize>> {
    match located? {
        Located::Exact(span) => Some(span),
        Located::Moved(span) => {
            *moved += 1;
            Some(span)
        }
        Located::Ambiguous(_) | Located::Lost => None,
    }
}

/// The mention of the entity with id `entity` exactly on `span`.
fn mention_at(
    briefing: &Briefing,
    entity: &str,
    span: &std::ops::Range<usize>,
) -> Option<MentionId> {
    let start = briefing
        .mentions
        .partition_point(|m| m.span.start < span.start);
    briefing
        .mentions
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(_, m)| m.span.start == span.start)
        .find(|(_, m)| m.span == *span && briefing.entity(m.entity).id == entity)
        .map(|(at, _)| MentionId(at))
}

/// The current time as the review file writes it.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// The reviewer's name when none is given: the login name.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "reviewer".to_string())
}
