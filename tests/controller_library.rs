//! The library without a terminal: `brief DIR`'s list (filter, sort,
//! open, back where it was), the picker over every entity of every
//! briefing merged by identity, the merged timeline, the search across
//! the texts, and following an entity from briefing to briefing with
//! `]b` and back with `Ctrl-o`, in place.

#[path = "../benches/support/library.rs"]
mod library_support;

use brief::controller::picker::PickTarget;
use brief::controller::{Keymap, Overlay, Setup, State, library_state};
use brief::library::worker::index_now;
use brief::library::{Overrides, Summary};
use brief::terminal::library::press_now;

use library_support::{SHARED, THREE_TITLES, write_three};

fn three(overrides: Overrides) -> (tempfile_dir::Dir, State) {
    let dir = tempfile_dir::Dir::new("controller");
    write_three(dir.path()).expect("write the three briefings");
    let library = index_now(dir.path(), overrides);
    let state = library_state(library, Keymap::default_keymap(), 120, 40, Setup::default());
    (dir, state)
}

fn keys(state: &mut State, notation: &str) {
    press_now(state, notation).expect("keys parse");
}

/// Titles of the listed rows, in order.
fn listed(state: &State) -> Vec<String> {
    let view = state.library().expect("a library");
    view.rows
        .iter()
        .map(|&at| view.entry(at).expect("an entry").title())
        .collect()
}

fn title(state: &State) -> String {
    state.briefing().meta.title.clone().unwrap_or_default()
}

fn picker_labels(state: &State) -> Vec<(String, String)> {
    match state.overlay() {
        Some(Overlay::Picker(picker)) => picker
            .matches
            .iter()
            .map(|&i| {
                (
                    picker.items[i].label.clone(),
                    picker.items[i].detail.clone(),
                )
            })
            .collect(),
        other => panic!("no picker: {other:?}"),
    }
}

mod tempfile_dir {
    //! A fresh folder under the target directory, removed afterwards.
    pub struct Dir(std::path::PathBuf);

    impl Dir {
        pub fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "brief-library-{name}-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).expect("make a folder");
            Dir(path)
        }

        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn the_list_is_sorted_filtered_and_every_row_indexed() {
    let (_dir, mut state) = three(Overrides::default());
    assert!(state.library_showing());
    assert_eq!(
        listed(&state),
        [
            "Sanctions list",
            "A visit to Vienna",
            "Port talks in Odessa"
        ],
        "newest first"
    );
    let view = state.library().unwrap();
    let summaries: Vec<&Summary> = view
        .library
        .entries
        .iter()
        .map(|e| e.summary.as_ref().expect("indexed"))
        .collect();
    assert_eq!(summaries[0].entities.len(), 2);
    assert_eq!(summaries[0].events.len(), 1);
    assert_eq!(summaries[0].notes, 1);
    assert_eq!(summaries[0].problems(), 0);
    keys(&mut state, "s");
    assert_eq!(listed(&state), THREE_TITLES, "oldest first");
    assert_eq!(state.message(), Some("sorted oldest first"));
    keys(&mut state, "s");
    assert_eq!(
        listed(&state),
        [
            "A visit to Vienna",
            "Port talks in Odessa",
            "Sanctions list"
        ],
        "by title"
    );
    // The fuzzy filter narrows as it is typed; Enter keeps it, Esc clears.
    keys(&mut state, "/cable");
    assert!(state.library().unwrap().filtering);
    assert_eq!(listed(&state), ["A visit to Vienna"], "by source");
    keys(&mut state, "<Enter>");
    assert!(!state.library().unwrap().filtering);
    assert_eq!(listed(&state), ["A visit to Vienna"]);
    keys(&mut state, "<Esc>");
    assert_eq!(listed(&state).len(), 3);
}

#[test]
fn enter_opens_a_briefing_and_q_comes_back_to_the_same_row() {
    let (_dir, mut state) = three(Overrides::default());
    keys(&mut state, "j<Enter>");
    assert!(!state.library_showing());
    assert_eq!(title(&state), "A visit to Vienna");
    keys(&mut state, "jj");
    keys(&mut state, "q");
    assert!(state.library_showing());
    assert_eq!(state.library().unwrap().cursor, 1, "the row it was on");
    // Backspace (jump back, with nowhere earlier to go) returns too.
    keys(&mut state, "<Enter><BS>");
    assert!(state.library_showing());
    assert_eq!(state.library().unwrap().cursor, 1);
}

#[test]
fn the_cross_picker_merges_by_identity_and_says_why() {
    let (_dir, mut state) = three(Overrides::default());
    keys(&mut state, "E");
    let rows = picker_labels(&state);
    let (label, detail) = &rows[0];
    assert_eq!(label, SHARED, "the most shared entity first");
    assert!(detail.contains("3 briefings"), "{detail}");
    assert!(detail.contains("same name"), "{detail}");
    assert_eq!(rows.len(), 3, "Ivan Petrov, Odessa, Vienna: {rows:?}");
    // Typing narrows; Enter opens the first briefing at the first mention.
    keys(&mut state, "petr<Enter>");
    assert_eq!(title(&state), "Port talks in Odessa");
    let entity = state.selected_entity().expect("an entity selected");
    assert_eq!(state.briefing().entity(entity).name, SHARED);
    assert_eq!(
        state
            .focused_mention()
            .map(|m| state.briefing().mentions[m.0].span.start),
        state.briefing().document.text.find(SHARED)
    );
}

#[test]
fn configured_pairs_split_what_names_would_merge() {
    let overrides = Overrides {
        same_as: Vec::new(),
        not_same_as: vec![("petrov-i".into(), "ivan-petrov".into())],
    };
    let (_dir, mut state) = three(overrides);
    keys(&mut state, "E");
    let rows = picker_labels(&state);
    let shared = rows.iter().find(|(l, _)| l == SHARED).expect("Ivan Petrov");
    assert!(shared.1.contains("2 briefings"), "{rows:?}");
    assert!(
        rows.iter()
            .any(|(l, d)| l == "Iván Petróv" && d.contains("1 briefing"))
    );
}

#[test]
fn follow_an_entity_to_the_third_briefing_and_come_back_in_place() {
    let (_dir, mut state) = three(Overrides::default());
    keys(&mut state, "sgg<Enter>");
    assert_eq!(title(&state), THREE_TITLES[0]);
    // Focus the first mention (Ivan Petrov), and move the view a little.
    keys(&mut state, "<Tab>");
    let first_place = (state.top(), state.cursor(), state.focused_mention());
    keys(&mut state, "]b");
    assert_eq!(title(&state), THREE_TITLES[1]);
    let second = state.focused_mention().expect("at its first mention");
    let text = &state.briefing().document.text;
    let span = &state.briefing().mentions[second.0].span;
    assert_eq!(&text[span.clone()], "IVAN PETROV");
    let second_place = (state.top(), state.cursor(), state.focused_mention());
    keys(&mut state, "]b");
    assert_eq!(title(&state), THREE_TITLES[2]);
    let third = state.focused_mention().expect("at its first mention");
    let span = &state.briefing().mentions[third.0].span;
    assert_eq!(&state.briefing().document.text[span.clone()], "Iván Petróv");
    // Back, one briefing at a time, each where it was.
    keys(&mut state, "<C-o>");
    assert_eq!(title(&state), THREE_TITLES[1]);
    assert_eq!(
        (state.top(), state.cursor(), state.focused_mention()),
        second_place
    );
    keys(&mut state, "<C-o>");
    assert_eq!(title(&state), THREE_TITLES[0]);
    assert_eq!(
        (state.top(), state.cursor(), state.focused_mention()),
        first_place
    );
    keys(&mut state, "<C-o>");
    assert!(state.library_showing(), "and then the list");
}

#[test]
fn the_card_says_where_else_the_entity_is() {
    let (_dir, mut state) = three(Overrides::default());
    keys(&mut state, "sgg<Enter><Tab><Enter>");
    let card = brief::controller::cards::entity_card(&state).expect("a card");
    let text: Vec<&str> = card.lines.iter().map(|l| l.text.as_str()).collect();
    let at = text
        .iter()
        .position(|l| l.starts_with("also in 2 briefings"))
        .unwrap_or_else(|| panic!("{text:#?}"));
    assert!(
        text[at + 1].contains("A visit to Vienna (same name"),
        "{text:#?}"
    );
    assert!(text[at + 2].contains("IVAN PETROV spoke"), "{text:#?}");
    assert!(
        text[at + 3].contains("Sanctions list (same name"),
        "{text:#?}"
    );
    // A count picks from the card's list: 2]b is the second one.
    keys(&mut state, "2]b");
    assert_eq!(title(&state), THREE_TITLES[2]);
}

#[test]
fn the_merged_timeline_orders_every_briefing_s_events() {
    let (_dir, mut state) = three(Overrides::default());
    keys(&mut state, "T");
    let rows = picker_labels(&state);
    let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Dec 2023  Vienna hosts the first round",
            "8 Jan 2024  Petrov meets the harbour board",
            "1 Feb 2024  Petrov speaks to reporters",
            "Mar 2024  Petrov is listed",
        ]
    );
    assert_eq!(rows[1].1, "Port talks in Odessa", "each names its briefing");
    // Enter opens the briefing at the event's passage.
    keys(&mut state, "<Down><Down><Enter>");
    assert_eq!(title(&state), "A visit to Vienna");
    let text = &state.briefing().document.text;
    assert_eq!(state.cursor(), text.find("spoke to reporters").unwrap());
    // In a briefing with the entity selected: its events only.
    keys(&mut state, "<S-Tab>T");
    let rows = picker_labels(&state);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|(l, _)| l.contains("Petrov")));
}

#[test]
fn the_library_search_lists_matches_by_briefing_and_opens_at_one() {
    let (_dir, mut state) = three(Overrides::default());
    keys(&mut state, "g/vienna");
    let rows = picker_labels(&state);
    assert_eq!(rows.len(), 4, "{rows:?}");
    let from: Vec<&str> = rows.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(
        from,
        [
            "Port talks in Odessa",
            "A visit to Vienna",
            "A visit to Vienna",
            "Sanctions list"
        ]
    );
    assert!(rows[0].0.contains("flew to Vienna"), "{rows:?}");
    let Some(Overlay::Picker(picker)) = state.overlay() else {
        unreachable!()
    };
    let PickTarget::InBriefing { at: Some(at), .. } = picker.items[picker.matches[3]].target else {
        panic!("a place in a briefing");
    };
    keys(&mut state, "<Up><Up><Up><Up><Down><Down><Down><Enter>");
    assert_eq!(title(&state), "Sanctions list");
    assert_eq!(state.cursor(), at);
    assert_eq!(&state.briefing().document.text[at..at + 6], "Vienna");
    // A new query replaces the matches.
    keys(&mut state, "g/odessa");
    assert_eq!(picker_labels(&state).len(), 2);
}

#[test]
fn r_reads_a_briefing_of_the_library_again_in_place_keeping_the_way_back() {
    let (dir, mut state) = three(Overrides::default());
    keys(&mut state, "sgg<Enter><Tab>]b");
    assert_eq!(title(&state), THREE_TITLES[1]);
    let top = state.top_offset();
    let changed = dir.path().join("east/second.toml");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(
        &changed,
        text.replace("A visit to Vienna", "A visit to Vienna, revised"),
    )
    .unwrap();
    keys(&mut state, "R");
    assert_eq!(title(&state), "A visit to Vienna, revised");
    assert_eq!(state.message(), Some("reloaded"));
    assert_eq!(state.top_offset(), top);
    keys(&mut state, "<C-o>");
    assert_eq!(title(&state), THREE_TITLES[0], "the way back is kept");
}
