//! Turning selectors and entity names into byte ranges of the text.
//!
//! All quotes and names are found in one Aho-Corasick pass over the
//! whitespace-folded text, so the cost is linear in the text plus the
//! annotations however many selectors there are. Quotes with no match in the
//! Markdown source get a second pass, together, over the rendered text; only
//! quotes with no exact match anywhere go to the approximate search.

mod approximate;
mod search;
mod selector;

pub use selector::Selector;

use std::ops::Range;

use super::diagnostic::{Diagnostic, Reporter};
use super::projection::{Projection, fold_whitespace};
use super::structure::rendered_projection;
use crate::model::{Document, TextFormat};
use approximate::Outcome;
pub use search::is_grapheme_boundary;
use search::{CharCounts, CharOffsets, Patterns, Pick, pick};

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
    let source_matches = patterns.find_all(&source, text, reporter);

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
        reporter,
        char_counts: None,
        approximate_budget: approximate::WORK_BUDGET,
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
            Ok(span) => spans.push(span),
            Err(retry) => {
                spans.push(None);
                deferred.push((index, retry));
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

/// A selector with no usable match in the source, to try on the rendered
/// text.
struct Retry {
    /// Offsets that were given but did not fit the quote.
    drift: Option<Drift>,
    /// What went wrong in the source.
    failure: Failure,
}

/// Offsets given with a quote that the quote overrules.
#[derive(Debug, Clone)]
enum Drift {
    /// The offsets are valid but the text there differs (byte range).
    At(Range<usize>),
    /// The offsets cannot be used at all (past the end, inside a cluster);
    /// the error they would have been.
    Unusable(Box<Diagnostic>),
}

/// Where a quote occurs, for messages: the first places as `line:column`
/// and how many there are in all.
#[derive(Debug, Clone, Default)]
struct Places {
    shown: Vec<String>,
    total: usize,
}

/// Why a quote's matches did not come down to one.
#[derive(Debug, Clone)]
enum Failure {
    Absent,
    /// It occurs, but never with the prefix/suffix.
    Filtered(Places),
    Ambiguous(Places),
    TooFew(Places),
}

struct Resolver<'t, 'r, 'a> {
    text: &'t Document,
    source: Projection,
    reporter: &'r mut Reporter<'a>,
    /// Built on first need, for messages that give character offsets.
    char_counts: Option<CharCounts>,
    /// Work left for approximate searches in this load.
    approximate_budget: usize,
}

impl Resolver<'_, '_, '_> {
    fn char_counts(&mut self) -> &CharCounts {
        self.char_counts
            .get_or_insert_with(|| CharCounts::new(&self.text.text))
    }

    fn first_pass(
        &mut self,
        selector: &Selector,
        matches: &[Range<usize>],
        offsets: &CharOffsets,
    ) -> Result<Option<Range<usize>>, Retry> {
        let mut drift = None;
        if let Some(chars) = &selector.offsets {
            match (
                self.check_offsets(selector, chars, offsets),
                &selector.quote,
            ) {
                (Ok(bytes), None) => return Ok(Some(bytes)),
                (Ok(bytes), Some(quote)) => {
                    let at_offsets = self.text.text.get(bytes.clone()).unwrap_or_default();
                    if fold_whitespace(at_offsets, true) == *quote {
                        return Ok(Some(bytes));
                    }
                    drift = Some(Drift::At(bytes));
                }
                // With a quote, unusable offsets are re-anchored like
                // drifted ones.
                (Err(problem), Some(_)) => drift = Some(Drift::Unusable(Box::new(problem))),
                (Err(problem), None) => {
                    self.reporter.diagnostics.push(problem);
                    return Ok(None);
                }
            }
        }
        let source = std::mem::take(&mut self.source);
        let settled = self.settle(&source, matches, selector, drift.as_ref());
        self.source = source;
        match settled {
            Ok(span) => Ok(Some(span)),
            // Markdown gets a second look at the text as displayed; plain
            // text only for an approximate match.
            Err(failure @ (Failure::Ambiguous(_) | Failure::TooFew(_)))
                if self.text.format == TextFormat::Plain =>
            {
                self.report(selector, &failure);
                self.report_unusable(drift.as_ref());
                Ok(None)
            }
            Err(failure) => Err(Retry { drift, failure }),
        }
    }

    /// Picks among the matches in `projection`.
    fn settle(
        &mut self,
        projection: &Projection,
        matches: &[Range<usize>],
        selector: &Selector,
        drift: Option<&Drift>,
    ) -> Result<Range<usize>, Failure> {
        let near = match drift {
            Some(Drift::At(range)) => Some(range.start),
            _ => None,
        };
        match pick(projection, matches, selector, near) {
            Pick::Found(range) => {
                let span = projection.source_range(range);
                self.warn_if_drifted(selector, drift, &span);
                Ok(span)
            }
            Pick::Ambiguous(all) => Err(Failure::Ambiguous(self.places(projection, &all))),
            Pick::TooFew(all) => Err(Failure::TooFew(self.places(projection, &all))),
            Pick::Filtered(all) => Err(Failure::Filtered(self.places(projection, &all))),
            Pick::Absent => Err(Failure::Absent),
        }
    }

    fn second_pass(
        &mut self,
        selectors: &[Selector],
        deferred: &[(usize, Retry)],
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
            patterns.find_all(&rendered, self.text, self.reporter)
        } else {
            Vec::new()
        };
        for ((index, retry), id) in deferred.iter().zip(ids) {
            let Some(selector) = selectors.get(*index) else {
                continue;
            };
            let matches = id
                .and_then(|id| rendered_matches.get(id))
                .map_or(&[][..], Vec::as_slice);
            let drift = retry.drift.as_ref();
            let span = match self.settle(&rendered, matches, selector, drift) {
                Ok(span) => Some(span),
                Err(in_rendered) => {
                    // Say what went wrong where the quote was closest to
                    // working.
                    let failure = match (&in_rendered, &retry.failure) {
                        (Failure::Absent | Failure::Filtered(_), source)
                            if !matches!(source, Failure::Absent) =>
                        {
                            source.clone()
                        }
                        _ => in_rendered,
                    };
                    let span = if matches!(failure, Failure::Absent) {
                        self.approximate(selector, &rendered, drift)
                    } else {
                        self.report(selector, &failure);
                        None
                    };
                    if span.is_none() {
                        self.report_unusable(drift);
                    }
                    span
                }
            };
            if let Some(slot) = spans.get_mut(*index) {
                *slot = span;
            }
        }
    }

    /// When the quote could not stand in for unusable offsets, their own
    /// error stands too.
    fn report_unusable(&mut self, drift: Option<&Drift>) {
        if let Some(Drift::Unusable(problem)) = drift {
            self.reporter.diagnostics.push(problem.as_ref().clone());
        }
    }

    fn report(&mut self, selector: &Selector, failure: &Failure) {
        match failure {
            Failure::Absent => {}
            Failure::Filtered(places) => self.report_filtered(selector, places),
            Failure::Ambiguous(places) => self.report_ambiguous(selector, places),
            Failure::TooFew(places) => self.report_too_few(selector, places),
        }
    }

    fn approximate(
        &mut self,
        selector: &Selector,
        searched: &Projection,
        drift: Option<&Drift>,
    ) -> Option<Range<usize>> {
        let quote = selector.quote.as_deref()?;
        match approximate::search(&searched.text, quote, &mut self.approximate_budget) {
            Outcome::Accepted(found) => {
                let span =
                    whole_graphemes(&self.text.text, searched.source_range(found.range.clone()));
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
                .note(format!(
                    "text:  \"{}\"",
                    self.text.text.get(span.clone()).unwrap_or_default()
                ))
                .hint("copy the passage from the text to make the quote exact");
                self.reporter
                    .push_at(diagnostic, selector.quote_span.clone());
                self.warn_if_drifted(selector, drift, &span);
                Some(span)
            }
            Outcome::Rejected(nearest) => {
                let mut diagnostic =
                    Diagnostic::error("quote-not-found", "the quote does not occur in the text");
                // The best candidate always helps; a runner-up only if it is
                // close enough to be a plausible intended passage.
                let shown = nearest
                    .iter()
                    .enumerate()
                    .filter(|(rank, candidate)| *rank == 0 || candidate.similarity >= 0.6);
                for (_, candidate) in shown {
                    let span = searched.source_range(candidate.range.clone());
                    let line = self.text.lines.line_of(span.start);
                    let whole_words = widen_to_words(&self.text.text, span);
                    diagnostic = diagnostic.note(format!(
                        "nearest at line {line} ({:.0}% similar): \"{}\"",
                        candidate.similarity * 100.0,
                        self.text.text.get(whole_words).unwrap_or_default()
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
    /// The byte range of the selector's character offsets, or the error
    /// that explains why they cannot be used (not yet reported).
    fn check_offsets(
        &mut self,
        selector: &Selector,
        chars: &Range<usize>,
        offsets: &CharOffsets,
    ) -> Result<Range<usize>, Diagnostic> {
        let (start, end) = (offsets.byte(chars.start), offsets.byte(chars.end));
        let (Some(start), Some(end)) = (start, end) else {
            let document = self.text;
            let length = self
                .char_counts()
                .chars_before(&document.text, document.text.len());
            let (field, value, span) = if start.is_none() {
                ("start", chars.start, &selector.start_span)
            } else {
                ("end", chars.end, &selector.end_span)
            };
            return Err(Diagnostic::error(
                "offset-out-of-range",
                format!("`{field} = {value}` lies past the end of the text ({length} characters)"),
            )
            .hint("offsets count characters (Unicode scalar values) from 0; `end` may equal the length")
            .at(self.reporter.location(span.clone())));
        };
        let ends = [
            (chars.start, start, &selector.start_span),
            (chars.end, end, &selector.end_span),
        ];
        for (chars_at, byte, span) in ends {
            if !is_grapheme_boundary(&self.text.text, byte) {
                return Err(Diagnostic::error(
                    "offset-inside-grapheme",
                    format!("offset {chars_at} falls inside a character cluster (a letter with combining marks, an emoji sequence, or CRLF)"),
                )
                .text_line(self.text.lines.line_of(byte))
                .hint("move the offset to the start or end of the whole cluster")
                .at(self.reporter.location(span.clone())));
            }
        }
        Ok(start..end)
    }

    fn warn_if_drifted(&mut self, selector: &Selector, drift: Option<&Drift>, span: &Range<usize>) {
        let Some(drift) = drift else {
            return;
        };
        let document = self.text;
        let text = &document.text;
        let counts = self.char_counts();
        let (start, end) = (
            counts.chars_before(text, span.start),
            counts.chars_before(text, span.end),
        );
        let (what, note) = match drift {
            Drift::At(from) => (
                "the text at the offsets does not match the quote",
                format!(
                    "at the offsets: \"{}\"",
                    shorten(text.get(from.clone()).unwrap_or_default())
                ),
            ),
            Drift::Unusable(problem) => ("the offsets cannot be used", problem.message.clone()),
        };
        let diagnostic = Diagnostic::warning(
            "offsets-drifted",
            format!("{what}; re-anchored by the quote at {start}..{end}"),
        )
        .text_line(document.lines.line_of(span.start))
        .note(note)
        .hint(format!(
            "update the offsets to `start = {start}` and `end = {end}`"
        ));
        self.reporter
            .push_at(diagnostic, selector.offsets_span.clone());
    }

    /// `line:column` in the text of the first matches (only those that
    /// will be listed: a long line makes each one costly), and the count.
    fn places(&self, projection: &Projection, matches: &[Range<usize>]) -> Places {
        let shown = matches
            .iter()
            .take(LISTED)
            .map(|range| {
                let start = projection.source_start(range.start);
                let (line, column) = self.text.lines.line_column(&self.text.text, start);
                format!("{line}:{column}")
            })
            .collect();
        Places {
            shown,
            total: matches.len(),
        }
    }

    fn report_ambiguous(&mut self, selector: &Selector, lines: &Places) {
        let diagnostic = Diagnostic::error(
            "ambiguous-quote",
            format!(
                "the quote matches {} times and nothing chooses one",
                lines.total
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

    fn report_too_few(&mut self, selector: &Selector, lines: &Places) {
        let wanted = selector.occurrence.unwrap_or(1);
        let diagnostic = Diagnostic::error(
            "occurrence-out-of-range",
            format!(
                "`occurrence = {wanted}` but the quote matches only {} time{}",
                lines.total,
                plural(lines.total)
            ),
        )
        .note(format!(
            "matches in the text (line:column): {}",
            list_lines(lines)
        ))
        .hint(format!("use an occurrence from 1 to {}", lines.total));
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
    }

    fn report_filtered(&mut self, selector: &Selector, places: &Places) {
        let what = match (&selector.prefix, &selector.suffix) {
            (Some(_), Some(_)) => "prefix and suffix",
            (Some(_), None) => "prefix",
            _ => "suffix",
        };
        let count = places.total;
        let diagnostic = Diagnostic::error(
            "quote-not-found",
            format!(
                "the quote occurs {count} time{} but never with this {what}",
                plural(count)
            ),
        )
        .note(format!(
            "the quote occurs in the text at (line:column): {}",
            list_lines(places)
        ))
        .hint(format!("check the {what} against the text"));
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
    }
}

/// Grows a span to grapheme boundaries, so an approximate match never cuts a
/// letter from its accent.
fn whole_graphemes(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !is_grapheme_boundary(text, start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !is_grapheme_boundary(text, end) {
        end += 1;
    }
    start..end
}

/// Grows a span to whole words, so a candidate shown to the author does not
/// start or end in the middle of one.
fn widen_to_words(text: &str, span: Range<usize>) -> Range<usize> {
    let before = text.get(..span.start).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(span.start, |(at, _)| at);
    let after = text.get(span.end..).unwrap_or_default();
    let end = span.end
        + after
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(after.len(), |(at, _)| at);
    start..end
}

/// How many match places a message lists.
const LISTED: usize = 20;

fn list_lines(places: &Places) -> String {
    let mut listed = places.shown.join(", ");
    if places.total > places.shown.len() {
        listed.push_str(&format!(", and {} more", places.total - places.shown.len()));
    }
    listed
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
