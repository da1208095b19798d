//! The library's list and the moves between briefings: the cursor, the
//! filter and the sort of the list; opening a briefing (as an effect: the
//! terminal loads it); a jump to another briefing that keeps the reader it
//! left, and `Ctrl-o` back to it in place; `q` back to the list where it
//! was. Called from `update` only.

use std::path::Path;

use super::action::Action;
use super::command::{Command, Effect, Effects, Open};
use super::jumps::JumpList;
use super::keymap::Keymap;
use super::library_view::LibraryView;
use super::line_edit::edit_text;
use super::state::{Overlay, Setup, State};
use super::{lists, navigate};
use crate::library::{Library, Member};
use crate::model::Briefing;
use crate::wording::counted;

/// A reader that opens on the library's list. The briefing behind it is
/// an empty text until one is opened.
pub fn library_state(
    library: Library,
    keymap: Keymap,
    width: u16,
    height: u16,
    setup: Setup,
) -> State {
    let mut state = State::with_setup(placeholder(&library.root), keymap, width, height, setup);
    state.library = Some(Box::new(LibraryView::new(library)));
    state.message = None;
    state
}

fn placeholder(root: &Path) -> Briefing {
    let files = crate::loader::InMemory {
        files: vec![(root.to_path_buf(), String::new())],
    };
    crate::loader::load_text_only(root, &files)
        .briefing
        .unwrap_or_else(|| unreachable_placeholder(root))
}

/// An empty text always loads; should it ever not, the library's own
/// folder name as a one-line text keeps the reader going.
fn unreachable_placeholder(root: &Path) -> Briefing {
    let files = crate::loader::InMemory {
        files: vec![(root.to_path_buf(), "library".to_string())],
    };
    match crate::loader::load_text_only(root, &files).briefing {
        Some(briefing) => briefing,
        None => crate::loader::load_bundled()
            .briefing
            .unwrap_or_else(|| panic!("the bundled briefing does not load")),
    }
}

/// A command while the library's list is on screen.
pub(super) fn perform(state: &mut State, command: Command) -> Effects {
    let times = command.times();
    let page = state.library_rows().saturating_sub(1).max(1);
    let Some(view) = state.library.as_deref_mut() else {
        return Effects::new();
    };
    let last = view.rows.len().saturating_sub(1);
    match command.action {
        Action::SelectNext => view.cursor = view.cursor.saturating_add(times).min(last),
        Action::SelectPrevious => view.cursor = view.cursor.saturating_sub(times),
        Action::PageDown => view.cursor = view.cursor.saturating_add(page * times).min(last),
        Action::PageUp => view.cursor = view.cursor.saturating_sub(page * times),
        Action::SelectFirst => {
            view.cursor = command.count().map_or(0, |n| n.saturating_sub(1)).min(last);
        }
        Action::SelectLast => {
            view.cursor = command
                .count()
                .map_or(last, |n| n.saturating_sub(1))
                .min(last);
        }
        Action::Activate => {
            return match view.selected() {
                Some(entry) => open_entry(state, entry, None, None),
                None => Effects::new(),
            };
        }
        Action::FilterLibrary => view.filtering = true,
        Action::CycleSort => {
            view.sort = view.sort.next();
            view.arrange();
            state.message = Some(format!("sorted {}", view.sort.describe()));
        }
        Action::LibraryProblems => show_problems(state),
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Back if !view.filter.is_empty() => {
            view.filter.clear();
            view.arrange();
        }
        Action::Quit => return vec![Effect::Quit],
        _ => {}
    }
    keep_cursor_on_screen(state);
    Effects::new()
}

/// Keeps the list's cursor within the rows on screen.
pub(super) fn keep_cursor_on_screen(state: &mut State) {
    let rows = state.library_rows();
    let Some(view) = state.library.as_deref_mut() else {
        return;
    };
    if view.cursor < view.top {
        view.top = view.cursor;
    } else if view.cursor >= view.top + rows {
        view.top = view.cursor + 1 - rows;
    }
    view.top = view.top.min(view.rows.len().saturating_sub(rows));
}

/// The filter prompt's keys.
pub(super) fn edit_filter(state: &mut State, command: Command) {
    let Some(view) = state.library.as_deref_mut() else {
        return;
    };
    match command.action {
        Action::Activate => view.filtering = false,
        Action::Back | Action::Quit => {
            view.filtering = false;
            view.filter.clear();
            view.arrange();
        }
        _ => {
            if edit_text(&mut view.filter, command) {
                view.cursor = 0;
                view.arrange();
            }
        }
    }
    keep_cursor_on_screen(state);
}

/// Text pasted while the filter prompt is open; whether it took it.
pub(super) fn paste(state: &mut State, pasted: &str) -> bool {
    let Some(view) = state
        .library
        .as_deref_mut()
        .filter(|v| v.filtering && !v.reading)
    else {
        return false;
    };
    super::line_edit::paste_text(&mut view.filter, pasted);
    view.cursor = 0;
    view.arrange();
    keep_cursor_on_screen(state);
    true
}

/// Takes in what the library's workers found.
pub(super) fn absorb(state: &mut State, reports: Vec<crate::library::Report>) {
    let Some(view) = state.library.as_deref_mut() else {
        return;
    };
    for report in reports {
        view.library.absorb(report);
    }
    view.arrange();
    keep_cursor_on_screen(state);
}

/// Asks for the briefing of `entry` to be opened (at `at`, or at the first
/// mention of the entity `entity`).
pub(super) fn open_entry(
    state: &mut State,
    entry: usize,
    at: Option<usize>,
    entity: Option<String>,
) -> Effects {
    let Some(view) = state.library.as_deref() else {
        return Effects::new();
    };
    let Some(found) = view.entry(entry) else {
        return Effects::new();
    };
    vec![Effect::Open(Open {
        entry,
        path: found.candidate.path.clone(),
        at,
        entity,
        from_reader: view.reading,
        again: false,
    })]
}

/// `R` in a briefing of the library: read its files again, keeping the
/// place (by the offset at the top of the view) and the way back.
pub(super) fn reload(state: &mut State) -> Effects {
    let top = state.top_offset();
    let Some(entry) = state
        .library
        .as_deref()
        .filter(|v| v.reading)
        .and_then(|v| v.current)
    else {
        return vec![Effect::Reload];
    };
    let mut effects = open_entry(state, entry, Some(top), None);
    for effect in &mut effects {
        if let Effect::Open(open) = effect {
            open.again = true;
        }
    }
    effects
}

/// A briefing read for `Effect::Open`: shown in a fresh reader, the one
/// it was opened from kept for `Ctrl-o`; or, when it did not load, what
/// stopped it, over whatever is on screen.
pub(super) fn opened(state: &mut State, open: Open, briefing: Result<Box<Briefing>, Vec<String>>) {
    let briefing = match briefing {
        Ok(briefing) => briefing,
        Err(problems) => {
            let shown = crate::sanitize::line(&open.path.display().to_string()).into_owned();
            state.overlay = Some(Overlay::Diagnostics {
                lines: problems,
                scroll: 0,
                title: Some("This briefing does not open".to_string()),
            });
            state.message = Some(format!("{shown} does not open: what stopped it is listed"));
            return;
        }
    };
    let Some(mut view) = state.library.take() else {
        return;
    };
    let setup = Setup {
        mouse: state.mouse,
        measure: Some(state.view.measure),
        widen_sides: state.configured_side_shift,
        ..Setup::default()
    };
    let fresh = State::with_setup(
        *briefing,
        state.keymap.clone(),
        state.screen.width,
        state.screen.height,
        setup,
    );
    let left = std::mem::replace(state, fresh);
    if open.again {
        // The reader read again is the one replaced: nothing to go back to.
        drop(left);
    } else if open.from_reader && view.reading {
        view.readers.push((Box::new(left), view.current));
    } else {
        view.readers.clear();
    }
    view.reading = true;
    view.current = Some(open.entry);
    state.library = Some(view);
    place(state, &open);
    if open.again {
        state.message = Some("reloaded".to_string());
    }
}

/// Shows the place an `Open` asked for, as the reader's starting place:
/// the jump list starts empty, so the first `Ctrl-o` goes back to the
/// briefing this one was opened from.
fn place(state: &mut State, open: &Open) {
    if let Some(entity) = open
        .entity
        .as_deref()
        .and_then(|id| state.briefing.entity_by_id(id))
    {
        navigate::focus_pane(state, super::pane::Pane::Article);
        lists::go_to_entity(state, entity);
    } else if let Some(at) = open.at {
        let at = crate::model::floor_char_boundary(&state.briefing.document.text, at);
        if open.again {
            // The same text at the top as before the reload.
            state.top = state.layout.pos_of_offset(&state.briefing.document, at);
        } else {
            navigate::reveal_at_top(state, at);
        }
        state.cursor = at;
    }
    state.jumps = JumpList::default();
    state.before_jump = None;
}

/// `Ctrl-o` with nothing earlier in this briefing: back to the reader this
/// one was opened from, in place, or else to the list. Whether there was
/// somewhere to go.
pub(super) fn back_out(state: &mut State) -> bool {
    let Some(mut view) = state.library.take().filter(|v| v.reading) else {
        return false;
    };
    match view.readers.pop() {
        Some((reader, entry)) => {
            let (width, height) = (state.screen.width, state.screen.height);
            *state = *reader;
            view.current = entry;
            state.library = Some(view);
            state.screen.width = width;
            state.screen.height = height;
            let title = state.briefing.meta.title.clone().unwrap_or_default();
            state.message = Some(format!("back in {}", crate::sanitize::line(&title)));
        }
        None => {
            state.library = Some(view);
            show_list(state);
        }
    }
    true
}

/// `q` in a briefing of the library: back to the list, where it was.
pub(super) fn show_list(state: &mut State) -> bool {
    let Some(view) = state.library.as_deref_mut() else {
        return false;
    };
    if !view.reading {
        return false;
    }
    view.reading = false;
    view.readers.clear();
    view.current = None;
    state.overlay = None;
    state.message = None;
    true
}

/// `]b` / `[b`: the next (previous) briefing naming the entity selected
/// (or under the focused mention), at its first mention there; a count N
/// opens the Nth the card lists.
pub(super) fn follow_elsewhere(state: &mut State, forward: bool, count: Option<usize>) -> Effects {
    let Some(member) = walked_member(state) else {
        state.message = Some(match state.library() {
            None => "no library: open a folder (brief DIR) to follow an entity across briefings"
                .to_string(),
            Some(_) => "select an entity, or focus a mention, to follow it".to_string(),
        });
        return Effects::new();
    };
    let Some(view) = state.library.as_deref() else {
        return Effects::new();
    };
    let others = view.elsewhere(member);
    if others.is_empty() {
        state.message = Some("no other briefing of the library names this entity".to_string());
        return Effects::new();
    }
    let target = match count {
        Some(n) => others
            .get(n.saturating_sub(1).min(others.len() - 1))
            .copied(),
        None => {
            // Next after this briefing in the library's order, round.
            let after = others.iter().position(|m| m.briefing > member.briefing);
            let at = match (forward, after) {
                (true, Some(at)) => at,
                (true, None) => 0,
                (false, Some(at)) => at.checked_sub(1).unwrap_or(others.len() - 1),
                (false, None) => others.len() - 1,
            };
            others.get(at).copied()
        }
    };
    match target {
        Some(target) => open_member(state, target),
        None => Effects::new(),
    }
}

/// Opens the briefing of `member` at that entity's first mention (or, in
/// the briefing being read, goes to it there).
pub(super) fn open_member(state: &mut State, member: Member) -> Effects {
    let Some(view) = state.library.as_deref() else {
        return Effects::new();
    };
    let id = view.library.entity(member).map(|e| e.id.clone());
    if view.reading && view.current == Some(member.briefing) {
        if let Some(entity) = id.as_deref().and_then(|id| state.briefing.entity_by_id(id)) {
            lists::go_to_entity(state, entity);
        }
        return Effects::new();
    }
    open_entry(state, member.briefing, None, id)
}

/// A row of the cross-library picker: the entity in the briefing being
/// read when it is one of the group there, else the group's first
/// briefing, at its first mention.
pub(super) fn pick_member(state: &mut State, member: Member) -> Effects {
    let Some(view) = state.library.as_deref() else {
        return Effects::new();
    };
    let here = view.current.filter(|_| view.reading).and_then(|current| {
        view.library
            .identities
            .group_of(member)
            .into_iter()
            .find(|m| m.briefing == current)
    });
    open_member(state, here.unwrap_or(member))
}

/// The library's member for the entity `]b` follows.
pub(super) fn walked_member(state: &State) -> Option<Member> {
    let view = state.library.as_deref().filter(|v| v.reading)?;
    let entity = state.walked_entity()?;
    view.member_of(&state.briefing.entity(entity).id)
}

/// `!`: what the walk skipped and the briefings the checks found problems
/// in, in the diagnostics overlay.
fn show_problems(state: &mut State) {
    let Some(view) = state.library.as_deref() else {
        return;
    };
    let library = &view.library;
    let clean = |text: &str| crate::sanitize::line(text).into_owned();
    let mut lines = Vec::new();
    for skipped in &library.skipped {
        lines.push(format!(
            "{}: {}",
            clean(&crate::library::relative_to(&library.root, &skipped.path)),
            clean(&skipped.reason)
        ));
    }
    for entry in &library.entries {
        let Some(summary) = entry.summary.as_ref().filter(|s| s.problems() > 0) else {
            continue;
        };
        lines.push(format!(
            "{}: {} ({}, {}){}",
            clean(&entry.relative),
            clean(summary.first_problem.as_deref().unwrap_or("problems")),
            counted(summary.errors, "error", "errors"),
            counted(summary.warnings, "warning", "warnings"),
            if summary.errors > 0 {
                "; does not open"
            } else {
                ""
            }
        ));
    }
    if lines.is_empty() {
        state.message = Some("nothing skipped, no problems found".to_string());
        return;
    }
    let title = format!(
        "Skipped, and what the checks found \u{b7} {}",
        counted(lines.len(), "item", "items")
    );
    state.overlay = Some(Overlay::Diagnostics {
        lines,
        scroll: 0,
        title: Some(title),
    });
}
