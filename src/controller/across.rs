//! The views across the library: the picker over every entity of every
//! briefing merged by identity, the merged timeline, and the search over
//! every text (its query goes out as an effect once typing settles, its
//! matches come back as they are found). Called from `update` only.

use super::browse;
use super::command::{Effect, Effects};
use super::navigate::{record_jump, reveal_at_top};
use super::picker::{PickTarget, Picker, PickerItem, PickerKind};
use super::state::{Overlay, State};
use crate::library::search::SearchJob;
use crate::library::timeline::merged;
use crate::library::{Library, Member};
use crate::wording::counted;

const NO_LIBRARY: &str = "no library: open a folder (brief DIR) to look across briefings";

/// `E`: every entity of every briefing, one row per identity.
pub(super) fn open_entities(state: &mut State) {
    let Some(view) = state.library.as_deref_mut() else {
        state.message = Some(NO_LIBRARY.to_string());
        return;
    };
    let generation = view.library.identities.generation;
    let items = match &view.entity_rows {
        Some((made, items)) if *made == generation => items.clone(),
        _ => {
            let items = entity_items(&view.library);
            view.entity_rows = Some((generation, items.clone()));
            items
        }
    };
    if items.is_empty() {
        state.message = Some(still_indexing(&view.library, "no entities"));
        return;
    }
    state.overlay = Some(Overlay::Picker(Picker::with_items(
        PickerKind::LibraryEntities,
        items,
    )));
}

/// The cross-library picker's rows: per group, its first member's name,
/// the briefings it is in and the rules that merged it.
pub fn entity_items(library: &Library) -> Vec<PickerItem> {
    /// Names beyond these many add little to what a query can match.
    const NAMES_MATCHED: usize = 8;
    let identities = &library.identities;
    let mut rows: Vec<(usize, PickerItem)> = identities
        .groups_with_rules()
        .into_iter()
        .filter_map(|(group, rules)| {
            let first = *group.first()?;
            let entity = library.entity(first)?;
            // Members come sorted by briefing: count the distinct ones.
            let briefings = 1 + group
                .windows(2)
                .filter(|pair| matches!(pair, [a, b] if a.briefing != b.briefing))
                .count();
            let mut names: Vec<&str> = vec![entity.name.as_str()];
            // Other names from the first members only: a group in
            // thousands of briefings must not cost thousands of look-ups.
            for &member in group.iter().skip(1).take(64) {
                if names.len() >= NAMES_MATCHED {
                    break;
                }
                if let Some(other) = library.entity(member)
                    && !names.contains(&other.name.as_str())
                {
                    names.push(&other.name);
                }
            }
            names.extend(entity.aliases.iter().map(String::as_str));
            let haystack = format!("{} {}", names.join(" "), entity.kind);
            let mut detail = format!(
                "{} \u{b7} {}",
                entity.kind,
                counted(briefings, "briefing", "briefings")
            );
            if !rules.is_empty() {
                detail.push_str(" \u{b7} ");
                detail.push_str(&rules.join(", "));
            }
            let item = PickerItem::new(
                entity.name.clone(),
                detail,
                haystack,
                PickTarget::Member(first),
            );
            Some((briefings, item))
        })
        .collect();
    // The entities most briefings share first: what a library is for.
    rows.sort_by_key(|(briefings, _)| std::cmp::Reverse(*briefings));
    rows.into_iter().map(|(_, item)| item).collect()
}

fn still_indexing(library: &Library, what: &str) -> String {
    if library.complete() {
        format!("the library has {what}")
    } else {
        format!(
            "{what} yet: {} of {} indexed",
            library.indexed,
            library.entries.len()
        )
    }
}

/// `T`: the events of every briefing in one timeline; in a briefing with
/// an entity selected (or a mention focused), that entity's only.
pub(super) fn open_timeline(state: &mut State) {
    let only = browse::walked_member(state);
    let Some(view) = state.library.as_deref() else {
        state.message = Some(NO_LIBRARY.to_string());
        return;
    };
    let library = &view.library;
    let group = only.map(|member| library.identities.group_of(member));
    let items = timeline_items(library, group.as_deref());
    if items.is_empty() {
        state.message = Some(still_indexing(library, "no dated events"));
        return;
    }
    let briefings = {
        let mut seen: Vec<usize> = Vec::new();
        for item in &items {
            if let PickTarget::InBriefing { briefing, .. } = item.target
                && !seen.contains(&briefing)
            {
                seen.push(briefing);
            }
        }
        seen.len()
    };
    let whose = match only.and_then(|m| library.entity(m)) {
        Some(entity) => format!("{}'s events", entity.name),
        None => "every event".to_string(),
    };
    state.message = Some(format!(
        "{whose} in {}: {}",
        counted(briefings, "briefing", "briefings"),
        counted(items.len(), "event", "events")
    ));
    state.overlay = Some(Overlay::Picker(Picker::with_items(
        PickerKind::LibraryTimeline,
        items,
    )));
}

/// The merged timeline's rows: date and title, the briefing it is from.
pub fn timeline_items(library: &Library, only: Option<&[Member]>) -> Vec<PickerItem> {
    merged(library, only)
        .into_iter()
        .filter_map(|found| {
            let entry = library.entries.get(found.briefing)?;
            let event = entry.summary.as_ref()?.events.get(found.event)?;
            let when = event.date.readable().to_string();
            let from = entry.title();
            Some(PickerItem::new(
                format!("{when}  {}", event.title),
                from.clone(),
                format!("{when} {} {} {from}", event.date.expression, event.title),
                PickTarget::InBriefing {
                    briefing: found.briefing,
                    at: event.at,
                },
            ))
        })
        .collect()
}

/// `g/`: a prompt whose query is searched for in every text.
pub(super) fn open_search(state: &mut State) {
    let Some(view) = state.library.as_deref_mut() else {
        state.message = Some(NO_LIBRARY.to_string());
        return;
    };
    // A new prompt searches afresh, even for the same words.
    view.search.1.clear();
    state.overlay = Some(Overlay::Picker(Picker::with_items(
        PickerKind::LibrarySearch,
        Vec::new(),
    )));
}

/// Once typing settles: a changed query in the library search starts a
/// new search (ending the one before).
pub(super) fn settle(state: &mut State) -> Effects {
    let Some(Overlay::Picker(picker)) = &mut state.overlay else {
        return Effects::new();
    };
    if picker.kind != PickerKind::LibrarySearch {
        return Effects::new();
    }
    let Some(view) = state.library.as_deref_mut() else {
        return Effects::new();
    };
    if view.search.1 == picker.query {
        return Effects::new();
    }
    view.search = (view.search.0 + 1, picker.query.clone());
    picker.items.clear();
    picker.matches.clear();
    picker.cursor = 0;
    if picker.query.trim().is_empty() {
        return Effects::new();
    }
    let texts = view
        .library
        .entries
        .iter()
        .enumerate()
        .filter_map(|(at, entry)| {
            let path = entry.summary.as_ref()?.text_path.as_ref()?;
            Some((at, std::path::PathBuf::from(path)))
        })
        .collect();
    vec![Effect::SearchLibrary(SearchJob {
        query: picker.query.clone(),
        generation: view.search.0,
        texts,
    })]
}

/// Matches of the library search: listed by briefing, in the order found.
pub(super) fn found(state: &mut State, generation: u64, hits: Vec<crate::library::search::Hit>) {
    let Some(view) = state.library.as_deref() else {
        return;
    };
    if generation != view.search.0 {
        return;
    }
    let Some(Overlay::Picker(picker)) = &mut state.overlay else {
        return;
    };
    if picker.kind != PickerKind::LibrarySearch {
        return;
    }
    for hit in hits {
        let from = view
            .entry(hit.briefing)
            .map(crate::library::Entry::title)
            .unwrap_or_default();
        picker.items.push(PickerItem::new(
            hit.context.clone(),
            from,
            hit.context,
            PickTarget::InBriefing {
                briefing: hit.briefing,
                at: Some(hit.at),
            },
        ));
    }
    picker.refilter();
}

/// Goes to `at` in briefing `briefing`: here when it is the one being
/// read, else by opening it.
pub(super) fn open_at(state: &mut State, briefing: usize, at: Option<usize>) -> Effects {
    let here = state
        .library
        .as_deref()
        .is_some_and(|v| v.reading && v.current == Some(briefing));
    if here {
        record_jump(state);
        let at = crate::model::floor_char_boundary(&state.briefing.document.text, at.unwrap_or(0));
        state.focused_mention = None;
        reveal_at_top(state, at);
        state.cursor = at;
        return Effects::new();
    }
    browse::open_entry(state, briefing, at, None)
}
