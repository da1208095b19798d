//! A W3C Web Annotation (or Hypothesis) file opened as a briefing: the
//! annotations turned into the loader's own requests ([`RawFile`]), each
//! field placed on its annotation in the JSON, and built as any briefing.
//! The text is the one the targets name as `source` — a path relative to
//! the annotation file, or a `file:` IRI — and must be the same for all.
//!
//! - motivation `identifying` → a mention of the entity its identifying
//!   body names (`urn:brief:entity:ID` or another IRI as the id, the body's
//!   `value` as the name, a `brief:kind:KIND` tag as the kind, declared
//!   with the label of a `brief:kind-label:` tag when it is no built-in);
//! - `linking` between two entity IRIs → a relation (a `describing` body
//!   its kind; a passage target its evidence);
//! - `describing` with an `edtf:DATE` tag, or a `brief:undated` one → an
//!   event (a passage target its passage, entity IRIs its entities,
//!   `brief:role:ROLE=ENTITY` tags its participants); without either it is
//!   left out, said in a warning;
//! - several passage targets of one `identifying` annotation → the parts
//!   of one mention; `brief:attribute:NAME=VALUE` tags → attributes;
//! - anything else on a passage (`commenting`, `questioning`, a
//!   Hypothesis annotation's `text`) → a note, of the kind a
//!   `brief:note:KIND` tag says (else a comment), graded by an
//!   `admiralty:B3` tag.
//!
//! Passages are found by quote (with its prefix and suffix) and position;
//! positions count code points, as the model requires, and a file whose
//! positions fit only another unit is an error naming it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::offsets::{Claimed, OffsetUnit, UnitCheck, check_unit, recount_as_code_points};
use super::w3c::{Target, WebAnnotation, parse};
use super::{GivenPassage, anchored};
use crate::loader::ImportOptions;
use crate::loader::build::{build, is_valid_id};
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::prepared::PreparedText;
use crate::loader::raw::{
    Item as Table, RawAttributes, RawBriefing, RawEntity, RawEvent, RawFile, RawKind, RawMention,
    RawNote, RawPart, RawRelation, RawRole,
};
use crate::loader::source::SourceReader;
use crate::loader::{Loaded, TEXT_CAP};
use crate::model::{BUILTIN_KINDS, Meta};

const ENTITY_IRI: &str = "urn:brief:entity:";

/// Whether `source` looks like W3C Web Annotation or Hypothesis JSON.
pub fn looks_like(source: &str) -> bool {
    let head: String = source.chars().take(4096).collect();
    head.contains("http://www.w3.org/ns/anno.jsonld")
        || head.contains("\"TextQuoteSelector\"")
        || head.contains("\"TextPositionSelector\"")
        || (head.contains("\"rows\"") && head.contains("\"target\""))
}

/// Loads `json` (its text `source`, already read) and the text its
/// targets name.
pub fn load(
    json: &Path,
    source: String,
    reader: &dyn SourceReader,
    options: &ImportOptions,
) -> Loaded {
    super::load_with(json, reader, Some(source), |shown, source, reporter| {
        let (mut annotations, problems) = parse(shown, source);
        reporter.diagnostics.extend(problems);
        if reporter.has_errors() {
            return None;
        }
        let text_path = match &options.text {
            Some(text) => text.clone(),
            None => text_of(json, &annotations, reporter)?,
        };
        let text = match reader.read(&text_path, TEXT_CAP) {
            Ok(text) => text,
            Err(diagnostic) => {
                reporter.diagnostics.push(diagnostic);
                return None;
            }
        };
        let unit = options.offset_unit.unwrap_or(OffsetUnit::CodePoint);
        check_positions(&annotations, &text, unit, reporter)?;
        if unit != OffsetUnit::CodePoint {
            in_code_points(&mut annotations, &text, unit);
        }
        let mut raw = requests(&annotations, reporter);
        super::match_names_if_asked(&mut raw, options);
        raw.briefing = super::w3c::label(source).map(|title| Table {
            value: RawBriefing {
                title: Some(title),
                ..RawBriefing::default()
            },
            span: 0..0,
        });
        let meta = Meta {
            text_path: text_path.display().to_string(),
            annotation_path: Some(shown.to_string()),
            ..Meta::default()
        };
        let format = crate::loader::format_of(&text_path);
        build(raw, PreparedText::new(text, format), meta, reporter)
    })
}

/// The one text every passage target names, beside the annotation file.
fn text_of(
    json: &Path,
    annotations: &[WebAnnotation],
    reporter: &mut Reporter<'_>,
) -> Option<PathBuf> {
    let mut named: Option<(&str, Range<usize>)> = None;
    for annotation in annotations {
        for target in annotation.targets.iter().filter(|t| is_passage(t)) {
            let Some(source) = target.source.as_deref() else {
                continue;
            };
            match &named {
                None => named = Some((source, annotation.at.clone())),
                Some((first, _)) if *first != source => {
                    reporter.push_at(
                        Diagnostic::error(
                            "w3c-sources",
                            format!("the annotations are on two texts, `{first}` and `{source}`"),
                        )
                        .hint("brief opens annotations of one text at a time"),
                        annotation.at.clone(),
                    );
                    return None;
                }
                Some(_) => {}
            }
        }
    }
    let Some((source, at)) = named else {
        reporter.push_file(
            Diagnostic::error("w3c-no-text", "the annotations name no text file").hint(
                "give the passage targets a `source`: the text's file name, beside the annotations",
            ),
        );
        return None;
    };
    let local = source
        .strip_prefix("file://")
        .or_else(|| source.strip_prefix("file:"));
    let relative = local.unwrap_or(source);
    if local.is_none() && relative.contains("://") {
        reporter.push_at(
            Diagnostic::error(
                "w3c-remote-text",
                format!("the text `{source}` is on the web; brief reads only local files"),
            )
            .hint("save the text beside the annotations and name it as `source`"),
            at,
        );
        return None;
    }
    let folder = json.parent().unwrap_or(Path::new(""));
    Some(folder.join(relative))
}

fn is_passage(target: &Target) -> bool {
    target.quote.is_some() || target.position.is_some()
}

/// Positions count code points; a file whose quotes say they count
/// another unit is an error naming it.
fn check_positions(
    annotations: &[WebAnnotation],
    text: &str,
    unit: OffsetUnit,
    reporter: &mut Reporter<'_>,
) -> Option<()> {
    // (annotation, its position as one fragment, its quote)
    type Pinned<'a> = (&'a WebAnnotation, [(usize, usize); 1], &'a str);
    let both: Vec<Pinned<'_>> = annotations
        .iter()
        .flat_map(|a| {
            a.targets
                .iter()
                .filter_map(move |t| Some((a, [t.position?], t.quote.as_ref()?.exact.as_str())))
        })
        .collect();
    let claimed: Vec<Claimed<'_>> = both
        .iter()
        .map(|(_, fragments, text)| Claimed { fragments, text })
        .collect();
    match check_unit(text, unit, &claimed) {
        UnitCheck::Wrong { misfits, better } if misfits.len() == claimed.len() => {
            let at = misfits
                .first()
                .and_then(|&i| both.get(i))
                .map_or(0..0, |(a, _, _)| a.at.clone());
            reporter.push_at(
                Diagnostic::error(
                    "w3c-offset-unit",
                    if unit == OffsetUnit::CodePoint {
                        format!(
                            "the positions count {}, not code points as the Web Annotation model requires",
                            better.name()
                        )
                    } else {
                        format!(
                            "the positions count {}, not {} as --offset-unit says",
                            better.name(),
                            unit.name()
                        )
                    },
                )
                .hint(format!(
                    "a JavaScript tool counts UTF-16 units: open it with --offset-unit {}, or drop the positions and keep the quotes",
                    better.name()
                )),
                at,
            );
            None
        }
        // Some positions stale, the quotes still there: the loader
        // anchors by quote and warns of each.
        _ => Some(()),
    }
}

/// Positions counted in `unit` recounted as code points, as the loader
/// reads them; one that is no boundary in `unit` is dropped, and its quote
/// finds the passage.
fn in_code_points(annotations: &mut [WebAnnotation], text: &str, unit: OffsetUnit) {
    let ends: Vec<usize> = annotations
        .iter()
        .flat_map(|a| &a.targets)
        .filter_map(|t| t.position)
        .flat_map(|(start, end)| [start, end])
        .collect();
    let mut recounted = recount_as_code_points(text, unit, &ends).into_iter();
    for target in annotations.iter_mut().flat_map(|a| &mut a.targets) {
        if target.position.is_some() {
            let (start, end) = (recounted.next().flatten(), recounted.next().flatten());
            target.position = start.zip(end);
        }
    }
}

/// A tag body's value after `prefix`.
fn tag<'a>(annotation: &'a WebAnnotation, prefix: &'a str) -> Option<&'a str> {
    tags(annotation, prefix).next()
}

/// Every tag body's value after `prefix`, in order.
fn tags<'a>(annotation: &'a WebAnnotation, prefix: &'a str) -> impl Iterator<Item = &'a str> {
    annotation
        .bodies
        .iter()
        .filter(|b| b.purpose.as_deref() == Some("tagging"))
        .filter_map(move |b| b.value.as_deref()?.strip_prefix(prefix))
}

/// The `brief:attribute:NAME=VALUE` tags as attributes.
fn attributes(annotation: &WebAnnotation) -> RawAttributes {
    tags(annotation, "brief:attribute:")
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| {
            (
                name.to_string(),
                Spanned::new(
                    annotation.at.clone(),
                    toml::Value::String(value.to_string()),
                ),
            )
        })
        .collect()
}

fn has(annotation: &WebAnnotation, motivation: &str) -> bool {
    annotation.motivations.iter().any(|m| m == motivation)
}

/// The entity id an IRI names: brief's own, else one made from it.
fn entity_id(iri: &str) -> String {
    match iri.strip_prefix(ENTITY_IRI) {
        Some(id) if is_valid_id(id) => id.to_string(),
        _ => {
            let mut id = String::new();
            for c in iri.chars().flat_map(char::to_lowercase) {
                if c.is_ascii_alphanumeric() {
                    id.push(c);
                } else if !id.is_empty() && !id.ends_with('-') {
                    id.push('-');
                }
            }
            let id = id.trim_end_matches('-').to_string();
            if id.is_empty() {
                "entity".to_string()
            } else {
                id
            }
        }
    }
}

/// The requests for a passage target: quote with its context, and the
/// position as the offsets.
fn selector(target: &Target, at: &Range<usize>) -> GivenPassage {
    let spanned = |s: &str| Some(Spanned::new(at.clone(), s.to_string()));
    // brief's context must hold more than white space (its matching
    // folds runs of white space); a context of only a line break says
    // nothing the position does not.
    let nonempty =
        |s: &str| (!s.trim().is_empty()).then(|| Spanned::new(at.clone(), s.to_string()));
    let number = |n: usize| {
        Some(Spanned::new(
            at.clone(),
            i64::try_from(n).unwrap_or(i64::MAX),
        ))
    };
    GivenPassage {
        quote: target.quote.as_ref().and_then(|q| spanned(&q.exact)),
        prefix: target.quote.as_ref().and_then(|q| nonempty(&q.prefix)),
        suffix: target.quote.as_ref().and_then(|q| nonempty(&q.suffix)),
        start: target.position.and_then(|(start, _)| number(start)),
        end: target.position.and_then(|(_, end)| number(end)),
    }
}

/// The annotations as the loader's requests.
fn requests(annotations: &[WebAnnotation], reporter: &mut Reporter<'_>) -> RawFile {
    let mut raw = RawFile {
        format_present: true,
        format: Some(Spanned::new(0..0, 1)),
        ..RawFile::default()
    };
    // Entities first, from every identifying body, in the order met.
    let mut entities: HashMap<String, usize> = HashMap::new();
    for annotation in annotations {
        for body in annotation
            .bodies
            .iter()
            .filter(|b| b.purpose.as_deref() == Some("identifying"))
        {
            let Some(id) = body
                .id
                .as_deref()
                .map(entity_id)
                .or_else(|| body.value.as_deref().map(entity_id))
            else {
                continue;
            };
            if entities.contains_key(&id) {
                continue;
            }
            let kind = has(annotation, "identifying")
                .then(|| tag(annotation, "brief:kind:"))
                .flatten()
                .unwrap_or("other");
            let builtin = BUILTIN_KINDS.iter().any(|(name, _)| *name == kind);
            if !builtin && !raw.kinds.iter().any(|(name, _)| name.get_ref() == kind) {
                let label = tag(annotation, "brief:kind-label:").unwrap_or(kind);
                raw.kinds.push((
                    Spanned::new(annotation.at.clone(), kind.to_string()),
                    RawKind {
                        label: label.to_string(),
                    },
                ));
            }
            entities.insert(id.clone(), raw.entities.len());
            let at = annotation.at.clone();
            raw.entities.push(Table {
                value: RawEntity {
                    id: Spanned::new(at.clone(), id.clone()),
                    name: Spanned::new(
                        at.clone(),
                        body.value.clone().unwrap_or_else(|| id.clone()),
                    ),
                    kind: Spanned::new(at.clone(), kind.to_string()),
                    aliases: Vec::new(),
                    summary: None,
                    tags: Vec::new(),
                    auto: Some(false),
                },
                span: at,
            });
        }
    }
    let identified = |annotation: &WebAnnotation| -> Vec<String> {
        annotation
            .bodies
            .iter()
            .filter(|b| b.purpose.as_deref() == Some("identifying"))
            .filter_map(|b| b.id.as_deref().or(b.value.as_deref()).map(entity_id))
            .collect()
    };
    let iris = |annotation: &WebAnnotation| -> Vec<String> {
        annotation
            .targets
            .iter()
            .filter_map(|t| t.iri.as_deref())
            .filter(|iri| iri.starts_with(ENTITY_IRI) || entities.contains_key(&entity_id(iri)))
            .map(entity_id)
            .collect()
    };
    let describing = |annotation: &WebAnnotation| {
        annotation
            .bodies
            .iter()
            .find(|b| b.purpose.as_deref() == Some("describing"))
            .and_then(|b| b.value.clone())
    };
    let mut undated = 0;
    for annotation in annotations {
        let at = annotation.at.clone();
        let passage = annotation.targets.iter().find(|t| is_passage(t));
        let spanned = |s: &str| Spanned::new(at.clone(), s.to_string());
        if has(annotation, "identifying") {
            let (Some(target), Some(entity)) = (passage, identified(annotation).into_iter().next())
            else {
                continue;
            };
            // Further passage targets are the parts of one mention.
            let parts = annotation
                .targets
                .iter()
                .filter(|t| is_passage(t))
                .skip(1)
                .map(|target| {
                    Spanned::new(at.clone(), anchored!(RawPart {}, selector(target, &at)))
                })
                .collect();
            let passage = selector(target, &at);
            raw.mentions.push(Table {
                value: anchored!(
                    RawMention {
                        parts,
                        attributes: attributes(annotation),
                        entity: spanned(&entity),
                        kind: None,
                    },
                    passage
                ),
                span: at.clone(),
            });
        } else if has(annotation, "linking")
            && let [from, to] = iris(annotation).as_slice()
        {
            let given = passage.map(|t| selector(t, &at)).unwrap_or_default();
            let note = annotation
                .bodies
                .iter()
                .find(|b| b.purpose.as_deref() == Some("commenting"))
                .and_then(|b| b.value.clone());
            raw.relations.push(Table {
                value: anchored!(
                    RawRelation {
                        attributes: attributes(annotation),
                        from: spanned(from),
                        to: spanned(to),
                        kind: describing(annotation).unwrap_or_else(|| "linked to".to_string()),
                        note,
                    },
                    given
                ),
                span: at.clone(),
            });
        } else if has(annotation, "describing") {
            let date = tag(annotation, "edtf:");
            if date.is_none() && tag(annotation, "brief:undated").is_none() {
                undated += 1;
                continue;
            }
            let roles: Vec<RawRole> = tags(annotation, "brief:role:")
                .filter_map(|pair| pair.split_once('='))
                .map(|(role, entity)| RawRole {
                    role: spanned(role),
                    entity: spanned(entity),
                })
                .collect();
            let id = annotation
                .id
                .as_deref()
                .map(|id| id.trim_start_matches("#event-").trim_start_matches('#'))
                .map(entity_id)
                .unwrap_or_else(|| format!("event-{}", raw.events.len() + 1));
            let given = passage.map(|t| selector(t, &at)).unwrap_or_default();
            raw.events.push(Table {
                value: anchored!(
                    RawEvent {
                        id: spanned(&id),
                        date: date.map(spanned),
                        title: describing(annotation).unwrap_or_else(|| id.clone()),
                        label: tag(annotation, "brief:date-label:").map(str::to_string),
                        entities: iris(annotation)
                            .iter()
                            .filter(|e| !roles.iter().any(|r| r.entity.get_ref() == *e))
                            .map(|e| spanned(e))
                            .collect(),
                        roles,
                        note: None,
                    },
                    given
                ),
                span: at.clone(),
            });
        } else if let Some(target) = passage {
            let text = annotation
                .bodies
                .iter()
                .filter(|b| {
                    b.purpose.as_deref() != Some("tagging")
                        && b.purpose.as_deref() != Some("identifying")
                })
                .filter_map(|b| b.value.clone())
                .chain(annotation.text.clone())
                .collect::<Vec<_>>()
                .join("\n");
            let grading = tag(annotation, "admiralty:").unwrap_or_default();
            let mut letters = grading.chars();
            let reliability = letters
                .next()
                .filter(char::is_ascii_uppercase)
                .map(|c| spanned(&c.to_string()));
            let credibility = grading
                .trim_start_matches(|c: char| c.is_ascii_uppercase())
                .parse::<i64>()
                .ok()
                .map(|n| Spanned::new(at.clone(), n));
            let passage = selector(target, &at);
            raw.notes.push(Table {
                value: anchored!(
                    RawNote {
                        kind: spanned(tag(annotation, "brief:note:").unwrap_or("comment")),
                        text,
                        entities: identified(annotation).iter().map(|e| spanned(e)).collect(),
                        reliability,
                        credibility,
                    },
                    passage
                ),
                span: at.clone(),
            });
        }
    }
    if undated > 0 {
        reporter.push_file(
            Diagnostic::warning(
                "w3c-undated",
                format!("{undated} describing annotations are neither dated (`edtf:`) nor marked `brief:undated` and are not shown"),
            )
            .hint("tag an event with its EDTF date, `edtf:2024-03-22`, or with `brief:undated`"),
        );
    }
    raw
}
