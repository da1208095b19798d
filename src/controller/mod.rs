//! The key-driven controller: `Input` from the terminal goes in, the
//! keymap turns keys into a `Command` (an action with its count or letter),
//! `update(&mut State, Input)` performs it — the only place the reader's
//! state changes — and returns the `Effect`s the outside world must carry
//! out. Nothing here draws, touches a terminal or does I/O; every command
//! can be tested on a `State` alone.
//!
//! Data (`state` and its read-only views in `readout`, `pane`, `jumps`,
//! `entity_rows`, `relations`, `picker`, `find`, `cards`, `reviewing`,
//! `caret`, `note_draft`) is kept apart from the modules that change it
//! (`update` and the ones it calls: `navigate`, `lists`, `pick`, `prompt`,
//! `search`, `hints`, `overlays`, `quote`, `mouse`, `judge`, `select`,
//! `note_editor`), so no data module imports a mutator.

mod action;
mod assign;
pub mod cards;
pub mod caret;
mod command;
pub mod entity_rows;
pub mod find;
mod hints;
mod judge;
mod jumps;
pub mod keymap;
pub mod keys;
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
mod reviewing;
mod search;
mod select;
mod state;
mod update;

pub use action::Action;
pub use command::{Arg, Command, Effect, Effects, Input};
pub use find::{MAX_MATCHES, find_literal, find_regex};
pub use hints::labelled as hint_labels;
pub use jumps::{JumpList, Location};
pub use keymap::{Binding, Context, Keymap};
pub use keys::{Key, KeyPress, parse_sequence};
pub use pane::Pane;
pub use quote::citation;
pub use relations::{RelationRow, relation_rows};
pub use reviewing::ReviewSession;
pub use state::{EntityList, KeyBuffer, Overlay, Search, Setup, State, ViewSpan, signed};
pub use update::update;

/// Feeds a key sequence in the keymap notation to `update`, as typed in
/// one burst (then `Input::Settle`, as the terminal loop sends when no key
/// is waiting), and returns every effect asked for on the way.
pub fn press(state: &mut State, notation: &str) -> Result<Effects, String> {
    let mut effects = Effects::new();
    for key in parse_sequence(notation)? {
        effects.extend(update(state, Input::Key(key)));
    }
    effects.extend(update(state, Input::Settle));
    Ok(effects)
}
