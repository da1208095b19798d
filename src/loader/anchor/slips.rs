//! The slips annotators make with a passage that does anchor: offsets that
//! take in the whitespace around it, and quotes or offsets that start or end
//! inside a word. Each is a warning whose suggestion, applied, silences it;
//! whitespace is also trimmed from the span, so it is never drawn as part of
//! the passage. It must not change where a passage anchors otherwise.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::spans::{shorten, widen_to_words};
use super::{Resolver, Selector};
use crate::loader::diagnostic::Diagnostic;
use crate::loader::projection::fold_whitespace;
use crate::loader::suggestion::{Change, Suggestion, Why};

/// Whether a word goes on across `at`: a letter or digit on both sides,
/// and neither of a script written without spaces between words (Chinese,
/// Japanese, Thai…), where any character may end a word.
pub fn cuts_word(text: &str, at: usize) -> bool {
    let before = text
        .get(..at)
        .and_then(|before| before.graphemes(true).next_back())
        .and_then(|grapheme| grapheme.chars().next());
    let after = text.get(at..).and_then(|after| after.chars().next());
    let in_word = |c: char| c.is_alphanumeric() && !without_spaces(c);
    before.is_some_and(in_word) && after.is_some_and(in_word)
}

/// Letters of the scripts that do not put spaces between words.
fn without_spaces(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // halfwidth Katakana
        | 0x20000..=0x3FFFF) // CJK extensions B and on
}

/// `span` without the whitespace at its ends; unchanged if it is all
/// whitespace. Whole grapheme clusters are trimmed, never part of one: a
/// space carrying a combining mark is a cluster of its own and stays.
pub fn trim_whitespace(text: &str, span: &Range<usize>) -> Range<usize> {
    let inside = text.get(span.clone()).unwrap_or_default();
    let blank = |cluster: &str| cluster.chars().all(char::is_whitespace);
    let first = inside
        .grapheme_indices(true)
        .find(|(_, cluster)| !blank(cluster));
    let last = inside
        .grapheme_indices(true)
        .rev()
        .find(|(_, cluster)| !blank(cluster));
    match (first, last) {
        (Some((start, _)), Some((at, cluster))) => {
            span.start + start..span.start + at + cluster.len()
        }
        _ => span.clone(),
    }
}

impl Resolver<'_, '_, '_> {
    /// Offsets with no quote: trimmed of whitespace, and checked for cut
    /// words.
    pub(super) fn offsets_only(
        &mut self,
        selector: &Selector,
        bytes: Range<usize>,
    ) -> Range<usize> {
        let span = self.trim_offsets(selector, bytes);
        if !selector.part_of_word && self.cut_ends(&span).is_some() {
            self.warn_cut_offsets(selector, &span);
        }
        span
    }

    /// Offsets whose text is the quote: trimmed of whitespace, and the
    /// quote checked for cut words.
    pub(super) fn offsets_fit(&mut self, selector: &Selector, bytes: Range<usize>) -> Range<usize> {
        let span = self.trim_offsets(selector, bytes);
        self.quote_matched(selector, &span);
        span
    }

    /// A quote matched exactly at `span`: warns if it cuts a word, and
    /// keeps the offsets of a quote-only selector for `--fix=offsets`.
    pub(super) fn quote_matched(&mut self, selector: &Selector, span: &Range<usize>) {
        if !selector.part_of_word && self.cut_ends(span).is_some() {
            self.warn_cut_quote(selector, span);
        }
        if self.reporter.wants_pins && selector.offsets.is_none() {
            let (start, end) = self.chars_of(span);
            self.reporter.pins.push(Suggestion {
                selector: selector.written_at(),
                change: Change::Offsets {
                    start,
                    end,
                    why: Why::Pin,
                },
            });
        }
    }

    /// The span in characters, as offsets are written.
    pub(super) fn chars_of(&mut self, span: &Range<usize>) -> (usize, usize) {
        let text = self.text;
        let counts = self.char_counts();
        (
            counts.chars_before(&text.text, span.start),
            counts.chars_before(&text.text, span.end),
        )
    }

    /// Which ends of `span` lie inside a word, in words for a message.
    fn cut_ends(&self, span: &Range<usize>) -> Option<&'static str> {
        let text = &self.text.text;
        match (cuts_word(text, span.start), cuts_word(text, span.end)) {
            (true, true) => Some("starts and ends"),
            (true, false) => Some("starts"),
            (false, true) => Some("ends"),
            (false, false) => None,
        }
    }

    fn trim_offsets(&mut self, selector: &Selector, bytes: Range<usize>) -> Range<usize> {
        let text = self.text;
        let trimmed = trim_whitespace(&text.text, &bytes);
        if trimmed == bytes {
            return bytes;
        }
        let (start, end) = self.chars_of(&trimmed);
        let diagnostic = Diagnostic::warning(
            "offsets-whitespace",
            format!(
                "the offsets take in whitespace around the passage; anchored to {start}..{end} without it"
            ),
        )
        .text_line(text.lines.line_of(trimmed.start))
        .note(format!(
            "at the offsets: {:?}",
            shorten(text.text.get(bytes).unwrap_or_default())
        ))
        .hint(format!(
            "update the offsets to `start = {start}` and `end = {end}` (`brief check --fix` does)"
        ))
        .suggest(Suggestion {
            selector: selector.written_at(),
            change: Change::Offsets {
                start,
                end,
                why: Why::Whitespace,
            },
        });
        self.reporter
            .push_at(diagnostic, selector.offsets_span.clone());
        trimmed
    }

    fn warn_cut_quote(&mut self, selector: &Selector, span: &Range<usize>) {
        let text = self.text;
        let Some(ends) = self.cut_ends(span) else {
            return;
        };
        let words = widen_to_words(&text.text, span.clone());
        let whole = fold_whitespace(text.text.get(words.clone()).unwrap_or_default(), true);
        let (start, end) = self.chars_of(&words);
        let quoted = text.text.get(span.clone()).unwrap_or_default();
        let diagnostic = Diagnostic::warning(
            "quote-inside-word",
            format!("the passage {ends} inside a word"),
        )
        .text_line(text.lines.line_of(span.start))
        .note(format!("quote: {:?}", shorten(quoted)))
        .note(format!("whole words: {:?}", shorten(&whole)))
        .hint(format!(
            "quote the whole words (`quote = {whole:?}`, at {start}..{end}), or add `part_of_word = true` if part of a word is meant"
        ))
        .suggest(Suggestion {
            selector: selector.written_at(),
            change: Change::Quote {
                quote: whole,
                start,
                end,
            },
        });
        self.reporter
            .push_at(diagnostic, selector.quote_span.clone());
    }

    fn warn_cut_offsets(&mut self, selector: &Selector, span: &Range<usize>) {
        let text = self.text;
        let Some(ends) = self.cut_ends(span) else {
            return;
        };
        let words = widen_to_words(&text.text, span.clone());
        let (start, end) = self.chars_of(&words);
        let diagnostic = Diagnostic::warning(
            "offsets-inside-word",
            format!("the passage at the offsets {ends} inside a word"),
        )
        .text_line(text.lines.line_of(span.start))
        .note(format!(
            "at the offsets: {:?}",
            shorten(text.text.get(span.clone()).unwrap_or_default())
        ))
        .note(format!(
            "whole words: {:?}",
            shorten(text.text.get(words).unwrap_or_default())
        ))
        .hint(format!(
            "use `start = {start}` and `end = {end}` for the whole words, or add `part_of_word = true` if part of a word is meant"
        ))
        .suggest(Suggestion {
            selector: selector.written_at(),
            change: Change::Offsets {
                start,
                end,
                why: Why::WholeWord,
            },
        });
        self.reporter
            .push_at(diagnostic, selector.offsets_span.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::cuts_word;

    #[test]
    fn a_word_goes_on_only_between_letters_of_spaced_scripts() {
        let text = "Moscow 東京都庁で会議 กรุงเทพ Köln";
        let at = |s: &str| text.find(s).expect("in the text");
        assert!(cuts_word(text, at("oscow")), "inside a Latin word");
        assert!(!cuts_word(text, at(" 東")), "at a space");
        assert!(!cuts_word(text, at("で会")), "between ideographs and kana");
        assert!(!cuts_word(text, at("京都")), "between ideographs");
        assert!(
            !cuts_word(text, at("รุง")),
            "inside Thai, written without spaces"
        );
        assert!(cuts_word(text, at("öln")), "inside a word with an accent");
    }
}
