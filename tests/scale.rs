//! Regression guard for issue 4 (scale) that times nothing: it counts the
//! wrapping the article layout does and checks that a frame, and every kind
//! of keystroke, costs what is on screen, not what is in the document. The
//! same keys on a document four times as long must do the same work.
//! Search too: a typed key of a search pattern, and `n`/`N`, search a
//! bounded stretch near the view; the whole text is counted only by the
//! counting thread (here run on the test's thread afterwards).

use std::path::{Path, PathBuf};

use brief::controller::{
    Effect, Effects, Input, NEAR_VIEW, STEP_BYTES, State, count_at_once, find_literal,
    parse_sequence, update,
};
use brief::layout::{LayoutWork, SEGMENT_BYTES};
use brief::loader::{self, InMemory};
use brief::model::Briefing;
use brief::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// A Markdown article of `sections` sections of ten paragraphs, each
/// paragraph wrapping to a few rows at 200 columns.
fn article(sections: usize) -> String {
    let words = [
        "the",
        "convoy",
        "reached",
        "checkpoint",
        "before",
        "dawn",
        "and",
        "officials",
        "said",
        "nothing",
        "about",
        "casualties",
        "while",
        "analysts",
        "doubted",
        "reports",
    ];
    let mut text = String::new();
    let mut seed = 7usize;
    for section in 0..sections {
        text.push_str(&format!("## Section {section}\n\n"));
        for paragraph in 0..10 {
            for word in 0..60 + paragraph * 7 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let pick = words
                    .get((seed >> 33) % words.len())
                    .copied()
                    .unwrap_or("x");
                if word > 0 {
                    text.push(' ');
                }
                text.push_str(pick);
                if section % 50 == 7 && word == 3 {
                    text.push_str(" needle");
                }
            }
            text.push_str(".\n\n");
        }
    }
    text
}

fn load(name: &str, text: String) -> Briefing {
    let path = PathBuf::from(name);
    let files = InMemory {
        files: vec![(path.clone(), text)],
    };
    let loaded = loader::load(Path::new(name), &files);
    assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
    loaded.briefing.expect("a text loads")
}

fn draw(state: &State) -> Buffer {
    let theme = Theme::built_in("dark", false).expect("built in");
    let area = Rect::new(0, 0, state.screen().width, state.screen().height);
    let mut buffer = Buffer::empty(area);
    brief::ui::render(&mut buffer, area, state, &theme);
    buffer
}

fn press(state: &mut State, notation: &str) {
    for key in parse_sequence(notation).expect("valid keys") {
        update(state, Input::Key(key));
    }
}

/// The wrapping one input and the frame after it did.
fn work_of(state: &mut State, input: impl FnOnce(&mut State)) -> LayoutWork {
    let before = state.layout().work();
    let width = state.layout().width;
    input(state);
    draw(state);
    let after = state.layout().work();
    if state.layout().width != width {
        // A new width starts a new layout, counting from zero.
        return after;
    }
    LayoutWork {
        blocks: after.blocks - before.blocks,
        segments: after.segments - before.segments,
        bytes: after.bytes - before.bytes,
    }
}

/// What may be wrapped to show one screen: every block that has a row on
/// it, twice over (the view near the end also looks at the last screen),
/// and a block is never more than a segment here.
fn one_screen(state: &State) -> usize {
    2 * (state.viewport_rows() + 1)
}

fn assert_screenful(state: &State, work: LayoutWork, what: &str) {
    let bound = one_screen(state);
    assert!(
        work.blocks <= bound && work.segments <= bound,
        "{what}: wrapped {work:?}, more than a screen ({bound} blocks)"
    );
}

const KEYS: &[&str] = &[
    "j",
    "<Space>",
    "<C-d>",
    "G",
    "<C-o>",
    "gg",
    "50%",
    "]]",
    "[[",
    "/needle<Enter>",
    "n",
    "N",
    "zz",
    "<C-w>w",
    "<C-w>w",
    "<C-w>w",
];

#[test]
fn the_first_frame_wraps_one_screen_whatever_the_document_size() {
    let mut seen = Vec::new();
    for sections in [200, 800] {
        let briefing = load("article.md", article(sections));
        assert!(briefing.document.blocks.len() > 10 * sections);
        let mut state = State::new(
            briefing,
            brief::controller::Keymap::default_keymap(),
            WIDTH,
            HEIGHT,
        );
        let work = work_of(&mut state, |_| {});
        assert_screenful(&state, work, "first frame");
        seen.push(work);
    }
    assert_eq!(
        seen.first(),
        seen.last(),
        "four times the text, the same work"
    );
}

#[test]
fn every_keystroke_wraps_at_most_a_screen() {
    for sections in [200, 800] {
        let briefing = load("article.md", article(sections));
        let mut state = State::new(
            briefing,
            brief::controller::Keymap::default_keymap(),
            WIDTH,
            HEIGHT,
        );
        draw(&state);
        for notation in KEYS {
            let work = work_of(&mut state, |state| press(state, notation));
            assert_screenful(&state, work, &format!("{notation} ({sections} sections)"));
        }
        for (width, height) in [(199, 59), (120, 40), (200, 60)] {
            let work = work_of(&mut state, |state| {
                update(state, Input::Resize(width, height));
            });
            assert_screenful(&state, work, &format!("resize to {width}x{height}"));
        }
    }
}

#[test]
fn bottom_and_percent_land_where_they_should_without_wrapping_what_is_between() {
    let briefing = load("article.md", article(400));
    let length = briefing.document.text.len();
    let mut state = State::new(
        briefing,
        brief::controller::Keymap::default_keymap(),
        WIDTH,
        HEIGHT,
    );
    press(&mut state, "G");
    assert!(state.at_end());
    assert_eq!(state.visible_text().end, length, "G shows the last byte");
    press(&mut state, "50%");
    let top = state.top_offset();
    assert!(
        (length * 49 / 100..=length / 2).contains(&top),
        "50% is half-way by bytes: {top} of {length}"
    );
    let total_blocks = state.briefing().document.blocks.len();
    assert!(
        state.layout().work().blocks < total_blocks / 20,
        "{:?} of {total_blocks} blocks",
        state.layout().work()
    );
}

#[test]
fn a_single_huge_line_is_wrapped_a_segment_at_a_time_and_its_end_is_reachable() {
    let text = "x".repeat(40 * SEGMENT_BYTES);
    let length = text.len();
    let briefing = load("line.txt", text);
    let mut state = State::new(
        briefing,
        brief::controller::Keymap::default_keymap(),
        WIDTH,
        HEIGHT,
    );
    let first = work_of(&mut state, |_| {});
    assert!(first.bytes <= 2 * SEGMENT_BYTES, "first frame: {first:?}");
    let bottom = work_of(&mut state, |state| press(state, "G"));
    assert!(bottom.bytes <= 2 * SEGMENT_BYTES, "G: {bottom:?}");
    assert_eq!(state.visible_text().end, length, "the end is on screen");
    let drawn = draw(&state);
    let text_area = brief::layout::article_text(state.panes().article.expect("article shown"));
    let bottom_y = text_area.y + text_area.height - 1;
    let last_row: String = (text_area.x..text_area.x + text_area.width)
        .map(|x| drawn[(x, bottom_y)].symbol().to_string())
        .collect();
    assert!(
        last_row.contains("xxxx"),
        "text drawn at the bottom: {last_row:?}"
    );
    for notation in ["<C-o>", "k", "<C-u>", "50%", "<Space>"] {
        let work = work_of(&mut state, |state| press(state, notation));
        assert!(work.bytes <= 2 * SEGMENT_BYTES, "{notation}: {work:?}");
    }
    let resized = work_of(&mut state, |state| {
        update(state, Input::Resize(150, 50));
    });
    assert!(resized.bytes <= 2 * SEGMENT_BYTES, "resize: {resized:?}");
}

/// One key as the terminal feeds it when it is the only one waiting: the
/// key, then `Input::Settle`. Returns what it asked of the outside world.
fn type_key(state: &mut State, notation: &str) -> Effects {
    let mut effects = Effects::new();
    for key in parse_sequence(notation).expect("valid keys") {
        effects.extend(update(state, Input::Key(key)));
    }
    effects.extend(update(state, Input::Settle));
    effects
}

/// The text bytes one input searched in the foreground, and the
/// wrapping it and its frame did, with the effects it asked for.
fn search_work_of(state: &mut State, notation: &str) -> (usize, LayoutWork, Effects) {
    let before = state.search_work();
    let mut effects = Effects::new();
    let layout = work_of(state, |state| effects = type_key(state, notation));
    (state.search_work() - before, layout, effects)
}

#[test]
fn every_typed_search_key_searches_near_the_view_not_the_whole_text() {
    let mut seen = Vec::new();
    for sections in [200, 800] {
        let briefing = load("article.md", article(sections));
        let length = briefing.document.text.len();
        assert!(length > 4 * NEAR_VIEW, "{length} bytes is a large text");
        let mut state = State::new(
            briefing,
            brief::controller::Keymap::default_keymap(),
            WIDTH,
            HEIGHT,
        );
        draw(&state);
        // The same place in both texts (their starts are the same).
        press(&mut state, "200j");
        let mut per_key = Vec::new();
        let mut counts = Vec::new();
        // A pattern that is found near the view, one that is not (the
        // needle is 50 sections apart, further than a key searches), and
        // one that occurs nowhere.
        for notation in [
            "/", "n", "e", "e", "d", "l", "e", "<BS>", "<BS>", "x", "q", "<BS>", "<BS>", "<BS>",
            "<BS>", "<BS>", "<BS>", "t", "h", "e",
        ] {
            let (bytes, layout, effects) = search_work_of(&mut state, notation);
            assert!(
                bytes <= NEAR_VIEW + 64 * 1024,
                "{notation:?} searched {bytes} bytes of {length} ({sections} sections)"
            );
            assert_screenful(&state, layout, &format!("typing {notation:?}"));
            counts.extend(
                effects
                    .iter()
                    .filter(|e| matches!(e, Effect::Count(_)))
                    .cloned(),
            );
            per_key.push(bytes);
        }
        assert_eq!(state.search().query, "the");
        assert!(state.search().counting, "the count is left to its thread");
        assert!(!counts.is_empty(), "each new pattern asks for its count");
        type_key(&mut state, "<Enter>");
        // `n` and `N` search at most a stretch where the count has not
        // been yet (twice, when they wrap round the end).
        let step_bound = 2 * (STEP_BYTES + 64 * 1024);
        let steps = ["n", "N", "G", "n", "N", "gg", "N"];
        for notation in steps {
            let (bytes, layout, _) = search_work_of(&mut state, notation);
            assert!(bytes <= step_bound, "{notation}: searched {bytes} bytes");
            assert_screenful(&state, layout, notation);
        }
        // The count, as the terminal's thread would run it, finds every
        // match in the text.
        count_at_once(&mut state, counts.split_off(counts.len() - 1));
        assert!(!state.search().counting);
        assert_eq!(
            state.search().counted,
            find_literal(&state.briefing().document.text, "the").len()
        );
        for notation in steps {
            let (bytes, layout, _) = search_work_of(&mut state, notation);
            assert!(bytes <= step_bound, "{notation}: searched {bytes} bytes");
            assert_screenful(&state, layout, notation);
        }
        seen.push(per_key);
    }
    assert_eq!(
        seen.first(),
        seen.last(),
        "four times the text, the same search work per key"
    );
}

#[test]
fn a_pattern_found_only_far_from_the_view_is_shown_when_the_count_reaches_it() {
    let briefing = load("article.md", article(400));
    let mut state = State::new(
        briefing,
        brief::controller::Keymap::default_keymap(),
        WIDTH,
        HEIGHT,
    );
    draw(&state);
    let mut effects = Effects::new();
    for notation in ["/", "n", "e", "e", "d", "l", "e"] {
        effects.extend(search_work_of(&mut state, notation).2);
    }
    // The first needle is section 7's, past the stretch a key searches
    // only when the view starts after it: from the top it is near.
    let first = state.search().current.clone().expect("found near the top");
    assert_eq!(&state.briefing().document.text[first.clone()], "needle");
    type_key(&mut state, "<Esc>");
    type_key(&mut state, "<Esc>");
    // A place more than a key's search before the next needle.
    let text = state.briefing().document.text.clone();
    let needles = find_literal(&text, "needle");
    let far = (1..100).find_map(|percent| {
        press(&mut state, &format!("{percent}%"));
        let start = state.cursor();
        let next = needles.iter().find(|m| m.start >= start)?;
        (next.start - start > NEAR_VIEW + 64 * 1024).then(|| (start, next.clone()))
    });
    let (start, expected) = far.expect("a place far before a needle");
    for notation in ["/", "n", "e", "e", "d", "l", "e"] {
        effects.extend(search_work_of(&mut state, notation).2);
    }
    assert_eq!(state.search().current, None, "too far to search on a key");
    assert_eq!(
        state.cursor(),
        start,
        "the view stays while the count goes on"
    );
    let counting: Effects = effects
        .into_iter()
        .filter(|e| matches!(e, Effect::Count(_)))
        .collect();
    count_at_once(
        &mut state,
        counting.into_iter().last().into_iter().collect(),
    );
    assert_eq!(state.search().current, Some(expected.clone()));
    assert_eq!(state.cursor(), expected.start, "the view went there");
}
