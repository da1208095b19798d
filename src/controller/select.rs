//! The caret and the selection: `i` puts a caret in the article, `v`
//! starts (or drops) a selection at it, and the caret motions move it by
//! grapheme, word, screen line and line edge, extending the selection as
//! they go; the mention under the caret takes the focus, so verdicts and
//! notes apply to what the caret is on. Where a motion lands is the
//! layout's (`layout::caret`); this module changes only the caret, the
//! focus and the view that follows it.

use super::action::Action;
use super::caret::Caret;
use super::navigate::reveal;
use super::pane::Pane;
use super::state::State;
use crate::layout::WordMotion;

/// `i` (and `v` without a caret): a caret on the focused mention if it is
/// on screen, else on the reading position if it is, else at the top of
/// the view.
pub fn enter(state: &mut State, selecting: bool) {
    let at = match state.caret {
        Some(caret) => caret.at,
        None => {
            let from = state
                .focused_mention
                .and_then(|id| state.briefing.mentions.get(id.0))
                .map(|m| m.span.start)
                .filter(|&start| state.is_visible(start))
                .or_else(|| Some(state.cursor).filter(|&c| state.is_visible(c)))
                .unwrap_or_else(|| state.top_offset());
            state.layout.caret_at(&state.briefing.document, from)
        }
    };
    if state.focus != Pane::Article {
        super::navigate::focus_pane(state, Pane::Article);
    }
    state.caret = Some(Caret {
        at,
        anchor: selecting.then_some(at),
        column: None,
    });
    state.message = Some(
        "caret: h l j k, w b e, 0 $, Tab to mentions; v selects; ga notes; Esc leaves".to_string(),
    );
}

/// `v`: with a caret, starts a selection at it or drops the one there is;
/// without one, puts a caret there and starts selecting.
pub fn toggle_selection(state: &mut State) {
    match &mut state.caret {
        Some(caret) => {
            caret.anchor = match caret.anchor {
                Some(_) => None,
                None => Some(caret.at),
            };
        }
        None => enter(state, true),
    }
}

/// Esc with a caret on: the selection goes first, then the caret. Returns
/// whether there was a caret to back out of.
pub fn back(state: &mut State) -> bool {
    let Some(caret) = &mut state.caret else {
        return false;
    };
    if caret.anchor.take().is_none() {
        state.caret = None;
    }
    true
}

/// A caret motion, `times` over.
pub fn motion(state: &mut State, action: Action, times: usize) {
    if state.caret.is_none() {
        enter(state, false);
    }
    let Some(caret) = state.caret else {
        return;
    };
    let document = &state.briefing.document;
    let layout = &state.layout;
    let at = caret.at;
    let mut column = None;
    let to = match action {
        Action::CaretLeft => layout.caret_step(document, at, false, times),
        Action::CaretRight => layout.caret_step(document, at, true, times),
        Action::CaretDown | Action::CaretUp => {
            let aim = caret
                .column
                .or_else(|| layout.caret_column(document, at).map(|(_, c)| c))
                .unwrap_or(0);
            column = Some(aim);
            layout.caret_rows(document, at, action == Action::CaretDown, times, aim)
        }
        Action::WordNext => layout.caret_word(document, at, WordMotion::Next, times),
        Action::WordEnd => layout.caret_word(document, at, WordMotion::End, times),
        Action::WordBack => layout.caret_word(document, at, WordMotion::Back, times),
        Action::LineStart => layout.caret_row_edge(document, at, false),
        Action::LineEnd => layout.caret_row_edge(document, at, true),
        _ => at,
    };
    place(state, to);
    if let Some(caret) = &mut state.caret {
        caret.column = column;
    }
}

/// Tab and Shift-Tab with a caret: the caret goes to the mention focused.
pub fn follow_focus(state: &mut State) {
    let start = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0))
        .map(|m| m.span.start);
    if let (Some(caret), Some(start)) = (&mut state.caret, start) {
        caret.at = start;
        caret.column = None;
    }
}

/// Puts the caret at `to`, focuses the innermost mention under it (or
/// none), and scrolls it into view.
fn place(state: &mut State, to: usize) {
    if let Some(caret) = &mut state.caret {
        caret.at = to;
    }
    state.focus_mention_under(to);
    reveal(state, to);
}
