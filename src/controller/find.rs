//! Finding text in the article: a literal query, a regular expression, or
//! every name of an entity as whole words. Smart case everywhere (a query
//! with no capital letter ignores case), and never more than
//! [`MAX_MATCHES`] matches, so a query that matches everywhere in a large
//! text costs bounded memory. Pure functions of the text and the query.

use std::ops::Range;

// A DFA takes quadratic time to build for a long repetitive pattern (a
// 50,000-character name: seconds); the contiguous NFA does not.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The most matches a search keeps (the status line says "100000+").
pub const MAX_MATCHES: usize = 100_000;

/// Compiled programs above this size are refused: a hostile or mistaken
/// pattern (`(a{1000}){1000}`) is an error message, not a stalled reader.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Every non-overlapping, non-empty match of a regular expression (the
/// `regex` crate's syntax: linear time, no back-references); ignoring case
/// unless the pattern has a capital letter.
pub fn find_regex(text: &str, pattern: &str) -> Result<Vec<Range<usize>>, String> {
    if pattern.is_empty() {
        return Ok(Vec::new());
    }
    let regex = regex::RegexBuilder::new(pattern)
        .case_insensitive(!has_capital(pattern, true))
        .multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(_) => "regex: too big to search with".to_string(),
            regex::Error::Syntax(text) => {
                // The crate's message spans lines with a caret drawing; the
                // status line has room for its last line, the reason.
                let reason = text.lines().rev().find(|l| !l.trim().is_empty());
                format!("regex: {}", reason.unwrap_or("not a valid pattern").trim())
            }
            _ => "regex: not a valid pattern".to_string(),
        })?;
    Ok(regex
        .find_iter(text)
        .filter(|m| !m.is_empty())
        .map(|m| m.start()..m.end())
        .take(MAX_MATCHES)
        .collect())
}

/// Every non-overlapping occurrence of `query`, ignoring case unless the
/// query has a capital letter.
pub fn find_literal(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let ignore_case = !has_capital(query, false);
    if ignore_case && !query.is_ascii() {
        // Aho-Corasick folds ASCII case only; "zoë" must find "ZOË" too.
        return find_regex(text, &regex::escape(query)).unwrap_or_default();
    }
    AhoCorasick::builder()
        .ascii_case_insensitive(ignore_case)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build([query])
        .map(|automaton| {
            automaton
                .find_iter(text)
                .map(|m| m.start()..m.end())
                .take(MAX_MATCHES)
                .collect()
        })
        .unwrap_or_default()
}

/// Every name (and alias) as a whole word, the longest at a place where
/// several start, none overlapping: what `*` finds for an entity. The
/// search is overlapping so that a shorter name is still found where a
/// longer one runs on into a word ("Taliban" in "Taliban governments").
pub fn find_names(text: &str, names: &[String]) -> Vec<Range<usize>> {
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(names)
    else {
        return Vec::new();
    };
    let whole_word = |range: &Range<usize>| {
        let before = text.get(..range.start).and_then(|t| t.chars().next_back());
        let after = text.get(range.end..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    let mut found: Vec<Range<usize>> = automaton
        .find_overlapping_iter(text)
        .map(|m| m.start()..m.end())
        .filter(whole_word)
        .collect();
    found.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut kept = Vec::new();
    let mut free_from = 0;
    for range in found {
        if range.start >= free_from {
            free_from = range.end;
            kept.push(range);
            if kept.len() == MAX_MATCHES {
                break;
            }
        }
    }
    kept
}

/// Whether a query has a capital letter, which makes a search match case.
/// In a regular expression an escape is no letter of the query: `\W`,
/// `\S` and `\P{Greek}` leave it smart-case.
fn has_capital(query: &str, regex: bool) -> bool {
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        if regex && c == '\\' {
            if let Some('p' | 'P') = chars.next() {
                // `\p{Greek}`, or a one-letter class such as `\pL`.
                if chars.next() == Some('{') {
                    chars.by_ref().find(|c| *c == '}');
                }
            }
            continue;
        }
        if c.is_uppercase() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
