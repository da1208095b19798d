//! Selector resolution and automatic mentions, through the public loader:
//! each case is a small text and annotation file loaded from memory.

// The expected values are lists of spans that happen to hold one span.
#![allow(clippy::single_range_in_vec_init)]

mod common;

use common::{assert_clean, codes, load_pair, mention_spans, mention_texts, with_entity};

fn mention(quote_fields: &str) -> String {
    with_entity(&format!("[[mention]]\nentity = \"x\"\n{quote_fields}\n"))
}

#[test]
fn whitespace_runs_match_line_breaks_and_no_break_spaces() {
    let text = "The hall held about 6,200\u{a0}seats and\nwas full\r\n  that night.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"6,200 seats and was   full that night\""),
    );
    assert_clean(&loaded);
    assert_eq!(
        mention_texts(&loaded, "x"),
        ["6,200\u{a0}seats and\nwas full\r\n  that night"]
    );
}

#[test]
fn quote_edges_ignore_their_own_whitespace() {
    let loaded = load_pair("a b c", "txt", &mention("quote = \"  b \\n\""));
    assert_clean(&loaded);
    assert_eq!(mention_spans(&loaded, "x"), [2..3]);
}

#[test]
fn curly_quotes_match_exactly_and_only_exactly() {
    let text = "He called it \u{201c}neutralised\u{201d} in a statement.";
    let curly = load_pair(
        text,
        "txt",
        &mention("quote = \"\u{201c}neutralised\u{201d}\""),
    );
    assert_clean(&curly);
    assert_eq!(mention_texts(&curly, "x"), ["\u{201c}neutralised\u{201d}"]);

    let straight = load_pair(text, "txt", &mention("quote = '\"neutralised\"'"));
    assert_eq!(codes(&straight), ["quote-not-found"]);
}

#[test]
fn prefix_suffix_and_occurrence_pick_one_match() {
    let text = "the group struck; later the group claimed it; the group fled.";
    let by_prefix = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\nprefix = \"later\""),
    );
    assert_clean(&by_prefix);
    assert_eq!(mention_spans(&by_prefix, "x"), [24..33]);

    let by_suffix = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\nsuffix = \"fled\""),
    );
    assert_eq!(mention_spans(&by_suffix, "x"), [46..55]);

    let by_occurrence = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\noccurrence = 2"),
    );
    assert_eq!(mention_spans(&by_occurrence, "x"), [24..33]);

    // Occurrence counts among the matches the prefix leaves: one here.
    let first_left = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\nprefix = \";\"\noccurrence = 1"),
    );
    assert_eq!(mention_spans(&first_left, "x"), [46..55]);
    let second_left = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\nprefix = \";\"\noccurrence = 2"),
    );
    assert_eq!(codes(&second_left), ["occurrence-out-of-range"]);
}

#[test]
fn an_unchosen_repeat_is_ambiguous_and_lists_every_match() {
    let text = "the group\nand\nthe group";
    let loaded = load_pair(text, "txt", &mention("quote = \"the group\""));
    assert_eq!(codes(&loaded), ["ambiguous-quote"]);
    assert_eq!(
        loaded.diagnostics[0].notes,
        ["matches in the text (line:column): 1:1, 3:1"]
    );
    let too_far = load_pair(
        text,
        "txt",
        &mention("quote = \"the group\"\noccurrence = 3"),
    );
    assert_eq!(codes(&too_far), ["occurrence-out-of-range"]);
}

#[test]
fn a_prefix_that_never_fits_is_not_found() {
    let loaded = load_pair(
        "said the minister",
        "txt",
        &mention("quote = \"the minister\"\nprefix = \"asked\""),
    );
    assert_eq!(codes(&loaded), ["quote-not-found"]);
    assert!(
        loaded.diagnostics[0]
            .message
            .contains("never with this prefix")
    );
}

#[test]
fn offsets_count_characters_across_multibyte_text() {
    // "Zürich – 東京 🇷🇺 Beslan": ü, the dash, CJK and a flag are multi-byte;
    // the flag is two scalar values.
    let text = "Z\u{fc}rich \u{2013} \u{6771}\u{4eac} \u{1f1f7}\u{1f1fa} Beslan";
    let loaded = load_pair(
        text,
        "txt",
        &mention("start = 15\nend = 21\nquote = \"Beslan\""),
    );
    assert_clean(&loaded);
    assert_eq!(mention_texts(&loaded, "x"), ["Beslan"]);

    let flag = load_pair(text, "txt", &mention("start = 12\nend = 14"));
    assert_clean(&flag);
    assert_eq!(mention_texts(&flag, "x"), ["\u{1f1f7}\u{1f1fa}"]);
}

#[test]
fn offsets_inside_a_grapheme_are_rejected() {
    // "Café" with the accent as a combining mark: 'e' + U+0301.
    let text = "Cafe\u{301} Crocus";
    let combining = load_pair(text, "txt", &mention("start = 0\nend = 4"));
    assert_eq!(codes(&combining), ["offset-inside-grapheme"]);

    let family = "a \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} b";
    let emoji = load_pair(family, "txt", &mention("start = 2\nend = 4"));
    assert_eq!(codes(&emoji), ["offset-inside-grapheme"]);
    let whole = load_pair(family, "txt", &mention("start = 2\nend = 7"));
    assert_clean(&whole);
}

#[test]
fn a_quote_never_matches_half_a_grapheme() {
    let text = "Cafe\u{301} and Cafe here";
    let loaded = load_pair(text, "txt", &mention("quote = \"Cafe\""));
    assert_clean(&loaded);
    assert_eq!(mention_spans(&loaded, "x"), [11..15]);
}

#[test]
fn offsets_past_the_end_or_reversed_are_errors() {
    let past = load_pair("short", "txt", &mention("start = 2\nend = 9"));
    assert_eq!(codes(&past), ["offset-out-of-range"]);
    let reversed = load_pair("short", "txt", &mention("start = 3\nend = 3"));
    assert_eq!(codes(&reversed), ["offset-out-of-range"]);
}

#[test]
fn crlf_text_counts_both_characters_and_still_matches_quotes() {
    let text = "first line\r\nCrocus City\r\nHall burned\r\n";
    let by_quote = load_pair(text, "txt", &mention("quote = \"Crocus City Hall\""));
    assert_clean(&by_quote);
    assert_eq!(mention_texts(&by_quote, "x"), ["Crocus City\r\nHall"]);
    let by_offsets = load_pair(
        text,
        "txt",
        &mention("start = 12\nend = 18\nquote = \"Crocus\""),
    );
    assert_clean(&by_offsets);
    assert_eq!(mention_texts(&by_offsets, "x"), ["Crocus"]);
}

#[test]
fn drifted_offsets_are_reanchored_by_the_quote_with_a_warning() {
    let text = "An edit moved it: Krasnogorsk lies west of Moscow.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("start = 10\nend = 21\nquote = \"Krasnogorsk\""),
    );
    assert_eq!(codes(&loaded), ["offsets-drifted"]);
    assert_eq!(mention_texts(&loaded, "x"), ["Krasnogorsk"]);
    assert_eq!(
        loaded.diagnostics[0].hint.as_deref(),
        Some("update the offsets to `start = 18` and `end = 29` (`brief check --fix` does)")
    );
}

#[test]
fn an_approximate_quote_is_accepted_with_a_warning() {
    let text = "The president declared Sunday a day of mourning across Russia.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"declared Sunday a day of morning\""),
    );
    assert_eq!(codes(&loaded), ["approximate-quote"]);
    assert_eq!(
        mention_texts(&loaded, "x"),
        ["declared Sunday a day of mourning"]
    );
    let notes = &loaded.diagnostics[0].notes;
    assert_eq!(notes[0], "quote: \"declared Sunday a day of morning\"");
    assert_eq!(notes[1], "text:  \"declared Sunday a day of mourning\"");
}

#[test]
fn a_near_miss_is_rejected_and_shows_the_nearest_candidate() {
    let text = "The toll rose to at least 137 dead by the Sunday evening.";
    let loaded = load_pair(
        text,
        "txt",
        &mention("quote = \"the toll fell to about 90 by Monday\""),
    );
    assert_eq!(codes(&loaded), ["quote-not-found"]);
    assert!(loaded.diagnostics[0].notes[0].starts_with("nearest at line 1"));
    assert!(loaded.briefing.is_none());
}

#[test]
fn markdown_quotes_may_be_copied_from_the_screen() {
    let text = "# Title\n\nPutin declared a *day of mourning* for **Sunday**.\n";
    let loaded = load_pair(
        text,
        "md",
        &mention("quote = \"a day of mourning for Sunday\""),
    );
    assert_clean(&loaded);
    assert_eq!(
        mention_texts(&loaded, "x"),
        ["a *day of mourning* for **Sunday"]
    );
}

#[test]
fn markdown_source_quotes_still_work() {
    let text = "Putin declared a *day of mourning*.\n";
    let loaded = load_pair(text, "md", &mention("quote = \"a *day of mourning*\""));
    assert_clean(&loaded);
}

const ENTITIES: &str = r#"format = 1

[[entity]]
id = "russia"
name = "Russia"
kind = "place"

[[entity]]
id = "isis"
name = "Islamic State"
aliases = ["ISIS"]
kind = "organization"

[[entity]]
id = "isis-k"
name = "ISIS-K"
aliases = ["Islamic State Khorasan Province"]
kind = "organization"

[[entity]]
id = "crocus"
name = "Crocus City Hall"
kind = "facility"

[[entity]]
id = "attack"
name = "the Crocus City Hall attack"
kind = "event"

[[entity]]
id = "putin"
name = "Vladimir Putin"
aliases = ["Putin"]
kind = "person"
"#;

#[test]
fn names_match_whole_words_only() {
    let text = "Russia, Russian forces and Russia's allies. ISIS-K and ISIS. Putin.";
    let loaded = load_pair(
        text,
        "txt",
        &format!(
            "{ENTITIES}\n[[mention]]\nentity = \"crocus\"\nquote = \"allies\"\n[[mention]]\nentity = \"attack\"\nquote = \"forces\"\n"
        ),
    );
    assert_clean(&loaded);
    assert_eq!(mention_spans(&loaded, "russia"), [0..6, 27..33]);
}

#[test]
fn the_longest_name_wins_at_one_place() {
    let text = "ISIS-K is not ISIS. the Crocus City Hall attack. Vladimir Putin spoke; Putin left.";
    let loaded = load_pair(
        text,
        "txt",
        &format!("{ENTITIES}\n[[mention]]\nentity = \"russia\"\nquote = \"spoke\"\n"),
    );
    assert_clean(&loaded);
    assert_eq!(mention_texts(&loaded, "isis-k"), ["ISIS-K"]);
    assert_eq!(mention_texts(&loaded, "isis"), ["ISIS"]);
    // Nested entities are both kept...
    assert_eq!(
        mention_texts(&loaded, "attack"),
        ["the Crocus City Hall attack"]
    );
    assert_eq!(mention_texts(&loaded, "crocus"), ["Crocus City Hall"]);
    // ...but an alias inside the full name of the same entity is not.
    assert_eq!(mention_texts(&loaded, "putin"), ["Vladimir Putin", "Putin"]);
    let briefing = loaded.briefing.as_ref().unwrap();
    let starts: Vec<usize> = briefing.mentions.iter().map(|m| m.span.start).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "mentions sorted: {starts:?}"
    );
}

#[test]
fn names_match_across_line_breaks() {
    let text = "at Crocus City\nHall, then";
    let loaded = load_pair(
        text,
        "txt",
        &format!(
            "{ENTITIES}\n[[mention]]\nentity = \"russia\"\nquote = \"then\"\n[[mention]]\nentity = \"attack\"\nquote = \"at\"\n[[mention]]\nentity = \"isis\"\nquote = \"then\"\n[[mention]]\nentity = \"isis-k\"\nquote = \"then\"\n[[mention]]\nentity = \"putin\"\nquote = \"then\"\n"
        ),
    );
    assert_eq!(mention_texts(&loaded, "crocus"), ["Crocus City\nHall"]);
}

#[test]
fn explicit_mentions_replace_automatic_ones_and_nest() {
    let text = "Vladimir Putin said the Kremlin leader would act.";
    let annotations = r#"format = 1

[[entity]]
id = "putin"
name = "Vladimir Putin"
aliases = ["Putin"]
kind = "person"

[[entity]]
id = "kremlin"
name = "Kremlin"
kind = "organization"

[[mention]]
entity = "putin"
quote = "the Kremlin leader"
"#;
    let loaded = load_pair(text, "txt", annotations);
    assert_clean(&loaded);
    assert_eq!(
        mention_texts(&loaded, "putin"),
        ["Vladimir Putin", "the Kremlin leader"]
    );
    // "Kremlin" nests inside the explicit mention of another entity: kept.
    assert_eq!(mention_texts(&loaded, "kremlin"), ["Kremlin"]);
}

#[test]
fn an_explicit_mention_crossing_an_automatic_one_replaces_it() {
    let text = "near Crocus City Hall today";
    let annotations = format!(
        "{ENTITIES}\n[[mention]]\nentity = \"russia\"\nquote = \"City Hall today\"\n[[mention]]\nentity = \"attack\"\nquote = \"near\"\n[[mention]]\nentity = \"isis\"\nquote = \"near\"\n[[mention]]\nentity = \"isis-k\"\nquote = \"near\"\n[[mention]]\nentity = \"putin\"\nquote = \"near\"\n"
    );
    let loaded = load_pair(text, "txt", &annotations);
    let briefing = loaded.briefing.as_ref().expect("loads");
    let crocus = briefing.entity_by_id("crocus").unwrap();
    assert_eq!(
        briefing.mentions_of(crocus).count(),
        0,
        "crossed automatic mention is gone"
    );
    assert!(codes(&loaded).contains(&"unused-entity"));
}

#[test]
fn crossing_explicit_mentions_are_kept_with_a_warning() {
    let text = "one two three four";
    let annotations = with_entity(
        "[[mention]]\nentity = \"x\"\nquote = \"one two three\"\n\n[[mention]]\nentity = \"x\"\nquote = \"three four\"\n",
    );
    let loaded = load_pair(text, "txt", &annotations);
    assert_eq!(codes(&loaded), ["crossing-mentions"]);
    assert_eq!(mention_texts(&loaded, "x"), ["one two three", "three four"]);
}

#[test]
fn a_mention_may_span_a_paragraph_break() {
    let text = "# One\n\nend of the first\n\nstart of the second\n";
    let loaded = load_pair(text, "md", &mention("quote = \"first start\""));
    assert_clean(&loaded);
    assert_eq!(mention_texts(&loaded, "x"), ["first\n\nstart"]);
}

#[test]
fn suppress_removes_a_wrong_automatic_match() {
    let text = "Spartak Moscow beat them. Moscow mourned.";
    let annotations = r#"format = 1

[[entity]]
id = "moscow"
name = "Moscow"
kind = "place"

[[suppress]]
quote = "Moscow"
prefix = "Spartak"
entity = "moscow"
"#;
    let loaded = load_pair(text, "txt", annotations);
    assert_clean(&loaded);
    assert_eq!(mention_spans(&loaded, "moscow"), [26..32]);
}

#[test]
fn drifted_offsets_never_pick_the_nearest_of_several_matches() {
    let text = "the gymnasium roof; later the gymnasium floor; the gymnasium door";
    // The offsets are off by two, nearest the second match; but nothing
    // else in the file says which was meant (issue 17): an error listing
    // them, not a guess.
    let loaded = load_pair(
        text,
        "txt",
        &mention("start = 28\nend = 41\nquote = \"the gymnasium\""),
    );
    assert_eq!(codes(&loaded), ["ambiguous-drift"]);
    assert_eq!(
        loaded.diagnostics[0].notes[0],
        "matches in the text (line:column): 1:1 (start = 0, end = 13), 1:27 (start = 26, end = 39), 1:48 (start = 47, end = 60)"
    );
}

#[test]
fn a_broken_entity_table_does_not_cascade_into_unknown_references() {
    let annotations = "format = 1\n\n[[entity]]\nid = \"harlow\"\nname = \"Harlow\"\nkind = \"place\"\nsummary = 3\n\n[[mention]]\nentity = \"harlow\"\nquote = \"Harlow\"\n";
    let loaded = load_pair("Harlow.", "txt", annotations);
    assert_eq!(codes(&loaded), ["wrong-type"]);
}

#[test]
fn link_targets_and_definitions_are_not_text() {
    let text = "See [Moscow](https://example.org/Moscow) and [the city][m].\n\n[m]: https://example.org/ \"Moscow\"\n";
    let loaded = load_pair(text, "md", &mention("quote = \"Moscow\""));
    assert_clean(&loaded);
    assert_eq!(mention_spans(&loaded, "x"), [5..11]);
}

#[test]
fn a_character_reference_at_the_start_keeps_its_whole_span() {
    let text = "&ldquo;Hello,&rdquo; she said.\n";
    let loaded = load_pair(text, "md", &mention("quote = \"\u{201c}Hello\""));
    assert_clean(&loaded);
    assert_eq!(mention_texts(&loaded, "x"), ["&ldquo;Hello"]);
}

#[test]
fn prefix_and_occurrence_count_what_the_reader_sees() {
    let text = "He said the minister left. Later he said *the minister* stayed.\n";
    let loaded = load_pair(
        text,
        "md",
        &mention("quote = \"the minister\"\nprefix = \"said\"\noccurrence = 2"),
    );
    assert_clean(&loaded);
    assert_eq!(mention_texts(&loaded, "x"), ["the minister"]);
    assert_eq!(
        mention_spans(&loaded, "x")[0].start,
        text.rfind("the minister").unwrap()
    );
}

#[test]
fn an_approximate_match_never_splits_a_letter_from_its_accent() {
    let text = "The mayor visited the cafe\u{301} victims today.";
    let loaded = load_pair(text, "txt", &mention("quote = \"mayor visited the cafe\""));
    let spans = mention_spans(&loaded, "x");
    assert_eq!(codes(&loaded), ["approximate-quote"]);
    assert!(text[spans[0].clone()].ends_with("cafe\u{301}"));
}

#[test]
fn an_accented_letter_before_a_name_is_part_of_the_word() {
    let text = "e\u{301}Bob met Bob.";
    let annotations = "format = 1\n\n[[entity]]\nid = \"bob\"\nname = \"Bob\"\nkind = \"person\"\n";
    let loaded = load_pair(text, "txt", annotations);
    assert_eq!(mention_spans(&loaded, "bob"), [11..14]);
}

#[test]
fn unusable_offsets_with_a_quote_are_reanchored_by_it() {
    let past_end = load_pair(
        "Bob",
        "txt",
        &mention("quote = \"Bob\"\nstart = 0\nend = 5"),
    );
    assert_eq!(codes(&past_end), ["offsets-drifted"]);
    assert_eq!(mention_texts(&past_end, "x"), ["Bob"]);
    assert!(past_end.diagnostics[0].notes[0].contains("`end = 5` lies past the end"));

    // Without a match for the quote, the offsets' own error stands.
    let both_wrong = load_pair(
        "Bob",
        "txt",
        &mention("quote = \"Robert Smith\"\nstart = 0\nend = 5"),
    );
    assert_eq!(
        codes(&both_wrong),
        ["quote-not-found", "offset-out-of-range"]
    );
}

#[test]
fn offsets_count_the_stored_text_even_where_it_is_shown_as_markers() {
    // ESC, a bidi override, a zero-width space and NEL are each one
    // character of the stored text, however they are shown.
    let text = "\u{1b}]0;x\u{7}\u{202e}\u{200b}\u{85} Beslan";
    let loaded = load_pair(
        text,
        "txt",
        &mention("start = 10\nend = 16\nquote = \"Beslan\""),
    );
    assert_clean(&loaded);
    assert_eq!(mention_texts(&loaded, "x"), ["Beslan"]);
}

#[test]
fn a_megabyte_quote_is_refused_quickly_and_plainly() {
    let quote = "a".repeat(1_000_000);
    let loaded = load_pair(
        "some text",
        "txt",
        &mention(&format!("quote = \"{quote}\"")),
    );
    assert_eq!(codes(&loaded), ["quote-not-found"]);
}

// Regressions from fuzzing (fuzz/regressions/*/slow-periodic-*): building
// a DFA for a long repetitive name or query took seconds to minutes. These
// exercise the same paths; their outcome is checked, their speed is the
// benchmarks' business.

#[test]
fn a_long_repetitive_entity_name_is_found() {
    let name = "word ".repeat(8_000);
    let name = name.trim_end();
    let annotations =
        format!("format = 1\n\n[[entity]]\nid = \"x\"\nname = \"{name}\"\nkind = \"other\"\n");
    let loaded = load_pair(name, "txt", &annotations);
    assert_eq!(mention_spans(&loaded, "x"), [0..name.len()]);
}

#[test]
fn searching_for_an_entity_with_a_long_repetitive_name_finds_it() {
    let name = "word ".repeat(8_000);
    let name = name.trim_end();
    let annotations =
        format!("format = 1\n\n[[entity]]\nid = \"x\"\nname = \"{name}\"\nkind = \"other\"\n");
    let briefing = load_pair(name, "txt", &annotations)
        .briefing
        .expect("loads");
    let mut state = brief::controller::State::new(
        briefing,
        brief::controller::Keymap::default_keymap(),
        80,
        24,
    );
    brief::controller::press(&mut state, "<Tab>*").expect("valid keys");
    assert_eq!(state.search().matches(), [0..name.len()]);
}

#[test]
fn a_long_repetitive_search_query_is_found() {
    let text = "word ".repeat(20_000);
    let found = brief::controller::find_literal(&text, &"word ".repeat(8_000));
    assert_eq!(found.len(), 2);
}

#[test]
fn many_entities_on_one_span_each_repeat_points_at_its_own_first() {
    // Forty entities each mention the same word twice: more than a short
    // list holds, so the repeats past it are found another way.
    let mut annotations = String::from("format = 1\n");
    for entity in 0..40 {
        annotations.push_str(&format!(
            "\n[[entity]]\nid = \"e{entity}\"\nname = \"unused {entity}\"\nkind = \"other\"\nauto = false\n"
        ));
    }
    let mut first_lines = Vec::new();
    for round in 0..2 {
        for entity in 0..40 {
            annotations.push_str("\n[[mention]]\n");
            if round == 0 {
                first_lines.push(annotations.lines().count());
            }
            annotations.push_str(&format!("entity = \"e{entity}\"\nquote = \"word\"\n"));
        }
    }
    let loaded = load_pair("a word here", "txt", &annotations);
    assert_eq!(codes(&loaded), vec!["duplicate-mention"; 40]);
    let others: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| d.render())
        .filter_map(|r| {
            Some(
                r.split("the other is at line ")
                    .nth(1)?
                    .lines()
                    .next()?
                    .to_string(),
            )
        })
        .collect();
    let expected: Vec<String> = first_lines.iter().map(ToString::to_string).collect();
    assert_eq!(others, expected);
}
