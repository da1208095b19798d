//! The reviewer's own mentions: `gm` on a selection says which entity it
//! mentions, and `gX` on a mention the author pointed at the wrong entity
//! (or with the wrong span: select the right one first) re-points it. Both
//! open the entity picker, whose last row names a new entity after what is
//! typed; a new entity's kind is chosen in a second picker. Making the
//! same mention again takes it back. A re-point
//! marks the author's mention wrong beside the new one. Every change asks
//! for `Effect::SaveReview`. It must not touch the disk or draw.

use std::ops::Range;
use std::sync::Arc;

use super::command::{Effect, Effects};
use super::picker::{Assignment, Picker};
use super::state::{Overlay, State};
use crate::model::EntityId;
use crate::review::{Anchor, Judgement, MentionOf, ReviewMention, Target, Verdict, now};

/// `gm`: a mention of the reviewer's on the selection.
pub fn new_mention(state: &mut State) {
    if let Err(why) = super::judge::writable(state) {
        state.message = Some(why);
        return;
    }
    let Some(passage) = state.selection().filter(|p| !blank(state, p)) else {
        state.message = Some(
            "select the words that mention an entity first (i, then v and a motion)".to_string(),
        );
        return;
    };
    choose_entity(
        state,
        Assignment {
            passage,
            instead_of: None,
            name: None,
        },
    );
}

/// `gX`: the focused mention re-pointed: to the entity chosen, on the
/// selection if there is one, else on the mention's own passage.
pub fn repoint(state: &mut State) {
    if let Err(why) = super::judge::writable(state) {
        state.message = Some(why);
        return;
    }
    let Some(mention) = state.focused_mention else {
        state.message =
            Some("focus the mention to re-point first (Tab, or the caret on it)".into());
        return;
    };
    let Some(own) = state
        .briefing
        .mentions
        .get(mention.0)
        .map(|m| m.span.clone())
    else {
        return;
    };
    let passage = state
        .selection()
        .filter(|p| !blank(state, p))
        .unwrap_or(own);
    choose_entity(
        state,
        Assignment {
            passage,
            instead_of: Some(mention),
            name: None,
        },
    );
}

fn choose_entity(state: &mut State, assignment: Assignment) {
    let picker = Picker::for_assignment(&state.briefing, assignment);
    state.overlay = Some(Overlay::Picker(picker));
    state.message =
        Some("which entity? type to find it, or a new name; Enter chooses, Esc leaves".into());
}

/// The picker's new-entity row: the name typed; its kind comes next.
pub fn name_new_entity(state: &mut State, mut assignment: Assignment, name: &str) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        state.message = Some("type the new entity's name first".to_string());
        return;
    }
    assignment.name = Some(name);
    let picker = Picker::for_new_entity_kind(&state.briefing, assignment);
    state.overlay = Some(Overlay::Picker(picker));
    state.message = Some("what kind of entity? Enter chooses, Esc leaves".into());
}

/// An entity of the briefing chosen.
pub fn to_entity(state: &mut State, assignment: Assignment, entity: EntityId) -> Effects {
    let id = state.briefing.entity(entity).id.clone();
    let already = assignment
        .instead_of
        .and_then(|m| state.briefing.mentions.get(m.0))
        .is_some_and(|m| m.entity == entity && m.span == assignment.passage);
    if already {
        state.message = Some("that is the mention as it is: nothing to change".to_string());
        return Effects::new();
    }
    record(state, assignment, MentionOf::Entity(id))
}

/// A new entity's kind chosen.
pub fn to_new_entity(state: &mut State, assignment: Assignment, kind: String) -> Effects {
    let Some(name) = assignment.name.clone() else {
        return Effects::new();
    };
    record(state, assignment, MentionOf::NewEntity { name, kind })
}

fn record(state: &mut State, assignment: Assignment, of: MentionOf) -> Effects {
    let text = state.briefing.document.text.as_str();
    let anchor = Anchor::capture(text, assignment.passage.clone());
    // The author's mention a re-point replaces, as a verdict names it.
    let replaced = assignment.instead_of.and_then(|id| {
        let mention = state.briefing.mentions.get(id.0)?;
        let entity = state.briefing.entity(mention.entity).id.clone();
        let target = Target::Mention {
            entity: entity.clone(),
            anchor: Anchor::capture(text, mention.span.clone()),
        };
        Some((id, entity, target))
    });
    let here = super::judge::whereabouts(state);
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    let mention = ReviewMention {
        anchor,
        of,
        instead_of: replaced.as_ref().map(|(_, entity, _)| entity.clone()),
        reviewer: session.reviewer.clone(),
        at: now(),
    };
    let review = Arc::make_mut(&mut session.review);
    // The same mention again takes it back, as the same verdict key does.
    if let Some(index) = review
        .mentions
        .iter()
        .position(|m| m.of == mention.of && m.anchor.same_passage(&mention.anchor))
    {
        review.mentions.remove(index);
        here.keep_in(review);
        session.overlay.forget_mention(index);
        session.generation += 1;
        state.message = Some(format!(
            "your mention of {} taken back (saving\u{2026})",
            mention.of.describe()
        ));
        return vec![Effect::SaveReview];
    }
    let said = match &replaced {
        Some((id, _, target)) => {
            let already_wrong = review
                .verdict_on(target)
                .is_some_and(|v| v.judgement == Judgement::Wrong);
            if !already_wrong {
                review.judge(Verdict {
                    target: target.clone(),
                    judgement: Judgement::Wrong,
                    comment: Some(format!("re-pointed to {}", mention.of.describe())),
                    reviewer: session.reviewer.clone(),
                    at: mention.at.clone(),
                });
            }
            session.overlay.mentions.insert(id.0, Judgement::Wrong);
            format!(
                "re-pointed to {}; the author's mention marked wrong",
                mention.of.describe()
            )
        }
        None => format!("a mention of {} added", mention.of.describe()),
    };
    review.mentions.push(mention);
    let index = review.mentions.len() - 1;
    here.keep_in(review);
    session
        .overlay
        .review_mentions
        .insert(assignment.passage, index);
    session.generation += 1;
    if let Some(caret) = &mut state.caret {
        caret.anchor = None;
    }
    state.message = Some(format!("{said} (saving\u{2026})"));
    vec![Effect::SaveReview]
}

/// Whether a passage holds only white space.
fn blank(state: &State, passage: &Range<usize>) -> bool {
    state
        .briefing
        .document
        .text
        .get(passage.clone())
        .is_none_or(|t| t.trim().is_empty())
}
