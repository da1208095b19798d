//! The key-driven controller: `Input` from the terminal goes in, the
//! keymap turns keys into a `Command` (an action with its count or letter),
//! `update(&mut State, Input)` performs it — the only place the reader's
//! state changes — and returns the `Effect`s the outside world must carry
//! out. Nothing here draws, touches a terminal or does I/O; every command
//! can be tested on a `State` alone.
//!
//! Data (`state` and its read-only views in `readout`, `pane`, `jumps`, `found`,
//! `entity_rows`, `relations`, `picker`, `find`, `cards`, `reviewing`,
//! `caret`, `note_draft`) is kept apart from the modules that change it
//! (`update` and the ones it calls: `navigate`, `lists`, `pick`, `prompt`,
//! `search`, `hints`, `overlays`, `quote`, `mouse`, `judge`, `select`,
//! `note_editor`), so no data module imports a mutator.

mod across;
mod action;
mod assign;
mod browse;
pub mod cards;
pub mod caret;
mod command;
pub mod entity_rows;
pub mod find;
pub mod found;
mod hints;
mod judge;
mod jumps;
pub mod keymap;
pub mod keys;
pub mod library_view;
mod line_edit;
mod lists;
mod mouse;
mod navigate;
pub mod note_draft;
mod note_editor;
pub mod overlays;
mod pane;
mod pick;
pub mod picker;
mod prompt;
mod quote;
mod readout;
mod relations;
mod resolve;
mod review_places;
mod reviewing;
mod search;
mod select;
mod state;
mod update;

pub use action::Action;
pub use browse::library_state;
pub use command::{Arg, Command, Effect, Effects, Input, Open};
pub use find::{MAX_MATCHES, find_literal, find_regex};
pub use hints::labelled as hint_labels;
pub use jumps::{JumpList, Location};
pub use keymap::{Binding, Context, Keymap};
pub use keys::{Key, KeyPress, parse_sequence};
pub use pane::Pane;
pub use quote::citation;
pub use relations::{RelationRow, relation_rows};
pub use reviewing::ReviewSession;
pub use search::{NEAR_VIEW, STEP_BYTES};
pub use state::{EntityList, KeyBuffer, Overlay, Search, Setup, State, ViewSpan, signed};
pub use update::update;

/// Feeds a key sequence in the keymap notation to `update`, as typed in
/// one burst (then `Input::Settle`, as the terminal loop sends when no key
/// is waiting), and returns every effect asked for on the way. A search's
/// count is carried out at once, as the terminal's counting thread would,
/// and its effects are left out of those returned.
pub fn press(state: &mut State, notation: &str) -> Result<Effects, String> {
    let mut effects = Effects::new();
    for key in parse_sequence(notation)? {
        effects.extend(update(state, Input::Key(key)));
    }
    effects.extend(update(state, Input::Settle));
    Ok(count_at_once(state, effects))
}

/// Carries out the counting effects among `effects` on this thread,
/// feeding the reports to `update`; returns the other effects.
pub fn count_at_once(state: &mut State, effects: Effects) -> Effects {
    let mut others = Effects::new();
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Count(job) => {
                let mut reports = Vec::new();
                found::count(
                    &job,
                    || false,
                    |report| {
                        reports.push(report);
                        true
                    },
                );
                for report in reports {
                    queue.extend(update(state, Input::Counted(report)));
                }
            }
            Effect::StopCounting => {}
            other => others.push(other),
        }
    }
    others
}
