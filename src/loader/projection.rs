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

    /// [`Self::source_range`] for ranges that come in about increasing
    /// order: the anchors are searched from `hint`, where the last range's
    /// were found, instead of over all of them.
    pub fn source_range_near(&self, projected: Range<usize>, hint: &mut usize) -> Range<usize> {
        let index = partition_from(&self.anchors, *hint, |a| a.projected <= projected.start);
        *hint = index;
        let start = match index.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            None => projected.start,
            Some(anchor) if anchor.collapsed.is_some() => anchor.source,
            Some(anchor) => anchor.source + (projected.start - anchor.projected),
        };
        let index = partition_from(&self.anchors, index, |a| a.projected < projected.end);
        let end = match index.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            None => projected.end,
            Some(anchor) => match anchor.collapsed {
                Some(length) => anchor.source + length,
                None => anchor.source + (projected.end - anchor.projected),
            },
        };
        start..end
    }
}

/// `items.partition_point(pred)` for a `pred` true then false along
/// `items`, found by galloping out from `hint` (where the answer is
/// expected to be near) rather than by halving all of `items`.
pub fn partition_from<T>(items: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let hint = hint.min(items.len());
    let rest = |from: usize, to: usize| {
        from + items
            .get(from..to)
            .unwrap_or_default()
            .partition_point(&pred)
    };
    if items.get(hint).is_some_and(&pred) {
        let mut known = hint;
        let mut step = 1;
        loop {
            let probe = known + step;
            match items.get(probe) {
                None => return rest(known + 1, items.len()),
                Some(item) if !pred(item) => return rest(known + 1, probe),
                Some(_) => known = probe,
            }
            step *= 2;
        }
    } else {
        let mut known = hint;
        let mut step = 1;
        while known > 0 {
            let probe = known.saturating_sub(step);
            if items.get(probe).is_some_and(&pred) {
                return rest(probe + 1, known);
            }
            known = probe;
            step *= 2;
        }
        0
    }
}

/// [`fold_whitespace`] with `trim`, borrowing `text` when it is folded
/// already (nearly every quote is): no copy to make and free.
pub fn folded_and_trimmed(text: &str) -> std::borrow::Cow<'_, str> {
    let mut after_space = true;
    let already = text.chars().all(|c| {
        let fits = !c.is_whitespace() || (c == ' ' && !after_space);
        after_space = c.is_whitespace();
        fits
    }) && !after_space;
    if already || text.is_empty() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fold_whitespace(text, true))
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

/// The length of the longest start of `bytes` made of ASCII characters
/// other than whitespace, with single spaces between them, ending on one
/// that is not a space.
fn plain_words(bytes: &[u8]) -> usize {
    let word = |byte: u8| byte.is_ascii() && !byte.is_ascii_whitespace() && byte != 0x0B;
    let mut end = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if word(byte) {
            at += 1;
            end = at;
        } else if byte == b' '
            && end == at
            && end > 0
            && bytes.get(at + 1).is_some_and(|&b| word(b))
        {
            at += 1;
        } else {
            break;
        }
    }
    end
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
        let mut offset = 0;
        while let Some(rest) = text.get(offset..) {
            // Words of ASCII with single spaces between them map byte for
            // byte: one step for the stretch, not one for each character.
            let words = plain_words(rest.as_bytes());
            if let Some(stretch) = rest.get(..words).filter(|_| words > 0) {
                self.push_linear(source_start + offset, stretch);
                offset += words;
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            let at = source_start + offset;
            self.push_char(c, at..at + c.len_utf8());
            offset += c.len_utf8();
        }
    }

    /// What pushing each character of `stretch` (see [`plain_words`]) from
    /// `source_start` on does: after the first, every character and every
    /// single space continues the linear map, so only the text grows.
    fn push_linear(&mut self, source_start: usize, stretch: &str) {
        self.flush_space();
        self.map_linear(self.text.len(), source_start);
        self.text.push_str(stretch);
        self.started = true;
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
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn folded_and_trimmed_is_the_fold_borrowed_when_it_can_be(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", " ", "  ", "\n", "\t", "\u{a0}", "\u{2003}", "b c"]),
                0..12,
            )
        ) {
            let text = parts.concat();
            let folded = folded_and_trimmed(&text);
            prop_assert_eq!(folded.as_ref(), fold_whitespace(&text, true));
            prop_assert_eq!(
                matches!(folded, std::borrow::Cow::Borrowed(_)),
                fold_whitespace(&text, true) == text
            );
        }
    }

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
    fn partition_from_agrees_with_partition_point_from_any_hint() {
        let items: Vec<usize> = (0..300).map(|i| i / 3).collect();
        for hint in 0..=items.len() + 2 {
            for x in 0..=101 {
                assert_eq!(
                    partition_from(&items, hint, |&v| v < x),
                    items.partition_point(|&v| v < x),
                    "hint {hint}, x {x}"
                );
            }
        }
        assert_eq!(partition_from(&[] as &[usize], 3, |&v| v < 1), 0);
    }

    #[test]
    fn source_range_near_agrees_with_source_range() {
        let text = "a  b\n\nc d\u{a0}e   f\r\n\r\ng h";
        let projection = Projection::of_source(text);
        let length = projection.text.len();
        for hint in 0..8 {
            for start in 0..=length {
                for end in start..=length {
                    let mut near = hint;
                    assert_eq!(
                        projection.source_range_near(start..end, &mut near),
                        projection.source_range(start..end)
                    );
                }
            }
        }
    }

    /// The projection made a character at a time, as `push_exact` did
    /// before it took stretches of plain words in one step.
    fn char_by_char(text: &str) -> Projection {
        let mut builder = Builder::default();
        for (at, c) in text.char_indices() {
            builder.push_char(c, at..at + c.len_utf8());
        }
        builder.finish()
    }

    #[test]
    fn stretches_of_plain_words_project_as_their_characters_do() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let mut texts = vec![
            every_ascii.clone(),
            format!(" {every_ascii} a b  c\u{a0}d\u{b}e\u{1c}f\u{85}g é h "),
            "one two\nthree  four\r\nfive\t six \u{2003}seven".to_string(),
            "  lead and trail  ".to_string(),
            "a b".to_string(),
            " ".to_string(),
            String::new(),
        ];
        // Every mix of a few awkward pieces.
        let pieces = [
            "a", "b c", " ", "  ", "\n", "\u{b}", "é", "\u{a0}", "x\u{301}",
        ];
        for i in 0..pieces.len().pow(4) {
            let mut text = String::new();
            let mut n = i;
            for _ in 0..4 {
                text.push_str(pieces[n % pieces.len()]);
                n /= pieces.len();
            }
            texts.push(text);
        }
        for text in &texts {
            let fast = Projection::of_source(text);
            let slow = char_by_char(text);
            assert_eq!(fast.text, slow.text, "{text:?}");
            assert_eq!(fast.anchors, slow.anchors, "{text:?}");
        }
    }

    #[test]
    fn fold_whitespace_trims_on_request() {
        assert_eq!(fold_whitespace("  a \n\t b  ", true), "a b");
        assert_eq!(fold_whitespace("said  ", false), "said ");
    }
}
