//! What the screen tests share: the bundled briefing (or another) and a
//! reader state after some keys, the dark and mono themes, a frame drawn through
//! ratatui's `TestBackend`, the text of its rows, and which byte of the
//! text each article cell shows. Included with `#[path]` by each screen
//! test file.

// Each file uses a different part of it.
#![allow(dead_code)]

use std::ops::Range;

use brief::controller::{Keymap, State, press};
use brief::layout;
use brief::model::{Briefing, Mention};
use brief::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Style;

/// The three sizes every scenario is snapshotted at: medium, the smallest
/// wide, and a large wide terminal.
pub const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

pub fn bundled() -> Briefing {
    brief::loader::load_bundled()
        .briefing
        .expect("the bundled briefing loads")
}

pub fn dark() -> Theme {
    Theme::built_in("dark", false).expect("dark theme")
}

pub fn mono() -> Theme {
    Theme::built_in("mono", false).expect("mono theme")
}

/// A fresh reader of `width` x `height` after typing `keys`.
pub fn state_after(keys: &str, width: u16, height: u16) -> State {
    state_of(bundled(), keys, width, height)
}

/// A fresh reader of `briefing` at `width` x `height` after typing `keys`.
pub fn state_of(briefing: Briefing, keys: &str, width: u16, height: u16) -> State {
    let mut state = State::new(briefing, Keymap::default_keymap(), width, height);
    press(&mut state, keys).unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
    state
}

/// Draws one frame the way the interactive reader does.
pub fn draw(state: &State, theme: &Theme) -> Terminal<TestBackend> {
    let backend = TestBackend::new(state.screen().width, state.screen().height);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| brief::ui::draw(frame, state, theme))
        .expect("draws");
    terminal
}

pub fn buffer_of(state: &State, theme: &Theme) -> Buffer {
    draw(state, theme).backend().buffer().clone()
}

/// One screen row as text (wide characters' hidden cells skipped).
pub fn row_text(buffer: &Buffer, y: u16) -> String {
    let area = buffer.area;
    let mut line = String::new();
    let mut hidden = 0usize;
    for x in area.left()..area.right() {
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        line.push_str(symbol);
    }
    line
}

pub fn screen_text(buffer: &Buffer) -> String {
    (buffer.area.top()..buffer.area.bottom())
        .map(|y| row_text(buffer, y).trim_end().to_string() + "\n")
        .collect()
}

pub fn mention_text<'a>(state: &'a State, mention: &Mention) -> &'a str {
    &state.briefing().document.text[mention.span.clone()]
}

pub fn entity_name_of(state: &State, mention: &Mention) -> String {
    state.briefing().entity(mention.entity).name.clone()
}

/// Which byte of the stored text each article cell on screen shows,
/// found through the article layout's offset map (the one mouse clicks
/// use); the tests check it against the drawn text.
pub struct Offsets(pub Vec<((u16, u16), usize)>);

impl Offsets {
    pub fn of(state: &State) -> Self {
        let mut cells = Vec::new();
        if let Some(pane) = state.panes().article {
            let text = layout::article_text(pane);
            let document = &state.briefing().document;
            for dy in 0..text.height {
                let (row, moved) = state.layout().step(
                    document,
                    state.top(),
                    brief::controller::signed(usize::from(dy)),
                );
                if moved < usize::from(dy) {
                    break;
                }
                for dx in 0..text.width {
                    if let Some(offset) = state.layout().offset_at(document, row, usize::from(dx)) {
                        cells.push(((text.x + dx, text.y + dy), offset));
                    }
                }
            }
        }
        Self(cells)
    }

    /// The cells showing a source byte range, in screen order.
    pub fn span(&self, span: &Range<usize>) -> Vec<(u16, u16)> {
        self.0
            .iter()
            .filter(|(_, offset)| span.contains(offset))
            .map(|(cell, _)| *cell)
            .collect()
    }
}

/// The text the cells show, without the spaces a wrap leaves out.
pub fn cells_text(buffer: &Buffer, cells: &[(u16, u16)]) -> String {
    cells
        .iter()
        .map(|&(x, y)| buffer[(x, y)].symbol())
        .collect::<String>()
}

pub fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Whether a cell shows a style: its colours equal, its modifiers include.
pub fn has_style(cell: &Cell, style: Style) -> bool {
    style.fg.is_none_or(|fg| cell.fg == fg)
        && style.bg.is_none_or(|bg| cell.bg == bg)
        && cell.modifier.contains(style.add_modifier)
}

pub fn describe(cell: &Cell) -> String {
    format!(
        "{:?} fg {:?} bg {:?} {:?}",
        cell.symbol(),
        cell.fg,
        cell.bg,
        cell.modifier
    )
}

/// Whether a mention is inside another one.
pub fn is_nested(briefing: &Briefing, index: usize) -> bool {
    let inner = &briefing.mentions[index];
    briefing.mentions.iter().enumerate().any(|(other, outer)| {
        other != index && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
    })
}

/// Whether a mention contains another one.
pub fn has_nested(briefing: &Briefing, index: usize) -> bool {
    let outer = &briefing.mentions[index];
    briefing.mentions.iter().enumerate().any(|(other, inner)| {
        other != index && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
    })
}

/// Snapshots the screen after `keys` at each of the three sizes, with the
/// keys recorded in the snapshot's description. `check` runs on each
/// state and its screen text for assertions that do not depend on reading
/// the snapshot.
pub fn snapshot_scenario(name: &str, keys: &str, check: impl Fn(&State, &str)) {
    let theme = dark();
    for (width, height) in SIZES {
        let state = state_after(keys, width, height);
        let terminal = draw(&state, &theme);
        let text = screen_text(terminal.backend().buffer());
        check(&state, &text);
        // Named and placed as if the test file had called insta itself:
        // tests/snapshots/<test file>__<name>_<size>.snap.
        let file = module_path!().split("::").next().unwrap_or("screens");
        insta::with_settings!({
            description => format!("keys {keys:?} at {width}x{height}, dark theme"),
            omit_expression => true,
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(format!("{file}__{name}_{width}x{height}"), terminal.backend());
        });
    }
}
