//! What the property tests share: generators of hostile text (controls,
//! escape sequences, bidi and invisible characters, line separators, wide
//! and combining text, Markdown syntax), annotation files around it, keys
//! and themes, the check that a shown string holds nothing unsafe, and the
//! proptest settings. Included with `#[path]` by each property test file.

// Each file uses a different part of it.
#![allow(dead_code)]

use std::fmt::Write as _;

use brief::controller::{Keymap, State, press};
use brief::model::Briefing;
use brief::sanitize;
use brief::theme::Theme;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::FileFailurePersistence;
use ratatui::buffer::Cell;
use ratatui::style::{Color, Style};
use unicode_segmentation::UnicodeSegmentation;

use crate::common::load_pair;

// --- Hostile text -------------------------------------------------------------

/// Escape sequences a hostile file might carry: title and icon name (OSC 0,
/// 1, 2), clipboard (OSC 52), alternate screen, cursor, mouse and paste
/// modes, clears, full reset, DCS/APC/PM strings, window resize, visual
/// bell, 8-bit C1 forms.
pub const ESCAPES: &[&str] = &[
    "\u{1b}]0;title\u{7}",
    "\u{1b}]1;icon\u{7}",
    "\u{1b}]2;pwned\u{1b}\\",
    "\u{1b}]52;c;aGVsbG8=\u{7}",
    "\u{1b}]52;c;?\u{7}",
    "\u{1b}]8;;http://example.com\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}[?1049l",
    "\u{1b}[?1049h",
    "\u{1b}[?47h",
    "\u{1b}[?25l",
    "\u{1b}[?25h",
    "\u{1b}[?1000h",
    "\u{1b}[?1006h",
    "\u{1b}[?2004h",
    "\u{1b}[?1h",
    "\u{1b}=",
    "\u{1b}[2J",
    "\u{1b}[H",
    "\u{1b}[31;1m",
    "\u{1b}[8;5;5t",
    "\u{1b}[6n",
    "\u{1b}c",
    "\u{1b}g",
    "\u{1b}7\u{1b}8",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{1b}_apc\u{1b}\\",
    "\u{1b}^pm\u{1b}\\",
    "\u{9b}31m",
    "\u{9d}0;c1-title\u{9c}",
    "\u{90}dcs\u{9c}",
    "\u{1b}",
    "\u{7}",
    "\u{7f}",
    "\u{0}",
];

pub const BIDI: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
];

/// Invisible format characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft
/// hyphen, Mongolian vowel separator, interlinear annotation, invisible
/// operators, tag characters, variation selectors.
pub const INVISIBLE: &[char] = &[
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{2060}',
    '\u{feff}',
    '\u{ad}',
    '\u{180e}',
    '\u{fff9}',
    '\u{fffa}',
    '\u{fffb}',
    '\u{2061}',
    '\u{2062}',
    '\u{2063}',
    '\u{2064}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e007f}',
    '\u{fe0f}',
    '\u{fe0e}',
    '\u{115f}',
    '\u{3164}',
];

pub const BREAKS: &[&str] = &[
    "\n", "\n\n", "\r", "\r\n", "\r\n\r\n", "\t", "\t\t", " ", "  ", "\u{a0}", "\u{3000}",
    "\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}",
];

pub const WIDE: &[&str] = &[
    "東京",
    "漢字テスト",
    "한국어",
    "ｆｕｌｌ",
    "😀",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "🇺🇦",
    "🇬🇧🇫🇷",
    "🇺",
    "👍🏽",
    // A skin-tone modifier on its own attaches to whatever precedes it.
    "🏻",
    "🏽\u{200d}",
    "🏿\u{e0067}",
    "❤\u{fe0f}",
    "1\u{fe0f}\u{20e3}",
    "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
    "\u{1f9d1}\u{200d}\u{1f4bb}",
];

pub const RTL: &[&str] = &[
    "مرحبا",
    "שלום",
    "\u{202e}gnp.exe",
    "\u{2067}שלום\u{2069}",
    "عربي ١٢٣",
    "a\u{200f}b",
];

/// Markdown syntax, so `.md` texts grow headings, emphasis, lists, code,
/// links, HTML and entities around the hostile characters.
pub const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "> ",
    "- ",
    "1. ",
    "---\n",
    "[x](http://y)",
    "![i](j)",
    "<b>",
    "</b>",
    "<!-- c -->",
    "&amp;",
    "&#27;",
    "&#x9b;",
    "&#x202e;",
    "\\",
    "|a|b|\n",
    "    ",
    "BLUF\n",
];

pub const WORDS: &[&str] = &[
    "alpha", "Bravo", "the", "group", "Moscow", "Crocus", "City", "Hall", "said", "a", "é",
    "naïve", "x", "42", "2024", "o'clock", "state's",
];

pub fn from_str_list(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    select(list).prop_map(str::to_string)
}

pub fn from_char_list(list: &'static [char]) -> impl Strategy<Value = String> {
    select(list).prop_map(String::from)
}

/// Any C0 control, DEL or C1 control.
pub fn control() -> impl Strategy<Value = String> {
    prop_oneof![0u32..0x20, Just(0x7f), 0x80u32..0xa0]
        .prop_map(|code| char::from_u32(code).map(String::from).unwrap_or_default())
}

/// A letter (or nothing) carrying a run of combining marks.
pub fn combining_run() -> impl Strategy<Value = String> {
    (
        select(&["a", "e", "", " ", "東", "😀", "\u{1b}", "\t"][..]),
        prop::collection::vec(0x300u32..0x370, 1..60),
    )
        .prop_map(|(base, marks)| {
            let mut text = base.to_string();
            text.extend(marks.into_iter().filter_map(char::from_u32));
            text
        })
}

/// One piece of hostile text.
pub fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => from_str_list(WORDS),
        3 => control(),
        3 => from_str_list(ESCAPES),
        2 => from_char_list(BIDI),
        2 => from_char_list(INVISIBLE),
        3 => from_str_list(BREAKS),
        2 => from_str_list(WIDE),
        1 => from_str_list(RTL),
        2 => combining_run(),
        2 => from_str_list(MARKDOWN),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Hostile text: atoms glued together, or separated by spaces so that
/// words stand whole (and entity names match automatically).
pub fn hostile_text(max_atoms: usize) -> impl Strategy<Value = String> {
    (prop::collection::vec(atom(), 0..max_atoms), any::<bool>()).prop_map(|(atoms, spaced)| {
        if spaced {
            atoms.join(" ")
        } else {
            atoms.concat()
        }
    })
}

/// A short hostile string for titles, labels and notes.
pub fn hostile_label() -> impl Strategy<Value = String> {
    hostile_text(5)
}

// --- Annotation files -----------------------------------------------------------

/// A TOML basic string holding `text` exactly.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Char boundaries of `text`, the end included.
pub fn char_boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// A piece of `text` between two char boundaries chosen by the indices, at
/// most `max_chars` long.
pub fn slice_of(text: &str, start: Index, length: Index, max_chars: usize) -> &str {
    let bounds = char_boundaries(text);
    let first = start.index(bounds.len());
    let last = (first + length.index(max_chars + 1)).min(bounds.len() - 1);
    text.get(bounds[first]..bounds[last]).unwrap_or_default()
}

/// How to pick an entity name: a piece of the text, or a fixed word.
#[derive(Debug, Clone)]
pub enum NameChoice {
    FromText(Index, Index),
    Word(String),
}

pub fn name_choice() -> impl Strategy<Value = NameChoice> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| NameChoice::FromText(a, b)),
        1 => from_str_list(WORDS).prop_map(NameChoice::Word),
    ]
}

pub fn name_for(text: &str, choice: &NameChoice) -> String {
    let name = match choice {
        NameChoice::FromText(start, length) => slice_of(text, *start, *length, 16).trim(),
        NameChoice::Word(word) => word.as_str(),
    };
    if name.is_empty() {
        "alpha".to_string()
    } else {
        name.to_string()
    }
}

/// Everything random in a briefing besides its text.
#[derive(Debug, Clone)]
pub struct Extras {
    pub title: String,
    pub classification: String,
    pub summary: String,
    pub names: Vec<NameChoice>,
    pub label: String,
    pub quote: (Index, Index),
    pub event_date: &'static str,
}

pub const DATES: &[&str] = &[
    "2024-03-22",
    "2024",
    "199X",
    "2014-10/2014-12",
    "../2004",
    "2019/..",
    "2024-03-22?",
    "2014-23",
    "-9999",
];

pub fn extras() -> impl Strategy<Value = Extras> {
    (
        hostile_label(),
        hostile_label(),
        hostile_label(),
        prop::collection::vec(name_choice(), 0..4),
        hostile_label(),
        (any::<Index>(), any::<Index>()),
        select(DATES),
    )
        .prop_map(
            |(title, classification, summary, names, label, quote, event_date)| Extras {
                title,
                classification,
                summary,
                names,
                label,
                quote,
                event_date,
            },
        )
}

/// An annotation file for `text`: a `[briefing]` table with hostile
/// fields, entities named from the text, and (if `anchored`) an explicit
/// mention, a relation, an event and a note anchored to a piece of it.
pub fn annotations(text: &str, extras: &Extras, anchored: bool) -> String {
    let mut toml = String::from("format = 1\n\n[briefing]\n");
    let _ = writeln!(toml, "title = {}", toml_string(&extras.title));
    let _ = writeln!(toml, "source = {}", toml_string(&extras.label));
    let _ = writeln!(
        toml,
        "classification = {}",
        toml_string(&extras.classification)
    );
    let _ = writeln!(toml, "summary = {}\n", toml_string(&extras.summary));
    let kinds = ["person", "organization", "place", "other"];
    for (n, choice) in extras.names.iter().enumerate() {
        let _ = writeln!(
            toml,
            "[[entity]]\nid = \"e{n}\"\nname = {}\nkind = \"{}\"\nsummary = {}\ntags = [{}]\n",
            toml_string(&name_for(text, choice)),
            kinds[n % kinds.len()],
            toml_string(&extras.summary),
            toml_string(&extras.label),
        );
    }
    if !anchored || extras.names.is_empty() {
        return toml;
    }
    let quote = slice_of(text, extras.quote.0, extras.quote.1, 40).trim();
    let selector = if quote.is_empty() {
        String::new()
    } else {
        format!("quote = {}\noccurrence = 1\n", toml_string(quote))
    };
    let last = extras.names.len() - 1;
    let label = toml_string(&extras.label);
    if !selector.is_empty() {
        let _ = writeln!(
            toml,
            "[[mention]]\nentity = \"e0\"\nkind = {label}\n{selector}"
        );
        let _ = writeln!(
            toml,
            "[[note]]\nkind = \"disputed\"\ntext = {label}\nentities = [\"e{last}\"]\nreliability = \"B\"\ncredibility = 2\n{selector}"
        );
    }
    let _ = writeln!(
        toml,
        "[[relation]]\nfrom = \"e0\"\nto = \"e{last}\"\nkind = {label}\nnote = {label}\n{selector}"
    );
    let _ = writeln!(
        toml,
        "[[event]]\nid = \"ev\"\ndate = \"{}\"\nlabel = {label}\ntitle = {label}\nentities = [\"e0\"]\nnote = {label}\n{selector}",
        extras.event_date
    );
    toml
}

/// Loads `text` with the richest annotations that load without errors:
/// anchored tables, else entities only, else nothing but `format = 1`.
pub fn load_hostile(text: &str, markdown: bool, extras: &Extras) -> Briefing {
    let extension = if markdown { "md" } else { "txt" };
    for anchored in [true, false] {
        if let Some(briefing) =
            load_pair(text, extension, &annotations(text, extras, anchored)).briefing
        {
            return briefing;
        }
    }
    load_pair(text, extension, "format = 1\n")
        .briefing
        .expect("a text with a minimal annotation file always loads")
}

// --- Keys, themes, buffers ------------------------------------------------------

pub const KEYS: &[&str] = &[
    "<Tab>", "j", "G", "/", "a", "<Enter>", "]m", "e", "<Esc>", "?",
];

pub fn keys() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(select(KEYS), 0..8)
}

pub fn dark() -> Theme {
    Theme::built_in("dark", false).expect("dark theme")
}

pub fn reader(briefing: Briefing, width: u16, height: u16, keys: &[&str]) -> State {
    let mut state = State::new(briefing, Keymap::default_keymap(), width, height);
    for key in keys {
        press(&mut state, key).unwrap_or_else(|error| panic!("key {key:?}: {error}"));
    }
    state
}

/// The cell the buffer is filled with before drawing, so any cell the
/// renderer touches shows.
pub fn marker_cell() -> Cell {
    let mut cell = Cell::default();
    cell.set_symbol("\u{2592}");
    cell.set_style(
        Style::default()
            .fg(Color::Indexed(201))
            .bg(Color::Indexed(22)),
    );
    cell
}

/// Characters that lay text out; shown text on one row never holds them.
pub fn is_layout(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
}

/// Pictographs that start an emoji sequence (Extended_Pictographic, a
/// little widened), written out here so the test does not borrow the
/// sanitiser's own table.
pub fn starts_emoji(c: char) -> bool {
    matches!(u32::from(c),
        0xa9 | 0xae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21aa | 0x231a..=0x23ff
        | 0x24c2 | 0x25aa..=0x27bf | 0x2934..=0x2935 | 0x2b05..=0x2b55 | 0x3030 | 0x303d
        | 0x3297 | 0x3299 | 0x1f000..=0x1faff)
}

/// The first character of shown text that must not reach a terminal as
/// itself: a character `is_unsafe` flags, or a line break or tab, except
/// that a zero-width joiner or tag character may stay inside a grapheme
/// cluster that starts with a pictograph (an emoji ZWJ or flag sequence).
pub fn forbidden_in(shown: &str) -> Option<char> {
    shown.graphemes(true).find_map(|grapheme| {
        let emoji = grapheme.chars().next().is_some_and(starts_emoji);
        grapheme.chars().find(|&c| {
            let joins_emoji =
                emoji && (c == '\u{200d}' || ('\u{e0020}'..='\u{e007f}').contains(&c));
            is_layout(c) || (sanitize::is_unsafe(c) && !joins_emoji)
        })
    })
}

/// `cases` cases (or `PROPTEST_CASES` for every property, for a longer
/// soak), failures kept in `proptest-regressions/properties.txt` (relative
/// to the package root, where cargo runs integration tests).
pub fn config(cases: u32) -> ProptestConfig {
    let defaults = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        defaults.cases
    } else {
        cases
    };
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/properties.txt",
        ))),
        ..defaults
    }
}

/// A terminal width: anything up to 120, often near the smallest layouts.
pub fn width() -> impl Strategy<Value = u16> {
    prop_oneof![2 => 0u16..=120, 1 => 20u16..=40]
}

/// A terminal height: anything up to 50, often near the smallest layouts.
pub fn height() -> impl Strategy<Value = u16> {
    prop_oneof![2 => 0u16..=50, 1 => 4u16..=12]
}
