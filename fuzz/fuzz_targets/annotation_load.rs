//! Annotation TOML and text → `brief::loader::load_annotated` → no panic;
//! every diagnostic renders without a raw control character; a briefing
//! that loads has every span inside the text on char boundaries and draws
//! one frame without a raw control character in any cell.
//!
//! Input: one flags byte, then the annotation file, then optionally
//! `\n@@TEXT@@\n` and the text file. Flags: bit 0 text is `t.md` (else
//! `t.txt`); bit 1 no text file at all; bit 2 draw the loaded briefing.
//! Either part may be invalid UTF-8: it is decoded as the real file reader
//! decodes.

#![no_main]

mod common;

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (annotations, text) = common::annotations_and_text(rest);
    let text_name = if flags & 1 != 0 { "t.md" } else { "t.txt" };
    let mut files = vec![(PathBuf::from("t.toml"), annotations.to_vec())];
    if flags & 2 == 0 {
        files.push((PathBuf::from(text_name), text.to_vec()));
    }
    let reader = common::Bytes { files };
    let loaded = brief::loader::load_annotated(Path::new("t.toml"), &reader);

    common::check_diagnostics(&loaded.diagnostics);
    assert_eq!(
        loaded.briefing.is_some(),
        loaded.error_count() == 0,
        "a briefing loads exactly when there are no errors"
    );
    let Some(briefing) = loaded.briefing else {
        return;
    };
    common::check_char_boundaries(&briefing);
    if flags & 4 != 0 {
        let state = common::new_state(briefing, 100, 30);
        let area = ratatui::layout::Rect::new(0, 0, 100, 30);
        let mut buffer = ratatui::buffer::Buffer::empty(area);
        brief::ui::render(&mut buffer, area, &state, common::theme());
        common::check_cells(&buffer);
    }
});
