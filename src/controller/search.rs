//! Search in the article: literal text or (Ctrl-r in the prompt) a regular
//! expression, smart-case (a query without capitals ignores case), every
//! match highlighted, incremental while typing; `*` searches every name of
//! an entity as whole words.

use std::ops::Range;

// A DFA takes quadratic time to build for a long repetitive pattern (a
// 50,000-character name: seconds); the contiguous NFA does not.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::action::Action;
use super::command::Command;
use super::jumps::Location;
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
    let mode = if state.search.regex { "regex " } else { "" };
    state.search.label = format!("{mode}/{}", state.search.query);
}

/// A command while the search prompt is open.
pub fn edit(state: &mut State, command: Command) {
    match command.action {
        Action::Activate => {
            state.search.editing = false;
            if state.search.matches.is_empty() {
                if !state.search.query.is_empty() {
                    state.message = Some(match &state.search.error {
                        Some(error) => error.clone(),
                        None => format!("not found: {}", state.search.query),
                    });
                }
                return;
            }
            if let Some(origin) = state.search.origin {
                state.jumps.record(origin);
                state.before_jump = Some(origin);
            }
        }
        Action::Back => cancel(state),
        Action::DeleteChar if state.search.query.is_empty() => cancel(state),
        Action::ToggleRegex => {
            state.search.regex = !state.search.regex;
            refresh(state);
        }
        _ => {
            if super::prompt::edit_text(&mut state.search.query, command) {
                refresh(state);
            }
        }
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
    find_query(state);
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
    find_query(state);
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

/// Finds the query, as text or as a regular expression, recording why a
/// regular expression could not be searched for.
fn find_query(state: &mut State) {
    let text = &state.briefing.document.text;
    let search = &mut state.search;
    if search.regex {
        match find_regex(text, &search.query) {
            Ok(matches) => {
                search.matches = matches;
                search.error = None;
            }
            Err(error) => {
                search.matches = Vec::new();
                search.error = Some(error);
            }
        }
    } else {
        search.matches = find_literal(text, &search.query);
        search.error = None;
    }
}

/// Compiled programs above this size are refused: a hostile or mistaken
/// pattern (`(a{1000}){1000}`) is an error message, not a stalled reader.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Every non-overlapping, non-empty match of a regular expression (the
/// `regex` crate's syntax: linear time, no back-references); ignoring case
/// unless the pattern has a capital letter.
pub fn find_regex(text: &str, pattern: &str) -> Result<Vec<Range<usize>>, String> {
    if pattern.is_empty() {
        return Ok(Vec::new());
    }
    let ignore_case = !pattern.chars().any(char::is_uppercase);
    let regex = regex::RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(_) => "regex: too big to search with".to_string(),
            regex::Error::Syntax(text) => {
                // The crate's message spans lines with a caret drawing; the
                // status line has room for its last line, the reason.
                let reason = text.lines().rev().find(|l| !l.trim().is_empty());
                format!("regex: {}", reason.unwrap_or("not a valid pattern").trim())
            }
            _ => "regex: not a valid pattern".to_string(),
        })?;
    Ok(regex
        .find_iter(text)
        .filter(|m| !m.is_empty())
        .map(|m| m.start()..m.end())
        .collect())
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

    #[test]
    fn regular_expressions_are_smart_case_and_bounded() {
        let text = "Moscow and moscow and MOSCOW in 2024";
        assert_eq!(find_regex(text, "mos[a-z]+").unwrap().len(), 3);
        assert_eq!(find_regex(text, "Mos[a-z]+").unwrap(), vec![0..6]);
        assert_eq!(find_regex(text, r"\d{4}").unwrap(), vec![32..36]);
        // Empty matches would pin `n` in place: they are dropped.
        assert!(find_regex(text, "x*").unwrap().is_empty());
        let error = find_regex(text, "(unclosed").unwrap_err();
        assert!(error.starts_with("regex: "), "{error}");
        assert!(!error.contains('\n'), "{error}");
        let huge = find_regex(text, "(a{1000}){1000}").unwrap_err();
        assert_eq!(huge, "regex: too big to search with");
    }
}
