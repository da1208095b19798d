//! GFM tables as blocks: each row of the table is a block of its own, and
//! one more under the header row draws the rule. A row's runs are its
//! cells' runs, as any paragraph's are, with filler runs between them: the
//! spaces that pad each cell to its column's widest and the ` │ ` between
//! columns. A filler shows text that is not in the stored text, so it maps
//! to the markup it stands in for (the `|` and spaces between two cells'
//! contents, the delimiter row for the rule), and every byte drawn still
//! maps back to a byte of the text: mentions, search matches and notes
//! inside cells highlight where they are.
//!
//! The widths are measured here, with the layout's own measure of a
//! grapheme (`layout::cell_width`), so that padding lines the columns up
//! as they are drawn. The pane's width is not known here: a row never
//! wraps, and the reader cuts one wider than the pane at its edge.

use std::ops::Range;

use pulldown_cmark::Alignment;

use super::Structure;
use crate::layout::{cell_width, graphemes};
use crate::model::{Block, BlockKind, InlineStyle, Run, RunText};

/// Between two columns: as wide as the rule's `─┼─`.
const SEPARATOR: &str = " \u{2502} ";
const RULE: char = '\u{2500}';
const RULE_CROSSING: &str = "\u{2500}\u{253c}\u{2500}";

/// A table while its events arrive; its cells' runs are pushed to the
/// structure as they come and rearranged, with fillers, when it ends.
pub(super) struct Table {
    alignments: Vec<Alignment>,
    /// Where the table's runs start in `Structure::runs`.
    first_run: usize,
    rows: Vec<Row>,
    bottom_line: bool,
}

struct Row {
    source: Range<usize>,
    header: bool,
    cells: Vec<Cell>,
}

struct Cell {
    source: Range<usize>,
    /// Indices into `Structure::runs`.
    runs: Range<usize>,
}

impl Table {
    pub fn new(alignments: Vec<Alignment>, first_run: usize, bottom_line: bool) -> Self {
        Self {
            alignments,
            first_run,
            rows: Vec::new(),
            bottom_line,
        }
    }

    pub fn start_row(&mut self, source: Range<usize>, header: bool) {
        self.rows.push(Row {
            source,
            header,
            cells: Vec::new(),
        });
    }

    pub fn start_cell(&mut self, source: Range<usize>, run: usize) {
        if let Some(row) = self.rows.last_mut() {
            row.cells.push(Cell {
                source,
                runs: run..run,
            });
        }
    }

    pub fn end_cell(&mut self, run: usize) {
        if let Some(cell) = self.rows.last_mut().and_then(|row| row.cells.last_mut()) {
            cell.runs.end = run;
        }
    }

    /// Turns the table's rows into blocks, with the rule after the header.
    pub fn finish(self, structure: &mut Structure, text: &str, end: usize) {
        let runs = structure
            .runs
            .split_off(self.first_run.min(structure.runs.len()));
        let cell_runs = |cell: &Cell| {
            runs.get(cell.runs.start - self.first_run..cell.runs.end - self.first_run)
                .unwrap_or_default()
        };
        let mut widths = vec![0; self.alignments.len()];
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(&row.cells) {
                *width = (*width).max(columns(text, cell_runs(cell)));
            }
        }
        for (index, row) in self.rows.iter().enumerate() {
            let source = first_line(text, row.source.clone());
            let first = structure.runs.len();
            let mut filler = Filler::new(source.start);
            for (column, cell) in row.cells.iter().enumerate() {
                let runs = cell_runs(cell);
                let width = widths.get(column).copied().unwrap_or(0);
                let pad = width.saturating_sub(columns(text, runs));
                let (before, after) = match self.alignments.get(column) {
                    Some(Alignment::Right) => (pad, 0),
                    Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                    _ => (0, pad),
                };
                if column > 0 {
                    filler.text.push_str(SEPARATOR);
                }
                filler.pad(before);
                match (runs.first(), runs.last()) {
                    (Some(first_run), Some(last_run)) => {
                        filler.flush(structure, first_run.source.start);
                        for run in runs {
                            let mut run = run.clone();
                            if row.header {
                                run.style = run.style.with(InlineStyle::STRONG);
                            }
                            structure.runs.push(run);
                        }
                        filler.from = last_run.source.end;
                    }
                    // An empty cell (or one the row lacks) is all filler.
                    _ => filler.from = filler.from.max(cell.source.start.min(source.end)),
                }
                filler.pad(after);
            }
            // Padding after the last cell would only be trailing spaces.
            self.push_block(structure, first, source.clone());
            if index == 0 && row.header {
                let rule = rule_line(text, source.end, self.rows.get(1), end);
                let shown: Vec<String> =
                    widths.iter().map(|&w| RULE.to_string().repeat(w)).collect();
                let first = structure.runs.len();
                structure.runs.push(Run {
                    source: rule.clone(),
                    style: InlineStyle::FRAME,
                    text: RunText::Filler(shown.join(RULE_CROSSING)),
                });
                self.push_block(structure, first, rule);
            }
        }
    }

    fn push_block(&self, structure: &mut Structure, first_run: usize, source: Range<usize>) {
        let start = structure
            .blocks
            .last()
            .map_or(0, |block| block.source.end)
            .max(source.start);
        structure.blocks.push(Block {
            kind: BlockKind::TableRow,
            source: start..source.end.max(start),
            runs: first_run..structure.runs.len(),
            bottom_line: self.bottom_line,
        });
    }
}

/// The filler being gathered between two cells' contents, and the source
/// byte it starts at.
struct Filler {
    text: String,
    from: usize,
}

impl Filler {
    fn new(from: usize) -> Self {
        Self {
            text: String::new(),
            from,
        }
    }

    fn pad(&mut self, columns: usize) {
        self.text.extend(std::iter::repeat_n(' ', columns));
    }

    /// Pushes what is gathered as one run standing for the source up to
    /// `to`, where the next cell's content starts.
    fn flush(&mut self, structure: &mut Structure, to: usize) {
        if self.text.is_empty() {
            return;
        }
        let from = self.from.min(to);
        structure.runs.push(Run {
            source: from..to,
            style: InlineStyle::FRAME,
            text: RunText::Filler(std::mem::take(&mut self.text)),
        });
    }
}

/// Columns a cell's text takes, measured as the reader draws it.
fn columns(text: &str, runs: &[Run]) -> usize {
    let shown: String = runs.iter().map(|run| run.display(text)).collect();
    graphemes(&shown).map(|(_, g)| cell_width(g)).sum()
}

/// `range` up to its first line ending: a row without its line break.
fn first_line(text: &str, range: Range<usize>) -> Range<usize> {
    let line = text.get(range.clone()).unwrap_or_default();
    let end = line.find(['\n', '\r']).unwrap_or(line.len());
    range.start..range.start + end
}

/// The delimiter row: the line after the header's, without its line ending
/// or the `> ` (or indent) of a quote or list the table is in.
fn rule_line(text: &str, header_end: usize, next: Option<&Row>, table_end: usize) -> Range<usize> {
    let after = text.get(header_end..).unwrap_or_default();
    let skip = match after.as_bytes() {
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => 0,
    };
    let line_start = header_end + skip;
    let end = next
        .map_or(table_end, |row| row.source.start)
        .max(line_start);
    let line = first_line(text, line_start..end);
    // A quote's `>` or a list item's indent before it is the container's.
    let shown = text.get(line.clone()).unwrap_or_default();
    let prefix = shown.len() - shown.trim_start_matches(['>', ' ', '\t']).len();
    line.start + prefix..line.end
}

#[cfg(test)]
mod tests {
    use super::super::document;
    use crate::layout::BlockText;
    use crate::model::{BlockKind, InlineStyle, TextFormat};

    fn rule(columns: usize) -> String {
        "\u{2500}".repeat(columns)
    }

    const TABLE: &str = "Before.\n\n| Name | Year | *Notes* |\n|:-----|-----:|:---:|\n| Crocus | 2024 | an `attack` |\n| Beslan | 2004 |\n| x \\| y | <!-- c --> | &amp; |\n\nAfter.\n";

    /// Each row is a block of the cells padded to their columns, the
    /// header's rule under it, and no row wraps.
    #[test]
    fn rows_show_cells_padded_to_their_columns() {
        let document = document(TABLE.to_string(), TextFormat::Markdown);
        let rows: Vec<(BlockKind, String)> = document
            .blocks
            .iter()
            .map(|block| {
                (
                    block.kind,
                    BlockText::new(&document, block).text.into_owned(),
                )
            })
            .collect();
        let row = |text: &str| (BlockKind::TableRow, text.to_string());
        assert_eq!(
            rows,
            [
                (BlockKind::Paragraph, "Before.".to_string()),
                row("Name   \u{2502} Year \u{2502}   Notes"),
                // Columns of 6, 4 and 9, and a rule's `─┼─` for each ` │ `.
                row(&format!(
                    "{}\u{253c}{}\u{253c}{}",
                    rule(7),
                    rule(6),
                    rule(10)
                )),
                row("Crocus \u{2502} 2024 \u{2502} an attack"),
                row("Beslan \u{2502} 2004"),
                row("x | y  \u{2502}      \u{2502}     &"),
                (BlockKind::Paragraph, "After.".to_string()),
            ]
        );
        assert!(
            document
                .blocks
                .iter()
                .all(|b| b.kind != BlockKind::TableRow || !b.kind.wraps())
        );
        for pair in document.blocks.windows(2) {
            assert!(pair[0].source.end <= pair[1].source.start, "{pair:?}");
        }
        for pair in document.runs.windows(2) {
            assert!(
                pair[0].source.end <= pair[1].source.start,
                "runs in order: {pair:?}"
            );
        }
    }

    /// Every displayed byte of a cell maps to the same byte of the text and
    /// back; padding and separators map to the markup between the cells.
    #[test]
    fn cells_map_byte_for_byte_and_fillers_to_the_markup_between() {
        let document = document(TABLE.to_string(), TextFormat::Markdown);
        let text = &document.text;
        let row = &document.blocks[3];
        let shown = BlockText::new(&document, row);
        for word in ["Crocus", "2024", "an ", "attack"] {
            let display = shown.text.find(word).unwrap();
            let source = text.find(word).unwrap();
            for i in 0..word.len() {
                assert_eq!(shown.source_of(display + i), source + i, "{word} byte {i}");
                assert_eq!(shown.display_of(source + i), display + i, "{word} byte {i}");
            }
            assert_eq!(
                shown.source_range(display..display + word.len()),
                source..source + word.len()
            );
        }
        // The padding and bar after "Crocus" stand for " | " before "2024".
        let crocus_end = text.find("Crocus").unwrap() + "Crocus".len();
        let bar = shown.text.find('\u{2502}').unwrap();
        assert_eq!(shown.source_of(bar), crocus_end);
        assert_eq!(shown.source_of(bar - 1), crocus_end);
        assert!(shown.run_at(bar).style.contains(InlineStyle::FRAME));
        assert!(!shown.run_at(0).style.contains(InlineStyle::FRAME));
        // The rule stands for the delimiter row; the header is strong.
        let rule = BlockText::new(&document, &document.blocks[2]);
        assert_eq!(
            &text[document.blocks[2].source.clone()],
            "|:-----|-----:|:---:|"
        );
        assert_eq!(rule.source_of(0), text.find("|:---").unwrap());
        let header = BlockText::new(&document, &document.blocks[1]);
        assert!(header.run_at(0).style.contains(InlineStyle::STRONG));
        let notes = header.text.find("Notes").unwrap();
        assert!(header.run_at(notes).style.contains(InlineStyle::EMPHASIS));
        // An escaped bar shows as a bar, from its own byte.
        let last = BlockText::new(&document, &document.blocks[5]);
        assert_eq!(last.source_of(2), text.find("| y").unwrap());
    }

    /// Two tables with a blank line between them, and a table in a quote.
    #[test]
    fn separate_tables_and_quoted_tables() {
        let text = "| a |\n|---|\n| 1 |\n\n| b |\n|---|\n\n> | q | r |\n> |---|---|\n> | 1 | 2 |\n";
        let document = document(text.to_string(), TextFormat::Markdown);
        let shown: Vec<String> = document
            .blocks
            .iter()
            .map(|block| BlockText::new(&document, block).text.into_owned())
            .collect();
        assert_eq!(
            shown,
            [
                "a",
                "\u{2500}",
                "1",
                "b",
                "\u{2500}",
                "q \u{2502} r",
                &format!("{0}\u{253c}{0}", rule(2)),
                "1 \u{2502} 2"
            ]
        );
        let sources: Vec<&str> = document
            .blocks
            .iter()
            .map(|b| &text[b.source.clone()])
            .collect();
        assert_eq!(sources[6], "|---|---|");
        assert_eq!(sources[7], "| 1 | 2 |");
    }
}
