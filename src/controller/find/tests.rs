//! The finders' behaviour, and that searching a text a stretch at a time
//! finds exactly what one search of the whole text finds.

use super::*;
use proptest::prelude::*;

#[test]
fn smart_case() {
    let text = "Moscow and moscow and MOSCOW";
    assert_eq!(find_literal(text, "moscow").len(), 3);
    assert_eq!(find_literal(text, "Moscow"), vec![0..6]);
    assert!(find_literal(text, "").is_empty());
}

#[test]
fn literal_search_folds_case_beyond_ascii() {
    let text = "Zoë and ZOË and zoe";
    assert_eq!(find_literal(text, "zoë").len(), 2);
    assert_eq!(find_literal(text, "Zoë"), vec![0..4]);
}

#[test]
fn escapes_do_not_make_a_pattern_case_sensitive() {
    let text = "Moscow, moscow";
    assert_eq!(find_regex(text, r"mos\w+\W").unwrap().len(), 1);
    assert_eq!(find_regex(text, r"\P{Greek}oscow").unwrap().len(), 2);
    assert_eq!(find_regex("aX ax", r"\pLx").unwrap(), vec![0..2, 3..5]);
    assert_eq!(find_regex(text, r"Mos\w+").unwrap(), vec![0..6]);
}

#[test]
fn a_query_that_matches_everywhere_keeps_at_most_the_cap() {
    let text = "a".repeat(MAX_MATCHES + 10);
    assert_eq!(find_literal(&text, "a").len(), MAX_MATCHES);
    assert_eq!(find_regex(&text, ".").unwrap().len(), MAX_MATCHES);
}

#[test]
fn whole_names_only() {
    let names = vec!["Kabul".to_string(), "Kabul airport".to_string()];
    let text = "Kabul airport, Kabuli bread, Kabul.";
    assert_eq!(find_names(text, &names), vec![0..13, 29..34]);
    // A longer name that runs into a word leaves the shorter one found.
    let names = vec!["Taliban".to_string(), "Taliban government".to_string()];
    assert_eq!(
        find_names("the Taliban governments fell", &names),
        vec![4..11]
    );
}

#[test]
fn regular_expressions_are_smart_case_and_bounded() {
    let text = "Moscow and moscow and MOSCOW in 2024";
    assert_eq!(find_regex(text, "mos[a-z]+").unwrap().len(), 3);
    assert_eq!(find_regex(text, "Mos[a-z]+").unwrap(), vec![0..6]);
    assert_eq!(find_regex(text, r"\d{4}").unwrap(), vec![32..36]);
    // Empty matches would pin `n` in place: they are dropped.
    assert!(find_regex(text, "x*").unwrap().is_empty());
    let error = find_regex(text, "(unclosed").unwrap_err();
    assert!(error.starts_with("regex: "), "{error}");
    assert!(!error.contains('\n'), "{error}");
    let huge = find_regex(text, "(a{1000}){1000}").unwrap_err();
    assert_eq!(huge, "regex: too big to search with");
}

/// The matches of `pattern` found stretch by stretch, `step` bytes at a
/// time, as the reader's keystrokes and its counting thread find them.
fn in_stretches(pattern: &Pattern, text: &str, step: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let until = floor_char_boundary(text, from + step).max(next_char(text, from));
        let stretch = pattern.find_in(text, from, until);
        assert!(
            stretch.next >= until,
            "the next stretch starts after this one"
        );
        found.extend(stretch.matches);
        from = stretch.next;
    }
    found
}

#[test]
fn a_stretch_reads_only_its_bytes_and_the_reach() {
    let text = format!("{}needle{}", "x".repeat(1000), "y".repeat(1000));
    let pattern = Pattern::literal("needle").unwrap();
    // The match starts inside 990..1000 and runs past its end.
    let stretch = pattern.find_in(&text, 990, 1001);
    assert_eq!(stretch.matches, vec![1000..1006]);
    assert_eq!(stretch.next, 1006);
    // A stretch that ends before the match does not see it.
    assert!(pattern.find_in(&text, 0, 1000).matches.is_empty());
}

#[test]
fn a_regex_match_cut_by_the_reach_is_followed_to_its_end() {
    let long = "b".repeat(3 * REGEX_REACH);
    let text = format!("xx a{long} c");
    let pattern = Pattern::regex("ab+").unwrap().unwrap();
    let stretch = pattern.find_in(&text, 0, 10);
    assert_eq!(stretch.matches, vec![3..4 + long.len()]);
    assert_eq!(stretch.next, 4 + long.len());
}

#[test]
fn look_around_sees_past_the_stretch() {
    // `$` and `\b` at a stretch's end are not the text's end.
    let text = "alpha beta\ngamma";
    let pattern = Pattern::regex(r"a$").unwrap().unwrap();
    assert_eq!(
        pattern.find_in(text, 0, 3).matches,
        Vec::<Range<usize>>::new()
    );
    assert_eq!(pattern.find_in(text, 0, 11).matches, vec![9..10]);
    let word = Pattern::regex(r"\bbet\b").unwrap().unwrap();
    assert!(word.find_in(text, 0, 9).matches.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn stretches_find_what_the_whole_text_finds(
        text in "[abAB é\n]{0,200}",
        query in "[abé]{1,3}",
        step in 1usize..40,
    ) {
        let literal = Pattern::literal(&query).unwrap();
        let whole = literal.find_in(&text, 0, text.len()).matches;
        prop_assert_eq!(in_stretches(&literal, &text, step), whole);
        for source in [format!("{query}+"), format!("(?:{query}|b)\\b"), format!("{query}$")] {
            let regex = Pattern::regex(&source).unwrap().unwrap();
            let whole = regex.find_in(&text, 0, text.len()).matches;
            prop_assert_eq!(in_stretches(&regex, &text, step), whole, "{}", source);
        }
        let names = vec![query.clone(), format!("{query} b"), "a".to_string()];
        let pattern = Pattern::names(&names).unwrap();
        let whole = pattern.find_in(&text, 0, text.len()).matches;
        prop_assert_eq!(in_stretches(&pattern, &text, step), whole);
    }
}
