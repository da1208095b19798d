//! Review files as hostile input, in `cargo test` (the `review_file` fuzz
//! target runs the same oracle for longer): a valid review file with
//! random edits — control characters, quotes, brackets, huge numbers,
//! bidi controls spliced in anywhere — never panics the reader of it; its
//! diagnostics, the reports made from it and the annotation file folded
//! with it never carry a raw control character; whatever reads is written
//! back and reads back the same.

use std::sync::OnceLock;

use brief::model::Briefing;
use brief::review::{Overlay, apply, export, file};
use proptest::prelude::*;

const SEED: &str = include_str!("../fuzz/corpus/review_file/every-target");

fn bundled() -> &'static Briefing {
    static BRIEFING: OnceLock<Briefing> = OnceLock::new();
    BRIEFING.get_or_init(|| {
        brief::loader::load_bundled()
            .briefing
            .expect("the bundled briefing loads")
    })
}

fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
        | '\u{061c}' | '\u{2028}' | '\u{2029}')
}

fn printable(what: &str, shown: &str) -> Result<(), TestCaseError> {
    match shown.chars().find(|&c| forbidden(c)) {
        Some(c) => Err(TestCaseError::fail(format!(
            "{what} shows raw U+{:04X} in {shown:?}",
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

/// A splice: where (a fraction of the file), how much to cut, what to put.
fn splice() -> impl Strategy<Value = (f64, usize, String)> {
    let pieces = prop_oneof![
        Just("\u{1b}[31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{7}".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("[[verdict]]\n".to_string()),
        Just("99999999999999999999".to_string()),
        Just("\n".to_string()),
        Just("=".to_string()),
        "\\PC{0,8}",
    ];
    (0.0..1.0f64, 0usize..12, pieces)
}

proptest! {
    #[test]
    fn an_edited_review_file_is_read_or_refused_cleanly(
        splices in proptest::collection::vec(splice(), 1..5)
    ) {
        let mut source = SEED.to_string();
        for (at, cut, piece) in splices {
            let mut start = ((source.len() as f64) * at) as usize;
            while !source.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(source.len());
            while !source.is_char_boundary(end) {
                end += 1;
            }
            source.replace_range(start..end, &piece);
        }
        match file::read("r.review.toml", &source) {
            Err(diagnostics) => {
                prop_assert!(!diagnostics.is_empty());
                for diagnostic in &diagnostics {
                    printable("render", &diagnostic.render())?;
                    printable("to_json", &diagnostic.to_json())?;
                }
            }
            Ok((review, header)) => {
                let written = file::write(&review, &header);
                let (again, header_again) = file::read("r.review.toml", &written)
                    .map_err(|e| TestCaseError::fail(format!("{e:?}\n{written}")))?;
                prop_assert_eq!(&again, &review);
                prop_assert_eq!(header_again, header);
                let briefing = bundled();
                let overlay = Overlay::build(&review, briefing);
                prop_assert!(overlay.orphans.len() <= review.verdicts.len());
                printable("markdown", &export::markdown(&review, briefing))?;
                printable("json", &export::json_lines(&review, briefing))?;
                if let Ok(applied) = apply::apply(brief::loader::BUNDLED_ANNOTATIONS, &review, briefing) {
                    prop_assert!(applied.text.starts_with(brief::loader::BUNDLED_ANNOTATIONS.trim_end()));
                }
            }
        }
    }
}

#[test]
fn the_seed_itself_reads() {
    let (review, _) = file::read("seed", SEED).expect("the seed is a valid review");
    assert_eq!(review.verdicts.len(), 5);
    assert_eq!(review.marks.len(), 1);
    assert!(review.position.is_some());
}
