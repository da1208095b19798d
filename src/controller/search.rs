//! Search in the article: literal text or (Ctrl-r in the prompt) a regular
//! expression, smart-case (a query without capitals ignores case), every
//! match highlighted, incremental while typing; `*` searches every name of
//! an entity as whole words.

use super::action::Action;
use super::command::Command;
use super::find::{MAX_MATCHES, find_literal, find_names, find_regex};
use super::jumps::Location;
use super::line_edit::{Pasted, paste_text};
use super::navigate::{record_jump, restore, reveal, wrapping_step};
use super::state::{Search, State};

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
            settle(state);
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
            put_off(state);
        }
        _ => {
            if super::line_edit::edit_text(&mut state.search.query, command) {
                put_off(state);
            }
        }
    }
}

/// Text pasted into the search prompt: added to the query, searched for
/// when the burst is over like typed keys.
pub fn paste(state: &mut State, pasted: &str) -> Pasted {
    let outcome = paste_text(&mut state.search.query, pasted);
    if outcome.kept > 0 {
        put_off(state);
    }
    outcome
}

/// The prompt shows the new query at once; the search waits for `settle`.
fn put_off(state: &mut State) {
    update_label(state);
    state.search.stale = true;
}

/// Searches for the query typed in the prompt if it changed since the last
/// search: called when a burst of keys is over, and before Enter.
pub fn settle(state: &mut State) {
    if state.search.editing && state.search.stale {
        refresh(state);
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
    state.search.stale = false;
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

/// Finds the query (text, a regular expression, or an entity's names for
/// `*`), recording why a regular expression could not be searched for.
fn find_query(state: &mut State) {
    let text = &state.briefing.document.text;
    let search = &mut state.search;
    let found = match (&search.names, search.regex) {
        (Some(names), _) => Ok(find_names(text, names)),
        (None, true) => find_regex(text, &search.query),
        (None, false) => Ok(find_literal(text, &search.query)),
    };
    match found {
        Ok(matches) => {
            search.matches = matches;
            search.error = None;
        }
        Err(error) => {
            search.matches = Vec::new();
            search.error = Some(error);
        }
    }
}

/// `n` / `N`: the next or previous match after the reading position,
/// wrapping with a message.
pub fn step(state: &mut State, forward: bool, count: usize) {
    if state.search.matches.is_empty() {
        state.message = Some(if state.search.query.is_empty() {
            format!(
                "no search: press {} to search",
                state.key_name(Action::Search)
            )
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
        // Past the last match kept there may be more: say which end it is.
        let last = if len >= MAX_MATCHES {
            format!("the {MAX_MATCHES}th match (the most kept)")
        } else {
            end.split(',').next().unwrap_or(end).to_string()
        };
        let then = end.split(", ").nth(1).unwrap_or_default();
        state.message = Some(format!("search hit {last}, {then}"));
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
    let record = state.briefing.entity(entity);
    let names: Vec<String> = std::iter::once(&record.name)
        .chain(&record.aliases)
        .filter(|name| !name.trim().is_empty())
        .cloned()
        .collect();
    let name = record.name.clone();
    state.search = Search {
        label: format!("*{name}"),
        query: name,
        matches: find_names(&state.briefing.document.text, &names),
        names: Some(names),
        ..Search::default()
    };
    step(state, true, 1);
}
