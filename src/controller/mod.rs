//! The key-driven controller: key presses become named actions through one
//! keymap table, and `update(&mut State, Action)` is the only place the
//! reader's state changes. Nothing here draws or touches a terminal; every
//! action can be tested on a `State` alone.

mod action;
mod jumps;
pub mod keymap;
pub mod keys;
pub mod lists;
mod mouse;
mod navigate;
pub mod picker;
mod search;
mod state;
mod update;

pub use action::Action;
pub use jumps::{JumpList, Location};
pub use keymap::{Binding, Context, Keymap};
pub use keys::{Key, KeyPress, parse_sequence};
pub use search::find_literal;
pub use state::{EntityList, KeyBuffer, Overlay, Pane, Search, State, ViewSpan, signed};
pub use update::{finish_loading, update};

/// Feeds a key sequence in the keymap notation to `update`, as typed.
pub fn press(state: &mut State, notation: &str) -> Result<(), String> {
    for key in parse_sequence(notation)? {
        update(state, Action::Key(key));
    }
    Ok(())
}
