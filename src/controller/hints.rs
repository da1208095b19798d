//! Hint labels (as vimium and qutebrowser do for links): `F` puts a short
//! label on every mention that starts on screen, and typing a label focuses
//! that mention, so any visible mention is two or three keys away.

use super::action::Action;
use super::command::Command;
use super::lists::select_entity;
use super::navigate::focus_mention;
use super::state::{Overlay, State};
use crate::model::MentionId;

/// Letters labels are made of, easiest to reach first.
const ALPHABET: &str = "asdfghjklqwertyuiopzxcvbnm";

/// `n` labels, none a prefix of another: single letters while they last,
/// else two letters each.
pub fn labels(n: usize) -> Vec<String> {
    let letters: Vec<char> = ALPHABET.chars().collect();
    if n <= letters.len() {
        return letters.iter().take(n).map(char::to_string).collect();
    }
    letters
        .iter()
        .flat_map(|a| letters.iter().map(move |b| format!("{a}{b}")))
        .take(n)
        .collect()
}

/// The mentions starting on screen, in text order, with their labels.
pub fn labelled(state: &State) -> Vec<(MentionId, String)> {
    let visible = state.visible_text();
    let mentions = &state.briefing.mentions;
    let first = mentions.partition_point(|m| m.span.start < visible.start);
    let count = mentions
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|m| m.span.start < visible.end)
        .count();
    (first..first + count)
        .map(MentionId)
        .zip(labels(count))
        .collect()
}

pub fn open(state: &mut State) {
    if labelled(state).is_empty() {
        state.message = Some("no mentions on screen".to_string());
        return;
    }
    state.overlay = Some(Overlay::Hints {
        typed: String::new(),
    });
}

/// A key while labels are shown.
pub fn edit(state: &mut State, command: Command) {
    let Some(Overlay::Hints { typed }) = &mut state.overlay else {
        return;
    };
    match command.action {
        Action::Back => {
            state.overlay = None;
            return;
        }
        Action::DeleteChar => {
            typed.pop();
            return;
        }
        Action::TypeChar => match command.letter() {
            Some(c) => typed.push(c.to_ascii_lowercase()),
            None => return,
        },
        _ => return,
    }
    let typed = typed.clone();
    let candidates: Vec<(MentionId, String)> = labelled(state)
        .into_iter()
        .filter(|(_, label)| label.starts_with(&typed))
        .collect();
    match candidates.as_slice() {
        [] => {
            state.overlay = None;
            state.message = Some(format!("no mention is labelled `{typed}`"));
        }
        [(id, label)] if *label == typed => {
            state.overlay = None;
            let id = *id;
            focus_mention(state, id);
            if let Some(entity) = state.briefing.mentions.get(id.0).map(|m| m.entity) {
                select_entity(state, entity);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::labels;

    #[test]
    fn labels_are_short_and_none_is_a_prefix_of_another() {
        assert_eq!(labels(3), ["a", "s", "d"]);
        let many = labels(60);
        assert_eq!(many.len(), 60);
        assert!(many.iter().all(|l| l.len() == 2));
        for a in &many {
            for b in &many {
                assert!(a == b || !b.starts_with(a.as_str()), "{a} {b}");
            }
        }
    }
}
