//! Search in the article: literal and smart-case (lower-case queries ignore
//! ASCII case), every match highlighted, incremental while typing; `*`
//! searches every name of an entity as whole words.

use std::ops::Range;

// A DFA takes quadratic time to build for a long repetitive pattern (a
// 50,000-character name: seconds); the contiguous NFA does not.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::jumps::Location;
use super::keys::{Key, KeyPress};
use super::navigate::{record_jump, restore, reveal, wrapping_step};
use super::state::{Search, State};
use crate::model::EntityId;

pub fn start(state: &mut State) {
    state.search = Search {
        editing: true,
        origin: Some(state.location()),
        ..Search::default()
    };
    update_label(state);
}

fn update_label(state: &mut State) {
    state.search.label = format!("/{}", state.search.query);
}

/// A key while the search prompt is open.
pub fn input(state: &mut State, key: KeyPress) {
    match (key.key, key.typed()) {
        (Key::Enter, _) => {
            state.search.editing = false;
            if state.search.matches.is_empty() {
                if !state.search.query.is_empty() {
                    state.message = Some(format!("not found: {}", state.search.query));
                }
                return;
            }
            if let Some(origin) = state.search.origin {
                state.jumps.record(origin);
            }
        }
        (Key::Esc, _) => cancel(state),
        (Key::Backspace, _) => {
            if state.search.query.pop().is_none() {
                cancel(state);
                return;
            }
            refresh(state);
        }
        (_, Some(c)) => {
            state.search.query.push(c);
            refresh(state);
        }
        _ => {}
    }
}

/// Leaves the prompt and goes back to where the search started.
fn cancel(state: &mut State) {
    let origin = state.search.origin;
    state.search = Search::default();
    if let Some(origin) = origin {
        restore(state, origin);
    }
}

/// Finds the query again in a new text (the full load replacing a
/// preview), keeping the current match where it was, without moving.
pub fn rematch(state: &mut State) {
    if state.search.query.is_empty() {
        return;
    }
    let current = state
        .search
        .current
        .and_then(|i| state.search.matches.get(i))
        .map(|m| m.start);
    state.search.matches = find_literal(&state.briefing.document.text, &state.search.query);
    state.search.current = current.map(|start| {
        state
            .search
            .matches
            .partition_point(|m| m.start < start)
            .min(state.search.matches.len().saturating_sub(1))
    });
    if state.search.matches.is_empty() {
        state.search.current = None;
    }
}

/// Recomputes the matches of the query and shows the first one at or after
/// where the search started.
fn refresh(state: &mut State) {
    update_label(state);
    let query = state.search.query.clone();
    state.search.matches = find_literal(&state.briefing.document.text, &query);
    let origin = state.search.origin.map_or(0, |o: Location| o.cursor);
    let first = state.search.matches.partition_point(|m| m.start < origin);
    let current = if first < state.search.matches.len() {
        Some(first)
    } else if state.search.matches.is_empty() {
        None
    } else {
        Some(0)
    };
    state.search.current = current;
    match current
        .and_then(|i| state.search.matches.get(i))
        .map(|m| m.start)
    {
        Some(start) => {
            // The match is where the reader is now, not a mention seen before.
            state.focused_mention = None;
            reveal(state, start);
        }
        None => {
            if let Some(origin) = state.search.origin {
                restore(state, origin);
            }
        }
    }
}

/// Every non-overlapping occurrence of `query`; ignoring ASCII case unless
/// the query has a capital letter.
pub fn find_literal(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let ignore_case = !query.chars().any(char::is_uppercase);
    AhoCorasick::builder()
        .ascii_case_insensitive(ignore_case)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build([query])
        .map(|automaton| {
            automaton
                .find_iter(text)
                .map(|m| m.start()..m.end())
                .collect()
        })
        .unwrap_or_default()
}

/// `n` / `N`: the next or previous match after the reading position,
/// wrapping with a message.
pub fn step(state: &mut State, forward: bool, count: usize) {
    if state.search.matches.is_empty() {
        state.message = Some(if state.search.query.is_empty() {
            "no search: press / to search".to_string()
        } else {
            format!("not found: {}", state.search.label)
        });
        return;
    }
    let len = state.search.matches.len();
    let from = state.cursor;
    let current = state.search.current.filter(|&current| {
        state
            .search
            .matches
            .get(current)
            .is_some_and(|m| m.start == from)
    });
    // Matches starting at the position count as behind it going forward.
    let insert = if forward {
        state.search.matches.partition_point(|m| m.start <= from)
    } else {
        state.search.matches.partition_point(|m| m.start < from)
    };
    let (index, wrapped) = wrapping_step(len, current, insert, forward, count);
    record_jump(state);
    state.search.current = Some(index);
    if let Some(start) = state.search.matches.get(index).map(|m| m.start) {
        state.focused_mention = None;
        reveal(state, start);
    }
    if wrapped {
        let end = if forward {
            "bottom, continuing at the top"
        } else {
            "top, continuing at the bottom"
        };
        state.message = Some(format!("search hit {end}"));
    }
}

/// `*`: every name and alias of the focused (or selected) entity, as whole
/// words.
pub fn search_entity(state: &mut State) {
    let entity = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|m| m.entity)
        .or(state.selected_entity);
    let Some(entity) = entity else {
        state.message = Some("no entity under focus".to_string());
        return;
    };
    let matches = entity_matches(state, entity);
    let name = state.briefing.entity(entity).name.clone();
    state.search = Search {
        label: format!("*{name}"),
        query: name,
        matches,
        ..Search::default()
    };
    step(state, true, 1);
}

fn entity_matches(state: &State, entity: EntityId) -> Vec<Range<usize>> {
    let entity = state.briefing.entity(entity);
    let names: Vec<&str> = std::iter::once(entity.name.as_str())
        .chain(entity.aliases.iter().map(String::as_str))
        .filter(|name| !name.trim().is_empty())
        .collect();
    let text = &state.briefing.document.text;
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&names)
    else {
        return Vec::new();
    };
    automaton
        .find_iter(text)
        .map(|m| m.start()..m.end())
        .filter(|range| {
            let before = text.get(..range.start).and_then(|t| t.chars().next_back());
            let after = text.get(range.end..).and_then(|t| t.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let text = "Moscow and moscow and MOSCOW";
        assert_eq!(find_literal(text, "moscow").len(), 3);
        assert_eq!(find_literal(text, "Moscow"), vec![0..6]);
        assert!(find_literal(text, "").is_empty());
    }
}
