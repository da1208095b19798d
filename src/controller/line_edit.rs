//! Editing a one-line text field by command: typing, deleting a character
//! or a word, clearing, pasting. Pure: the prompts (search, filter, picker)
//! keep their own text and call this on it. A field holds at most
//! [`MAX_FIELD_CHARS`] characters.

use super::action::Action;
use super::command::Command;

/// The most characters a prompt holds. As long as any query a reader
/// types (less's command line holds 2,048 bytes), and short enough that
/// a search for it is quick; a 20 KB paste stops here with a message.
pub const MAX_FIELD_CHARS: usize = 4096;

/// Applies an editing command to a line of text; returns whether the text
/// changed. Enter, Esc and the rest are the caller's. A character typed
/// into a full field is not taken.
pub fn edit_text(text: &mut String, command: Command) -> bool {
    match command.action {
        Action::TypeChar => match command.letter() {
            Some(c) if text.len() < MAX_FIELD_CHARS || text.chars().count() < MAX_FIELD_CHARS => {
                text.push(c);
                true
            }
            _ => false,
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

/// What a paste into a field did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pasted {
    /// Characters added to the field.
    pub kept: usize,
    /// Characters left out because the field was full.
    pub left_out: usize,
}

/// Adds pasted text to a one-line field: line breaks and tabs become one
/// space each, other control characters are left out (they could only be
/// shown as markers, and no query means them), and what would pass
/// [`MAX_FIELD_CHARS`] is counted, not added.
pub fn paste_text(text: &mut String, pasted: &str) -> Pasted {
    let mut room = MAX_FIELD_CHARS.saturating_sub(text.chars().count());
    let mut outcome = Pasted {
        kept: 0,
        left_out: 0,
    };
    let mut previous_break = false;
    for c in pasted.chars() {
        let c = match c {
            '\r' | '\n' | '\t' => {
                // CRLF is one break, one space.
                let first = !(previous_break && c == '\n');
                previous_break = c == '\r';
                if !first {
                    continue;
                }
                ' '
            }
            c if c.is_control() => {
                previous_break = false;
                continue;
            }
            c => {
                previous_break = false;
                c
            }
        };
        if room == 0 {
            outcome.left_out += 1;
            continue;
        }
        text.push(c);
        room -= 1;
        outcome.kept += 1;
    }
    outcome
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

    #[test]
    fn a_paste_is_one_line_without_controls() {
        let mut text = "at ".to_string();
        let pasted = paste_text(&mut text, "Crocus\r\nCity\tHall\u{1b}[31m\n");
        assert_eq!(text, "at Crocus City Hall[31m ");
        assert_eq!(
            pasted,
            Pasted {
                kept: 21,
                left_out: 0
            }
        );
    }

    #[test]
    fn a_field_stops_at_its_length_and_counts_what_it_left_out() {
        let mut text = "x".repeat(MAX_FIELD_CHARS - 2);
        let pasted = paste_text(&mut text, "abcde");
        assert_eq!(
            pasted,
            Pasted {
                kept: 2,
                left_out: 3
            }
        );
        assert_eq!(text.chars().count(), MAX_FIELD_CHARS);
        assert!(text.ends_with("xab"));
        assert!(!edit_text(
            &mut text,
            Command {
                action: Action::TypeChar,
                arg: Arg::Char('z')
            }
        ));
        assert!(edit_text(
            &mut text,
            Command {
                action: Action::DeleteChar,
                arg: Arg::None
            }
        ));
        assert!(edit_text(
            &mut text,
            Command {
                action: Action::TypeChar,
                arg: Arg::Char('z')
            }
        ));
        assert!(text.ends_with("xaz"));
    }
}
