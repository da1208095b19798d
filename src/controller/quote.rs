//! `y`: the passage under focus as a quotation with its citation, "“…” —
//! Title, §Section, line N", handed out as an effect (the terminal puts it
//! on the clipboard or in the copy file; the controller does no I/O).

use super::command::{Effect, Effects};
use super::state::State;
use crate::model::BlockKind;
use crate::wording::excerpt;

/// Characters quoted before the quotation is cut.
const MAX_QUOTE: usize = 2000;

/// What is focused, as a byte range: the note's passage, the mention, the
/// current search match, else the paragraph at the reading position.
fn focused_range(state: &State) -> Option<std::ops::Range<usize>> {
    let briefing = &state.briefing;
    if let Some(note) = state.focused_note.and_then(|i| briefing.notes.get(i)) {
        return Some(note.passage.clone());
    }
    if let Some(mention) = state
        .focused_mention
        .and_then(|id| briefing.mentions.get(id.0))
    {
        return Some(mention.span.clone());
    }
    if let Some(found) = &state.search.current {
        return Some(found.clone());
    }
    let document = &briefing.document;
    let at = state.cursor.max(state.top_offset());
    let block = document.blocks.get(document.block_at(at)?)?;
    Some(block.source.clone())
}

/// The quotation and its citation.
pub fn citation(state: &State) -> Option<String> {
    let range = focused_range(state)?;
    let briefing = &state.briefing;
    let document = &briefing.document;
    let quoted = document.text.get(range.clone())?;
    let quote = excerpt(quoted, MAX_QUOTE);
    let title = briefing
        .meta
        .title
        .clone()
        .unwrap_or_else(|| briefing.meta.text_path.clone());
    let before = document
        .blocks
        .partition_point(|block| block.source.start <= range.start);
    let section = document
        .blocks
        .get(..before)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|block| matches!(block.kind, BlockKind::Heading { .. }))
        .map(|block| document.block_text(block));
    let line = document.lines.line_of(range.start);
    let mut cite = format!("\u{201c}{quote}\u{201d} \u{2014} {title}");
    if let Some(section) = section {
        cite.push_str(&format!(", \u{a7}{}", section.trim()));
    }
    cite.push_str(&format!(", line {line}"));
    Some(cite)
}

pub fn copy(state: &mut State) -> Effects {
    match citation(state) {
        Some(text) => vec![Effect::Copy(text)],
        None => {
            state.message = Some("nothing to copy here".to_string());
            Effects::new()
        }
    }
}
