//! A review as a report for the author: every verdict and every note of
//! the reviewer's with what it is on,
//! the quoted passage and where it is (line and column of the text as it is
//! now), the comment, the reviewer and the time, grouped by the section of
//! the text it falls in and sorted by position, with the progress; items
//! on no passage (entities, relations, events) after the sections, and
//! orphans (passages not found in this text) last, never left out.
//! Markdown that reads well as plain text, or JSON lines for scripts.
//! Pure: the caller reads the files and prints.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::notes::grading_code;
use super::{
    Anchor, Located, MentionOf, Overlay, Review, ReviewMention, ReviewNote, Target, Verdict,
};
use crate::model::{BlockKind, Briefing};

/// What the report lists: a verdict, or a note or mention of the
/// reviewer's.
#[derive(Clone, Copy)]
enum Item<'a> {
    Verdict(&'a Verdict),
    Note(&'a ReviewNote),
    Mention(&'a ReviewMention),
}

/// Where a verdict or note lies in the briefing as it is now.
struct Placed<'a> {
    item: Item<'a>,
    /// Byte offset of its passage now, when it has one and it was found.
    at: Option<usize>,
    moved: bool,
    orphaned: bool,
    section: Option<String>,
}

/// One verdict as a JSON line. Every string from a file is passed
/// through the sanitiser first: serde_json escapes only C0 controls, and a
/// report is read in terminals.
#[derive(Serialize)]
struct Line {
    target: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    /// exact, moved, orphaned, or none (no passage).
    place: &'static str,
    /// A verdict's judgement; absent on a reviewer's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'static str>,
    /// A reviewer's note: its text, and its grading ("B2") when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grading: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    /// A reviewer's mention of a new entity: its name and kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    new_entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    /// A re-pointed mention: the entity the author's mention had.
    #[serde(skip_serializing_if = "Option::is_none")]
    instead_of: Option<String>,
    by: String,
    at: String,
}

fn clean(text: &str) -> String {
    crate::sanitize::line(text).into_owned()
}

/// The report in Markdown.
pub fn markdown(review: &Review, briefing: &Briefing) -> String {
    // Laid over once: the places and the counts both come from it.
    let overlay = Overlay::build(review, briefing);
    let placed = place_all(review, briefing, &overlay);
    let raw = markdown_of(review, briefing, &placed, &overlay);
    // Quotes, comments and names come from files: each line goes through
    // the sanitiser, as everything printed does.
    raw.lines()
        .map(|line| crate::sanitize::line(line).into_owned() + "\n")
        .collect()
}

fn markdown_of(
    review: &Review,
    briefing: &Briefing,
    placed: &[Placed<'_>],
    overlay: &Overlay,
) -> String {
    let title = briefing
        .meta
        .title
        .as_deref()
        .unwrap_or("untitled briefing");
    let mut out = String::new();
    let _ = writeln!(out, "# Review of \u{201c}{title}\u{201d}\n");
    let mut reviewers: Vec<&str> = review
        .verdicts
        .iter()
        .map(|v| v.reviewer.as_str())
        .chain(review.notes.iter().map(|n| n.reviewer.as_str()))
        .chain(review.mentions.iter().map(|m| m.reviewer.as_str()))
        .collect();
    reviewers.sort_unstable();
    reviewers.dedup();
    let _ = writeln!(
        out,
        "{}{}{} by {}; {}.",
        counted(review.verdicts.len(), "verdict"),
        if review.notes.is_empty() {
            String::new()
        } else {
            format!(", {}", counted(review.notes.len(), "note"))
        },
        if review.mentions.is_empty() {
            String::new()
        } else {
            format!(", {}", counted(review.mentions.len(), "mention"))
        },
        if reviewers.is_empty() {
            "nobody yet".to_string()
        } else {
            reviewers.join(", ")
        },
        overlay.progress(briefing).describe()
    );
    if overlay.moved > 0 || overlay.orphan_count() > 0 {
        let _ = writeln!(
            out,
            "The text changed since the review: {} found elsewhere, {} not found (listed at the end).",
            overlay.moved,
            overlay.orphan_count()
        );
    }
    let names = Names::of(briefing);
    let mut current_section: Option<Option<&str>> = None;
    for item in placed.iter().filter(|p| p.at.is_some()) {
        let section = item.section.as_deref();
        if current_section != Some(section) {
            let _ = writeln!(
                out,
                "\n## {}\n",
                section.unwrap_or("Before the first heading")
            );
            current_section = Some(section);
        }
        write_item(&mut out, item, briefing, &names);
    }
    let unplaced: Vec<&Placed<'_>> = placed
        .iter()
        .filter(|p| p.at.is_none() && !p.orphaned)
        .collect();
    if !unplaced.is_empty() {
        let _ = writeln!(out, "\n## Entities, relations and events\n");
        for item in unplaced {
            write_item(&mut out, item, briefing, &names);
        }
    }
    let orphans: Vec<&Placed<'_>> = placed.iter().filter(|p| p.orphaned).collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "\n## Not found in the text as it is now\n");
        for item in orphans {
            write_item(&mut out, item, briefing, &names);
        }
    }
    out
}

/// The report as JSON lines, one verdict a line, in the Markdown's order.
pub fn json_lines(review: &Review, briefing: &Briefing) -> String {
    let mut out = String::new();
    let overlay = Overlay::build(review, briefing);
    for item in place_all(review, briefing, &overlay) {
        let (line, column) = item
            .at
            .map(|at| {
                briefing
                    .document
                    .lines
                    .line_column(&briefing.document.text, at)
            })
            .map_or((None, None), |(l, c)| (Some(l), Some(c)));
        let (by, at) = match item.item {
            Item::Verdict(v) => (&v.reviewer, &v.at),
            Item::Note(n) => (&n.reviewer, &n.at),
            Item::Mention(m) => (&m.reviewer, &m.at),
        };
        let mut json = Line {
            target: "note",
            entity: None,
            event: None,
            relation: None,
            note: None,
            quote: None,
            line,
            column,
            section: item.section.as_deref().map(clean),
            place: match (item.orphaned, item.at, item.moved) {
                (true, _, _) => "orphaned",
                (false, None, _) => "none",
                (false, Some(_), true) => "moved",
                (false, Some(_), false) => "exact",
            },
            verdict: None,
            text: None,
            grading: None,
            comment: None,
            new_entity: None,
            kind: None,
            instead_of: None,
            by: clean(by),
            at: clean(at),
        };
        match item.item {
            Item::Verdict(v) => {
                json.target = v.target.kind_name();
                json.verdict = Some(v.judgement.name());
                json.comment = v.comment.as_deref().map(clean);
                match &v.target {
                    Target::Mention { entity, anchor } => {
                        json.entity = Some(clean(entity));
                        json.quote = Some(clean(&anchor.quote));
                    }
                    Target::Entity { id } => json.entity = Some(clean(id)),
                    Target::Event { id } => json.event = Some(clean(id)),
                    Target::Relation { from, kind, to } => {
                        json.relation = Some(clean(&format!("{from} {kind} {to}")));
                    }
                    Target::Note { kind, anchor } => {
                        json.note = Some(kind.name());
                        json.quote = Some(clean(&anchor.quote));
                    }
                }
            }
            // A note of the reviewer's own: `target` says "review_note",
            // so a script tells it from a verdict on an author's note.
            Item::Note(n) => {
                json.target = "review_note";
                json.note = Some(n.kind.name());
                json.quote = Some(clean(&n.anchor.quote));
                json.text = Some(clean(&n.text));
                json.grading = Some(grading_code(&n.grading)).filter(|g| !g.is_empty());
            }
            // A mention of the reviewer's own: "review_mention".
            Item::Mention(m) => {
                json.target = "review_mention";
                json.quote = Some(clean(&m.anchor.quote));
                json.instead_of = m.instead_of.as_deref().map(clean);
                match &m.of {
                    MentionOf::Entity(id) => json.entity = Some(clean(id)),
                    MentionOf::NewEntity { name, kind } => {
                        json.new_entity = Some(clean(name));
                        json.kind = Some(clean(kind));
                    }
                }
            }
        }
        if let Ok(text) = serde_json::to_string(&json) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// Entity names and event titles by id, looked up once per report.
struct Names<'b> {
    entities: HashMap<&'b str, &'b str>,
    events: HashMap<&'b str, &'b str>,
}

impl<'b> Names<'b> {
    fn of(briefing: &'b Briefing) -> Self {
        Names {
            entities: briefing
                .entities
                .iter()
                .map(|e| (e.id.as_str(), e.name.as_str()))
                .collect(),
            events: briefing
                .events
                .iter()
                .map(|e| (e.id.as_str(), e.title.as_str()))
                .collect(),
        }
    }
}

fn write_item(out: &mut String, item: &Placed<'_>, briefing: &Briefing, names: &Names<'_>) {
    let place = match item.at {
        Some(at) => {
            let (line, column) = briefing
                .document
                .lines
                .line_column(&briefing.document.text, at);
            let moved = if item.moved { ", moved since" } else { "" };
            format!(" (line {line}, column {column}{moved})")
        }
        None => String::new(),
    };
    let entity_name = |id: &str| names.entities.get(id).copied().unwrap_or(id).to_string();
    let v = match item.item {
        Item::Verdict(v) => v,
        Item::Mention(mention) => {
            let of = match &mention.of {
                MentionOf::Entity(id) => entity_name(id),
                MentionOf::NewEntity { name, kind } => format!("{name} (new {kind})"),
            };
            let instead = mention
                .instead_of
                .as_deref()
                .map(|id| format!(", instead of {}", entity_name(id)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **reviewer's mention** of {of}{instead}: {}{place}",
                quoted(&mention.anchor)
            );
            let _ = writeln!(out, "  \u{2014} {}, {}", mention.reviewer, mention.at);
            return;
        }
        Item::Note(note) => {
            let grading = grading_code(&note.grading);
            let graded = if grading.is_empty() {
                String::new()
            } else {
                format!(" [{grading}]")
            };
            let _ = writeln!(
                out,
                "- **reviewer's {} note**{graded} on {}{place}",
                note.kind.name(),
                quoted(&note.anchor)
            );
            for line in note.text.lines() {
                let _ = writeln!(out, "  > {line}");
            }
            let _ = writeln!(out, "  \u{2014} {}, {}", note.reviewer, note.at);
            return;
        }
    };
    let what = match &v.target {
        Target::Mention { entity, anchor } => {
            format!("mention of {}: {}", entity_name(entity), quoted(anchor))
        }
        Target::Entity { id } => format!("entity {}", entity_name(id)),
        Target::Relation { from, kind, to } => {
            format!("relation: {} {kind} {}", entity_name(from), entity_name(to))
        }
        Target::Event { id } => {
            format!(
                "event {}",
                names.events.get(id.as_str()).copied().unwrap_or(id)
            )
        }
        Target::Note { kind, anchor } => format!("{} note on {}", kind.name(), quoted(anchor)),
    };
    let _ = writeln!(out, "- **{}** {what}{place}", v.judgement.name());
    if let Some(comment) = &v.comment {
        for line in comment.lines() {
            let _ = writeln!(out, "  > {line}");
        }
    }
    let _ = writeln!(out, "  \u{2014} {}, {}", v.reviewer, v.at);
}

fn quoted(anchor: &Anchor) -> String {
    format!(
        "\u{201c}{}\u{201d}",
        anchor
            .quote
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    )
}

fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Every verdict and note with its place now, passages in text order
/// first (stable for equal places), then the rest in the order they were
/// made.
fn place_all<'a>(review: &'a Review, briefing: &Briefing, overlay: &Overlay) -> Vec<Placed<'a>> {
    let passages = review.verdict_passages();
    let mut found = super::anchor::locate_all(&briefing.document.text, &passages).into_iter();
    let orphan_set: std::collections::HashSet<usize> = overlay.orphans.iter().copied().collect();
    let headings = headings(briefing);
    let section_at = |at: Option<usize>| {
        at.and_then(|at| {
            let before = headings.partition_point(|(start, _)| *start <= at);
            before
                .checked_sub(1)
                .and_then(|i| headings.get(i))
                .map(|(_, t)| t.clone())
        })
    };
    let mut placed: Vec<Placed<'a>> = review
        .verdicts
        .iter()
        .enumerate()
        .map(|(index, verdict)| {
            let (at, moved) = match &verdict.target {
                Target::Mention { .. } | Target::Note { .. } => match found.next() {
                    Some(Located::Exact(span)) => (Some(span.start), false),
                    Some(Located::Moved(span)) => (Some(span.start), true),
                    _ => (None, false),
                },
                _ => (None, false),
            };
            let orphaned = orphan_set.contains(&index);
            let at = at.filter(|_| !orphaned);
            Placed {
                item: Item::Verdict(verdict),
                at,
                moved,
                orphaned,
                section: section_at(at),
            }
        })
        .collect();
    // The reviewer's notes and mentions: each kind's passages found in one
    // pass.
    let text = briefing.document.text.as_str();
    let notes: Vec<(Item<'a>, &Anchor)> = review
        .notes
        .iter()
        .map(|n| (Item::Note(n), &n.anchor))
        .collect();
    let mentions: Vec<(Item<'a>, &Anchor)> = review
        .mentions
        .iter()
        .map(|m| (Item::Mention(m), &m.anchor))
        .collect();
    for items in [notes, mentions] {
        let anchors: Vec<&Anchor> = items.iter().map(|(_, anchor)| *anchor).collect();
        for ((item, _), located) in items
            .into_iter()
            .zip(super::anchor::locate_all(text, &anchors))
        {
            let (at, moved) = match located {
                Located::Exact(span) => (Some(span.start), false),
                Located::Moved(span) => (Some(span.start), true),
                Located::Ambiguous(_) | Located::Lost => (None, false),
            };
            placed.push(Placed {
                item,
                at,
                moved,
                orphaned: at.is_none(),
                section: section_at(at),
            });
        }
    }
    placed.sort_by_key(|p| (p.at.is_none(), p.orphaned, p.at));
    placed
}

/// The headings of the text, by where they start, with their text.
fn headings(briefing: &Briefing) -> Vec<(usize, String)> {
    let document = &briefing.document;
    document
        .blocks
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::Heading { .. }))
        .map(|block| {
            let text = document.block_text(block);
            (block.source.start, text.trim().to_string())
        })
        .collect()
}
