//! What finds every quote and name in a text: the distinct folded
//! patterns with their ids, and the automaton (or list) that finds them,
//! made apart from the search so that a large briefing's can be made on
//! the other core while its selectors are checked (see `build`). It owns
//! only the patterns and the making; the search itself and what counts as
//! a usable match are `search`'s.

use foldhash::HashMap;

use super::Selector;
use super::candidates::Occurrences;
use super::search::{Matches, PARALLEL_SELECTORS, matches_of};
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::parallel;
use crate::loader::projection::{Projection, folded_and_trimmed};
use crate::model::Document;

/// Distinct folded patterns and their ids.
#[derive(Default)]
pub struct Patterns {
    ids: HashMap<String, usize>,
    list: Vec<String>,
}

impl Patterns {
    /// Room for `distinct` patterns before the map grows.
    pub fn with_capacity(distinct: usize) -> Self {
        Self {
            ids: HashMap::with_capacity_and_hasher(distinct, Default::default()),
            list: Vec::with_capacity(distinct),
        }
    }

    pub fn id(&mut self, pattern: &str) -> usize {
        if let Some(&id) = self.ids.get(pattern) {
            return id;
        }
        let id = self.list.len();
        self.list.push(pattern.to_string());
        self.ids.insert(pattern.to_string(), id);
        id
    }

    /// The id of a pattern already listed.
    pub fn get(&self, pattern: &str) -> Option<usize> {
        self.ids.get(pattern).copied()
    }

    /// Gets ready to find the patterns in `text` (see [`Finder`]).
    pub fn finder(self, text: &str) -> Finder {
        let occurrences = if self.list.iter().all(String::is_empty) {
            None
        } else {
            Some(Occurrences::prepare(&self.list, text))
        };
        Finder {
            patterns: self,
            occurrences,
        }
    }

    /// Every match of every pattern (see [`Finder::find_all`]).
    pub fn find_all<'p>(
        self,
        projection: &'p Projection,
        document: &Document,
        reporter: &mut Reporter<'_>,
    ) -> Matches<'p> {
        self.finder(&projection.text)
            .find_all(projection, document, reporter)
    }
}

/// Patterns with what finds them in one text, ready to search it: made
/// apart from the search so that a large briefing's automaton can be built
/// on the other core while its selectors are checked.
pub struct Finder {
    pub patterns: Patterns,
    /// `None` when every pattern is empty.
    occurrences: Option<Result<Occurrences, aho_corasick::BuildError>>,
}

/// Which pattern each name is, and each selector's quote.
pub struct PatternIds {
    pub names: Vec<usize>,
    pub quotes: Vec<Option<usize>>,
}

impl Finder {
    /// A finder for `names` (folded and trimmed) and the quotes of
    /// `selectors` in `text`, made here, with their ids.
    pub fn made_for(names: &[String], selectors: &[Selector], text: &str) -> (Self, PatternIds) {
        // Quotes mostly repeat names or each other: the names are a fair
        // guess at how many differ.
        let mut patterns = Patterns::with_capacity(names.len());
        let names = names.iter().map(|name| patterns.id(name)).collect();
        let quotes = selectors
            .iter()
            .map(|selector| selector.quote.as_deref().map(|quote| patterns.id(quote)))
            .collect();
        (patterns.finder(text), PatternIds { names, quotes })
    }

    /// The ids of `names` and of `selectors`' quotes in this finder, or
    /// `None` if it lacks one; half the look-ups on another core when
    /// there are many.
    pub fn ids_of(&self, names: &[String], selectors: &[Selector]) -> Option<PatternIds> {
        let quote_ids = |part: &[Selector]| -> Option<Vec<Option<usize>>> {
            part.iter()
                .map(|selector| match selector.quote.as_deref() {
                    Some(quote) => self.patterns.get(quote).map(Some),
                    None => Some(None),
                })
                .collect()
        };
        let quotes = if selectors.len() >= PARALLEL_SELECTORS {
            let (first, second) = selectors.split_at(selectors.len() / 2);
            std::thread::scope(|scope| {
                let later = parallel::spawn(scope, || quote_ids(second));
                let mut quotes = quote_ids(first);
                let later = later.join();
                quotes.as_mut()?.extend(later?);
                quotes
            })?
        } else {
            quote_ids(selectors)?
        };
        let names = names
            .iter()
            .map(|name| self.patterns.get(name))
            .collect::<Option<_>>()?;
        Some(PatternIds { names, quotes })
    }

    /// Every match of every pattern, overlapping ones included, as ranges
    /// of the projection (the text the finder was made for). A match must
    /// begin and end on grapheme boundaries of both the projection and the
    /// document, and (in Markdown) lie in text the reader displays, not in
    /// a link target or definition.
    pub fn find_all<'p>(
        &self,
        projection: &'p Projection,
        document: &Document,
        reporter: &mut Reporter<'_>,
    ) -> Matches<'p> {
        let occurrences = match &self.occurrences {
            None => return Matches::default(),
            Some(Ok(occurrences)) => occurrences,
            Some(Err(error)) => {
                reporter.diagnostics.push(Diagnostic::error(
                    "too-large",
                    format!("cannot build the quote matcher: {error}"),
                ));
                return Matches::default();
            }
        };
        let list = &self.patterns.list;
        let longest = list.iter().map(String::len).max().unwrap_or(0);
        matches_of(occurrences, list.len(), longest, projection, document)
    }
}

/// The distinct quotes of a briefing's tables as written, folded here as
/// a [`Selector`] folds them: gathered before the selectors are checked, so
/// that it can be done on another core meanwhile (see [`finder_for`]). A
/// quote whose table turns out to be in error is looked for all the same,
/// to no harm.
pub fn quote_patterns<'q>(quotes: impl Iterator<Item = &'q str>) -> Patterns {
    let mut patterns = Patterns::default();
    for quote in quotes {
        let folded = folded_and_trimmed(quote);
        if !folded.is_empty() {
            patterns.id(&folded);
        }
    }
    patterns
}

/// The finder for the quotes gathered in `patterns` and for `names`
/// (folded and trimmed), in the projection `text`: [`super::resolve`] uses it if
/// it holds every name and quote the selectors need.
pub fn finder_for(mut patterns: Patterns, names: &[String], text: &str) -> Finder {
    for name in names {
        patterns.id(name);
    }
    patterns.finder(text)
}

#[cfg(test)]
mod tests {
    use toml::Spanned;

    use super::*;
    use crate::loader::anchor::{CharIndex, Selector, resolve};
    use crate::loader::raw::RawSelector;
    use crate::loader::structure;
    use crate::model::TextFormat;

    /// A finder made beforehand from the quotes as written (some of them
    /// empty, blank or spaced oddly, one in a table that is in error)
    /// anchors exactly as one made from the checked selectors.
    #[test]
    fn a_finder_made_beforehand_anchors_as_one_made_here() {
        let text = "The Crocus City Hall  hall; the hall\nand the City Hall again.";
        let names = vec!["Crocus City Hall".to_string(), "City Hall".to_string()];
        let written = [
            "the   hall",
            "City\nHall",
            "",
            "   ",
            "absent words",
            "hall",
            "again",
        ];
        let quotes: Vec<Spanned<String>> = written
            .iter()
            .map(|quote| Spanned::new(0..1, quote.to_string()))
            .collect();
        // `occurrence` without a quote is in error; this one has a quote
        // but a bad occurrence, so its table is refused.
        let zero = Spanned::new(0..1, 0_i64);
        let raw = |index: usize| RawSelector {
            quote: quotes.get(index),
            prefix: None,
            suffix: None,
            occurrence: (index == 6).then_some(&zero),
            start: None,
            end: None,
            part_of_word: None,
        };
        let anchor = |made_before: bool| {
            let mut reporter = Reporter::new("f.toml", "");
            let selectors: Vec<Selector> = (0..written.len())
                .filter_map(|index| {
                    Selector::from_raw(raw(index), 0..1, "a mention", &mut reporter)
                })
                .collect();
            let document = structure::document(text.to_string(), TextFormat::Plain);
            let source = Projection::of_source(text);
            let chars = CharIndex::new(text);
            let finder = made_before.then(|| {
                finder_for(
                    quote_patterns(written.iter().copied()),
                    &names,
                    &source.text,
                )
            });
            let anchored = resolve(
                &document,
                &source,
                &chars,
                &selectors,
                &names,
                finder,
                &mut reporter,
            );
            let problems: Vec<String> = reporter
                .diagnostics
                .iter()
                .map(Diagnostic::render)
                .collect();
            (format!("{anchored:?}"), problems, selectors.len())
        };
        let (before, here) = (anchor(true), anchor(false));
        assert_eq!(before, here);
        assert_eq!(here.2, 4, "four selectors pass their checks: {:?}", here.1);
        assert_eq!(
            here.0,
            "Anchored { spans: [Some(28..36), None, None, None], \
             name_matches: [[4..20], [11..20, 45..54]] }"
        );
    }
}
