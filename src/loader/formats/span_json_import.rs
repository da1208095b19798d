//! A file of the span-JSON family (spaCy, Prodigy, doccano, Label Studio)
//! opened as a briefing. Each record carries its own text: the briefing's
//! text is the records' texts one after another, a blank line between
//! them, so a file of many short records reads as one document of many
//! paragraphs. Spans are turned into the loader's requests with their
//! record's place in the JSON, and built as any briefing:
//!
//! - the unit is checked first where the spans carry their text (Prodigy,
//!   Label Studio): code points, as Python tools count; spans that fit
//!   only another unit (a JavaScript tool's UTF-16) are an error naming
//!   it; elsewhere code points are assumed, and the loader checks each
//!   span lies in its text;
//! - a span → a mention; spans of the same label and text are one entity
//!   (said in a warning), its kind from the label;
//! - a relation between two spans of a record → a relation between their
//!   entities.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use toml::Spanned;

use super::naming::fresh_id;
use super::offsets::{Claimed, OffsetUnit, UnitCheck, check_unit, recount_as_code_points};
use super::span_json::{Record, parse};
use super::{GivenPassage, anchored};
use crate::loader::build::build;
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::prepared::PreparedText;
use crate::loader::raw::{
    Item as Table, RawAttributes, RawEntity, RawFile, RawKind, RawMention, RawRelation,
};
use crate::loader::source::SourceReader;
use crate::loader::{GroupBy, ImportOptions, Loaded};
use crate::model::{BUILTIN_KINDS, Meta, TextFormat};

/// The text between two records.
const BETWEEN_RECORDS: &str = "\n\n";

/// Whether `source` looks like the span-JSON family: a record with a
/// `text` and spans of one of the known shapes.
pub fn looks_like(source: &str) -> bool {
    let head: String = source.chars().take(4096).collect();
    head.contains("\"text\"")
        && [
            "\"ents\"",
            "\"spans\"",
            "\"label\"",
            "\"labels\"",
            "\"entities\"",
            "\"annotations\"",
            "\"completions\"",
            "\"result\"",
        ]
        .iter()
        .any(|key| head.contains(key))
}

/// Loads a JSON or JSON-lines file of records (its text `source`,
/// already read).
pub fn load(
    path: &Path,
    source: String,
    reader: &dyn SourceReader,
    options: &ImportOptions,
) -> Loaded {
    super::load_with(path, reader, Some(source), |shown, source, reporter| {
        let (mut records, problems) = parse(shown, source);
        reporter.diagnostics.extend(problems);
        if reporter.has_errors() {
            return None;
        }
        if options.text.is_some() {
            reporter.push_file(
                Diagnostic::warning(
                    "span-own-text",
                    "--text is not used: each record carries its own text",
                )
                .hint("leave --text out for spaCy, Prodigy, doccano and Label Studio files"),
            );
        }
        let unit = options.offset_unit.unwrap_or(OffsetUnit::CodePoint);
        check_unit_of(&records, unit, reporter)?;
        if unit != OffsetUnit::CodePoint {
            in_code_points(&mut records, unit);
        }
        let (mut raw, text) = requests(&records, options.group_by, reporter);
        super::match_names_if_asked(&mut raw, options);
        let meta = Meta {
            text_path: shown.to_string(),
            annotation_path: Some(shown.to_string()),
            ..Meta::default()
        };
        build(
            raw,
            PreparedText::new(text, TextFormat::Plain),
            meta,
            reporter,
        )
    })
}

/// Code points (or the unit asked for), unless the spans that carry their
/// text say otherwise.
fn check_unit_of(records: &[Record], unit: OffsetUnit, reporter: &mut Reporter<'_>) -> Option<()> {
    for record in records {
        let pinned: Vec<([(usize, usize); 1], &str)> = record
            .spans
            .iter()
            .filter_map(|span| Some(([(span.start, span.end)], span.text.as_deref()?)))
            .collect();
        let claimed: Vec<Claimed<'_>> = pinned
            .iter()
            .map(|(fragments, text)| Claimed { fragments, text })
            .collect();
        if let UnitCheck::Wrong { better, .. } = check_unit(&record.text, unit, &claimed) {
            reporter.push_at(
                Diagnostic::error(
                    "span-offset-unit",
                    format!(
                        "these spans count {}, not {}",
                        better.name(),
                        if unit == OffsetUnit::CodePoint {
                            "code points"
                        } else {
                            unit.name()
                        }
                    ),
                )
                .hint(format!(
                    "open the file with --offset-unit {}, or convert the offsets to code points (Python string indices)",
                    better.name()
                )),
                record.at.clone(),
            );
            return None;
        }
    }
    Some(())
}

/// Each record's spans, counted in `unit`, recounted in code points; a
/// span whose ends are no boundaries in `unit` keeps them, and the loader
/// reports it.
fn in_code_points(records: &mut [Record], unit: OffsetUnit) {
    for record in records {
        let ends: Vec<usize> = record
            .spans
            .iter()
            .flat_map(|span| [span.start, span.end])
            .collect();
        let mut recounted = recount_as_code_points(&record.text, unit, &ends).into_iter();
        for span in &mut record.spans {
            if let (Some(Some(start)), Some(Some(end))) = (recounted.next(), recounted.next()) {
                (span.start, span.end) = (start, end);
            }
        }
    }
}

/// The records as one text and the loader's requests on it; with
/// `GroupBy::None` every span is an entity of its own.
fn requests(
    records: &[Record],
    group_by: GroupBy,
    reporter: &mut Reporter<'_>,
) -> (RawFile, String) {
    let mut raw = RawFile {
        format_present: true,
        format: Some(Spanned::new(0..0, 1)),
        ..RawFile::default()
    };
    let builtin: HashSet<&str> = BUILTIN_KINDS.iter().map(|(name, _)| *name).collect();
    let mut kinds: HashMap<String, String> = HashMap::new();
    let mut taken_kinds = HashSet::new();
    let mut taken = HashSet::new();
    let mut entities: HashMap<(String, String), String> = HashMap::new();
    let mut grouped = 0;
    let mut text = String::new();
    for (n, record) in records.iter().enumerate() {
        if n > 0 {
            text.push_str(BETWEEN_RECORDS);
        }
        let base = text.chars().count();
        text.push_str(&record.text);
        let at = || record.at.clone();
        let spanned = |s: &str| Spanned::new(record.at.clone(), s.to_string());
        // Each span's covered text, through byte offsets of its record.
        let units: Vec<usize> = record.text.char_indices().map(|(at, _)| at).collect();
        let byte = |cp: usize| units.get(cp).copied().unwrap_or(record.text.len());
        let mut entity_of_span: HashMap<String, String> = HashMap::new();
        for span in &record.spans {
            let covered = record
                .text
                .get(byte(span.start)..byte(span.end))
                .unwrap_or_default()
                .to_string();
            let label = if span.label.is_empty() {
                "other"
            } else {
                span.label.as_str()
            };
            let kind = kinds
                .entry(label.to_string())
                .or_insert_with(|| {
                    let lower = label.to_lowercase();
                    if builtin.contains(lower.as_str()) {
                        return lower;
                    }
                    let name = fresh_id(label, &mut taken_kinds);
                    raw.kinds.push((
                        spanned(&name),
                        RawKind {
                            label: label.to_string(),
                        },
                    ));
                    name
                })
                .clone();
            let key = (kind.clone(), covered.clone());
            let known = entities.get(&key).filter(|_| group_by == GroupBy::Text);
            let id = match known {
                Some(id) => {
                    grouped += 1;
                    id.clone()
                }
                None => {
                    let id = fresh_id(&covered, &mut taken);
                    entities.insert(key, id.clone());
                    raw.entities.push(Table {
                        value: RawEntity {
                            id: spanned(&id),
                            name: spanned(if covered.trim().is_empty() {
                                &id
                            } else {
                                &covered
                            }),
                            kind: spanned(&kind),
                            aliases: Vec::new(),
                            summary: None,
                            tags: Vec::new(),
                            auto: Some(false),
                        },
                        span: at(),
                    });
                    id
                }
            };
            if let Some(span_id) = &span.id {
                entity_of_span.insert(span_id.clone(), id.clone());
            }
            let number = |cp: usize| {
                Some(Spanned::new(
                    at(),
                    i64::try_from(base + cp).unwrap_or(i64::MAX),
                ))
            };
            raw.mentions.push(Table {
                value: anchored!(
                    RawMention {
                        parts: Vec::new(),
                        attributes: RawAttributes::new(),
                        entity: spanned(&id),
                        kind: None,
                    },
                    GivenPassage {
                        quote: Some(spanned(&covered)).filter(|q| !q.get_ref().is_empty()),
                        start: number(span.start),
                        end: number(span.end),
                        ..GivenPassage::default()
                    }
                ),
                span: at(),
            });
        }
        for relation in &record.relations {
            let (Some(from), Some(to)) = (
                entity_of_span.get(&relation.from),
                entity_of_span.get(&relation.to),
            ) else {
                continue;
            };
            raw.relations.push(Table {
                value: anchored!(
                    RawRelation {
                        attributes: RawAttributes::new(),
                        from: spanned(from),
                        to: spanned(to),
                        kind: if relation.label.is_empty() {
                            "related to".to_string()
                        } else {
                            relation.label.clone()
                        },
                        note: None,
                    },
                    GivenPassage::default()
                ),
                span: at(),
            });
        }
    }
    if grouped > 0 {
        reporter.push_file(
            Diagnostic::warning(
                "span-grouped-by-text",
                format!("{grouped} spans were made one entity with others of the same label and text"),
            )
            .hint("these formats do not say which spans are one entity; brief groups them by label and text"),
        );
    }
    (raw, text)
}
