//! The README's key table and screen capture are generated: this test
//! fails when they drift from the keymap or the drawing code. Run with
//! `UPDATE_README=1 cargo test --test readme` to rewrite them.

use brief::controller::{Keymap, State, press};
use brief::theme::Theme;

const KEYS_START: &str = "<!-- keys:start -->\n";
const KEYS_END: &str = "<!-- keys:end -->";
const CAPTURE_START: &str = "<!-- capture:start -->\n";
const CAPTURE_END: &str = "<!-- capture:end -->";

/// The capture: the bundled briefing at 100x30 after three Tabs and Enter.
const CAPTURE_KEYS: &str = "<Tab><Tab><Tab><Enter>";

fn capture() -> String {
    let briefing = brief::loader::load_bundled()
        .briefing
        .expect("bundled briefing");
    let mut state = State::new(briefing, Keymap::default_keymap(), 100, 30);
    press(&mut state, CAPTURE_KEYS).expect("keys");
    let theme = Theme::built_in("dark", false).expect("theme");
    let text = brief::cli::frame_text(&state, &theme, false);
    format!("```text\n$ brief render --size 100x30 --keys '{CAPTURE_KEYS}'\n{text}```\n")
}

fn replace_between(text: &str, start: &str, end: &str, with: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(format!("{}{with}{}", &text[..from], &text[to..]))
}

#[test]
fn readme_key_table_and_capture_match_the_program() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let table = Keymap::default_keymap().markdown_table();
    let expected = replace_between(&readme, KEYS_START, KEYS_END, &table)
        .and_then(|r| replace_between(&r, CAPTURE_START, CAPTURE_END, &capture()))
        .expect("README has the key and capture markers");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(path, &expected).expect("write README.md");
        return;
    }
    assert!(
        readme == expected,
        "README.md is out of date with the keymap or the screen; run UPDATE_README=1 cargo test --test readme"
    );
}
