//! The article pane: wrapped blocks with their decorations, every mention in
//! its kind's colour (nested ones underlined, the focused one standing out),
//! search matches, a gutter with note markers and the bottom-line bar, and a
//! scrollbar.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::hint_labels::{self, DrawnRow};
use super::{draw_card, pane_frame, put, put_ascii, put_grapheme, rect};
use crate::controller::{Overlay, Pane, State, ViewSpan, cards};
use crate::layout::{self, Area, BlockText, Decoration, RowKind, symbols};
use crate::model::{Block, BlockKind, InlineStyle, Mention, MentionId};
use crate::review::Judgement;
use crate::theme::{Role, Theme};

pub fn draw(buffer: &mut Buffer, pane: Area, state: &State, span: &ViewSpan, theme: &Theme) {
    let percent = span.percent;
    let title = match &state.briefing.meta.title {
        Some(_) => format!("Article {percent}%"),
        None => "Article".to_string(),
    };
    pane_frame(buffer, pane, &title, Pane::Article, state, theme);
    let text_area = layout::article_text(pane);
    if text_area.is_empty() {
        return;
    }
    let document = &state.briefing.document;
    let mut blocks: HashMap<usize, BlockText<'_>> = HashMap::new();
    let labelling = matches!(state.overlay, Some(Overlay::Hints { .. }));
    let mut drawn: Vec<(DrawnRow<'_>, usize)> = Vec::new();
    let rows = state.layout.rows_from(document, state.top);
    let selection = state.selection();
    for (y, (pos, row)) in (text_area.y..text_area.y + text_area.height).zip(rows) {
        let RowKind::Line {
            block,
            first,
            range,
        } = row
        else {
            continue;
        };
        let Some(model_block) = document.blocks.get(block) else {
            continue;
        };
        let text = blocks
            .entry(block)
            .or_insert_with(|| BlockText::new(document, model_block));
        draw_gutter(buffer, pane, y, model_block, text, &range, state, theme);
        if labelling {
            let row = DrawnRow {
                y,
                block: model_block,
                first,
                range: range.clone(),
            };
            drawn.push((row, block));
        }
        let source = text.source_range(range.clone());
        draw_line(
            buffer,
            text_area,
            y,
            model_block,
            first,
            text,
            range,
            state,
            theme,
        );
        super::caret::draw_row(
            buffer,
            text_area,
            y,
            pos,
            source,
            selection.as_ref(),
            state,
            theme,
        );
    }
    draw_scrollbar(buffer, pane, state, span, theme);
    let labelled: Vec<(DrawnRow<'_>, &BlockText<'_>)> = drawn
        .into_iter()
        .filter_map(|(row, block)| Some((row, blocks.get(&block)?)))
        .collect();
    hint_labels::draw(buffer, text_area, &labelled, state, theme);
    if let Some(shown) = cards::note_card(state) {
        let card = layout::note_card_area(pane);
        let scroll = state.card_scroll_of(Pane::Article);
        fill_area(buffer, card, theme.style(Role::Overlay));
        draw_card(buffer, card, &shown.lines, scroll, state, theme);
    }
}

fn fill_area(buffer: &mut Buffer, area: Area, style: Style) {
    for y in area.y..area.bottom() {
        for x in area.x..area.right() {
            if let Some(cell) = buffer.cell_mut((x, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

/// Base style of a block's text.
fn block_style(block: &Block, theme: &Theme) -> Style {
    let base = match block.kind {
        BlockKind::Heading { .. } => theme.style(Role::Heading),
        BlockKind::Caption => theme.style(Role::Caption),
        BlockKind::Quote { .. } => theme.style(Role::Quote),
        BlockKind::Code | BlockKind::Html => theme.style(Role::Code),
        _ => theme.style(Role::Text),
    };
    if block.bottom_line {
        base.patch(theme.style(Role::BottomLine))
    } else {
        base
    }
}

fn inline_style(style: InlineStyle, theme: &Theme) -> Style {
    let mut out = Style::default();
    if style.contains(InlineStyle::EMPHASIS) {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.contains(InlineStyle::STRONG) {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.contains(InlineStyle::CODE) {
        out = out.patch(theme.style(Role::Code));
    }
    if style.contains(InlineStyle::LINK) {
        out = out.patch(theme.style(Role::Link));
    }
    if style.contains(InlineStyle::STRIKE) {
        out = out.add_modifier(Modifier::CROSSED_OUT);
    }
    if style.contains(InlineStyle::FRAME) {
        out = out.patch(theme.style(Role::Muted));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn draw_line(
    buffer: &mut Buffer,
    area: Area,
    y: u16,
    block: &Block,
    first: bool,
    text: &BlockText<'_>,
    range: Range<usize>,
    state: &State,
    theme: &Theme,
) {
    let base = block_style(block, theme);
    let decoration = Decoration::of(block.kind);
    let prefix = if first {
        &decoration.first
    } else {
        &decoration.rest
    };
    let mut x = area.x
        + put(
            buffer,
            area.x,
            y,
            area.width,
            prefix,
            theme.style(Role::ListMarker),
        );
    if block.kind == BlockKind::Rule {
        let rule = "─".repeat(usize::from(area.width));
        put(
            buffer,
            area.x,
            y,
            area.width,
            &rule,
            theme.style(Role::Muted),
        );
        return;
    }
    let source = text.source_range(range.clone());
    let mentions: Vec<(usize, &Mention)> = state
        .briefing
        .mentions_overlapping(source.clone())
        .map(|(id, m)| (id.0, m))
        .collect();
    let matches = visible_matches(state, &source);
    let Some(line_text) = text.text.get(range.clone()) else {
        return;
    };
    // A line that does not wrap (code, a table row) and is wider than the
    // pane keeps its last column for a mark, so the reader knows text is
    // hidden.
    let edge = area.x + area.width;
    let cut = !block.kind.wraps() && !fits(line_text, usize::from(edge.saturating_sub(x)));
    let right = if cut { edge.saturating_sub(1) } else { edge };
    // Every part of a discontinuous mention is drawn focused with it.
    let focused = state.focused_mention;
    let focused_parts = focused
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map_or(&[][..], Mention::parts);
    // Which mentions cover a character changes only where one starts or
    // ends: it is worked out again only there.
    let mut changes: Vec<usize> = mentions
        .iter()
        .flat_map(|(_, m)| [m.span.start, m.span.end])
        .collect();
    changes.sort_unstable();
    changes.dedup();
    let mut mention = MentionLook::default();
    // The current `mention` holds for offsets below this.
    let mut valid_until = 0;
    let mut next_match = 0;
    // The look of the text from where it was last worked out up to
    // `same_until` (a display byte): no run, mention or match starts or
    // ends before it. Neighbouring stretches often look alike, so the style
    // is made again only when the look differs.
    let mut current: Option<(Look, Style)> = None;
    let mut same_until: usize = 0;
    let mut graphemes = layout::graphemes(line_text);
    while graphemes.offset() < line_text.len() {
        let display = range.start + graphemes.offset();
        let style = match current {
            Some((_, style)) if display < same_until => style,
            _ => {
                let run = text.run_at(display);
                let offset = run.source;
                while matches
                    .get(next_match)
                    .is_some_and(|(_, m)| m.end <= offset)
                {
                    next_match += 1;
                }
                if offset >= valid_until {
                    mention = MentionLook::at(&mentions, offset, focused, focused_parts);
                    let next = changes.partition_point(|&at| at <= offset);
                    valid_until = changes.get(next).copied().unwrap_or(usize::MAX);
                }
                let search = matches.get(next_match);
                let match_edge =
                    search.map_or(
                        usize::MAX,
                        |(_, m)| {
                            if m.start <= offset { m.end } else { m.start }
                        },
                    );
                same_until = run.end.min(text.display_of(valid_until.min(match_edge)));
                let look = Look {
                    inline: run.style,
                    mention,
                    search: search
                        .filter(|(_, m)| m.contains(&offset))
                        .map(|(current, _)| *current),
                };
                let style = match current {
                    Some((seen, style)) if seen == look => style,
                    _ => look.style(base, state, theme),
                };
                current = Some((look, style));
                style
            }
        };
        // A stretch of printable ASCII in one look goes to its cells in
        // one pass: most of an article's text.
        let room = right.saturating_sub(x);
        let unchanged = same_until.saturating_sub(display);
        if let Some((_, run)) = graphemes.take_printable_ascii(usize::from(room).min(unchanged)) {
            x += put_ascii(buffer, x, y, room, run, style);
            continue;
        }
        let Some((_, grapheme)) = graphemes.next() else {
            break;
        };
        let marker = Some(theme.style(Role::Marker));
        let Some(columns) = put_grapheme(buffer, x, y, right, grapheme, style, marker) else {
            break;
        };
        x += columns;
    }
    if cut {
        put(buffer, right, y, 1, symbols::CUT, theme.style(Role::Marker));
    }
}

/// Whether `text` takes at most `columns` columns (measuring no further
/// than that: a line of code can be a megabyte long).
fn fits(text: &str, columns: usize) -> bool {
    if text.len() <= columns && text.bytes().all(crate::sanitize::is_printable_ascii) {
        return true;
    }
    let mut used = 0;
    for (_, grapheme) in layout::graphemes(text) {
        used += layout::cell_width(grapheme);
        if used > columns {
            return false;
        }
    }
    true
}

/// What decides how a character of the article looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    inline: InlineStyle,
    mention: MentionLook,
    /// Inside a search match: whether it is the current one.
    search: Option<bool>,
}

impl Look {
    fn style(self, base: Style, state: &State, theme: &Theme) -> Style {
        let mut style = base.patch(inline_style(self.inline, theme));
        style = style.patch(self.mention.style(state, theme));
        if let Some(current) = self.search {
            style = style.patch(theme.style(if current {
                Role::SearchCurrent
            } else {
                Role::SearchMatch
            }));
        }
        style
    }
}

/// The mentions covering a character: the innermost one (its kind gives
/// the colour), whether it sits inside another (underlined), and whether
/// any of them has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct MentionLook {
    innermost: Option<usize>,
    nested: bool,
    focused: bool,
}

impl MentionLook {
    /// `focused` is the focused mention, `parts` all its parts when it has
    /// several (all drawn focused).
    fn at(
        mentions: &[(usize, &Mention)],
        offset: usize,
        focused: Option<MentionId>,
        parts: &[MentionId],
    ) -> Self {
        let mut look = Self::default();
        for (index, mention) in mentions {
            if mention.span.start <= offset && offset < mention.span.end {
                look.nested = look.innermost.is_some();
                look.innermost = Some(*index);
                let id = MentionId(*index);
                look.focused |= focused == Some(id) || parts.contains(&id);
            }
        }
        look
    }

    fn style(self, state: &State, theme: &Theme) -> Style {
        let Some((index, mention)) = self
            .innermost
            .and_then(|i| state.briefing.mentions.get(i).map(|m| (i, m)))
        else {
            return Style::default();
        };
        let kind = state.briefing.mention_kind(mention);
        let mut style = kind.map_or(theme.style(Role::OtherKind), |kind| theme.kind(&kind.name));
        if self.nested {
            style = style.patch(theme.style(Role::NestedMention));
        }
        if self.focused {
            style = style.patch(theme.style(Role::FocusedMention));
        }
        // The reviewer's layer: a look the author's kinds never use, the
        // same in every theme (mono included).
        if let Some(judgement) = state
            .review()
            .and_then(|r| r.mention_verdict(mention.head(MentionId(index)).0))
        {
            style = style.add_modifier(match judgement {
                Judgement::Confirmed => Modifier::UNDERLINED,
                Judgement::Disputed => Modifier::UNDERLINED | Modifier::ITALIC,
                Judgement::Wrong => Modifier::CROSSED_OUT,
            });
        }
        style
    }
}

/// Search matches overlapping a source range, with whether each is current.
fn visible_matches(state: &State, source: &Range<usize>) -> Vec<(bool, Range<usize>)> {
    let current = state.search.current.as_ref();
    state
        .search
        .found
        .overlapping(source)
        .iter()
        .map(|m| (current == Some(m), m.clone()))
        .collect()
}

/// The reviewer's verdict on the first judged mention starting in `source`,
/// when the review layer is shown.
fn verdict_starting_in(state: &State, source: &Range<usize>) -> Option<Judgement> {
    let session = state.review()?;
    let mentions = &state.briefing.mentions;
    let first = mentions.partition_point(|m| m.span.start < source.start);
    (first..mentions.len())
        .take_while(|&at| mentions.get(at).is_some_and(|m| m.span.start < source.end))
        .find_map(|at| session.mention_verdict(at))
}

/// The kind of the reviewer's first note whose passage starts in
/// `source`, when the review layer is shown.
fn review_note_starting_in(state: &State, source: &Range<usize>) -> Option<crate::model::NoteKind> {
    let session = state.review().filter(|s| s.shown)?;
    let placed = &session.overlay().review_notes;
    let first = placed.partition_point(|(span, _)| span.start < source.start);
    let (span, index) = placed.get(first)?;
    let starts_here =
        source.contains(&span.start) || (source.is_empty() && span.start == source.start);
    starts_here
        .then(|| session.review().notes.get(*index).map(|n| n.kind))
        .flatten()
}

/// Whether a mention of the reviewer's starts in `source`, when the
/// review layer is shown.
fn review_mention_starts_in(state: &State, source: &Range<usize>) -> bool {
    state.review().filter(|s| s.shown).is_some_and(|session| {
        session
            .overlay()
            .review_mentions
            .starting_in(source.clone())
            .next()
            .is_some()
    })
}

/// Gutter: a note marker where a note's passage starts on this line, a bar
/// beside the rest of its passage, the bottom-line bar, and beside the
/// notes' column the reviewer's verdicts.
#[allow(clippy::too_many_arguments)]
fn draw_gutter(
    buffer: &mut Buffer,
    pane: Area,
    y: u16,
    block: &Block,
    text: &BlockText<'_>,
    range: &Range<usize>,
    state: &State,
    theme: &Theme,
) {
    let inside = layout::inner(pane);
    if inside.width < 2 {
        return;
    }
    let source = text.source_range(range.clone());
    // Notes are sorted by where their passage starts.
    let notes = &state.briefing.notes;
    let before = notes.partition_point(|note| note.passage.start < source.start);
    let starting = notes.get(before).filter(|note| {
        source.contains(&note.passage.start)
            || (source.is_empty() && note.passage.start == source.start)
    });
    if let Some(note) = starting {
        put(
            buffer,
            inside.x,
            y,
            1,
            symbols::note_symbol(note.kind),
            theme.note(note.kind),
        );
    } else if let Some(note) = state
        .briefing
        .notes_overlapping(source.start..source.start + 1)
        .find(|note| note.passage.start < source.start)
    {
        put(
            buffer,
            inside.x,
            y,
            1,
            symbols::NOTE_CONTINUES,
            theme.note(note.kind),
        );
    }
    if block.bottom_line {
        put(
            buffer,
            inside.x + 1,
            y,
            1,
            symbols::BOTTOM_LINE,
            theme.style(Role::BottomLineMarker),
        );
    } else if let Some(kind) = review_note_starting_in(state, &source) {
        put(
            buffer,
            inside.x + 1,
            y,
            1,
            symbols::REVIEW_NOTE,
            theme.note(kind).add_modifier(Modifier::BOLD),
        );
    } else if review_mention_starts_in(state, &source) {
        put(
            buffer,
            inside.x + 1,
            y,
            1,
            symbols::REVIEW_MENTION,
            theme.style(Role::Message).add_modifier(Modifier::BOLD),
        );
    } else if let Some(judgement) = verdict_starting_in(state, &source) {
        put(
            buffer,
            inside.x + 1,
            y,
            1,
            match judgement {
                Judgement::Confirmed => symbols::VERDICT_CONFIRMED,
                Judgement::Disputed => symbols::VERDICT_DISPUTED,
                Judgement::Wrong => symbols::VERDICT_WRONG,
            },
            theme.style(Role::Message),
        );
    }
}

fn draw_scrollbar(buffer: &mut Buffer, pane: Area, state: &State, span: &ViewSpan, theme: &Theme) {
    // Measured in bytes, like the percentage: rows would need the whole
    // article wrapped.
    let length = state.briefing.document.text.len();
    let at_top = state.top == state.layout.first();
    if pane.height < 3 || (at_top && span.at_end) {
        return;
    }
    let position = if span.at_end { length } else { span.text.start };
    let mut scrollbar_state = ScrollbarState::new(length + 1)
        .position(position)
        .viewport_content_length(span.text.len());
    let area = rect(pane).inner(ratatui::layout::Margin {
        horizontal: 0,
        vertical: 1,
    });
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_style(theme.style(Role::Border))
        .thumb_style(theme.style(Role::BorderFocused))
        .render(area, buffer, &mut scrollbar_state);
}
