//! The text of a briefing and its structure: blocks made of inline runs, and a
//! line index for positions. Built once by the loader, then read-only.

use std::ops::Range;

/// How the stored text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Markdown,
    Plain,
}

/// The role a block plays in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    /// A paragraph made of one emphasised span: a photo caption or standfirst.
    Caption,
    /// A paragraph inside a block quote; `depth` counts the nesting.
    Quote {
        depth: u8,
    },
    /// A paragraph inside a list item; `depth` 1 is the outermost list.
    ListItem {
        depth: u8,
        marker: ListMarker,
    },
    /// A fenced or indented code block: one row for each of its lines.
    Code,
    /// A raw HTML block, shown as its source with comments left out.
    Html,
    /// One row of a table, its cells padded to their columns' widths, or
    /// the rule under the header row. Rows follow each other with no blank
    /// row between them.
    TableRow,
    Rule,
}

impl BlockKind {
    /// Whether the block's lines wrap at the pane's edge. A code block's
    /// and a table row's do not: their lines are their layout, so each is
    /// one row, cut where the pane ends.
    pub fn wraps(self) -> bool {
        !matches!(self, Self::Code | Self::TableRow)
    }
}

/// What opens a list item, so the reader can draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    Bullet,
    Number(u64),
    /// Second and later paragraphs of one item carry no marker.
    Continuation,
}

/// Inline emphasis of a run, as bits so that nested emphasis combines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct InlineStyle(u8);

impl InlineStyle {
    pub const PLAIN: Self = Self(0);
    pub const EMPHASIS: Self = Self(1);
    pub const STRONG: Self = Self(2);
    pub const CODE: Self = Self(4);
    pub const LINK: Self = Self(8);
    pub const STRIKE: Self = Self(16);
    /// A table's padding, column separators and rule: drawn muted.
    pub const FRAME: Self = Self(32);

    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }
}

/// A piece of a block's displayed text with one inline style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The bytes of the stored text this run shows.
    pub source: Range<usize>,
    pub style: InlineStyle,
    pub text: RunText,
}

/// The displayed text of a run. Usually it is the source bytes themselves;
/// character references, escapes and line breaks display differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunText {
    Verbatim,
    Replaced(String),
    /// A hard line break inside the block.
    LineBreak,
    /// Layout standing in for markup, not text: a table's padding and
    /// separators for the `|` between cells, its rule for the delimiter
    /// row. Shown, but no part of the text as read (quotes copied from the
    /// screen treat it as a space).
    Filler(String),
}

impl Run {
    pub fn display<'a>(&'a self, text: &'a str) -> &'a str {
        match &self.text {
            RunText::Verbatim => text.get(self.source.clone()).unwrap_or_default(),
            RunText::Replaced(shown) | RunText::Filler(shown) => shown,
            RunText::LineBreak => "\n",
        }
    }
}

/// One block of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Bytes of the stored text the block covers, markup included.
    pub source: Range<usize>,
    /// Indices into [`Document::runs`].
    pub runs: Range<usize>,
    /// Part of the bottom line up front.
    pub bottom_line: bool,
}

/// The stored text and its parsed structure.
#[derive(Debug, Clone)]
pub struct Document {
    /// Exactly as read from the file; shared, not copied, with the thread
    /// that counts a search's matches (`controller::found`).
    pub text: std::sync::Arc<String>,
    pub format: TextFormat,
    pub blocks: Vec<Block>,
    pub runs: Vec<Run>,
    pub lines: LineIndex,
    /// Characters the reader shows as markers, counted for the header.
    pub hazards: crate::sanitize::HazardCounts,
}

impl Document {
    pub fn block_runs(&self, block: &Block) -> &[Run] {
        self.runs.get(block.runs.clone()).unwrap_or_default()
    }

    /// The block containing the byte offset, or the next one after it.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let index = self
            .blocks
            .partition_point(|block| block.source.end <= offset);
        (index < self.blocks.len()).then_some(index)
    }

    /// Whether a source range is text the reader displays: it starts inside
    /// a displayed run and ends inside one or in markup just after one (the
    /// closing `*` of emphasis), not in a link target or a reference
    /// definition.
    pub fn is_displayed(&self, span: &Range<usize>) -> bool {
        let index = self
            .runs
            .partition_point(|run| run.source.end <= span.start);
        let starts_inside = self
            .runs
            .get(index)
            .is_some_and(|run| run.source.start <= span.start);
        if !starts_inside {
            return false;
        }
        let last = self.runs.partition_point(|run| run.source.start < span.end);
        let Some(run) = last.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return false;
        };
        run.source.end >= span.end
            || self
                .text
                .get(run.source.end..span.end)
                .is_some_and(|markup| !markup.chars().any(char::is_alphanumeric))
    }

    /// The displayed text of a block, runs joined.
    pub fn block_text(&self, block: &Block) -> String {
        self.block_runs(block)
            .iter()
            .map(|run| run.display(&self.text))
            .collect()
    }
}

/// Byte offsets of line starts, for turning offsets into line numbers. A line
/// ends at `\n`, at `\r\n`, or at a lone `\r`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut position = 0;
        while let Some(found) = bytes
            .get(position..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
        {
            let at = position + found;
            let crlf = bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n');
            position = at + if crlf { 2 } else { 1 };
            starts.push(position);
        }
        Self { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_start(line).unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(0, |before| before.chars().count());
        (line, column + 1)
    }

    /// Byte offset where the 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The byte range of a 1-based line without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = self.line_start(line)?;
        let next = self.line_start(line + 1).unwrap_or(text.len());
        let content = text.get(start..next)?;
        let trimmed = content.trim_end_matches(['\n', '\r']);
        Some(start..start + trimmed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_lf_crlf_and_lone_cr() {
        let text = "one\r\ntwo\nthree\rfour";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_count(), 4);
        assert_eq!(lines.line_of(0), 1);
        assert_eq!(lines.line_of(4), 1, "the LF of a CRLF belongs to its line");
        assert_eq!(lines.line_of(5), 2);
        assert_eq!(lines.line_of(10), 3);
        assert_eq!(lines.line_of(16), 4);
        assert_eq!(lines.line_range(text, 1), Some(0..3));
        assert_eq!(lines.line_range(text, 3), Some(9..14));
        assert_eq!(lines.line_range(text, 5), None);
    }
}
