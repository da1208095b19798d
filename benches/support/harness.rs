//! What the criterion benches share: the data (generated on first use), a
//! loaded reader state, one frame drawn off-screen, and the criterion
//! settings. Included with `#[path]` next to `synth/`.

// Each bench uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use brief::controller::{Input, Keymap, State, parse_sequence, update};
use brief::loader::{self, FileSystem};
use brief::model::Briefing;
use brief::theme::Theme;
use brief::ui;
use criterion::Criterion;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::synth::{self, Size};

/// The screen the keystroke targets are stated for.
pub const WIDTH: u16 = 200;
pub const HEIGHT: u16 = 60;

/// The file to open for `size`, generated into `target/bench-data` first if
/// it is missing or stale.
pub fn data(size: Size) -> PathBuf {
    synth::ensure(size, &synth::bench_dir(), synth::DEFAULT_SEED)
        .unwrap_or_else(|error| panic!("cannot write the {} bench data: {error}", size.name()))
}

/// The briefing for `size`, loaded as `brief FILE` loads it.
pub fn briefing(size: Size) -> Briefing {
    let path = data(size);
    let loaded = loader::load(&path, &FileSystem);
    assert_eq!(
        loaded.error_count(),
        0,
        "{} does not load: {:?}",
        path.display(),
        loaded.diagnostics.first().map(|d| d.render())
    );
    loaded.briefing.expect("no errors, so a briefing")
}

/// A reader state at 200x60, as it is after start-up.
pub fn state(size: Size) -> State {
    State::new(briefing(size), Keymap::default_keymap(), WIDTH, HEIGHT)
}

pub fn theme() -> Theme {
    Theme::built_in("dark", false).expect("the dark theme is built in")
}

/// Presses keys in the keymap notation.
pub fn press(state: &mut State, notation: &str) {
    for key in parse_sequence(notation).expect("valid key notation") {
        update(state, Input::Key(key));
    }
    update(state, Input::Settle);
}

/// Draws one whole frame into `buffer` (resized to the state's screen if
/// need be), as `terminal.draw` does before it diffs and writes.
pub fn draw(buffer: &mut Buffer, state: &State, theme: &Theme) {
    let area = Rect::new(0, 0, state.screen().width, state.screen().height);
    if buffer.area != area {
        buffer.resize(area);
    }
    buffer.reset();
    ui::render(buffer, area, state, theme);
}

/// Start-up as the binary does it: a preview of the text's start when the
/// briefing is large (the full load then runs on another thread, not
/// timed here), else the whole load; a state at the terminal's size; the
/// first frame.
pub fn first_frame(path: &std::path::Path, theme: &Theme) -> Buffer {
    let briefing =
        loader::preview(path, loader::preview_bytes(WIDTH, HEIGHT)).unwrap_or_else(|| {
            let loaded = loader::load(path, &FileSystem);
            loaded.briefing.expect("loads")
        });
    let state = State::new(briefing, Keymap::default_keymap(), WIDTH, HEIGHT);
    let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    draw(&mut buffer, &state, theme);
    buffer
}

/// Criterion for these benches: shorter than the default so the whole suite
/// runs in minutes on two cores; slow cases lower their sample size.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
        .configure_from_args()
}
