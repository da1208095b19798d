//! A W3C Web Annotation file and the text its targets name →
//! `brief::loader::open` → no panic, through the whole import: entities
//! from identifying bodies, mentions of several passage targets,
//! `brief:undated`, `brief:role:` and `brief:attribute:` tags, notes,
//! relations and events, in the unit the flags byte asks for. Every
//! diagnostic renders without a raw control character; a briefing that
//! loads has its spans on char boundaries, every part of a discontinuous
//! mention names the others, and one frame draws clean.
//!
//! Input: one flags byte, the JSON (its targets name `t.txt`), then
//! optionally `SEPARATOR` and the text. Flags: bits 0-2 the offset unit
//! asked for (0: code points, 1-5 the units in order); bit 3 `--group-by
//! none`; bit 4 draw a frame after `Tab`s.

#![no_main]

mod common;

use std::path::{Path, PathBuf};

use brief::loader::formats::offsets::OffsetUnit;
use brief::loader::{GroupBy, ImportOptions, OpenOptions, SourceFormat};
use brief::model::MentionId;
use libfuzzer_sys::fuzz_target;

const SEPARATOR: &[u8] = b"\n@@TEXT@@\n";

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (json, text) = match rest
        .windows(SEPARATOR.len())
        .position(|window| window == SEPARATOR)
    {
        Some(at) => (&rest[..at], &rest[at + SEPARATOR.len()..]),
        None => (rest, &[][..]),
    };
    let reader = common::Bytes {
        files: vec![
            (PathBuf::from("a.json"), json.to_vec()),
            (PathBuf::from("t.txt"), text.to_vec()),
        ],
    };
    let options = OpenOptions {
        plain: false,
        from: Some(SourceFormat::W3c),
        import: ImportOptions {
            text: None,
            offset_unit: match flags & 7 {
                0 => None,
                n => OffsetUnit::ALL.get(usize::from(n - 1)).copied(),
            },
            group_by: if flags & 8 != 0 {
                GroupBy::None
            } else {
                GroupBy::Text
            },
            match_names: false,
        },
    };
    let loaded = brief::loader::open_with(Path::new("a.json"), &options, &reader);
    common::check_diagnostics(&loaded.diagnostics);
    assert_eq!(loaded.briefing.is_some(), loaded.error_count() == 0);
    let Some(briefing) = loaded.briefing else {
        return;
    };
    common::check_char_boundaries(&briefing);
    for (at, mention) in briefing.mentions.iter().enumerate() {
        let parts = mention.parts();
        assert!(parts.is_empty() || parts.contains(&MentionId(at)), "{parts:?} lacks {at}");
        for part in parts {
            let other = &briefing.mentions[part.0];
            assert_eq!(other.parts(), parts);
            assert_eq!(other.entity, mention.entity);
        }
    }
    if flags & 16 != 0 {
        let mut state = common::new_state(briefing, 100, 30);
        brief::controller::press(&mut state, "<Tab><Tab><S-Tab>").expect("valid notation");
        let area = ratatui::layout::Rect::new(0, 0, 100, 30);
        let mut buffer = ratatui::buffer::Buffer::empty(area);
        brief::ui::render(&mut buffer, area, &state, common::theme());
        common::check_cells(&buffer);
    }
});
