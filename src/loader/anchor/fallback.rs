//! The fallbacks for a quote with no exact match: the same text under
//! Unicode normalisation (NFC), then the closest approximate match. Each
//! says with a warning what differs; neither is ever taken silently.

use std::ops::Range;

use super::approximate::{self, Outcome};
use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::slips::cuts_word;
use super::spans::{list_lines, whole_graphemes, widen_to_words};
use super::words::changed_words;
use super::{Drift, Resolver, Selector, normalized};
use crate::loader::diagnostic::Diagnostic;
use crate::loader::projection::{Projection, fold_whitespace};
use crate::loader::suggestion::{Change, Suggestion};

impl Resolver<'_, '_, '_> {
    /// A quote found only under Unicode normalisation: `None` if it is not
    /// (or normalisation cannot change the quote or the text), else the
    /// span, or `Some(None)` after an error that it is ambiguous.
    pub(super) fn normalized(
        &mut self,
        selector: &Selector,
        searched: &Projection,
        drift: Option<&Drift>,
    ) -> Option<Option<Range<usize>>> {
        let quote = selector.quote.as_deref()?;
        let text_is_nfc = *self
            .text_is_nfc
            .get_or_insert_with(|| is_nfc(&searched.text));
        if text_is_nfc && is_nfc(quote) {
            return None;
        }
        let quote_nfc: String = quote.nfc().collect();
        let found = normalized::find(&searched.text, &quote_nfc);
        let chosen = match (selector.occurrence, found.as_slice()) {
            (_, []) => return None,
            (Some(n), all) => all.get(n.checked_sub(1)?)?,
            (None, [one]) => one,
            (None, all) => {
                let places = self.places(searched, all);
                let diagnostic = Diagnostic::error(
                    "ambiguous-quote",
                    format!(
                        "the quote matches {} times under Unicode normalisation and nothing chooses one",
                        places.total
                    ),
                )
                .note(format!(
                    "matches in the text (line:column): {}",
                    list_lines(&places)
                ))
                .hint("copy the passage from the text, and add `occurrence = N`, a `prefix` or a `suffix` to pick one");
                self.reporter
                    .push_at(diagnostic, selector.quote_span.clone());
                return Some(None);
            }
        };
        let span = whole_graphemes(&self.text.text, searched.source_range(chosen.clone()));
        let found_text = self.text.text.get(span.clone()).unwrap_or_default();
        let (start, end) = self.chars_of(&span);
        let mut diagnostic = Diagnostic::warning(
            "quote-normalization",
            "the quote matches the text only under Unicode normalisation (NFC): it looks the same but is written with other code points",
        )
        .text_line(self.text.lines.line_of(span.start));
        if let Some((ours, theirs)) =
            normalized::first_difference(quote, &fold_whitespace(found_text, true))
        {
            diagnostic = diagnostic.note(format!("the quote has {ours}, the text {theirs}"));
        }
        let diagnostic = diagnostic
            .hint("copy the passage from the text, or normalise both files to NFC")
            .suggest(Suggestion {
                selector: selector.written_at(),
                change: Change::Quote {
                    quote: fold_whitespace(found_text, true),
                    start,
                    end,
                },
            });
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
        if drift.is_some() {
            self.warn_if_drifted(selector, drift, &span, None, true);
        }
        Some(Some(span))
    }

    pub(super) fn approximate(
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
                let found_text = self.text.text.get(span.clone()).unwrap_or_default();
                let similar = found.similarity * 100.0;
                let changed = changed_words(quote, found_text);
                let diagnostic = if changed.is_empty() {
                    Diagnostic::warning(
                        "approximate-quote",
                        format!(
                            "quote not found exactly; anchored to the closest match ({similar:.0}% similar)"
                        ),
                    )
                } else {
                    let named: Vec<String> = changed
                        .iter()
                        .map(
                            |(ours, theirs)| match (ours.is_empty(), theirs.is_empty()) {
                                (false, false) => {
                                    format!("\"{theirs}\" where the quote has \"{ours}\"")
                                }
                                (true, _) => format!("\"{theirs}\", not in the quote"),
                                (_, true) => format!("no \"{ours}\", which the quote has"),
                            },
                        )
                        .collect();
                    Diagnostic::warning(
                        "approximate-words-differ",
                        format!(
                            "quote not found exactly; the closest match ({similar:.0}% similar) has other words: {}",
                            named.join("; ")
                        ),
                    )
                };
                // Copying the passage from the text silences this: propose
                // it, with offsets (whole words, so the new quote cuts none).
                let words = if cuts_word(&self.text.text, span.start)
                    || cuts_word(&self.text.text, span.end)
                {
                    widen_to_words(&self.text.text, span.clone())
                } else {
                    span.clone()
                };
                let (start, end) = self.chars_of(&words);
                let mut diagnostic = diagnostic
                    .text_line(line)
                    .note(format!("quote: \"{quote}\""))
                    .note(format!("text:  \"{found_text}\""));
                if drift.is_some() {
                    diagnostic = diagnostic.note(
                        "the offsets do not fit either; they are not rewritten to an approximate match",
                    );
                }
                let diagnostic = diagnostic
                    .hint("check that the text means what the quote says, then copy the passage from the text to make the quote exact")
                    .suggest(Suggestion {
                        selector: selector.written_at(),
                        change: Change::Quote {
                            quote: fold_whitespace(
                                self.text.text.get(words).unwrap_or_default(),
                                true,
                            ),
                            start,
                            end,
                        },
                    });
                self.reporter
                    .push_at(diagnostic, selector.quote_span.clone());
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
}
