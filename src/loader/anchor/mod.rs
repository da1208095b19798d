//! Turning selectors and entity names into byte ranges of the text.
//!
//! All quotes and names are found in one Aho-Corasick pass over the
//! whitespace-folded text, so the cost is linear in the text plus the
//! annotations however many selectors there are. Quotes with no match in the
//! Markdown source get a second pass, together, over the rendered text; only
//! quotes with no exact match anywhere go to the approximate search.

mod approximate;
mod candidates;
mod evidence;
mod fallback;
mod finder;
mod normalized;
mod report;
mod search;
mod selector;
mod slips;
mod spans;
mod words;

pub use selector::Selector;

use std::ops::Range;

use super::diagnostic::{Diagnostic, Reporter};
use super::parallel;
use super::projection::{Projection, fold_whitespace};
use super::structure::rendered_projection;
use crate::model::{Document, TextFormat};
use finder::PatternIds;
pub use finder::{Finder, Patterns, finder_for, quote_patterns};
use search::{CharCounts, Found, Matches, Pick, pick};
pub use search::{CharIndex, is_grapheme_boundary};

/// What anchoring produced.
#[derive(Debug, Default)]
pub struct Anchored {
    /// One per selector, in order: the byte range, or `None` after an error.
    pub spans: Vec<Option<Range<usize>>>,
    /// One per name, in order: every match on grapheme boundaries that is
    /// a whole word of the text.
    pub name_matches: Vec<Vec<Range<usize>>>,
}

/// Resolves every selector and finds every name. `source` is the
/// projection of the stored text and `char_to_byte` its character index,
/// both made beforehand (see [`crate::loader::prepared`]); `names` come
/// with their whitespace folded and trimmed, as the automatic names are
/// gathered (`fold_whitespace(name, true)`). `finder`, if made beforehand
/// ([`quote_patterns`], [`finder_for`]), is used if it holds every name
/// and quote, and one is made here otherwise.
pub fn resolve(
    text: &Document,
    source: &Projection,
    char_to_byte: &CharIndex,
    selectors: &[Selector],
    names: &[String],
    finder: Option<Finder>,
    reporter: &mut Reporter<'_>,
) -> Anchored {
    debug_assert!(
        names
            .iter()
            .all(|name| fold_whitespace(name, true) == *name)
    );
    let made_before = finder.and_then(|finder| {
        let ids = finder.ids_of(names, selectors);
        debug_assert!(ids.is_some(), "the finder made beforehand lacks a pattern");
        Some((finder, ids?))
    });
    let (
        finder,
        PatternIds {
            names: name_ids,
            quotes: quote_ids,
        },
    ) = made_before.unwrap_or_else(|| Finder::made_for(names, selectors, &source.text));
    let source_matches = finder.find_all(source, text, reporter);

    let name_matches = name_ids
        .iter()
        .map(|&id| {
            let found = source_matches.of(id);
            found
                .sources
                .iter()
                .zip(found.whole_words)
                .filter(|(_, whole)| **whole)
                .map(|(source, _)| source.clone())
                .collect()
        })
        .collect();

    let first_passes = |resolver: &mut Resolver<'_, '_, '_>, part: Range<usize>| {
        let mut spans = Vec::with_capacity(part.len());
        let mut deferred = Vec::new();
        let mut repeated_fits = Vec::new();
        for index in part {
            let Some(selector) = selectors.get(index) else {
                continue;
            };
            let matches = quote_ids
                .get(index)
                .copied()
                .flatten()
                .map_or_else(Found::default, |id| source_matches.of(id));
            // Offsets and a quote settled here fit each other. If the quote
            // occurs elsewhere too, that may be by chance (an edit put
            // another occurrence where the passage was): no evidence for
            // where drifted neighbours went.
            let fits_a_repeat = selector.offsets.is_some() && matches.ranges.len() > 1;
            match resolver.first_pass(selector, matches, char_to_byte) {
                Ok(span) => {
                    if fits_a_repeat && span.is_some() && selector.quote.is_some() {
                        repeated_fits.push(index);
                    }
                    spans.push(span);
                }
                Err(retry) => {
                    spans.push(None);
                    deferred.push((index, retry));
                }
            }
        }
        (spans, deferred, repeated_fits)
    };
    let (file, annotations, wants_pins) = (reporter.file, reporter.source, reporter.wants_pins);
    let mut resolver = Resolver::new(text, source, reporter);
    // Many selectors are settled half here and half on another thread, with
    // a reporter of its own whose findings follow this half's: in order.
    let middle = selectors.len() / 2;
    let (mut spans, deferred, repeated_fits) = if selectors.len() >= search::PARALLEL_SELECTORS {
        std::thread::scope(|scope| {
            let later = parallel::spawn(scope, || {
                let mut own = Reporter::new(file, annotations);
                own.wants_pins = wants_pins;
                let settled = first_passes(
                    &mut Resolver::new(text, source, &mut own),
                    middle..selectors.len(),
                );
                (settled, own.diagnostics, own.pins)
            });
            let (mut spans, mut deferred, mut repeated_fits) =
                first_passes(&mut resolver, 0..middle);
            let ((more_spans, more_deferred, more_fits), problems, pins) = later.join();
            repeated_fits.extend(more_fits);
            resolver.reporter.pins.extend(pins);
            spans.extend(more_spans);
            deferred.extend(more_deferred);
            resolver.reporter.diagnostics.extend(problems);
            (spans, deferred, repeated_fits)
        })
    } else {
        first_passes(&mut resolver, 0..selectors.len())
    };
    if !deferred.is_empty() {
        resolver.second_pass(selectors, &deferred, &repeated_fits, &mut spans);
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
    /// Offsets drifted and the quote occurs at these places of the text
    /// (byte ranges), more than once: settled by `evidence`.
    Drifted(Candidates),
}

/// The matches of a drifted selector's quote (byte ranges of the text, in
/// order), shared: a common name can have tens of thousands, and so can the
/// selectors naming it.
pub type Candidates = std::sync::Arc<[Range<usize>]>;

/// What decides a drifted selector's matches: where they were looked for,
/// the quote, and its affixes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CandidatesKey {
    in_source: bool,
    quote: Option<String>,
    prefix: Option<String>,
    suffix: Option<String>,
}

struct Resolver<'t, 'r, 'a> {
    text: &'t Document,
    source: &'t Projection,
    reporter: &'r mut Reporter<'a>,
    /// Built on first need, for messages that give character offsets.
    char_counts: Option<CharCounts>,
    /// Work left for approximate searches in this load.
    approximate_budget: usize,
    /// Whether the searched text is in NFC, found on first need.
    text_is_nfc: Option<bool>,
    /// The matches of drifted selectors' quotes, by quote and affixes.
    drift_candidates: std::collections::HashMap<CandidatesKey, Candidates>,
}

impl<'t, 'r, 'a> Resolver<'t, 'r, 'a> {
    fn new(text: &'t Document, source: &'t Projection, reporter: &'r mut Reporter<'a>) -> Self {
        Self {
            text,
            source,
            reporter,
            char_counts: None,
            approximate_budget: approximate::WORK_BUDGET,
            text_is_nfc: None,
            drift_candidates: std::collections::HashMap::new(),
        }
    }
}

impl Resolver<'_, '_, '_> {
    fn char_counts(&mut self) -> &CharCounts {
        self.char_counts
            .get_or_insert_with(|| CharCounts::new(&self.text.text))
    }

    fn first_pass(
        &mut self,
        selector: &Selector,
        matches: Found<'_>,
        offsets: &CharIndex,
    ) -> Result<Option<Range<usize>>, Retry> {
        let mut drift = None;
        if let Some(chars) = &selector.offsets {
            match (
                self.check_offsets(selector, chars, offsets),
                &selector.quote,
            ) {
                (Ok(bytes), None) => return Ok(Some(self.offsets_only(selector, bytes))),
                (Ok(bytes), Some(quote)) => {
                    let at_offsets = self.text.text.get(bytes.clone()).unwrap_or_default();
                    if fold_whitespace(at_offsets, true) == *quote {
                        return Ok(Some(self.offsets_fit(selector, bytes)));
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
        let settled = self.settle(self.source, matches, selector, drift.as_ref());
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
        matches: Found<'_>,
        selector: &Selector,
        drift: Option<&Drift>,
    ) -> Result<Range<usize>, Failure> {
        // Drifted offsets settle with the others, which say whether even a
        // single match is where it can be (`evidence`). Their matches are
        // shared by every drifted selector with the same quote and affixes.
        let key = (drift.is_some() && selector.occurrence.is_none()).then(|| CandidatesKey {
            in_source: std::ptr::eq(projection, self.source),
            quote: selector.quote.clone(),
            prefix: selector.prefix.clone(),
            suffix: selector.suffix.clone(),
        });
        if let Some(found) = key.as_ref().and_then(|key| self.drift_candidates.get(key)) {
            return Err(Failure::Drifted(found.clone()));
        }
        let mut share = |candidates: Vec<Range<usize>>| {
            let shared: Candidates = candidates.into();
            if let Some(key) = key.clone() {
                self.drift_candidates.insert(key, shared.clone());
            }
            Failure::Drifted(shared)
        };
        match pick(matches, selector) {
            Pick::Found(index) if drift.is_some() => Err(share(
                matches.sources.get(index).cloned().into_iter().collect(),
            )),
            Pick::Found(index) => {
                let span = matches.sources.get(index).cloned().unwrap_or_default();
                self.quote_matched(selector, &span);
                Ok(span)
            }
            // Which of several matches drifted offsets meant is for the
            // other anchors to say, once all are known.
            Pick::Ambiguous(all) if drift.is_some() => {
                let mut sources: Vec<Range<usize>> = all
                    .iter()
                    .map(|range| projection.source_range(range.clone()))
                    .collect();
                sources.sort_by_key(|range| (range.start, range.end));
                Err(share(sources))
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
        repeated_fits: &[usize],
        spans: &mut [Option<Range<usize>>],
    ) {
        let drifted_only = deferred
            .iter()
            .all(|(_, retry)| matches!(retry.failure, Failure::Drifted(_)));
        if drifted_only {
            // Nothing to look for in the rendered text.
            let drifted: Vec<evidence::Drifted> = deferred
                .iter()
                .filter_map(|(index, retry)| match &retry.failure {
                    Failure::Drifted(candidates) => {
                        Some((*index, candidates.clone(), retry.drift.clone()))
                    }
                    _ => None,
                })
                .collect();
            self.settle_drifted(selectors, &drifted, repeated_fits, spans);
            return;
        }
        let rendered = match self.text.format {
            TextFormat::Markdown => rendered_projection(self.text),
            // Plain text shows as stored: the approximate search runs on
            // the source projection.
            TextFormat::Plain => self.source.clone(),
        };
        let mut patterns = Patterns::default();
        let ids: Vec<Option<usize>> = deferred
            .iter()
            .map(|(index, retry)| {
                if matches!(retry.failure, Failure::Drifted(_)) {
                    return None;
                }
                let quote = selectors.get(*index)?.quote.as_deref()?;
                Some(patterns.id(quote))
            })
            .collect();
        let rendered_matches = if self.text.format == TextFormat::Markdown {
            patterns.find_all(&rendered, self.text, self.reporter)
        } else {
            Matches::default()
        };
        let mut drifted: Vec<evidence::Drifted> = Vec::new();
        for ((index, retry), id) in deferred.iter().zip(ids) {
            let Some(selector) = selectors.get(*index) else {
                continue;
            };
            if let Failure::Drifted(candidates) = &retry.failure {
                drifted.push((*index, candidates.clone(), retry.drift.clone()));
                continue;
            }
            let matches = id.map_or_else(Found::default, |id| rendered_matches.of(id));
            let drift = retry.drift.as_ref();
            let span = match self.settle(&rendered, matches, selector, drift) {
                Ok(span) => Some(span),
                Err(Failure::Drifted(candidates)) => {
                    drifted.push((*index, candidates, retry.drift.clone()));
                    None
                }
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
                        match self.normalized(selector, &rendered, drift) {
                            Some(settled) => settled,
                            None => self.approximate(selector, &rendered, drift),
                        }
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
        if !drifted.is_empty() {
            self.settle_drifted(selectors, &drifted, repeated_fits, spans);
        }
    }

    /// Byte range of the selector's character offsets, or a reported error.
    /// The byte range of the selector's character offsets, or the error
    /// that explains why they cannot be used (not yet reported).
    fn check_offsets(
        &mut self,
        selector: &Selector,
        chars: &Range<usize>,
        offsets: &CharIndex,
    ) -> Result<Range<usize>, Diagnostic> {
        let text = self.text.text.as_str();
        let (start, end) = (
            offsets.byte(text, chars.start),
            offsets.byte(text, chars.end),
        );
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
}
