//! Finding text in the article: a literal query, a regular expression, or
//! every name of an entity as whole words, compiled once into a
//! [`Pattern`] and then sought a stretch of text at a time
//! ([`Pattern::find_in`]), so that a keystroke searches only near the view
//! and a worker thread counts the rest (see `found` and `search`). Smart
//! case everywhere (a query with no capital letter ignores case). Pure
//! functions of the text and the query: no state, no threads.

use std::ops::Range;

// A DFA takes quadratic time to build for a long repetitive pattern (a
// 50,000-character name: seconds); the contiguous NFA does not.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, meta};

/// The most matches a search keeps in memory (the count goes on past it);
/// a query that matches everywhere in a large text costs bounded memory.
pub const MAX_MATCHES: usize = 100_000;

/// Compiled programs above this size are refused: a hostile or mistaken
/// pattern (`(a{1000}){1000}`) is an error message, not a stalled reader.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// How far past the end of a stretch a regular expression's match is
/// looked for when it starts inside the stretch. A match that reaches
/// this far is then followed to its true end; only a match whose *start*
/// depends on text further away than this (a pattern such as `a[^z]*z`
/// with the `z` 64 KiB on) can be found at a later start than a search of
/// the whole text would find it.
const REGEX_REACH: usize = 64 * 1024;

/// A query compiled for searching.
#[derive(Debug)]
pub struct Pattern {
    matcher: Matcher,
    /// The longest a match can run past the start of the stretch it is
    /// sought in, beyond the stretch's end.
    reach: usize,
    /// What it was compiled from: the kind and the query (names joined by
    /// a newline, which no name holds).
    source: (SourceKind, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceKind {
    Literal,
    Regex,
    Names,
}

/// Patterns compiled from the same query the same way are equal.
impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

#[derive(Debug)]
enum Matcher {
    /// A literal query: one pattern, non-overlapping.
    Literal(AhoCorasick),
    /// A regular expression, or a literal that folds case beyond ASCII.
    Regex(meta::Regex),
    /// Every name of an entity, whole words, longest first.
    Names(AhoCorasick),
}

/// The matches starting in one stretch of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stretch {
    /// In order, none overlapping, none empty.
    pub matches: Vec<Range<usize>>,
    /// Where a search of the following stretch must start: the stretch's
    /// end, or the end of its last match when that runs past it (matches
    /// never overlap).
    pub next: usize,
}

impl Pattern {
    /// A literal query: smart case; ASCII case folded by Aho-Corasick,
    /// other letters ("zoë" finds "ZOË") by the regex engine. `None` for an
    /// empty query.
    pub fn literal(query: &str) -> Option<Pattern> {
        if query.is_empty() {
            return None;
        }
        let ignore_case = !has_capital(query, false);
        if ignore_case && !query.is_ascii() {
            let regex = build_regex(&regex_syntax_escape(query), true).ok()?;
            // Case folding can change a letter's length (at most 4 bytes).
            let reach = 4 * query.chars().count();
            return Some(Pattern {
                matcher: Matcher::Regex(regex),
                reach,
                source: (SourceKind::Literal, query.to_string()),
            });
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(ignore_case)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build([query])
            .ok()?;
        Some(Pattern {
            matcher: Matcher::Literal(automaton),
            reach: query.len(),
            source: (SourceKind::Literal, query.to_string()),
        })
    }

    /// A regular expression (the `regex` crate's syntax: linear time, no
    /// back-references); ignoring case unless the pattern has a capital
    /// letter. `Ok(None)` for an empty pattern; `Err` says why it cannot be
    /// searched for, in one line.
    pub fn regex(pattern: &str) -> Result<Option<Pattern>, String> {
        if pattern.is_empty() {
            return Ok(None);
        }
        let regex = build_regex(pattern, !has_capital(pattern, true))?;
        Ok(Some(Pattern {
            matcher: Matcher::Regex(regex),
            reach: REGEX_REACH,
            source: (SourceKind::Regex, pattern.to_string()),
        }))
    }

    /// Every name (and alias) as a whole word, the longest at a place where
    /// several start, none overlapping: what `*` finds for an entity. The
    /// search is overlapping so that a shorter name is still found where a
    /// longer one runs on into a word ("Taliban" in "Taliban governments").
    pub fn names(names: &[String]) -> Option<Pattern> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(names)
            .ok()?;
        let reach = names.iter().map(String::len).max()?;
        Some(Pattern {
            matcher: Matcher::Names(automaton),
            reach,
            source: (SourceKind::Names, names.join("\n")),
        })
    }

    /// The matches that start in `from..until`, for a search that goes on
    /// from `from` (the previous stretch's `next`). Reads at most
    /// `until - from` bytes plus the pattern's reach, so its cost is
    /// bounded by the stretch, whatever the text's length.
    pub fn find_in(&self, text: &str, from: usize, until: usize) -> Stretch {
        let until = until.min(text.len());
        if from >= until {
            return Stretch {
                matches: Vec::new(),
                next: from.max(until),
            };
        }
        let reach_end = floor_char_boundary(text, until.saturating_add(self.reach));
        let span = Input::new(text).span(from..reach_end);
        let mut matches = Vec::new();
        let mut next = until;
        match &self.matcher {
            Matcher::Literal(automaton) => {
                let span = aho_corasick::Input::new(text).span(from..reach_end);
                for found in automaton.find_iter(span) {
                    if found.start() >= until {
                        break;
                    }
                    next = next.max(found.end());
                    matches.push(found.start()..found.end());
                }
            }
            Matcher::Regex(regex) => {
                let mut at = from;
                while at < until {
                    let Some(found) = regex.search(&span.clone().range(at..reach_end)) else {
                        break;
                    };
                    if found.start() >= until {
                        break;
                    }
                    if found.is_empty() {
                        // Empty matches would pin `n` in place: skipped.
                        at = next_char(text, found.start());
                        continue;
                    }
                    let mut end = found.end();
                    if end == reach_end && end < text.len() {
                        // Cut by the reach: follow it to its real end.
                        let whole = Input::new(text)
                            .span(found.start()..text.len())
                            .anchored(Anchored::Yes);
                        end = regex.search(&whole).map_or(end, |m| m.end());
                    }
                    matches.push(found.start()..end);
                    next = next.max(end);
                    at = end;
                }
            }
            Matcher::Names(automaton) => {
                let span = aho_corasick::Input::new(text).span(from..reach_end);
                let mut found: Vec<Range<usize>> = automaton
                    .find_overlapping_iter(span)
                    .map(|m| m.start()..m.end())
                    .filter(|m| m.start < until && whole_word(text, m))
                    .collect();
                found.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
                let mut free_from = from;
                for range in found {
                    if range.start >= free_from {
                        free_from = range.end;
                        next = next.max(range.end);
                        matches.push(range);
                    }
                }
            }
        }
        Stretch { matches, next }
    }

    /// Every match in the whole text, at most `MAX_MATCHES`: what a search
    /// of a small text does at once.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = self.find_in(text, 0, text.len()).matches;
        found.truncate(MAX_MATCHES);
        found
    }
}

fn build_regex(pattern: &str, ignore_case: bool) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .syntax(
            syntax::Config::new()
                .case_insensitive(ignore_case)
                .multi_line(true),
        )
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .dfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(REGEX_SIZE_LIMIT),
        )
        .build(pattern)
        .map_err(|error| {
            if error.size_limit().is_some() {
                return "regex: too big to search with".to_string();
            }
            match error.syntax_error() {
                Some(syntax) => {
                    // The message spans lines with a caret drawing; the
                    // status line has room for its last line, the reason.
                    let text = syntax.to_string();
                    let reason = text.lines().rev().find(|l| !l.trim().is_empty());
                    format!("regex: {}", reason.unwrap_or("not a valid pattern").trim())
                }
                None => "regex: not a valid pattern".to_string(),
            }
        })
}

/// A literal as a regular expression that matches exactly it.
fn regex_syntax_escape(literal: &str) -> String {
    regex::escape(literal)
}

fn whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text.get(..range.start).and_then(|t| t.chars().next_back());
    let after = text.get(range.end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The last character boundary at or before `at` (at most the length).
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The boundary after the character at `at`.
fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(at + 1, |c| at + c.len_utf8())
}

/// Every non-overlapping, non-empty match of a regular expression, at most
/// `MAX_MATCHES`.
pub fn find_regex(text: &str, pattern: &str) -> Result<Vec<Range<usize>>, String> {
    Ok(Pattern::regex(pattern)?.map_or_else(Vec::new, |p| p.find_all(text)))
}

/// Every non-overlapping occurrence of `query`, ignoring case unless the
/// query has a capital letter, at most `MAX_MATCHES`.
pub fn find_literal(text: &str, query: &str) -> Vec<Range<usize>> {
    Pattern::literal(query).map_or_else(Vec::new, |p| p.find_all(text))
}

/// Every name (and alias) as a whole word: what `*` finds.
pub fn find_names(text: &str, names: &[String]) -> Vec<Range<usize>> {
    Pattern::names(names).map_or_else(Vec::new, |p| p.find_all(text))
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
mod tests;
