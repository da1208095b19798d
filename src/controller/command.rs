//! The three kinds of thing that cross the controller's edge: `Input`
//! (what the terminal reports: keys, sizes, the mouse) goes in; the keymap
//! turns keys into a `Command` (an action with the count or letter typed
//! with it); `update` returns the `Effect`s the outside world must carry
//! out (quit, suspend, copy, reload), since the controller itself does no
//! I/O.

use super::action::Action;
use super::keys::KeyPress;
use crate::model::Briefing;

/// Raw input, as the terminal reports it, and the outside world's answers
/// to effects.
#[derive(Debug, Clone)]
pub enum Input {
    Key(KeyPress),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A mouse click at a cell (with `--mouse`).
    Click(u16, u16),
    /// The mouse wheel turned over a cell.
    Wheel {
        down: bool,
        column: u16,
        row: u16,
    },
    /// A command by name, as if its keys had been typed (tests, and later
    /// a command line inside the reader).
    Command(Command),
    /// The full briefing behind a preview has loaded (see
    /// `controller::update`); `warnings` the load found in `path`.
    Loaded {
        briefing: Box<Briefing>,
        warnings: usize,
        path: String,
    },
    /// The burst of input is over (the terminal has no more keys waiting):
    /// work put off while keys kept coming, the incremental search, is
    /// done now, once.
    Settle,
    /// Text pasted in one piece (a bracketed paste): typed into an open
    /// prompt, never taken as keys.
    Paste(String),
    /// The counting thread's report on the next stretch of the text, for
    /// `Effect::Count`.
    Counted(super::found::Counted),
    /// The review writer's answer to `Effect::SaveReview`.
    ReviewSaved(crate::review::store::Saved),
    /// How an effect went, for the status line ("copied 80 characters").
    Reported(String),
    /// The files read again for `Effect::Reload`: the new briefing, or
    /// `None` and the diagnostics (rendered) that stopped it.
    Reloaded {
        briefing: Option<Box<Briefing>>,
        problems: Vec<String>,
        warnings: usize,
    },
    /// What the library's workers found since the last report.
    Library(Vec<crate::library::Report>),
    /// A briefing read for `Effect::Open`: the briefing, or the rendered
    /// diagnostics that stopped it.
    Opened {
        open: Open,
        briefing: Result<Box<Briefing>, Vec<String>>,
    },
    /// Matches of the library search of this generation.
    LibraryFound {
        generation: u64,
        hits: Vec<crate::library::search::Hit>,
    },
}

/// A briefing of the library to open, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// Its entry in the library.
    pub entry: usize,
    pub path: std::path::PathBuf,
    /// A byte offset of the text to show at the top.
    pub at: Option<usize>,
    /// An entity (by id) to select and show at its first mention.
    pub entity: Option<String>,
    /// Opened from another briefing: that reader is kept for `Ctrl-o`.
    pub from_reader: bool,
    /// Read again (`R`): takes the place of the reader showing it, whose
    /// way back (`Ctrl-o` to the briefings before) is kept.
    pub again: bool,
}

/// What an action was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arg {
    #[default]
    None,
    /// A count typed before the key: `5` in `5j`.
    Count(usize),
    /// The letter after the key: `a` in `ma`.
    Letter(char),
    /// The character a key typed into a prompt.
    Char(char),
}

/// An action with its argument: what `update` performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub arg: Arg,
}

impl Command {
    pub const fn new(action: Action) -> Self {
        Self {
            action,
            arg: Arg::None,
        }
    }

    /// The count typed, if any.
    pub fn count(&self) -> Option<usize> {
        match self.arg {
            Arg::Count(count) => Some(count),
            _ => None,
        }
    }

    /// How many times to repeat: the count, at least once.
    pub fn times(&self) -> usize {
        self.count().unwrap_or(1).max(1)
    }

    /// The letter or character given, if any.
    pub fn letter(&self) -> Option<char> {
        match self.arg {
            Arg::Letter(c) | Arg::Char(c) => Some(c),
            _ => None,
        }
    }
}

/// Something `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// End the reader.
    Quit,
    /// Give the terminal back and stop until `fg`.
    Suspend,
    /// Put this text on the clipboard (or in the copy file).
    Copy(String),
    /// Read the briefing's files again and hand the result back as
    /// `Input::Reloaded`.
    Reload,
    /// Write the review as it is now; the writer answers with
    /// `Input::ReviewSaved`.
    SaveReview,
    /// Count a search's matches on a thread (stopping any count before
    /// it), reporting with `Input::Counted`.
    Count(super::found::CountJob),
    /// Stop counting: the search it counted for is gone.
    StopCounting,
    /// Load a briefing of the library and hand it back as `Input::Opened`.
    Open(Open),
    /// Search the library's texts (stopping any search before it),
    /// reporting with `Input::LibraryFound`.
    SearchLibrary(crate::library::search::SearchJob),
}

/// What one input asks of the outside world, in order.
pub type Effects = Vec<Effect>;
