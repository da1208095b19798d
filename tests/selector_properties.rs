//! Property test for the loader's selectors (issue 5): arbitrary
//! selectors (quotes, prefixes, suffixes, occurrences, offsets) against
//! arbitrary hostile text never panic, and every span the loader accepts
//! lies on grapheme-cluster boundaries.
//!
//! Failures proptest finds are kept in `proptest-regressions/properties.txt`
//! and replayed first on every run; the generators of hostile text and
//! annotation files are in `support/hostile.rs`.

mod common;
#[path = "support/hostile.rs"]
mod hostile;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;

use brief::loader::Loaded;
use brief::model::Briefing;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use unicode_segmentation::UnicodeSegmentation;

use common::load_pair;
use hostile::*;

// --- 5. Selectors --------------------------------------------------------------

/// A selector field's source: absent, a piece of the text, or anything.
#[derive(Debug, Clone)]
enum Piece {
    None,
    FromText(Index, Index),
    Loose(String),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => Just(Piece::None),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Piece::FromText(a, b)),
        2 => hostile_label().prop_map(Piece::Loose),
    ]
}

/// An offset: absent, a char position in the text (maybe past the end),
/// or something absurd.
#[derive(Debug, Clone)]
enum Offset {
    None,
    InText(Index),
    Raw(i64),
}

fn offset() -> impl Strategy<Value = Offset> {
    prop_oneof![
        2 => Just(Offset::None),
        4 => any::<Index>().prop_map(Offset::InText),
        1 => prop_oneof![
            select(&[-1i64, 0, 1, i64::MAX, i64::MIN, 1 << 32, 1 << 53][..]),
            any::<i64>(),
        ]
        .prop_map(Offset::Raw),
    ]
}

fn occurrence() -> impl Strategy<Value = Option<i64>> {
    prop::option::weighted(
        0.3,
        prop_oneof![1i64..4, select(&[0i64, -1, 1000, i64::MAX, i64::MIN][..])],
    )
}

/// How a table picks its passage.
#[derive(Debug, Clone)]
enum Selector {
    /// A quote cut from the text on grapheme boundaries, maybe with the
    /// text just before and after it as prefix and suffix.
    Quote {
        at: Index,
        length: Index,
        prefix: bool,
        suffix: bool,
        occurrence: Option<i64>,
    },
    /// Offsets on grapheme boundaries, maybe checked by a quote (the
    /// passage's own or any other).
    Offsets {
        at: Index,
        length: Index,
        quote: Piece,
    },
    /// Every field chosen on its own: pieces of the text cut anywhere,
    /// hostile strings, absurd numbers.
    Chaotic {
        quote: Piece,
        prefix: Piece,
        suffix: Piece,
        occurrence: Option<i64>,
        start: Offset,
        end: Offset,
    },
}

fn selector() -> impl Strategy<Value = Selector> {
    prop_oneof![
        3 => (
            any::<Index>(),
            any::<Index>(),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(Some(1)), occurrence()],
        )
            .prop_map(|(at, length, prefix, suffix, occurrence)| Selector::Quote {
                at,
                length,
                prefix,
                suffix,
                occurrence,
            }),
        2 => (any::<Index>(), any::<Index>(), piece())
            .prop_map(|(at, length, quote)| Selector::Offsets { at, length, quote }),
        2 => (piece(), piece(), piece(), occurrence(), offset(), offset()).prop_map(
            |(quote, prefix, suffix, occurrence, start, end)| Selector::Chaotic {
                quote,
                prefix,
                suffix,
                occurrence,
                start,
                end,
            },
        ),
    ]
}

/// A table anchored by a selector.
#[derive(Debug, Clone)]
struct Anchored {
    table: &'static str,
    selector: Selector,
}

fn anchored() -> impl Strategy<Value = Anchored> {
    (
        select(&["mention", "note", "suppress", "relation", "event"][..]),
        selector(),
    )
        .prop_map(|(table, selector)| Anchored { table, selector })
}

/// Grapheme boundaries `[at, at + length]` (at least one cluster when the
/// text has any), counted in clusters, at most `max` long.
fn cluster_range(text: &str, at: Index, length: Index, max: usize) -> Range<usize> {
    let bounds: Vec<usize> = grapheme_boundaries(text).into_iter().collect();
    let first = at
        .index(bounds.len().saturating_sub(1).max(1))
        .min(bounds.len() - 1);
    let last = (first + 1 + length.index(max)).min(bounds.len() - 1);
    bounds[first]..bounds[last]
}

fn chars_before(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |before| before.chars().count())
}

fn piece_value(text: &str, piece: &Piece) -> Option<String> {
    match piece {
        Piece::None => None,
        Piece::FromText(start, length) => Some(slice_of(text, *start, *length, 30).to_string()),
        Piece::Loose(value) => Some(value.clone()),
    }
}

fn selector_fields(text: &str, selector: &Selector) -> String {
    let mut fields = String::new();
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(fields, "{name} = {value}");
        }
    };
    let quoted = |value: Option<String>| value.map(|v| toml_string(&v));
    match selector {
        Selector::Quote {
            at,
            length,
            prefix,
            suffix,
            occurrence,
        } => {
            let range = cluster_range(text, *at, *length, 12);
            let prefix_start = text
                .get(..range.start)
                .and_then(|b| b.grapheme_indices(true).rev().nth(4).map(|(i, _)| i))
                .unwrap_or(0);
            let suffix_end = text
                .get(range.end..)
                .and_then(|a| a.grapheme_indices(true).nth(5).map(|(i, _)| range.end + i))
                .unwrap_or(text.len());
            field("quote", quoted(text.get(range.clone()).map(str::to_string)));
            if *prefix {
                field(
                    "prefix",
                    quoted(text.get(prefix_start..range.start).map(str::to_string)),
                );
            }
            if *suffix {
                field(
                    "suffix",
                    quoted(text.get(range.end..suffix_end).map(str::to_string)),
                );
            }
            field("occurrence", occurrence.map(|n| n.to_string()));
        }
        Selector::Offsets { at, length, quote } => {
            let range = cluster_range(text, *at, *length, 12);
            field("start", Some(chars_before(text, range.start).to_string()));
            field("end", Some(chars_before(text, range.end).to_string()));
            let own = matches!(quote, Piece::FromText(_, _)) && at.index(2) == 0;
            let quote = if own {
                text.get(range).map(str::to_string)
            } else {
                piece_value(text, quote)
            };
            field("quote", quoted(quote));
        }
        Selector::Chaotic {
            quote,
            prefix,
            suffix,
            occurrence,
            start,
            end,
        } => {
            field("quote", quoted(piece_value(text, quote)));
            field("prefix", quoted(piece_value(text, prefix)));
            field("suffix", quoted(piece_value(text, suffix)));
            field("occurrence", occurrence.map(|n| n.to_string()));
            let chars = text.chars().count();
            for (name, offset) in [("start", start), ("end", end)] {
                let value = match offset {
                    Offset::None => None,
                    Offset::InText(index) => Some(index.index(chars + 3).to_string()),
                    Offset::Raw(value) => Some(value.to_string()),
                };
                field(name, value);
            }
        }
    }
    fields
}

fn selector_annotations(text: &str, name: &NameChoice, anchored: &[Anchored]) -> String {
    let mut toml = format!(
        "format = 1\n\n[[entity]]\nid = \"e0\"\nname = {}\nkind = \"other\"\n\n",
        toml_string(&name_for(text, name))
    );
    for (n, anchored) in anchored.iter().enumerate() {
        let fields = selector_fields(text, &anchored.selector);
        let table = match anchored.table {
            "mention" => "[[mention]]\nentity = \"e0\"\n".to_string(),
            "note" => "[[note]]\nkind = \"gap\"\ntext = \"n\"\n".to_string(),
            "suppress" => "[[suppress]]\n".to_string(),
            "relation" => "[[relation]]\nfrom = \"e0\"\nto = \"e0\"\nkind = \"k\"\n".to_string(),
            _ => format!("[[event]]\nid = \"ev{n}\"\ndate = \"2024\"\ntitle = \"t\"\n"),
        };
        let _ = writeln!(toml, "{table}{fields}");
    }
    toml
}

/// Every accepted span, named for messages.
fn spans(briefing: &Briefing) -> Vec<(String, Range<usize>)> {
    let mut spans = Vec::new();
    for (n, mention) in briefing.mentions.iter().enumerate() {
        spans.push((format!("mention {n}"), mention.span.clone()));
    }
    for (n, note) in briefing.notes.iter().enumerate() {
        spans.push((format!("note {n}"), note.passage.clone()));
    }
    for (n, relation) in briefing.relations.iter().enumerate() {
        if let Some(evidence) = &relation.evidence {
            spans.push((format!("relation {n}"), evidence.clone()));
        }
    }
    for event in &briefing.events {
        if let Some(passage) = &event.passage {
            spans.push((format!("event {}", event.id), passage.clone()));
        }
    }
    spans
}

fn grapheme_boundaries(text: &str) -> BTreeSet<usize> {
    text.grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn check_spans(loaded: &Loaded) -> Result<(), String> {
    let Some(briefing) = &loaded.briefing else {
        return Ok(());
    };
    let text = &briefing.document.text;
    let boundaries = grapheme_boundaries(text);
    for (what, span) in spans(briefing) {
        if span.start > span.end || span.end > text.len() {
            return Err(format!("{what}: span {span:?} outside 0..{}", text.len()));
        }
        for edge in [span.start, span.end] {
            if !boundaries.contains(&edge) {
                let from = (0..=edge.saturating_sub(8))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let to = ((edge + 8).min(text.len())..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                return Err(format!(
                    "{what}: span {span:?} edge {edge} is inside a grapheme cluster: {:?}",
                    text.get(from..to).unwrap_or("")
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(4096))]

    #[test]
    fn selectors_never_panic_and_spans_lie_on_grapheme_boundaries(
        text in hostile_text(30),
        markdown in any::<bool>(),
        name in name_choice(),
        auto in any::<bool>(),
        selectors in prop::collection::vec(anchored(), 1..4),
    ) {
        selector_spans_hold(&text, markdown, &name, auto, &selectors)?;
    }
}

fn selector_spans_hold(
    text: &str,
    markdown: bool,
    name: &NameChoice,
    auto: bool,
    selectors: &[Anchored],
) -> Result<(), TestCaseError> {
    let mut toml = selector_annotations(text, name, selectors);
    if !auto {
        toml = toml.replacen("kind = \"other\"\n", "kind = \"other\"\nauto = false\n", 1);
    }
    let loaded = load_pair(text, if markdown { "md" } else { "txt" }, &toml);
    if let Err(problem) = check_spans(&loaded) {
        prop_assert!(false, "{problem}\nannotations:\n{toml}");
    }
    for diagnostic in &loaded.diagnostics {
        let rendered = diagnostic.render();
        if let Some(bad) = rendered.lines().find_map(forbidden_in) {
            prop_assert!(false, "diagnostic shows {bad:?} raw:\n{rendered}");
        }
    }
    Ok(())
}
