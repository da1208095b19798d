//! What a diagnostic proposes to change in the annotation file, in a form a
//! program can apply: which selector (by where its `quote` or `start` value
//! is written) and the new offsets, quote or flag. `brief check --fix`
//! applies the safe kinds; the tests apply every one and re-check.
//!
//! It owns only the description of a change; it must not edit files (that is
//! `cli::fix`) nor decide when a change is due (that is anchoring's).

use std::ops::Range;

/// A change to one selector of the annotation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The byte span, in the annotation file, of the selector's `quote`
    /// value, or of its `start` value when it has no quote: it names the
    /// table the change belongs in.
    pub selector: Range<usize>,
    pub change: Change,
}

/// What to change in the selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Write `start` and `end` (characters, half-open), adding them if the
    /// selector has none.
    Offsets { start: usize, end: usize, why: Why },
    /// Replace the quote (and the offsets, if the selector has them): only
    /// ever proposed, never applied by `--fix`, which leaves quotes alone.
    Quote {
        quote: String,
        start: usize,
        end: usize,
    },
    /// Add `part_of_word = true`: the passage is meant to be part of a
    /// word. Proposed only.
    PartOfWord,
}

/// Why new offsets are proposed, which decides whether `--fix` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The text moved; the quote was found again at one place.
    Drifted,
    /// The quote was found at one place, but out of order with the passages
    /// around it: proposed, not applied by `--fix`.
    Unconfirmed,
    /// The offsets held whitespace around the passage.
    Whitespace,
    /// A quote-only selector's offsets, to pin it (`--fix=offsets`).
    Pin,
    /// The offsets cut a word; the whole word is proposed. Not applied by
    /// `--fix`: a wider span is a different passage.
    WholeWord,
}

impl Suggestion {
    /// Whether `brief check --fix` applies it (`pins` with `--fix=offsets`).
    pub fn is_automatic(&self, pins: bool) -> bool {
        match &self.change {
            Change::Offsets { why, .. } => match why {
                Why::Drifted | Why::Whitespace => true,
                Why::Pin => pins,
                Why::WholeWord | Why::Unconfirmed => false,
            },
            Change::Quote { .. } | Change::PartOfWord => false,
        }
    }
}

/// The tables that hold selectors, by their key in the annotation file.
const ANCHORED_TABLES: [&str; 5] = ["mention", "suppress", "relation", "event", "note"];

/// Where a selector's table is: its key, its index in the array, and
/// whether it is an inline table in an array value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    key: &'static str,
    index: usize,
    inline: bool,
}

/// `source` (an annotation file) with `suggestions` made, its comments,
/// order and formatting kept (`toml_edit` edits the document as written).
/// Fails if the file is not TOML or a suggestion names no selector in it.
pub fn apply(source: &str, suggestions: &[&Suggestion]) -> Result<String, String> {
    let parsed = toml_edit::Document::parse(source).map_err(|error| error.to_string())?;
    let written = index(&parsed);
    let mut places = Vec::with_capacity(suggestions.len());
    for suggestion in suggestions {
        let place = find(&written, &suggestion.selector).ok_or_else(|| {
            format!(
                "no selector is written at bytes {}..{} of the annotation file",
                suggestion.selector.start, suggestion.selector.end
            )
        })?;
        places.push(place);
    }
    let mut document = parsed.into_mut();
    for (suggestion, place) in suggestions.iter().zip(places) {
        let table = document
            .get_mut(place.key)
            .and_then(|item| table_at(item, place))
            .ok_or_else(|| format!("the `{}` table moved while editing", place.key))?;
        change(table, &suggestion.change);
    }
    Ok(document.to_string())
}

fn signed(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Sets `key` to `value`, keeping the spaces and comment around the old
/// value; a new key goes at the end of the table.
fn set(table: &mut dyn toml_edit::TableLike, key: &str, value: toml_edit::Value) {
    match table.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::Item::Value(value));
        }
    }
}

fn change(table: &mut dyn toml_edit::TableLike, change: &Change) {
    let offsets = |table: &mut dyn toml_edit::TableLike, start: usize, end: usize| {
        set(table, "start", signed(start).into());
        set(table, "end", signed(end).into());
    };
    match change {
        Change::Offsets { start, end, .. } => offsets(table, *start, *end),
        Change::Quote { quote, start, end } => {
            set(table, "quote", quote.as_str().into());
            offsets(table, *start, *end);
        }
        Change::PartOfWord => set(table, "part_of_word", true.into()),
    }
}

fn table_at(item: &mut toml_edit::Item, place: Place) -> Option<&mut dyn toml_edit::TableLike> {
    if place.inline {
        let array = item.as_array_mut()?;
        let inline = array.get_mut(place.index)?.as_inline_table_mut()?;
        Some(inline as &mut dyn toml_edit::TableLike)
    } else {
        let tables = item.as_array_of_tables_mut()?;
        let table = tables.get_mut(place.index)?;
        Some(table as &mut dyn toml_edit::TableLike)
    }
}

/// Where each selector is written: the span of its `quote` (or else
/// `start`) value and its table, in order of the span. Made once, so that
/// a hundred thousand suggestions are each found in log time.
fn index(document: &toml_edit::Document<&str>) -> Vec<(Range<usize>, Place)> {
    let written = |table: &dyn toml_edit::TableLike| {
        let value = table.get("quote").or_else(|| table.get("start"))?;
        value.span()
    };
    let mut places = Vec::new();
    for key in ANCHORED_TABLES {
        let Some(item) = document.get(key) else {
            continue;
        };
        if let Some(tables) = item.as_array_of_tables() {
            for (index, table) in tables.iter().enumerate() {
                if let Some(span) = written(table) {
                    let inline = false;
                    places.push((span, Place { key, index, inline }));
                }
            }
        } else if let Some(array) = item.as_array() {
            for (index, value) in array.iter().enumerate() {
                if let Some(span) = value.as_inline_table().and_then(|t| written(t)) {
                    let inline = true;
                    places.push((span, Place { key, index, inline }));
                }
            }
        }
    }
    places.sort_by_key(|(span, _)| span.start);
    places
}

/// The table whose `quote` (or else `start`) value is written over
/// `selector`.
fn find(index: &[(Range<usize>, Place)], selector: &Range<usize>) -> Option<Place> {
    let after = index.partition_point(|(span, _)| span.start <= selector.start);
    let (span, place) = index.get(after.checked_sub(1)?)?;
    (selector.start < span.end.max(span.start + 1)).then_some(*place)
}
