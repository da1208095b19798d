//! Splitting the text into blocks and inline runs: CommonMark through
//! pulldown-cmark with source ranges (`markdown`), plain text by blank
//! lines (here). Also builds the rendered projection from the runs, for
//! quotes copied from the screen. The stored text is never changed: every
//! run names the bytes it shows.

mod html;
mod markdown;
mod table;

use std::ops::Range;

pub use markdown::markdown;

use super::projection::{Builder, Projection};
use crate::model::{Block, BlockKind, Document, InlineStyle, LineIndex, Run, RunText, TextFormat};

/// Blocks and runs of a document, before the model takes them.
#[derive(Debug, Default)]
pub struct Structure {
    pub blocks: Vec<Block>,
    pub runs: Vec<Run>,
}

/// Parses `text` in its format into a document.
pub fn document(text: String, format: TextFormat) -> Document {
    let Structure { blocks, runs } = match format {
        TextFormat::Markdown => markdown(&text),
        TextFormat::Plain => plain(&text),
    };
    let lines = LineIndex::new(&text);
    let hazards = crate::sanitize::HazardCounts::of(&text);
    Document {
        text: std::sync::Arc::new(text),
        format,
        blocks,
        runs,
        lines,
        hazards,
    }
}

/// Plain text: paragraphs are separated by lines that are empty or blank, and
/// each paragraph is one verbatim run, line breaks included.
pub fn plain(text: &str) -> Structure {
    let mut structure = Structure::default();
    let mut paragraph: Option<Range<usize>> = None;
    for line in lines_with_ends(text) {
        let content = text.get(line.clone()).unwrap_or_default();
        if content.trim().is_empty() {
            if let Some(range) = paragraph.take() {
                structure.push_verbatim_block(BlockKind::Paragraph, range);
            }
            continue;
        }
        let end = line.start + content.trim_end_matches(['\n', '\r']).len();
        paragraph = Some(paragraph.map_or(line.start..end, |range| range.start..end));
    }
    if let Some(range) = paragraph {
        structure.push_verbatim_block(BlockKind::Paragraph, range);
    }
    structure
}

/// Byte ranges of the lines of `text`, each with its line ending.
fn lines_with_ends(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let rest = bytes.get(start..)?;
        let end = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(at) if rest.get(at) == Some(&b'\r') && rest.get(at + 1) == Some(&b'\n') => {
                start + at + 2
            }
            Some(at) => start + at + 1,
            None => bytes.len(),
        };
        let line = start..end;
        start = end;
        Some(line)
    })
}

impl Structure {
    fn push_verbatim_block(&mut self, kind: BlockKind, source: Range<usize>) {
        let first_run = self.runs.len();
        self.runs.push(Run {
            source: source.clone(),
            style: InlineStyle::PLAIN,
            text: RunText::Verbatim,
        });
        self.blocks.push(Block {
            kind,
            source,
            runs: first_run..self.runs.len(),
            bottom_line: false,
        });
    }
}

/// The text as the reader shows it, folded, mapped back to the source.
pub fn rendered_projection(document: &Document) -> Projection {
    let mut builder = Builder::default();
    let mut previous_end = 0;
    for block in &document.blocks {
        builder.push_break(previous_end..block.source.start.max(previous_end));
        for run in document.block_runs(block) {
            match &run.text {
                RunText::Verbatim => {
                    builder.push_exact(run.source.start, run.display(&document.text))
                }
                RunText::Replaced(shown) => builder.push_replaced(run.source.clone(), shown),
                RunText::LineBreak | RunText::Filler(_) => builder.push_break(run.source.clone()),
            }
        }
        previous_end = block.source.end;
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paragraphs_split_on_blank_lines_including_crlf() {
        let text = "first line\r\nstill first\r\n  \r\nsecond\n\n\nthird";
        let structure = plain(text);
        let paragraphs: Vec<&str> = structure
            .blocks
            .iter()
            .map(|block| &text[block.source.clone()])
            .collect();
        assert_eq!(paragraphs, ["first line\r\nstill first", "second", "third"]);
    }

    #[test]
    fn rendered_projection_drops_markup_and_maps_back() {
        let text = "A *day of mourning* was **declared**.\n\nNext.";
        let document = document(text.to_string(), TextFormat::Markdown);
        let projection = rendered_projection(&document);
        assert_eq!(projection.text, " A day of mourning was declared. Next.");
        let at = projection.text.find("mourning was declared").unwrap();
        let range = projection.source_range(at..at + "mourning was declared".len());
        assert_eq!(&text[range], "mourning* was **declared");
    }
}
