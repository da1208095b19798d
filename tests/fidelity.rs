//! The anchoring fidelity corpus (issue 17): for each slip an annotator or
//! an edit of the text makes, small texts and annotations of our own, each
//! asserting the exact span anchored or the exact diagnostic. Then every
//! suggestion the diagnostics carry is applied and the file checked again:
//! a hint that proposes offsets or a quote must leave no warning behind.
//!
//! The drifted article is in `tests/fidelity/`: `drift.toml` was written
//! against `drift-original.md`, then a paragraph naming the same people and
//! places was inserted (`drift-edited.md`, which it names).

// The expected values are lists of spans that happen to hold one span.
#![allow(clippy::single_range_in_vec_init)]

mod common;

use std::ops::Range;
use std::path::{Path, PathBuf};

use brief::loader::suggestion::{self, Change, Suggestion, Why};
use brief::loader::{FileSystem, Loaded, load};
use common::{codes, load_pair, mention_spans, mention_texts, with_entity};

fn mention(fields: &str) -> String {
    with_entity(&format!("[[mention]]\nentity = \"x\"\n{fields}\n"))
}

fn mentions(tables: &[&str]) -> String {
    with_entity(
        &tables
            .iter()
            .map(|fields| format!("[[mention]]\nentity = \"x\"\n{fields}\n\n"))
            .collect::<String>(),
    )
}

/// The byte range of the `n`th (1-based) occurrence of `quote` in `text`.
fn nth(text: &str, quote: &str, n: usize) -> Range<usize> {
    let start = text
        .match_indices(quote)
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{quote:?} occurs fewer than {n} times"))
        .0;
    start..start + quote.len()
}

fn chars(text: &str, bytes: &Range<usize>) -> Range<usize> {
    text[..bytes.start].chars().count()..text[..bytes.end].chars().count()
}

fn offsets(text: &str, bytes: &Range<usize>) -> String {
    let span = chars(text, bytes);
    format!("start = {}\nend = {}", span.start, span.end)
}

fn rendered(loaded: &Loaded) -> String {
    loaded.diagnostics.iter().map(|d| d.render()).collect()
}

fn suggestions(loaded: &Loaded) -> Vec<&Suggestion> {
    loaded
        .diagnostics
        .iter()
        .filter_map(|d| d.suggestion.as_deref())
        .collect()
}

/// Applies every suggestion of every diagnostic and loads the result: it
/// must have no diagnostics at all.
fn assert_hints_silence(text: &str, extension: &str, annotations: &str) {
    let loaded = load_pair(text, extension, annotations);
    assert_eq!(loaded.error_count(), 0, "{}", rendered(&loaded));
    for diagnostic in &loaded.diagnostics {
        assert!(
            diagnostic.suggestion.is_some(),
            "a warning without a suggestion to test:\n{}",
            diagnostic.render()
        );
    }
    let fixed = suggestion::apply(annotations, &suggestions(&loaded)).expect("suggestions apply");
    let again = load_pair(text, extension, &fixed);
    assert!(
        again.diagnostics.is_empty(),
        "after applying every hint:\n{fixed}\n{}",
        rendered(&again)
    );
}

// --- Drift: the evidence in the file, never the nearest occurrence ---------

#[test]
fn a_paragraph_inserted_before_common_names_moves_every_mention_to_its_own_occurrence() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fidelity");
    let original = std::fs::read_to_string(folder.join("drift-original.md")).expect("original");
    let edited = std::fs::read_to_string(folder.join("drift-edited.md")).expect("edited");
    // The edit is one insertion: where the texts start to differ, and how
    // long it is.
    let at = original
        .bytes()
        .zip(edited.bytes())
        .position(|(a, b)| a != b)
        .expect("the texts differ");
    let inserted = edited.len() - original.len();
    assert_eq!(&edited[at + inserted..], &original[at..]);

    let path = PathBuf::from("tests/fidelity/drift.toml");
    let loaded = load(&path, &FileSystem);
    let annotations = std::fs::read_to_string(folder.join("drift.toml")).expect("annotations");
    let table: toml::Table = annotations.parse().expect("TOML");
    let briefing = loaded.briefing.as_ref().unwrap_or_else(|| {
        panic!("every mention settles:\n{}", rendered(&loaded));
    });
    let mut stale = 0;
    let mut expected: Vec<(String, Range<usize>)> = Vec::new();
    for mention in table["mention"].as_array().expect("mentions") {
        let start = mention["start"].as_integer().expect("start") as usize;
        let end = mention["end"].as_integer().expect("end") as usize;
        let quote = mention["quote"].as_str().expect("quote");
        // ASCII text: characters are bytes.
        assert_eq!(&original[start..end], quote);
        let moved = if start >= at {
            stale += 1;
            start + inserted..end + inserted
        } else {
            start..end
        };
        assert_eq!(&edited[moved.clone()], quote);
        let entity = mention["entity"].as_str().expect("entity").to_string();
        expected.push((entity, moved));
    }
    assert!(stale >= 8, "the insertion makes most offsets stale");
    let mut anchored: Vec<(String, Range<usize>)> = briefing
        .mentions
        .iter()
        .map(|m| (briefing.entity(m.entity).id.clone(), m.span.clone()))
        .collect();
    anchored.sort_by_key(|(_, span)| span.start);
    expected.sort_by_key(|(_, span)| span.start);
    assert_eq!(anchored, expected);
    assert_eq!(codes(&loaded), vec!["offsets-drifted"; stale]);
    // Each repeated name was chosen by the shift of its neighbours.
    let chosen = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.notes
                .iter()
                .any(|n| n.contains("the only one between the passages beside it"))
        })
        .count();
    assert!(chosen >= 5, "{}", rendered(&loaded));
}

#[test]
fn a_lone_drifted_repeat_is_an_ambiguity_error_listing_its_matches() {
    let text = "Putin spoke.\nLater Putin left.\nPutin returned.";
    // Written when "Putin" began at 12 (the second), before "Later " was
    // there: now character 12 is the line break.
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"Putin\"\nstart = 12\nend = 17"),
    );
    assert_eq!(codes(&loaded), ["ambiguous-drift"]);
    let error = &loaded.diagnostics[0];
    assert_eq!(
        error.notes,
        [
            "matches in the text (line:column): 1:1 (start = 0, end = 5), 2:7 (start = 19, end = 24), 3:1 (start = 31, end = 36)",
            "no other passage anchored, to show how far the text moved",
        ]
    );
    assert!(error.suggestion.is_none(), "nothing to write back");
}

#[test]
fn the_nearest_occurrence_is_not_taken_but_the_one_between_the_neighbours() {
    // "Kabul fell; Putin spoke. Shoigu agreed." had offsets; then "Putin
    // called. " was put in front of it. The nearest "Putin" to the stale
    // offsets (12) is the inserted one (0). Kabul and Shoigu, each named
    // once, moved by 14; only the second "Putin" lies between them.
    let text = "Putin called. Kabul fell; Putin spoke. Shoigu agreed.";
    let annotations = mentions(&[
        "quote = \"Kabul\"\nstart = 0\nend = 5",
        "quote = \"Putin\"\nstart = 12\nend = 17",
        "quote = \"Shoigu\"\nstart = 25\nend = 31",
    ]);
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), vec!["offsets-drifted"; 3]);
    assert_eq!(
        mention_spans(&loaded, "x"),
        [
            nth(text, "Kabul", 1),
            nth(text, "Putin", 2),
            nth(text, "Shoigu", 1)
        ]
    );
    assert_eq!(
        loaded.diagnostics[1].notes[1],
        "chosen of 2 matches: the only one between the passages beside it (they moved by +14 and +14 characters; this one by +14)"
    );
    assert_hints_silence(text, "txt", &annotations);

    // Without Kabul nothing rules out the first "Putin": text could have
    // been cut before it and added after it.
    let annotations = mentions(&[
        "quote = \"Putin\"\nstart = 12\nend = 17",
        "quote = \"Shoigu\"\nstart = 25\nend = 31",
    ]);
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["ambiguous-drift", "offsets-drifted"]);
    assert_eq!(
        loaded.diagnostics[0].notes[1],
        "2 of them lie between the passages settled on either side of it (which moved by +14 characters), where it must be"
    );
}

#[test]
fn with_no_anchor_settled_a_shift_the_drifted_passages_share_decides_nothing() {
    // Both names repeat and each drifted by 7 ("Today, " inserted): a
    // shift they share, but in a repetitive text one is shared by chance
    // too, so it is no evidence. Both are errors, listing the matches.
    let original = "Putin met the Taliban. Putin left; the Taliban stayed.";
    let text = format!("Today, {original}");
    let first = nth(original, "Putin", 2);
    let second = nth(original, "the Taliban", 2);
    let annotations = mentions(&[
        &format!("quote = \"Putin\"\n{}", offsets(original, &first)),
        &format!("quote = \"the Taliban\"\n{}", offsets(original, &second)),
    ]);
    let loaded = load_pair(&text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["ambiguous-drift", "ambiguous-drift"]);
    assert_eq!(
        loaded.diagnostics[0].notes[0],
        "matches in the text (line:column): 1:8 (start = 7, end = 12), 1:31 (start = 30, end = 35)"
    );
    // Unique words settled on either side are evidence enough: "met" and
    // "stayed" leave one "Putin" between them, and that "Putin" leaves one
    // "the Taliban" between itself and "stayed".
    let annotations = mentions(&[
        &format!(
            "quote = \"met\"\n{}",
            offsets(original, &nth(original, "met", 1))
        ),
        &format!("quote = \"Putin\"\n{}", offsets(original, &first)),
        &format!("quote = \"the Taliban\"\n{}", offsets(original, &second)),
        &format!(
            "quote = \"stayed\"\n{}",
            offsets(original, &nth(original, "stayed", 1))
        ),
    ]);
    let loaded = load_pair(&text, "txt", &annotations);
    assert_eq!(codes(&loaded), vec!["offsets-drifted"; 4]);
    assert_eq!(
        mention_spans(&loaded, "x"),
        [
            nth(&text, "met", 1),
            nth(&text, "Putin", 2),
            nth(&text, "the Taliban", 2),
            nth(&text, "stayed", 1)
        ]
    );
    assert_hints_silence(&text, "txt", &annotations);
}

#[test]
fn neighbours_that_disagree_and_fit_no_match_leave_an_ambiguity_error() {
    // Original: "Shoigu spoke. Putin left. Putin came. Mujahid wrote."
    // Edit: 4 characters in after Shoigu's sentence, 9 out after the
    // first Putin's. Neither shift (+0, -5) puts the second "Putin" on a
    // match.
    let original = "Shoigu spoke. Putin left. Putin came. Mujahid wrote.";
    let text = "Shoigu spoke. Yes. Putin left. Mujahid wrote.";
    let annotations = mentions(&[
        "quote = \"Shoigu\"\nstart = 0\nend = 6",
        &format!(
            "quote = \"Putin\"\n{}",
            offsets(original, &nth(original, "Putin", 2))
        ),
        &format!(
            "quote = \"Mujahid\"\n{}",
            offsets(original, &nth(original, "Mujahid", 1))
        ),
    ]);
    let loaded = load_pair(text, "txt", &annotations);
    // Only one Putin is left in the text, so it is found by the quote alone.
    assert_eq!(mention_texts(&loaded, "x"), ["Shoigu", "Putin", "Mujahid"]);

    let text = "Shoigu spoke. Yes. Putin left. Putin sat. Mujahid wrote.";
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["ambiguous-drift", "offsets-drifted"]);
    assert_eq!(
        loaded.diagnostics[0].notes[1],
        "2 of them lie between the passages settled on either side of it (which moved by +0 and +4 characters), where it must be"
    );
}

#[test]
fn a_prefix_chooses_among_drifted_matches_before_any_shift_is_needed() {
    let text = "Inserted. The group struck; later the group claimed it.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\nprefix = \"later\"\nstart = 22\nend = 31"),
    );
    assert_eq!(codes(&loaded), ["offsets-drifted"]);
    assert_eq!(mention_spans(&loaded, "x"), [nth(text, "the group", 1)]);
}

// --- Offsets that take in whitespace ------------------------------------------

#[test]
fn offsets_with_surrounding_whitespace_are_trimmed_to_the_quote_with_a_warning() {
    let text = "Troops left Moscow on Friday.";
    let padded = "quote = \"Moscow\"\nstart = 11\nend = 19";
    let loaded = load_pair(text, "txt", &mention(padded));
    assert_eq!(codes(&loaded), ["offsets-whitespace"]);
    assert_eq!(mention_texts(&loaded, "x"), ["Moscow"]);
    assert_eq!(
        loaded.diagnostics[0].message,
        "the offsets take in whitespace around the passage; anchored to 12..18 without it"
    );
    assert_hints_silence(text, "txt", &mention(padded));

    // A line break after the passage, offsets only.
    let text = "Kabul\nfell in August.";
    let loaded = load_pair(text, "txt", &mention("start = 0\nend = 6"));
    assert_eq!(codes(&loaded), ["offsets-whitespace"]);
    assert_eq!(mention_texts(&loaded, "x"), ["Kabul"]);
    assert_hints_silence(text, "txt", &mention("start = 0\nend = 6"));

    // Non-ASCII whitespace counts too; offsets are characters.
    let text = "Café\u{a0}Mireille\u{a0}closed.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"Mireille\"\nstart = 4\nend = 13"),
    );
    assert_eq!(codes(&loaded), ["offsets-whitespace"]);
    assert_eq!(mention_texts(&loaded, "x"), ["Mireille"]);
}

// --- Passages that start or end inside a word -------------------------------------

#[test]
fn a_quote_cut_inside_a_word_is_warned_of_with_the_whole_words() {
    let text = "The column moved slowly north. The attack on the venue began.";
    let loaded = load_pair(text, "txt", &mention("quote = \"slowly nort\""));
    assert_eq!(codes(&loaded), ["quote-inside-word"]);
    assert_eq!(
        loaded.diagnostics[0].message,
        "the passage ends inside a word"
    );
    assert_eq!(
        loaded.diagnostics[0]
            .suggestion
            .as_deref()
            .map(|s| &s.change),
        Some(&Change::Quote {
            quote: "slowly north".into(),
            start: 17,
            end: 29
        })
    );
    assert_hints_silence(text, "txt", &mention("quote = \"slowly nort\""));

    let loaded = load_pair(text, "txt", &mention("quote = \"he attack on the venue\""));
    assert_eq!(codes(&loaded), ["quote-inside-word"]);
    assert_eq!(
        loaded.diagnostics[0].message,
        "the passage starts inside a word"
    );
    assert_hints_silence(text, "txt", &mention("quote = \"he attack on the venue\""));

    let loaded = load_pair(text, "txt", &mention("quote = \"olumn moved slowl\""));
    assert_eq!(
        loaded.diagnostics[0].message,
        "the passage starts and ends inside a word"
    );
}

#[test]
fn part_of_word_says_a_cut_is_meant() {
    let text = "Russian troops; the Russia-Ukraine border.";
    let cut = load_pair(text, "txt", &mention("quote = \"Russia\"\noccurrence = 1"));
    assert_eq!(codes(&cut), ["quote-inside-word"]);
    let meant = load_pair(
        text,
        "txt",
        &mention("quote = \"Russia\"\noccurrence = 1\npart_of_word = true"),
    );
    assert!(meant.diagnostics.is_empty(), "{}", rendered(&meant));
    assert_eq!(mention_spans(&meant, "x"), [0..6]);
    // The other way to silence the warning, applied as a program would.
    let annotations = mention("quote = \"Russia\"\noccurrence = 1");
    let written = suggestion::apply(
        &annotations,
        &[&Suggestion {
            selector: cut.diagnostics[0]
                .suggestion
                .as_ref()
                .expect("suggestion")
                .selector
                .clone(),
            change: Change::PartOfWord,
        }],
    )
    .expect("applies");
    assert!(load_pair(text, "txt", &written).diagnostics.is_empty());
    // A whole word never warns, hyphen or not.
    let whole = load_pair(text, "txt", &mention("quote = \"Russia-Ukraine\""));
    assert!(whole.diagnostics.is_empty(), "{}", rendered(&whole));
}

#[test]
fn offsets_without_a_quote_that_cut_a_word_are_warned_of() {
    let text = "Troops left Moscow on Friday.";
    // "oscow ": a cut word and a trailing space.
    let loaded = load_pair(text, "txt", &mention("start = 13\nend = 19"));
    assert_eq!(
        codes(&loaded),
        ["offsets-whitespace", "offsets-inside-word"]
    );
    assert_eq!(mention_texts(&loaded, "x"), ["oscow"]);
    let cut = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == "offsets-inside-word")
        .expect("cut warning");
    assert_eq!(
        cut.message,
        "the passage at the offsets starts inside a word"
    );
    assert_eq!(
        cut.suggestion.as_deref().map(|s| &s.change),
        Some(&Change::Offsets {
            start: 12,
            end: 18,
            why: Why::WholeWord
        })
    );
    let loaded = load_pair(text, "txt", &mention("start = 12\nend = 16"));
    assert_eq!(codes(&loaded), ["offsets-inside-word"]);
    assert_hints_silence(text, "txt", &mention("start = 12\nend = 16"));
    let meant = load_pair(
        text,
        "txt",
        &mention("start = 12\nend = 16\npart_of_word = true"),
    );
    assert!(meant.diagnostics.is_empty(), "{}", rendered(&meant));
}

// --- Approximate matches that change words ----------------------------------------

#[test]
fn an_approximate_match_that_flips_a_word_names_the_words() {
    let text = "By dawn the column had moved north towards the river.";
    let annotations = mention("quote = \"the column had moved south towards\"");
    let loaded = load_pair(text, "txt", &annotations);
    // 34 characters, two of them changed: 94% similar, above the 85% an
    // approximate match needs, and yet the opposite direction.
    assert_eq!(codes(&loaded), ["approximate-words-differ"]);
    assert_eq!(
        loaded.diagnostics[0].message,
        "quote not found exactly; the closest match (94% similar) has other words: \"north\" where the quote has \"south\""
    );
    assert_eq!(
        mention_texts(&loaded, "x"),
        ["the column had moved north towards"]
    );
    assert_hints_silence(text, "txt", &annotations);
}

#[test]
fn an_approximate_match_with_a_typo_stays_a_plain_approximate_warning() {
    let text = "Officials declared a day of mourning on Sunday across the country.";
    let annotations = mention("quote = \"declared a day of morning on Sunday\"");
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["approximate-quote"]);
    assert_hints_silence(text, "txt", &annotations);
    // A dropped "not" is a word of its own.
    let text = "The minister said he did resign on Tuesday evening.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"the minister said he did not resign on Tuesday\""),
    );
    assert!(
        codes(&loaded) == ["approximate-words-differ"] || codes(&loaded) == ["quote-not-found"],
        "{}",
        rendered(&loaded)
    );
}

// --- Unicode normalisation ----------------------------------------------------------

#[test]
fn a_composed_quote_matches_a_decomposed_text_with_a_warning_naming_the_difference() {
    let text = "We met at the Cafe\u{301} Mireille at noon.";
    let annotations = mention("quote = \"Café Mireille\"");
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["quote-normalization"]);
    assert_eq!(mention_texts(&loaded, "x"), ["Cafe\u{301} Mireille"]);
    assert_eq!(
        loaded.diagnostics[0].notes,
        ["the quote has \"é\" (U+00E9), the text \"e\u{301}\" (U+0065 U+0301)"]
    );
    assert_hints_silence(text, "txt", &annotations);

    // And the other way round, in Markdown.
    let text = "# Notes\n\nWe met at the Café Mireille at noon.\n";
    let annotations = mention("quote = \"Cafe\u{301} Mireille\"");
    let loaded = load_pair(text, "md", &annotations);
    assert_eq!(codes(&loaded), ["quote-normalization"]);
    assert_eq!(mention_texts(&loaded, "x"), ["Café Mireille"]);
    assert_hints_silence(text, "md", &annotations);
}

#[test]
fn normalisation_does_not_match_half_a_cluster_nor_choose_between_two() {
    let text = "Cafe\u{301} one, Cafe\u{301} two.";
    let loaded = load_pair(text, "txt", &mention("quote = \"Café\""));
    assert_eq!(codes(&loaded), ["ambiguous-quote"]);
    let chosen = load_pair(text, "txt", &mention("quote = \"Café\"\noccurrence = 2"));
    assert_eq!(codes(&chosen), ["quote-normalization"]);
    assert_eq!(mention_spans(&chosen, "x"), [nth(text, "Cafe\u{301}", 2)]);
    // "Cafe" stops before the accent: no match in either form.
    let half = load_pair("Cafe\u{301}s", "txt", &mention("quote = \"Cafe\""));
    assert_eq!(codes(&half), ["quote-not-found"]);
}

#[test]
fn a_single_match_out_of_order_with_its_neighbours_is_taken_but_flagged_and_not_fixed() {
    // Written for "Kabul fell; Putin spoke. Shoigu agreed."; then the
    // passage itself was mistyped and another "Putin" added later on.
    let text = "Kabul fell; Putln spoke. Shoigu agreed. Putin left.";
    let annotations = mentions(&[
        "quote = \"Kabul\"\nstart = 0\nend = 5",
        "quote = \"Putin\"\nstart = 12\nend = 17",
        "quote = \"Shoigu\"\nstart = 25\nend = 31",
    ]);
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["offsets-drifted"]);
    let warning = &loaded.diagnostics[0];
    assert!(
        warning.notes[1].starts_with("the quote's only match, but out of order"),
        "{}",
        warning.render()
    );
    let suggestion = warning.suggestion.as_deref().expect("a suggestion");
    assert_eq!(
        suggestion.change,
        Change::Offsets {
            start: 40,
            end: 45,
            why: Why::Unconfirmed
        }
    );
    assert!(!suggestion.is_automatic(true), "--fix leaves it alone");
    // Where the order holds, the same single match is an ordinary drift.
    let text = "Kabul fell; and Putin spoke. Shoigu agreed.";
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["offsets-drifted", "offsets-drifted"]);
    assert_eq!(loaded.diagnostics[0].notes.len(), 1);
    assert!(
        loaded.diagnostics[0]
            .suggestion
            .as_deref()
            .is_some_and(|s| s.is_automatic(false))
    );
}

/// Every suggestion in the diagnostics corpus, applied: what it was for is
/// gone, and nothing new appears.
#[test]
fn every_suggestion_in_the_diagnostics_corpus_silences_its_warning() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fidelity-hints");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("broken")).expect("scratch");
    for text in ["article.md", "article.txt"] {
        std::fs::copy(root.join(text), scratch.join(text)).expect("copy the text");
    }
    let mut applied = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("broken"))
        .expect("corpus")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let loaded = load(&path, &FileSystem);
        let proposed = suggestions(&loaded);
        if proposed.is_empty() || loaded.error_count() > 0 {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("corpus file");
        let fixed = suggestion::apply(&source, &proposed).expect("suggestions apply");
        let copy = scratch.join("broken").join(path.file_name().expect("name"));
        std::fs::write(&copy, fixed).expect("write the copy");
        let again = load(&copy, &FileSystem);
        let unsuggested: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.suggestion.is_none())
            .map(|d| d.code)
            .collect();
        assert_eq!(
            codes(&again),
            unsuggested,
            "{}\n{}",
            path.display(),
            rendered(&again)
        );
        applied += proposed.len();
    }
    assert!(
        applied >= 6,
        "the corpus has suggestions to apply: {applied}"
    );
}

#[test]
fn passages_of_one_quote_in_one_gap_take_its_matches_in_order_when_they_are_as_many() {
    let original = "Kabul fell. Putin left. Putin met Shoigu.";
    let annotations = mentions(&[
        &format!(
            "quote = \"Kabul\"\n{}",
            offsets(original, &nth(original, "Kabul", 1))
        ),
        &format!(
            "quote = \"Putin\"\n{}",
            offsets(original, &nth(original, "Putin", 1))
        ),
        &format!(
            "quote = \"Putin\"\n{}",
            offsets(original, &nth(original, "Putin", 2))
        ),
        &format!(
            "quote = \"Shoigu\"\n{}",
            offsets(original, &nth(original, "Shoigu", 1))
        ),
    ]);
    // Two "Putin" between Kabul and Shoigu, and two passages quoting it.
    let text = format!("Today: {original}");
    let loaded = load_pair(&text, "txt", &annotations);
    assert_eq!(codes(&loaded), vec!["offsets-drifted"; 4]);
    assert_eq!(
        mention_spans(&loaded, "x"),
        [
            nth(&text, "Kabul", 1),
            nth(&text, "Putin", 1),
            nth(&text, "Putin", 2),
            nth(&text, "Shoigu", 1)
        ]
    );
    assert!(
        loaded.diagnostics[1].notes[1].contains("this is number 1 of them, in order"),
        "{}",
        rendered(&loaded)
    );
    assert_hints_silence(&text, "txt", &annotations);
    // A third "Putin" in the gap: which two are the passages is unknown.
    let text = "Today: Kabul fell. Putin left. Putin met Putin and Shoigu.";
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(
        codes(&loaded),
        [
            "ambiguous-drift",
            "ambiguous-drift",
            "offsets-drifted",
            "offsets-drifted"
        ]
    );
}
