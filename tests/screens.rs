//! Whole screens of the reader on the bundled briefing, drawn through
//! ratatui's `TestBackend`: insta snapshots of the text at 80x24, 120x40 and
//! 200x60 for each scenario the reader issue names, then the styles of key
//! cells (snapshots drop colour), the `NO_COLOR` (mono) theme, tiny
//! terminals, and a sweep over every size checking that drawing never
//! panics and never leaves its area.

use std::ops::Range;

use brief::controller::{Keymap, State, press};
use brief::layout::{self, Area, RowKind};
use brief::model::{Briefing, Mention};
use brief::theme::{Role, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// The three sizes every scenario is snapshotted at: medium, the smallest
/// wide, and a large wide terminal.
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn bundled() -> Briefing {
    brief::loader::load_bundled()
        .briefing
        .expect("the bundled briefing loads")
}

fn dark() -> Theme {
    Theme::built_in("dark", false).expect("dark theme")
}

fn mono() -> Theme {
    Theme::built_in("mono", false).expect("mono theme")
}

/// A fresh reader of `width` x `height` after typing `keys`.
fn state_after(keys: &str, width: u16, height: u16) -> State {
    let mut state = State::new(bundled(), Keymap::default_keymap(), width, height);
    press(&mut state, keys).unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
    state
}

/// Draws one frame the way the interactive reader does.
fn draw(state: &State, theme: &Theme) -> Terminal<TestBackend> {
    let backend = TestBackend::new(state.screen.width, state.screen.height);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| brief::ui::draw(frame, state, theme))
        .expect("draws");
    terminal
}

fn buffer_of(state: &State, theme: &Theme) -> Buffer {
    draw(state, theme).backend().buffer().clone()
}

/// One screen row as text (wide characters' hidden cells skipped).
fn row_text(buffer: &Buffer, y: u16) -> String {
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

fn screen_text(buffer: &Buffer) -> String {
    (buffer.area.top()..buffer.area.bottom())
        .map(|y| row_text(buffer, y).trim_end().to_string() + "\n")
        .collect()
}

/// Snapshots the screen after `keys` at each of the three sizes, with the
/// keys recorded in the snapshot's description. `check` runs on each
/// state and its screen text for assertions that do not depend on reading
/// the snapshot.
fn snapshot_scenario(name: &str, keys: &str, check: impl Fn(&State, &str)) {
    let theme = dark();
    for (width, height) in SIZES {
        let state = state_after(keys, width, height);
        let terminal = draw(&state, &theme);
        let text = screen_text(terminal.backend().buffer());
        check(&state, &text);
        insta::with_settings!({
            description => format!("keys {keys:?} at {width}x{height}, dark theme"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
        });
    }
}

fn mention_text<'a>(state: &'a State, mention: &Mention) -> &'a str {
    &state.briefing.document.text[mention.span.clone()]
}

fn entity_name_of(state: &State, mention: &Mention) -> String {
    state.briefing.entity(mention.entity).name.clone()
}

// --- Snapshots --------------------------------------------------------------

#[test]
fn start() {
    snapshot_scenario("start", "", |state, text| {
        assert!(text.contains("Crocus City Hall attack, 22 March 2024"));
        assert!(text.contains("UNCLASSIFIED"));
        assert!(text.contains("Article 0%"));
        assert!(state.focused_mention.is_none());
        assert!(text.contains("<Tab> mention"), "hint bar from the keymap");
    });
}

#[test]
fn tab_three_times() {
    snapshot_scenario("tab3", "<Tab><Tab><Tab>", |state, text| {
        let id = state.focused_mention.expect("a mention is focused");
        let mention = &state.briefing.mentions[id.0];
        // The third mention of the text is the "Moscow" of the title.
        assert_eq!(mention_text(state, mention), "Moscow");
        assert!(text.contains("\u{25b8} Moscow (Place) 1/9"), "{text}");
    });
}

#[test]
fn enter_on_a_focused_mention() {
    snapshot_scenario(
        "enter_on_mention",
        "<Tab><Tab><Tab><Enter>",
        |state, text| {
            let entity = state.selected_entity.expect("Enter selects the entity");
            assert_eq!(state.briefing.entity(entity).name, "Moscow");
            // The card names the entity, its kind and which mention this is.
            assert!(text.contains("Place \u{b7} mention 1 of 9"), "{text}");
            assert!(text.contains("Capital of Russia."), "{text}");
        },
    );
}

#[test]
fn entity_mention_cycling() {
    // "moscow place" rather than "Moscow": the picker ranks "Crocus City
    // Hall attack" (alias "Moscow attack") above "Moscow" itself.
    let keys = "emoscow place<Enter>]m]m]m";
    snapshot_scenario("next_entity_mention", keys, |state, text| {
        let entity = state.selected_entity.expect("picker selects an entity");
        assert_eq!(state.briefing.entity(entity).name, "Moscow");
        let id = state.focused_mention.expect("]m focuses a mention");
        let mention = &state.briefing.mentions[id.0];
        assert_eq!(entity_name_of(state, mention), "Moscow");
        assert!(text.contains("Moscow (Place) 4/9"), "{text}");
    });
}

#[test]
fn timeline_jump() {
    snapshot_scenario("timeline_jump", "3j<Enter>", |state, text| {
        assert_eq!(state.selected_event, 1);
        let event = &state.briefing.events[1];
        assert!(event.title.contains("Moscow theatre"), "{}", event.title);
        // The article now shows the event's passage.
        let passage = event.passage.clone().expect("the event has a passage");
        assert!(state.is_visible(passage.start), "{text}");
    });
}

#[test]
fn search_while_typing() {
    snapshot_scenario("search_typing", "/Moscow", |state, text| {
        assert!(state.search.editing);
        let count = state.search.matches.len();
        assert!(count > 1, "Moscow appears often");
        assert!(text.contains("/Moscow\u{2581}"), "the prompt: {text}");
    });
}

#[test]
fn search_enter_then_next() {
    snapshot_scenario("search_next", "/Moscow<Enter>n", |state, text| {
        assert!(!state.search.editing);
        let total = state.search.matches.len();
        assert_eq!(state.search.current, Some(1), "n goes to the second match");
        assert!(text.contains(&format!("/Moscow 2/{total}")), "{text}");
    });
}

#[test]
fn entity_picker() {
    snapshot_scenario("picker_entities", "eisis", |state, text| {
        let Some(brief::controller::Overlay::Picker(picker)) = &state.overlay else {
            panic!("the entity picker is open");
        };
        assert_eq!(picker.query, "isis");
        assert!(!picker.matches.is_empty());
        let count = format!("{}/{}", picker.matches.len(), picker.items.len());
        assert!(text.contains(&count), "picker count {count}: {text}");
        assert!(text.contains("> isis"), "{text}");
    });
}

#[test]
fn timeline_picker() {
    snapshot_scenario("picker_timeline", "tattack", |state, text| {
        let Some(brief::controller::Overlay::Picker(picker)) = &state.overlay else {
            panic!("the timeline picker is open");
        };
        assert!(!picker.matches.is_empty());
        assert!(text.contains("> attack"), "{text}");
    });
}

#[test]
fn outline_picker() {
    snapshot_scenario("picker_outline", "owhat", |state, text| {
        let Some(brief::controller::Overlay::Picker(picker)) = &state.overlay else {
            panic!("the outline picker is open");
        };
        assert!(!picker.matches.is_empty());
        assert!(text.contains("What happened"), "{text}");
    });
}

#[test]
fn help_overlay() {
    snapshot_scenario("help", "?", |state, text| {
        assert!(matches!(
            state.overlay,
            Some(brief::controller::Overlay::Help { .. })
        ));
        assert!(text.contains("Keys · j/k scroll · q closes"), "{text}");
        assert!(
            text.contains("focus the next mention in the text"),
            "{text}"
        );
    });
}

/// Tiny terminals: below the minimum a message, at the minimum the reader,
/// and the narrow (tabbed) layout the three standard sizes do not reach.
#[test]
fn tiny_terminals() {
    let theme = dark();
    for (width, height) in [(20, 5), (23, 6), (24, 5), (24, 6), (60, 20)] {
        let state = state_after("", width, height);
        let terminal = draw(&state, &theme);
        let text = screen_text(terminal.backend().buffer());
        let too_small = width < layout::MIN_WIDTH || height < layout::MIN_HEIGHT;
        assert_eq!(text.contains("terminal too small"), too_small, "{text}");
        if !too_small {
            assert!(text.contains("Article"), "{text}");
        }
        insta::with_settings!({
            description => format!("start at {width}x{height}, dark theme"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("tiny_{width}x{height}"), terminal.backend());
        });
    }
}

// --- Styles of key cells (dark theme) ----------------------------------------

/// Which byte of the stored text each article cell on screen shows,
/// found through the article layout's offset map (the one mouse clicks
/// use); the tests check it against the drawn text.
struct Offsets(Vec<((u16, u16), usize)>);

impl Offsets {
    fn of(state: &State) -> Self {
        let mut cells = Vec::new();
        if let Some(pane) = state.panes().article {
            let text = layout::article_text(pane);
            let document = &state.briefing.document;
            for dy in 0..text.height {
                let (row, moved) = state.layout.step(
                    document,
                    state.top,
                    brief::controller::signed(usize::from(dy)),
                );
                if moved < usize::from(dy) {
                    break;
                }
                for dx in 0..text.width {
                    if let Some(offset) = state.layout.offset_at(document, row, usize::from(dx)) {
                        cells.push(((text.x + dx, text.y + dy), offset));
                    }
                }
            }
        }
        Self(cells)
    }

    /// The cells showing a source byte range, in screen order.
    fn span(&self, span: &Range<usize>) -> Vec<(u16, u16)> {
        self.0
            .iter()
            .filter(|(_, offset)| span.contains(offset))
            .map(|(cell, _)| *cell)
            .collect()
    }
}

/// The text the cells show, without the spaces a wrap leaves out.
fn cells_text(buffer: &Buffer, cells: &[(u16, u16)]) -> String {
    cells
        .iter()
        .map(|&(x, y)| buffer[(x, y)].symbol())
        .collect::<String>()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Whether a cell shows a style: its colours equal, its modifiers include.
fn has_style(cell: &Cell, style: Style) -> bool {
    style.fg.is_none_or(|fg| cell.fg == fg)
        && style.bg.is_none_or(|bg| cell.bg == bg)
        && cell.modifier.contains(style.add_modifier)
}

fn describe(cell: &Cell) -> String {
    format!(
        "{:?} fg {:?} bg {:?} {:?}",
        cell.symbol(),
        cell.fg,
        cell.bg,
        cell.modifier
    )
}

/// Whether a mention is inside another one.
fn is_nested(briefing: &Briefing, index: usize) -> bool {
    let inner = &briefing.mentions[index];
    briefing.mentions.iter().enumerate().any(|(other, outer)| {
        other != index && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
    })
}

/// Whether a mention contains another one.
fn has_nested(briefing: &Briefing, index: usize) -> bool {
    let outer = &briefing.mentions[index];
    briefing.mentions.iter().enumerate().any(|(other, inner)| {
        other != index && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
    })
}

#[test]
fn focused_mention_carries_the_focus_style() {
    let theme = dark();
    let focus = theme.style(Role::FocusedMention);
    for (width, height) in SIZES {
        let state = state_after("<Tab><Tab><Tab>", width, height);
        let buffer = buffer_of(&state, &theme);
        let offsets = Offsets::of(&state);
        let id = state.focused_mention.expect("focused");
        let mention = &state.briefing.mentions[id.0];
        let cells = offsets.span(&mention.span);
        assert_eq!(
            squash(&cells_text(&buffer, &cells)),
            squash(mention_text(&state, mention)),
            "{width}x{height}: the focused mention's cells show its text"
        );
        for &(x, y) in &cells {
            let cell = &buffer[(x, y)];
            assert_eq!(Some(cell.fg), focus.fg, "{width}x{height} ({x},{y})");
            assert_eq!(Some(cell.bg), focus.bg, "{width}x{height} ({x},{y})");
            assert!(
                cell.modifier.contains(focus.add_modifier),
                "{width}x{height} ({x},{y}): {}",
                describe(cell)
            );
        }
        // Nothing else in the article looks focused.
        let pane = layout::article_text(state.panes().article.expect("article"));
        for y in pane.y..pane.bottom() {
            for x in pane.x..pane.right() {
                if buffer[(x, y)].bg == focus.bg.expect("focus has a background") {
                    assert!(
                        cells.contains(&(x, y)),
                        "{width}x{height}: stray focus at ({x},{y}) {}",
                        describe(&buffer[(x, y)])
                    );
                }
            }
        }
    }
}

#[test]
fn nested_mentions_are_underlined_in_the_inner_kind_colour() {
    let theme = dark();
    let underline = theme.style(Role::NestedMention).add_modifier;
    assert!(underline.contains(Modifier::UNDERLINED));
    for (width, height) in SIZES {
        let state = state_after("", width, height);
        let buffer = buffer_of(&state, &theme);
        let offsets = Offsets::of(&state);
        let briefing = &state.briefing;
        let mut checked_inner = 0;
        let mut checked_outer = 0;
        for (index, mention) in briefing.mentions.iter().enumerate() {
            let cells = offsets.span(&mention.span);
            if cells.is_empty() {
                continue;
            }
            let kind = theme.kind(&briefing.entity(mention.entity).kind);
            if is_nested(briefing, index) {
                checked_inner += 1;
                for &(x, y) in &cells {
                    let cell = &buffer[(x, y)];
                    assert!(
                        cell.modifier.contains(Modifier::UNDERLINED),
                        "{width}x{height}: nested {:?} at ({x},{y}) {}",
                        mention_text(&state, mention),
                        describe(cell)
                    );
                    assert_eq!(Some(cell.fg), kind.fg, "{width}x{height} inner colour");
                }
            } else if has_nested(briefing, index) {
                // The outer mention's own text keeps its kind colour and is
                // not underlined (its nested part is checked above).
                let nested: Vec<(u16, u16)> = briefing
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(other, m)| {
                        *other != index
                            && mention.span.start <= m.span.start
                            && m.span.end <= mention.span.end
                    })
                    .flat_map(|(_, m)| offsets.span(&m.span))
                    .collect();
                for &(x, y) in cells.iter().filter(|c| !nested.contains(c)) {
                    let cell = &buffer[(x, y)];
                    if cell.symbol() == " " {
                        continue;
                    }
                    checked_outer += 1;
                    assert_eq!(Some(cell.fg), kind.fg, "{width}x{height} outer colour");
                    assert!(
                        !cell.modifier.contains(Modifier::UNDERLINED),
                        "{width}x{height}: outer {:?} {}",
                        mention_text(&state, mention),
                        describe(cell)
                    );
                }
            }
        }
        // "a concert venue on the edge of Moscow" holds "Moscow", in the
        // bottom line up front, on the first screen at every size.
        assert!(
            checked_inner >= 1,
            "{width}x{height}: a nested mention on screen"
        );
        assert!(
            checked_outer >= 1,
            "{width}x{height}: an outer mention on screen"
        );
    }
}

#[test]
fn mentions_show_their_entity_kind_colour() {
    let theme = dark();
    for (width, height) in SIZES {
        let mut people = 0;
        let mut kinds = std::collections::BTreeSet::new();
        // The first screen, and two half pages on (at 80x24 the first
        // person, Vladimir Putin, is just below the first screen).
        for keys in ["", "<C-d>", "<C-d><C-d>"] {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let offsets = Offsets::of(&state);
            let briefing = &state.briefing;
            for (index, mention) in briefing.mentions.iter().enumerate() {
                if is_nested(briefing, index) || has_nested(briefing, index) {
                    continue;
                }
                let kind = &briefing.entity(mention.entity).kind;
                let style = theme.kind(kind);
                for (x, y) in offsets.span(&mention.span) {
                    let cell = &buffer[(x, y)];
                    assert_eq!(
                        Some(cell.fg),
                        style.fg,
                        "{width}x{height}: {kind} mention {:?} at ({x},{y}) {}",
                        mention_text(&state, mention),
                        describe(cell)
                    );
                    kinds.insert(kind.clone());
                    if kind == "person" {
                        people += 1;
                    }
                }
            }
            // And no kind colour bleeds onto text outside every mention.
            let plain_roles = [
                Role::Text,
                Role::Heading,
                Role::Caption,
                Role::Quote,
                Role::Code,
                Role::Link,
                Role::BottomLine,
            ];
            let plain: Vec<_> = plain_roles.iter().map(|&r| theme.style(r).fg).collect();
            let kind_colours: Vec<_> = briefing
                .entities
                .iter()
                .map(|e| theme.kind(&e.kind).fg)
                .filter(|fg| !plain.contains(fg))
                .collect();
            for ((x, y), offset) in &offsets.0 {
                let covered = briefing.mentions.iter().any(|m| m.span.contains(offset));
                let cell = &buffer[(*x, *y)];
                if !covered && !cell.symbol().trim().is_empty() {
                    assert!(
                        !kind_colours.contains(&Some(cell.fg)),
                        "{width}x{height}: ({x},{y}) outside any mention has a kind colour: {}",
                        describe(cell)
                    );
                }
            }
        }
        assert!(
            people > 0,
            "{width}x{height}: a person is mentioned on screen"
        );
        assert!(
            kinds.len() >= 3,
            "{width}x{height}: kinds on screen {kinds:?}"
        );
        // The person colour is a real colour, distinct from plain text.
        assert_ne!(theme.kind("person").fg, theme.style(Role::Text).fg);
    }
}

#[test]
fn search_matches_and_the_current_one_are_highlighted() {
    let theme = dark();
    let matched = theme.style(Role::SearchMatch);
    let current = theme.style(Role::SearchCurrent);
    assert_ne!(matched.bg, current.bg);
    for keys in ["/Moscow", "/Moscow<Enter>", "/Moscow<Enter>n"] {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let offsets = Offsets::of(&state);
            let mut shown = 0;
            let mut current_shown = false;
            for (index, range) in state.search.matches.iter().enumerate() {
                let cells = offsets.span(range);
                if cells.is_empty() {
                    continue;
                }
                assert_eq!(squash(&cells_text(&buffer, &cells)), "Moscow");
                let is_current = state.search.current == Some(index);
                current_shown |= is_current;
                shown += 1;
                let expected = if is_current { current } else { matched };
                for &(x, y) in &cells {
                    assert!(
                        has_style(&buffer[(x, y)], expected),
                        "{keys} {width}x{height}: match {index} (current: {is_current}) at ({x},{y}) {}",
                        describe(&buffer[(x, y)])
                    );
                }
            }
            assert!(shown >= 2, "{keys} {width}x{height}: matches on screen");
            if state.search.current.is_some() {
                assert!(
                    current_shown,
                    "{keys} {width}x{height}: current match visible"
                );
            }
        }
    }
    // The highlight stops where the matches do, also where no mention
    // edge is there to stop it ("the" is in no entity's name).
    for keys in ["/Moscow<Enter>", "/the<Enter>", "/band<Enter>"] {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let offsets = Offsets::of(&state);
            assert!(!state.search.matches.is_empty(), "{keys}");
            for ((x, y), offset) in &offsets.0 {
                let in_match = state.search.matches.iter().any(|m| m.contains(offset));
                let cell = &buffer[(*x, *y)];
                if !in_match {
                    assert!(
                        cell.bg != matched.bg.unwrap_or_default()
                            && cell.bg != current.bg.unwrap_or_default(),
                        "{keys} {width}x{height}: ({x},{y}) outside every match is highlighted: {}",
                        describe(cell)
                    );
                }
            }
        }
    }
}

#[test]
fn the_focused_pane_has_the_focused_border() {
    let theme = dark();
    let focused = theme.style(Role::BorderFocused);
    let plain = theme.style(Role::Border);
    assert_ne!(focused.fg, plain.fg);
    for (keys, pane) in [("", 0), ("2", 1), ("3", 2), ("3<Esc>1", 0)] {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let buffer = buffer_of(&state, &theme);
            let panes = state.panes();
            let areas = [panes.article, panes.entities, panes.timeline];
            for (index, area) in areas.iter().enumerate() {
                let area = area.expect("all panes shown at the standard sizes");
                let expected = if index == pane { focused } else { plain };
                // The four corners and the left edge's middle.
                for (x, y) in [
                    (area.x, area.y),
                    (area.right() - 1, area.y),
                    (area.x, area.bottom() - 1),
                    (area.right() - 1, area.bottom() - 1),
                    (area.x, area.y + area.height / 2),
                ] {
                    let cell = &buffer[(x, y)];
                    assert_eq!(
                        Some(cell.fg),
                        expected.fg,
                        "{keys:?} {width}x{height}: pane {index} border at ({x},{y}) {}",
                        describe(cell)
                    );
                }
            }
        }
    }
}

#[test]
fn the_bottom_line_bar_marks_bottom_line_blocks() {
    let theme = dark();
    let marker = theme.style(Role::BottomLineMarker);
    for (width, height) in SIZES {
        let state = state_after("", width, height);
        let buffer = buffer_of(&state, &theme);
        let document = &state.briefing.document;
        let pane = state.panes().article.expect("article");
        let inside = layout::inner(pane);
        let mut marked = 0;
        for dy in 0..inside.height {
            let y = inside.y + dy;
            let (row, moved) = state.layout.step(
                document,
                state.top,
                brief::controller::signed(usize::from(dy)),
            );
            let bottom_line = match state.layout.row_kind(document, row) {
                _ if moved < usize::from(dy) => false,
                RowKind::Line { block, .. } => document.blocks[block].bottom_line,
                _ => false,
            };
            let cell = &buffer[(inside.x + 1, y)];
            if bottom_line {
                marked += 1;
                assert_eq!(cell.symbol(), "\u{258c}", "{width}x{height} row {y}");
                assert!(
                    has_style(cell, marker),
                    "{width}x{height}: {}",
                    describe(cell)
                );
            } else {
                assert_ne!(cell.symbol(), "\u{258c}", "{width}x{height} row {y}");
            }
        }
        assert!(
            marked >= 4,
            "{width}x{height}: the bottom line is on the first screen"
        );
    }
}

// --- NO_COLOR: the mono theme ------------------------------------------------

/// Under `NO_COLOR` the screen reads the same, and emphasis is by
/// attributes alone.
#[test]
fn mono_theme_uses_attributes_only() {
    let mono = mono();
    let dark = dark();
    let scenarios = [
        "",
        "<Tab><Tab><Tab>",
        "<Tab><Tab><Tab><Enter>",
        "/Moscow",
        "/Moscow<Enter>n",
        "eisis",
        "?",
        "3j<Enter>",
    ];
    for keys in scenarios {
        for (width, height) in SIZES {
            let state = state_after(keys, width, height);
            let plain = buffer_of(&state, &mono);
            assert_eq!(
                screen_text(&plain),
                screen_text(&buffer_of(&state, &dark)),
                "{keys:?} {width}x{height}: same text in both themes"
            );
            for cell in plain.content() {
                assert_eq!(cell.fg, Color::Reset, "{keys:?}: {}", describe(cell));
                assert_eq!(cell.bg, Color::Reset, "{keys:?}: {}", describe(cell));
            }
        }
    }
    for (width, height) in SIZES {
        // The focused mention is reversed.
        let state = state_after("<Tab><Tab><Tab>", width, height);
        let buffer = buffer_of(&state, &mono);
        let offsets = Offsets::of(&state);
        let id = state.focused_mention.expect("focused");
        let cells = offsets.span(&state.briefing.mentions[id.0].span);
        assert!(!cells.is_empty());
        for (x, y) in cells {
            assert!(
                buffer[(x, y)].modifier.contains(Modifier::REVERSED),
                "{width}x{height}: {}",
                describe(&buffer[(x, y)])
            );
        }
        // Unfocused mentions are not reversed, so the focus stands out.
        let other = state
            .briefing
            .mentions
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != id.0)
            .flat_map(|(_, m)| offsets.span(&m.span))
            .find(|&(x, y)| !buffer[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(other.is_some(), "{width}x{height}: an unfocused mention");

        // Search matches are reversed; the current one carries the
        // theme's `search_current` attributes. (It is not always told apart:
        // every mention is underlined in mono, so a match on a mention in
        // bold text already has all of reversed, bold and underlined.)
        let state = state_after("/Moscow<Enter>", width, height);
        let buffer = buffer_of(&state, &mono);
        let offsets = Offsets::of(&state);
        let mut shown = 0;
        for (index, range) in state.search.matches.iter().enumerate() {
            let expected = if state.search.current == Some(index) {
                mono.style(Role::SearchCurrent)
            } else {
                mono.style(Role::SearchMatch)
            };
            for (x, y) in offsets.span(range) {
                let cell = &buffer[(x, y)];
                shown += 1;
                assert!(
                    cell.modifier.contains(Modifier::REVERSED),
                    "{width}x{height}: match {index} {}",
                    describe(cell)
                );
                assert!(
                    has_style(cell, expected),
                    "{width}x{height}: {}",
                    describe(cell)
                );
            }
        }
        assert!(shown > 0, "{width}x{height}: matches on screen");
    }
}

// --- Every size ----------------------------------------------------------------

fn sweep_sizes() -> Vec<(u16, u16)> {
    let widths = (0..=300u16).filter(|w| *w < 130 || w % 17 == 0 || *w == 300);
    // Every height around the minimum (6) and the short-layout threshold
    // (14), then steps to 100.
    let heights = [
        0u16, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15, 18, 24, 30, 40, 50, 60, 75, 99, 100,
    ];
    widths
        .flat_map(|w| heights.iter().map(move |h| (w, *h)))
        .collect()
}

/// Keys that leave something interesting on screen: focus, a selection, a
/// search, an overlay.
const SWEEP_KEYS: [&str; 4] = [
    "<Tab><Tab><Tab><Enter>]m",
    "/Moscow<Enter>n3j",
    "eisis",
    "?jjj",
];

/// A buffer bigger than `area` on every side, every cell marked, so a
/// cell drawn outside the area shows.
fn marked_buffer(area: Rect) -> Buffer {
    let outer = Rect::new(
        area.x.saturating_sub(5),
        area.y.saturating_sub(3),
        area.width + 11,
        area.height + 7,
    );
    let mut buffer = Buffer::empty(outer);
    for cell in &mut buffer.content {
        cell.set_symbol("\u{2591}");
    }
    buffer
}

/// Panics if a cell outside `area` differs from the untouched buffer.
fn assert_untouched_outside(before: &Buffer, after: &Buffer, area: Rect, what: &str) {
    let outer = before.area;
    for y in outer.top()..outer.bottom() {
        for x in outer.left()..outer.right() {
            if !area.contains((x, y).into()) {
                assert_eq!(
                    after[(x, y)],
                    before[(x, y)],
                    "{what}: drew at ({x},{y}) outside {area:?}"
                );
            }
        }
    }
}

/// Draws at every size (all widths below 130, a stride above; heights
/// every row to 16, then in steps) into a bigger buffer, and checks that
/// nothing outside the screen's area changed. Each size gets one of the key
/// sequences, in turn, so every sequence meets every kind of layout.
#[test]
fn every_size_draws_without_panic_inside_its_area() {
    let theme = dark();
    let briefing = bundled();
    for (index, (width, height)) in sweep_sizes().into_iter().enumerate() {
        let keys = SWEEP_KEYS[index % SWEEP_KEYS.len()];
        let mut state = State::new(briefing.clone(), Keymap::default_keymap(), width, height);
        press(&mut state, keys).expect("keys");
        let area = Rect::new(0, 0, width, height);
        let before = marked_buffer(area);
        let mut after = before.clone();
        brief::ui::render(&mut after, area, &state, &theme);
        assert_untouched_outside(
            &before,
            &after,
            area,
            &format!("{keys:?} at {width}x{height}"),
        );
    }
}

/// A screen that does not start at the buffer's origin (the reader's
/// `screen` says where it is) is drawn where it is.
#[test]
fn an_offset_screen_is_drawn_where_it_is() {
    let theme = dark();
    let briefing = bundled();
    for (width, height) in [
        (0, 0),
        (20, 5),
        (24, 6),
        (40, 12),
        (60, 20),
        (80, 24),
        (120, 40),
        (200, 60),
    ] {
        for keys in SWEEP_KEYS {
            let area = Rect::new(5, 3, width, height);
            let mut state = State::new(briefing.clone(), Keymap::default_keymap(), width, height);
            state.screen = Area::new(area.x, area.y, width, height);
            press(&mut state, keys).expect("keys");
            let before = marked_buffer(area);
            let mut after = before.clone();
            brief::ui::render(&mut after, area, &state, &theme);
            assert_untouched_outside(
                &before,
                &after,
                area,
                &format!("{keys:?} at {width}x{height}+5+3"),
            );
        }
    }
}

/// `ui::render` draws in the area it is given even when the state's screen
/// sits at the origin; and an area smaller than the state's screen (a
/// resize the state has not heard of yet) draws nothing outside it.
#[test]
fn render_keeps_to_the_area_it_is_given() {
    let theme = dark();
    for (width, height) in [(20, 5), (24, 6), (60, 20), (80, 24), (120, 40)] {
        for keys in SWEEP_KEYS {
            let state = state_after(keys, width, height);
            for area in [
                Rect::new(5, 3, width, height),
                Rect::new(5, 3, width - 1, height),
                Rect::new(5, 3, width, height - 1),
                Rect::new(0, 0, width / 2, height / 2),
            ] {
                let before = marked_buffer(area);
                let mut after = before.clone();
                brief::ui::render(&mut after, area, &state, &theme);
                assert_untouched_outside(
                    &before,
                    &after,
                    area,
                    &format!("{keys:?} at {width}x{height} into {area:?}"),
                );
            }
        }
    }
}

/// Resizing an open reader through every size also never panics and keeps
/// the panes inside the screen.
#[test]
fn resizing_through_sizes_keeps_panes_inside() {
    let theme = dark();
    let mut state = state_after("<Tab><Tab><Tab><Enter>]m/Moscow<Enter>", 120, 40);
    for (width, height) in sweep_sizes().into_iter().step_by(3) {
        brief::controller::update(&mut state, brief::controller::Action::Resize(width, height));
        let screen = Area::new(0, 0, width, height);
        for pane in state.panes().areas() {
            assert!(screen.holds(&pane), "{width}x{height}: {pane:?}");
        }
        let text = brief::cli::frame_text(&state, &theme, false);
        assert_eq!(text.lines().count(), usize::from(height));
    }
}
