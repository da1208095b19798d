//! The jump list: places visited before big moves, walked with `Ctrl-o`
//! and `Alt-→`. Modelled on vim's: jumping back from the newest entry first
//! records where you are, so forward returns there; a place already in the
//! list moves to the end instead of repeating.

use super::pane::Pane;
use crate::model::{EntityId, MentionId};

/// A place in the reader that survives resizes: the byte offset at the
/// top of the view, the reading position and the focused mention, and
/// what the side panes showed (focus, selected entity and event, the
/// note's card), so that going back restores the cards too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub top: usize,
    pub cursor: usize,
    pub mention: Option<MentionId>,
    pub focus: Pane,
    pub entity: Option<EntityId>,
    pub event: usize,
    pub note: Option<usize>,
}

const CAPACITY: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    entries: Vec<Location>,
    /// Where back/forward stand; `entries.len()` means past the newest.
    position: usize,
}

impl JumpList {
    /// Records the place before a big move.
    pub fn record(&mut self, here: Location) {
        self.entries.truncate(self.position);
        self.entries.retain(|entry| *entry != here);
        self.entries.push(here);
        if self.entries.len() > CAPACITY {
            self.entries.remove(0);
        }
        self.position = self.entries.len();
    }

    /// The place to go back to, given where the reader is now.
    pub fn back(&mut self, here: Location) -> Option<Location> {
        if self.position == self.entries.len() {
            // Leaving the newest place: remember it so forward can return.
            if self.entries.last() != Some(&here) {
                self.entries.push(here);
            }
            self.position = self.entries.len() - 1;
        }
        let mut target = self.position.checked_sub(1)?;
        // Skip an entry that is where we already are.
        while self.entries.get(target) == Some(&here) {
            target = target.checked_sub(1)?;
        }
        self.position = target;
        self.entries.get(target).copied()
    }

    /// The place to go forward to, if back was used.
    pub fn forward(&mut self) -> Option<Location> {
        let target = self.position + 1;
        let location = self.entries.get(target).copied()?;
        self.position = target;
        Some(location)
    }

    /// Changes every place in the list (the briefing under them changed).
    pub(crate) fn for_each_mut(&mut self, change: impl FnMut(&mut Location)) {
        self.entries.iter_mut().for_each(change);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(top: usize) -> Location {
        Location {
            top,
            cursor: top,
            mention: None,
            focus: Pane::Article,
            entity: None,
            event: 0,
            note: None,
        }
    }

    #[test]
    fn back_and_forward_return_to_each_place() {
        let mut jumps = JumpList::default();
        jumps.record(at(0));
        jumps.record(at(100));
        // Now at 200.
        assert_eq!(jumps.back(at(200)), Some(at(100)));
        assert_eq!(jumps.back(at(100)), Some(at(0)));
        assert_eq!(jumps.back(at(0)), None);
        assert_eq!(jumps.forward(), Some(at(100)));
        assert_eq!(jumps.forward(), Some(at(200)));
        assert_eq!(jumps.forward(), None);
    }

    #[test]
    fn a_new_jump_after_going_back_drops_the_forward_places() {
        let mut jumps = JumpList::default();
        jumps.record(at(0));
        jumps.record(at(100));
        assert_eq!(jumps.back(at(200)), Some(at(100)));
        jumps.record(at(100));
        // Now at 300; forward history (200) is gone.
        assert_eq!(jumps.forward(), None);
        assert_eq!(jumps.back(at(300)), Some(at(100)));
        assert_eq!(jumps.back(at(100)), Some(at(0)));
    }

    #[test]
    fn repeats_collapse() {
        let mut jumps = JumpList::default();
        for top in [0, 100, 0, 100, 0] {
            jumps.record(at(top));
        }
        assert_eq!(jumps.len(), 2);
        assert_eq!(jumps.back(at(50)), Some(at(0)));
        assert_eq!(jumps.back(at(0)), Some(at(100)));
    }
}
