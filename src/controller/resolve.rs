//! Keys to commands: the pending sequence (`g` of `gg`), the count typed
//! before a key (`21` of `21G`) and the letter after one (`a` of `ma`) are
//! gathered in a `KeyBuffer` until the keymap says what they come to. Pure:
//! it reads the keymap and the contexts and changes only the buffer.

use super::action::Action;
use super::command::{Arg, Command};
use super::keymap::{Context, Keymap, Lookup};
use super::keys::{Key, KeyPress, format_sequence};
use super::state::KeyBuffer;

/// What a key press came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Command(Command),
    /// Part of a count or a longer sequence, or an action waiting for its
    /// letter: nothing to do yet.
    Pending,
    /// `Esc` dropped a half-typed count or sequence.
    Dropped,
    /// Keys bound to nothing here: the notation, for the status line.
    Unbound(String),
    /// A key that cannot be what the pending action waits for.
    Refused(&'static str),
}

/// Feeds one key to the buffer. `contexts` are the keymap's, most specific
/// first; in a context that types text, unbound characters are typed.
pub fn resolve(
    buffer: &mut KeyBuffer,
    keymap: &Keymap,
    contexts: &[Context],
    key: KeyPress,
) -> Resolved {
    let typing = contexts.first().is_some_and(|context| context.types_text());
    // Ctrl-c and Ctrl-z mean the same wherever the keyboard is, whatever
    // was typed before them.
    if let Some(action) = keymap.fixed(key) {
        *buffer = KeyBuffer::default();
        return Resolved::Command(Command::new(action));
    }
    if let Some(action) = buffer.awaiting_letter.take() {
        return letter_for(action, key);
    }
    if !typing && buffer.pending.is_empty() {
        if let Some(digit) = count_digit(key) {
            let count = buffer.count.unwrap_or(0);
            buffer.count = Some(count.saturating_mul(10).saturating_add(digit));
            return Resolved::Pending;
        }
    }
    let started = !buffer.pending.is_empty() || buffer.count.is_some();
    buffer.pending.push(key);
    let lookup = keymap.lookup(contexts, &buffer.pending);
    if lookup == Lookup::Pending {
        return Resolved::Pending;
    }
    let typed = std::mem::take(&mut buffer.pending);
    let count = buffer.count.take();
    match lookup {
        // Esc after a count or a prefix drops them and nothing else.
        Lookup::Action(Action::Back) if started => Resolved::Dropped,
        Lookup::Action(action) if action.takes_letter() => {
            buffer.awaiting_letter = Some(action);
            Resolved::Pending
        }
        Lookup::Action(action) => Resolved::Command(Command {
            action,
            arg: match count {
                Some(count) if action.takes_count() => Arg::Count(count),
                _ => Arg::None,
            },
        }),
        Lookup::Unbound | Lookup::Pending => match (typing, typed.as_slice()) {
            (true, [only]) => match only.typed() {
                Some(c) => Resolved::Command(Command {
                    action: Action::TypeChar,
                    arg: Arg::Char(c),
                }),
                None => Resolved::Unbound(format_sequence(&typed)),
            },
            _ if key.key == Key::Esc => Resolved::Dropped,
            _ => Resolved::Unbound(format_sequence(&typed)),
        },
    }
}

/// A digit that goes into a count (`0%` is the top, as in less).
fn count_digit(key: KeyPress) -> Option<usize> {
    key.typed()?.to_digit(10).map(|digit| digit as usize)
}

fn letter_for(action: Action, key: KeyPress) -> Resolved {
    let letter = key.typed().filter(|c| {
        c.is_ascii_alphabetic() || (action == Action::GoToMark && matches!(c, '\'' | '`'))
    });
    match (letter, key.key) {
        (Some(letter), _) => Resolved::Command(Command {
            action,
            arg: Arg::Letter(letter),
        }),
        (None, Key::Esc) => Resolved::Dropped,
        (None, _) => Resolved::Refused("marks are named a to z (A to Z: kept with the review)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::keys::parse_sequence;

    fn run(contexts: &[Context], notation: &str) -> Vec<Resolved> {
        let keymap = Keymap::default_keymap();
        let mut buffer = KeyBuffer::default();
        parse_sequence(notation)
            .expect("notation")
            .into_iter()
            .map(|key| resolve(&mut buffer, &keymap, contexts, key))
            .filter(|resolved| *resolved != Resolved::Pending)
            .collect()
    }

    const ARTICLE: &[Context] = &[Context::Article, Context::Global];
    const ENTITIES: &[Context] = &[Context::Entities, Context::Global];

    fn command(action: Action, arg: Arg) -> Resolved {
        Resolved::Command(Command { action, arg })
    }

    #[test]
    fn counts_are_counts_in_every_pane() {
        assert_eq!(
            run(ARTICLE, "3j"),
            [command(Action::ScrollDown, Arg::Count(3))]
        );
        assert_eq!(
            run(ARTICLE, "2G"),
            [command(Action::GoBottom, Arg::Count(2))]
        );
        assert_eq!(
            run(ARTICLE, "21G"),
            [command(Action::GoBottom, Arg::Count(21))]
        );
        assert_eq!(
            run(ARTICLE, "40%"),
            [command(Action::GoPercent, Arg::Count(40))]
        );
        assert_eq!(
            run(ENTITIES, "2G"),
            [command(Action::SelectLast, Arg::Count(2))]
        );
        // A count on an action that takes none is dropped, not kept.
        assert_eq!(
            run(ARTICLE, "3e"),
            [command(Action::EntityPicker, Arg::None)]
        );
    }

    #[test]
    fn sequences_letters_and_escape() {
        assert_eq!(run(ARTICLE, "gg"), [command(Action::GoTop, Arg::None)]);
        assert_eq!(
            run(ARTICLE, "ma"),
            [command(Action::SetMark, Arg::Letter('a'))]
        );
        assert_eq!(
            run(ARTICLE, "''"),
            [command(Action::GoToMark, Arg::Letter('\''))]
        );
        assert_eq!(
            run(ARTICLE, "m'"),
            [Resolved::Refused(
                "marks are named a to z (A to Z: kept with the review)"
            )]
        );
        assert_eq!(
            run(ARTICLE, "mA"),
            [command(Action::SetMark, Arg::Letter('A'))]
        );
        assert_eq!(run(ARTICLE, "12<Esc>"), [Resolved::Dropped]);
        assert_eq!(run(ARTICLE, "g<Esc>"), [Resolved::Dropped]);
        assert_eq!(run(ARTICLE, "<Esc>"), [command(Action::Back, Arg::None)]);
        assert_eq!(run(ARTICLE, "H"), [Resolved::Unbound("H".to_string())]);
        assert_eq!(run(ARTICLE, "gx"), [Resolved::Unbound("gx".to_string())]);
    }

    #[test]
    fn prompts_type_what_is_not_bound() {
        let search = &[Context::SearchPrompt];
        assert_eq!(
            run(search, "3j<BS>"),
            [
                command(Action::TypeChar, Arg::Char('3')),
                command(Action::TypeChar, Arg::Char('j')),
                command(Action::DeleteChar, Arg::None),
            ]
        );
        assert_eq!(run(search, "<F5>"), [Resolved::Unbound("<F5>".to_string())]);
    }

    #[test]
    fn ctrl_c_and_ctrl_z_act_after_anything() {
        let interrupt = command(Action::Interrupt, Arg::None);
        let suspend = command(Action::Suspend, Arg::None);
        for contexts in [ARTICLE, &[Context::SearchPrompt], &[Context::Picker]] {
            for before in ["", "g", "m", "'", "<C-w>", "12"] {
                let last = |keys: &str| run(contexts, &format!("{before}{keys}")).pop();
                assert_eq!(last("<C-c>").as_ref(), Some(&interrupt), "{before}");
                assert_eq!(last("<C-z>").as_ref(), Some(&suspend), "{before}");
            }
        }
    }
}
