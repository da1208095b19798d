//! A selector checked for form: which fields may go together, folded quote
//! text, offsets that are at least numbers in order. Whether it matches the
//! text is [`super::resolve`]'s question.

use std::ops::Range;

use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::projection::{fold_whitespace, folded_and_trimmed};
use crate::loader::raw::RawSelector;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// Whitespace-folded and trimmed.
    pub quote: Option<String>,
    /// Folded; the side next to the quote trimmed (that space is optional).
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// 1-based.
    pub occurrence: Option<usize>,
    /// In characters, as written.
    pub offsets: Option<Range<usize>>,
    /// Where to point diagnostics about the quote, and about the offsets.
    pub quote_span: Range<usize>,
    pub offsets_span: Range<usize>,
    /// Where `start` and `end` are written, to point at the one that is wrong.
    pub start_span: Range<usize>,
    pub end_span: Range<usize>,
    /// `part_of_word = true`: the quote is meant to start or end inside a
    /// word, so that is no slip to warn of.
    pub part_of_word: bool,
}

impl Selector {
    /// Checks the selector fields of a table spanning `table_span`. Returns
    /// `None` (after reporting) when the fields are empty but `required`, or
    /// are wrong.
    pub fn from_raw(
        raw: RawSelector<'_>,
        table_span: Range<usize>,
        required: &str,
        reporter: &mut Reporter<'_>,
    ) -> Option<Self> {
        if raw.is_empty() {
            if !required.is_empty() {
                reporter.push_at(
                    Diagnostic::error("bad-selector", format!("{required} needs a passage"))
                        .hint("add `quote = \"...\"` (or `start` and `end` offsets)"),
                    table_span,
                );
            }
            return None;
        }
        let errors_before = reporter.diagnostics.len();
        let mut fold = |field: Option<&toml::Spanned<String>>, name: &str, trim: Trim| {
            let field = field?;
            let folded = match trim {
                Trim::Both => folded_and_trimmed(field.get_ref()).into_owned(),
                Trim::End => fold_whitespace(field.get_ref(), false)
                    .trim_end()
                    .to_string(),
                Trim::Start => fold_whitespace(field.get_ref(), false)
                    .trim_start()
                    .to_string(),
            };
            if folded.trim().is_empty() {
                reporter.push_at(
                    Diagnostic::error("empty-quote", format!("`{name}` is empty")).hint(format!(
                        "give the text of the `{name}`, or remove the field"
                    )),
                    field.span(),
                );
                return None;
            }
            Some(folded)
        };
        let quote = fold(raw.quote, "quote", Trim::Both);
        let prefix = fold(raw.prefix, "prefix", Trim::End);
        let suffix = fold(raw.suffix, "suffix", Trim::Start);

        let quote_span = raw.quote.map_or(table_span.clone(), |quote| quote.span());
        if raw.quote.is_none() {
            for (field, name) in [
                (raw.prefix.map(|f| f.span()), "prefix"),
                (raw.suffix.map(|f| f.span()), "suffix"),
            ] {
                if let Some(span) = field {
                    reporter.push_at(
                        Diagnostic::error("bad-selector", format!("`{name}` needs a `quote`"))
                            .hint("prefix and suffix choose among the matches of a quote"),
                        span,
                    );
                }
            }
        }
        let occurrence = raw.occurrence.and_then(|occurrence| {
            if raw.quote.is_none() {
                reporter.push_at(
                    Diagnostic::error("bad-selector", "`occurrence` needs a `quote`")
                        .hint("occurrence picks one of the matches of a quote"),
                    occurrence.span(),
                );
                return None;
            }
            match usize::try_from(*occurrence.get_ref()) {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    reporter.push_at(
                        Diagnostic::error("bad-selector", "`occurrence` counts from 1")
                            .hint("use 1 for the first match, 2 for the second..."),
                        occurrence.span(),
                    );
                    None
                }
            }
        });
        let (offsets, offsets_span) = match (raw.start, raw.end) {
            (None, None) => (None, table_span.clone()),
            (Some(start), Some(end)) => {
                let span =
                    start.span().start.min(end.span().start)..start.span().end.max(end.span().end);
                let first = usize::try_from(*start.get_ref());
                let last = usize::try_from(*end.get_ref());
                match (first, last) {
                    (Ok(first), Ok(last)) if first < last => (Some(first..last), span),
                    (Ok(_), Ok(_)) => {
                        reporter.push_at(
                            Diagnostic::error(
                                "offset-out-of-range",
                                format!(
                                    "`start` ({}) must be less than `end` ({})",
                                    start.get_ref(),
                                    end.get_ref()
                                ),
                            )
                            .hint("offsets are half-open: `end` is one past the last character"),
                            span.clone(),
                        );
                        (None, span)
                    }
                    _ => {
                        reporter.push_at(
                            Diagnostic::error("offset-out-of-range", "offsets cannot be negative")
                                .hint("offsets count characters from 0 at the start of the text"),
                            span.clone(),
                        );
                        (None, span)
                    }
                }
            }
            (Some(one), None) | (None, Some(one)) => {
                reporter.push_at(
                    Diagnostic::error("bad-selector", "`start` and `end` go together")
                        .hint("give both offsets, or neither"),
                    one.span(),
                );
                (None, one.span())
            }
        };
        if reporter.diagnostics.len() > errors_before {
            return None;
        }
        if quote.is_none() && offsets.is_none() {
            reporter.push_at(
                Diagnostic::error(
                    "bad-selector",
                    "a passage needs a `quote` or `start` and `end`",
                )
                .hint("add `quote = \"...\"` with the exact text"),
                table_span,
            );
            return None;
        }
        Some(Self {
            quote,
            prefix,
            suffix,
            occurrence,
            offsets,
            quote_span,
            offsets_span,
            start_span: raw.start.map_or(table_span.clone(), |start| start.span()),
            end_span: raw.end.map_or(table_span, |end| end.span()),
            part_of_word: raw.part_of_word.is_some_and(|flag| *flag.get_ref()),
        })
    }
}

impl Selector {
    /// Where the selector is written in the annotation file, for a
    /// [`Suggestion`](crate::loader::suggestion::Suggestion): its `quote`
    /// value, or its `start` value when it has no quote.
    pub fn written_at(&self) -> Range<usize> {
        if self.quote.is_some() {
            self.quote_span.clone()
        } else {
            self.start_span.clone()
        }
    }
}

#[derive(Clone, Copy)]
enum Trim {
    Both,
    Start,
    End,
}
