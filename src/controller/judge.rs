//! Review actions: a verdict on what has the focus (one key each: confirm,
//! dispute, mark wrong; the same key again takes it back), stepping to the
//! next item without a verdict, showing or hiding the reviewer's layer.
//! Every change asks for `Effect::SaveReview`; the status line says
//! "saved" only when the writer has answered (`saved`).

use std::sync::Arc;

use super::action::Action;
use super::command::{Command, Effect, Effects};
use super::line_edit::edit_text;
use super::navigate::{focus_mention, record_jump};
use super::pane::Pane;
use super::relations::relation_rows;
use super::reviewing::ReviewSession;
use super::state::{Overlay, State};
use crate::model::MentionId;
use crate::review::store::Saved;
use crate::review::{Anchor, Judged, Judgement, Target, Verdict, now};

/// Which of the briefing's items a verdict lands on, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Mention(usize),
    Entity(usize),
    Event(usize),
    Note(usize),
    Relation(usize),
}

/// Records `judgement` on the focused item.
pub fn judge(state: &mut State, judgement: Judgement) -> Effects {
    if let Err(why) = writable(state) {
        state.message = Some(why);
        return Effects::new();
    }
    let Some((target, slot, what)) = focused_target(state) else {
        state.message = Some(
            "nothing to judge here: focus a mention (Tab), a note, or an entity, event or relation"
                .to_string(),
        );
        return Effects::new();
    };
    // Where the reader is goes with every change: after a crash the
    // briefing reopens at the last verdict.
    let here = whereabouts(state);
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    let verdict = Verdict {
        target,
        judgement,
        comment: None,
        reviewer: session.reviewer.clone(),
        at: now(),
    };
    let review = Arc::make_mut(&mut session.review);
    let judged = review.judge(verdict);
    here.keep_in(review);
    let map = match slot {
        Slot::Mention(at) => (&mut session.overlay.mentions, at),
        Slot::Entity(at) => (&mut session.overlay.entities, at),
        Slot::Event(at) => (&mut session.overlay.events, at),
        Slot::Note(at) => (&mut session.overlay.notes, at),
        Slot::Relation(at) => (&mut session.overlay.relations, at),
    };
    let (map, at) = map;
    let said = match judged {
        Judged::Removed => {
            map.remove(&at);
            format!("verdict taken back: {what}")
        }
        Judged::Added | Judged::Changed => {
            map.insert(at, judgement);
            format!("{}: {what}", judgement.name())
        }
    };
    session.generation += 1;
    state.message = Some(format!("{said} (saving\u{2026})"));
    vec![Effect::SaveReview]
}

/// Whether review actions may change the review, or why not.
pub(super) fn writable(state: &State) -> Result<(), String> {
    match &state.review {
        None => Err("no review is open for this briefing".to_string()),
        Some(ReviewSession {
            read_only: Some(why),
            ..
        }) => Err(format!("the review is read-only: {why}")),
        Some(_) => Ok(()),
    }
}

/// The target of a verdict made now: the relation under the cursor of the
/// relations list, the selected entity or event in their panes, else the
/// focused mention or note in the article. With a word naming it.
fn focused_target(state: &State) -> Option<(Target, Slot, String)> {
    let briefing = &state.briefing;
    if let Some(Overlay::Relations { cursor }) = &state.overlay {
        let entity = state.selected_entity?;
        let row = relation_rows(briefing, Some(entity))
            .into_iter()
            .nth(*cursor)?;
        let (from, to, at) = row.relation(briefing, entity)?;
        let target = Target::Relation {
            from: briefing.entity(from).id.clone(),
            kind: row.kind.clone(),
            to: briefing.entity(to).id.clone(),
        };
        return Some((target, Slot::Relation(at), row.label(briefing)));
    }
    match state.focus {
        Pane::Entities => {
            let entity = state.selected_entity?;
            let shown = &briefing.entity(entity);
            let target = Target::Entity {
                id: shown.id.clone(),
            };
            Some((target, Slot::Entity(entity.0), shown.name.clone()))
        }
        Pane::Timeline => {
            let event = briefing.events.get(state.selected_event)?;
            let target = Target::Event {
                id: event.id.clone(),
            };
            Some((
                target,
                Slot::Event(state.selected_event),
                event.title.clone(),
            ))
        }
        Pane::Article => {
            let text = briefing.document.text.as_str();
            if let Some(id) = state.focused_mention {
                let mention = briefing.mentions.get(id.0)?;
                let target = Target::Mention {
                    entity: briefing.entity(mention.entity).id.clone(),
                    anchor: Anchor::capture(text, mention.span.clone()),
                };
                let quoted = text.get(mention.span.clone()).unwrap_or_default();
                return Some((
                    target,
                    Slot::Mention(id.0),
                    format!("\u{201c}{quoted}\u{201d}"),
                ));
            }
            let index = state.focused_note?;
            let note = briefing.notes.get(index)?;
            let target = Target::Note {
                kind: note.kind,
                anchor: Anchor::capture(text, note.passage.clone()),
            };
            Some((
                target,
                Slot::Note(index),
                format!("the {} note", note.kind.name()),
            ))
        }
    }
}

/// `]u` / `[u`: the next or previous item without a verdict, wrapping:
/// the entity in the entity list, the event on the timeline, else the
/// mention in the article.
pub fn step_unjudged(state: &mut State, forward: bool) {
    let Some(session) = &state.review else {
        state.message = Some("no review is open for this briefing".to_string());
        return;
    };
    let in_list = match state.focus {
        Pane::Entities => Some((
            state
                .entity_list
                .rows
                .iter()
                .map(|id| session.overlay.entities.contains_key(&id.0))
                .collect::<Vec<bool>>(),
            state.entity_list.cursor,
            "entity",
        )),
        Pane::Timeline => Some((
            (0..state.briefing.events.len())
                .map(|at| session.overlay.events.contains_key(&at))
                .collect(),
            state.selected_event,
            "event",
        )),
        Pane::Article => None,
    };
    if let Some((judged, cursor, what)) = in_list {
        match next_unjudged(&judged, cursor, forward) {
            Some(at) => super::lists::select_at(state, at),
            None => state.message = Some(format!("every {what} listed has a verdict")),
        }
        return;
    }
    let judged = &session.overlay.mentions;
    let total = state.briefing.mentions.len();
    if judged.len() >= total {
        state.message = Some(if total == 0 {
            "no mentions in this briefing".to_string()
        } else {
            format!("every mention has a verdict ({total})")
        });
        return;
    }
    let here = state.focused_mention.map_or_else(
        || {
            state
                .briefing
                .mentions
                .partition_point(|m| m.span.start < state.cursor)
        },
        |id| id.0,
    );
    let step = |i: usize| {
        if forward {
            (i + 1) % total
        } else {
            (i + total - 1) % total
        }
    };
    let mut at = if state.focused_mention.is_some() || !forward {
        step(here)
    } else {
        here % total
    };
    // Some mention is unjudged (checked above), so this ends within `total`.
    for _ in 0..total {
        if !judged.contains_key(&at) {
            break;
        }
        at = step(at);
    }
    record_jump(state);
    focus_mention(state, MentionId(at));
    if !matches!(state.focus, Pane::Article) {
        super::navigate::focus_pane(state, Pane::Article);
    }
}

/// `mA`: an uppercase mark is kept with the review (as vim keeps its
/// uppercase marks across sessions).
pub fn keep_mark(state: &mut State, letter: char, offset: usize) -> Effects {
    if let Err(why) = writable(state) {
        state.message = Some(format!("mark '{letter}' set, not kept: {why}"));
        return Effects::new();
    }
    let place = place_at(state, offset);
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    Arc::make_mut(&mut session.review)
        .marks
        .insert(letter, place);
    session.generation += 1;
    state.message = Some(format!(
        "mark '{letter}' set, kept with the review (saving\u{2026})"
    ));
    vec![Effect::SaveReview]
}

/// On quitting, where the reader is goes with a review that has anything
/// in it: reopening the briefing returns there. A reader that recorded
/// nothing still writes nothing.
pub fn keep_position(state: &mut State) -> Effects {
    let has_review = state
        .review
        .as_ref()
        .is_some_and(|s| s.read_only.is_none() && !s.review.is_empty());
    if !has_review {
        return Effects::new();
    }
    let here = whereabouts(state);
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    if here.is_kept_in(&session.review) {
        return Effects::new();
    }
    here.keep_in(Arc::make_mut(&mut session.review));
    session.generation += 1;
    vec![Effect::SaveReview]
}

/// Where the reader is, as a review keeps it: the top of the view, and
/// the caret when it is on.
pub(super) struct Here {
    position: crate::review::Place,
    caret: Option<crate::review::Place>,
}

impl Here {
    pub(super) fn keep_in(self, review: &mut crate::review::Review) {
        review.position = Some(self.position);
        review.caret = self.caret;
    }

    fn is_kept_in(&self, review: &crate::review::Review) -> bool {
        review.position.as_ref() == Some(&self.position) && review.caret == self.caret
    }
}

pub(super) fn whereabouts(state: &State) -> Here {
    Here {
        position: place_at(state, state.top_offset()),
        caret: state.caret.map(|caret| place_at(state, caret.at)),
    }
}

/// A place in the text at `offset`: the words from there on, as an anchor.
pub(super) fn place_at(state: &State, offset: usize) -> crate::review::Place {
    let text = state.briefing.document.text.as_str();
    let end = text
        .get(offset..)
        .and_then(|rest| {
            rest.char_indices()
                .nth(PLACE_CHARS)
                .map(|(at, _)| offset + at)
        })
        .unwrap_or(text.len());
    crate::review::Place {
        anchor: Anchor::capture(text, offset..end),
    }
}

/// Characters of text an uppercase mark or the last position quotes.
const PLACE_CHARS: usize = 24;

/// `C`: starts typing a comment for the verdict on the focused item (its
/// comment so far, to edit).
pub fn start_comment(state: &mut State) {
    if let Err(why) = writable(state) {
        state.message = Some(why);
        return;
    }
    let Some((target, _, what)) = focused_target(state) else {
        state.message = Some("nothing to comment on here".to_string());
        return;
    };
    let Some(session) = state.review.as_mut() else {
        return;
    };
    let Some(verdict) = session.review.verdict_on(&target) else {
        state.message = Some(format!(
            "no verdict on {what} yet: give one (c, x or X), then comment"
        ));
        return;
    };
    let text = verdict.comment.clone().unwrap_or_default();
    session.comment = Some((target, text));
    state.message = Some("Enter keeps the comment, Esc leaves it as it was".to_string());
}

/// A key while a verdict's comment is typed: Enter keeps it (an empty one
/// removes the comment), Esc leaves the verdict as it was.
pub fn edit_comment(state: &mut State, command: Command) -> Effects {
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    match command.action {
        Action::Activate => {
            let Some((target, text)) = session.comment.take() else {
                return Effects::new();
            };
            let comment = Some(text.trim().to_string()).filter(|t| !t.is_empty());
            let removed = comment.is_none();
            if !Arc::make_mut(&mut session.review).comment_on(&target, comment) {
                state.message = Some("the verdict is gone: comment not kept".to_string());
                return Effects::new();
            }
            session.generation += 1;
            state.message = Some(
                if removed {
                    "comment removed (saving\u{2026})"
                } else {
                    "comment kept (saving\u{2026})"
                }
                .to_string(),
            );
            vec![Effect::SaveReview]
        }
        Action::Back => {
            session.comment = None;
            state.message = None;
            Effects::new()
        }
        _ => {
            if let Some((_, text)) = session.comment.as_mut() {
                edit_text(text, command);
            }
            Effects::new()
        }
    }
}

/// A path as short as it can be said: from the working directory when it
/// is under it, from `~` when under the home directory.
fn short_path(path: &std::path::Path) -> String {
    let under = |base: Option<std::path::PathBuf>| {
        base.and_then(|base| {
            path.strip_prefix(base)
                .ok()
                .map(|p| p.display().to_string())
        })
    };
    under(std::env::current_dir().ok())
        .or_else(|| under(std::env::var_os("HOME").map(Into::into)).map(|p| format!("~/{p}")))
        .unwrap_or_else(|| path.display().to_string())
}

/// The next (or previous) position after `from` whose item has no
/// verdict, wrapping; `None` when every one has.
fn next_unjudged(judged: &[bool], from: usize, forward: bool) -> Option<usize> {
    let len = judged.len();
    (1..=len)
        .map(|step| {
            if forward {
                (from + step) % len
            } else {
                (from + len - step % len) % len
            }
        })
        .find(|&at| judged.get(at) == Some(&false))
}

/// Shows or hides the reviewer's layer.
pub fn toggle_layer(state: &mut State) {
    let Some(session) = state.review.as_mut() else {
        state.message = Some("no review is open for this briefing".to_string());
        return;
    };
    session.shown = !session.shown;
    state.message = Some(
        if session.shown {
            "review layer shown"
        } else {
            "review layer hidden"
        }
        .to_string(),
    );
}

/// The writer's answer for a generation.
pub fn saved(state: &mut State, saved: Saved) {
    let Some(session) = state.review.as_mut() else {
        return;
    };
    match saved.outcome {
        Ok(path) => {
            session.saved = session.saved.max(saved.generation);
            session.failure = None;
            let place = short_path(&path);
            if session.place.as_deref() != Some(place.as_str()) {
                session.place = Some(place);
            }
            if saved.generation == session.generation {
                // The progress is beside it in the status line.
                let place =
                    crate::sanitize::line(session.place.as_deref().unwrap_or("")).into_owned();
                state.message = Some(format!("saved to {place}"));
            }
        }
        Err(error) => {
            let error = crate::sanitize::line(&error).into_owned();
            state.message = Some(format!(
                "not saved ({error}); the review is kept here and tried again"
            ));
            session.failure = Some(error);
        }
    }
}
