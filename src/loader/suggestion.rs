//! What a diagnostic proposes to change in the annotation file, in a form a
//! program can apply: which selector (by where its `quote` or `start` value
//! is written) and the new offsets, quote or flag. `brief check --fix`
//! applies the safe kinds; the tests apply every one and re-check.
//!
//! It owns only the description of a change; it must not edit files (that is
//! `cli::fix`) nor decide when a change is due (that is anchoring's).

use std::ops::Range;

/// A change to one selector of the annotation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The byte span, in the annotation file, of the selector's `quote`
    /// value, or of its `start` value when it has no quote: it names the
    /// table the change belongs in.
    pub selector: Range<usize>,
    pub change: Change,
}

/// What to change in the selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Write `start` and `end` (characters, half-open), adding them if the
    /// selector has none.
    Offsets {
        start: usize,
        end: usize,
        why: Why,
    },
    /// Replace the quote (and the offsets, if the selector has them): only
    /// ever proposed, never applied by `--fix`, which leaves quotes alone.
    Quote {
        quote: String,
        start: usize,
        end: usize,
    },
    /// Add `part_of_word = true`: the passage is meant to be part of a
    /// word. Proposed only.
    PartOfWord,
}

/// Why new offsets are proposed, which decides whether `--fix` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The text moved; the quote was found again at one place.
    Drifted,
    /// The offsets held whitespace around the passage.
    Whitespace,
    /// A quote-only selector's offsets, to pin it (`--fix=offsets`).
    Pin,
    /// The offsets cut a word; the whole word is proposed. Not applied by
    /// `--fix`: a wider span is a different passage.
    WholeWord,
}

impl Suggestion {
    /// Whether `brief check --fix` applies it (`pins` with `--fix=offsets`).
    pub fn is_automatic(&self, pins: bool) -> bool {
        match &self.change {
            Change::Offsets { why, .. } => match why {
                Why::Drifted | Why::Whitespace => true,
                Why::Pin => pins,
                Why::WholeWord => false,
            },
            Change::Quote { .. } | Change::PartOfWord => false,
        }
    }
}
