//! Every frame after the first goes out through the reader's own diff
//! encoder (`brief::terminal::encode_diff_frame`) instead of ratatui's
//! `Terminal::draw`. A terminal that was sent a first frame and then the
//! encoder's diff to a second must look exactly as one that ratatui drew
//! both frames on: every cell's text, colours (underline colours too) and
//! attributes, wide characters, emoji and combining marks included, cells
//! reset to blank and cells set aside too. Both byte streams go through
//! the `vt100` terminal emulator (`support/frames.rs`) and the screens are
//! compared cell by cell: for random pairs of frames of one size, for
//! pairs of different sizes (a resize: a cleared screen and the whole new
//! frame), with colours dropped (`NO_COLOR`), and for the reader's own
//! screens as keys change them.

#[path = "support/frames.rs"]
mod frames;

use brief::controller::{Input, Keymap, State, press, update};
use brief::terminal::{CLEAR, Colors, encode_diff_frame, encode_first_frame};
use brief::theme::Theme;
use brief::ui;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use frames::{
    area, assert_pen_put_down, edits, frame, frame_over, ratatui_bytes, ratatui_colorless_bytes,
};

/// The encoder's first frame of `first`, then its diff to `second`.
fn our_bytes(first: &Buffer, second: &Buffer, colors: Colors) -> Vec<u8> {
    let mut bytes = Vec::new();
    encode_first_frame(first, colors, &mut bytes);
    let diff_starts = bytes.len();
    encode_diff_frame(first, second, colors, &mut bytes);
    if first.area == second.area {
        assert!(
            !bytes[diff_starts..].starts_with(CLEAR),
            "a frame of the same size clears the screen"
        );
    }
    bytes
}

/// ratatui drawing `first`, then `second`: as its `Terminal` does, with
/// a cleared screen and a whole frame when the size changed.
fn ratatuis_bytes(first: &Buffer, second: &Buffer) -> Vec<u8> {
    let mut bytes = ratatui_bytes(&Buffer::empty(first.area), first);
    if first.area == second.area {
        bytes.extend(ratatui_bytes(first, second));
    } else {
        bytes.extend_from_slice(b"\x1b[2J");
        bytes.extend(ratatui_bytes(&Buffer::empty(second.area), second));
    }
    bytes
}

/// The whole terminal both frames are drawn on, from its corner.
fn terminal_size(first: &Buffer, second: &Buffer) -> (u16, u16) {
    (
        first.area.right().max(second.area.right()),
        first.area.bottom().max(second.area.bottom()),
    )
}

fn assert_same_screen(first: &Buffer, second: &Buffer) {
    let (columns, rows) = terminal_size(first, second);
    let ours = our_bytes(first, second, Colors::Sent);
    let theirs = ratatuis_bytes(first, second);
    frames::assert_same_screen(&ours, &theirs, columns, rows, "the encoded diff");
    assert_pen_put_down(&ours, columns, rows);
}

/// Two frames of one size: the second made from the first by more edits.
fn pair_of_one_size() -> impl Strategy<Value = (Buffer, Buffer)> {
    area()
        .prop_flat_map(|area| (frame_over(area), edits(area.width, area.height)))
        .prop_map(|(first, edits)| {
            let mut second = first.clone();
            edits.apply(&mut second);
            (first, second)
        })
}

/// Two frames of one size, the second drawn afresh (as the reader draws
/// each frame on a reset buffer).
fn fresh_pair() -> impl Strategy<Value = (Buffer, Buffer)> {
    area().prop_flat_map(|area| (frame_over(area), frame_over(area)))
}

proptest! {
    #![proptest_config(frames::config(512, "proptest-regressions/diff_frame.txt"))]

    #[test]
    fn a_diff_leaves_the_screen_ratatuis_draw_leaves((first, second) in pair_of_one_size()) {
        assert_same_screen(&first, &second);
    }

    #[test]
    fn a_diff_to_a_fresh_frame_leaves_ratatuis_screen((first, second) in fresh_pair()) {
        assert_same_screen(&first, &second);
    }

    #[test]
    fn a_resize_leaves_the_screen_ratatuis_draw_leaves(first in frame(), second in frame()) {
        assert_same_screen(&first, &second);
    }

    #[test]
    fn without_colours_a_diff_shows_the_colourless_frames((first, second) in pair_of_one_size()) {
        let (columns, rows) = terminal_size(&first, &second);
        let ours = our_bytes(&first, &second, Colors::Dropped);
        let mut theirs = ratatui_colorless_bytes(&Buffer::empty(first.area), &first);
        theirs.extend(ratatui_colorless_bytes(&first, &second));
        frames::assert_same_screen(&ours, &theirs, columns, rows, "the colourless diff");
        let colours = [&b"\x1b[38;"[..], b";38;", b";48;", b";58;"];
        prop_assert!(
            !colours.iter().any(|colour| ours.windows(colour.len()).any(|w| w == *colour)),
            "a colour was sent"
        );
    }
}

fn bundled() -> brief::model::Briefing {
    brief::loader::load_bundled()
        .briefing
        .expect("the bundled briefing loads")
}

/// The reader's own screens, frame after frame as keys change them, in
/// every built-in theme and at a few sizes; a resize between two of them.
#[test]
fn the_readers_frames_diff_like_ratatuis() {
    let keys = [
        "j", "j", "<Space>", "b", "G", "gg", "]", "]", "/", "a", "t", "<Enter>", "n", "<Esc>",
        "<Tab>", "j", "<Tab>", "e",
    ];
    for built_in in brief::theme::BUILT_IN {
        let theme = Theme::built_in(built_in.name, true).expect("a built-in theme");
        for (width, height) in [(80, 24), (200, 60), (37, 9)] {
            let mut state = State::new(bundled(), Keymap::default_keymap(), width, height);
            let draw = |state: &State| {
                let area = Rect::new(0, 0, state.screen().width, state.screen().height);
                let mut frame = Buffer::empty(area);
                ui::render(&mut frame, area, state, &theme);
                frame
            };
            let mut shown = draw(&state);
            for key in keys {
                press(&mut state, key).expect("a key the reader knows");
                let next = draw(&state);
                assert_same_screen(&shown, &next);
                shown = next;
            }
            update(&mut state, Input::Resize(width - 1, height + 1));
            assert_same_screen(&shown, &draw(&state));
        }
    }
}
