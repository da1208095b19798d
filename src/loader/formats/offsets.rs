//! Offsets as other tools count them, turned into byte offsets of the text,
//! and the unit a file used found from the text its spans say they cover.
//! brat's server counts code points over text whose CRLF it has folded to
//! LF; W3C says code points; JavaScript tools count UTF-16 units; some
//! count bytes or grapheme clusters. A span whose covered text is given is
//! checked in the unit asked for; when another unit fits every span and the
//! one asked for does not, that is reported, never silently shifted.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

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

/// The byte offset where each unit boundary of `text` falls, index by
/// unit count (the last entry is the text's length).
pub struct Boundaries {
    starts: Vec<usize>,
}

impl Boundaries {
    pub fn of(text: &str, unit: OffsetUnit) -> Boundaries {
        let mut starts: Vec<usize> = match unit {
            OffsetUnit::CodePoint => text.char_indices().map(|(at, _)| at).collect(),
            OffsetUnit::CodePointCrlfAsOne => {
                let bytes = text.as_bytes();
                text.char_indices()
                    .filter(|&(at, c)| !(c == '\n' && at > 0 && bytes.get(at - 1) == Some(&b'\r')))
                    .map(|(at, _)| at)
                    .collect()
            }
            OffsetUnit::Utf16 => text
                .char_indices()
                .flat_map(|(at, c)| std::iter::repeat_n(at, c.len_utf16()))
                .collect(),
            // A byte inside a character repeats its start, so that it is
            // not taken for a boundary (as a UTF-16 pair's second unit).
            OffsetUnit::Byte => text
                .char_indices()
                .flat_map(|(at, c)| std::iter::repeat_n(at, c.len_utf8()))
                .collect(),
            OffsetUnit::Grapheme => text.grapheme_indices(true).map(|(at, _)| at).collect(),
        };
        starts.push(text.len());
        Boundaries { starts }
    }

    /// The byte offset of `offset` units, when it is on a boundary: the
    /// second unit of a UTF-16 pair, or a byte inside a character, is not.
    pub fn byte(&self, offset: usize) -> Option<usize> {
        let at = *self.starts.get(offset)?;
        let inside = offset
            .checked_sub(1)
            .and_then(|before| self.starts.get(before))
            .is_some_and(|&before| before == at);
        (!inside).then_some(at)
    }
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
    check_unit_on(text, unit, &Boundaries::of(text, unit), spans)
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
        .find(|&other| misfits(&Boundaries::of(text, other)).is_empty())
    {
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
    let boundaries = Boundaries::of(text, unit);
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

    #[test]
    fn offsets_inside_a_character_are_not_boundaries() {
        let utf16 = Boundaries::of("a😀b", OffsetUnit::Utf16);
        assert_eq!(utf16.byte(1), Some(1));
        assert_eq!(utf16.byte(2), None, "the emoji's second unit");
        assert_eq!(utf16.byte(3), Some(5));
        let bytes = Boundaries::of("é", OffsetUnit::Byte);
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
