//! A `.ann` file → `brief::loader::formats::brat::parse` → no panic; every
//! diagnostic renders without a raw control character and is placed in
//! the file; every span a diagnostic or an item names lies inside the
//! source on character boundaries. Then the text-bound annotations'
//! offsets are turned into byte offsets of a fixed text in every unit and
//! checked against their covered text: no panic.
//!
//! Input: the `.ann` file's bytes, decoded as the real file reader decodes.

#![no_main]

mod common;

use brief::loader::formats::brat::{Item, parse};
use brief::loader::formats::offsets::{Boundaries, Claimed, OffsetUnit, check_unit, to_bytes};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Café 🎉 in Kraków\r\nZürich 😀 then Kraków.\r\n";

fuzz_target!(|data: &[u8]| {
    let source = match brief::loader::source::decode("doc.ann", data.to_vec()) {
        Ok(source) => source,
        Err(diagnostic) => {
            common::check_diagnostics(&[diagnostic]);
            return;
        }
    };
    let (standoff, diagnostics) = parse("doc.ann", &source);
    common::check_diagnostics(&diagnostics);
    for diagnostic in &diagnostics {
        assert!(diagnostic.location.is_some(), "{diagnostic:?}");
    }
    let inside = |span: &std::ops::Range<usize>| {
        assert!(span.start <= span.end && source.get(span.clone()).is_some(), "{span:?}");
    };
    let mut claimed = Vec::new();
    for item in &standoff.items {
        match item {
            Item::TextBound(t) => {
                inside(&t.line);
                inside(&t.offsets);
                if let Some(text) = &t.text {
                    claimed.push((t.fragments.clone(), text.clone()));
                }
            }
            Item::Relation { line, .. }
            | Item::Event { line, .. }
            | Item::Attribute { line, .. }
            | Item::Normalization { line, .. }
            | Item::Note { line, .. }
            | Item::Equivalence { line, .. } => inside(line),
        }
    }
    for unit in OffsetUnit::ALL {
        let ends = claimed
            .iter()
            .flat_map(|(fragments, _)| fragments)
            .flat_map(|&(start, end)| [start, end]);
        let boundaries = Boundaries::of(TEXT, unit, ends);
        for (fragments, _) in &claimed {
            if let Some(ranges) = to_bytes(&boundaries, fragments) {
                for range in ranges {
                    assert!(TEXT.is_char_boundary(range.start) && TEXT.is_char_boundary(range.end));
                }
            }
        }
    }
    let spans: Vec<Claimed<'_>> = claimed
        .iter()
        .map(|(fragments, text)| Claimed { fragments, text })
        .collect();
    let _ = check_unit(TEXT, OffsetUnit::CodePoint, &spans);
});
