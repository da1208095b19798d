//! Property tests for re-anchoring (issue 17): a text and a correct
//! annotation with offsets, then random edits of the text.
//!
//! - Edits away from the quoted passages (words inserted, deleted or
//!   replaced between them): every mention lands on its intended span, or,
//!   where its quote occurs more than once, is an `ambiguous-drift` error;
//!   never on another occurrence. (One case the file cannot tell apart:
//!   the quote written again exactly at the old offsets. The offsets and the
//!   quote then agree, and the file is taken at its word.)
//! - An edit inside a passage: the mention is never silently elsewhere; it
//!   gets an approximate match with a warning, a warning that the offsets
//!   drifted to another exact occurrence, or an error.
//!
//! The text is words from a small vocabulary of common names, so repeats
//! (the hard case) are the rule.

mod common;

use std::ops::Range;

use brief::loader::Loaded;
use brief::loader::suggestion::{Change, Why};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::FileFailurePersistence;

use common::load_pair;

const VOCABULARY: &[&str] = &[
    "Putin", "Moscow", "the", "Taliban", "Kabul", "said", "met", "in", "on", "Monday", "Shoigu",
    "and", "Café", "Zürich", "attack", "venue", "he",
];

/// A word of the text, and the passage it belongs to, if any.
#[derive(Debug, Clone)]
struct Token {
    word: String,
    passage: Option<usize>,
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, Vec<&'static str>),
    Delete(Index),
    Replace(Index, &'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            any::<Index>(),
            proptest::collection::vec(select(VOCABULARY), 1..4)
        )
            .prop_map(|(at, words)| Edit::Insert(at, words)),
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), select(VOCABULARY)).prop_map(|(at, word)| Edit::Replace(at, word)),
    ]
}

/// Marks up to `wanted` passages of one or two words, not overlapping.
fn mark(words: &[&'static str], picks: &[(Index, usize)]) -> Vec<Token> {
    let mut tokens: Vec<Token> = words
        .iter()
        .map(|w| Token {
            word: (*w).to_string(),
            passage: None,
        })
        .collect();
    let mut next = 0;
    for (at, length) in picks {
        let start = at.index(tokens.len());
        let end = (start + length).min(tokens.len());
        if tokens[start..end].iter().all(|t| t.passage.is_none()) {
            for token in &mut tokens[start..end] {
                token.passage = Some(next);
            }
            next += 1;
        }
    }
    tokens
}

fn text_of(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| t.word.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each passage's byte range in the text the tokens make.
fn passages(tokens: &[Token], count: usize) -> Vec<Range<usize>> {
    let mut spans: Vec<Option<Range<usize>>> = vec![None; count];
    let mut at = 0;
    for (index, token) in tokens.iter().enumerate() {
        if index > 0 {
            at += 1;
        }
        let end = at + token.word.len();
        if let Some(passage) = token.passage {
            let span = spans[passage].get_or_insert(at..end);
            span.end = end;
        }
        at = end;
    }
    spans
        .into_iter()
        .map(|s| s.expect("every passage has words"))
        .collect()
}

/// Applies the edits that fall outside every passage; the others are
/// skipped (a deletion of a passage's word, an insertion inside one).
fn edit_around(tokens: &mut Vec<Token>, edits: &[Edit]) {
    for edit in edits {
        match edit {
            Edit::Insert(at, words) => {
                let at = at.index(tokens.len() + 1);
                let inside = at > 0
                    && at < tokens.len()
                    && tokens[at - 1].passage.is_some()
                    && tokens[at - 1].passage == tokens[at].passage;
                if !inside {
                    for (offset, word) in words.iter().enumerate() {
                        tokens.insert(
                            at + offset,
                            Token {
                                word: (*word).to_string(),
                                passage: None,
                            },
                        );
                    }
                }
            }
            Edit::Delete(at) => {
                let at = at.index(tokens.len());
                if tokens[at].passage.is_none() && tokens.len() > 1 {
                    tokens.remove(at);
                }
            }
            Edit::Replace(at, word) => {
                let at = at.index(tokens.len());
                if tokens[at].passage.is_none() {
                    tokens[at].word = (*word).to_string();
                }
            }
        }
    }
}

fn chars(text: &str, bytes: &Range<usize>) -> Range<usize> {
    text[..bytes.start].chars().count()..text[..bytes.end].chars().count()
}

/// The annotation file: an entity per passage (so each mention can be told
/// apart), and the line of each mention's `start`.
fn annotations(text: &str, spans: &[Range<usize>]) -> (String, Vec<usize>) {
    let mut file = String::from("format = 1\n");
    for index in 0..spans.len() {
        file.push_str(&format!(
            "\n[[entity]]\nid = \"p{index}\"\nname = \"passage {index}\"\nkind = \"other\"\nauto = false\n"
        ));
    }
    let mut start_lines = Vec::new();
    for (index, span) in spans.iter().enumerate() {
        let offsets = chars(text, span);
        file.push_str(&format!(
            "\n[[mention]]\nentity = \"p{index}\"\nquote = \"{}\"\n",
            &text[span.clone()]
        ));
        start_lines.push(file.lines().count() + 1);
        file.push_str(&format!(
            "start = {}\nend = {}\n",
            offsets.start, offsets.end
        ));
    }
    (file, start_lines)
}

fn about(loaded: &Loaded, line: usize) -> Vec<&brief::loader::Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.line == line || l.line + 1 == line)
        })
        .collect()
}

fn rendered(loaded: &Loaded) -> String {
    loaded.diagnostics.iter().map(|d| d.render()).collect()
}

/// Occurrences of `quote`, overlapping ones too ("Putin Putin" twice in
/// "Putin Putin Putin").
fn occurrences(text: &str, quote: &str) -> usize {
    text.char_indices()
        .filter(|(at, _)| text[*at..].starts_with(quote))
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/anchoring_properties.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn edits_away_from_passages_re_anchor_each_to_its_own_or_say_it_is_ambiguous(
        words in proptest::collection::vec(select(VOCABULARY), 20..60),
        picks in proptest::collection::vec((any::<Index>(), 1..3usize), 1..7),
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        let mut tokens = mark(&words, &picks);
        let count = tokens.iter().filter_map(|t| t.passage).max().map_or(0, |m| m + 1);
        let original = text_of(&tokens);
        let before = passages(&tokens, count);
        let (file, start_lines) = annotations(&original, &before);
        let clean = load_pair(&original, "txt", &file);
        prop_assert!(clean.diagnostics.is_empty(), "{}", rendered(&clean));

        edit_around(&mut tokens, &edits);
        let edited = text_of(&tokens);
        let intended = passages(&tokens, count);
        let loaded = load_pair(&edited, "txt", &file);
        for (index, (old, new)) in before.iter().zip(&intended).enumerate() {
            let quote = &original[old.clone()];
            let old_chars = chars(&original, old);
            let here = about(&loaded, start_lines[index]);
            let codes: Vec<&str> = here.iter().map(|d| d.code).collect();
            let fits_old = edited.chars().skip(old_chars.start).take(old_chars.len()).collect::<String>() == quote;
            if fits_old {
                // The file's offsets and quote agree: taken as written,
                // with a warning if that is inside a word ("in" of "Putin").
                prop_assert!(codes.is_empty() || codes == ["quote-inside-word"], "{codes:?}");
                continue;
            }
            match codes.as_slice() {
                ["ambiguous-drift"] => prop_assert!(
                    occurrences(&edited, quote) > 1,
                    "a unique quote called ambiguous:\n{}", rendered(&loaded)
                ),
                ["offsets-drifted"] => {
                    let Some(Change::Offsets { start, end, why }) =
                        here[0].suggestion.as_deref().map(|s| &s.change)
                    else {
                        return Err(TestCaseError::fail("a drift without new offsets"));
                    };
                    // In order with its neighbours, so `--fix` may write it.
                    prop_assert_eq!(*why, Why::Drifted);
                    prop_assert_eq!(
                        *start..*end,
                        chars(&edited, new),
                        "passage {} ({:?}) went elsewhere:\n{}\n{}",
                        index, quote, edited, rendered(&loaded)
                    );
                }
                [] => prop_assert!(false, "stale offsets with no diagnostic"),
                other => prop_assert!(false, "unexpected {other:?}:\n{}", rendered(&loaded)),
            }
        }
        // Nothing but drift and ambiguity; and with no error, every span
        // in the briefing is the intended one.
        for diagnostic in &loaded.diagnostics {
            prop_assert!(
                matches!(diagnostic.code, "offsets-drifted" | "ambiguous-drift" | "quote-inside-word"),
                "{}", rendered(&loaded)
            );
        }
        if let Some(briefing) = &loaded.briefing {
            for (index, new) in intended.iter().enumerate() {
                let old_chars = chars(&original, &before[index]);
                let quote = &original[before[index].clone()];
                let fits_old = edited.chars().skip(old_chars.start).take(old_chars.len()).collect::<String>() == quote;
                let id = briefing.entity_by_id(&format!("p{index}")).expect("entity");
                let spans: Vec<Range<usize>> = briefing.mentions_of(id).map(|m| m.span.clone()).collect();
                if !fits_old {
                    prop_assert_eq!(spans, vec![new.clone()]);
                }
            }
        }
    }

    #[test]
    fn an_edit_inside_a_passage_is_never_a_silently_different_span(
        words in proptest::collection::vec(select(VOCABULARY), 20..60),
        picks in proptest::collection::vec((any::<Index>(), 1..3usize), 1..5),
        victim in any::<Index>(),
        letter in select(&['x', 'q', 'z', 'é'][..]),
        at in any::<Index>(),
    ) {
        let tokens = mark(&words, &picks);
        let count = tokens.iter().filter_map(|t| t.passage).max().map_or(0, |m| m + 1);
        let original = text_of(&tokens);
        let before = passages(&tokens, count);
        let (file, start_lines) = annotations(&original, &before);
        // One letter of one passage replaced.
        let chosen = victim.index(count);
        let span = before[chosen].clone();
        let inside: Vec<usize> = original[span.clone()]
            .char_indices()
            .filter(|(_, c)| c.is_alphabetic())
            .map(|(offset, _)| span.start + offset)
            .collect();
        let byte = inside[at.index(inside.len())];
        let replaced = original[byte..].chars().next().expect("a letter");
        prop_assume!(replaced != letter);
        let edited = format!(
            "{}{letter}{}",
            &original[..byte],
            &original[byte + replaced.len_utf8()..]
        );
        let loaded = load_pair(&edited, "txt", &file);
        let quote_line = start_lines[chosen] - 1;
        let here: Vec<&str> = about(&loaded, start_lines[chosen])
            .into_iter()
            .chain(about(&loaded, quote_line))
            .map(|d| d.code)
            .collect();
        prop_assert!(!here.is_empty(), "an edited passage anchored silently:\n{edited}");
        if let Some(briefing) = &loaded.briefing {
            let id = briefing.entity_by_id(&format!("p{chosen}")).expect("entity");
            let found: Vec<Range<usize>> = briefing.mentions_of(id).map(|m| m.span.clone()).collect();
            let quote = &original[span.clone()];
            for found in found {
                let exact_elsewhere = edited.get(found.clone()) == Some(quote);
                let approximate = here.iter().any(|c| c.starts_with("approximate"));
                prop_assert!(
                    exact_elsewhere && here.contains(&"offsets-drifted")
                        || approximate && found.start < span.end + 2 && span.start < found.end + 2,
                    "{here:?} at {found:?} for {span:?} in\n{edited}\n{}", rendered(&loaded)
                );
            }
        }
    }
}
