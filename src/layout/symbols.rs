//! The symbols the screen uses, in one place, with what each means: the
//! drawing uses them and the help overlay's legend lists them, so the two
//! cannot disagree.

use crate::model::NoteKind;

/// Beside the rest of a note's passage, after the line it starts on.
pub const NOTE_CONTINUES: &str = "\u{250a}";
/// In the gutter of a paragraph marked as a key judgement (bottom line).
pub const BOTTOM_LINE: &str = "\u{258c}";
/// On the timeline, before an event whose passage is on screen.
pub const EVENT_ON_SCREEN: &str = "\u{25b6}";
/// Before the focused mention's entity in the status line.
pub const FOCUSED: &str = "\u{25b8}";
/// Where text was cut to fit.
pub const CUT: &str = "\u{2026}";

/// The gutter symbol of each note kind.
pub fn note_symbol(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Comment => "\u{270e}",
        NoteKind::Unverified => "?",
        NoteKind::Disputed => "\u{2260}",
        NoteKind::Error => "\u{2717}",
        NoteKind::Gap => "\u{2026}",
    }
}

/// In the gutter's second column, beside a line where a mention the
/// reviewer confirmed, disputed or marked wrong starts.
pub const VERDICT_CONFIRMED: &str = "\u{2714}";
pub const VERDICT_DISPUTED: &str = "\u{2e2e}";
pub const VERDICT_WRONG: &str = "\u{2718}";

/// The gutter symbol (second column) where a note of the reviewer's own
/// starts: one symbol for every kind, in the kind's colour, so it is never
/// taken for the author's.
pub const REVIEW_NOTE: &str = "\u{2710}";

/// The gutter symbol (second column) where a mention of the reviewer's own
/// (new, or re-pointed) starts.
pub const REVIEW_MENTION: &str = "\u{271a}";

/// The help overlay's legend: symbol, meaning.
pub fn legend() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            note_symbol(NoteKind::Comment),
            "gutter: a comment starts on this line",
        ),
        (
            note_symbol(NoteKind::Unverified),
            "gutter: an unverified claim",
        ),
        (note_symbol(NoteKind::Disputed), "gutter: a disputed claim"),
        (
            note_symbol(NoteKind::Error),
            "gutter: an error in the source",
        ),
        (note_symbol(NoteKind::Gap), "gutter: a gap in the source"),
        (NOTE_CONTINUES, "gutter: the note's passage goes on"),
        (BOTTOM_LINE, "gutter: the bottom line (key judgement)"),
        (
            VERDICT_CONFIRMED,
            "gutter, second column: you confirmed a mention (underlined)",
        ),
        (
            VERDICT_DISPUTED,
            "gutter, second column: you disputed a mention (underlined, italic)",
        ),
        (
            VERDICT_WRONG,
            "gutter, second column: you marked a mention wrong (struck through)",
        ),
        (
            REVIEW_NOTE,
            "gutter, second column: your note starts here (its passage underlined in its kind's colour)",
        ),
        (
            REVIEW_MENTION,
            "gutter, second column: your mention starts here (bold, underlined)",
        ),
        (
            "selected",
            "the caret's selection (i, v), in the selection colour",
        ),
        ("coloured text", "a mention, in its entity's kind colour"),
        ("underlined", "a mention nested inside another"),
        (
            "bold, lit up",
            "the focused mention (reversed in the mono theme)",
        ),
        (
            "highlighted",
            "a search match; the current one stands out more",
        ),
        ("a, sd", "over a mention: its hint label (after F)"),
        (
            EVENT_ON_SCREEN,
            "timeline: the event's passage is on screen",
        ),
        ("filled row", "a list's selection"),
        (FOCUSED, "status: the focused mention's entity"),
        (
            "scrollbar",
            "right edge: where the screen is in the article",
        ),
        (
            "\u{2191}\u{2193} 4-9/15 J/K",
            "card rule: rows shown of the card; J/K scroll",
        ),
        (CUT, "at a line's end: cut to fit the pane"),
        (
            "\u{241b} <U+202E>",
            "a control or hidden character in the file, made visible",
        ),
    ]
}
