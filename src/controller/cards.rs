//! What the cards say: the selected entity's, the selected event's and
//! the focused note's, as lines with a semantic role each (the theme gives
//! the role its look), and how they wrap. Pure: the same function serves
//! drawing and the controller, which needs to know how far a card can
//! scroll.

use super::pane::Pane;
use super::relations::relation_rows;
use super::state::State;
use crate::layout::{self, Area, list_and_card};
use crate::model::{EntityId, Event, NoteKind};
use crate::review::{Judgement, Target};
use crate::wording::{counted, excerpt};
use crate::{layout::symbols, sanitize};

/// What a card line is, for its look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardRole {
    /// The card's title; in an entity's kind colour when it has one.
    Title(Option<String>),
    Text,
    Muted,
    Note(NoteKind),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLine {
    pub role: CardRole,
    pub text: String,
}

fn line(role: CardRole, text: impl Into<String>) -> CardLine {
    CardLine {
        role,
        text: text.into(),
    }
}

/// A card that is on screen: the rows its text may use and its lines.
pub struct ShownCard {
    /// Below the card's rule: where its text goes.
    pub text_area: Area,
    pub lines: Vec<CardLine>,
}

/// Lines of text a card holds beyond what its box shows: how far `J` can
/// scroll the focused pane's card.
pub fn hidden_rows(state: &State) -> usize {
    let Some(card) = focused_card(state) else {
        return 0;
    };
    let rows = wrapped(&card.lines, card.text_area.width).len();
    rows.saturating_sub(usize::from(card.text_area.height))
}

/// The card of the focused pane, if one is on screen.
pub fn focused_card(state: &State) -> Option<ShownCard> {
    match state.focus {
        Pane::Article => note_card(state),
        Pane::Entities => entity_card(state),
        Pane::Timeline => event_card(state),
    }
}

/// The rule row is the card area's first; the text goes below it.
fn below_rule(card: Area) -> Option<Area> {
    (card.height >= 2).then(|| Area::new(card.x, card.y + 1, card.width, card.height - 1))
}

pub fn entity_card(state: &State) -> Option<ShownCard> {
    let entity = state.selected_entity?;
    under_list(state.panes().entities?, entity_lines(state, entity))
}

pub fn event_card(state: &State) -> Option<ShownCard> {
    let event = state.briefing.events.get(state.selected_event)?;
    under_list(state.panes().timeline?, event_lines(state, event))
}

/// A card in the lower part of a list pane.
fn under_list(pane: Area, lines: Vec<CardLine>) -> Option<ShownCard> {
    let (_, card) = list_and_card(layout::inner(pane));
    Some(ShownCard {
        text_area: below_rule(card)?,
        lines,
    })
}

pub fn note_card(state: &State) -> Option<ShownCard> {
    let lines = match (state.focused_note, state.focused_review_note) {
        (Some(index), _) => note_lines(state, index),
        (None, Some(index)) => review_note_lines(state, index),
        (None, None) => return None,
    };
    let pane = state.panes().article?;
    let card = layout::note_card_area(pane);
    Some(ShownCard {
        text_area: below_rule(card)?,
        lines,
    })
}

/// A note of the reviewer's: marked as theirs, with who and when.
fn review_note_lines(state: &State, index: usize) -> Vec<CardLine> {
    let Some(session) = state.review.as_ref() else {
        return Vec::new();
    };
    let Some(note) = session.review().notes.get(index) else {
        return Vec::new();
    };
    let mut heading = format!(
        "{} your {} note (the reviewer's) \u{b7} {} of {}",
        symbols::REVIEW_NOTE,
        note.kind.name(),
        index + 1,
        session.review().notes.len()
    );
    if let Some(grading) = note.grading.describe() {
        heading.push_str(&format!(" \u{b7} {grading}"));
    }
    let mut lines = vec![line(CardRole::Note(note.kind), heading)];
    lines.extend(
        note.text
            .lines()
            .map(|text| line(CardRole::Text, text.to_string())),
    );
    let quote = excerpt(&note.anchor.quote, QUOTE_CHARS);
    let place = session
        .overlay()
        .review_notes
        .passage_of(index)
        .map(|span| {
            format!(
                " (line {})",
                state.briefing.document.lines.line_of(span.start)
            )
        })
        .unwrap_or_else(|| " (not found in the text as it is now)".to_string());
    lines.push(line(
        CardRole::Muted,
        format!("on \u{201c}{quote}\u{201d}{place}"),
    ));
    lines.push(line(
        CardRole::Muted,
        format!("{}, {}", note.reviewer, note.at),
    ));
    if session.note_draft().is_none() && session.read_only.is_none() {
        let change = state.key_name(super::action::Action::AddNote);
        lines.push(line(
            CardRole::Muted,
            format!("{change} changes it; emptied there, it is removed"),
        ));
    }
    lines
}

/// Sanitised and word-wrapped to `width`, one row per entry.
pub fn wrapped(lines: &[CardLine], width: u16) -> Vec<(CardRole, String)> {
    let width = usize::from(width.max(1));
    let mut rows = Vec::new();
    for card_line in lines {
        let clean = sanitize::line(&card_line.text);
        for range in layout::wrap(&clean, width) {
            let text = clean.get(range).unwrap_or_default().to_string();
            rows.push((card_line.role.clone(), text));
        }
    }
    rows
}

fn entity_lines(state: &State, entity: EntityId) -> Vec<CardLine> {
    let briefing = &state.briefing;
    let record = briefing.entity(entity);
    let kind = briefing
        .kind(&record.kind)
        .map_or(record.kind.as_str(), |k| k.label.as_str());
    let mut lines = vec![line(
        CardRole::Title(Some(record.kind.clone())),
        record.name.clone(),
    )];
    let focused_index = state
        .focused_mention
        .and_then(|focused| record.mentions.binary_search(&focused).ok());
    lines.push(line(
        CardRole::Muted,
        match focused_index {
            Some(index) => format!(
                "{kind} · mention {} of {}",
                index + 1,
                record.mentions.len()
            ),
            None => format!(
                "{kind} · {}",
                counted(record.mentions.len(), "mention", "mentions")
            ),
        },
    ));
    // What the focused mention itself carries: its parts, its attributes.
    if focused_index.is_some()
        && let Some(mention) = state
            .focused_mention
            .and_then(|id| briefing.mentions.get(id.0))
    {
        let parts = mention.parts();
        if !parts.is_empty() {
            let said: Vec<String> = parts
                .iter()
                .filter_map(|part| briefing.mentions.get(part.0))
                .filter_map(|part| briefing.document.text.get(part.span.clone()))
                .map(|text| format!("\u{201c}{text}\u{201d}"))
                .collect();
            lines.push(line(
                CardRole::Muted,
                format!("in {} parts: {}", parts.len(), said.join(" \u{2026} ")),
            ));
        }
        let attributes: Vec<String> = mention
            .attributes()
            .iter()
            .map(|a| format!("{} = {}", a.name, a.value))
            .collect();
        if !attributes.is_empty() {
            lines.push(line(
                CardRole::Muted,
                format!("this mention: {}", attributes.join(", ")),
            ));
        }
    }
    // The focused mention's own verdict, with its comment.
    if focused_index.is_some()
        && let Some(mention) = state.focused_mention
    {
        let judged = state
            .review
            .as_ref()
            .and_then(|session| session.mention_verdict(mention.0));
        let target = || Target::Mention {
            entity: record.id.clone(),
            anchor: crate::review::Anchor::capture(
                &briefing.document.text,
                briefing
                    .mentions
                    .get(mention.0)
                    .map_or(0..0, |m| m.span.clone()),
            ),
        };
        if let Some(said) = verdict_line(state, judged, target) {
            lines.push(line(said.role, format!("this mention: {}", said.text)));
        }
    }
    if let Some(event) = briefing
        .events_of(entity)
        .find(|e| e.linked_entity == Some(entity))
    {
        lines.push(line(CardRole::Text, format!("date: {}", date_of(event))));
    }
    if !record.aliases.is_empty() {
        lines.push(line(
            CardRole::Text,
            format!("also: {}", record.aliases.join(", ")),
        ));
    }
    lines.extend(elsewhere_lines(state, &record.id));
    if let Some(summary) = &record.summary {
        lines.push(line(CardRole::Text, summary.clone()));
    }
    if !record.tags.is_empty() {
        lines.push(line(
            CardRole::Muted,
            format!("tags: {}", record.tags.join(", ")),
        ));
    }
    for row in relation_rows(briefing, Some(entity)) {
        let mut label = row.label(briefing);
        let judged = state
            .review
            .as_ref()
            .and_then(|session| session.relation_verdict(briefing, entity, &row));
        if let Some(judgement) = judged {
            label.push_str(&format!(" \u{b7} your verdict: {}", judgement.name()));
        }
        lines.push(line(CardRole::Text, label));
    }
    for event in briefing.events_of(entity) {
        lines.push(line(
            CardRole::Text,
            format!("{}: {}", date_of(event), event.title),
        ));
    }
    for note in briefing.notes_of(entity) {
        lines.push(line(
            CardRole::Note(note.kind),
            format!("{} {}", symbols::note_symbol(note.kind), note.text),
        ));
    }
    let judged = state
        .review
        .as_ref()
        .and_then(|r| r.overlay.entities.get(&entity.0).copied());
    let target = || Target::Entity {
        id: record.id.clone(),
    };
    lines.extend(verdict_line(state, judged, target));
    lines.extend(own_mentions_line(state, &record.id));
    lines
}

/// In a library: "also in 2 briefings", and for each its title, why it is
/// the same entity, and the words around its first mention there.
fn elsewhere_lines(state: &State, id: &str) -> Vec<CardLine> {
    let Some(view) = state.library() else {
        return Vec::new();
    };
    let Some(member) = view.member_of(id) else {
        return Vec::new();
    };
    let others = view.elsewhere(member);
    if others.is_empty() {
        return Vec::new();
    }
    let follow = state.key_name(super::Action::FollowElsewhere);
    let mut lines = vec![line(
        CardRole::Muted,
        format!(
            "also in {} ({follow} opens the next):",
            counted(others.len(), "briefing", "briefings")
        ),
    )];
    let identities = &view.library.identities;
    for (n, other) in others.iter().enumerate() {
        let title = view.entry(other.briefing).map(crate::library::Entry::title);
        // Why: the rule that joined whichever of the two came later.
        let rule = identities
            .rule_of(*other)
            .filter(|r| **r != crate::library::Rule::First)
            .or_else(|| identities.rule_of(member))
            .map(crate::library::Rule::describe)
            .unwrap_or_default();
        lines.push(line(
            CardRole::Text,
            format!("{}. {} ({rule})", n + 1, title.unwrap_or_default()),
        ));
        if let Some(context) = view
            .library
            .entity(*other)
            .map(|e| e.context.clone())
            .filter(|c| !c.is_empty())
        {
            lines.push(line(CardRole::Muted, format!("\u{201c}{context}\u{201d}")));
        }
    }
    lines
}

/// "you added 2 mentions of it (1 re-pointed from another entity)", when
/// the reviewer's layer is shown and they did.
fn own_mentions_line(state: &State, id: &str) -> Option<CardLine> {
    let session = state.review.as_ref().filter(|r| r.shown)?;
    let of = crate::review::MentionOf::Entity(id.to_string());
    let (added, repointed) = session
        .review
        .mentions
        .iter()
        .filter(|m| m.of == of)
        .fold((0, 0), |(added, repointed), m| {
            (added + 1, repointed + usize::from(m.instead_of.is_some()))
        });
    if added == 0 {
        return None;
    }
    let mut said = format!(
        "you added {} of it",
        crate::wording::counted(added, "mention", "mentions")
    );
    if repointed > 0 {
        said.push_str(&format!(" ({repointed} re-pointed from another entity)"));
    }
    Some(line(CardRole::Muted, said))
}

/// "your verdict: disputed · the comment", when the reviewer's layer is
/// shown and the item has one. The overlay says whether (cheaply); the
/// comment is looked up only then.
fn verdict_line(
    state: &State,
    judged: Option<Judgement>,
    target: impl FnOnce() -> Target,
) -> Option<CardLine> {
    let session = state.review.as_ref().filter(|r| r.shown)?;
    let judgement = judged?;
    let comment = session
        .review
        .verdict_on(&target())
        .and_then(|v| v.comment.clone());
    let said = match comment {
        Some(comment) => format!("your verdict: {} \u{b7} {comment}", judgement.name()),
        None => format!("your verdict: {}", judgement.name()),
    };
    Some(line(CardRole::Muted, said))
}

fn date_of(event: &Event) -> String {
    event
        .label
        .clone()
        .unwrap_or_else(|| event.date.readable().to_string())
}

fn event_lines(state: &State, event: &Event) -> Vec<CardLine> {
    let briefing = &state.briefing;
    let when = if event.date.is_undated() {
        date_of(event)
    } else {
        format!("{} ({})", date_of(event), event.date.expression)
    };
    let mut lines = vec![
        line(CardRole::Title(None), event.title.clone()),
        line(CardRole::Muted, when),
    ];
    // Participants by role, "attacker: A, B", in the order the roles come.
    let mut roles: Vec<(&str, Vec<&str>)> = Vec::new();
    for role in &event.roles {
        let name = briefing.entity(role.entity).name.as_str();
        match roles.iter_mut().find(|(named, _)| *named == role.role) {
            Some((_, names)) => names.push(name),
            None => roles.push((role.role.as_str(), vec![name])),
        }
    }
    for (role, names) in roles {
        lines.push(line(
            CardRole::Text,
            format!("{role}: {}", names.join(", ")),
        ));
    }
    let names: Vec<&str> = event
        .entities
        .iter()
        .filter(|id| !event.roles.iter().any(|role| role.entity == **id))
        .map(|id| briefing.entity(*id).name.as_str())
        .collect();
    if !names.is_empty() {
        lines.push(line(CardRole::Text, names.join(", ")));
    }
    if let Some(note) = &event.note {
        lines.push(line(CardRole::Text, note.clone()));
    }
    if event.passage.is_none() && event.linked_entity.is_none() {
        lines.push(line(CardRole::Muted, "no passage in the text"));
    }
    let judged = state
        .review
        .as_ref()
        .and_then(|r| r.overlay.events.get(&state.selected_event).copied());
    let target = || Target::Event {
        id: event.id.clone(),
    };
    lines.extend(verdict_line(state, judged, target));
    lines
}

/// Characters of a note's passage quoted on its card before it is cut.
const QUOTE_CHARS: usize = 240;

fn note_lines(state: &State, index: usize) -> Vec<CardLine> {
    let briefing = &state.briefing;
    let Some(note) = briefing.notes.get(index) else {
        return Vec::new();
    };
    let mut heading = format!(
        "{} {} · note {} of {}",
        symbols::note_symbol(note.kind),
        note.kind.name(),
        index + 1,
        briefing.notes.len()
    );
    if let Some(grading) = note.grading.describe() {
        heading.push_str(&format!(" · {grading}"));
    }
    let mut lines = vec![
        line(CardRole::Note(note.kind), heading),
        line(CardRole::Text, note.text.clone()),
    ];
    let passage = briefing
        .document
        .text
        .get(note.passage.clone())
        .unwrap_or_default();
    let quote = excerpt(passage, QUOTE_CHARS);
    let line_number = briefing.document.lines.line_of(note.passage.start);
    lines.push(line(
        CardRole::Muted,
        format!("on \u{201c}{quote}\u{201d} (line {line_number})"),
    ));
    let names: Vec<&str> = note
        .entities
        .iter()
        .map(|id| briefing.entity(*id).name.as_str())
        .collect();
    if !names.is_empty() {
        lines.push(line(
            CardRole::Muted,
            format!("about: {}", names.join(", ")),
        ));
    }
    lines
}
