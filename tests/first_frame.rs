//! The reader writes its first frame with its own encoder
//! (`brief::terminal::encode_first_frame`) instead of ratatui's diff
//! against an empty screen. The two must leave a terminal looking exactly
//! the same: every cell's text, colours (underline colours too) and
//! attributes, wide characters included. Both byte streams go through the
//! `vt100` terminal emulator and the screens are compared cell by cell,
//! for random frames and for the reader's own first screens.

#[path = "support/frames.rs"]
mod frames;

use brief::controller::{Keymap, State};
use brief::terminal::Colors;
use brief::theme::Theme;
use brief::ui;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use frames::{assert_pen_put_down, frame, ratatui_first_bytes};

fn bundled() -> brief::model::Briefing {
    brief::loader::load_bundled()
        .briefing
        .expect("the bundled briefing loads")
}

fn encoder_bytes(frame: &Buffer) -> Vec<u8> {
    let mut bytes = Vec::new();
    brief::terminal::encode_first_frame(frame, Colors::Sent, &mut bytes);
    bytes
}

fn assert_same_screen(frame: &Buffer) {
    let (columns, rows) = (frame.area.right(), frame.area.bottom());
    let ours = encoder_bytes(frame);
    let theirs = ratatui_first_bytes(frame);
    frames::assert_same_screen(&ours, &theirs, columns, rows, "the encoded first frame");
    // The pen is put down: text written afterwards is plain.
    assert_pen_put_down(&ours, columns, rows);
}

proptest! {
    #![proptest_config(frames::config(256, "proptest-regressions/first_frame.txt"))]

    #[test]
    fn the_encoded_first_frame_looks_like_ratatuis(frame in frame()) {
        assert_same_screen(&frame);
    }
}

/// The reader's own first screens, at the sizes the screen tests use, on
/// the bundled briefing in every built-in theme.
#[test]
fn the_readers_first_screens_encode_like_ratatuis() {
    for built_in in brief::theme::BUILT_IN {
        let theme = Theme::built_in(built_in.name, true).expect("a built-in theme");
        for (width, height) in [(80, 24), (120, 40), (200, 60), (37, 9)] {
            let briefing = bundled();
            let state = State::new(briefing, Keymap::default_keymap(), width, height);
            let area = Rect::new(0, 0, width, height);
            let mut frame = Buffer::empty(area);
            ui::render(&mut frame, area, &state, &theme);
            assert_same_screen(&frame);
        }
    }
}

#[test]
fn the_encoder_writes_less_than_ratatuis_diff() {
    let briefing = bundled();
    let theme = Theme::built_in("dark", false).expect("the dark theme");
    let state = State::new(briefing, Keymap::default_keymap(), 200, 60);
    let area = Rect::new(0, 0, 200, 60);
    let mut frame = Buffer::empty(area);
    ui::render(&mut frame, area, &state, &theme);
    let (ours, theirs) = (
        encoder_bytes(&frame).len(),
        ratatui_first_bytes(&frame).len(),
    );
    assert!(
        ours * 5 < theirs * 4,
        "{ours} bytes against ratatui's {theirs}: the encoder should save at least a fifth"
    );
}
