//! What the controller tests share: the bundled briefing loaded once, a
//! reader state at a size, keys in the keymap's notation, and expected
//! values worked out from the briefing itself (rows, headings, notes,
//! matches, the entity list) rather than typed in. Included with `#[path]`
//! by each controller test file.

// Each file uses a different part of it.
#![allow(dead_code)]

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use brief::controller::{Action, Effect, Effects, Keymap, Overlay, State, press};
use brief::model::{BlockKind, Briefing, EntityId, MentionId};

// --- Helpers -------------------------------------------------------------------

pub fn briefing() -> Briefing {
    static BRIEFING: OnceLock<Briefing> = OnceLock::new();
    BRIEFING
        .get_or_init(|| {
            brief::loader::load_bundled()
                .briefing
                .expect("the bundled briefing loads")
        })
        .clone()
}

/// A briefing of a Markdown `text` (as `r.md`) and an annotation file of
/// `title` and the `[[entity]]` tables in `entities`, for tests that need a
/// text of their own.
pub fn text_briefing(title: &str, entities: &str, text: &str) -> Briefing {
    let toml =
        format!("format = 1\n[briefing]\ntext = \"r.md\"\ntitle = \"{title}\"\n\n{entities}");
    let files = brief::loader::InMemory {
        files: vec![("r.toml".into(), toml), ("r.md".into(), text.into())],
    };
    let loaded = brief::loader::load_annotated(std::path::Path::new("r.toml"), &files);
    let errors: Vec<String> = loaded.diagnostics.iter().map(|d| d.render()).collect();
    loaded
        .briefing
        .unwrap_or_else(|| panic!("the briefing of {title:?} loads: {errors:?}"))
}

/// An `[[entity]]` table of a person whose id and name are `name`.
pub fn person(name: &str) -> String {
    format!("[[entity]]\nid = \"{name}\"\nname = \"{name}\"\nkind = \"person\"\n\n")
}

/// A 120x40 reader on `briefing` with `review` open, as reviewer "ana";
/// `read_only` says why it may not be changed, if it may not.
pub fn reviewing_briefing(
    briefing: Briefing,
    review: brief::review::Review,
    read_only: Option<&str>,
) -> State {
    let setup = brief::controller::Setup {
        review: Some(brief::review::open::Setup {
            review,
            reviewer: "ana".to_string(),
            read_only: read_only.map(str::to_string),
            place: None,
        }),
        ..brief::controller::Setup::default()
    };
    State::with_setup(briefing, Keymap::default_keymap(), 120, 40, setup)
}

pub fn state_at(width: u16, height: u16) -> State {
    State::new(briefing(), Keymap::default_keymap(), width, height)
}

/// A reader with the mouse on (`--mouse`).
pub fn with_mouse(width: u16, height: u16) -> State {
    let setup = brief::controller::Setup {
        mouse: true,
        ..Default::default()
    };
    State::with_setup(briefing(), Keymap::default_keymap(), width, height, setup)
}

/// The standard 120x40 reader on the bundled briefing.
pub fn fresh() -> State {
    state_at(120, 40)
}

/// Types keys; returns the effects they asked for (quit, copy, ...).
pub fn keys(state: &mut State, notation: &str) -> Effects {
    press(state, notation).unwrap_or_else(|error| panic!("bad key notation {notation:?}: {error}"))
}

/// Whether typing these keys asks to quit.
pub fn quits(state: &mut State, notation: &str) -> bool {
    keys(state, notation).contains(&Effect::Quit)
}

pub fn entity(state: &State, id: &str) -> EntityId {
    state
        .briefing()
        .entity_by_id(id)
        .unwrap_or_else(|| panic!("no entity {id} in the bundled briefing"))
}

pub fn mentions_of(state: &State, id: &str) -> Vec<MentionId> {
    state.briefing().entity(entity(state, id)).mentions.clone()
}

pub fn start_of(state: &State, mention: MentionId) -> usize {
    state.briefing().mentions[mention.0].span.start
}

/// The number of the row showing an offset, counted from the top (the
/// layout names rows by position; small test articles can afford numbers).
pub fn row_of(state: &State, offset: usize) -> usize {
    let document = &state.briefing().document;
    let pos = state.layout().pos_of_offset(document, offset);
    state.layout().row_number(document, pos)
}

/// The number of the row at the top of the view.
pub fn top_row(state: &State) -> usize {
    state
        .layout()
        .row_number(&state.briefing().document, state.top())
}

/// The highest top row: the article's last row at the bottom.
pub fn max_top_row(state: &State) -> usize {
    state
        .layout()
        .row_number(&state.briefing().document, state.last_top())
}

/// Where `N%` puts the top of the view: the row showing the byte N% into
/// the text (as in less), or the last page.
pub fn percent_row(state: &State, percent: usize) -> usize {
    let offset = state.briefing().document.text.len() * percent / 100;
    row_of(state, offset).min(max_top_row(state))
}

pub fn total_rows(state: &State) -> usize {
    let document = &state.briefing().document;
    state
        .layout()
        .row_number(document, state.layout().last(document))
        + 1
}

pub fn is_visible(state: &State, offset: usize) -> bool {
    let row = row_of(state, offset);
    let top = top_row(state);
    (top..top + state.viewport_rows()).contains(&row)
}

pub fn line_of(state: &State, offset: usize) -> usize {
    state.briefing().document.lines.line_of(offset)
}

pub fn text(state: &State) -> &str {
    &state.briefing().document.text
}

/// Byte offsets where headings start, in text order.
pub fn heading_starts(state: &State) -> Vec<usize> {
    state
        .briefing()
        .document
        .blocks
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::Heading { .. }))
        .map(|block| block.source.start)
        .collect()
}

pub fn note_starts(state: &State) -> Vec<usize> {
    state
        .briefing()
        .notes
        .iter()
        .map(|note| note.passage.start)
        .collect()
}

/// The entity list row under the cursor.
pub fn list_entity(state: &State) -> Option<EntityId> {
    state
        .entity_list()
        .rows
        .get(state.entity_list().cursor)
        .copied()
}

/// The position of the focused mention among its entity's mentions: what
/// the status line shows as "3/11" (0-based here).
pub fn status_index(state: &State) -> Option<(usize, usize)> {
    let focused = state.focused_mention()?;
    let entity = state
        .briefing()
        .entity(state.briefing().mentions[focused.0].entity);
    let at = entity.mentions.iter().position(|m| *m == focused)?;
    Some((at, entity.mentions.len()))
}

/// Presses Tab enough times from a fresh state to focus mention `index`.
pub fn focus_mention_by_tab(state: &mut State, index: usize) {
    keys(state, &format!("{}<Tab>", index + 1));
    assert_eq!(state.focused_mention(), Some(MentionId(index)));
}

/// Non-overlapping occurrences of `needle`, ignoring ASCII case.
pub fn find_ignoring_case(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    find_exact(&haystack.to_ascii_lowercase(), &needle.to_ascii_lowercase())
}

pub fn find_exact(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        let start = from + at;
        found.push(start..start + needle.len());
        from = start + needle.len();
    }
    found
}

/// Every whole-word occurrence of any of the names, the longest at each
/// place, not overlapping.
pub fn whole_word_matches(haystack: &str, names: &[&str]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < haystack.len() {
        let before = haystack[..at].chars().next_back();
        let best = names
            .iter()
            .filter(|name| haystack[at..].starts_with(**name))
            .filter(|name| {
                let after = haystack[at + name.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .map(|name| name.len())
            .max();
        match best {
            Some(len) => {
                found.push(at..at + len);
                at += len;
            }
            None => at += haystack[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// The entity rows the sidebar should show for a filter: grouped by kind in
/// the briefing's kind order, by name within a kind, matching name, alias or
/// kind ignoring case.
pub fn expected_rows(briefing: &Briefing, filter: &str) -> Vec<EntityId> {
    let needle = filter.to_lowercase();
    let mut rows: Vec<EntityId> = (0..briefing.entities.len())
        .map(EntityId)
        .filter(|id| {
            let entity = briefing.entity(*id);
            needle.is_empty()
                || std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .chain(std::iter::once(&entity.kind))
                    .any(|text| text.to_lowercase().contains(&needle))
        })
        .collect();
    rows.sort_by_key(|id| {
        let entity = briefing.entity(*id);
        let rank = briefing
            .kinds
            .iter()
            .position(|kind| kind.name == entity.kind)
            .unwrap_or(usize::MAX);
        (rank, entity.name.to_lowercase())
    });
    rows
}

/// The entities at the other end of an entity's relations, outgoing first.
pub fn related(briefing: &Briefing, id: EntityId) -> Vec<EntityId> {
    briefing
        .relations_from(id)
        .map(|r| r.to)
        .chain(briefing.relations_to(id).map(|r| r.from))
        .collect()
}

/// The first line at or after `line` with any text on it.
pub fn first_text_line_from(state: &State, line: usize) -> usize {
    let lines = &state.briefing().document.lines;
    (line..=lines.line_count())
        .find(|n| {
            lines
                .line_range(text(state), *n)
                .is_some_and(|range| !text(state)[range].trim().is_empty())
        })
        .unwrap_or(line)
}

pub fn picker(state: &State) -> &brief::controller::picker::Picker {
    match &state.overlay() {
        Some(Overlay::Picker(picker)) => picker,
        other => panic!("expected a picker, found {other:?}"),
    }
}

/// Runs `work` on another thread and fails if it takes longer than `limit`.
pub fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(work());
    });
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

/// Every named action in `src/controller/action.rs`.
pub const NAMED_ACTIONS: [Action; 46] = [
    Action::ScrollDown,
    Action::ScrollUp,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::PageDown,
    Action::PageUp,
    Action::GoTop,
    Action::GoBottom,
    Action::GoPercent,
    Action::CenterView,
    Action::ViewToTop,
    Action::NextMention,
    Action::PreviousMention,
    Action::NextEntityMention,
    Action::PreviousEntityMention,
    Action::FollowMention,
    Action::NextSection,
    Action::PreviousSection,
    Action::NextNote,
    Action::PreviousNote,
    Action::SelectNext,
    Action::SelectPrevious,
    Action::SelectFirst,
    Action::SelectLast,
    Action::Activate,
    Action::ShowRelations,
    Action::FilterEntities,
    Action::EntityPicker,
    Action::TimelinePicker,
    Action::OutlinePicker,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrevious,
    Action::SearchEntity,
    Action::JumpBack,
    Action::JumpForward,
    Action::SetMark,
    Action::GoToMark,
    Action::NextPane,
    Action::FocusArticle,
    Action::FocusEntities,
    Action::FocusTimeline,
    Action::ToggleZoom,
    Action::Help,
    Action::Back,
    Action::Quit,
];

/// Every key sequence the default keymap binds, plus typing keys.
pub fn every_key() -> Vec<String> {
    let keymap = Keymap::default_keymap();
    let mut all: Vec<String> = keymap
        .bindings()
        .iter()
        .flat_map(|binding| {
            binding
                .sequences
                .iter()
                .map(|keys| brief::controller::keys::format_sequence(keys))
        })
        .collect();
    all.extend(
        [
            "x", "0", "5", "<BS>", "<Del>", "<Left>", "<Right>", "<F5>", "ma", "'a", "'z",
        ]
        .map(String::from),
    );
    all
}
