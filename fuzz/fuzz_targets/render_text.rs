//! Text → load as a text-only document → `State` at a fuzzed size → keys →
//! two frames through a `CrosstermBackend` over memory, resized in between
//! → the bytes fed to a `vt100` terminal, which must see no title, icon
//! name, clipboard, bell, OSC or mode change; no drawn cell holds a raw
//! control character.
//!
//! Input: flags, width 1, height 1, width 2, height 2, key count, that many
//! key bytes, then the text (lossy UTF-8). Widths are taken modulo 200,
//! heights modulo 60 (0 included). Flags: bit 0 Markdown (else plain
//! text); bit 1 search for the start of the text's first line.

#![no_main]

mod common;

use std::path::{Path, PathBuf};

use brief::controller::{Input, KeyPress, update};
use brief::loader::InMemory;
use libfuzzer_sys::fuzz_target;

/// Keys a key byte picks from, in the keymap's notation.
const KEYS: [&str; 48] = [
    "j",
    "k",
    "<C-d>",
    "<C-u>",
    "<Space>",
    "b",
    "gg",
    "G",
    "%",
    "zz",
    "zt",
    "<Tab>",
    "<S-Tab>",
    "]m",
    "[m",
    "<Enter>",
    "]]",
    "[[",
    "]n",
    "[n",
    "r",
    "/",
    "e",
    "t",
    "o",
    "n",
    "N",
    "*",
    "<C-o>",
    "<C-i>",
    "m",
    "'",
    "<C-w>w",
    "1",
    "2",
    "3",
    "<C-w>o",
    "?",
    "<Esc>",
    "q",
    "a",
    "5",
    "<BS>",
    "<Left>",
    "<Right>",
    "<End>",
    "<Home>",
    "<PageDown>",
];

fuzz_target!(|data: &[u8]| {
    let [flags, w1, h1, w2, h2, key_count, rest @ ..] = data else {
        return;
    };
    let key_count = usize::from(*key_count % 9).min(rest.len());
    let (keys, text) = rest.split_at(key_count);
    let text = String::from_utf8_lossy(text).into_owned();
    let size = |w: u8, h: u8| (u16::from(w) % 200, u16::from(h) % 60);
    let (first, second) = (size(*w1, *h1), size(*w2, *h2));

    let name = if flags & 1 != 0 { "t.md" } else { "t.txt" };
    let files = InMemory {
        files: vec![(PathBuf::from(name), text.clone())],
    };
    let loaded = brief::loader::load_text_only(Path::new(name), &files);
    common::check_diagnostics(&loaded.diagnostics);
    let briefing = loaded.briefing.expect("a text on its own always loads");
    let mut state = common::new_state(briefing, first.0, first.1);

    brief::controller::press(&mut state, "<Tab>jG").expect("valid notation");
    for &key in keys {
        let notation = KEYS[usize::from(key) % KEYS.len()];
        brief::controller::press(&mut state, notation).expect("valid notation");
    }
    if flags & 2 != 0 {
        brief::controller::press(&mut state, "<Esc>/").expect("valid notation");
        let query = text.lines().next().unwrap_or_default().chars().take(12);
        for c in query {
            update(&mut state, Input::Key(KeyPress::char(c)));
        }
        brief::controller::press(&mut state, "<Enter>nN").expect("valid notation");
    }

    let theme = common::theme();
    let bytes = common::two_frames(&mut state, theme, second);
    let emulator = (first.0.max(second.0), first.1.max(second.1));
    common::check_terminal_bytes(&bytes, emulator);
});
