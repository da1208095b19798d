//! Property test for the bytes a frame sends to a terminal (issue 5): the
//! bytes of one or two frames of a briefing built from hostile text,
//! through the reader's own encoders (`terminal::encode_first_frame`, then
//! `encode_diff_frame`, which send every frame) and through ratatui's
//! `CrosstermBackend`, each fed to a `vt100` terminal, never set the
//! title or icon name, touch the clipboard, ring a bell, resize or scroll
//! the terminal or change a screen mode; outside crossterm's own CSI
//! sequences they hold no control, bidi or separator character. A test of
//! the oracles shows each check the real thing, so none passes vacuously.
//!
//! Failures proptest finds are kept in `proptest-regressions/properties.txt`
//! and replayed first on every run; the generators of hostile text and
//! annotation files are in `support/hostile.rs`.

mod common;
#[path = "support/hostile.rs"]
mod hostile;

use std::cell::RefCell;
use std::io;
use std::num::NonZeroU16;
use std::ops::Range;
use std::rc::Rc;

use brief::controller::{Input, Keymap, State, press, update};
use brief::terminal::{Colors, encode_diff_frame, encode_first_frame};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use hostile::*;

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
    check_bytes_moving_by(bytes, false)
}

/// [`check_bytes`], where `line_breaks` also lets "\r\n" through as a
/// cursor move: the reader's encoders go to the next row's start so. (A
/// cell holding those two characters would still be caught: the same
/// cells go through ratatui's backend too, which never writes them.)
fn check_bytes_moving_by(bytes: &[u8], line_breaks: bool) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut chars = text.char_indices().peekable();
    let mut run_start = 0;
    while let Some((at, c)) = chars.next() {
        if line_breaks && c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            check_run(text, run_start..at)?;
            chars.next();
            run_start = chars.peek().map_or(text.len(), |&(next, _)| next);
            continue;
        }
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
    // The same frames through the reader's own encoders, which send every
    // frame to a real terminal: first the whole screen, then the diff.
    let first_area = Rect::new(0, 0, first.0, first.1);
    let mut first_frame = Buffer::empty(first_area);
    brief::ui::render(&mut first_frame, first_area, &state, &theme);
    let mut ours = Vec::new();
    encode_first_frame(&first_frame, Colors::Sent, &mut ours);
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
            update(&mut state, Input::Resize(size.0, size.1));
        }
        terminal
            .draw(|frame| brief::ui::draw(frame, &state, &theme))
            .expect("draws");
    }
    let second_area = Rect::new(0, 0, size.0, size.1);
    let mut second_frame = Buffer::empty(second_area);
    brief::ui::render(&mut second_frame, second_area, &state, &theme);
    encode_diff_frame(&first_frame, &second_frame, Colors::Sent, &mut ours);
    if let Err(problem) = check_bytes_moving_by(&ours, true) {
        prop_assert!(false, "the reader's encoders: {problem}");
    }
    let columns = NonZeroU16::new(first.0.max(size.0)).expect("columns");
    let rows = NonZeroU16::new(first.1.max(size.1)).expect("rows");
    let mut parser = vt100::Parser::new_with_callbacks(rows, columns, 0, Recorder::default());
    let before = modes(parser.screen());
    parser.process(&ours);
    prop_assert_eq!(&parser.callbacks().events, &Vec::<String>::new());
    prop_assert_eq!(modes(parser.screen()), before);

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
        assert!(
            check_bytes_moving_by(hostile.as_bytes(), true).is_err(),
            "{hostile:?}"
        );
    }
    // Only a whole "\r\n" is the encoders' move; either alone is not.
    assert_eq!(check_bytes_moving_by(b"row\r\nnext", true), Ok(()));
    assert!(check_bytes(b"row\r\nnext").is_err());
    for lone in ["a\rb", "a\nb", "a\n\rb"] {
        assert!(
            check_bytes_moving_by(lone.as_bytes(), true).is_err(),
            "{lone:?}"
        );
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
