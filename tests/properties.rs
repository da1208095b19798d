//! Property tests for hostile input and terminal safety (issue 5): random
//! text built from control characters, escape sequences, bidi controls,
//! invisible characters, line separators, wide and combining text and
//! Markdown syntax, checked against the sanitiser, the loader's selectors,
//! the renderer and the bytes a frame sends to a terminal.
//!
//! 1. `sanitize::line` leaves nothing unsafe and is idempotent.
//! 2. Rendering a loaded briefing at any size into part of a larger buffer
//!    never panics, never touches a cell outside its area, and leaves no
//!    unsafe character in a cell.
//! 3. Frame sequences through `Terminal<TestBackend>` with resizes between
//!    them never panic.
//! 4. The bytes of one or two frames through `CrosstermBackend`, fed to a
//!    `vt100` terminal, never set the title or icon name, touch the
//!    clipboard, ring a bell, resize or scroll the terminal or change a
//!    screen mode; outside crossterm's own CSI sequences they hold no
//!    control, bidi or separator character.
//! 5. Arbitrary selectors against arbitrary text never panic, and every
//!    span the loader accepts lies on grapheme-cluster boundaries.
//!
//! Failures proptest finds are kept in `proptest-regressions/properties.txt`
//! and replayed first on every run.

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;
use std::num::NonZeroU16;
use std::ops::Range;
use std::rc::Rc;

use brief::controller::{Action, Keymap, State, press, update};
use brief::loader::Loaded;
use brief::model::Briefing;
use brief::sanitize;
use brief::theme::Theme;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{FileFailurePersistence, TestCaseError};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::{TerminalOptions, Viewport};
use unicode_segmentation::UnicodeSegmentation;

use common::load_pair;

// --- Hostile text -------------------------------------------------------------

/// Escape sequences a hostile file might carry: title and icon name (OSC 0,
/// 1, 2), clipboard (OSC 52), alternate screen, cursor, mouse and paste
/// modes, clears, full reset, DCS/APC/PM strings, window resize, visual
/// bell, 8-bit C1 forms.
const ESCAPES: &[&str] = &[
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

const BIDI: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
];

/// Invisible format characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft
/// hyphen, Mongolian vowel separator, interlinear annotation, invisible
/// operators, tag characters, variation selectors.
const INVISIBLE: &[char] = &[
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

const BREAKS: &[&str] = &[
    "\n", "\n\n", "\r", "\r\n", "\r\n\r\n", "\t", "\t\t", " ", "  ", "\u{a0}", "\u{3000}",
    "\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}",
];

const WIDE: &[&str] = &[
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

const RTL: &[&str] = &[
    "مرحبا",
    "שלום",
    "\u{202e}gnp.exe",
    "\u{2067}שלום\u{2069}",
    "عربي ١٢٣",
    "a\u{200f}b",
];

/// Markdown syntax, so `.md` texts grow headings, emphasis, lists, code,
/// links, HTML and entities around the hostile characters.
const MARKDOWN: &[&str] = &[
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

const WORDS: &[&str] = &[
    "alpha", "Bravo", "the", "group", "Moscow", "Crocus", "City", "Hall", "said", "a", "é",
    "naïve", "x", "42", "2024", "o'clock", "state's",
];

fn from_str_list(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    select(list).prop_map(str::to_string)
}

fn from_char_list(list: &'static [char]) -> impl Strategy<Value = String> {
    select(list).prop_map(String::from)
}

/// Any C0 control, DEL or C1 control.
fn control() -> impl Strategy<Value = String> {
    prop_oneof![0u32..0x20, Just(0x7f), 0x80u32..0xa0]
        .prop_map(|code| char::from_u32(code).map(String::from).unwrap_or_default())
}

/// A letter (or nothing) carrying a run of combining marks.
fn combining_run() -> impl Strategy<Value = String> {
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
fn atom() -> impl Strategy<Value = String> {
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
fn hostile_text(max_atoms: usize) -> impl Strategy<Value = String> {
    (prop::collection::vec(atom(), 0..max_atoms), any::<bool>()).prop_map(|(atoms, spaced)| {
        if spaced {
            atoms.join(" ")
        } else {
            atoms.concat()
        }
    })
}

/// A short hostile string for titles, labels and notes.
fn hostile_label() -> impl Strategy<Value = String> {
    hostile_text(5)
}

// --- Annotation files -----------------------------------------------------------

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
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
fn char_boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// A piece of `text` between two char boundaries chosen by the indices, at
/// most `max_chars` long.
fn slice_of(text: &str, start: Index, length: Index, max_chars: usize) -> &str {
    let bounds = char_boundaries(text);
    let first = start.index(bounds.len());
    let last = (first + length.index(max_chars + 1)).min(bounds.len() - 1);
    text.get(bounds[first]..bounds[last]).unwrap_or_default()
}

/// How to pick an entity name: a piece of the text, or a fixed word.
#[derive(Debug, Clone)]
enum NameChoice {
    FromText(Index, Index),
    Word(String),
}

fn name_choice() -> impl Strategy<Value = NameChoice> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| NameChoice::FromText(a, b)),
        1 => from_str_list(WORDS).prop_map(NameChoice::Word),
    ]
}

fn name_for(text: &str, choice: &NameChoice) -> String {
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
struct Extras {
    title: String,
    classification: String,
    summary: String,
    names: Vec<NameChoice>,
    label: String,
    quote: (Index, Index),
    event_date: &'static str,
}

const DATES: &[&str] = &[
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

fn extras() -> impl Strategy<Value = Extras> {
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
fn annotations(text: &str, extras: &Extras, anchored: bool) -> String {
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
fn load_hostile(text: &str, markdown: bool, extras: &Extras) -> Briefing {
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

const KEYS: &[&str] = &[
    "<Tab>", "j", "G", "/", "a", "<Enter>", "]m", "e", "<Esc>", "?",
];

fn keys() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(select(KEYS), 0..8)
}

fn dark() -> Theme {
    Theme::built_in("dark", false).expect("dark theme")
}

fn reader(briefing: Briefing, width: u16, height: u16, keys: &[&str]) -> State {
    let mut state = State::new(briefing, Keymap::default_keymap(), width, height);
    for key in keys {
        press(&mut state, key).unwrap_or_else(|error| panic!("key {key:?}: {error}"));
    }
    state
}

/// The cell the buffer is filled with before drawing, so any cell the
/// renderer touches shows.
fn marker_cell() -> Cell {
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
fn is_layout(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
}

/// Pictographs that start an emoji sequence (Extended_Pictographic, a
/// little widened), written out here so the test does not borrow the
/// sanitiser's own table.
fn starts_emoji(c: char) -> bool {
    matches!(u32::from(c),
        0xa9 | 0xae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21aa | 0x231a..=0x23ff
        | 0x24c2 | 0x25aa..=0x27bf | 0x2934..=0x2935 | 0x2b05..=0x2b55 | 0x3030 | 0x303d
        | 0x3297 | 0x3299 | 0x1f000..=0x1faff)
}

/// The first character of shown text that must not reach a terminal as
/// itself: a character `is_unsafe` flags, or a line break or tab, except
/// that a zero-width joiner or tag character may stay inside a grapheme
/// cluster that starts with a pictograph (an emoji ZWJ or flag sequence).
fn forbidden_in(shown: &str) -> Option<char> {
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
fn config(cases: u32) -> ProptestConfig {
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

// --- 1. The sanitiser -------------------------------------------------------------

proptest! {
    #![proptest_config(config(4096))]

    #[test]
    fn sanitised_lines_are_safe_and_idempotent(
        text in prop_oneof![hostile_text(40), any::<String>()],
    ) {
        sanitised_lines_are_safe_and_idempotent_holds(&text)?;
    }
}

fn sanitised_lines_are_safe_and_idempotent_holds(text: &str) -> Result<(), TestCaseError> {
    let once = sanitize::line(text);
    if let Some(bad) = forbidden_in(&once) {
        prop_assert!(false, "line({text:?}) = {once:?} keeps {bad:?}");
    }
    let twice = sanitize::line(&once);
    prop_assert_eq!(
        twice.as_ref(),
        once.as_ref(),
        "line is not idempotent on {:?}",
        text
    );
    Ok(())
}

/// ASCII beside the characters that join clusters across their
/// neighbours: prepended marks, combining marks, joiners, variation
/// selectors and keycaps, regional indicators, an Indic conjunct, CR LF.
fn joining_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        select(
            &[
                "a",
                "ab",
                "1",
                "#",
                " ",
                "\r",
                "\n",
                "\r\n",
                "\u{600}",
                "\u{110bd}",
                "\u{301}",
                "\u{200d}",
                "\u{fe0f}",
                "\u{20e3}",
                "😀",
                "🇫",
                "🇷",
                "क",
                "\u{94d}",
                "ष",
                "—",
            ][..],
        ),
        0..24,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(4096))]

    /// The ASCII shortcut of `layout::graphemes` splits exactly as
    /// Unicode segmentation does, CR LF pairs and controls included.
    #[test]
    fn the_grapheme_shortcut_agrees_with_unicode_segmentation(
        text in prop_oneof![
            "[ -~\r\n\t\x00-\x1f\x7f]{0,40}",
            hostile_text(40),
            any::<String>(),
            joining_text(),
        ],
    ) {
        let fast: Vec<(usize, &str)> = brief::layout::graphemes(&text).collect();
        let full: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        prop_assert_eq!(fast, full);
    }
}

/// Every character the sanitiser flags has a marker that is visible (takes
/// columns) and itself safe, so nothing is dropped silently. Exhaustive
/// over all of Unicode.
#[test]
fn every_marker_is_visible_and_safe() {
    let flagged: Vec<char> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|&c| sanitize::is_unsafe(c))
        .collect();
    assert!(flagged.contains(&'\u{1b}') && flagged.contains(&'\u{202e}'));
    for c in flagged {
        let shown = sanitize::marker(c);
        assert!(
            unicode_width::UnicodeWidthStr::width(shown.as_str()) > 0,
            "{c:?} shows as {shown:?}"
        );
        assert_eq!(forbidden_in(&shown), None, "{c:?} shows as {shown:?}");
        assert_eq!(sanitize::line(&shown), shown, "{c:?}'s marker changes");
    }
}

// --- 2. Rendering stays inside its area ---------------------------------------

/// Where the state's screen goes inside a larger buffer.
#[derive(Debug, Clone)]
struct Placement {
    width: u16,
    height: u16,
    /// Columns and rows the buffer has beyond the area.
    extra: (u16, u16),
    /// The buffer's own origin.
    origin: (u16, u16),
    /// The area's offset inside the buffer (clamped to the extra room).
    offset: (u16, u16),
    /// Put the area at the buffer's right (bottom) edge.
    flush: (bool, bool),
}

/// A terminal width: anything up to 120, often near the smallest layouts.
fn width() -> impl Strategy<Value = u16> {
    prop_oneof![2 => 0u16..=120, 1 => 20u16..=40]
}

/// A terminal height: anything up to 50, often near the smallest layouts.
fn height() -> impl Strategy<Value = u16> {
    prop_oneof![2 => 0u16..=50, 1 => 4u16..=12]
}

fn placement() -> impl Strategy<Value = Placement> {
    (
        width(),
        height(),
        (0u16..=30, 0u16..=8),
        (0u16..=4, 0u16..=4),
        (0u16..=30, 0u16..=8),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(|(width, height, extra, origin, offset, flush)| Placement {
            width,
            height,
            extra,
            origin,
            offset,
            flush,
        })
}

impl Placement {
    fn buffer_area(&self) -> Rect {
        Rect::new(
            self.origin.0,
            self.origin.1,
            self.width + self.extra.0,
            self.height + self.extra.1,
        )
    }

    fn area(&self) -> Rect {
        let dx = if self.flush.0 {
            self.extra.0
        } else {
            self.offset.0.min(self.extra.0)
        };
        let dy = if self.flush.1 {
            self.extra.1
        } else {
            self.offset.1.min(self.extra.1)
        };
        Rect::new(
            self.origin.0 + dx,
            self.origin.1 + dy,
            self.width,
            self.height,
        )
    }
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn rendering_stays_inside_its_area(
        text in hostile_text(40),
        markdown in any::<bool>(),
        extras in extras(),
        keys in keys(),
        placement in placement(),
    ) {
        rendering_stays_inside_its_area_holds(&text, markdown, &extras, &keys, &placement)?;
    }
}

fn rendering_stays_inside_its_area_holds(
    text: &str,
    markdown: bool,
    extras: &Extras,
    keys: &[&str],
    placement: &Placement,
) -> Result<(), TestCaseError> {
    let briefing = load_hostile(text, markdown, extras);
    let state = reader(briefing, placement.width, placement.height, keys);
    let mut buffer = Buffer::filled(placement.buffer_area(), marker_cell());
    let area = placement.area();
    brief::ui::render(&mut buffer, area, &state, &dark());
    let marker = marker_cell();
    let bounds = buffer.area;
    for y in bounds.top()..bounds.bottom() {
        for x in bounds.left()..bounds.right() {
            let cell = &buffer[(x, y)];
            let inside =
                x >= area.left() && x < area.right() && y >= area.top() && y < area.bottom();
            if !inside {
                prop_assert_eq!(
                    cell,
                    &marker,
                    "cell ({}, {}) outside the area {:?} of the buffer {:?} was drawn on",
                    x,
                    y,
                    area,
                    bounds
                );
            } else if let Some(bad) = forbidden_in(cell.symbol()) {
                prop_assert!(false, "cell ({x}, {y}) holds {bad:?}: {:?}", cell.symbol());
            }
        }
    }
    Ok(())
}

// --- 3. Frame sequences with resizes -------------------------------------------

/// One frame: the terminal's size, the keys typed before it, and whether
/// the state hears of the new size only after the frame is drawn.
#[derive(Debug, Clone)]
struct FrameStep {
    width: u16,
    height: u16,
    keys: Vec<&'static str>,
    stale: bool,
}

fn frame_step() -> impl Strategy<Value = FrameStep> {
    (width(), height(), keys(), prop::bool::weighted(0.25)).prop_map(
        |(width, height, keys, stale)| FrameStep {
            width,
            height,
            keys,
            stale,
        },
    )
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn frame_sequences_with_resizes_never_panic(
        text in hostile_text(40),
        markdown in any::<bool>(),
        extras in extras(),
        steps in prop::collection::vec(frame_step(), 2..=3),
    ) {
        frame_sequences_with_resizes_never_panic_holds(&text, markdown, &extras, &steps)?;
    }
}

fn frame_sequences_with_resizes_never_panic_holds(
    text: &str,
    markdown: bool,
    extras: &Extras,
    steps: &[FrameStep],
) -> Result<(), TestCaseError> {
    let theme = dark();
    let briefing = load_hostile(text, markdown, extras);
    let first = &steps[0];
    let mut state = State::new(
        briefing,
        Keymap::default_keymap(),
        first.width,
        first.height,
    );
    let mut terminal =
        Terminal::new(TestBackend::new(first.width, first.height)).expect("test terminal");
    for step in steps {
        terminal.backend_mut().resize(step.width, step.height);
        terminal
            .resize(Rect::new(0, 0, step.width, step.height))
            .expect("resize");
        if !step.stale {
            update(&mut state, Action::Resize(step.width, step.height));
        }
        for key in &step.keys {
            press(&mut state, key).unwrap_or_else(|error| panic!("key {key:?}: {error}"));
        }
        terminal
            .draw(|frame| brief::ui::draw(frame, &state, &theme))
            .expect("draws");
        if step.stale {
            update(&mut state, Action::Resize(step.width, step.height));
            terminal
                .draw(|frame| brief::ui::draw(frame, &state, &theme))
                .expect("draws");
        }
    }
    Ok(())
}

// --- 4. The bytes a frame sends ---------------------------------------------------

/// The bytes a terminal was sent (`CrosstermBackend::writer` is unstable,
/// so the test keeps its own handle on the buffer).
#[derive(Debug, Clone, Default)]
struct Sent(Rc<RefCell<Vec<u8>>>);

impl io::Write for Sent {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Everything a `vt100` terminal was asked to do besides drawing cells.
#[derive(Debug, Default)]
struct Recorder {
    events: Vec<String>,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("audible bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.events.push(format!("resize to {request:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, icon_name: &[u8]) {
        self.events.push(format!(
            "icon name {:?}",
            String::from_utf8_lossy(icon_name)
        ));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.events
            .push(format!("title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.events.push(format!(
            "copy to clipboard {:?} {:?}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.events.push(format!(
            "paste from clipboard {:?}",
            String::from_utf8_lossy(ty)
        ));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.events.push(format!("control byte {b:#04x}"));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.events.push(format!("OSC {params:?}"));
    }
    fn on_scroll(&mut self, _: vt100::capture::RowContents<'_>, alternate_screen: bool) {
        self.events
            .push(format!("scroll (alternate screen {alternate_screen})"));
    }
}

/// The screen modes a frame must leave as they were.
fn modes(screen: &vt100::Screen) -> String {
    format!(
        "alternate {} keypad {} cursor keys {} paste {} mouse {:?} {:?}",
        screen.alternate_screen(),
        screen.application_keypad(),
        screen.application_cursor(),
        screen.bracketed_paste(),
        screen.mouse_protocol_mode(),
        screen.mouse_protocol_encoding(),
    )
}

/// Keys typed before a second frame, and the size it is drawn at if the
/// terminal was resized.
type SecondFrame = (Vec<&'static str>, Option<(u16, u16)>);

/// Checks the raw output: valid UTF-8; every control is an ESC opening a
/// CSI sequence (crossterm's cursor moves, colours and cursor hiding),
/// which is skipped; everything else is free of controls, bidi and
/// separator characters. So no BEL, no OSC, DCS, APC, PM or SOS, no C1.
fn check_bytes(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut chars = text.char_indices().peekable();
    let mut run_start = 0;
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            check_run(text, run_start..at)?;
            match chars.next() {
                Some((_, '[')) => {}
                other => {
                    let context = text.get(at..(at + 24).min(text.len())).unwrap_or("");
                    return Err(format!(
                        "ESC not opening a CSI at byte {at} ({:?}): {context:?}",
                        other.map(|(_, c)| c)
                    ));
                }
            }
            // Parameters and intermediates, then one final byte.
            while let Some(&(_, c)) = chars.peek() {
                if ('\u{20}'..='\u{3f}').contains(&c) {
                    chars.next();
                } else {
                    break;
                }
            }
            match chars.next() {
                Some((_, final_byte)) if ('\u{40}'..='\u{7e}').contains(&final_byte) => {}
                other => return Err(format!("unterminated CSI at byte {at}: {other:?}")),
            }
            run_start = chars.peek().map_or(text.len(), |&(next, _)| next);
        }
    }
    check_run(text, run_start..text.len())
}

/// Checks text the terminal shows (between escape sequences).
fn check_run(text: &str, run: Range<usize>) -> Result<(), String> {
    let shown = text.get(run.clone()).unwrap_or("");
    match forbidden_in(shown) {
        None => Ok(()),
        Some(bad) => Err(format!(
            "{bad:?} reaches the terminal in the text at bytes {run:?}: {shown:?}"
        )),
    }
}

proptest! {
    #![proptest_config(config(1536))]

    #[test]
    fn frame_bytes_never_steer_the_terminal(
        text in hostile_text(40),
        markdown in any::<bool>(),
        extras in extras(),
        first in (width(), height()).prop_map(|(w, h)| (w.max(1), h.max(1))),
        second in prop::option::of((keys(), prop::option::of((1u16..=120, 1u16..=50)))),
    ) {
        frame_bytes_never_steer_the_terminal_holds(&text, markdown, &extras, first, second)?;
    }
}

fn frame_bytes_never_steer_the_terminal_holds(
    text: &str,
    markdown: bool,
    extras: &Extras,
    first: (u16, u16),
    second: Option<SecondFrame>,
) -> Result<(), TestCaseError> {
    let theme = dark();
    let briefing = load_hostile(text, markdown, extras);
    let mut state = State::new(briefing, Keymap::default_keymap(), first.0, first.1);
    let viewport = Viewport::Fixed(Rect::new(0, 0, first.0, first.1));
    let sent = Sent::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(sent.clone()),
        TerminalOptions { viewport },
    )
    .expect("terminal over a Vec");
    terminal
        .draw(|frame| brief::ui::draw(frame, &state, &theme))
        .expect("draws");
    let mut size = first;
    // A second frame after some keys, maybe at a new size: it sends
    // only what changed.
    if let Some((keys, resized)) = &second {
        for key in keys {
            press(&mut state, key).unwrap_or_else(|error| panic!("key {key:?}: {error}"));
        }
        if let Some(resized) = resized {
            size = *resized;
            terminal
                .resize(Rect::new(0, 0, size.0, size.1))
                .expect("resize");
            update(&mut state, Action::Resize(size.0, size.1));
        }
        terminal
            .draw(|frame| brief::ui::draw(frame, &state, &theme))
            .expect("draws");
    }
    let bytes = sent.0.borrow().clone();
    if let Err(problem) = check_bytes(&bytes) {
        prop_assert!(false, "{problem}");
    }

    let rows = NonZeroU16::new(first.1.max(size.1)).expect("rows");
    let columns = NonZeroU16::new(first.0.max(size.0)).expect("columns");
    let mut parser = vt100::Parser::new_with_callbacks(rows, columns, 0, Recorder::default());
    let before = modes(parser.screen());
    prop_assert!(!parser.screen().hide_cursor());
    parser.process(&bytes);
    prop_assert_eq!(&parser.callbacks().events, &Vec::<String>::new());
    prop_assert_eq!(modes(parser.screen()), before);
    // The reader never places the terminal cursor, so ratatui hides it.
    prop_assert!(parser.screen().hide_cursor());
    Ok(())
}

// --- 5. Selectors --------------------------------------------------------------

/// A selector field's source: absent, a piece of the text, or anything.
#[derive(Debug, Clone)]
enum Piece {
    None,
    FromText(Index, Index),
    Loose(String),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => Just(Piece::None),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Piece::FromText(a, b)),
        2 => hostile_label().prop_map(Piece::Loose),
    ]
}

/// An offset: absent, a char position in the text (maybe past the end),
/// or something absurd.
#[derive(Debug, Clone)]
enum Offset {
    None,
    InText(Index),
    Raw(i64),
}

fn offset() -> impl Strategy<Value = Offset> {
    prop_oneof![
        2 => Just(Offset::None),
        4 => any::<Index>().prop_map(Offset::InText),
        1 => prop_oneof![
            select(&[-1i64, 0, 1, i64::MAX, i64::MIN, 1 << 32, 1 << 53][..]),
            any::<i64>(),
        ]
        .prop_map(Offset::Raw),
    ]
}

fn occurrence() -> impl Strategy<Value = Option<i64>> {
    prop::option::weighted(
        0.3,
        prop_oneof![1i64..4, select(&[0i64, -1, 1000, i64::MAX, i64::MIN][..])],
    )
}

/// How a table picks its passage.
#[derive(Debug, Clone)]
enum Selector {
    /// A quote cut from the text on grapheme boundaries, maybe with the
    /// text just before and after it as prefix and suffix.
    Quote {
        at: Index,
        length: Index,
        prefix: bool,
        suffix: bool,
        occurrence: Option<i64>,
    },
    /// Offsets on grapheme boundaries, maybe checked by a quote (the
    /// passage's own or any other).
    Offsets {
        at: Index,
        length: Index,
        quote: Piece,
    },
    /// Every field chosen on its own: pieces of the text cut anywhere,
    /// hostile strings, absurd numbers.
    Chaotic {
        quote: Piece,
        prefix: Piece,
        suffix: Piece,
        occurrence: Option<i64>,
        start: Offset,
        end: Offset,
    },
}

fn selector() -> impl Strategy<Value = Selector> {
    prop_oneof![
        3 => (
            any::<Index>(),
            any::<Index>(),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(Some(1)), occurrence()],
        )
            .prop_map(|(at, length, prefix, suffix, occurrence)| Selector::Quote {
                at,
                length,
                prefix,
                suffix,
                occurrence,
            }),
        2 => (any::<Index>(), any::<Index>(), piece())
            .prop_map(|(at, length, quote)| Selector::Offsets { at, length, quote }),
        2 => (piece(), piece(), piece(), occurrence(), offset(), offset()).prop_map(
            |(quote, prefix, suffix, occurrence, start, end)| Selector::Chaotic {
                quote,
                prefix,
                suffix,
                occurrence,
                start,
                end,
            },
        ),
    ]
}

/// A table anchored by a selector.
#[derive(Debug, Clone)]
struct Anchored {
    table: &'static str,
    selector: Selector,
}

fn anchored() -> impl Strategy<Value = Anchored> {
    (
        select(&["mention", "note", "suppress", "relation", "event"][..]),
        selector(),
    )
        .prop_map(|(table, selector)| Anchored { table, selector })
}

/// Grapheme boundaries `[at, at + length]` (at least one cluster when the
/// text has any), counted in clusters, at most `max` long.
fn cluster_range(text: &str, at: Index, length: Index, max: usize) -> Range<usize> {
    let bounds: Vec<usize> = grapheme_boundaries(text).into_iter().collect();
    let first = at
        .index(bounds.len().saturating_sub(1).max(1))
        .min(bounds.len() - 1);
    let last = (first + 1 + length.index(max)).min(bounds.len() - 1);
    bounds[first]..bounds[last]
}

fn chars_before(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |before| before.chars().count())
}

fn piece_value(text: &str, piece: &Piece) -> Option<String> {
    match piece {
        Piece::None => None,
        Piece::FromText(start, length) => Some(slice_of(text, *start, *length, 30).to_string()),
        Piece::Loose(value) => Some(value.clone()),
    }
}

fn selector_fields(text: &str, selector: &Selector) -> String {
    let mut fields = String::new();
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(fields, "{name} = {value}");
        }
    };
    let quoted = |value: Option<String>| value.map(|v| toml_string(&v));
    match selector {
        Selector::Quote {
            at,
            length,
            prefix,
            suffix,
            occurrence,
        } => {
            let range = cluster_range(text, *at, *length, 12);
            let prefix_start = text
                .get(..range.start)
                .and_then(|b| b.grapheme_indices(true).rev().nth(4).map(|(i, _)| i))
                .unwrap_or(0);
            let suffix_end = text
                .get(range.end..)
                .and_then(|a| a.grapheme_indices(true).nth(5).map(|(i, _)| range.end + i))
                .unwrap_or(text.len());
            field("quote", quoted(text.get(range.clone()).map(str::to_string)));
            if *prefix {
                field(
                    "prefix",
                    quoted(text.get(prefix_start..range.start).map(str::to_string)),
                );
            }
            if *suffix {
                field(
                    "suffix",
                    quoted(text.get(range.end..suffix_end).map(str::to_string)),
                );
            }
            field("occurrence", occurrence.map(|n| n.to_string()));
        }
        Selector::Offsets { at, length, quote } => {
            let range = cluster_range(text, *at, *length, 12);
            field("start", Some(chars_before(text, range.start).to_string()));
            field("end", Some(chars_before(text, range.end).to_string()));
            let own = matches!(quote, Piece::FromText(_, _)) && at.index(2) == 0;
            let quote = if own {
                text.get(range).map(str::to_string)
            } else {
                piece_value(text, quote)
            };
            field("quote", quoted(quote));
        }
        Selector::Chaotic {
            quote,
            prefix,
            suffix,
            occurrence,
            start,
            end,
        } => {
            field("quote", quoted(piece_value(text, quote)));
            field("prefix", quoted(piece_value(text, prefix)));
            field("suffix", quoted(piece_value(text, suffix)));
            field("occurrence", occurrence.map(|n| n.to_string()));
            let chars = text.chars().count();
            for (name, offset) in [("start", start), ("end", end)] {
                let value = match offset {
                    Offset::None => None,
                    Offset::InText(index) => Some(index.index(chars + 3).to_string()),
                    Offset::Raw(value) => Some(value.to_string()),
                };
                field(name, value);
            }
        }
    }
    fields
}

fn selector_annotations(text: &str, name: &NameChoice, anchored: &[Anchored]) -> String {
    let mut toml = format!(
        "format = 1\n\n[[entity]]\nid = \"e0\"\nname = {}\nkind = \"other\"\n\n",
        toml_string(&name_for(text, name))
    );
    for (n, anchored) in anchored.iter().enumerate() {
        let fields = selector_fields(text, &anchored.selector);
        let table = match anchored.table {
            "mention" => "[[mention]]\nentity = \"e0\"\n".to_string(),
            "note" => "[[note]]\nkind = \"gap\"\ntext = \"n\"\n".to_string(),
            "suppress" => "[[suppress]]\n".to_string(),
            "relation" => "[[relation]]\nfrom = \"e0\"\nto = \"e0\"\nkind = \"k\"\n".to_string(),
            _ => format!("[[event]]\nid = \"ev{n}\"\ndate = \"2024\"\ntitle = \"t\"\n"),
        };
        let _ = writeln!(toml, "{table}{fields}");
    }
    toml
}

/// Every accepted span, named for messages.
fn spans(briefing: &Briefing) -> Vec<(String, Range<usize>)> {
    let mut spans = Vec::new();
    for (n, mention) in briefing.mentions.iter().enumerate() {
        spans.push((format!("mention {n}"), mention.span.clone()));
    }
    for (n, note) in briefing.notes.iter().enumerate() {
        spans.push((format!("note {n}"), note.passage.clone()));
    }
    for (n, relation) in briefing.relations.iter().enumerate() {
        if let Some(evidence) = &relation.evidence {
            spans.push((format!("relation {n}"), evidence.clone()));
        }
    }
    for event in &briefing.events {
        if let Some(passage) = &event.passage {
            spans.push((format!("event {}", event.id), passage.clone()));
        }
    }
    spans
}

fn grapheme_boundaries(text: &str) -> BTreeSet<usize> {
    text.grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn check_spans(loaded: &Loaded) -> Result<(), String> {
    let Some(briefing) = &loaded.briefing else {
        return Ok(());
    };
    let text = &briefing.document.text;
    let boundaries = grapheme_boundaries(text);
    for (what, span) in spans(briefing) {
        if span.start > span.end || span.end > text.len() {
            return Err(format!("{what}: span {span:?} outside 0..{}", text.len()));
        }
        for edge in [span.start, span.end] {
            if !boundaries.contains(&edge) {
                let from = (0..=edge.saturating_sub(8))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let to = ((edge + 8).min(text.len())..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                return Err(format!(
                    "{what}: span {span:?} edge {edge} is inside a grapheme cluster: {:?}",
                    text.get(from..to).unwrap_or("")
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(4096))]

    #[test]
    fn selectors_never_panic_and_spans_lie_on_grapheme_boundaries(
        text in hostile_text(30),
        markdown in any::<bool>(),
        name in name_choice(),
        auto in any::<bool>(),
        selectors in prop::collection::vec(anchored(), 1..4),
    ) {
        selector_spans_hold(&text, markdown, &name, auto, &selectors)?;
    }
}

fn selector_spans_hold(
    text: &str,
    markdown: bool,
    name: &NameChoice,
    auto: bool,
    selectors: &[Anchored],
) -> Result<(), TestCaseError> {
    let mut toml = selector_annotations(text, name, selectors);
    if !auto {
        toml = toml.replacen("kind = \"other\"\n", "kind = \"other\"\nauto = false\n", 1);
    }
    let loaded = load_pair(text, if markdown { "md" } else { "txt" }, &toml);
    if let Err(problem) = check_spans(&loaded) {
        prop_assert!(false, "{problem}\nannotations:\n{toml}");
    }
    for diagnostic in &loaded.diagnostics {
        let rendered = diagnostic.render();
        if let Some(bad) = rendered.lines().find_map(forbidden_in) {
            prop_assert!(false, "diagnostic shows {bad:?} raw:\n{rendered}");
        }
    }
    Ok(())
}

// --- The oracles themselves -------------------------------------------------------

/// The checks above would pass vacuously if they could not see what they
/// look for: each is shown a sample of the real thing.
#[test]
fn the_oracles_catch_what_they_look_for() {
    for hostile in [
        "\u{1b}]0;title\u{7}",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{1b}P+q\u{1b}\\",
        "ok\u{7}",
        "\u{1b}[2Ja\u{202e}b",
        "\u{9b}31m",
        "x\u{85}y",
        "line\nbreak",
        "\u{1b}[12",
    ] {
        assert!(check_bytes(hostile.as_bytes()).is_err(), "{hostile:?}");
    }
    let plain = "\u{1b}[1;1Hok \u{1f468}\u{200d}\u{1f469}\u{1b}[38;5;12m\u{1b}[?25l";
    assert_eq!(check_bytes(plain.as_bytes()), Ok(()));
    assert_eq!(forbidden_in("a\u{200d}b"), Some('\u{200d}'));
    assert_eq!(forbidden_in("\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}"), None);

    let size = NonZeroU16::new(10).expect("ten");
    let mut parser = vt100::Parser::new_with_callbacks(size, size, 0, Recorder::default());
    let before = modes(parser.screen());
    parser.process(b"\x1b]2;t\x07\x1b]1;i\x07\x1b]52;c;aGk=\x07\x07\x1bg\x1b[8;5;5t");
    let events = &parser.callbacks().events;
    for expected in [
        "title",
        "icon name",
        "copy to clipboard",
        "audible bell",
        "visual bell",
        "resize",
    ] {
        assert!(
            events.iter().any(|event| event.starts_with(expected)),
            "{expected} not seen in {events:?}"
        );
    }
    parser.process(b"\x1b[?1049h");
    assert_ne!(modes(parser.screen()), before);
}
