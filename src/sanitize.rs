//! Making strings from files safe to show: every character that could steer a
//! terminal (controls, bidi overrides, line separators) becomes a visible,
//! inert marker. Nothing read from a file is printed without passing here.
//!
//! This module only transforms strings; it never writes anywhere.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{061c}' | '\u{2028}' | '\u{2029}')
}

/// The visible stand-in for an unsafe character: the Unicode control picture
/// for C0 controls and DEL (`␛`), `<U+XXXX>` for the rest.
pub fn marker(c: char) -> String {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32)
            .map(String::from)
            .unwrap_or_default(),
        '\u{7f}' => "\u{2421}".to_string(),
        other => format!("<U+{:04X}>", other as u32),
    }
}

/// A one-line rendering: line breaks and tabs become spaces too, so a
/// diagnostic or a label cannot spill onto other lines.
pub fn line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => clean.push(' '),
            c if is_unsafe(c) => clean.push_str(&marker(c)),
            c => clean.push(c),
        }
    }
    Cow::Owned(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible_markers() {
        assert_eq!(line("a\u{1b}]0;pwned\u{7}b"), "a\u{241b}]0;pwned\u{2407}b");
        assert_eq!(line("x\u{202e}y"), "x<U+202E>y");
        assert_eq!(line("c1\u{9b}31m"), "c1<U+009B>31m");
        assert_eq!(line("del\u{7f}"), "del\u{2421}");
    }

    #[test]
    fn line_breaks_and_tabs_flatten_and_clean_text_is_borrowed() {
        assert_eq!(line("one\ntwo\tthree\r"), "one two three\u{240d}");
        assert!(matches!(line("plain café ✓"), Cow::Borrowed(_)));
    }
}
