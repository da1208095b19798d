//! The reviewer's note editor: `ga` opens it on the selection (or the
//! focused mention's passage), keys edit the draft — typing, line breaks,
//! moving by grapheme and line, deleting, the kind and the Admiralty
//! grading — and Ctrl-s (or Alt-Enter) keeps the note in the review and
//! asks for `Effect::SaveReview`; Esc drops it. A paste is one edit, its
//! line breaks kept. It must not touch the disk or draw.

use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use super::action::Action;
use super::command::{Command, Effect, Effects};
use super::note_draft::NoteDraft;
use super::state::State;
use crate::model::NoteKind;
use crate::review::{Anchor, ReviewNote, now};

/// The most characters a note holds: a long paragraph or two, pasted.
pub const MAX_NOTE_CHARS: usize = 16_000;

/// `ga`: opens the editor on the selection, else on the reviewer's own
/// focused note (to change it, or empty it to remove it), else the focused
/// mention's passage, else the focused author's note's.
pub fn open(state: &mut State) {
    if let Err(why) = super::judge::writable(state) {
        state.message = Some(why);
        return;
    }
    if state.selection().is_none() && open_kept(state) {
        return;
    }
    let passage = state
        .selection()
        .or_else(|| {
            state
                .focused_mention
                .and_then(|id| state.briefing.mentions.get(id.0))
                .map(|m| m.span.clone())
        })
        .or_else(|| {
            state
                .focused_note
                .and_then(|at| state.briefing.notes.get(at))
                .map(|n| n.passage.clone())
        });
    let Some(passage) = passage.filter(|p| !p.is_empty()) else {
        state.message = Some(
            "nothing to note: select text (i, then v and a motion) or focus a mention (Tab)"
                .to_string(),
        );
        return;
    };
    let Some(session) = state.review.as_mut() else {
        return;
    };
    session.note = Some(NoteDraft::new(passage));
    state.message =
        Some("type the note; Tab: kind, Ctrl-r/Ctrl-t: grading, Ctrl-s keeps, Esc drops".into());
}

/// Opens the editor on the reviewer's focused note, found in the text;
/// false when none is focused.
fn open_kept(state: &mut State) -> bool {
    let Some(index) = state.focused_review_note else {
        return false;
    };
    let Some(session) = state.review.as_mut() else {
        return false;
    };
    let (Some(note), Some(passage)) = (
        session.review.notes.get(index),
        session.overlay.review_notes.passage_of(index),
    ) else {
        state.message = Some(
            "that note's passage is not in the text as it is now: change it in the review file"
                .to_string(),
        );
        return true;
    };
    session.note = Some(NoteDraft::of_kept(passage, note, index));
    state.message = Some(
        "change the note; Ctrl-s keeps it (emptied, it is removed), Esc leaves it as it was".into(),
    );
    true
}

/// A key while the editor is open.
pub fn edit(state: &mut State, command: Command) -> Effects {
    match command.action {
        Action::KeepNote => return keep(state),
        Action::Back => {
            let editing = state
                .review
                .as_mut()
                .and_then(|session| session.note.take())
                .and_then(|draft| draft.editing);
            state.message = Some(
                if editing.is_some() {
                    "note left as it was"
                } else {
                    "note dropped"
                }
                .to_string(),
            );
            return Effects::new();
        }
        _ => {}
    }
    let Some(draft) = state.review.as_mut().and_then(|s| s.note.as_mut()) else {
        return Effects::new();
    };
    let kinds = NoteKind::ALL;
    let kind_at = kinds.iter().position(|k| *k == draft.kind).unwrap_or(0);
    match command.action {
        Action::TypeChar => {
            if let Some(c) = command.letter() {
                insert(draft, &c.to_string());
            }
        }
        Action::NewLine => insert(draft, "\n"),
        Action::NextKind | Action::PreviousKind => {
            let step = if command.action == Action::NextKind {
                1
            } else {
                kinds.len() - 1
            };
            draft.kind = kinds
                .get((kind_at + step) % kinds.len())
                .copied()
                .unwrap_or(draft.kind);
        }
        Action::KindComment => draft.kind = NoteKind::Comment,
        Action::KindUnverified => draft.kind = NoteKind::Unverified,
        Action::KindDisputed => draft.kind = NoteKind::Disputed,
        Action::KindError => draft.kind = NoteKind::Error,
        Action::KindGap => draft.kind = NoteKind::Gap,
        Action::CycleReliability => {
            draft.grading.reliability = match draft.grading.reliability {
                None => Some('A'),
                Some(c @ 'A'..='E') => char::from_u32(u32::from(c) + 1),
                Some(_) => None,
            };
        }
        Action::CycleCredibility => {
            draft.grading.credibility = match draft.grading.credibility {
                None => Some(1),
                Some(n @ 1..=5) => Some(n + 1),
                Some(_) => None,
            };
        }
        Action::CaretLeft => draft.cursor = previous_boundary(&draft.text, draft.cursor),
        Action::CaretRight => draft.cursor = next_boundary(&draft.text, draft.cursor),
        Action::CaretUp => vertical(draft, false),
        Action::CaretDown => vertical(draft, true),
        Action::LineStart => draft.cursor = line_start(&draft.text, draft.cursor),
        Action::LineEnd => draft.cursor = line_end(&draft.text, draft.cursor),
        Action::DeleteChar => {
            let from = previous_boundary(&draft.text, draft.cursor);
            draft.text.replace_range(from..draft.cursor, "");
            draft.cursor = from;
        }
        Action::DeleteForward => {
            let to = next_boundary(&draft.text, draft.cursor);
            draft.text.replace_range(draft.cursor..to, "");
        }
        Action::DeleteWord => {
            // Back over spaces, then over the word, within the line.
            let before = draft.text.get(..draft.cursor).unwrap_or_default();
            let line = line_start(&draft.text, draft.cursor);
            let trimmed = before.trim_end_matches([' ', '\t']).len().max(line);
            let from = before
                .get(..trimmed)
                .and_then(|t| t.rfind(char::is_whitespace))
                .map_or(0, |at| at + 1)
                .max(line);
            draft.text.replace_range(from..draft.cursor, "");
            draft.cursor = from;
        }
        Action::ClearPrompt => {
            let from = line_start(&draft.text, draft.cursor);
            draft.text.replace_range(from..draft.cursor, "");
            draft.cursor = from;
        }
        _ => {}
    }
    Effects::new()
}

/// A bracketed paste into the note: one edit, line breaks kept (CRLF and
/// CR as `\n`), tabs as spaces, other controls left out.
pub fn paste(state: &mut State, pasted: &str) -> bool {
    let Some(draft) = state.review.as_mut().and_then(|s| s.note.as_mut()) else {
        return false;
    };
    let normalised = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let clean: String = normalised
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let room = MAX_NOTE_CHARS.saturating_sub(draft.text.chars().count());
    let kept: String = clean.chars().take(room).collect();
    let left_out = clean.chars().count() - kept.chars().count();
    insert(draft, &kept);
    if left_out > 0 {
        state.message = Some(format!(
            "a note holds {MAX_NOTE_CHARS} characters: {left_out} of the paste left out"
        ));
    }
    true
}

fn insert(draft: &mut NoteDraft, text: &str) {
    if draft.text.chars().count() + text.chars().count() > MAX_NOTE_CHARS {
        return;
    }
    draft.text.insert_str(draft.cursor, text);
    draft.cursor += text.len();
}

fn previous_boundary(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.grapheme_indices(true).next_back())
        .map_or(0, |(start, _)| start)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|after| after.graphemes(true).next())
        .map_or(text.len(), |g| at + g.len())
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |nl| nl + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |nl| at + nl)
}

/// Up or down a line, to the same grapheme count from the line's start
/// (or the line's end when it is shorter).
fn vertical(draft: &mut NoteDraft, down: bool) {
    let text = &draft.text;
    let start = line_start(text, draft.cursor);
    let column = text
        .get(start..draft.cursor)
        .map_or(0, |s| s.graphemes(true).count());
    let target_start = if down {
        let end = line_end(text, draft.cursor);
        if end >= text.len() {
            return;
        }
        end + 1
    } else {
        if start == 0 {
            return;
        }
        line_start(text, start - 1)
    };
    let target_end = line_end(text, target_start);
    let line = text.get(target_start..target_end).unwrap_or_default();
    let within = line
        .grapheme_indices(true)
        .nth(column)
        .map_or(line.len(), |(at, _)| at);
    draft.cursor = target_start + within;
}

/// Ctrl-s: the draft becomes a note of the review, saved like a verdict.
fn keep(state: &mut State) -> Effects {
    let Some(draft) = state.review.as_ref().and_then(|s| s.note.clone()) else {
        return Effects::new();
    };
    let text = draft.text.trim_end().to_string();
    if let Some(index) = draft.editing {
        return change_kept(state, index, &draft, text);
    }
    if text.trim().is_empty() {
        state.message = Some("an empty note is not kept: type it, or Esc to drop it".to_string());
        return Effects::new();
    }
    let here = super::judge::whereabouts(state);
    let anchor = Anchor::capture(&state.briefing.document.text, draft.passage.clone());
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    let note = ReviewNote {
        anchor,
        kind: draft.kind,
        grading: draft.grading,
        text,
        reviewer: session.reviewer.clone(),
        at: now(),
    };
    let review = Arc::make_mut(&mut session.review);
    review.notes.push(note);
    here.keep_in(review);
    let index = review.notes.len() - 1;
    session
        .overlay
        .review_notes
        .insert(draft.passage.clone(), index);
    session.note = None;
    session.generation += 1;
    state.caret = state.caret.map(|mut c| {
        c.anchor = None;
        c
    });
    state.message = Some(format!("{} note kept (saving\u{2026})", draft.kind.name()));
    vec![Effect::SaveReview]
}

/// Ctrl-s on a kept note: its kind, grading and text as edited, the time
/// of the change; emptied, the note is removed from the review.
fn change_kept(state: &mut State, index: usize, draft: &NoteDraft, text: String) -> Effects {
    let here = super::judge::whereabouts(state);
    let Some(session) = state.review.as_mut() else {
        return Effects::new();
    };
    let review = Arc::make_mut(&mut session.review);
    if index >= review.notes.len() {
        session.note = None;
        state.message = Some("the note is gone: nothing changed".to_string());
        return Effects::new();
    }
    let said = if text.trim().is_empty() {
        review.notes.remove(index);
        session.overlay.forget_note(index);
        state.focused_review_note = None;
        "note removed"
    } else {
        let Some(note) = review.notes.get_mut(index) else {
            return Effects::new();
        };
        note.kind = draft.kind;
        note.grading = draft.grading;
        note.text = text;
        note.reviewer.clone_from(&session.reviewer);
        note.at = now();
        "note changed"
    };
    here.keep_in(review);
    session.note = None;
    session.generation += 1;
    state.message = Some(format!("{said} (saving\u{2026})"));
    vec![Effect::SaveReview]
}
