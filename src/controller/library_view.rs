//! The library as the reader holds it: the briefings found so far with
//! their summaries (`crate::library::Library`), the rows in the order and
//! filter asked for, the cursor, whether a briefing is being read, and the
//! readers left behind by a jump to another briefing (`Ctrl-o` goes back
//! to them, in place). Data only: the changes are `browse`'s.

use crate::library::rows::{self, Sort};
use crate::library::{Entry, Library, Member};

use super::state::State;

/// The library's part of the state.
#[derive(Debug, Clone)]
pub struct LibraryView {
    pub library: Library,
    /// Positions in `library.entries`, as listed.
    pub rows: Vec<usize>,
    /// Index into `rows`.
    pub cursor: usize,
    /// The first row on screen.
    pub top: usize,
    pub filter: String,
    /// The filter prompt has the keyboard.
    pub filtering: bool,
    pub sort: Sort,
    /// A briefing is open (the reader's panes are shown, not the list).
    pub reading: bool,
    /// The entry of the briefing being read, if it is one of the library's.
    pub current: Option<usize>,
    /// Readers left by a jump to another briefing, latest last, each with
    /// the entry it was reading.
    pub readers: Vec<(Box<State>, Option<usize>)>,
    /// The latest library search asked for (its generation and query).
    pub search: (u64, String),
    /// The cross-library picker's rows, made for this generation of the
    /// identities: opened again, it is a copy, not a rebuild.
    pub entity_rows: Option<(u64, Vec<super::picker::PickerItem>)>,
}

impl LibraryView {
    pub fn new(library: Library) -> Self {
        let mut view = LibraryView {
            library,
            rows: Vec::new(),
            cursor: 0,
            top: 0,
            filter: String::new(),
            filtering: false,
            sort: Sort::default(),
            reading: false,
            current: None,
            readers: Vec::new(),
            search: (0, String::new()),
            entity_rows: None,
        };
        view.arrange();
        view
    }

    /// Re-sorts and re-filters the rows, keeping the cursor on the same
    /// briefing when it is still listed.
    pub fn arrange(&mut self) {
        let selected = self.selected();
        self.rows = rows::arrange(&self.library.entries, &self.filter, self.sort);
        if let Some(at) = selected.and_then(|entry| self.rows.iter().position(|&r| r == entry)) {
            self.cursor = at;
        }
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
    }

    /// The entry under the cursor.
    pub fn selected(&self) -> Option<usize> {
        self.rows.get(self.cursor).copied()
    }

    pub fn entry(&self, at: usize) -> Option<&Entry> {
        self.library.entries.get(at)
    }

    /// The library's member for an entity of the briefing being read,
    /// found by its id (the index's entity order is the loader's, but the
    /// file may have changed since it was indexed).
    pub fn member_of(&self, id: &str) -> Option<Member> {
        let briefing = self.current?;
        let summary = self.entry(briefing)?.summary.as_ref()?;
        let entity = summary.entities.iter().position(|e| e.id == id)?;
        Some(Member { briefing, entity })
    }

    /// The other briefings naming the same entity as `member`, in the
    /// library's order, each with its first member there.
    pub fn elsewhere(&self, member: Member) -> Vec<Member> {
        let mut seen = std::collections::HashSet::new();
        self.library
            .identities
            .group_of(member)
            .into_iter()
            .filter(|m| m.briefing != member.briefing && seen.insert(m.briefing))
            .collect()
    }
}

impl State {
    /// The library, when the reader was opened on a folder.
    pub fn library(&self) -> Option<&super::library_view::LibraryView> {
        self.library.as_deref()
    }

    /// Whether the library's list is on screen (no briefing open).
    pub fn library_showing(&self) -> bool {
        self.library.as_ref().is_some_and(|v| !v.reading)
    }

    /// Rows of the library's list on screen: the screen less the header,
    /// the column names, the status and the hint bar.
    pub fn library_rows(&self) -> usize {
        usize::from(self.screen.height.saturating_sub(4)).max(1)
    }
}
