//! The displayed text of one block, with a map back to the stored text, and
//! the width each grapheme takes on screen.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::{Block, Document, InlineStyle, RunText};
use crate::sanitize;

/// Columns a tab takes.
pub const TAB_WIDTH: usize = 4;

/// What a grapheme shows as in a cell run: itself, spaces for a tab, or
/// what the sanitiser makes of it (markers for controls and hidden
/// characters), so nothing from a file steers the terminal.
pub fn cell_text(grapheme: &str) -> Cow<'_, str> {
    cell(grapheme).0
}

/// Columns a grapheme takes once made safe.
pub fn cell_width(grapheme: &str) -> usize {
    cell(grapheme).1
}

/// What a grapheme shows as, and the columns that takes. Printable ASCII,
/// nearly every grapheme of most briefings, is itself and one column wide,
/// without asking the sanitiser.
pub fn cell(grapheme: &str) -> (Cow<'_, str>, usize) {
    if let &[byte] = grapheme.as_bytes()
        && sanitize::is_printable_ascii(byte)
    {
        return (Cow::Borrowed(grapheme), 1);
    }
    if grapheme == "\t" {
        return (Cow::Borrowed("    "), TAB_WIDTH);
    }
    let shown = sanitize::grapheme(grapheme);
    let width = shown.width();
    (shown, width)
}

/// The grapheme clusters of `text` with their byte offsets, as
/// `UnicodeSegmentation::grapheme_indices` gives them. Where an ASCII
/// character other than a carriage return (whose pair with a line feed is
/// the one ASCII cluster of two bytes) is followed by another or ends the
/// text, it is a cluster of its own: that is split off a byte at a time,
/// several times faster, and only the stretches around other characters
/// go through Unicode segmentation. Most of what a frame draws and a wrap
/// measures is ASCII, often with the odd dash or accent in a line.
pub fn graphemes(text: &str) -> Graphemes<'_> {
    Graphemes {
        text,
        at: 0,
        segmenting: None,
    }
}

pub struct Graphemes<'a> {
    text: &'a str,
    /// Where the next cluster starts.
    at: usize,
    /// Unicode segmentation of the text from this offset on, while the
    /// text needs it. Starting afresh there agrees with segmenting the
    /// whole text: it starts on a boundary after an ASCII character (or
    /// at the start), and no rule joins across one.
    segmenting: Option<(usize, unicode_segmentation::GraphemeIndices<'a>)>,
}

impl<'a> Graphemes<'a> {
    /// Where the next cluster starts.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Takes the next clusters while each is a single printable ASCII
    /// byte, at most `limit` of them, as one slice with its offset; `None`
    /// if the next cluster is not one. What is taken is not returned by
    /// `next`. (Drawing writes such a stretch a byte to a cell.)
    pub fn take_printable_ascii(&mut self, limit: usize) -> Option<(usize, &'a str)> {
        if self.segmenting.is_some() {
            return None;
        }
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut end = start;
        while end - start < limit
            && bytes
                .get(end)
                .is_some_and(|&byte| sanitize::is_printable_ascii(byte))
            && bytes.get(end + 1).is_none_or(u8::is_ascii)
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        self.at = end;
        self.text.get(start..end).map(|run| (start, run))
    }
}

impl Graphemes<'_> {
    /// Whether the cluster at `at` is the single ASCII byte there.
    fn plain_at(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        bytes
            .get(at)
            .is_some_and(|&byte| byte.is_ascii() && byte != b'\r')
            && bytes.get(at + 1).is_none_or(u8::is_ascii)
    }
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.segmenting.is_none() {
            let start = self.at;
            if self.plain_at(start) {
                self.at += 1;
                return self.text.get(start..start + 1).map(|one| (start, one));
            }
            let rest = self.text.get(start..)?;
            self.segmenting = Some((start, rest.grapheme_indices(true)));
        }
        let (base, segments) = self.segmenting.as_mut()?;
        let Some((offset, cluster)) = segments.next() else {
            self.segmenting = None;
            return None;
        };
        let start = *base + offset;
        self.at = start + cluster.len();
        if self.plain_at(self.at) {
            self.segmenting = None;
        }
        Some((start, cluster))
    }
}

/// One run's place in the displayed text and in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    display: Range<usize>,
    source: Range<usize>,
    /// The display bytes are the source bytes (so positions map one to one).
    exact: bool,
    style: InlineStyle,
}

/// A display byte of a block: the source byte it comes from (as
/// `BlockText::source_of` says) and the run around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunAt {
    pub source: usize,
    /// Where the run ends, in display bytes.
    pub end: usize,
    pub style: InlineStyle,
}

/// A block's text as shown, runs joined, hard breaks as `\n`. A block of
/// one verbatim run (every plain-text paragraph) borrows the stored text
/// instead of copying it, so a huge paragraph costs nothing to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockText<'a> {
    pub text: Cow<'a, str>,
    pieces: Vec<Piece>,
    source: Range<usize>,
}

impl<'a> BlockText<'a> {
    pub fn new(document: &'a Document, block: &Block) -> Self {
        if let [run] = document.block_runs(block) {
            if matches!(run.text, RunText::Verbatim) {
                let shown = run.display(&document.text);
                return Self {
                    text: Cow::Borrowed(shown),
                    pieces: vec![Piece {
                        display: 0..shown.len(),
                        source: run.source.clone(),
                        exact: true,
                        style: run.style,
                    }],
                    source: block.source.clone(),
                };
            }
        }
        let mut text = String::new();
        let mut pieces: Vec<Piece> = Vec::new();
        for run in document.block_runs(block) {
            let shown = run.display(&document.text);
            let start = text.len();
            text.push_str(shown);
            // A byte standing in for one byte (a soft break's space for its
            // line feed) maps one to one as well as a verbatim run does. A
            // table's filler never does: all of it maps to where it starts.
            let exact = match run.text {
                RunText::Verbatim => true,
                RunText::Replaced(_) | RunText::LineBreak => {
                    shown.len() == 1 && run.source.len() == 1
                }
                RunText::Filler(_) => false,
            };
            // Such runs join the piece before them when they continue it
            // in the same style: a paragraph's lines become one piece, so
            // looking a position up, and drawing, meets fewer edges.
            if let Some(last) = pieces.last_mut()
                && exact
                && last.exact
                && last.style == run.style
                && last.source.end == run.source.start
            {
                last.display.end = text.len();
                last.source.end = run.source.end;
                continue;
            }
            pieces.push(Piece {
                display: start..text.len(),
                source: run.source.clone(),
                exact,
                style: run.style,
            });
        }
        Self {
            text: Cow::Owned(text),
            pieces,
            source: block.source.clone(),
        }
    }

    fn piece_at_display(&self, display: usize) -> Option<&Piece> {
        let index = self.pieces.partition_point(|p| p.display.end <= display);
        self.pieces.get(index).or_else(|| self.pieces.last())
    }

    /// The source byte a display byte comes from.
    pub fn source_of(&self, display: usize) -> usize {
        self.source_in(self.piece_at_display(display), display)
    }

    fn source_in(&self, piece: Option<&Piece>, display: usize) -> usize {
        match piece {
            None => self.source.start,
            Some(piece) if piece.exact => {
                let within = display.saturating_sub(piece.display.start);
                (piece.source.start + within).min(piece.source.end)
            }
            Some(piece) if display >= piece.display.end => piece.source.end,
            Some(piece) => piece.source.start,
        }
    }

    /// What a display byte shows, found in one look-up: where it comes
    /// from and the run around it.
    pub fn run_at(&self, display: usize) -> RunAt {
        let piece = self.piece_at_display(display);
        RunAt {
            source: self.source_in(piece, display),
            end: piece.map_or(self.text.len(), |piece| piece.display.end),
            style: piece.map_or(InlineStyle::PLAIN, |piece| piece.style),
        }
    }

    /// Where a source byte shows: the display byte of the first piece at or
    /// after it (markup before a run maps to the run's start).
    pub fn display_of(&self, source: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.source.end <= source);
        match self.pieces.get(index) {
            None => self.text.len(),
            Some(piece) if piece.exact && source >= piece.source.start => {
                piece.display.start + (source - piece.source.start)
            }
            Some(piece) => piece.display.start,
        }
    }

    /// The source range a display range covers.
    pub fn source_range(&self, display: Range<usize>) -> Range<usize> {
        let start = self.source_of(display.start);
        let end = match display
            .end
            .checked_sub(1)
            .map(|last| (last, self.piece_at_display(last)))
        {
            Some((last, Some(piece))) if piece.exact && display.end > display.start => {
                self.source_of(last) + 1
            }
            Some((_, Some(piece))) if display.end > display.start => piece.source.end,
            _ => start,
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_document as document;

    /// Taking printable ASCII in one piece agrees with `next`: it stops
    /// before a character that a following mark joins, at control
    /// characters, at the limit, and inside stretches that need
    /// segmentation, and `next` carries on where it stopped.
    #[test]
    fn printable_ascii_is_taken_as_next_would_give_it() {
        let text = "ab\u{301}cd\tef gh\u{e9}ij";
        let mut taken = graphemes(text);
        assert_eq!(taken.take_printable_ascii(10), Some((0, "a")));
        assert_eq!(taken.take_printable_ascii(10), None, "b joins the accent");
        assert_eq!(taken.next(), Some((1, "b\u{301}")));
        assert_eq!(taken.take_printable_ascii(10), Some((4, "cd")));
        assert_eq!(
            taken.take_printable_ascii(10),
            None,
            "a tab is not printable"
        );
        assert_eq!(taken.next(), Some((6, "\t")));
        assert_eq!(taken.take_printable_ascii(2), Some((7, "ef")));
        assert_eq!(taken.take_printable_ascii(0), None);
        assert_eq!(taken.take_printable_ascii(10), Some((9, " g")));
        assert_eq!(taken.next(), Some((11, "h")));
        assert_eq!(taken.next(), Some((12, "\u{e9}")));
        assert_eq!(taken.take_printable_ascii(10), Some((14, "ij")));
        assert_eq!(taken.next(), None);
        let whole: Vec<&str> = graphemes(text).map(|(_, g)| g).collect();
        assert_eq!(whole.concat(), text);
    }

    #[test]
    fn display_and_source_positions_map_both_ways() {
        let text = "Say *very* loud &amp; clear.\n";
        let document = document(text);
        let block = BlockText::new(&document, &document.blocks[0]);
        assert_eq!(block.text, "Say very loud & clear.");
        let very = block.text.find("very").unwrap();
        assert_eq!(block.source_of(very), text.find("very").unwrap());
        assert_eq!(
            block.display_of(text.find("loud").unwrap()),
            block.text.find("loud").unwrap()
        );
        let amp = block.text.find('&').unwrap();
        assert_eq!(block.source_range(amp..amp + 1), 16..21);
        assert!(block.run_at(very).style.contains(InlineStyle::EMPHASIS));
        assert!(!block.run_at(0).style.contains(InlineStyle::EMPHASIS));
        assert_eq!(block.run_at(very).source, block.source_of(very));
    }

    #[test]
    fn a_paragraphs_lines_are_one_piece_that_maps_byte_for_byte() {
        let text = "First line of it\nsecond line\nthird *and last*.\n";
        let paragraph = document(text);
        let block = BlockText::new(&paragraph, &paragraph.blocks[0]);
        assert_eq!(block.text, "First line of it second line third and last.");
        let emphasis = block.text.find("and").unwrap();
        // The three lines up to the emphasis, the emphasis, the full stop.
        assert_eq!(block.pieces.len(), 3);
        assert_eq!(block.run_at(0).end, emphasis);
        for display in 0..emphasis {
            assert_eq!(block.source_of(display), display, "display byte {display}");
            assert_eq!(block.display_of(display), display, "source byte {display}");
        }
        assert_eq!(block.source_range(10..23), 10..23);
        // A soft break written as CR LF is two bytes shown as one: its own
        // piece, mapped as a whole.
        let crlf = document("one\r\ntwo\r\n");
        let block = BlockText::new(&crlf, &crlf.blocks[0]);
        assert_eq!(block.text, "one two");
        assert_eq!(block.pieces.len(), 3);
        assert_eq!(block.source_of(4), 5);
        assert_eq!(block.display_of(3), 3);
        assert_eq!(block.display_of(4), 3);
    }

    #[test]
    fn controls_show_as_markers_with_their_width() {
        assert_eq!(cell_text("\u{1b}"), "\u{241b}");
        assert_eq!(cell_width("\u{1b}"), 1);
        assert_eq!(cell_width("\u{202e}"), "<U+202E>".len());
        assert_eq!(cell_width("\t"), TAB_WIDTH);
        assert_eq!(cell_width("東"), 2);
        assert_eq!(cell_width("e\u{301}"), 1);
    }
}
