//! Turning selectors and entity names into byte ranges of the text.
//!
//! All quotes and names are found in one Aho-Corasick pass over the
//! whitespace-folded text, so the cost is linear in the text plus the
//! annotations however many selectors there are. Quotes with no match in the
//! Markdown source get a second pass, together, over the rendered text; only
//! quotes with no exact match anywhere go to the approximate search.

mod approximate;
mod selector;

pub use selector::Selector;

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_segmentation::GraphemeCursor;

use super::diagnostic::{Diagnostic, Reporter};
use super::projection::{Projection, fold_whitespace};
use super::structure::rendered_projection;
use crate::model::{Document, TextFormat};
use approximate::Outcome;

/// What anchoring produced.
#[derive(Debug, Default)]
pub struct Anchored {
    /// One per selector, in order: the byte range, or `None` after an error.
    pub spans: Vec<Option<Range<usize>>>,
    /// One per name, in order: every match on grapheme boundaries.
    pub name_matches: Vec<Vec<Range<usize>>>,
}

/// Resolves every selector and finds every name.
pub fn resolve(
    text: &Document,
    selectors: &[Selector],
    names: &[String],
    reporter: &mut Reporter<'_>,
) -> Anchored {
    let source = Projection::of_source(&text.text);
    let mut patterns = Patterns::default();
    let name_ids: Vec<usize> = names
        .iter()
        .map(|name| patterns.id(&fold_whitespace(name, true)))
        .collect();
    let quote_ids: Vec<Option<usize>> = selectors
        .iter()
        .map(|selector| selector.quote.as_deref().map(|quote| patterns.id(quote)))
        .collect();
    let source_matches = patterns.find_all(&source, &text.text, reporter);

    let name_matches = name_ids
        .iter()
        .map(|&id| {
            source_matches
                .get(id)
                .map(|found| {
                    found
                        .iter()
                        .map(|m| source.source_range(m.clone()))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();

    let char_to_byte = CharOffsets::new(
        &text.text,
        selectors.iter().filter_map(|s| s.offsets.clone()),
    );
    let mut resolver = Resolver {
        text,
        source,
        rendered: None,
        reporter,
    };
    let mut spans = Vec::with_capacity(selectors.len());
    let mut deferred = Vec::new();
    for (index, selector) in selectors.iter().enumerate() {
        let matches = quote_ids
            .get(index)
            .copied()
            .flatten()
            .and_then(|id| source_matches.get(id))
            .map_or(&[][..], Vec::as_slice);
        match resolver.first_pass(selector, matches, &char_to_byte) {
            FirstPass::Done(span) => spans.push(span),
            FirstPass::Retry(drifted_from) => {
                spans.push(None);
                deferred.push((index, drifted_from));
            }
        }
    }
    if !deferred.is_empty() {
        resolver.second_pass(selectors, &deferred, &mut spans);
    }
    Anchored {
        spans,
        name_matches,
    }
}

/// Distinct folded patterns and their ids.
#[derive(Default)]
struct Patterns {
    ids: HashMap<String, usize>,
    list: Vec<String>,
}

impl Patterns {
    fn id(&mut self, pattern: &str) -> usize {
        if let Some(&id) = self.ids.get(pattern) {
            return id;
        }
        let id = self.list.len();
        self.ids.insert(pattern.to_string(), id);
        self.list.push(pattern.to_string());
        id
    }

    /// Every match of every pattern, overlapping ones included, as ranges of
    /// the projection, keeping only those on grapheme boundaries of `text`.
    fn find_all(
        &self,
        projection: &Projection,
        text: &str,
        reporter: &mut Reporter<'_>,
    ) -> Vec<Vec<Range<usize>>> {
        let mut found = vec![Vec::new(); self.list.len()];
        let searchable: Vec<&str> = self.list.iter().map(String::as_str).collect();
        if searchable.iter().all(|pattern| pattern.is_empty()) {
            return found;
        }
        let automaton = match AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&searchable)
        {
            Ok(automaton) => automaton,
            Err(error) => {
                reporter.diagnostics.push(Diagnostic::error(
                    "too-large",
                    format!("cannot build the quote matcher: {error}"),
                ));
                return found;
            }
        };
        for hit in automaton.find_overlapping_iter(&projection.text) {
            let range = hit.start()..hit.end();
            if range.is_empty() {
                continue;
            }
            let source = projection.source_range(range.clone());
            if is_grapheme_boundary(text, source.start) && is_grapheme_boundary(text, source.end) {
                if let Some(list) = found.get_mut(hit.pattern().as_usize()) {
                    list.push(range);
                }
            }
        }
        found
    }
}

pub fn is_grapheme_boundary(text: &str, offset: usize) -> bool {
    if offset == 0 || offset == text.len() {
        return true;
    }
    if !text.is_char_boundary(offset) {
        return false;
    }
    GraphemeCursor::new(offset, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// Character offsets requested by selectors, turned into byte offsets in one
/// walk over the text.
struct CharOffsets {
    map: HashMap<usize, usize>,
}

impl CharOffsets {
    fn new(text: &str, requested: impl Iterator<Item = Range<usize>>) -> Self {
        let mut wanted: Vec<usize> = requested
            .flat_map(|range| [range.start, range.end])
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut map = HashMap::with_capacity(wanted.len());
        let mut next = wanted.iter().peekable();
        let positions = text
            .char_indices()
            .map(|(byte, _)| byte)
            .chain([text.len()]);
        for (chars, byte) in positions.enumerate() {
            match next.peek() {
                Some(&&want) if want == chars => {
                    map.insert(chars, byte);
                    next.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        Self { map }
    }

    fn byte(&self, chars: usize) -> Option<usize> {
        self.map.get(&chars).copied()
    }
}

/// Where one selector got to.
enum FirstPass {
    Done(Option<Range<usize>>),
    /// No usable match in the source; try the rendered text. Carries the
    /// byte range of the offsets when they were given but did not fit.
    Retry(Option<Range<usize>>),
}

/// How the matches of a quote narrowed down.
enum Pick {
    Found(Range<usize>),
    /// The quote does not occur at all.
    Absent,
    /// It occurs this many times, but never with the prefix/suffix.
    Filtered(usize),
    Ambiguous(Vec<Range<usize>>),
    TooFew(Vec<Range<usize>>),
}

struct Resolver<'t, 'r, 'a> {
    text: &'t Document,
    source: Projection,
    rendered: Option<Projection>,
    reporter: &'r mut Reporter<'a>,
}

impl Resolver<'_, '_, '_> {
    fn first_pass(
        &mut self,
        selector: &Selector,
        matches: &[Range<usize>],
        offsets: &CharOffsets,
    ) -> FirstPass {
        let mut drifted_from = None;
        if let Some(chars) = &selector.offsets {
            let Some(bytes) = self.check_offsets(selector, chars, offsets) else {
                return FirstPass::Done(None);
            };
            match &selector.quote {
                None => return FirstPass::Done(Some(bytes)),
                Some(quote) => {
                    let at_offsets = self.text.text.get(bytes.clone()).unwrap_or_default();
                    if fold_whitespace(at_offsets, true) == *quote {
                        return FirstPass::Done(Some(bytes));
                    }
                    drifted_from = Some(bytes);
                }
            }
        }
        match pick(&self.source, matches, selector) {
            Pick::Found(range) => {
                let span = self.source.source_range(range);
                self.warn_if_drifted(selector, drifted_from.as_ref(), &span);
                FirstPass::Done(Some(span))
            }
            Pick::Ambiguous(all) => {
                let lines = self.lines_of(&self.source, &all);
                self.report_ambiguous(selector, &lines);
                FirstPass::Done(None)
            }
            Pick::TooFew(all) => {
                let lines = self.lines_of(&self.source, &all);
                self.report_too_few(selector, &lines);
                FirstPass::Done(None)
            }
            Pick::Absent | Pick::Filtered(_) => FirstPass::Retry(drifted_from),
        }
    }

    fn second_pass(
        &mut self,
        selectors: &[Selector],
        deferred: &[(usize, Option<Range<usize>>)],
        spans: &mut [Option<Range<usize>>],
    ) {
        let rendered = match self.text.format {
            TextFormat::Markdown => rendered_projection(self.text),
            // Plain text shows as stored: the approximate search runs on
            // the source projection.
            TextFormat::Plain => self.source.clone(),
        };
        let mut patterns = Patterns::default();
        let ids: Vec<Option<usize>> = deferred
            .iter()
            .map(|(index, _)| {
                let quote = selectors.get(*index)?.quote.as_deref()?;
                Some(patterns.id(quote))
            })
            .collect();
        let rendered_matches = if self.text.format == TextFormat::Markdown {
            patterns.find_all(&rendered, &self.text.text, self.reporter)
        } else {
            Vec::new()
        };
        self.rendered = Some(rendered);
        for ((index, drifted_from), id) in deferred.iter().zip(ids) {
            let Some(selector) = selectors.get(*index) else {
                continue;
            };
            let matches = id
                .and_then(|id| rendered_matches.get(id))
                .map_or(&[][..], Vec::as_slice);
            let span = self.resolve_rendered(selector, matches, drifted_from.as_ref());
            if let Some(slot) = spans.get_mut(*index) {
                *slot = span;
            }
        }
    }

    fn resolve_rendered(
        &mut self,
        selector: &Selector,
        matches: &[Range<usize>],
        drifted_from: Option<&Range<usize>>,
    ) -> Option<Range<usize>> {
        let rendered = self.rendered.take().unwrap_or_default();
        let outcome = match pick(&rendered, matches, selector) {
            Pick::Found(range) => {
                let span = rendered.source_range(range);
                self.warn_if_drifted(selector, drifted_from, &span);
                Some(span)
            }
            Pick::Ambiguous(all) => {
                let lines = self.lines_of(&rendered, &all);
                self.report_ambiguous(selector, &lines);
                None
            }
            Pick::TooFew(all) => {
                let lines = self.lines_of(&rendered, &all);
                self.report_too_few(selector, &lines);
                None
            }
            Pick::Filtered(count) => {
                self.report_filtered(selector, count);
                None
            }
            Pick::Absent => {
                let source_count = self.count_in_source(selector);
                if source_count > 0 {
                    self.report_filtered(selector, source_count);
                    None
                } else {
                    self.approximate(selector, &rendered, drifted_from)
                }
            }
        };
        self.rendered = Some(rendered);
        outcome
    }

    fn count_in_source(&self, selector: &Selector) -> usize {
        selector
            .quote
            .as_deref()
            .map_or(0, |quote| self.source.text.matches(quote).count())
    }

    fn approximate(
        &mut self,
        selector: &Selector,
        searched: &Projection,
        drifted_from: Option<&Range<usize>>,
    ) -> Option<Range<usize>> {
        let quote = selector.quote.as_deref()?;
        let quoted = |range: &Range<usize>| -> String {
            let span = searched.source_range(range.clone());
            self.text.text.get(span).unwrap_or_default().to_string()
        };
        match approximate::search(&searched.text, quote) {
            Outcome::Accepted(found) => {
                let span = searched.source_range(found.range.clone());
                let line = self.text.lines.line_of(span.start);
                let diagnostic = Diagnostic::warning(
                    "approximate-quote",
                    format!(
                        "quote not found exactly; anchored to the closest match ({:.0}% similar)",
                        found.similarity * 100.0
                    ),
                )
                .text_line(line)
                .note(format!("quote: \"{quote}\""))
                .note(format!("text:  \"{}\"", quoted(&found.range)))
                .hint("copy the passage from the text to make the quote exact");
                self.reporter
                    .push_at(diagnostic, selector.quote_span.clone());
                if let Some(from) = drifted_from {
                    self.warn_if_drifted(selector, Some(from), &span);
                }
                Some(span)
            }
            Outcome::Rejected(nearest) => {
                let mut diagnostic =
                    Diagnostic::error("quote-not-found", "the quote does not occur in the text");
                for candidate in &nearest {
                    let line = self
                        .text
                        .lines
                        .line_of(searched.source_start(candidate.range.start));
                    diagnostic = diagnostic.note(format!(
                        "nearest at line {line} ({:.0}% similar): \"{}\"",
                        candidate.similarity * 100.0,
                        quoted(&candidate.range)
                    ));
                }
                self.reporter.push_at(
                    diagnostic.hint("copy the passage from the text; quotes match exactly except for whitespace"),
                    selector.quote_span.clone(),
                );
                None
            }
            Outcome::Skipped(why) => {
                self.reporter.push_at(
                    Diagnostic::error("quote-not-found", "the quote does not occur in the text")
                        .note(format!("no approximate search: {why}"))
                        .hint("copy the passage from the text; quotes match exactly except for whitespace"),
                    selector.quote_span.clone(),
                );
                None
            }
        }
    }

    /// Byte range of the selector's character offsets, or a reported error.
    fn check_offsets(
        &mut self,
        selector: &Selector,
        chars: &Range<usize>,
        offsets: &CharOffsets,
    ) -> Option<Range<usize>> {
        let (Some(start), Some(end)) = (offsets.byte(chars.start), offsets.byte(chars.end)) else {
            let length = self.text.text.chars().count();
            self.reporter.push_at(
                Diagnostic::error(
                    "offset-out-of-range",
                    format!(
                        "offsets {}..{} lie past the end of the text ({length} characters)",
                        chars.start, chars.end
                    ),
                )
                .hint("offsets count characters (Unicode scalar values) from 0"),
                selector.offsets_span.clone(),
            );
            return None;
        };
        for (chars_at, byte) in [(chars.start, start), (chars.end, end)] {
            if !is_grapheme_boundary(&self.text.text, byte) {
                self.reporter.push_at(
                    Diagnostic::error(
                        "offset-inside-grapheme",
                        format!("offset {chars_at} falls inside a character cluster (a letter with combining marks, an emoji sequence, or CRLF)"),
                    )
                    .text_line(self.text.lines.line_of(byte))
                    .hint("move the offset to the start or end of the whole cluster"),
                    selector.offsets_span.clone(),
                );
                return None;
            }
        }
        Some(start..end)
    }

    fn warn_if_drifted(
        &mut self,
        selector: &Selector,
        drifted_from: Option<&Range<usize>>,
        span: &Range<usize>,
    ) {
        let Some(from) = drifted_from else {
            return;
        };
        let chars_before = |byte: usize| {
            self.text
                .text
                .get(..byte)
                .map_or(0, |prefix| prefix.chars().count())
        };
        let (start, end) = (chars_before(span.start), chars_before(span.end));
        let was = self.text.text.get(from.clone()).unwrap_or_default();
        let diagnostic = Diagnostic::warning(
            "offsets-drifted",
            format!("the text at the offsets does not match the quote; re-anchored by the quote at {start}..{end}"),
        )
        .text_line(self.text.lines.line_of(span.start))
        .note(format!("at the offsets: \"{}\"", shorten(was)))
        .hint(format!("update the offsets to `start = {start}` and `end = {end}`"));
        self.reporter
            .push_at(diagnostic, selector.offsets_span.clone());
    }

    /// `line:column` in the text of each match.
    fn lines_of(&self, projection: &Projection, matches: &[Range<usize>]) -> Vec<String> {
        matches
            .iter()
            .map(|range| {
                let start = projection.source_start(range.start);
                let (line, column) = self.text.lines.line_column(&self.text.text, start);
                format!("{line}:{column}")
            })
            .collect()
    }

    fn report_ambiguous(&mut self, selector: &Selector, lines: &[String]) {
        let diagnostic = Diagnostic::error(
            "ambiguous-quote",
            format!(
                "the quote matches {} times and nothing chooses one",
                lines.len()
            ),
        )
        .note(format!(
            "matches in the text (line:column): {}",
            list_lines(lines)
        ))
        .hint("add `occurrence = N`, a `prefix` or a `suffix` to pick one");
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
    }

    fn report_too_few(&mut self, selector: &Selector, lines: &[String]) {
        let wanted = selector.occurrence.unwrap_or(1);
        let diagnostic = Diagnostic::error(
            "occurrence-out-of-range",
            format!(
                "`occurrence = {wanted}` but the quote matches only {} time{}",
                lines.len(),
                plural(lines.len())
            ),
        )
        .note(format!(
            "matches in the text (line:column): {}",
            list_lines(lines)
        ))
        .hint(format!("use an occurrence from 1 to {}", lines.len()));
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
    }

    fn report_filtered(&mut self, selector: &Selector, count: usize) {
        let what = match (&selector.prefix, &selector.suffix) {
            (Some(_), Some(_)) => "prefix and suffix",
            (Some(_), None) => "prefix",
            _ => "suffix",
        };
        let diagnostic = Diagnostic::error(
            "quote-not-found",
            format!(
                "the quote occurs {count} time{} but never with this {what}",
                plural(count)
            ),
        )
        .hint(format!("check the {what} against the text"));
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
    }
}

/// Narrows the matches of a selector's quote by prefix, suffix and
/// occurrence.
fn pick(projection: &Projection, matches: &[Range<usize>], selector: &Selector) -> Pick {
    if matches.is_empty() {
        return Pick::Absent;
    }
    let left: Vec<Range<usize>> = matches
        .iter()
        .filter(|range| {
            selector
                .prefix
                .as_deref()
                .is_none_or(|prefix| has_prefix(&projection.text, range.start, prefix))
                && selector
                    .suffix
                    .as_deref()
                    .is_none_or(|suffix| has_suffix(&projection.text, range.end, suffix))
        })
        .cloned()
        .collect();
    match (left.len(), selector.occurrence) {
        (0, _) => Pick::Filtered(matches.len()),
        (1, None) => left.into_iter().next().map_or(Pick::Absent, Pick::Found),
        (_, None) => Pick::Ambiguous(left),
        (count, Some(n)) if n > count => Pick::TooFew(left),
        (_, Some(n)) => left
            .into_iter()
            .nth(n - 1)
            .map_or(Pick::Absent, Pick::Found),
    }
}

fn has_prefix(text: &str, start: usize, prefix: &str) -> bool {
    let before = text.get(..start).unwrap_or_default();
    before.ends_with(prefix)
        || before
            .strip_suffix(' ')
            .is_some_and(|before| before.ends_with(prefix))
}

fn has_suffix(text: &str, end: usize, suffix: &str) -> bool {
    let after = text.get(end..).unwrap_or_default();
    after.starts_with(suffix)
        || after
            .strip_prefix(' ')
            .is_some_and(|after| after.starts_with(suffix))
}

fn list_lines(lines: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut listed: Vec<String> = lines.iter().take(SHOWN).cloned().collect();
    if lines.len() > SHOWN {
        listed.push(format!("and {} more", lines.len() - SHOWN));
    }
    listed.join(", ")
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn shorten(text: &str) -> String {
    const LIMIT: usize = 60;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let kept: String = text.chars().take(LIMIT).collect();
        format!("{kept}…")
    }
}
