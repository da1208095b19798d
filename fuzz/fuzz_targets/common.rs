//! Helpers shared by the fuzz targets: span checks, the "nothing raw reaches
//! the terminal" character oracle, drawing through a real `CrosstermBackend`
//! and the `vt100` oracle.

#![allow(dead_code)]

use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::OnceLock;

use brief::controller::{Keymap, State};
use brief::loader::{Diagnostic, SourceReader};
use brief::model::Briefing;
use brief::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{TerminalOptions, Viewport};
use unicode_segmentation::GraphemeCursor;

/// Serves files from bytes, decoded exactly as the real file reader does
/// (`brief::loader::source::decode`), so invalid UTF-8 reaches the loader's
/// own diagnostic path. Otherwise the same as `brief::loader::InMemory`.
pub struct Bytes {
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl SourceReader for Bytes {
    fn read(&self, path: &Path, cap: u64) -> Result<String, Diagnostic> {
        let shown = path.display().to_string();
        let (_, contents) = self
            .files
            .iter()
            .find(|(name, _)| name == path)
            .ok_or_else(|| Diagnostic::error("io", format!("cannot read {shown}: no such file")))?;
        assert!(
            contents.len() as u64 <= cap,
            "fuzz inputs are far below the caps"
        );
        brief::loader::source::decode(&shown, contents.clone())
    }

    fn exists(&self, path: &Path) -> bool {
        self.files.iter().any(|(name, _)| name == path)
    }
}

/// Characters that must never reach a terminal raw: C0 controls other than
/// tab and line feed, DEL, C1 controls, bidi controls, line and paragraph
/// separators. (Zero-width joiners are allowed: they belong in emoji.)
pub fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
        | '\u{061c}' | '\u{2028}' | '\u{2029}')
}

/// Panics if `shown` (something printed or drawn) holds a forbidden
/// character; `what` says where it came from.
pub fn assert_printable(what: &str, shown: &str) {
    if let Some(c) = shown.chars().find(|&c| forbidden(c)) {
        panic!("{what} shows raw {:?} (U+{:04X}) in {shown:?}", c, c as u32);
    }
}

/// Every diagnostic renders (both forms) without panicking and without a raw
/// control character.
pub fn check_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        assert_printable("Diagnostic::render", &diagnostic.render());
        assert_printable("Diagnostic::to_json", &diagnostic.to_json());
    }
}

pub fn is_grapheme_boundary(text: &str, offset: usize) -> bool {
    offset == 0
        || offset == text.len()
        || (text.is_char_boundary(offset)
            && GraphemeCursor::new(offset, text.len(), true)
                .is_boundary(text, 0)
                .unwrap_or(false))
}

/// Every span the briefing holds, with a name for messages.
pub fn spans(briefing: &Briefing) -> Vec<(String, Range<usize>)> {
    let mut all = Vec::new();
    for (i, mention) in briefing.mentions.iter().enumerate() {
        all.push((
            format!("mention {i} ({:?})", mention.origin),
            mention.span.clone(),
        ));
    }
    for (i, note) in briefing.notes.iter().enumerate() {
        all.push((format!("note {i}"), note.passage.clone()));
    }
    for (i, relation) in briefing.relations.iter().enumerate() {
        if let Some(evidence) = &relation.evidence {
            all.push((format!("relation {i} evidence"), evidence.clone()));
        }
    }
    for (i, event) in briefing.events.iter().enumerate() {
        if let Some(passage) = &event.passage {
            all.push((format!("event {i} passage"), passage.clone()));
        }
    }
    all
}

/// Every span lies within the text, is not reversed, and starts and ends on
/// char boundaries.
pub fn check_char_boundaries(briefing: &Briefing) {
    let text = &briefing.document.text;
    for (name, span) in spans(briefing) {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{name}: span {span:?} outside the text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{name}: span {span:?} not on char boundaries"
        );
    }
}

/// The `vt100` oracle: records every request a terminal would act on beyond
/// drawing cells.
#[derive(Default)]
pub struct Requests {
    pub seen: Vec<String>,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.seen.push("audible bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.seen.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.seen.push(format!("resize {request:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.seen
            .push(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.seen
            .push(format!("title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.seen.push(format!("clipboard copy {ty:?} {data:?}"));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.seen.push(format!("clipboard paste {ty:?}"));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.seen.push(format!("OSC {params:?}"));
    }
}

/// Draws two frames of `state` through a real `CrosstermBackend` writing to
/// memory, resizing the terminal (and the state) to `second` in between, and
/// returns every byte the terminal would have received.
///
/// A fixed viewport is used because a fullscreen one asks the real terminal
/// for its size, and there is none while fuzzing.
pub fn two_frames(state: &mut State, theme: &Theme, second: (u16, u16)) -> Vec<u8> {
    let first = Rect::new(0, 0, state.screen().width, state.screen().height);
    let written = Shared::default();
    let backend = Fixed {
        inner: CrosstermBackend::new(written.clone()),
        size: Size::new(first.width, first.height),
        cursor: Position::ORIGIN,
    };
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(first),
        },
    )
    .expect("writing to memory cannot fail");
    terminal
        .draw(|frame| {
            brief::ui::draw(frame, state, theme);
            check_cells(frame.buffer_mut());
        })
        .expect("first frame");
    brief::controller::update(state, brief::controller::Input::Resize(second.0, second.1));
    terminal.backend_mut().size = Size::new(second.0, second.1);
    terminal
        .resize(Rect::new(0, 0, second.0, second.1))
        .expect("resize");
    terminal
        .draw(|frame| {
            brief::ui::draw(frame, state, theme);
            check_cells(frame.buffer_mut());
        })
        .expect("second frame");
    drop(terminal);
    written.0.take()
}

/// A `CrosstermBackend` that knows its terminal's size instead of asking
/// the real terminal: crossterm would `ioctl` stdout, fall back to running
/// `tput`, and fail when there is no terminal at all. Everything that
/// writes goes to crossterm unchanged.
struct Fixed<W: Write> {
    inner: CrosstermBackend<W>,
    size: Size,
    cursor: Position,
}

impl<W: Write> Backend for Fixed<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }
    fn clear(&mut self) -> std::io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> std::io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::new(0, 0),
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// A `Vec<u8>` the backend writes to and the caller reads afterwards
/// (`CrosstermBackend::writer` is behind an unstable ratatui feature).
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// No cell of a drawn buffer holds a forbidden character.
pub fn check_cells(buffer: &Buffer) {
    for cell in &buffer.content {
        assert_printable("a drawn cell", cell.symbol());
    }
}

/// Feeds the bytes of the frames to a terminal emulator of the size of the
/// larger frame and asserts that nothing beyond cells and cursor movement
/// was asked of it.
pub fn check_terminal_bytes(bytes: &[u8], size: (u16, u16)) {
    assert!(!bytes.contains(&0x07), "BEL byte in the output");
    for (needle, name) in [
        (&b"\x1b]"[..], "OSC"),
        (b"\x1bP", "DCS"),
        (b"\x1b_", "APC"),
        (b"\x1b^", "PM"),
        (b"\x1bX", "SOS"),
    ] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{name} introducer in the output"
        );
    }
    let rows = NonZeroU16::new(size.1).unwrap_or(NonZeroU16::MIN);
    let columns = NonZeroU16::new(size.0).unwrap_or(NonZeroU16::MIN);
    let mut parser = vt100::Parser::new_with_callbacks(rows, columns, 0, Requests::default());
    parser.process(bytes);
    let screen = parser.screen();
    assert!(
        !screen.alternate_screen(),
        "frame switched to the alternate screen"
    );
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse mode changed"
    );
    assert!(!screen.bracketed_paste(), "bracketed paste turned on");
    assert!(!screen.application_keypad(), "application keypad turned on");
    assert!(!screen.application_cursor(), "application cursor turned on");
    assert!(
        parser.callbacks().seen.is_empty(),
        "terminal requests in the output: {:?}",
        parser.callbacks().seen
    );
}

/// The dark theme, parsed once.
pub fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::built_in("dark", false).expect("the dark theme is built in"))
}

/// A reader state with the default keymap (parsed once, cloned per run).
pub fn new_state(briefing: Briefing, width: u16, height: u16) -> State {
    static KEYMAP: OnceLock<Keymap> = OnceLock::new();
    let keymap = KEYMAP.get_or_init(Keymap::default_keymap).clone();
    State::new(briefing, keymap, width, height)
}

/// The annotations and the text of an input written as `ANNOTATIONS
/// \n@@TEXT@@\n TEXT` (the text empty without the separator).
pub fn annotations_and_text(rest: &[u8]) -> (&[u8], &[u8]) {
    const SEPARATOR: &[u8] = b"\n@@TEXT@@\n";
    match rest
        .windows(SEPARATOR.len())
        .position(|window| window == SEPARATOR)
    {
        Some(at) => (&rest[..at], &rest[at + SEPARATOR.len()..]),
        None => (rest, &[][..]),
    }
}

/// `--from FORMAT` with the unit and grouping a flags byte asks for: bits
/// 0-2 the offset unit (0: the format's own, 1-5 the units in order), bit
/// 3 `--group-by none`.
pub fn import_options(
    from: brief::loader::SourceFormat,
    flags: u8,
) -> brief::loader::OpenOptions {
    use brief::loader::formats::offsets::OffsetUnit;
    use brief::loader::{GroupBy, ImportOptions, OpenOptions};
    OpenOptions {
        plain: false,
        from: Some(from),
        import: ImportOptions {
            text: None,
            offset_unit: match flags & 7 {
                0 => None,
                n => OffsetUnit::ALL.get(usize::from(n - 1)).copied(),
            },
            group_by: if flags & 8 != 0 {
                GroupBy::None
            } else {
                GroupBy::Text
            },
            match_names: false,
        },
    }
}

/// The oracles of an imported file: diagnostics render clean; a briefing
/// loads exactly when there are no errors, its spans lie on character
/// boundaries, and every part of a discontinuous mention lists the same
/// parts and entity; with `draw`, a frame after `Tab`s draws clean.
pub fn check_imported(loaded: brief::loader::Loaded, draw: bool) {
    use brief::model::MentionId;
    check_diagnostics(&loaded.diagnostics);
    assert_eq!(loaded.briefing.is_some(), loaded.error_count() == 0);
    let Some(briefing) = loaded.briefing else {
        return;
    };
    check_char_boundaries(&briefing);
    for (at, mention) in briefing.mentions.iter().enumerate() {
        let parts = mention.parts();
        assert!(parts.is_empty() || parts.contains(&MentionId(at)), "{parts:?} lacks {at}");
        for part in parts {
            let other = &briefing.mentions[part.0];
            assert_eq!(other.parts(), parts);
            assert_eq!(other.entity, mention.entity);
        }
    }
    if draw {
        let mut state = new_state(briefing, 100, 30);
        brief::controller::press(&mut state, "<Tab><Tab><S-Tab>").expect("valid notation");
        let area = ratatui::layout::Rect::new(0, 0, 100, 30);
        let mut buffer = ratatui::buffer::Buffer::empty(area);
        brief::ui::render(&mut buffer, area, &state, theme());
        check_cells(&buffer);
    }
}
