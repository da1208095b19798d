//! Editing a one-line text field by command: typing, deleting a character
//! or a word, clearing. Pure: the prompts (search, filter, picker) keep
//! their own text and call this on it.

use super::action::Action;
use super::command::Command;

/// Applies an editing command to a line of text; returns whether the text
/// changed. Enter, Esc and the rest are the caller's.
pub fn edit_text(text: &mut String, command: Command) -> bool {
    match command.action {
        Action::TypeChar => match command.letter() {
            Some(c) => {
                text.push(c);
                true
            }
            None => false,
        },
        Action::DeleteChar => text.pop().is_some(),
        Action::DeleteWord => {
            let kept = text.trim_end().len();
            let cut = text
                .get(..kept)
                .and_then(|t| t.rfind(char::is_whitespace))
                .map_or(0, |at| at + 1);
            let changed = cut < text.len();
            text.truncate(cut);
            changed
        }
        Action::ClearPrompt => {
            let changed = !text.is_empty();
            text.clear();
            changed
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::command::Arg;

    fn apply(text: &str, action: Action, arg: Arg) -> String {
        let mut text = text.to_string();
        edit_text(&mut text, Command { action, arg });
        text
    }

    #[test]
    fn editing_keys_edit_like_a_shell_line() {
        assert_eq!(apply("Mosc", Action::TypeChar, Arg::Char('o')), "Mosco");
        assert_eq!(apply("Mosc", Action::DeleteChar, Arg::None), "Mos");
        assert_eq!(
            apply("Crocus City ", Action::DeleteWord, Arg::None),
            "Crocus "
        );
        assert_eq!(apply("Crocus", Action::DeleteWord, Arg::None), "");
        assert_eq!(apply("Crocus", Action::ClearPrompt, Arg::None), "");
    }
}
