//! Whitespace-folded views of the text, for matching quotes and names.
//!
//! A projection is a derived string in which every run of whitespace is one
//! space, with a compact map back to byte offsets of the stored text. The
//! source projection folds the stored text itself; the rendered projection
//! (Markdown only) folds the text as displayed, markup removed. Matching
//! happens in the projection; results are mapped back and never leave the
//! loader in projection coordinates.

use std::ops::Range;

/// A point where the projection's mapping to the source changes. From
/// `projected` up to the next anchor, the map is either linear (the same
/// bytes, shifted) or collapses onto one source range (a folded whitespace
/// run, an entity reference, a replaced run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    projected: usize,
    source: usize,
    /// Length of the source range for a collapsing anchor; `None` if linear.
    collapsed: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Projection {
    pub text: String,
    anchors: Vec<Anchor>,
}

impl Projection {
    /// Folds the whitespace of a text whose every byte shows as itself.
    pub fn of_source(text: &str) -> Self {
        let mut builder = Builder::default();
        builder.push_exact(0, text);
        builder.finish()
    }

    /// Maps the start of a projected range to a source byte offset.
    pub fn source_start(&self, projected: usize) -> usize {
        let index = self.anchors.partition_point(|a| a.projected <= projected);
        match index.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            None => projected,
            Some(anchor) if anchor.collapsed.is_some() => anchor.source,
            Some(anchor) => anchor.source + (projected - anchor.projected),
        }
    }

    /// Maps the (exclusive) end of a projected range to a source byte offset.
    pub fn source_end(&self, projected: usize) -> usize {
        let index = self.anchors.partition_point(|a| a.projected < projected);
        match index.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            None => projected,
            Some(anchor) => match anchor.collapsed {
                Some(length) => anchor.source + length,
                None => anchor.source + (projected - anchor.projected),
            },
        }
    }

    pub fn source_range(&self, projected: Range<usize>) -> Range<usize> {
        self.source_start(projected.start)..self.source_end(projected.end)
    }
}

/// Folds a string the way projections do: runs of whitespace become one
/// space. `trim` also drops leading and trailing whitespace (quotes, names).
pub fn fold_whitespace(text: &str, trim: bool) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_space = true;
        } else {
            if in_space && (!trim || !folded.is_empty()) {
                folded.push(' ');
            }
            in_space = false;
            folded.push(c);
        }
    }
    if in_space && !trim {
        folded.push(' ');
    }
    folded
}

/// Builds a projection piece by piece.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    anchors: Vec<Anchor>,
    /// `Some(delta)` while the map is linear with `source = projected + delta`.
    linear_delta: Option<isize>,
    /// A collapsing anchor's source range while inside one.
    collapsed: Option<Range<usize>>,
    /// Source range of whitespace seen but not yet emitted.
    pending_space: Option<Range<usize>>,
    started: bool,
}

impl Builder {
    /// Text whose bytes appear in the source at `source_start` onwards.
    pub fn push_exact(&mut self, source_start: usize, text: &str) {
        for (offset, c) in text.char_indices() {
            let at = source_start + offset;
            self.push_char(c, at..at + c.len_utf8());
        }
    }

    /// Text shown in place of the source range (a character reference, an
    /// escape, a line break): every character maps to the whole range.
    pub fn push_replaced(&mut self, source: Range<usize>, text: &str) {
        for c in text.chars() {
            self.push_char(c, source.clone());
        }
    }

    /// A separation with no text of its own, such as the gap between blocks.
    pub fn push_break(&mut self, source: Range<usize>) {
        self.push_char(' ', source);
    }

    fn push_char(&mut self, c: char, source: Range<usize>) {
        if c.is_whitespace() {
            let start = self
                .pending_space
                .as_ref()
                .map_or(source.start, |p| p.start);
            self.pending_space = Some(start..source.end.max(start));
            return;
        }
        self.flush_space();
        let projected = self.text.len();
        if source.len() == c.len_utf8() {
            self.map_linear(projected, source.start);
        } else if self.collapsed.as_ref() != Some(&source) {
            self.push_collapsed(projected, source);
        }
        self.text.push(c);
        self.started = true;
    }

    fn flush_space(&mut self) {
        let Some(space) = self.pending_space.take() else {
            return;
        };
        let projected = self.text.len();
        if space.len() == 1 && self.predicts(projected, space.start) {
            // A single-byte space in a linear stretch maps to itself.
        } else if space.len() == 1 && !self.started {
            self.map_linear(projected, space.start);
        } else {
            self.push_collapsed(projected, space);
        }
        self.text.push(' ');
        self.started = true;
    }

    fn predicts(&self, projected: usize, source: usize) -> bool {
        self.linear_delta == Some(source as isize - projected as isize)
            || (!self.started && projected == source)
    }

    fn map_linear(&mut self, projected: usize, source: usize) {
        if !self.predicts(projected, source) {
            self.anchors.push(Anchor {
                projected,
                source,
                collapsed: None,
            });
        }
        self.linear_delta = Some(source as isize - projected as isize);
        self.collapsed = None;
    }

    fn push_collapsed(&mut self, projected: usize, source: Range<usize>) {
        self.anchors.push(Anchor {
            projected,
            source: source.start,
            collapsed: Some(source.len()),
        });
        self.linear_delta = None;
        self.collapsed = Some(source.clone());
    }

    pub fn finish(mut self) -> Projection {
        self.flush_space();
        Projection {
            text: self.text,
            anchors: self.anchors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(projection: &Projection, needle: &str) -> Range<usize> {
        let at = projection.text.find(needle).expect(needle);
        projection.source_range(at..at + needle.len())
    }

    #[test]
    fn folds_runs_and_maps_back_through_crlf_and_no_break_spaces() {
        let text = "one  two\r\n\r\nthree\u{a0}four\nfive";
        let projection = Projection::of_source(text);
        assert_eq!(projection.text, "one two three four five");
        for word in ["one", "two", "three", "four", "five"] {
            assert_eq!(&text[find(&projection, word)], word);
        }
        assert_eq!(&text[find(&projection, "two three")], "two\r\n\r\nthree");
        assert_eq!(&text[find(&projection, "three four")], "three\u{a0}four");
    }

    #[test]
    fn identity_when_nothing_folds() {
        let text = "a plain\nline of text";
        let projection = Projection::of_source(text);
        assert_eq!(projection.anchors, []);
        assert_eq!(find(&projection, "line of"), 8..15);
    }

    #[test]
    fn leading_whitespace_maps_too() {
        let text = "\n\n  Title\n";
        let projection = Projection::of_source(text);
        assert_eq!(projection.text, " Title ");
        assert_eq!(&text[find(&projection, "Title")], "Title");
    }

    #[test]
    fn replaced_text_maps_to_its_whole_source_range() {
        let source = "Tom &amp; Jerry";
        let mut builder = Builder::default();
        builder.push_exact(0, "Tom ");
        builder.push_replaced(4..9, "&");
        builder.push_exact(9, " Jerry");
        let projection = builder.finish();
        assert_eq!(projection.text, "Tom & Jerry");
        assert_eq!(&source[find(&projection, "&")], "&amp;");
        assert_eq!(&source[find(&projection, "Tom & Jerry")], source);
        assert_eq!(&source[find(&projection, "Jerry")], "Jerry");
    }

    #[test]
    fn a_replaced_run_after_an_empty_break_keeps_its_range() {
        let source = "&ldquo;Hello";
        let mut builder = Builder::default();
        builder.push_break(0..0);
        builder.push_replaced(0..7, "\u{201c}");
        builder.push_exact(7, "Hello");
        let projection = builder.finish();
        assert_eq!(&source[find(&projection, "\u{201c}")], "&ldquo;");
        assert_eq!(&source[find(&projection, "\u{201c}Hello")], source);
    }

    #[test]
    fn fold_whitespace_trims_on_request() {
        assert_eq!(fold_whitespace("  a \n\t b  ", true), "a b");
        assert_eq!(fold_whitespace("said  ", false), "said ");
    }
}
