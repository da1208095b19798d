//! The caret in the article and the selection it drags, as plain data: a
//! byte offset on the start of a grapheme as shown, the other end of a
//! selection when one is being made, and the column `j`/`k` keep. The
//! motions that change it are in `select`; the layout says where they go
//! (`layout::caret`); `readout` answers what is selected. Nothing here
//! changes state.

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
