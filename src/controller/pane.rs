//! The three panes a reader can focus, with their titles and the keymap
//! context each one's keys live in.

use super::keymap::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Article,
    Entities,
    Timeline,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Article, Pane::Entities, Pane::Timeline];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Article => "Article",
            Pane::Entities => "Entities",
            Pane::Timeline => "Timeline",
        }
    }

    pub fn context(self) -> Context {
        match self {
            Pane::Article => Context::Article,
            Pane::Entities => Context::Entities,
            Pane::Timeline => Context::Timeline,
        }
    }

    /// The pane `steps` places on in `ALL`'s order, wrapping with `wrap`,
    /// else stopping at either end (`Ctrl-w w` wraps, `Ctrl-w h`/`l` do
    /// not, as in vim).
    pub fn step(self, steps: isize, wrap: bool) -> Pane {
        let count = Pane::ALL.len() as isize;
        let at = self.index() as isize + steps;
        let at = if wrap {
            at.rem_euclid(count)
        } else {
            at.clamp(0, count - 1)
        };
        Pane::ALL
            .get(usize::try_from(at).unwrap_or(0))
            .copied()
            .unwrap_or(Pane::Article)
    }

    pub fn index(self) -> u8 {
        match self {
            Pane::Article => 0,
            Pane::Entities => 1,
            Pane::Timeline => 2,
        }
    }
}
