//! A search of a large text from the keyboard's side: what a keystroke
//! shows before the counting thread is done ("searching…", a growing
//! count), Enter before any match is found, and that a search that is
//! gone stops its count. The counting thread's reports are fed by hand,
//! one at a time, as the terminal would hand them over.

use std::path::{Path, PathBuf};

use brief::controller::found::{Counted, count};
use brief::controller::{
    Effect, Effects, Input, Keymap, NEAR_VIEW, State, find_literal, parse_sequence, update,
};
use brief::loader::{self, InMemory};
use brief::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A plain text of `lines` filler lines with "needle" on the lines
/// `needles` names.
fn text(lines: usize, needles: &[usize]) -> String {
    let mut text = String::new();
    for line in 0..lines {
        let word = if needles.contains(&line) {
            "needle"
        } else {
            "filler"
        };
        text.push_str(&format!(
            "line {line:06} of the report, with a {word} and more words to wrap.\n"
        ));
    }
    text
}

fn reader(text: String) -> State {
    let path = PathBuf::from("big.txt");
    let files = InMemory {
        files: vec![(path.clone(), text)],
    };
    let loaded = loader::load(Path::new("big.txt"), &files);
    let briefing = loaded.briefing.expect("a text loads");
    State::new(briefing, Keymap::default_keymap(), 120, 40)
}

fn screen(state: &State) -> String {
    let theme = Theme::built_in("dark", false).expect("built in");
    let area = Rect::new(0, 0, state.screen().width, state.screen().height);
    let mut buffer = Buffer::empty(area);
    brief::ui::render(&mut buffer, area, state, &theme);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Types `notation` as one burst and returns the effects.
fn type_keys(state: &mut State, notation: &str) -> Effects {
    let mut effects = Effects::new();
    for key in parse_sequence(notation).expect("valid keys") {
        effects.extend(update(state, Input::Key(key)));
    }
    effects.extend(update(state, Input::Settle));
    effects
}

/// The reports the counting thread would send for the last count asked.
fn reports(effects: &Effects) -> Vec<Counted> {
    let job = effects
        .iter()
        .rev()
        .find_map(|effect| match effect {
            Effect::Count(job) => Some(job.clone()),
            _ => None,
        })
        .expect("a count is asked for");
    let mut reports = Vec::new();
    count(
        &job,
        || false,
        |report| {
            reports.push(report);
            true
        },
    );
    reports
}

#[test]
fn the_count_grows_on_the_status_line_and_the_far_match_arrives_with_it() {
    // ~75 bytes a line: the needles are megabytes from the top.
    let lines = 60_000;
    let needles = [40_000, 50_000, 55_000];
    let mut state = reader(text(lines, &needles));
    let length = state.briefing().document.text.len();
    assert!(length > 8 * NEAR_VIEW);
    let effects = type_keys(&mut state, "/needle");
    assert!(screen(&state).contains("searching\u{2026}"));
    assert_eq!(state.search().current, None);
    assert_eq!(state.top_offset(), 0, "the view waits where it was");
    let reports = reports(&effects);
    assert!(reports.len() > 2, "the count comes in stretches");
    let mut shown_growing = false;
    for report in reports {
        update(&mut state, Input::Counted(report));
        if state.search().counting && state.search().counted > 0 {
            let shown = format!("{}+ matches\u{2026}", state.search().counted);
            shown_growing |= screen(&state).contains(&shown);
        }
    }
    assert!(shown_growing, "the count was shown as it grew");
    let text = state.briefing().document.text.clone();
    let all = find_literal(&text, "needle");
    assert_eq!(all.len(), needles.len());
    assert_eq!(state.search().current.as_ref(), all.first());
    assert!(screen(&state).contains("1/3"), "{}", screen(&state));
    assert_eq!(state.cursor(), all[0].start, "the view went to the match");
}

#[test]
fn enter_before_any_match_is_found_jumps_to_the_first_one_the_count_finds() {
    let mut state = reader(text(60_000, &[50_000]));
    let effects = type_keys(&mut state, "/needle<Enter>");
    assert!(!state.search().editing);
    assert_eq!(state.search().current, None);
    for report in reports(&effects) {
        update(&mut state, Input::Counted(report));
    }
    let text = state.briefing().document.text.clone();
    let needle = find_literal(&text, "needle")[0].clone();
    assert_eq!(state.cursor(), needle.start);
    // The jump was recorded from where the search started.
    type_keys(&mut state, "''");
    assert_eq!(state.cursor(), 0);
}

#[test]
fn a_reader_who_moved_on_after_enter_is_not_jumped_back_when_the_count_finds_one() {
    let mut state = reader(text(60_000, &[50_000]));
    let effects = type_keys(&mut state, "/needle<Enter>");
    type_keys(&mut state, "<C-d>");
    let moved_to = state.cursor();
    assert_ne!(moved_to, 0);
    for report in reports(&effects) {
        update(&mut state, Input::Counted(report));
    }
    assert_eq!(
        state.cursor(),
        moved_to,
        "the view stays where the reader went"
    );
    let text = state.briefing().document.text.clone();
    let needle = find_literal(&text, "needle")[0].clone();
    assert_eq!(state.search().current, Some(needle.clone()));
    type_keys(&mut state, "n");
    assert_eq!(state.cursor(), needle.start, "n goes there");
}

#[test]
fn a_pattern_that_is_nowhere_says_so_once_counted() {
    let mut state = reader(text(60_000, &[]));
    let effects = type_keys(&mut state, "/needle<Enter>");
    for report in reports(&effects) {
        update(&mut state, Input::Counted(report));
    }
    assert_eq!(state.message(), Some("not found: needle"));
}

#[test]
fn a_search_that_is_gone_stops_its_count_and_ignores_its_reports() {
    let mut state = reader(text(60_000, &[50_000]));
    let effects = type_keys(&mut state, "/needle");
    let late = reports(&effects);
    let stop = type_keys(&mut state, "<Esc>");
    assert!(stop.contains(&Effect::StopCounting), "{stop:?}");
    for report in late {
        update(&mut state, Input::Counted(report));
    }
    assert_eq!(state.search().counted, 0);
    assert_eq!(state.cursor(), 0);
    // A new pattern starts a new count: the old one's reports are ignored.
    let first = type_keys(&mut state, "/need");
    let old = reports(&first);
    let second = type_keys(&mut state, "le");
    assert!(second.iter().any(|e| matches!(e, Effect::Count(_))));
    for report in old {
        update(&mut state, Input::Counted(report));
    }
    assert_eq!(state.search().counted, 0, "reports for `need` were dropped");
}
