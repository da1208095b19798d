//! The annotation file as written: serde structs that mirror the TOML with
//! spans, and the reading of a parsed document's tables into them while
//! collecting every problem (`reading` decides what is parsed by whom).
//!
//! Each array element is deserialised on its own, so one bad `[[entity]]`
//! does not hide the problems of the others. Nothing here checks meaning
//! (ids, references, selectors); that is `build`'s job.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, Reporter, did_you_mean};
use super::parallel;

/// From this many tables on, an array of them is read on two threads (the
/// `[[mention]]`s of a large briefing: half a million at 100 MB).
const PARALLEL_ITEMS: usize = 4096;

/// A deserialised table with the span of the whole table in the file.
#[derive(Debug)]
pub struct Item<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// The selector fields, borrowed from whichever table carries them.
#[derive(Debug, Clone, Copy)]
pub struct RawSelector<'a> {
    pub quote: Option<&'a Spanned<String>>,
    pub prefix: Option<&'a Spanned<String>>,
    pub suffix: Option<&'a Spanned<String>>,
    pub occurrence: Option<&'a Spanned<i64>>,
    pub start: Option<&'a Spanned<i64>>,
    pub end: Option<&'a Spanned<i64>>,
    pub part_of_word: Option<&'a Spanned<bool>>,
}

impl RawSelector<'_> {
    pub fn is_empty(&self) -> bool {
        self.quote.is_none()
            && self.prefix.is_none()
            && self.suffix.is_none()
            && self.occurrence.is_none()
            && self.start.is_none()
            && self.end.is_none()
    }
}

/// Declares a table that can be anchored to a passage: its own fields plus
/// the selector fields, which are the same everywhere.
macro_rules! anchored_table {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident : $type:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
            pub quote: Option<Spanned<String>>,
            pub prefix: Option<Spanned<String>>,
            pub suffix: Option<Spanned<String>>,
            pub occurrence: Option<Spanned<i64>>,
            pub start: Option<Spanned<i64>>,
            pub end: Option<Spanned<i64>>,
            pub part_of_word: Option<Spanned<bool>>,
        }

        impl $name {
            pub fn selector(&self) -> RawSelector<'_> {
                RawSelector {
                    quote: self.quote.as_ref(),
                    prefix: self.prefix.as_ref(),
                    suffix: self.suffix.as_ref(),
                    occurrence: self.occurrence.as_ref(),
                    start: self.start.as_ref(),
                    end: self.end.as_ref(),
                    part_of_word: self.part_of_word.as_ref(),
                }
            }
        }
    };
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBriefing {
    pub text: Option<Spanned<String>>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub classification: Option<String>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub summary: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub auto: Option<bool>,
}

anchored_table!(RawMention {
    entity: Spanned<String>,
    kind: Option<String>,
    /// The further parts of a discontinuous mention; the table's own
    /// selector finds its first.
    #[serde(default)]
    parts: Vec<Spanned<RawPart>>,
    #[serde(default)]
    attributes: RawAttributes,
});

anchored_table!(
    /// One further part of a discontinuous mention: a selector only.
    RawPart {}
);

/// Named values, as `attributes = { negated = true, confidence = "high" }`.
pub type RawAttributes = std::collections::BTreeMap<String, Spanned<toml::Value>>;

/// A participant of an event and what it did there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub role: Spanned<String>,
    pub entity: Spanned<String>,
}

anchored_table!(RawSuppress {
    entity: Option<Spanned<String>>,
});

anchored_table!(RawRelation {
    from: Spanned<String>,
    to: Spanned<String>,
    kind: String,
    note: Option<String>,
    #[serde(default)]
    attributes: RawAttributes,
});

anchored_table!(RawEvent {
    id: Spanned<String>,
    /// Absent for an event known by what happened, not when.
    date: Option<Spanned<String>>,
    title: String,
    label: Option<String>,
    #[serde(default)]
    entities: Vec<Spanned<String>>,
    #[serde(default)]
    roles: Vec<RawRole>,
    note: Option<String>,
});

anchored_table!(RawNote {
    kind: Spanned<String>,
    text: String,
    #[serde(default)]
    entities: Vec<Spanned<String>>,
    reliability: Option<Spanned<String>>,
    credibility: Option<Spanned<i64>>,
});

/// Everything the annotation file holds, structurally valid.
#[derive(Debug, Default)]
pub struct RawFile {
    /// Whether a `format` key is present at all, readable or not.
    pub format_present: bool,
    pub format: Option<Spanned<i64>>,
    pub briefing: Option<Item<RawBriefing>>,
    pub kinds: Vec<(Spanned<String>, RawKind)>,
    pub entities: Vec<Item<RawEntity>>,
    pub mentions: Vec<Item<RawMention>>,
    pub suppressions: Vec<Item<RawSuppress>>,
    pub relations: Vec<Item<RawRelation>>,
    pub events: Vec<Item<RawEvent>>,
    pub notes: Vec<Item<RawNote>>,
    /// Ids of `[[entity]]` tables that could not be read. References to
    /// them are not reported again as unknown: the table's own error says
    /// what to fix. (In order, so that two readings of a file compare
    /// equal; there are few.)
    pub unreadable_entity_ids: BTreeSet<String>,
}

const TOP_LEVEL_KEYS: [&str; 9] = [
    "format", "briefing", "kinds", "entity", "mention", "suppress", "relation", "event", "note",
];

/// Reads a parsed document's tables into their structs, reporting each
/// one that cannot be read.
pub(super) fn read_document(reporter: &mut Reporter<'_>, document: DeTable<'_>) -> RawFile {
    Reader { reporter }.read(document)
}

struct Reader<'r, 'a> {
    reporter: &'r mut Reporter<'a>,
}

impl Reader<'_, '_> {
    fn read(mut self, document: DeTable<'_>) -> RawFile {
        let mut raw = RawFile::default();
        for (key, value) in document {
            let span = key.span();
            match key.get_ref().as_ref() {
                "format" => {
                    raw.format_present = true;
                    raw.format = self.single(value);
                }
                "briefing" => {
                    // An unreadable `[briefing]` still names the text file,
                    // so that its error is not followed by a confusing one.
                    let text = peek_string(&value, "text");
                    raw.briefing = self.single_item(value).or_else(|| {
                        text.map(|text| Item {
                            value: RawBriefing {
                                text: Some(text),
                                ..RawBriefing::default()
                            },
                            span: 0..0,
                        })
                    });
                }
                "kinds" => raw.kinds = self.kinds(value),
                "entity" => {
                    raw.entities =
                        self.array(value, "entity", Some(&mut raw.unreadable_entity_ids));
                }
                "mention" => raw.mentions = self.array(value, "mention", None),
                "suppress" => raw.suppressions = self.array(value, "suppress", None),
                "relation" => raw.relations = self.array(value, "relation", None),
                "event" => raw.events = self.array(value, "event", None),
                "note" => raw.notes = self.array(value, "note", None),
                other => {
                    let mut diagnostic = Diagnostic::error(
                        "unknown-field",
                        format!("unknown top-level key `{other}`"),
                    );
                    diagnostic = match did_you_mean(other, TOP_LEVEL_KEYS) {
                        Some(near) => diagnostic.hint(format!("did you mean `{near}`?")),
                        None => diagnostic.hint(format!(
                            "the top level holds only: {}",
                            TOP_LEVEL_KEYS.join(", ")
                        )),
                    };
                    self.reporter.push_at(diagnostic, span);
                }
            }
        }
        raw
    }

    fn single<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>) -> Option<T> {
        self.single_item(value).map(|item| item.value)
    }

    fn single_item<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>) -> Option<Item<T>> {
        let span = value.span();
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(value) => Some(Item { value, span }),
            Err(error) => {
                self.report(&error, span);
                None
            }
        }
    }

    fn kinds(&mut self, value: Spanned<DeValue<'_>>) -> Vec<(Spanned<String>, RawKind)> {
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.reporter.push_at(
                Diagnostic::error("wrong-type", "`kinds` must be a table of kinds")
                    .hint("declare each kind as `[kinds.NAME]` with a `label`"),
                span,
            );
            return Vec::new();
        };
        let mut kinds = Vec::new();
        for (name, value) in table {
            let name_span = name.span();
            let name = name.into_inner().into_owned();
            if let Some(kind) = self.single::<RawKind>(value) {
                kinds.push((Spanned::new(name_span, name), kind));
            }
        }
        kinds
    }

    /// Reads an array of tables. With `unreadable_ids`, the `id` of every
    /// table that cannot be read is noted there.
    fn array<T: DeserializeOwned + Send>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        key: &str,
        mut unreadable_ids: Option<&mut BTreeSet<String>>,
    ) -> Vec<Item<T>> {
        let span = value.span();
        let items = match value.into_inner() {
            DeValue::Array(items) => items,
            other => {
                if let (Some(ids), Some(id)) = (unreadable_ids, peek_string_of(&other, "id")) {
                    ids.insert(id.into_inner());
                }
                self.reporter.push_at(
                    Diagnostic::error("wrong-type", format!("`{key}` must be an array of tables"))
                        .hint(format!("write each one as `[[{key}]]`, with two brackets")),
                    span,
                );
                return Vec::new();
            }
        };
        if unreadable_ids.is_none() && items.len() >= PARALLEL_ITEMS {
            // (The array's own vector, taken back without a copy.)
            return self.in_halves(items.into_iter().collect());
        }
        let mut read = Vec::with_capacity(items.len());
        for item in items {
            // Only tables whose ids are tracked need theirs, and only if
            // they turn out unreadable; looking costs a scan of each.
            let id = unreadable_ids
                .is_some()
                .then(|| peek_string(&item, "id"))
                .flatten();
            match self.single_item(item) {
                Some(item) => read.push(item),
                None => {
                    if let (Some(ids), Some(id)) = (unreadable_ids.as_deref_mut(), id) {
                        ids.insert(id.into_inner());
                    }
                }
            }
        }
        read
    }

    /// Reads many tables, the second half on another thread with a
    /// reporter of its own whose findings follow this half's: in order.
    fn in_halves<T: DeserializeOwned + Send>(
        &mut self,
        mut items: Vec<Spanned<DeValue<'_>>>,
    ) -> Vec<Item<T>> {
        let second = items.split_off(items.len() / 2);
        let (file, source) = (self.reporter.file, self.reporter.source);
        std::thread::scope(|scope| {
            let later = parallel::spawn(scope, move || {
                let mut own = Reporter::new(file, source);
                let read = Reader { reporter: &mut own }.each(second);
                (read, own.diagnostics)
            });
            let mut read = self.each(items);
            let (more, problems) = later.join();
            read.extend(more);
            self.reporter.diagnostics.extend(problems);
            read
        })
    }

    /// Every table that can be read, the others reported.
    fn each<T: DeserializeOwned>(&mut self, items: Vec<Spanned<DeValue<'_>>>) -> Vec<Item<T>> {
        let mut read = Vec::with_capacity(items.len());
        for item in items {
            if let Some(item) = self.single_item(item) {
                read.push(item);
            }
        }
        read
    }

    fn report(&mut self, error: &toml::de::Error, fallback: Range<usize>) {
        let span = error.span().unwrap_or(fallback);
        let message = first_line(error.message());
        let diagnostic = if message.starts_with("unknown field") {
            let diagnostic = Diagnostic::error("unknown-field", message.clone());
            match unknown_field_hint(&message) {
                Some(hint) => diagnostic.hint(hint),
                None => diagnostic,
            }
        } else if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Diagnostic::error("missing-field", format!("this table needs `{field}`"))
                .hint(format!("add `{field} = ...`; see docs/FORMAT.md"))
        } else {
            let (message, hint) = plain_type_error(&message);
            let diagnostic = Diagnostic::error("wrong-type", message);
            match hint {
                Some(hint) => diagnostic.hint(hint),
                None => diagnostic,
            }
        };
        self.reporter.push_at(diagnostic, span);
    }
}

/// The string value of `key` in a table, if it has one.
fn peek_string(value: &Spanned<DeValue<'_>>, key: &str) -> Option<Spanned<String>> {
    peek_string_of(value.get_ref(), key)
}

fn peek_string_of(value: &DeValue<'_>, key: &str) -> Option<Spanned<String>> {
    let DeValue::Table(table) = value else {
        return None;
    };
    table.iter().find_map(|(name, value)| {
        let text = value.get_ref().as_str()?;
        (name.get_ref() == key).then(|| Spanned::new(value.span(), text.to_string()))
    })
}

/// serde speaks of `i64` and sequences; an author writes TOML. Rephrases
/// "invalid type: X, expected Y" and says how to write the value.
fn plain_type_error(message: &str) -> (String, Option<String>) {
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return (message.to_string(), None);
    };
    let (wanted, how) = match expected {
        "i64" | "u64" | "an integer" => (
            "a whole number",
            "write the number without quotes, e.g. `2`",
        ),
        "a string" => ("a string", "put the text in double quotes"),
        "a boolean" => ("true or false", "write `true` or `false`, without quotes"),
        "a sequence" => (
            "an array",
            "write a list in brackets, e.g. `[\"ISIS-K\", \"IS-K\"]`",
        ),
        other if other.starts_with("struct") || other == "a map" => (
            "a table",
            "write it as a table: `[name]` or `{ key = value }`",
        ),
        other => (other, ""),
    };
    let hint = (!how.is_empty()).then(|| how.to_string());
    (format!("expected {wanted}, found {found}"), hint)
}

/// serde says "unknown field `quot`, expected one of `quote`, `prefix`…";
/// turn that into a suggestion of the nearest one.
fn unknown_field_hint(message: &str) -> Option<String> {
    let mut names = message.split('`').skip(1).step_by(2);
    let unknown = names.next()?;
    let expected: Vec<&str> = names.collect();
    match did_you_mean(unknown, expected.iter().copied()) {
        Some(near) => Some(format!("did you mean `{near}`?")),
        None if !expected.is_empty() => Some(format!("known fields here: {}", expected.join(", "))),
        None => None,
    }
}

pub(super) fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The whole annotation file in one `toml::from_str`, into the same raw
/// structs: the floor the loader's speed is measured against (issue 4's
/// benchmarks). Not used by the loader itself, which reads each table on
/// its own so one bad table does not hide the others.
#[derive(Debug, Deserialize)]
struct WholeFile {
    #[allow(dead_code)]
    format: Option<i64>,
    #[allow(dead_code)]
    briefing: Option<RawBriefing>,
    #[serde(default)]
    #[allow(dead_code)]
    kinds: std::collections::BTreeMap<String, RawKind>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    mention: Vec<RawMention>,
    #[serde(default)]
    suppress: Vec<RawSuppress>,
    #[serde(default)]
    relation: Vec<RawRelation>,
    #[serde(default)]
    event: Vec<RawEvent>,
    #[serde(default)]
    note: Vec<RawNote>,
}

/// Parses an annotation file with one `toml::from_str` and returns how many
/// tables it holds; see [`WholeFile`].
pub fn bare_parse(source: &str) -> Result<usize, String> {
    let whole: WholeFile = toml::from_str(source).map_err(|error| error.message().to_string())?;
    Ok(whole.entity.len()
        + whole.mention.len()
        + whole.suppress.len()
        + whole.relation.len()
        + whole.event.len()
        + whole.note.len())
}

#[cfg(test)]
#[path = "raw_tests.rs"]
mod tests;
