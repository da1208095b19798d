//! Making strings from files safe to show: every character that could steer
//! a terminal or hide itself from the reader becomes a visible, inert
//! marker. This is the one sanitiser: the article's cells, every annotation
//! string, titles, the status line, diagnostics, paths and panic messages
//! pass through it before they reach a terminal.
//!
//! Nothing is dropped silently: C0 and C1 controls, DEL, ESC, bidi controls,
//! invisible format characters (outside emoji sequences), U+2028/2029 and
//! NEL show as `␛`, `␇`, `<U+202E>` and so on. A letter buried under
//! thousands of combining marks shows the first few and a count.
//!
//! This module only transforms strings; it never writes anywhere, and it
//! never changes the stored text (offsets keep referring to it).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

/// Why a character is shown as a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hazard {
    /// C0 and C1 controls, DEL (ESC among them).
    Control,
    /// Characters that reorder text: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
    /// PDI, LRM, RLM, ALM.
    Bidi,
    /// Format characters that take no room: zero-width space and joiners,
    /// word joiner, BOM, soft hyphen, tag characters...
    Invisible,
    /// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
    Separator,
}

/// How a character must be treated, ignoring context.
pub fn hazard(c: char) -> Option<Hazard> {
    match c {
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
            Some(Hazard::Control)
        }
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Some(Hazard::Bidi),
        '\u{2028}' | '\u{2029}' => Some(Hazard::Separator),
        '\u{00ad}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06dd}'
        | '\u{070f}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08e2}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}' => Some(Hazard::Invisible),
        _ => None,
    }
}

/// Whether `hazard` would flag `c` (tab, line feed and carriage return are
/// layout, handled where text is laid out, so they are not unsafe here).
pub fn is_unsafe(c: char) -> bool {
    hazard(c).is_some()
}

/// Pictographs that start emoji sequences, where a zero-width joiner or tag
/// characters belong (👩‍🚒, 🏴󠁧󠁢󠁥󠁮󠁧󠁿). Not the skin-tone modifiers: they
/// extend the character before them, so one that begins a grapheme here
/// would, once the character before it became a marker, join the marker
/// on a second pass, and sanitising twice would differ from once.
fn is_pictographic(c: char) -> bool {
    !is_skin_tone(c)
        && matches!(c as u32,
            0x00a9 | 0x00ae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21aa
            | 0x231a..=0x23ff | 0x24c2 | 0x25aa..=0x27bf | 0x2934..=0x2935 | 0x2b05..=0x2b55
            | 0x3030 | 0x303d | 0x3297 | 0x3299 | 0x1f000..=0x1faff)
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// Whether a character in this grapheme is allowed as itself: joiners and
/// tags inside an emoji sequence are part of the emoji.
fn allowed_in(grapheme_starts_with_pictograph: bool, c: char) -> bool {
    grapheme_starts_with_pictograph && (c == '\u{200d}' || ('\u{e0020}'..='\u{e007f}').contains(&c))
}

/// The visible stand-in for a character: the Unicode control picture for C0
/// controls and DEL (`␛`), `<U+XXXX>` for the rest.
pub fn marker(c: char) -> String {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32)
            .map(String::from)
            .unwrap_or_default(),
        '\u{7f}' => "\u{2421}".to_string(),
        other => format!("<U+{:04X}>", other as u32),
    }
}

/// Combining marks one grapheme may carry before they are cut.
const MARK_LIMIT: usize = 32;
/// Combining marks kept when a pile is cut.
const MARKS_SHOWN: usize = 4;

/// Whether a character takes no column of its own (combining marks,
/// joiners, variation selectors).
fn is_zero_width(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

/// A grapheme made safe to put in a cell: hazards as markers, a pile of
/// combining marks cut to a few and a count. Borrowed when nothing changes
/// (the common case). Layout characters (tab, CR, LF) are left for the
/// caller to lay out.
///
/// The cut counts marks, not bytes, and counts them the same whether or not
/// the grapheme has a base: so sanitising twice changes nothing, even when a
/// marker from the first pass becomes the base of marks that had none.
pub fn grapheme(grapheme: &str) -> Cow<'_, str> {
    let pictograph = grapheme.chars().next().is_some_and(is_pictographic);
    let marks = grapheme.chars().filter(|&c| is_zero_width(c)).count();
    let many = marks > MARK_LIMIT;
    let hazardous = grapheme
        .chars()
        .any(|c| is_unsafe(c) && !allowed_in(pictograph, c));
    if !hazardous && !many {
        return Cow::Borrowed(grapheme);
    }
    let mut shown = String::new();
    let mut marks_kept = 0;
    // A joiner or tag belongs to the emoji only until something in it has
    // been replaced by a marker: after `<U+200C>` a joiner would join the
    // marker's `>` to whatever follows.
    let mut still_emoji = pictograph;
    for c in grapheme.chars() {
        if is_zero_width(c) {
            if many && marks_kept == MARKS_SHOWN {
                continue;
            }
            marks_kept += 1;
        }
        if is_unsafe(c) && !allowed_in(still_emoji, c) {
            shown.push_str(&marker(c));
            still_emoji = false;
        } else {
            shown.push(c);
        }
    }
    if many {
        shown.push_str(&format!("<+{} marks>", marks - marks_kept));
    }
    Cow::Owned(shown)
}

/// Whether a grapheme is shown differently from how it is stored.
pub fn is_marked(text: &str) -> bool {
    matches!(grapheme(text), Cow::Owned(_))
}

/// Whether a byte is printable ASCII (space to tilde): safe as it is, one
/// column and one grapheme wide in every terminal. Most of what is shown.
pub fn is_printable_ascii(byte: u8) -> bool {
    (0x20..0x7f).contains(&byte)
}

/// A one-line rendering: line breaks and tabs become spaces too, so a
/// diagnostic or a label cannot spill onto other lines.
pub fn line(text: &str) -> Cow<'_, str> {
    // Printable ASCII, most of what is shown, is safe as it is.
    if text.bytes().all(is_printable_ascii) {
        return Cow::Borrowed(text);
    }
    let layout = |c: char| matches!(c, '\n' | '\t' | '\r');
    // Printable ASCII among the rest (a name with one accent) needs no
    // table look-up.
    let suspicious = text.chars().any(|c| {
        !u8::try_from(c).is_ok_and(is_printable_ascii)
            && (is_unsafe(c) || layout(c) || is_zero_width(c))
    });
    if !suspicious {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len() + 8);
    let mut changed = false;
    for piece in text.graphemes(true) {
        if piece.chars().all(layout) {
            clean.push(' ');
            changed = true;
            continue;
        }
        let shown = grapheme(piece);
        changed |= matches!(shown, Cow::Owned(_));
        clean.push_str(&shown);
    }
    if changed {
        Cow::Owned(clean)
    } else {
        Cow::Borrowed(text)
    }
}

/// How many characters of each hazard a text holds, for the header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HazardCounts {
    pub controls: usize,
    pub bidi: usize,
    pub invisible: usize,
    pub separators: usize,
}

impl HazardCounts {
    /// Counts a text's hazards the way `grapheme` marks them. One pass over
    /// the characters; only around a joiner or tag does it look back.
    pub fn of(text: &str) -> Self {
        let mut counts = Self::default();
        let mut previous: Option<char> = None;
        for c in text.chars() {
            // Most text is ASCII, where the only hazards are controls: a
            // cheaper test than `hazard`'s table (a tenth of the loading
            // of a small briefing went to it).
            if c.is_ascii() {
                if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r') {
                    counts.controls += 1;
                }
                previous = Some(c);
                continue;
            }
            match hazard(c) {
                None => {}
                Some(Hazard::Control) => counts.controls += 1,
                Some(Hazard::Bidi) => counts.bidi += 1,
                Some(Hazard::Separator) => counts.separators += 1,
                Some(Hazard::Invisible) => {
                    let in_emoji = (c == '\u{200d}' || ('\u{e0020}'..='\u{e007f}').contains(&c))
                        && previous.is_some_and(|p| {
                            is_pictographic(p)
                                || ('\u{e0020}'..='\u{e007f}').contains(&p)
                                || is_skin_tone(p)
                                || p == '\u{fe0f}'
                        });
                    if !in_emoji {
                        counts.invisible += 1;
                    }
                }
            }
            previous = Some(c);
        }
        counts
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// "3 control characters, 1 bidi control shown as markers".
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.controls, "control character"),
            (self.bidi, "bidi control"),
            (self.invisible, "invisible character"),
            (self.separators, "line separator"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!("{count} {what}{}", if count == 1 { "" } else { "s" }))
        .collect();
        (!parts.is_empty()).then(|| format!("{} shown as markers", parts.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_becomes_a_visible_marker() {
        let cases = [
            ("a\u{1b}]0;pwned\u{7}b", "a\u{241b}]0;pwned\u{2407}b"),
            ("x\u{202e}y", "x<U+202E>y"),
            ("c1\u{9b}31m", "c1<U+009B>31m"),
            ("del\u{7f}", "del\u{2421}"),
            ("nel\u{85}", "nel<U+0085>"),
            ("ls\u{2028}ps\u{2029}", "ls<U+2028>ps<U+2029>"),
            ("zw\u{200b}sp", "zw<U+200B>sp"),
            ("bom\u{feff}", "bom<U+FEFF>"),
            ("soft\u{ad}hyphen", "soft<U+00AD>hyphen"),
            ("lrm\u{200e}alm\u{61c}", "lrm<U+200E>alm<U+061C>"),
            ("iso\u{2066}late\u{2069}", "iso<U+2066>late<U+2069>"),
            ("nul\u{0}", "nul\u{2400}"),
        ];
        for (input, shown) in cases {
            assert_eq!(line(input), shown, "{input:?}");
        }
    }

    #[test]
    fn joiners_inside_emoji_stay_and_outside_show() {
        let firefighter = "\u{1f469}\u{200d}\u{1f692}";
        assert_eq!(grapheme(firefighter), firefighter);
        let england = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert_eq!(grapheme(england), england);
        assert_eq!(line("a\u{200d}b"), "a<U+200D>b");
        assert_eq!(HazardCounts::of(firefighter).invisible, 0);
        assert_eq!(HazardCounts::of(england).invisible, 0);
        assert_eq!(HazardCounts::of("a\u{200d}b").invisible, 1);
        // Once a marker stands in the emoji, a joiner after it would join
        // the marker's `>`: it is shown too (found by the frame-bytes
        // property test).
        assert_eq!(
            grapheme("\u{1f600}\u{200c}\u{200d}"),
            "\u{1f600}<U+200C><U+200D>"
        );
        assert_eq!(
            grapheme("\u{1f600}\u{200d}\u{200c}"),
            "\u{1f600}\u{200d}<U+200C>"
        );
    }

    #[test]
    fn a_pile_of_combining_marks_is_cut_with_a_count() {
        let pile = format!("a{}", "\u{301}".repeat(1_000_000));
        let shown = grapheme(&pile);
        assert_eq!(shown, format!("a{}<+999996 marks>", "\u{301}".repeat(4)));
        // Twice is the same as once, even when a marker becomes a base.
        let orphans = format!("\u{1b}{}", "\u{300}".repeat(31));
        assert_eq!(line(&line(&orphans)), line(&orphans));
        let orphans = format!("\u{202e}{}", "\u{300}".repeat(40));
        assert_eq!(line(&line(&orphans)), line(&orphans));
        // A skin-tone modifier joins the marker before it on a second
        // pass, so it cannot vouch for a joiner or tag after it on the
        // first.
        for tail in ["\u{1f3fb}\u{e0067}", "\u{1f3fd}\u{200d}"] {
            for head in ["a\u{1b}", "\t", "\0"] {
                let text = format!("{head}{tail}");
                assert_eq!(line(&line(&text)), line(&text), "{text:?}");
            }
        }
        let accented = "e\u{301}";
        assert!(matches!(grapheme(accented), Cow::Borrowed(_)));
    }

    #[test]
    fn line_breaks_and_tabs_flatten_and_clean_text_is_borrowed() {
        assert_eq!(
            line("one\ntwo\tthree\r\nfour\rfive"),
            "one two three four five"
        );
        assert!(matches!(line("plain café ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn counts_for_the_header() {
        let counts = HazardCounts::of("\u{1b}[2J \u{7} \u{202e} \u{200b} \u{2028}");
        assert_eq!(
            counts,
            HazardCounts {
                controls: 2,
                bidi: 1,
                invisible: 1,
                separators: 1
            }
        );
        assert_eq!(
            counts.summary().unwrap(),
            "2 control characters, 1 bidi control, 1 invisible character, 1 line separator shown as markers"
        );
        assert_eq!(HazardCounts::of("clean\ttext\r\n").summary(), None);
    }

    #[test]
    fn ascii_is_counted_as_the_hazard_table_says() {
        for byte in 0..=0x7f_u8 {
            let c = char::from(byte);
            let expected = usize::from(hazard(c) == Some(Hazard::Control));
            assert_eq!(HazardCounts::of(&c.to_string()).controls, expected, "{c:?}");
            assert!(matches!(hazard(c), None | Some(Hazard::Control)), "{c:?}");
        }
    }
}
