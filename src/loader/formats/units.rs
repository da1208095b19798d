//! Byte offsets of a text in the other units tools count: Unicode code
//! points (brief's own format, W3C, spaCy, brat's server) and UTF-16 code
//! units (JavaScript tools: Hypothesis, Label Studio). Found for many
//! offsets in one pass over the text.

/// A place in the text in every unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub byte: usize,
    pub code_point: usize,
    pub utf16: usize,
}

/// The places of a set of byte offsets, looked up after one walk.
#[derive(Debug, Default)]
pub struct Units {
    /// By the byte offset asked for, sorted: a binary search finds one,
    /// where hashing a quarter of a million of them cost more.
    places: Vec<(usize, Place)>,
}

impl Units {
    /// Counts `text` once, stopping at each of `offsets` (any order,
    /// repeats allowed). An offset inside a character or past the end is
    /// placed at the next character boundary (the end).
    pub fn of(text: &str, offsets: impl IntoIterator<Item = usize>) -> Units {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut places = Vec::with_capacity(wanted.len());
        let mut next = wanted.iter().copied().peekable();
        let (mut code_point, mut utf16) = (0, 0);
        for (byte, c) in text.char_indices() {
            while let Some(offset) = next.next_if(|&offset| offset <= byte) {
                places.push((
                    offset,
                    Place {
                        byte,
                        code_point,
                        utf16,
                    },
                ));
            }
            code_point += 1;
            utf16 += c.len_utf16();
        }
        for offset in next {
            places.push((
                offset,
                Place {
                    byte: text.len(),
                    code_point,
                    utf16,
                },
            ));
        }
        Units { places }
    }

    /// Places already found, sorted by their byte offset (repeats
    /// allowed).
    pub(crate) fn from_sorted(mut places: Vec<(usize, Place)>) -> Units {
        places.dedup_by_key(|(byte, _)| *byte);
        Units { places }
    }

    /// The place of `offset`, which must have been asked for.
    pub fn at(&self, offset: usize) -> Place {
        self.places
            .binary_search_by_key(&offset, |&(asked, _)| asked)
            .ok()
            .and_then(|at| self.places.get(at))
            .map(|&(_, place)| place)
            .unwrap_or(Place {
                byte: offset,
                code_point: offset,
                utf16: offset,
            })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn accents_emoji_and_crlf_count_as_each_unit_says() {
        let text = "Café 🎉\r\nKöln";
        let k = text.find('K').expect("K");
        let units = Units::of(text, [0, 3, 5, k, text.len()]);
        assert_eq!(
            units.at(5),
            Place {
                byte: 5,
                code_point: 4,
                utf16: 4
            }
        );
        // After "Café 🎉\r\n": 8 code points (CR and LF are two), the
        // emoji two UTF-16 units.
        assert_eq!(
            units.at(k),
            Place {
                byte: k,
                code_point: 8,
                utf16: 9
            }
        );
        assert_eq!(units.at(text.len()).code_point, text.chars().count());
        assert_eq!(units.at(text.len()).utf16, text.encode_utf16().count());
    }

    proptest! {
        #[test]
        fn every_boundary_agrees_with_counting_the_prefix(text in "\\PC{0,40}") {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(at, _)| at)
                .chain([text.len()])
                .collect();
            let units = Units::of(&text, boundaries.iter().copied());
            for at in boundaries {
                let prefix = &text[..at];
                prop_assert_eq!(units.at(at), Place {
                    byte: at,
                    code_point: prefix.chars().count(),
                    utf16: prefix.encode_utf16().count(),
                });
            }
        }
    }
}
