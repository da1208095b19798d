//! Plain Markdown on screen: a text with no annotations, with a GFM table,
//! a code block wider than the pane and HTML comments (the insta snapshot
//! at 120x40 and what it must show), the mark where a line is cut, and
//! mentions and search matches inside table cells drawn in exactly their
//! cells, found through the article's offset map as clicks are.

#[path = "support/screen.rs"]
mod screen;

use std::path::Path;

use brief::loader::{self, FileSystem, InMemory};
use brief::model::{BlockKind, Briefing};
use brief::theme::Role;

use screen::*;

const FEATURES: &str = "tests/corpus/markdown/features.md";

fn features() -> Briefing {
    let loaded = loader::load(Path::new(FEATURES), &FileSystem);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.briefing.expect("the text loads")
}

/// The row of the screen that contains `text`.
fn row_with(screen: &str, text: &str) -> String {
    screen
        .lines()
        .find(|line| line.contains(text))
        .unwrap_or_else(|| panic!("no row with {text:?}:\n{screen}"))
        .to_string()
}

#[test]
fn plain_markdown_with_a_table_code_and_comments() {
    for (width, height) in [(120, 40), (200, 60)] {
        plain_markdown_at(width, height);
    }
}

/// With no annotations the side panes fold away and the article is a
/// column at its measure, so both sizes show the same lines, centred.
fn plain_markdown_at(width: u16, height: u16) {
    let state = state_of(features(), "", width, height);
    let terminal = draw(&state, &dark());
    let text = screen_text(terminal.backend().buffer());
    // Comments, as a block and inline, are not drawn; the text around
    // the inline one closes up.
    assert!(!text.contains("<!--") && !text.contains("Draft"), "{text}");
    assert!(text.contains("it. Nothing here is read as HTML."), "{text}");
    // The table: aligned columns (the second right-aligned, the third
    // centred), a rule under the header, cell text without its markup.
    let header = row_with(&text, "Venue");
    let crocus = row_with(&text, "Crocus City Hall");
    let bars = |row: &str| {
        row.match_indices('\u{2502}')
            .map(|(at, _)| at)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        bars(&header)[1..4],
        bars(&crocus)[1..4],
        "{header}\n{crocus}"
    );
    assert!(crocus.contains("\u{2502}   2009 \u{2502} 6,200  \u{2502} concert hall"));
    assert!(row_with(&text, "Expocentre").contains("\u{2502}   \u{2014}    \u{2502} expo grounds"));
    assert!(
        text.contains("\u{2500}\u{253c}\u{2500}"),
        "the header's rule"
    );
    // The code line does not wrap: one row, cut with a mark.
    let code = row_with(&text, "awk -F,");
    assert!(
        code.trim_end_matches(['\u{2502}', ' '])
            .ends_with('\u{2026}'),
        "{code}"
    );
    assert!(!text.contains("venues.txt"), "the cut part is hidden");
    assert!(text.contains("indented code stays as written:   spaces   kept"));
    insta::with_settings!({
        description => format!("tests/corpus/markdown/features.md at {width}x{height}, dark theme"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("plain_markdown_{width}x{height}"), terminal.backend());
    });
}

/// Where a table row or code line is cut, the last column shows `…` in
/// the marker role; a row that fits has no mark.
#[test]
fn a_cut_line_ends_in_the_marker() {
    let theme = dark();
    // 57 columns of text: the article alone (no annotations, so no side
    // panes) in a 62-column terminal.
    let state = state_of(features(), "", 62, 40);
    assert_eq!(
        brief::layout::article_text(state.panes().article.unwrap()).width,
        57
    );
    let buffer = buffer_of(&state, &theme);
    let pane = state.panes().article.expect("an article pane");
    let area = brief::layout::article_text(pane);
    let last = area.x + area.width - 1;
    let mut cut = Vec::new();
    for y in area.y..area.y + area.height {
        let row = row_text(&buffer, y);
        let cell = &buffer[(last, y)];
        if cell.symbol() == "\u{2026}" {
            assert!(
                has_style(cell, theme.style(Role::Marker)),
                "{row}: {}",
                describe(cell)
            );
            cut.push(row.trim().to_string());
        }
    }
    assert_eq!(
        cut.len(),
        4,
        "the rule, two rows and the code line: {cut:#?}"
    );
    assert!(cut.iter().any(|row| row.contains("awk")));
    assert!(cut.iter().any(|row| row.contains("Luzhniki")));
    assert!(!cut.iter().any(|row| row.contains("Expocentre")));
}

const VENUES: &str = "# Venues\n\n| Venue | Opened |\n|---|--:|\n| Crocus City Hall | 2009 |\n| Luzhniki | 1956 |\n\nCrocus City Hall reopened.\n";
const ANNOTATIONS: &str = "format = 1\n\n[[entity]]\nid = \"crocus\"\nname = \"Crocus City Hall\"\nkind = \"facility\"\n\n[[entity]]\nid = \"luzhniki\"\nname = \"Luzhniki\"\nkind = \"facility\"\n";

fn venues() -> Briefing {
    let files = InMemory {
        files: vec![
            ("v.md".into(), VENUES.to_string()),
            ("v.toml".into(), ANNOTATIONS.to_string()),
        ],
    };
    let loaded = loader::load(Path::new("v.toml"), &files);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.briefing.expect("loads")
}

/// A mention inside a cell is found there and drawn in its cells alone:
/// the padding after it and the bar are not the mention.
#[test]
fn mentions_in_table_cells_are_drawn_in_their_cells() {
    let theme = dark();
    let facility = theme.kind("facility");
    for (width, height) in SIZES {
        let state = state_of(venues(), "", width, height);
        let buffer = buffer_of(&state, &theme);
        let offsets = Offsets::of(&state);
        let document = &state.briefing().document;
        let in_table = |start: usize| {
            document
                .block_at(start)
                .is_some_and(|block| document.blocks[block].kind == BlockKind::TableRow)
        };
        let mut seen = 0;
        for mention in &state.briefing().mentions {
            let cells = offsets.span(&mention.span);
            assert_eq!(
                cells_text(&buffer, &cells),
                mention_text(&state, mention),
                "{width}x{height}"
            );
            for &(x, y) in &cells {
                assert_eq!(
                    Some(buffer[(x, y)].fg),
                    facility.fg,
                    "{}",
                    describe(&buffer[(x, y)])
                );
            }
            if in_table(mention.span.start) {
                seen += 1;
                // The cell after the mention's last is padding, then the bar.
                let &(x, y) = cells.last().expect("on screen");
                let after = &buffer[(x + 1, y)];
                assert_ne!(Some(after.fg), facility.fg, "{}", describe(after));
            }
        }
        assert_eq!(seen, 2, "{width}x{height}: both cells' mentions");
    }
}

/// A search match inside a cell highlights that cell's text, not the
/// padding before a right-aligned number.
#[test]
fn search_matches_in_table_cells_highlight_their_cells() {
    let theme = dark();
    let current = theme.style(Role::SearchCurrent);
    let state = state_of(features(), "/2009<Enter>", 120, 40);
    let buffer = buffer_of(&state, &theme);
    let offsets = Offsets::of(&state);
    assert_eq!(state.search().matches().len(), 1);
    let cells = offsets.span(&state.search().matches()[0]);
    assert_eq!(cells_text(&buffer, &cells), "2009");
    for &(x, y) in &cells {
        assert!(
            has_style(&buffer[(x, y)], current),
            "{}",
            describe(&buffer[(x, y)])
        );
    }
    let &(x, y) = cells.first().expect("on screen");
    let before = &buffer[(x - 1, y)];
    assert_eq!(before.symbol(), " ");
    assert_ne!(
        before.bg,
        current.bg.unwrap_or_default(),
        "{}",
        describe(before)
    );
    // The muted bar before the padding is the table's, not the text's.
    let bar = (0..x)
        .rev()
        .find(|&bx| buffer[(bx, y)].symbol() == "\u{2502}");
    let bar = bar.expect("a bar before the cell");
    assert!(has_style(&buffer[(bar, y)], theme.style(Role::Muted)));
}
