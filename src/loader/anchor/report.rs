//! Anchoring's messages about one selector: drifted offsets, ambiguous and
//! missing quotes, with the places the quote occurs. It must not decide
//! where a selector anchors; it only says what was decided and why.

use std::ops::Range;

use super::spans::{LISTED, list_lines, plural, shorten};
use super::{Drift, Failure, Places, Resolver, Selector};
use crate::loader::diagnostic::Diagnostic;
use crate::loader::projection::Projection;
use crate::loader::suggestion::{Change, Suggestion, Why};

impl Resolver<'_, '_, '_> {
    /// When the quote could not stand in for unusable offsets, their own
    /// error stands too.
    pub(super) fn report_unusable(&mut self, drift: Option<&Drift>) {
        if let Some(Drift::Unusable(problem)) = drift {
            self.reporter.diagnostics.push(problem.as_ref().clone());
        }
    }

    pub(super) fn report(&mut self, selector: &Selector, failure: &Failure) {
        match failure {
            Failure::Absent => {}
            Failure::Filtered(places) => self.report_filtered(selector, places),
            Failure::Ambiguous(places) => self.report_ambiguous(selector, places),
            Failure::TooFew(places) => self.report_too_few(selector, places),
            // Never reported from here: `settle_drifted` says it.
            Failure::Drifted(_) => {}
        }
    }

    /// Warns that the offsets drifted and proposes the new ones; `chosen`
    /// says why this match of several, when the quote matched more than
    /// once.
    pub(super) fn warn_if_drifted(
        &mut self,
        selector: &Selector,
        drift: Option<&Drift>,
        span: &Range<usize>,
        chosen: Option<String>,
        confirmed: bool,
    ) {
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
        let mut diagnostic = Diagnostic::warning(
            "offsets-drifted",
            format!("{what}; re-anchored by the quote at {start}..{end}"),
        )
        .text_line(document.lines.line_of(span.start))
        .note(note);
        if let Some(chosen) = chosen {
            diagnostic = diagnostic.note(chosen);
        }
        let (hint, why) = if confirmed {
            (
                format!(
                    "update the offsets to `start = {start}` and `end = {end}` (`brief check --fix` does)"
                ),
                Why::Drifted,
            )
        } else {
            (
                format!(
                    "if it is the passage meant, update the offsets to `start = {start}` and `end = {end}`"
                ),
                Why::Unconfirmed,
            )
        };
        let diagnostic = diagnostic.hint(hint).suggest(Suggestion {
            selector: selector.written_at(),
            change: Change::Offsets { start, end, why },
        });
        self.reporter
            .push_at(diagnostic, selector.offsets_span.clone());
    }

    /// `line:column` in the text of the first matches (only those that
    /// will be listed: a long line makes each one costly), and the count.
    pub(super) fn places(&self, projection: &Projection, matches: &[Range<usize>]) -> Places {
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

    pub(super) fn report_ambiguous(&mut self, selector: &Selector, lines: &Places) {
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

    pub(super) fn report_too_few(&mut self, selector: &Selector, lines: &Places) {
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

    pub(super) fn report_filtered(&mut self, selector: &Selector, places: &Places) {
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
