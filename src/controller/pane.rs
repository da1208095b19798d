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

    pub fn index(self) -> u8 {
        match self {
            Pane::Article => 0,
            Pane::Entities => 1,
            Pane::Timeline => 2,
        }
    }
}
