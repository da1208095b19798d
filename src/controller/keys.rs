//! Key presses, independent of the terminal library, and the notation the
//! keymap and `brief render --keys` use: `j`, `G`, `<C-d>`, `<S-Tab>`,
//! `<A-Left>`, `<Space>`, `<lt>` for `<`, and sequences such as `gg` or
//! `<C-w>o`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// One key with its modifiers. Shift is folded into the character (`G`)
/// or the key (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPress {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyPress {
    pub const fn plain(key: Key) -> Self {
        Self {
            key,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Self {
        Self::plain(Key::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            key: Key::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The character a press types into a text field, if any.
    pub fn typed(&self) -> Option<char> {
        match self.key {
            Key::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

const NAMED: [(&str, Key); 15] = [
    ("Enter", Key::Enter),
    ("CR", Key::Enter),
    ("Esc", Key::Esc),
    ("Tab", Key::Tab),
    ("BS", Key::Backspace),
    ("Del", Key::Delete),
    ("Up", Key::Up),
    ("Down", Key::Down),
    ("Left", Key::Left),
    ("Right", Key::Right),
    ("PageUp", Key::PageUp),
    ("PageDown", Key::PageDown),
    ("Home", Key::Home),
    ("End", Key::End),
    ("Space", Key::Char(' ')),
];

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.key {
            Key::Char(' ') => "Space".to_string(),
            Key::Char('<') => "lt".to_string(),
            Key::Char(c) => c.to_string(),
            Key::BackTab => return write!(f, "<S-Tab>"),
            Key::F(n) => format!("F{n}"),
            other => NAMED
                .iter()
                .find(|(_, key)| *key == other)
                .map_or_else(String::new, |(name, _)| (*name).to_string()),
        };
        let simple = !self.ctrl && !self.alt && name.chars().count() == 1;
        if simple {
            return write!(f, "{name}");
        }
        write!(f, "<")?;
        if self.ctrl {
            write!(f, "C-")?;
        }
        if self.alt {
            write!(f, "A-")?;
        }
        write!(f, "{name}>")
    }
}

/// Writes a sequence back in the notation.
pub fn format_sequence(keys: &[KeyPress]) -> String {
    keys.iter().map(ToString::to_string).collect()
}

/// Parses a key sequence such as `gg`, `]m`, `<C-w>o` or `5j<Enter>`.
pub fn parse_sequence(notation: &str) -> Result<Vec<KeyPress>, String> {
    let mut keys = Vec::new();
    let mut chars = notation.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            keys.push(KeyPress::char(c));
            continue;
        }
        let mut inside = String::new();
        loop {
            match chars.next() {
                Some('>') => break,
                Some(c) => inside.push(c),
                None => return Err(format!("unclosed `<` in \"{notation}\"")),
            }
        }
        keys.push(
            parse_named(&inside)
                .ok_or_else(|| format!("unknown key <{inside}> in \"{notation}\""))?,
        );
    }
    Ok(keys)
}

fn parse_named(inside: &str) -> Option<KeyPress> {
    let mut rest = inside;
    let (mut ctrl, mut alt, mut shift) = (false, false, false);
    loop {
        if let Some(after) = rest.strip_prefix("C-") {
            ctrl = true;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("A-").or_else(|| rest.strip_prefix("M-")) {
            alt = true;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("S-") {
            shift = true;
            rest = after;
        } else {
            break;
        }
    }
    let key = if rest == "lt" {
        Key::Char('<')
    } else if let Some(number) = rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
        Key::F(number)
    } else if let Some((_, key)) = NAMED
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(rest))
    {
        *key
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Key::Char(c),
            _ => return None,
        }
    };
    let key = match (key, shift) {
        (Key::Tab, true) => Key::BackTab,
        (Key::Char(c), true) => Key::Char(c.to_ascii_uppercase()),
        (key, _) => key,
    };
    Some(KeyPress { key, ctrl, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_notation() {
        let keys = parse_sequence("gg]m<C-w>o<S-Tab><A-Left><Space><lt><F1><Enter>5j").unwrap();
        assert_eq!(keys[0], KeyPress::char('g'));
        assert_eq!(keys[4], KeyPress::ctrl('w'));
        assert_eq!(keys[6], KeyPress::plain(Key::BackTab));
        assert_eq!(
            keys[7],
            KeyPress {
                key: Key::Left,
                ctrl: false,
                alt: true
            }
        );
        assert_eq!(keys[8], KeyPress::char(' '));
        assert_eq!(keys[9], KeyPress::char('<'));
        assert_eq!(keys[10], KeyPress::plain(Key::F(1)));
        assert_eq!(
            format_sequence(&keys),
            "gg]m<C-w>o<S-Tab><A-Left><Space><lt><F1><Enter>5j"
        );
    }

    #[test]
    fn rejects_unknown_names() {
        assert!(parse_sequence("<Hyper-x>").is_err());
        assert!(parse_sequence("<C-w").is_err());
    }
}
