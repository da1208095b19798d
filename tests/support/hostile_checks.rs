//! What the hostile end-to-end tests share: the hostile fixtures, the
//! sequences they hide, and the checks of what reaches a terminal (a
//! `vt100` screen's callbacks, and a scan of the raw bytes that allows
//! only the escape sequences a full-screen reader needs), a tour of the
//! reader, and running `brief` outside the reader with both streams
//! checked. Included with `#[path]` next to `pty.rs`.

// Each file uses a different part of it.
#![allow(dead_code)]

use crate::pty_support::{Session, assert_exit, brief, count, tail};

pub const HOSTILE: &str = "tests/hostile/hostile.toml";
pub const HOSTILE_TEXT: &str = "tests/hostile/hostile.md";
pub const CONTROLS: &str = "tests/hostile/hostile-controls.txt";
pub const BROKEN_ENTITY: &str = "tests/hostile/broken-entity.toml";
pub const BROKEN_SYNTAX: &str = "tests/hostile/broken-syntax.toml";
pub const SEPARATORS: &str = "tests/hostile/separators.txt";

/// Always on screen in the article of the hostile briefing.
pub const ARTICLE_START: &str = "Hostile";
/// The word searched for; it occurs once, well down the article.
pub const SEARCH_WORD: &str = "Zanzibar";

/// Sequences in the hostile files that would do something to a terminal if
/// they reached it as bytes. None may appear in the output; the alternate
/// screen switch is counted separately (the reader sends it once itself).
pub const HOSTILE_SEQUENCES: &[(&str, &str)] = &[
    ("OSC 0 window title", "\x1b]0;pwned"),
    ("OSC 2 window title", "\x1b]2;pwned"),
    ("OSC 52 clipboard write", "\x1b]52;c;cHduZWQ="),
    ("OSC 52 clipboard read", "\x1b]52;c;?"),
    ("DCS XTGETTCAP request", "\x1bP+q544e"),
    ("C1 CSI", "\u{9b}31m"),
    ("C1 OSC", "\u{9d}0;pwned"),
    ("erase display inside text", "\x1b[2Jheading"),
    ("erase display inside a name", "\x1b[2J Corp"),
    ("ESC followed by BEL", "\x1b[2J\x07"),
    ("right-to-left override", "\u{202e}"),
];

// Session checks kept here, not in the shared harness: these ask more of
// a terminal given back (mouse off, output processing) and treat any
// request a screen does not keep as an attack that got through.
impl Session {
    /// Waits until the screen shows what `brief render FILE` draws at the
    /// screen's size after `keys`, in every row a terminal model can be
    /// trusted with (see [`comparable`]). A raw escape sequence from the
    /// file that moved the cursor, erased or switched screens would show
    /// here as a difference.
    pub fn wait_for_render(&self, file: &str, keys: &str) {
        self.wait_for_render_of(&[file], keys, comparable);
    }

    /// Panics unless the terminal is as a shell left it: main screen,
    /// cursor visible, cooked mode (`icanon echo isig`, CR to NL on input,
    /// output processing).
    pub fn assert_restored(&self, context: &str) {
        self.assert_main_screen(context);
        assert_eq!(
            self.seen().parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{context}: mouse reporting is still on"
        );
        let termios = self.master.get_termios().expect("termios of the pty");
        let modes = format!(
            "{:?} {:?} {:?}",
            termios.local_flags, termios.input_flags, termios.output_flags
        );
        self.assert_flags_on(
            &modes,
            &["ICANON", "ECHO", "ISIG", "ICRNL", "OPOST"],
            context,
        );
    }

    /// Panics if the program asked the terminal for anything a screen does
    /// not keep: title, clipboard, bell, window size, or anything `vt100`
    /// does not understand.
    pub fn assert_no_requests(&self, context: &str) {
        let seen = self.seen();
        let requests = seen.parser.callbacks();
        assert!(
            requests.titles.is_empty(),
            "{context}: the window title was changed: {:?}",
            requests.titles
        );
        assert!(
            requests.clipboard.is_empty(),
            "{context}: the clipboard was used: {:?}",
            requests.clipboard
        );
        assert_eq!(requests.bells, 0, "{context}: the bell rang");
        assert!(
            requests.resizes.is_empty(),
            "{context}: the window was resized: {:?}",
            requests.resizes
        );
        assert!(
            requests.unhandled.is_empty(),
            "{context}: sequences a terminal would act on or misread: {:?}",
            requests.unhandled
        );
    }
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether a terminal model can be expected to place a row's text as
/// ratatui does. Terminals (and `vt100`) disagree with `unicode-width`
/// about emoji sequences (ZWJ, flags, skin tones, presentation selectors)
/// and about stacked combining marks: `vt100` draws a ZWJ family as four
/// emoji, eight columns where ratatui counted two, and the spill stays on
/// screen where ratatui's diff sees nothing to redraw. Rows holding those
/// on either side are left out of screen comparisons; every other row must
/// match exactly.
pub fn comparable(row: &str) -> bool {
    !row.chars().any(|c| {
        matches!(c as u32,
            0x200D | 0xFE0F | 0x1F000..=0x1FAFF | 0x0300..=0x036F | 0x2600..=0x27BF)
    })
}

/// Why a character must not be printed as itself, if it must not: the
/// classes of issue 5 that steer a terminal or hide or reorder text. (Zero
/// width joiners and variation selectors are left out: emoji need them.)
pub fn forbidden(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{7}' => "BEL",
        '\u{1b}' => "ESC",
        '\u{0}'..='\u{1f}' => "a C0 control",
        '\u{7f}' => "DEL",
        '\u{80}'..='\u{9f}' => "a C1 control",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            "a bidi control"
        }
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        '\u{200b}' | '\u{2060}' | '\u{feff}' => "an invisible format character",
        _ => return None,
    })
}

/// Panics if `text` (what a command printed) holds a character that must
/// not reach a terminal; `allowed` lists C0 controls that may (newline).
pub fn assert_inert(bytes: &[u8], allowed: &[char], context: &str) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => panic!("{context}: not UTF-8 ({error}): {}", tail(bytes)),
    };
    for (at, c) in text.char_indices() {
        if allowed.contains(&c) {
            continue;
        }
        if let Some(why) = forbidden(c) {
            let from = floor_boundary(text, at.saturating_sub(60));
            let to = floor_boundary(text, at + 60);
            panic!(
                "{context}: {why} ({:?}, U+{:04X}) at byte {at}, in {:?}",
                c,
                c as u32,
                &text[from..to]
            );
        }
    }
}

/// Checks every byte a program wrote to its terminal: valid UTF-8; no C0
/// control but CR, LF and backspace; every ESC starts a CSI sequence of a
/// kind a full-screen reader uses (see [`csi_allowed`]); nothing forbidden
/// in the text between. Returns the kinds of CSI sequence seen.
pub fn assert_only_csi_sequences(raw: &[u8], mouse: bool, context: &str) -> Vec<String> {
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(error) => panic!("{context}: the output is not UTF-8 ({error})"),
    };
    let mut kinds = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let context_text = || {
            let from = floor_boundary(text, at.saturating_sub(80));
            let to = floor_boundary(text, at + 80);
            format!("{:?}", &text[from..to])
        };
        if c == '\u{1b}' {
            let Some((_, '[')) = chars.next() else {
                panic!(
                    "{context}: an escape that is not CSI at byte {at}: {}",
                    context_text()
                );
            };
            let mut sequence = String::from("\u{1b}[");
            let mut last = None;
            for (_, c) in chars.by_ref() {
                sequence.push(c);
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    last = Some(c);
                    break;
                }
                assert!(
                    ('\u{20}'..='\u{3f}').contains(&c),
                    "{context}: a malformed CSI sequence at byte {at}: {}",
                    context_text()
                );
            }
            let Some(last) = last else {
                panic!("{context}: an unfinished CSI sequence at the end");
            };
            let body = &sequence[2..sequence.len() - 1];
            if !csi_allowed(body, last, mouse) {
                panic!(
                    "{context}: a CSI sequence a reader has no use for, {sequence:?}, at byte \
                     {at}: {}",
                    context_text()
                );
            }
            let kind = if body.starts_with('?') {
                sequence.clone()
            } else {
                format!("CSI … {last}")
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            continue;
        }
        if matches!(c, '\r' | '\n' | '\u{8}') {
            continue;
        }
        if let Some(why) = forbidden(c) {
            panic!(
                "{context}: {why} (U+{:04X}) reached the terminal at byte {at}: {}",
                c as u32,
                context_text()
            );
        }
    }
    kinds
}

/// [`assert_only_csi_sequences`] for a reader session, and the alternate
/// screen entered once and left once, at the end. (The reader sends today
/// only `?1049h/l`, `?25h/l`, cursor position `H`, SGR `m`, and the mouse
/// modes with `--mouse`; the list allows what a ratatui backend may also
/// send, such as erase on resize.)
pub fn assert_only_tui_sequences(raw: &[u8], mouse: bool, context: &str) -> Vec<String> {
    let kinds = assert_only_csi_sequences(raw, mouse, context);
    // The alternate screen: on once before anything else is drawn, off
    // once at the end. A raw `ESC [ ? 1049 l` from the file would make two.
    let enter = b"\x1b[?1049h";
    let leave = b"\x1b[?1049l";
    assert_eq!(
        count(raw, enter),
        1,
        "{context}: entered the alternate screen other than once"
    );
    assert_eq!(
        count(raw, leave),
        1,
        "{context}: left the alternate screen other than once"
    );
    let (Some(entered), Some(left)) = (find(raw, enter), find(raw, leave)) else {
        unreachable!("counted above");
    };
    assert!(entered < left, "{context}: left the alternate screen first");
    kinds
}

/// The CSI sequences a reader sends: cursor position and movement, SGR,
/// erase, scrolling, cursor shape, the position query, and these private
/// modes: alternate screen, cursor shown or hidden, bracketed paste,
/// synchronised output, focus events, and mouse reporting with `--mouse`.
pub fn csi_allowed(body: &str, last: char, mouse: bool) -> bool {
    // The keyboard-enhancement protocol's push (`>1u`) and pop (`<1u`):
    // the reader asks for Ctrl-i apart from Tab, and gives it back.
    if let Some(flags) = body.strip_prefix('>').or_else(|| body.strip_prefix('<')) {
        return last == 'u' && flags.chars().all(|c| c.is_ascii_digit());
    }
    if let Some(modes) = body.strip_prefix('?') {
        if !matches!(last, 'h' | 'l') {
            return false;
        }
        return modes.split(';').all(|mode| match mode {
            "1049" | "25" | "2004" | "2026" | "1004" | "7" => true,
            "1000" | "1002" | "1003" | "1006" | "1015" => mouse,
            _ => false,
        });
    }
    let parameters = body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ';' || c == ':');
    let space_q = last == 'q'
        && body
            .trim_end_matches(' ')
            .chars()
            .all(|c| c.is_ascii_digit());
    space_q
        || parameters
            && matches!(
                last,
                'm' | 'H'
                    | 'f'
                    | 'A'
                    | 'B'
                    | 'C'
                    | 'D'
                    | 'E'
                    | 'F'
                    | 'G'
                    | 'd'
                    | 'J'
                    | 'K'
                    | 'X'
                    | 'S'
                    | 'T'
                    | 'r'
            )
        || body == "6" && last == 'n'
}

/// No hostile sequence from the files, byte for byte.
pub fn assert_no_hostile_sequences(raw: &[u8], context: &str) {
    for (what, sequence) in HOSTILE_SEQUENCES {
        assert!(
            find(raw, sequence.as_bytes()).is_none(),
            "{context}: the file's {what} {sequence:?} reached the terminal raw: {}",
            tail(raw)
        );
    }
}

/// All the checks after a reader session that ended with `q`.
pub fn assert_clean_session(session: &mut Session, mouse: bool, context: &str) {
    let status = session.wait_exit();
    assert_exit(&status, 0, context, session);
    session.assert_restored(context);
    session.assert_no_requests(context);
    let raw = session.raw();
    assert_no_hostile_sequences(&raw, context);
    assert_only_tui_sequences(&raw, mouse, context);
}

/// Tabs through mentions, jumps to the end and back, opens and closes the
/// entity picker and the help, searches, quits; after each step the screen
/// is what `brief render` draws for the same keys.
pub fn tour(file: &str, rows: u16, cols: u16) {
    let context = format!("{file} at {cols}x{rows}");
    let mut session = Session::brief(&[file], rows, cols);
    session.wait_for("the reader on the alternate screen, cursor hidden", |s| {
        s.alternate_screen() && s.hide_cursor() && s.contents().contains(ARTICLE_START)
    });
    session.wait_for_render(file, "");
    // The escape in the first heading is shown, as markers, not dropped.
    session.wait_for_text("Hostile \u{241b}]0;pwned\u{2407}");

    session.keys("\t\t\t");
    session.wait_for_render(file, "<Tab><Tab><Tab>");
    session.keys("G");
    session.wait_for_render(file, "<Tab><Tab><Tab>G");
    session.keys("gg");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggg");

    session.keys("e");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge");
    session.keys("\x1b");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge<Esc>");

    session.keys("?");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge<Esc>?");
    session.keys("q");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge<Esc>?q");

    session.keys(&format!("/{SEARCH_WORD}"));
    session.wait_for_text(&format!("/{SEARCH_WORD}"));
    session.keys("\r");
    session.wait_for_render(
        file,
        &format!("<Tab><Tab><Tab>Ggge<Esc>?q/{SEARCH_WORD}<Enter>"),
    );

    session.keys("q");
    assert_clean_session(&mut session, false, &context);
}

/// A file name as hostile as its contents: an OSC title, a bidi override,
/// a C1 CSI and a line separator.
pub const HOSTILE_NAME: &str = "x\x1b]0;pwned\x07\u{202e}\u{9b}31m\u{2028}";

/// A new empty directory under the system's temporary directory.
pub fn scratch_dir(what: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-hostile-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Runs `brief ARGS` and checks both streams: nothing but text and line
/// breaks, whatever the files hold. Returns stdout.
pub fn inert_output(args: &[&str], code: i32) -> String {
    let output = brief(args);
    let context = format!("brief {}", args.join(" "));
    assert_eq!(
        output.status.code(),
        Some(code),
        "{context}: exit status; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_inert(&output.stdout, &['\n'], &format!("{context}: stdout"));
    assert_inert(&output.stderr, &['\n'], &format!("{context}: stderr"));
    String::from_utf8(output.stdout).expect("checked above")
}

/// Removes `ESC [ … m` sequences, panicking at any other escape.
pub fn strip_sgr(bytes: &[u8], context: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b {
            let rest = &bytes[i..];
            let end = rest
                .iter()
                .position(|b| (0x40..=0x7e).contains(b) && *b != b'[')
                .filter(|_| rest.get(1) == Some(&b'['));
            match end {
                Some(end)
                    if rest[end] == b'm'
                        && rest[2..end]
                            .iter()
                            .all(|b| b.is_ascii_digit() || *b == b';' || *b == b':') =>
                {
                    i += end + 1;
                    continue;
                }
                _ => panic!(
                    "{context}: an escape other than SGR: {:?}",
                    String::from_utf8_lossy(&rest[..rest.len().min(20)])
                ),
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The nearest character boundary at or before `at` (clamped to the end).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub fn walk_strings(value: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_strings(v, f)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                f(key);
                walk_strings(v, f);
            }
        }
        _ => {}
    }
}
