//! A brat document (`.ann` and its `.txt`) → `brief::loader::open` → no
//! panic, through the whole import: entities grouped by `N`, `Equiv` and
//! text, discontinuous spans as mentions of several parts, `E` lines as
//! events with roles, attributes and notes, in the unit the flags byte
//! asks for. Every diagnostic renders without a raw control character; a
//! briefing that loads has its spans on char boundaries, every part of a
//! discontinuous mention names the others, and one frame draws clean.
//!
//! Input: one flags byte, the `.ann`, then optionally `SEPARATOR` and the
//! text. Flags: bits 0-2 the offset unit asked for (0: brat's own, 1-5 the
//! units in order); bit 3 `--group-by none`; bit 4 draw a frame with the
//! first mention focused.

#![no_main]

mod common;

use std::path::{Path, PathBuf};

use brief::loader::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (ann, text) = common::annotations_and_text(rest);
    let reader = common::Bytes {
        files: vec![
            (PathBuf::from("doc.ann"), ann.to_vec()),
            (PathBuf::from("doc.txt"), text.to_vec()),
        ],
    };
    let options = common::import_options(SourceFormat::Brat, flags);
    let loaded = brief::loader::open_with(Path::new("doc.ann"), &options, &reader);
    common::check_imported(loaded, flags & 16 != 0);
});
