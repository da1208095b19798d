//! The caret in the article and the selection it drags, as plain data: a
//! byte offset on the start of a grapheme as shown, the other end of a
//! selection when one is being made, and the column `j`/`k` keep. The
//! motions that change it are in `select`; the layout says where they go
//! (`layout::caret`). Nothing here changes state.

use std::ops::Range;

use super::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caret {
    /// A byte offset of the stored text: the grapheme the caret is on.
    pub at: usize,
    /// Where the selection started (`v`), while there is one.
    pub anchor: Option<usize>,
    /// The screen column `j` and `k` aim for, kept over short lines as in
    /// vim; any other motion forgets it.
    pub column: Option<usize>,
}

impl State {
    pub fn caret(&self) -> Option<&Caret> {
        self.caret.as_ref()
    }

    /// The selected bytes: from the earlier end's grapheme to the end of
    /// the later end's, both included, as vim's visual mode selects.
    pub fn selection(&self) -> Option<Range<usize>> {
        let caret = self.caret?;
        let anchor = caret.anchor?;
        let (low, high) = if anchor <= caret.at {
            (anchor, caret.at)
        } else {
            (caret.at, anchor)
        };
        let end = self.layout.grapheme_end(&self.briefing.document, high);
        Some(low..end.max(low))
    }
}
