//! A first look at a briefing: the start of its text, read and parsed on
//! its own, so the reader can draw a first screen while the whole briefing
//! loads in the background (less shows a gigabyte at once; brief should
//! not make an analyst wait for ten megabytes, nor for the anchoring of a
//! small briefing's annotations).
//!
//! It owns only that shortcut. It validates nothing and reports nothing:
//! anything unusual (a small text alone, an unreadable head, an annotation
//! file whose `[briefing]` table it cannot find) means "no preview", and the
//! full load, which the preview is always replaced by, says what is wrong.
//! Like the rest of the loader it never prints or touches a terminal.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::head::{BriefingHead, briefing_head, declares_format};
use super::source::FileSystem;
use super::{format_of, has_extension, structure, text_only_briefing};
use crate::model::{Briefing, TextFormat};

/// The least of the text a preview reads: a screen and more on an 80x24
/// terminal. The full load follows within a second at 10 MB.
pub const PREVIEW_LEAST: usize = 16 * 1024;

/// How much of the text a preview reads for a terminal of `columns` x
/// `rows`: one and a half bytes for every cell of the screen, so that the
/// article pane (a part of the screen) is full even where markup (a link's
/// address) takes bytes that show as nothing. Parsing it is the preview's
/// main cost, linear in its size (0.2 ms for the 32 KiB it always read
/// before, half that for 16 KiB, measured in a pty start): it reads no
/// more than the screen needs.
pub fn preview_bytes(columns: u16, rows: u16) -> usize {
    (usize::from(columns) * usize::from(rows) * 3 / 2).max(PREVIEW_LEAST)
}

/// A text alone no larger than this, or than what the preview would read,
/// loads whole before the first frame: the preview would be the same work
/// and only add a second frame. Every larger one opens on a preview: a
/// threshold higher than this left texts just under it loading whole
/// first, 1.55–1.71x `less` to their first screen at 1 MiB (issue 18).
/// A briefing with annotations opens on a preview at any size: anchoring
/// them is most of even a small one's load (1.2 ms of the bundled
/// briefing's start in a pty, against 0.2 ms to preview its text).
pub const PREVIEW_ABOVE: u64 = 32 * 1024;

/// How much of an annotation file is searched for its `[briefing]` table:
/// its first few kilobytes, where it nearly always is, and only if not
/// there this much (each kilobyte read is fresh memory to fault in).
const FIRST_LOOK: usize = 4 * 1024;
const HEAD_BYTES: usize = 64 * 1024;

/// The start of the briefing `path` names, `bytes` of its text at most
/// ([`preview_bytes`]), if it is large enough to be worth a preview and
/// its head can be read.
pub fn preview(path: &Path, bytes: usize) -> Option<Briefing> {
    // Standard input is read whole: there is no file to look at twice.
    if super::is_standard_input(path) {
        return None;
    }
    let (text_path, annotations, head) = if has_extension(path, "toml") {
        let head = [FIRST_LOOK, HEAD_BYTES]
            .into_iter()
            .find_map(|limit| read_head(path, limit).and_then(|head| briefing_head(&head)))?;
        let text = head.text_path(path, |file| file.is_file())?;
        (text, Some(path.to_path_buf()), Some(head))
    } else {
        let sibling = path.with_extension("toml");
        let head = sibling.exists().then(|| read_head(&sibling, HEAD_BYTES));
        // What the full load will do with the sibling: read it along, unless
        // it is no annotation file or annotates another text (then this
        // text opens on its own).
        let (annotations, head) = match head {
            None => (None, None),
            Some(None) => return None,
            Some(Some(head)) if !declares_format(&head) => (None, None),
            Some(Some(head)) => match briefing_head(&head) {
                None => return None,
                Some(head) if head.other_text(&sibling, path, &FileSystem).is_some() => {
                    (None, None)
                }
                Some(head) => (Some(sibling), Some(head)),
            },
        };
        (path.to_path_buf(), annotations, head)
    };
    let size = |file: &Path| {
        std::fs::metadata(file)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len())
    };
    let text_size = size(&text_path)?;
    match &annotations {
        // On a terminal so large that the preview would read more than the
        // threshold, a text it would read whole loads whole.
        None if text_size < PREVIEW_ABOVE.max(u64::try_from(bytes).unwrap_or(u64::MAX)) => {
            return None;
        }
        None => {}
        // An annotation file that is not a file is the full load's to
        // report.
        Some(annotations) => _ = size(annotations)?,
    }
    let format = format_of(&text_path);
    let start = read_head(&text_path, bytes)?;
    Some(preview_of(
        start,
        format,
        text_path.display().to_string(),
        head,
        annotations.map(|file| file.display().to_string()),
    ))
}

/// The preview of the bundled briefing, which `brief` opens with no file
/// named: its text is in the binary, and the full load from memory follows.
pub fn preview_bundled(bytes: usize) -> Briefing {
    let text = super::BUNDLED_TEXT;
    let end = crate::model::floor_char_boundary(text, bytes);
    preview_of(
        text.get(..end).unwrap_or_default().to_string(),
        TextFormat::Markdown,
        super::BUNDLED_TEXT_PATH.to_string(),
        briefing_head(super::BUNDLED_ANNOTATIONS),
        Some(super::BUNDLED_ANNOTATION_PATH.to_string()),
    )
}

/// The briefing a preview shows: `start` (the text's) parsed on its own,
/// titled and marked as the annotations' `[briefing]` table (`head`) does.
fn preview_of(
    start: String,
    format: TextFormat,
    text_path: String,
    head: Option<BriefingHead>,
    annotation_path: Option<String>,
) -> Briefing {
    let start = cut_at_block_boundary(start, format);
    let mut briefing = text_only_briefing(structure::document(start, format), text_path);
    if let Some(head) = head {
        if head.title.is_some() {
            briefing.meta.title = head.title;
        }
        briefing.meta.classification = head.classification;
    }
    briefing.meta.annotation_path = annotation_path;
    briefing
}

/// Up to `limit` bytes from the start of a regular file, cut back to the
/// last whole character.
fn read_head(path: &Path, limit: usize) -> Option<String> {
    // Look before opening, as the loader does: a FIFO would block.
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() {
        return None;
    }
    let room = usize::try_from(metadata.len()).map_or(limit, |length| length.min(limit));
    let mut bytes = Vec::with_capacity(room);
    File::open(path)
        .ok()?
        .take(u64::try_from(limit).ok()?)
        .read_to_end(&mut bytes)
        .ok()?;
    match std::str::from_utf8(&bytes) {
        Ok(_) => {}
        // A character cut by the limit: drop its first bytes.
        Err(error) if error.error_len().is_none() => bytes.truncate(error.valid_up_to()),
        // Invalid UTF-8: the full load reports where.
        Err(_) => return None,
    }
    String::from_utf8(bytes).ok()
}

/// Ends the head where a block ends (a blank line in Markdown, a line break
/// in plain text), if one is in its second half, so the last block on
/// screen is not a fragment that the full load would show differently.
fn cut_at_block_boundary(mut head: String, format: TextFormat) -> String {
    let boundary = match format {
        TextFormat::Markdown => "\n\n",
        TextFormat::Plain => "\n",
    };
    if let Some(at) = head.rfind(boundary).filter(|&at| at >= head.len() / 2) {
        head.truncate(at + boundary.len());
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_markdown_at_the_last_blank_line_in_the_second_half() {
        let head = "# Title\n\none paragraph\n\nanother, cut off".to_string();
        assert_eq!(
            cut_at_block_boundary(head, TextFormat::Markdown),
            "# Title\n\none paragraph\n\n"
        );
        let unbroken = "x".repeat(100);
        assert_eq!(
            cut_at_block_boundary(unbroken.clone(), TextFormat::Markdown),
            unbroken
        );
    }
}
