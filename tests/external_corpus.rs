//! Real files made by other annotation tools (`tests/corpus/external/`,
//! sources and licences in its SOURCES.md), read by brief's readers. The
//! brat files: every line reads, and every text-bound annotation covers
//! the text it quotes in code points of its `.txt` (brat's own unit; these
//! texts have LF line ends).

use std::path::{Path, PathBuf};

use brief::loader::formats::brat::{Item, parse};
use brief::loader::formats::offsets::{Claimed, OffsetUnit, UnitCheck, check_unit};

fn external(format: &str, extension: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/external")
        .join(format);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the external corpus")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

#[test]
fn every_brat_file_reads_and_every_span_covers_its_text_in_code_points() {
    let files = external("brat", "ann");
    assert!(files.len() >= 10, "{files:?}");
    for ann in files {
        let source = std::fs::read_to_string(&ann).expect("the .ann");
        let text = std::fs::read_to_string(ann.with_extension("txt")).expect("its .txt");
        let shown = ann.display().to_string();
        let (standoff, diagnostics) = parse(&shown, &source);
        assert!(
            diagnostics.is_empty(),
            "{shown}: {:?}",
            diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>()
        );
        let bounds: Vec<(Vec<(usize, usize)>, String)> = standoff
            .items
            .iter()
            .filter_map(|item| match item {
                Item::TextBound(t) => t.text.clone().map(|text| (t.fragments.clone(), text)),
                _ => None,
            })
            .collect();
        assert!(!bounds.is_empty(), "{shown}");
        let claimed: Vec<Claimed<'_>> = bounds
            .iter()
            .map(|(fragments, text)| Claimed { fragments, text })
            .collect();
        assert_eq!(
            check_unit(&text, OffsetUnit::CodePoint, &claimed),
            UnitCheck::Fits,
            "{shown}"
        );
        // Read as bytes, the spans after the first non-ASCII character
        // would not fit: the unit check is not vacuous where the text has
        // any.
        if !text.is_ascii() {
            let later = bounds.iter().any(|(fragments, _)| {
                fragments
                    .first()
                    .is_some_and(|(start, _)| text.chars().take(*start).any(|c| !c.is_ascii()))
            });
            if later {
                assert_ne!(
                    check_unit(&text, OffsetUnit::Byte, &claimed),
                    UnitCheck::Fits,
                    "{shown}"
                );
            }
        }
    }
}
