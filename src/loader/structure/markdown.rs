//! CommonMark into blocks and runs: pulldown-cmark's events with their
//! source ranges, block by block, each run narrowed to the bytes it shows.
//! Roles that Markdown has no syntax for (captions, the bottom line up
//! front) are recognised here too. It must not change the stored text.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::table::Table;
use super::{Structure, html};
use crate::model::{Block, BlockKind, InlineStyle, ListMarker, Run, RunText};

/// Where the Markdown parser is, block-wise.
#[derive(Default)]
struct Context {
    quote_depth: u8,
    /// One entry per open list: the next item number, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The marker of the item now open, until its first block uses it.
    item_marker: Option<ListMarker>,
    style: InlineStyle,
    open: Option<OpenBlock>,
    /// The level of the bottom-line heading whose section is open.
    bottom_line_level: Option<u8>,
    /// Inside an HTML comment that an earlier line of an HTML block opened.
    in_comment: bool,
    /// The table whose rows are arriving; its cells hold runs, not blocks.
    table: Option<Table>,
    /// An inline comment was just left out after a space: the space (or
    /// line break) after it would make two.
    space_before_comment: bool,
}

struct OpenBlock {
    kind: BlockKind,
    start: usize,
    first_run: usize,
    is_heading: bool,
}

/// CommonMark: headings, paragraphs, quotes, list items, code, rules, and
/// GFM tables.
pub fn markdown(text: &str) -> Structure {
    let mut structure = Structure::default();
    let mut context = Context::default();
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        let space_before_comment = std::mem::take(&mut context.space_before_comment);
        match event {
            Event::Start(tag) => start_tag(&mut structure, &mut context, tag, range),
            Event::End(tag) => end_tag(&mut structure, &mut context, text, tag, range),
            Event::InlineHtml(shown) if html::is_comment(&shown) => {
                context.space_before_comment = ends_in_space(&structure, &context, text);
            }
            Event::SoftBreak if space_before_comment => {}
            Event::Text(shown) if space_before_comment && shown.starts_with(' ') => {
                let spaces = shown.len() - shown.trim_start_matches(' ').len();
                let after = range.start + spaces..range.end;
                if let Some(rest) = shown.get(spaces..).filter(|rest| !rest.is_empty()) {
                    push_run(&mut structure, text, after, rest, context.style);
                }
            }
            Event::Html(line) if text.get(range.clone()) == Some(&*line) => {
                for part in html::outside_comments(&line, &mut context.in_comment) {
                    let source = range.start + part.start..range.start + part.end;
                    ensure_open(&mut structure, &mut context, source.start);
                    structure.runs.push(Run {
                        source,
                        style: context.style,
                        text: RunText::Verbatim,
                    });
                }
            }
            Event::Text(shown) | Event::Html(shown) | Event::InlineHtml(shown) => {
                ensure_open(&mut structure, &mut context, range.start);
                push_run(&mut structure, text, range, &shown, context.style);
            }
            Event::Code(shown) => {
                ensure_open(&mut structure, &mut context, range.start);
                let style = context.style.with(InlineStyle::CODE);
                push_run(&mut structure, text, range, &shown, style);
            }
            Event::SoftBreak => {
                structure.runs.push(Run {
                    source: range,
                    style: context.style,
                    text: RunText::Replaced(" ".to_string()),
                });
            }
            Event::HardBreak => {
                structure.runs.push(Run {
                    source: range,
                    style: context.style,
                    text: RunText::LineBreak,
                });
            }
            Event::Rule => {
                close_block(&mut structure, &mut context, range.start);
                let first_run = structure.runs.len();
                structure.blocks.push(Block {
                    kind: BlockKind::Rule,
                    source: range,
                    runs: first_run..first_run,
                    bottom_line: context.bottom_line_level.is_some(),
                });
            }
            _ => {}
        }
    }
    close_block(&mut structure, &mut context, text.len());
    structure
}

fn start_tag(structure: &mut Structure, context: &mut Context, tag: Tag<'_>, range: Range<usize>) {
    match tag {
        Tag::Heading { level, .. } => {
            close_block(structure, context, range.start);
            let level = heading_level(level);
            if context.bottom_line_level.is_some_and(|open| level <= open) {
                context.bottom_line_level = None;
            }
            open_block(
                structure,
                context,
                BlockKind::Heading { level },
                range.start,
            );
        }
        Tag::Paragraph => {
            // A tight list item is already open and collecting; a loose one
            // opens its first paragraph here.
            let item_open_and_empty = context.open.as_ref().is_some_and(|open| {
                matches!(open.kind, BlockKind::ListItem { .. })
                    && open.first_run == structure.runs.len()
            });
            if !item_open_and_empty {
                close_block(structure, context, range.start);
                let kind = paragraph_kind(context);
                open_block(structure, context, kind, range.start);
            }
        }
        Tag::CodeBlock(_) => {
            close_block(structure, context, range.start);
            open_block(structure, context, BlockKind::Code, range.start);
        }
        Tag::HtmlBlock => {
            close_block(structure, context, range.start);
            context.in_comment = false;
            open_block(structure, context, BlockKind::Html, range.start);
        }
        Tag::BlockQuote(_) => {
            close_block(structure, context, range.start);
            context.quote_depth = context.quote_depth.saturating_add(1);
        }
        Tag::List(first_number) => {
            close_block(structure, context, range.start);
            context.lists.push(first_number);
        }
        Tag::Item => {
            close_block(structure, context, range.start);
            let marker = match context.lists.last_mut() {
                Some(Some(number)) => {
                    let marker = ListMarker::Number(*number);
                    *number = number.saturating_add(1);
                    marker
                }
                _ => ListMarker::Bullet,
            };
            context.item_marker = Some(marker);
            let kind = paragraph_kind(context);
            open_block(structure, context, kind, range.start);
        }
        Tag::Table(alignments) => {
            close_block(structure, context, range.start);
            let bottom_line = context.bottom_line_level.is_some();
            context.table = Some(Table::new(alignments, structure.runs.len(), bottom_line));
        }
        Tag::TableHead | Tag::TableRow => {
            if let Some(table) = context.table.as_mut() {
                table.start_row(range, matches!(tag, Tag::TableHead));
            }
        }
        Tag::TableCell => {
            if let Some(table) = context.table.as_mut() {
                table.start_cell(range, structure.runs.len());
            }
        }
        Tag::Emphasis => context.style = context.style.with(InlineStyle::EMPHASIS),
        Tag::Strong => context.style = context.style.with(InlineStyle::STRONG),
        Tag::Strikethrough => context.style = context.style.with(InlineStyle::STRIKE),
        Tag::Link { .. } | Tag::Image { .. } => {
            context.style = context.style.with(InlineStyle::LINK);
        }
        _ => {}
    }
}

fn end_tag(
    structure: &mut Structure,
    context: &mut Context,
    text: &str,
    tag: TagEnd,
    range: Range<usize>,
) {
    match tag {
        TagEnd::Heading(_) => {
            let heading_text = open_block_text(structure, context, text);
            close_block(structure, context, range.end);
            if is_bottom_line_heading(&heading_text) {
                if let Some(Block {
                    kind: BlockKind::Heading { level },
                    ..
                }) = structure.blocks.last()
                {
                    context.bottom_line_level = Some(*level);
                }
            }
        }
        TagEnd::CodeBlock | TagEnd::HtmlBlock => {
            drop_last_line_ending(structure, context, text);
            close_block(structure, context, range.end);
        }
        TagEnd::Paragraph | TagEnd::Item => {
            close_block(structure, context, range.end);
        }
        TagEnd::BlockQuote(_) => {
            close_block(structure, context, range.end);
            context.quote_depth = context.quote_depth.saturating_sub(1);
        }
        TagEnd::List(_) => {
            close_block(structure, context, range.end);
            context.lists.pop();
        }
        TagEnd::TableCell => {
            if let Some(table) = context.table.as_mut() {
                table.end_cell(structure.runs.len());
            }
        }
        TagEnd::Table => {
            if let Some(table) = context.table.take() {
                table.finish(structure, text, range.end);
            }
        }
        TagEnd::Emphasis => context.style = context.style.without(InlineStyle::EMPHASIS),
        TagEnd::Strong => context.style = context.style.without(InlineStyle::STRONG),
        TagEnd::Strikethrough => context.style = context.style.without(InlineStyle::STRIKE),
        TagEnd::Link | TagEnd::Image => context.style = context.style.without(InlineStyle::LINK),
        _ => {}
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_bottom_line_heading(heading: &str) -> bool {
    let words: String = heading
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    words == "bluf" || words.starts_with("bottom line up front")
}

fn paragraph_kind(context: &mut Context) -> BlockKind {
    if !context.lists.is_empty() {
        let depth = u8::try_from(context.lists.len()).unwrap_or(u8::MAX);
        let marker = context
            .item_marker
            .take()
            .unwrap_or(ListMarker::Continuation);
        BlockKind::ListItem { depth, marker }
    } else if context.quote_depth > 0 {
        BlockKind::Quote {
            depth: context.quote_depth,
        }
    } else {
        BlockKind::Paragraph
    }
}

fn open_block(structure: &mut Structure, context: &mut Context, kind: BlockKind, start: usize) {
    context.open = Some(OpenBlock {
        kind,
        start,
        first_run: structure.runs.len(),
        is_heading: matches!(kind, BlockKind::Heading { .. }),
    });
}

/// Text can arrive with no block open (inline HTML at the top level, text
/// after a nested list inside an item); give it a paragraph.
fn ensure_open(structure: &mut Structure, context: &mut Context, start: usize) {
    // A table cell's runs wait for the table to end.
    if context.open.is_none() && context.table.is_none() {
        let kind = paragraph_kind(context);
        open_block(structure, context, kind, start);
    }
}

fn open_block_text(structure: &Structure, context: &Context, text: &str) -> String {
    context.open.as_ref().map_or_else(String::new, |open| {
        structure
            .runs
            .get(open.first_run..)
            .unwrap_or_default()
            .iter()
            .map(|run| run.display(text))
            .collect()
    })
}

fn close_block(structure: &mut Structure, context: &mut Context, end: usize) {
    let Some(open) = context.open.take() else {
        return;
    };
    let runs = open.first_run..structure.runs.len();
    let run_slice = structure.runs.get(runs.clone()).unwrap_or_default();
    let has_text = run_slice
        .iter()
        .any(|run| !matches!(run.text, RunText::LineBreak));
    if !has_text && !open.is_heading && open.kind != BlockKind::Code {
        structure.runs.truncate(open.first_run);
        return;
    }
    let is_caption = open.kind == BlockKind::Paragraph
        && run_slice
            .iter()
            .all(|run| run.style.contains(InlineStyle::EMPHASIS));
    let kind = if is_caption {
        BlockKind::Caption
    } else {
        open.kind
    };
    // Blocks never overlap: a list item ends at its last run, not at the end
    // of the nested lists its range would cover.
    let previous_end = structure.blocks.last().map_or(0, |block| block.source.end);
    let start = open.start.max(previous_end);
    let end = run_slice
        .last()
        .map_or(end, |run| run.source.end)
        .max(start);
    structure.blocks.push(Block {
        kind,
        source: start..end,
        runs,
        bottom_line: context.bottom_line_level.is_some(),
    });
}

/// Whether the open block's text so far ends in a space.
fn ends_in_space(structure: &Structure, context: &Context, text: &str) -> bool {
    let first_run = context
        .open
        .as_ref()
        .map_or(usize::MAX, |open| open.first_run);
    structure
        .runs
        .get(first_run..)
        .and_then(<[Run]>::last)
        .is_some_and(|run| run.display(text).ends_with(' '))
}

/// A code or HTML block's text ends with the line ending of its last line,
/// which is no line of its own: drawn, it made a blank row before the gap.
fn drop_last_line_ending(structure: &mut Structure, context: &Context, text: &str) {
    let first_run = context
        .open
        .as_ref()
        .map_or(usize::MAX, |open| open.first_run);
    if structure.runs.len() <= first_run {
        return;
    }
    let Some(last) = structure.runs.last_mut() else {
        return;
    };
    if !matches!(last.text, RunText::Verbatim) {
        return;
    }
    let shown = text.get(last.source.clone()).unwrap_or_default();
    let kept = shown.strip_suffix('\n').unwrap_or(shown);
    let kept = kept.strip_suffix('\r').unwrap_or(kept);
    last.source.end = last.source.start + kept.len();
    if kept.is_empty() {
        structure.runs.pop();
    }
}

/// A run shows `shown` for the source `range`. When the shown text appears
/// inside the range with only markup around it (the backticks of inline
/// code, the backslash of an escape), narrow the run to it so positions stay
/// exact; otherwise (a character reference) the run replaces its range.
fn push_run(
    structure: &mut Structure,
    text: &str,
    range: Range<usize>,
    shown: &str,
    style: InlineStyle,
) {
    let source_slice = text.get(range.clone()).unwrap_or_default();
    let only_markup = |s: &str| s.chars().all(|c| matches!(c, '`' | '\\' | ' '));
    // Nearly always the run is its source as it stands; building a
    // substring searcher for every run to find that out cost more than
    // the Markdown parse.
    let found = if source_slice == shown {
        Some(0)
    } else {
        source_slice.find(shown)
    };
    let narrowed = found.filter(|&at| {
        !shown.is_empty()
            && only_markup(source_slice.get(..at).unwrap_or_default())
            && only_markup(source_slice.get(at + shown.len()..).unwrap_or_default())
    });
    let run = match narrowed {
        Some(at) => Run {
            source: range.start + at..range.start + at + shown.len(),
            style,
            text: RunText::Verbatim,
        },
        None => Run {
            source: range,
            style,
            text: RunText::Replaced(shown.to_string()),
        },
    };
    structure.runs.push(run);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, structure: &Structure) -> Vec<(BlockKind, String, bool)> {
        structure
            .blocks
            .iter()
            .map(|block| {
                let runs = &structure.runs[block.runs.clone()];
                let joined: String = runs.iter().map(|run| run.display(text)).collect();
                (block.kind, joined, block.bottom_line)
            })
            .collect()
    }

    #[test]
    fn markdown_blocks_have_roles() {
        let text = "# Title\n\n*A caption line.*\n\n## Bottom line up front\n\n- one\n- two **bold**\n\n## Detail\n\n> quoted\n> on two lines\n\nBody &amp; `code`.\n";
        let structure = markdown(text);
        let bullet = |marker| BlockKind::ListItem { depth: 1, marker };
        assert_eq!(
            shown(text, &structure),
            vec![
                (BlockKind::Heading { level: 1 }, "Title".into(), false),
                (BlockKind::Caption, "A caption line.".into(), false),
                (
                    BlockKind::Heading { level: 2 },
                    "Bottom line up front".into(),
                    false
                ),
                (bullet(ListMarker::Bullet), "one".into(), true),
                (bullet(ListMarker::Bullet), "two bold".into(), true),
                (BlockKind::Heading { level: 2 }, "Detail".into(), false),
                (
                    BlockKind::Quote { depth: 1 },
                    "quoted on two lines".into(),
                    false
                ),
                (BlockKind::Paragraph, "Body & code.".into(), false),
            ]
        );
    }

    #[test]
    fn blocks_are_ordered_and_disjoint() {
        let text = "1. first\n   - nested\n   - more\n2. second\n\n   again\n";
        let structure = markdown(text);
        let kinds: Vec<_> = structure.blocks.iter().map(|block| block.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::ListItem {
                    depth: 1,
                    marker: ListMarker::Number(1)
                },
                BlockKind::ListItem {
                    depth: 2,
                    marker: ListMarker::Bullet
                },
                BlockKind::ListItem {
                    depth: 2,
                    marker: ListMarker::Bullet
                },
                BlockKind::ListItem {
                    depth: 1,
                    marker: ListMarker::Number(2)
                },
                BlockKind::ListItem {
                    depth: 1,
                    marker: ListMarker::Continuation
                },
            ]
        );
        for pair in structure.blocks.windows(2) {
            assert!(pair[0].source.end <= pair[1].source.start, "{pair:?}");
        }
    }

    /// Each run of a block, as the source bytes it names: what the reader
    /// shows must be those bytes, byte for byte.
    fn sources<'t>(text: &'t str, structure: &Structure) -> Vec<Vec<&'t str>> {
        structure
            .blocks
            .iter()
            .map(|block| {
                structure.runs[block.runs.clone()]
                    .iter()
                    .map(|run| {
                        assert_eq!(run.text, RunText::Verbatim, "{run:?}");
                        &text[run.source.clone()]
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn html_comments_are_hidden_inline_and_as_blocks() {
        let text = "Before <!-- inline\nover lines --> after.\n\n<!--\nA whole block.\n-->\n\n<div><!-- c --></div>\n\n> <!-- quoted -->\n> shown\n";
        let structure = markdown(text);
        assert_eq!(
            shown(text, &structure),
            [
                (BlockKind::Paragraph, "Before after.".into(), false),
                (BlockKind::Html, "<div></div>".into(), false),
                (BlockKind::Quote { depth: 1 }, "shown".into(), false),
            ]
        );
        assert_eq!(sources(text, &structure)[1], ["<div>", "</div>"]);
        assert!(
            !structure
                .runs
                .iter()
                .any(|run| text[run.source.clone()].contains("<!--"))
        );
    }

    /// A code block shows its lines as stored, each a verbatim run, and
    /// ends with its last line, not with that line's line ending.
    #[test]
    fn code_blocks_show_their_lines_byte_for_byte() {
        let text = "```rust\nfn main() {\n\tlet x = 1; // *not emphasis*\n}\n```\n\n    indented\n      more\r\n";
        let structure = markdown(text);
        let code = BlockKind::Code;
        assert_eq!(
            shown(text, &structure),
            [
                (
                    code,
                    "fn main() {\n\tlet x = 1; // *not emphasis*\n}".into(),
                    false
                ),
                (code, "indented\n  more".into(), false),
            ]
        );
        assert_eq!(
            sources(text, &structure),
            [
                vec!["fn main() {\n\tlet x = 1; // *not emphasis*\n}"],
                vec!["indented\n", "  more"],
            ]
        );
        // The block covers its fence, up to the end of its last line.
        let first = &structure.blocks[0];
        assert_eq!(
            &text[first.source.clone()],
            "```rust\nfn main() {\n\tlet x = 1; // *not emphasis*\n}"
        );
    }
}
