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

use brief::loader::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (json, text) = common::annotations_and_text(rest);
    let reader = common::Bytes {
        files: vec![
            (PathBuf::from("a.json"), json.to_vec()),
            (PathBuf::from("t.txt"), text.to_vec()),
        ],
    };
    let options = common::import_options(SourceFormat::W3c, flags);
    let loaded = brief::loader::open_with(Path::new("a.json"), &options, &reader);
    common::check_imported(loaded, flags & 16 != 0);
});
