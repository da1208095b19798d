//! Offsets as other tools count them, turned into byte offsets of the text,
//! and the unit a file used found from the text its spans say they cover.
//! brat's server counts code points over text whose CRLF it has folded to
//! LF; W3C says code points; JavaScript tools count UTF-16 units; some
//! count bytes or grapheme clusters. A span whose covered text is given is
//! checked in the unit asked for; when another unit fits every span and the
//! one asked for does not, that is reported, never silently shifted.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::units::{Place, Units};

/// What an offset counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode scalar values, CR and LF counted as two.
    CodePoint,
    /// Unicode scalar values over the text with each CRLF counted as one
    /// (brat's server reads with universal newlines).
    CodePointCrlfAsOne,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// UTF-8 bytes.
    Byte,
    /// Extended grapheme clusters.
    Grapheme,
}

impl OffsetUnit {
    pub const ALL: [OffsetUnit; 5] = [
        OffsetUnit::CodePoint,
        OffsetUnit::CodePointCrlfAsOne,
        OffsetUnit::Utf16,
        OffsetUnit::Byte,
        OffsetUnit::Grapheme,
    ];

    /// The name `--offset-unit` takes.
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::CodePoint => "codepoint",
            OffsetUnit::CodePointCrlfAsOne => "codepoint-lf",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Byte => "byte",
            OffsetUnit::Grapheme => "grapheme",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|unit| unit.name() == name)
    }
}

/// Where some offsets counted in one unit fall in the text, in bytes:
/// only the offsets asked for, found in one walk, so that a 10 MB text
/// with a hundred thousand spans costs a sorted list of their ends, not a
/// table of every character.
pub struct Boundaries {
    /// The offsets asked for, sorted, each with its place in the text
    /// when it is a boundary of the unit.
    known: Vec<(usize, Option<Place>)>,
}

impl Boundaries {
    /// The places of `offsets`, counted in `unit` over `text`.
    pub fn of(
        text: &str,
        unit: OffsetUnit,
        offsets: impl IntoIterator<Item = usize>,
    ) -> Boundaries {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut known = Vec::with_capacity(wanted.len());
        let mut next = wanted.into_iter().peekable();
        // Each step is a piece of the text that starts at `place` and is
        // `width` units long: an offset at its first unit is a boundary, one
        // inside it (a UTF-16 pair's second unit, a byte inside a
        // character) is not. The walk counts code points and UTF-16 units
        // as it goes, so the places need no second walk.
        let mut counted = 0;
        let mut place = Place {
            byte: 0,
            code_point: 0,
            utf16: 0,
        };
        let mut step = |at: usize, width: usize, code_points: usize, utf16: usize| {
            place.byte = at;
            while let Some(offset) = next.next_if(|&offset| offset < counted + width) {
                known.push((offset, (offset == counted).then_some(place)));
            }
            counted += width;
            place.code_point += code_points;
            place.utf16 += utf16;
        };
        let bytes = text.as_bytes();
        match unit {
            OffsetUnit::Grapheme => {
                for (at, grapheme) in text.grapheme_indices(true) {
                    let utf16 = grapheme.chars().map(char::len_utf16).sum();
                    step(at, 1, grapheme.chars().count(), utf16);
                }
            }
            _ => {
                for (at, c) in text.char_indices() {
                    let width = match unit {
                        OffsetUnit::CodePointCrlfAsOne => {
                            let folded = c == '\n' && at > 0 && bytes.get(at - 1) == Some(&b'\r');
                            usize::from(!folded)
                        }
                        OffsetUnit::Utf16 => c.len_utf16(),
                        OffsetUnit::Byte => c.len_utf8(),
                        _ => 1,
                    };
                    step(at, width, 1, c.len_utf16());
                }
            }
        }
        // The end of the text is the last boundary; past it there are none.
        step(text.len(), 1, 0, 0);
        for offset in next {
            known.push((offset, None));
        }
        Boundaries { known }
    }

    /// The byte offset of `offset` units, when it was asked for and is on
    /// a boundary: the second unit of a UTF-16 pair, or a byte inside a
    /// character, is not.
    pub fn byte(&self, offset: usize) -> Option<usize> {
        Some(self.place(offset)?.byte)
    }

    /// The place of `offset` units in every unit, on the same terms.
    pub fn place(&self, offset: usize) -> Option<Place> {
        let at = self.known.binary_search_by_key(&offset, |&(o, _)| o).ok()?;
        self.known.get(at)?.1
    }

    /// The places found, by byte offset: what [`Units::of`] would find for
    /// them, without walking the text again.
    pub fn units(&self) -> Units {
        Units::from_sorted(
            self.known
                .iter()
                .filter_map(|&(_, place)| place)
                .map(|place| (place.byte, place))
                .collect(),
        )
    }
}

/// Every end of every fragment of `spans`: what [`Boundaries::of`] needs
/// to place them.
fn ends<'a>(spans: impl IntoIterator<Item = &'a [(usize, usize)]>) -> Vec<usize> {
    spans
        .into_iter()
        .flatten()
        .flat_map(|&(start, end)| [start, end])
        .collect()
}

/// A span with the text a file says it covers: fragments in the file's
/// unit, their covered texts joined by `joiner`.
pub struct Claimed<'a> {
    pub fragments: &'a [(usize, usize)],
    pub text: &'a str,
}

/// The byte ranges of `fragments` in `unit`, when every end is on a
/// boundary of the text.
pub fn to_bytes(
    boundaries: &Boundaries,
    fragments: &[(usize, usize)],
) -> Option<Vec<Range<usize>>> {
    fragments
        .iter()
        .map(|&(start, end)| Some(boundaries.byte(start)?..boundaries.byte(end)?))
        .collect()
}

/// Whether the fragments, in `unit`, cover what the file says: the
/// fragments' texts joined by one space (brat's rule), or the same with
/// any white space between them equal.
fn fits(text: &str, boundaries: &Boundaries, claimed: &Claimed<'_>) -> bool {
    // Most spans are one fragment that covers its text exactly: no copy.
    if let [(start, end)] = claimed.fragments
        && let (Some(start), Some(end)) = (boundaries.byte(*start), boundaries.byte(*end))
        && text.get(start..end) == Some(claimed.text)
    {
        return true;
    }
    let Some(ranges) = to_bytes(boundaries, claimed.fragments) else {
        return false;
    };
    let pieces: Option<Vec<&str>> = ranges.iter().map(|r| text.get(r.clone())).collect();
    let Some(pieces) = pieces else {
        return false;
    };
    let joined = pieces.join(" ");
    joined == claimed.text
        || joined
            .split_whitespace()
            .eq(claimed.text.split_whitespace())
}

/// What checking the spans in one unit found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitCheck {
    /// Every span with a covered text fits in the unit asked for.
    Fits,
    /// Some do not; `better` fits every one of them.
    Wrong {
        misfits: Vec<usize>,
        better: OffsetUnit,
    },
    /// Some do not, and no other unit fits them all either: the file's
    /// offsets or texts are wrong.
    Misfits(Vec<usize>),
}

/// Checks `spans` (index, claimed) in `unit` over `text`; when some do not
/// fit, tries the other units and says which fits them all.
pub fn check_unit(text: &str, unit: OffsetUnit, spans: &[Claimed<'_>]) -> UnitCheck {
    let boundaries = Boundaries::of(text, unit, ends(spans.iter().map(|c| c.fragments)));
    check_unit_on(text, unit, &boundaries, spans)
}

/// As [`check_unit`], with the boundaries of `unit` already made (a
/// caller that goes on to use them makes them once); the other units'
/// are made only when some span does not fit.
pub fn check_unit_on(
    text: &str,
    unit: OffsetUnit,
    boundaries: &Boundaries,
    spans: &[Claimed<'_>],
) -> UnitCheck {
    let misfits = |boundaries: &Boundaries| -> Vec<usize> {
        spans
            .iter()
            .enumerate()
            .filter(|(_, claimed)| !fits(text, boundaries, claimed))
            .map(|(index, _)| index)
            .collect()
    };
    let wrong = misfits(boundaries);
    if wrong.is_empty() {
        return UnitCheck::Fits;
    }
    match OffsetUnit::ALL
        .into_iter()
        .filter(|&other| other != unit)
        .find(|&other| {
            let boundaries = Boundaries::of(text, other, ends(spans.iter().map(|c| c.fragments)));
            misfits(&boundaries).is_empty()
        }) {
        Some(better) => UnitCheck::Wrong {
            misfits: wrong,
            better,
        },
        None => UnitCheck::Misfits(wrong),
    }
}

/// Each offset counted in `unit` over `text`, counted in code points
/// instead (brief's unit); `None` where it is no boundary in `unit` (inside
/// a UTF-16 pair, a byte inside a character) or past the end.
pub fn recount_as_code_points(
    text: &str,
    unit: OffsetUnit,
    offsets: &[usize],
) -> Vec<Option<usize>> {
    let boundaries = Boundaries::of(text, unit, offsets.iter().copied());
    let bytes: Vec<Option<usize>> = offsets.iter().map(|&at| boundaries.byte(at)).collect();
    let units = super::units::Units::of(text, bytes.iter().flatten().copied());
    bytes
        .into_iter()
        .map(|byte| byte.map(|byte| units.at(byte).code_point))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Café 🎉 in Kraków\r\nZürich 😀 then Kraków.\r\n";

    /// The spans of every "Kraków" and "Zürich" in `unit`.
    fn spans_in(unit: OffsetUnit) -> Vec<((usize, usize), &'static str)> {
        let count = |prefix: &str| -> usize {
            match unit {
                OffsetUnit::CodePoint => prefix.chars().count(),
                OffsetUnit::CodePointCrlfAsOne => prefix.replace("\r\n", "\n").chars().count(),
                OffsetUnit::Utf16 => prefix.encode_utf16().count(),
                OffsetUnit::Byte => prefix.len(),
                OffsetUnit::Grapheme => prefix.graphemes(true).count(),
            }
        };
        let mut out = Vec::new();
        for word in ["Kraków", "Zürich"] {
            for (at, _) in TEXT.match_indices(word) {
                let start = count(&TEXT[..at]);
                let end = count(&TEXT[..at + word.len()]);
                out.push(((start, end), word));
            }
        }
        out
    }

    fn check(asked: OffsetUnit, written: OffsetUnit) -> UnitCheck {
        let spans = spans_in(written);
        let fragments: Vec<[(usize, usize); 1]> = spans.iter().map(|(s, _)| [*s]).collect();
        let claimed: Vec<Claimed<'_>> = spans
            .iter()
            .zip(&fragments)
            .map(|((_, text), fragments)| Claimed { fragments, text })
            .collect();
        check_unit(TEXT, asked, &claimed)
    }

    #[test]
    fn spans_written_in_each_unit_fit_that_unit() {
        for unit in OffsetUnit::ALL {
            assert_eq!(check(unit, unit), UnitCheck::Fits, "{unit:?}");
        }
    }

    #[test]
    fn a_wrong_unit_is_caught_and_the_unit_that_fits_is_named() {
        for (asked, written) in [
            (OffsetUnit::CodePoint, OffsetUnit::Utf16),
            (OffsetUnit::CodePoint, OffsetUnit::Byte),
            (OffsetUnit::Utf16, OffsetUnit::CodePoint),
            (OffsetUnit::CodePoint, OffsetUnit::CodePointCrlfAsOne),
        ] {
            match check(asked, written) {
                UnitCheck::Wrong { misfits, better } => {
                    assert!(!misfits.is_empty());
                    assert_eq!(better, written, "asked {asked:?}");
                }
                other => panic!("asked {asked:?}, written {written:?}: {other:?}"),
            }
        }
    }

    /// Every boundary of `unit` as a full table, index by unit count (a
    /// unit inside a character repeats its start): the plain way, to
    /// check the walk against.
    fn full_table(text: &str, unit: OffsetUnit) -> Vec<usize> {
        let mut starts: Vec<usize> = match unit {
            OffsetUnit::CodePoint => text.char_indices().map(|(at, _)| at).collect(),
            OffsetUnit::CodePointCrlfAsOne => text
                .char_indices()
                .filter(|&(at, c)| !(c == '\n' && text[..at].ends_with('\r')))
                .map(|(at, _)| at)
                .collect(),
            OffsetUnit::Utf16 => text
                .char_indices()
                .flat_map(|(at, c)| std::iter::repeat_n(at, c.len_utf16()))
                .collect(),
            OffsetUnit::Byte => text
                .char_indices()
                .flat_map(|(at, c)| std::iter::repeat_n(at, c.len_utf8()))
                .collect(),
            OffsetUnit::Grapheme => text.grapheme_indices(true).map(|(at, _)| at).collect(),
        };
        starts.push(text.len());
        starts
    }

    proptest::proptest! {
        #[test]
        fn the_walk_places_offsets_as_the_full_table_does(
            text in "(a|é|😀|\r\n|\n|e\u{301}| ){0,24}",
            offsets in proptest::collection::vec(0usize..80, 0..12),
        ) {
            for unit in OffsetUnit::ALL {
                let table = full_table(&text, unit);
                let boundaries = Boundaries::of(&text, unit, offsets.iter().copied());
                for &offset in &offsets {
                    let expected = table.get(offset).copied().filter(|&at| {
                        offset == 0 || table.get(offset - 1) != Some(&at)
                    });
                    proptest::prop_assert_eq!(boundaries.byte(offset), expected, "{:?} {}", unit, offset);
                    // Its place in the other units is the one a walk to it finds.
                    if let Some(byte) = expected {
                        let counted = Units::of(&text, [byte]).at(byte);
                        proptest::prop_assert_eq!(boundaries.place(offset), Some(counted));
                        proptest::prop_assert_eq!(boundaries.units().at(byte), counted);
                    }
                }
            }
        }
    }

    #[test]
    fn offsets_inside_a_character_are_not_boundaries() {
        let utf16 = Boundaries::of("a😀b", OffsetUnit::Utf16, 0..5);
        assert_eq!(utf16.byte(1), Some(1));
        assert_eq!(utf16.byte(2), None, "the emoji's second unit");
        assert_eq!(utf16.byte(3), Some(5));
        let bytes = Boundaries::of("é", OffsetUnit::Byte, 0..4);
        assert_eq!(bytes.byte(1), None);
        assert_eq!(bytes.byte(2), Some(2));
        assert_eq!(bytes.byte(3), None, "past the end");
    }

    #[test]
    fn spans_that_fit_no_unit_are_misfits() {
        let fragments = [(0, 4)];
        let claimed = [Claimed {
            fragments: &fragments,
            text: "Kraków",
        }];
        assert_eq!(
            check_unit(TEXT, OffsetUnit::CodePoint, &claimed),
            UnitCheck::Misfits(vec![0])
        );
    }
}
