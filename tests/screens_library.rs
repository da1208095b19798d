//! The library's screens as insta snapshots at 120x40: the list of
//! briefings, the list narrowed by the filter, the picker over every
//! entity of every briefing, a briefing's entity card saying where else
//! the entity is, the merged timeline and the search across the library.
//! The library is the three briefings that share Ivan Petrov, written to
//! a fixed folder so the header's path is the same on every run.

#[path = "support/screen.rs"]
mod screen;

#[path = "../benches/support/library.rs"]
mod library_support;

use std::path::Path;

use brief::controller::{Keymap, Setup, State, library_state};
use brief::library::worker::index_now;
use brief::terminal::library::press_now;
use screen::{dark, draw, screen_text};

const FOLDER: &str = "target/screens-library";

/// Each test its own folder: tests run in parallel, and one rewriting the
/// files while another indexes them would be a race.
fn library_after(name: &str, keys: &str) -> State {
    let folder = Path::new(FOLDER).join(name);
    let folder = folder.as_path();
    library_support::write_three(folder).expect("write the three briefings");
    let library = index_now(folder, Default::default());
    let mut state = library_state(library, Keymap::default_keymap(), 120, 40, Setup::default());
    press_now(&mut state, keys).expect("keys parse");
    state
}

fn snapshot(name: &str, keys: &str, check: impl Fn(&State, &str)) {
    let state = library_after(name, keys);
    let terminal = draw(&state, &dark());
    let text = screen_text(terminal.backend().buffer());
    check(&state, &text);
    insta::with_settings!({
        description => format!("library keys {keys:?} at 120x40, dark theme"),
        omit_expression => true,
        snapshot_path => "snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(format!("screens_library__{name}_120x40"), terminal.backend());
    });
}

#[test]
fn the_list() {
    snapshot("list", "", |_, text| {
        assert!(text.contains("3 briefings"), "{text}");
        assert!(text.contains("Port talks in Odessa"), "{text}");
        assert!(text.contains("RESTRICTED"), "{text}");
    });
}

#[test]
fn the_list_filtered() {
    snapshot("filtered", "/wire", |state, text| {
        assert_eq!(state.library().unwrap().rows.len(), 1);
        assert!(text.contains("/wire"), "{text}");
    });
}

#[test]
fn the_cross_picker() {
    snapshot("entities", "E", |_, text| {
        assert!(text.contains("Entities across the library"), "{text}");
        assert!(text.contains("3 briefings"), "{text}");
    });
}

#[test]
fn the_card_with_its_other_briefings() {
    snapshot("card", "sgg<Enter><Tab><Enter>", |_, text| {
        assert!(text.contains("also in 2 briefings"), "{text}");
    });
}

#[test]
fn the_merged_timeline() {
    snapshot("timeline", "T", |_, text| {
        assert!(text.contains("The library's timeline"), "{text}");
        assert!(text.contains("Petrov is listed"), "{text}");
    });
}

#[test]
fn the_library_search() {
    snapshot("search", "g/vienna", |_, text| {
        assert!(text.contains("Search the library"), "{text}");
        assert!(text.contains("flew to Vienna"), "{text}");
    });
}
