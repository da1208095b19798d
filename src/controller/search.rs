//! Search in the article: literal text or (Ctrl-r in the prompt) a regular
//! expression, smart-case (a query without capitals ignores case), every
//! match highlighted, incremental while typing; `*` searches every name of
//! an entity as whole words.
//!
//! A keystroke never searches the whole text: it looks for the match
//! nearest the view in a bounded stretch after it ([`NEAR_VIEW`]), `n` and
//! `N` look a bounded stretch further ([`STEP_BYTES`]), and a counting
//! thread goes through the whole text in the background, reporting with
//! `Input::Counted` (see `found`), so the count grows on the status line
//! and the matches far from the view arrive as it goes. Only small texts
//! are searched whole at once. This module changes the search state only;
//! the thread is the terminal's.

use std::ops::Range;
use std::sync::Arc;

use super::action::Action;
use super::command::{Command, Effect};
use super::find::{MAX_MATCHES, Pattern};
use super::found::{CountJob, Counted, Found, stretch_end, stretch_start};
use super::line_edit::{Pasted, paste_text};
use super::navigate::{record_jump, restore, reveal};
use super::state::{Search, State};

/// How much text after the view a keystroke searches for the match to
/// show; a text no longer than this is searched whole, and not counted by
/// a thread. A few hundred screens, a fraction of a millisecond.
pub const NEAR_VIEW: usize = 256 * 1024;

/// How much text `n` or `N` searches where the counting thread has not
/// been yet, before saying it is still searching.
pub const STEP_BYTES: usize = 256 * 1024;

/// The stretch searched at a time in the foreground.
const STRETCH: usize = 64 * 1024;

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
            if state.search.current.is_none() {
                if state.search.query.is_empty() {
                    return;
                }
                if let Some(error) = &state.search.error {
                    state.message = Some(error.clone());
                } else if state.search.counting {
                    // The count may find one yet: it is jumped to then.
                    state.search.awaiting = true;
                } else {
                    state.message = Some(format!("not found: {}", state.search.query));
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
    let at = state
        .search
        .current
        .as_ref()
        .map_or(state.cursor, |m| m.start);
    begin(state, at);
    let current = match look_forward(state, at, 0) {
        Lookup::Found(found) => Some(found),
        _ => None,
    };
    state.search.current = current;
}

/// Recomputes the matches of the query near where the search started and
/// shows the first one at or after it (wrapping to the first of all).
fn refresh(state: &mut State) {
    state.search.stale = false;
    update_label(state);
    let origin = state.search.origin.map_or(0, |o| o.cursor);
    begin(state, origin);
    show_first(state);
}

/// Shows the first known match at or after where the search started,
/// when it is known; otherwise stays (or goes back) where it started.
fn show_first(state: &mut State) {
    let origin = state.search.origin.map_or(0, |o| o.cursor);
    let first = match look_forward(state, origin, 0) {
        Lookup::Found(found) => Some(found),
        Lookup::End => match look_forward(state, 0, 0) {
            Lookup::Found(found) => Some(found),
            _ => None,
        },
        Lookup::Unknown => None,
    };
    state.search.current = first.clone();
    match first {
        Some(found) => {
            // The match is where the reader is now, not a mention seen before.
            state.focused_mention = None;
            reveal(state, found.start);
        }
        None => {
            if let Some(origin) = state.search.origin {
                restore(state, origin);
            }
        }
    }
}

/// Starts a new search for the query (or the entity's names): compiles
/// it, searches the text after `near` (all of a small text), and asks for
/// the counting thread when the text is larger than that.
fn begin(state: &mut State, near: usize) {
    state.search_tally.generation += 1;
    let search = &mut state.search;
    search.generation = state.search_tally.generation;
    search.found = Found::default();
    search.current = None;
    search.counted = 0;
    search.counting = false;
    search.awaiting = false;
    search.error = None;
    let compiled = match (&search.names, search.regex) {
        (Some(names), _) => Ok(Pattern::names(names)),
        (None, true) => Pattern::regex(&search.query),
        (None, false) => Ok(Pattern::literal(&search.query)),
    };
    search.pattern = match compiled {
        Ok(pattern) => pattern.map(Arc::new),
        Err(error) => {
            search.error = Some(error);
            None
        }
    };
    let Some(pattern) = search.pattern.clone() else {
        return;
    };
    let text = &state.briefing.document.text;
    if text.len() <= NEAR_VIEW {
        let stretch = pattern.find_in(text, 0, text.len());
        search.counted = stretch.matches.len();
        let mut matches = stretch.matches;
        let searched = if matches.len() > MAX_MATCHES {
            matches.truncate(MAX_MATCHES);
            0..matches.last().map_or(0, |m| m.end)
        } else {
            0..stretch.next
        };
        search.found.add(searched, matches);
        state.search_tally.bytes += text.len();
        return;
    }
    search.counting = true;
    search.count_wanted = true;
    look_forward(state, near, NEAR_VIEW);
}

/// What looking for a match found.
enum Lookup {
    Found(Range<usize>),
    /// There is none that way before the end of the text.
    End,
    /// The stretch it was allowed to search held none, and the rest is not
    /// searched yet.
    Unknown,
}

/// The first match starting at or after `at`: from what is known, and by
/// searching at most `budget` bytes where nothing was searched yet.
fn look_forward(state: &mut State, at: usize, budget: usize) -> Lookup {
    let Some(pattern) = state.search.pattern.clone() else {
        return Lookup::End;
    };
    let text = &state.briefing.document.text;
    let found = &mut state.search.found;
    let mut spent = 0;
    loop {
        let searched_to = found.searched_to(at);
        if let Some(next) = found.first_from(at).filter(|m| m.start < searched_to) {
            return Lookup::Found(next);
        }
        if searched_to >= text.len() {
            return Lookup::End;
        }
        if spent >= budget {
            return Lookup::Unknown;
        }
        let gap_end = found.next_searched(searched_to).unwrap_or(text.len());
        let until = stretch_end(text, searched_to, STRETCH).min(gap_end);
        let until = until.max(stretch_end(text, searched_to, 1));
        let stretch = pattern.find_in(text, searched_to, until);
        found.add(searched_to..stretch.next, stretch.matches);
        spent += until - searched_to;
        state.search_tally.bytes += until - searched_to;
    }
}

/// The last match starting before `at`, as `look_forward` looks.
fn look_backward(state: &mut State, at: usize, budget: usize) -> Lookup {
    let Some(pattern) = state.search.pattern.clone() else {
        return Lookup::End;
    };
    let text = &state.briefing.document.text;
    let found = &mut state.search.found;
    let mut spent = 0;
    let mut from = at;
    loop {
        let searched_from = found.searched_from(from);
        if let Some(previous) = found.last_before(at).filter(|m| m.start >= searched_from) {
            return Lookup::Found(previous);
        }
        if searched_from == 0 {
            return Lookup::End;
        }
        if spent >= budget {
            return Lookup::Unknown;
        }
        let gap_start = found.previous_searched(searched_from).unwrap_or(0);
        let start = stretch_start(text, searched_from, STRETCH).max(gap_start);
        let stretch = pattern.find_in(text, start, searched_from);
        found.add(start..stretch.next, stretch.matches);
        spent += searched_from - start;
        state.search_tally.bytes += searched_from - start;
        from = start;
    }
}

/// The counting thread's report on the next stretch of the text.
pub fn counted(state: &mut State, report: Counted) {
    if report.generation == state.search_tally.running.unwrap_or(0) && report.done {
        state.search_tally.running = None;
    }
    let search = &mut state.search;
    if report.generation != search.generation || !search.counting {
        return;
    }
    if let Some(searched) = report.searched {
        search.found.add(searched, report.matches);
    }
    search.counted += report.count;
    search.counting = !report.done;
    if let Some(current) = search.current.clone() {
        if !search.found.holds(&current) {
            // The count found the match there starting elsewhere.
            search.current = search.found.overlapping(&current).first().cloned();
        }
    }
    let waiting = search.editing || search.awaiting;
    if search.current.is_some() || !waiting {
        return;
    }
    let origin = search.origin.map_or(0, |o| o.cursor);
    let mut first = match look_forward(state, origin, 0) {
        Lookup::Found(found) => Some(found),
        Lookup::End => match look_forward(state, 0, 0) {
            Lookup::Found(found) => Some(found),
            _ => None,
        },
        Lookup::Unknown => None,
    };
    if first.is_none() && !state.search.counting && state.search.counted > 0 {
        // Only past the matches kept: look for one near where it started.
        first = match look_forward(state, origin, NEAR_VIEW) {
            Lookup::Found(found) => Some(found),
            _ => None,
        };
    }
    // After Enter the reader may have moved on while the count went on:
    // then the match is only made current, for `n`, not jumped to.
    let stayed = state
        .search
        .origin
        .is_none_or(|origin| origin.cursor == state.cursor);
    match first {
        Some(found) if !state.search.editing && !stayed => {
            state.search.awaiting = false;
            state.search.current = Some(found);
        }
        Some(found) => {
            state.search.current = Some(found.clone());
            state.focused_mention = None;
            if state.search.awaiting {
                state.search.awaiting = false;
                if let Some(origin) = state.search.origin {
                    state.jumps.record(origin);
                    state.before_jump = Some(origin);
                }
            }
            reveal(state, found.start);
        }
        None if !state.search.counting && state.search.awaiting => {
            state.search.awaiting = false;
            state.message = Some(format!("not found: {}", state.search.query));
        }
        None => {}
    }
}

/// What the terminal must do about counting after an input: start a
/// thread for a new search, or stop one whose search is gone.
pub fn counting_effect(state: &mut State) -> Option<Effect> {
    let search = &mut state.search;
    if search.count_wanted {
        search.count_wanted = false;
        let pattern = search.pattern.clone()?;
        state.search_tally.running = Some(search.generation);
        return Some(Effect::Count(CountJob {
            generation: search.generation,
            text: Arc::clone(&state.briefing.document.text),
            pattern,
        }));
    }
    let running = state.search_tally.running?;
    if running != search.generation || !search.counting {
        state.search_tally.running = None;
        return Some(Effect::StopCounting);
    }
    None
}

/// `n` / `N`: the next or previous match after the reading position,
/// wrapping with a message.
pub fn step(state: &mut State, forward: bool, count: usize) {
    if state.search.pattern.is_none() {
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
    let mut wrapped = false;
    let mut pending = false;
    let mut target = None;
    let mut from = state.cursor;
    for _ in 0..count.max(1) {
        let mut lookup = if forward {
            look_forward(state, from.saturating_add(1), STEP_BYTES)
        } else {
            look_backward(state, from, STEP_BYTES)
        };
        if matches!(lookup, Lookup::End) {
            let len = state.briefing.document.text.len();
            lookup = if forward {
                look_forward(state, 0, STEP_BYTES)
            } else {
                look_backward(state, len, STEP_BYTES)
            };
            wrapped = true;
        }
        match lookup {
            Lookup::Found(found) => {
                from = found.start;
                target = Some(found);
            }
            Lookup::End => break,
            Lookup::Unknown => {
                pending = true;
                break;
            }
        }
    }
    let Some(found) = target else {
        state.message = Some(if pending {
            let again = if forward {
                Action::SearchNext
            } else {
                Action::SearchPrevious
            };
            format!(
                "still searching for {}: {} again in a moment",
                state.search.label,
                state.key_name(again)
            )
        } else {
            format!("not found: {}", state.search.label)
        });
        return;
    };
    record_jump(state);
    state.search.current = Some(found.clone());
    state.focused_mention = None;
    reveal(state, found.start);
    if wrapped {
        state.message = Some(if forward {
            "search hit bottom, continuing at the top".to_string()
        } else {
            "search hit top, continuing at the bottom".to_string()
        });
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
        names: Some(names),
        ..Search::default()
    };
    begin(state, state.cursor);
    step(state, true, 1);
}
