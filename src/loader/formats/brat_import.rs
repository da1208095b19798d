//! A brat document (`NAME.ann` with `NAME.txt`) opened as a briefing. The
//! standoff is turned into the loader's own requests ([`RawFile`]), every
//! field's position the `.ann`'s, so that what the loader then finds wrong
//! is reported on the `.ann`'s line and column, and built as any briefing:
//!
//! - the spans' unit is checked first against the text they quote: brat's
//!   own (code points, a CRLF counted once); offsets that fit another unit
//!   are an error naming it, never silently shifted; a text that does not
//!   match is an error on its line;
//! - `T` → a mention (a discontinuous one: a mention of several parts,
//!   one part a fragment); mentions are one
//!   entity when an `N` links them to the same reference or a `*` `Equiv`
//!   line joins them, else when they have the same type and text (said in
//!   a note); entity kinds from the types; automatic matching off;
//! - `R` → a relation between the entities of its two arguments, its
//!   evidence the passage from one argument to the other when they are
//!   near (else the first argument's);
//! - `#` → notes ([`super::brat_notes`]): on a relation, its note; else
//!   a comment note on the passage of what it annotates (an event's
//!   trigger for an event);
//! - `A`/`M` → attributes of the mention (a flag as `true`);
//! - `E` → an event ([`super::brat_events`]); its trigger is not made an
//!   entity.

// foldhash: these maps hold an entry per annotation, a quarter of a
// million on a large file, and SipHash was a tenth of the import.
use foldhash::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::brat::{Item, Standoff, TextBound, parse};
use super::brat_bounds::Bounds;
use super::naming::fresh_id;
use super::offsets::{Boundaries, Claimed, OffsetUnit, UnitCheck, check_unit_on, to_bytes};
use super::{GivenPassage, anchored};
use crate::loader::build::build;
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::parallel;
use crate::loader::prepared::PreparedText;
use crate::loader::raw::{
    Item as Table, RawAttributes, RawEntity, RawFile, RawKind, RawMention, RawPart, RawRelation,
};
use crate::loader::source::SourceReader;
use crate::loader::{GroupBy, ImportOptions, Loaded, TEXT_CAP};
use crate::model::{BUILTIN_KINDS, Meta, TextFormat};

/// Loads `ann` and the `.txt` beside it.
pub fn load(ann: &Path, reader: &dyn SourceReader, options: &ImportOptions) -> Loaded {
    super::load_with(ann, reader, None, |shown, source, reporter| {
        let text_path = options
            .text
            .clone()
            .unwrap_or_else(|| ann.with_extension("txt"));
        let text = reader.read(&text_path, TEXT_CAP);
        std::thread::scope(|scope| {
            // The text's blocks and lines are made on the other core while
            // this one reads the standoff and turns it into requests (as
            // the TOML's text is while the TOML parses).
            let prepared = text
                .as_ref()
                .ok()
                .filter(|text| text.len() >= PREPARE_APART)
                .map(|text| {
                    let copy = text.clone();
                    parallel::spawn(scope, move || PreparedText::new(copy, TextFormat::Plain))
                });
            let (standoff, problems) = parse(shown, source);
            reporter.diagnostics.extend(problems);
            let text =
                match text {
                    Ok(text) => text,
                    Err(diagnostic) => {
                        reporter.diagnostics.push(diagnostic.hint(
                            "a brat document is NAME.ann with its text as NAME.txt beside it",
                        ));
                        return None;
                    }
                };
            if reporter.has_errors() {
                return None;
            }
            let mut raw = requests(&standoff, &text, options, reporter)?;
            super::match_names_if_asked(&mut raw, options);
            let meta = Meta {
                text_path: text_path.display().to_string(),
                annotation_path: Some(shown.to_string()),
                ..Meta::default()
            };
            let prepared = match prepared {
                Some(task) => task.join(),
                None => PreparedText::new(text, TextFormat::Plain),
            };
            build(raw, prepared, meta, reporter)
        })
    })
}

/// From this many bytes of text on, it is prepared on another thread.
const PREPARE_APART: usize = 256 * 1024;

/// The boundaries of the unit the spans count in (brat's), made once for
/// the check and the conversion after it; `None` when the text they quote
/// says they count another unit (an error) or does not match at all (an
/// error per line).
fn unit_of(
    standoff: &Standoff,
    text: &str,
    asked: Option<OffsetUnit>,
    reporter: &mut Reporter<'_>,
) -> Option<Boundaries> {
    let bounds: Vec<&TextBound> = text_bounds(standoff).collect();
    let quoted: Vec<(&TextBound, &str)> = bounds
        .iter()
        .filter_map(|t| t.text.as_deref().map(|text| (*t, text)))
        .collect();
    let claimed: Vec<Claimed<'_>> = quoted
        .iter()
        .map(|(t, text)| Claimed {
            fragments: &t.fragments,
            text,
        })
        .collect();
    let unit = asked.unwrap_or(OffsetUnit::CodePointCrlfAsOne);
    // Every T's fragments are placed later, not only those with a text.
    let boundaries = Boundaries::of(
        text,
        unit,
        text_bounds(standoff)
            .flat_map(|t| &t.fragments)
            .flat_map(|&(start, end)| [start, end]),
    );
    match check_unit_on(text, unit, &boundaries, &claimed) {
        UnitCheck::Fits => Some(boundaries),
        UnitCheck::Wrong { misfits, better } => {
            let first = misfits.first().and_then(|&i| quoted.get(i));
            reporter.push_at(
                Diagnostic::error(
                    "brat-offset-unit",
                    format!(
                        "these offsets do not count {}; every span fits if they count {}",
                        match asked {
                            Some(unit) => format!("{} as --offset-unit says", unit.name()),
                            None => "code points as brat does".to_string(),
                        },
                        match better {
                            OffsetUnit::Utf16 => "UTF-16 units (a JavaScript tool's)",
                            OffsetUnit::Byte => "bytes",
                            OffsetUnit::Grapheme => "grapheme clusters",
                            OffsetUnit::CodePoint => "code points with a CRLF as two",
                            OffsetUnit::CodePointCrlfAsOne => "code points",
                        }
                    ),
                )
                .hint(format!(
                    "the file was written in another unit: open it with --offset-unit {}, or convert its offsets",
                    better.name()
                )),
                first.map_or(0..0, |(t, _)| t.offsets.clone()),
            );
            None
        }
        UnitCheck::Misfits(misfits) => {
            for (t, quoted) in misfits.iter().filter_map(|&i| quoted.get(i)) {
                let found: Option<Vec<&str>> = to_bytes(&boundaries, &t.fragments)
                    .and_then(|ranges| ranges.into_iter().map(|r| text.get(r)).collect());
                let at = match found {
                    Some(pieces) => format!("\u{201c}{}\u{201d}", pieces.join(" ")),
                    None => "past the end of the text".to_string(),
                };
                reporter.push_at(
                    Diagnostic::error(
                        "brat-text-mismatch",
                        format!("`{}` quotes \u{201c}{quoted}\u{201d}, but its offsets cover {at}", t.id),
                    )
                    .hint("the offsets or the text after the TAB are wrong; the .txt must be the text the offsets count"),
                    t.offsets.clone(),
                );
            }
            None
        }
    }
}

fn text_bounds(standoff: &Standoff) -> impl Iterator<Item = &TextBound> {
    standoff.items.iter().filter_map(|item| match item {
        Item::TextBound(t) => Some(t),
        _ => None,
    })
}

/// How far apart (in bytes) a relation's two arguments may be for its
/// evidence to run from one to the other: about a paragraph.
const NEAR_ARGUMENTS: usize = 2000;

/// Union-find over text-bound ids: `Equiv` sets and shared references.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn find(&mut self, mut at: usize) -> usize {
        while let Some(&up) = self.parent.get(at) {
            if up == at {
                break;
            }
            let grand = self.parent.get(up).copied().unwrap_or(up);
            if let Some(slot) = self.parent.get_mut(at) {
                *slot = grand;
            }
            at = up;
        }
        at
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if let Some(slot) = self.parent.get_mut(a) {
            *slot = b;
        }
    }
}

/// The standoff as the loader's requests, positions in the `.ann`.
fn requests(
    standoff: &Standoff,
    text: &str,
    options: &ImportOptions,
    reporter: &mut Reporter<'_>,
) -> Option<RawFile> {
    let boundaries = unit_of(standoff, text, options.offset_unit, reporter)?;
    // Event triggers are not entities.
    let triggers: HashSet<&str> = standoff
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Event { trigger, .. } => Some(trigger.id.as_str()),
            _ => None,
        })
        .collect();
    let bounds: Vec<&TextBound> = text_bounds(standoff)
        .filter(|t| !triggers.contains(t.id.as_str()))
        .collect();
    let index: HashMap<&str, usize> = bounds
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut groups = Groups {
        parent: (0..bounds.len()).collect(),
    };
    let mut references: HashMap<usize, (&str, Option<&str>)> = HashMap::default();
    let mut by_reference: HashMap<&str, usize> = HashMap::default();
    let mut attributes: HashMap<usize, RawAttributes> = HashMap::default();
    let mut attributes_skipped = 0;
    for item in &standoff.items {
        match item {
            Item::Equivalence { members, .. } => {
                let ids: Vec<usize> = members
                    .iter()
                    .filter_map(|m| index.get(m.id.as_str()).copied())
                    .collect();
                for pair in ids.windows(2) {
                    if let [a, b] = pair {
                        groups.join(*a, *b);
                    }
                }
            }
            Item::Normalization {
                target,
                reference,
                text,
                ..
            } => {
                if let Some(&at) = index.get(target.id.as_str()) {
                    references.insert(at, (reference, text.as_deref()));
                    match by_reference.get(reference.as_str()) {
                        Some(&other) => groups.join(at, other),
                        None => {
                            by_reference.insert(reference, at);
                        }
                    }
                }
            }
            Item::Attribute {
                name,
                target,
                value,
                line,
                ..
            } => {
                if let Some(&at) = index.get(target.id.as_str()) {
                    // A flag is kept as `true`, as TOML would write it.
                    let value = value.clone().unwrap_or_else(|| "true".to_string());
                    attributes.entry(at).or_default().insert(
                        name.clone(),
                        Spanned::new(line.clone(), toml::Value::String(value)),
                    );
                } else if !(name.eq_ignore_ascii_case("date") && target.id.starts_with('E')) {
                    // An event's date is read with the event; other
                    // attributes of events, relations or triggers have
                    // nowhere to go.
                    attributes_skipped += 1;
                }
            }
            _ => {}
        }
    }
    // Those still alone join others of their type and text.
    let mut by_text: HashMap<(&str, &str), usize> = HashMap::default();
    let mut grouped_by_text = 0;
    for (at, t) in bounds.iter().enumerate() {
        if options.group_by == GroupBy::None
            || references.contains_key(&at)
            || groups.find(at) != at
        {
            continue;
        }
        let key = (t.kind.as_str(), t.text.as_deref().unwrap_or_default());
        match by_text.get(&key) {
            Some(&other) => {
                groups.join(at, other);
                grouped_by_text += 1;
            }
            None => {
                by_text.insert(key, at);
            }
        }
    }
    let mut raw = RawFile {
        format_present: true,
        format: Some(Spanned::new(0..0, 1)),
        ..RawFile::default()
    };
    // Kinds: the built-in one of the same name, else declared.
    let builtin: HashSet<&str> = BUILTIN_KINDS.iter().map(|(name, _)| *name).collect();
    let mut kind_of: HashMap<&str, String> = HashMap::default();
    let mut taken_kinds = std::collections::HashSet::new();
    for t in &bounds {
        if kind_of.contains_key(t.kind.as_str()) {
            continue;
        }
        let lower = t.kind.to_lowercase();
        let name = if builtin.contains(lower.as_str()) {
            lower
        } else {
            let name = fresh_id(&t.kind, &mut taken_kinds);
            let span = t.line.start + t.id.len() + 1..t.line.start + t.id.len() + 1 + t.kind.len();
            raw.kinds.push((
                Spanned::new(span, name.clone()),
                RawKind {
                    label: t.kind.clone(),
                },
            ));
            name
        };
        kind_of.insert(t.kind.as_str(), name);
    }
    // One entity a group, named by its reference's text or its first text.
    let mut taken = std::collections::HashSet::new();
    // Each group's reference (its first member's that has one), found in
    // one pass: the members of a group are not next to each other.
    let mut reference_of_group: HashMap<usize, (&str, Option<&str>)> = HashMap::default();
    for at in 0..bounds.len() {
        if let Some(&reference) = references.get(&at) {
            reference_of_group
                .entry(groups.find(at))
                .or_insert(reference);
        }
    }
    // A group's entity: its id and its place in `raw.entities`.
    let mut entity_of_group: HashMap<usize, String> = HashMap::default();
    let mut entity_of: Vec<String> = Vec::with_capacity(bounds.len());
    for at in 0..bounds.len() {
        let root = groups.find(at);
        if let Some(id) = entity_of_group.get(&root) {
            entity_of.push(id.clone());
            continue;
        }
        let Some(t) = bounds.get(at) else {
            continue;
        };
        let reference = reference_of_group.get(&root).copied();
        let name = reference
            .and_then(|(_, text)| text)
            .or(t.text.as_deref())
            .unwrap_or(t.id.as_str())
            .to_string();
        let id = fresh_id(reference.map_or(name.as_str(), |(r, _)| r), &mut taken);
        let kind = kind_of
            .get(t.kind.as_str())
            .cloned()
            .unwrap_or_else(|| "other".to_string());
        let kind_span = t.line.start + t.id.len() + 1..t.line.start + t.id.len() + 1 + t.kind.len();
        raw.entities.push(Table {
            value: RawEntity {
                id: Spanned::new(t.line.clone(), id.clone()),
                name: Spanned::new(t.text_at.clone().unwrap_or(t.line.clone()), name),
                kind: Spanned::new(kind_span, kind),
                aliases: Vec::new(),
                summary: None,
                tags: Vec::new(),
                auto: Some(false),
            },
            span: t.line.clone(),
        });
        entity_of_group.insert(root, id.clone());
        entity_of.push(id);
    }
    // Mentions: one a fragment, offsets as the loader counts them (code
    // points of the text as it is), the fragment's text as the quote.
    let fragment_bytes: Vec<Option<Vec<Range<usize>>>> = bounds
        .iter()
        .map(|t| to_bytes(&boundaries, &t.fragments))
        .collect();
    // Every span's ends, event triggers' too (notes on events are on
    // their passage), in code points: found by the walk that placed them.
    let units = boundaries.units();
    // A passage by its offsets in code points, placed on `t`'s offsets.
    let positions = |range: &Range<usize>, t: &TextBound| {
        let number = |offset: usize| i64::try_from(units.at(offset).code_point).unwrap_or(i64::MAX);
        GivenPassage {
            start: Some(Spanned::new(t.offsets.clone(), number(range.start))),
            end: Some(Spanned::new(t.offsets.clone(), number(range.end))),
            ..GivenPassage::default()
        }
    };
    // And with the text it covers as its quote.
    let selector = |range: &Range<usize>, t: &TextBound| GivenPassage {
        quote: Some(Spanned::new(
            t.text_at.clone().unwrap_or(t.offsets.clone()),
            text.get(range.clone()).unwrap_or_default().to_string(),
        )),
        ..positions(range, t)
    };
    // One mention a `T`; the fragments of a discontinuous one are its
    // parts.
    for (at, ((t, ranges), entity)) in bounds
        .iter()
        .zip(&fragment_bytes)
        .zip(&entity_of)
        .enumerate()
    {
        let Some((first, further)) = ranges.as_ref().and_then(|r| r.split_first()) else {
            continue;
        };
        let parts = further
            .iter()
            .map(|range| Spanned::new(t.offsets.clone(), anchored!(RawPart {}, selector(range, t))))
            .collect();
        raw.mentions.push(Table {
            value: anchored!(
                RawMention {
                    parts,
                    attributes: attributes.remove(&at).unwrap_or_default(),
                    entity: Spanned::new(t.line.clone(), entity.clone()),
                    kind: None,
                },
                selector(first, t)
            ),
            span: t.line.clone(),
        });
    }
    let mut relation_of: HashMap<&str, usize> = HashMap::default();
    // Looked up by id for every note: maps, not scans of the file.
    let bound_by_id: HashMap<&str, &TextBound> =
        text_bounds(standoff).map(|t| (t.id.as_str(), t)).collect();
    for item in &standoff.items {
        if let Item::Relation {
            id,
            kind,
            arguments,
            line,
        } = item
        {
            let end = |at: usize| {
                arguments
                    .get(at)
                    .and_then(|a| index.get(a.id.as_str()))
                    .and_then(|&i| entity_of.get(i))
            };
            let (Some(from), Some(to)) = (end(0), end(1)) else {
                reporter.push_at(
                        Diagnostic::warning(
                            "brat-relation-skipped",
                            "a relation whose arguments are not both text-bound annotations is not shown yet",
                        ),
                        line.clone(),
                    );
                continue;
            };
            let at = |i: usize| arguments.get(i).map_or(line.clone(), |a| a.at.clone());
            // Its evidence runs from one argument to the other: the
            // mentions it was stated at, kept (a writer finds them in it).
            let first_fragment = |i: usize| {
                arguments
                    .get(i)
                    .and_then(|a| index.get(a.id.as_str()))
                    .and_then(|&b| fragment_bytes.get(b))
                    .and_then(|ranges| ranges.as_ref()?.first().cloned())
            };
            // Arguments far apart (another paragraph, another page) were
            // not stated in one passage: then the first one is the evidence.
            let evidence = match (first_fragment(0), first_fragment(1)) {
                (Some(a), Some(b)) => {
                    let gap = a.start.max(b.start).saturating_sub(a.end.min(b.end));
                    if gap <= NEAR_ARGUMENTS {
                        Some(a.start.min(b.start)..a.end.max(b.end))
                    } else {
                        Some(a)
                    }
                }
                (first, _) => first,
            };
            // By offsets only: a quote would copy the passage, and the
            // offsets come from spans whose texts were checked.
            let passage = match (&evidence, bounds.first()) {
                (Some(range), Some(any)) => positions(range, any),
                _ => GivenPassage::default(),
            };
            relation_of.insert(id.as_str(), raw.relations.len());
            raw.relations.push(Table {
                value: anchored!(
                    RawRelation {
                        attributes: RawAttributes::new(),
                        from: Spanned::new(at(0), from.clone()),
                        to: Spanned::new(at(1), to.clone()),
                        kind: kind.clone(),
                        note: None,
                    },
                    passage
                ),
                span: line.clone(),
            });
        }
    }
    let passage_of = |t: &TextBound| {
        let first = to_bytes(&boundaries, &t.fragments)?.first().cloned()?;
        Some(selector(&first, t))
    };
    let bounds = Bounds {
        index: &index,
        entity_of: &entity_of,
        by_id: &bound_by_id,
    };
    super::brat_notes::import(standoff, &bounds, &passage_of, &relation_of, &mut raw);
    super::brat_events::import(standoff, &bounds, &passage_of, &mut raw, reporter);
    if attributes_skipped > 0 {
        reporter.push_file(
            Diagnostic::warning(
                "brat-attribute-skipped",
                format!(
                    "{attributes_skipped} attributes are not on an entity's annotation and are left out"
                ),
            )
            .hint("brief keeps attributes of mentions; an event keeps only its `Date`"),
        );
    }
    if grouped_by_text > 0 {
        reporter.push_file(
            Diagnostic::warning(
                "brat-grouped-by-text",
                format!(
                    "{grouped_by_text} mentions were made one entity with others of the same type and text"
                ),
            )
            .hint("link mentions of one entity with `N` normalisations or `*` Equiv lines to say so"),
        );
    }
    Some(raw)
}
