//! The screen the reader draws on: the frame last sent and the one being
//! drawn, and the bytes between them. Each frame is rendered into a
//! buffer (`ui::render`), encoded as a diff against the last
//! (`diff_frame`), ended as ratatui ended its frames (the cursor hidden, or
//! shown at `ui::cursor`'s place) and sent in one write. A frame at a new
//! terminal size, or after the terminal was given back and taken again
//! (`Ctrl-z`), is the whole screen on a cleared terminal.
//!
//! It owns the two buffers and the frame's bytes; what is drawn is `ui`'s,
//! and raw mode, the alternate screen and restoring are the terminal
//! module's.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cell_writer::{Colors, push_number};
use super::diff_frame::encode_diff_frame;
use super::first_frame::encode_first_frame;
use crate::controller::{Input, State, update};
use crate::theme::Theme;
use crate::ui;

/// Room for a frame's bytes: a keystroke's frame is a few kilobytes, a
/// whole 200x60 screen some tens.
const FRAME_BYTES: usize = 32 * 1024;

pub(super) struct Screen {
    /// What the terminal shows (as far as the reader drew it).
    shown: Buffer,
    /// Drawn into, then sent as the difference from `shown`; blank
    /// between frames.
    next: Buffer,
    bytes: Vec<u8>,
    /// Standard output, written to without `Stdout`'s line buffer, which
    /// sent a frame holding a line feed as two writes.
    out: File,
    colors: Colors,
}

impl Screen {
    /// Draws the first frame straight onto the terminal, which
    /// `terminal::enter` has just cleared, at the size the terminal has
    /// now, and tells the state that size.
    pub(super) fn first(state: &mut State, theme: &Theme) -> io::Result<Screen> {
        let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
        let (width, height) = size_of(&out)?;
        update(state, Input::Resize(width, height));
        let area = Rect::new(0, 0, width, height);
        let mut frame = Buffer::empty(area);
        ui::render(&mut frame, area, state, theme);
        let colors = Colors::from_env();
        let mut bytes = Vec::with_capacity(FRAME_BYTES);
        encode_first_frame(&frame, colors, &mut bytes);
        // A caret kept with a review is on from the first frame: the
        // cursor shows it at once, not after the first key. The cursor
        // was hidden on entering, so the frame needs no end otherwise.
        if let Some((x, y)) = ui::cursor(area, state) {
            move_cursor(&mut bytes, x, y);
            bytes.extend_from_slice(SHOW_CURSOR);
        }
        let mut screen = Screen {
            shown: frame,
            next: Buffer::empty(Rect::ZERO),
            bytes,
            out,
            colors,
        };
        screen.send()?;
        // The buffer for the next frame is made once the first screen is
        // out: at 200x60 it is over half a megabyte of fresh pages (made
        // before it, ratatui's two buffers cost about half a millisecond
        // of start-up).
        screen.next = Buffer::empty(area);
        Ok(screen)
    }

    /// Draws the state's frame: at the terminal's size now, which a
    /// resize still on its way to the state may have changed (that
    /// resize's own frame follows).
    pub(super) fn draw(&mut self, state: &State, theme: &Theme) -> io::Result<()> {
        let (width, height) = self.size()?;
        let area = Rect::new(0, 0, width, height);
        // `next` is blank (see below). Resized in place: a window dragged
        // between two sizes reuses the cells' memory instead of faulting
        // in fresh pages each time.
        if self.next.area != area {
            self.next.resize(area);
            self.next.reset();
        }
        ui::render(&mut self.next, area, state, theme);
        self.bytes.clear();
        encode_diff_frame(&self.shown, &self.next, self.colors, &mut self.bytes);
        // ratatui ended every frame so, and the pty tests and benches take
        // the cursor's hiding or showing as a frame's end.
        match ui::cursor(area, state) {
            None => self.bytes.extend_from_slice(HIDE_CURSOR),
            Some((x, y)) => {
                self.bytes.extend_from_slice(SHOW_CURSOR);
                move_cursor(&mut self.bytes, x, y);
            }
        }
        let sent = self.send();
        std::mem::swap(&mut self.shown, &mut self.next);
        // The frame is out: blanking the old one for the next frame (a
        // pass over half a megabyte of cells at 200x60, as long as
        // comparing the two) is no longer between a key and its frame.
        self.next.reset();
        sent
    }

    /// The terminal's size, if it is no longer the one last drawn at.
    pub(super) fn resized(&self) -> io::Result<Option<(u16, u16)>> {
        let (width, height) = self.size()?;
        let drawn = (self.shown.area.width, self.shown.area.height);
        Ok(Some((width, height)).filter(|&now| now != drawn))
    }

    /// The size of the terminal the frames go to ([`size_of`]): every
    /// size the reader draws at or tells the state comes from here, so the
    /// two never disagree.
    pub(super) fn size(&self) -> io::Result<(u16, u16)> {
        size_of(&self.out)
    }

    /// Forgets what the terminal shows, so the next frame clears it and
    /// draws everything: after it was given back and taken again.
    pub(super) fn forget(&mut self) {
        self.shown.resize(Rect::ZERO);
    }

    fn send(&mut self) -> io::Result<()> {
        // Stdout's lock, though the write does not go through it: a frame
        // and the panic hook's restoring (which takes it) never interleave.
        let _turn = io::stdout().lock();
        let written = self.out.write_all(&self.bytes);
        self.bytes.clear();
        written
    }
}

/// The size of the terminal `out` is, asked of that descriptor: one
/// `ioctl` a frame, where crossterm's `size()` opens `/dev/tty`, asks and
/// closes it again (30 µs of every key's frame in a pty, measured in the
/// process), and asks the controlling terminal, which need not be the
/// one written to. crossterm's answer when the descriptor has none.
fn size_of(out: &File) -> io::Result<(u16, u16)> {
    match rustix::termios::tcgetwinsize(out) {
        Ok(size) if size.ws_col > 0 && size.ws_row > 0 => Ok((size.ws_col, size.ws_row)),
        _ => ratatui::crossterm::terminal::size(),
    }
}

const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// The cursor to column `x`, row `y` (from 0), as crossterm's `MoveTo`.
fn move_cursor(out: &mut Vec<u8>, x: u16, y: u16) {
    out.extend_from_slice(b"\x1b[");
    push_number(out, u32::from(y) + 1);
    out.push(b';');
    push_number(out, u32::from(x) + 1);
    out.push(b'H');
}
