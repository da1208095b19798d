//! W3C Web Annotation JSON (one annotation, an `AnnotationPage`, an
//! `AnnotationCollection` with its first page, or a bare array) and the
//! Hypothesis API's search results (`{"rows": [...]}`, the comment in
//! `text`, tags in `tags`), read into [`WebAnnotation`]s as written:
//! bodies and targets with their quote and position selectors, positions
//! in whatever unit the file used. Every annotation keeps where it is in
//! the file, so that a problem found later is placed on its line; JSON that
//! does not parse, or an annotation of the wrong shape, is an error with
//! line and column. It must not read files or touch the model.
//!
//! The model lets most fields be one value or a list, an IRI string or an
//! object; both are read. Selectors other than quote and position (range,
//! fragment, XPath) are skipped; a `refinedBy` quote or position inside
//! them is read.

use std::ops::Range;

use serde_json::Value;
use serde_json::value::RawValue;

use super::json::{error_offset, message, offset_in};
use crate::loader::diagnostic::{Diagnostic, Reporter};

/// A `TextQuoteSelector`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// One target: a passage of a text (by quote, position or both), or an
/// IRI (another annotation, an entity).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    pub source: Option<String>,
    pub quote: Option<Quote>,
    /// Start and end in the file's unit, half-open.
    pub position: Option<(usize, usize)>,
    /// A target that is only an IRI.
    pub iri: Option<String>,
}

/// One body: a `TextualBody` (value, purpose) or a resource by IRI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub id: Option<String>,
    pub value: Option<String>,
    pub purpose: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebAnnotation {
    pub id: Option<String>,
    pub motivations: Vec<String>,
    pub bodies: Vec<Body>,
    pub targets: Vec<Target>,
    /// Hypothesis: the comment and the tags outside the bodies.
    pub text: Option<String>,
    pub tags: Vec<String>,
    /// Where it is in the file: bytes of the source.
    pub at: Range<usize>,
}

/// Reads a W3C or Hypothesis file; every problem is a diagnostic placed in
/// `file`, and the annotations that read are kept.
pub fn parse(file: &str, source: &str) -> (Vec<WebAnnotation>, Vec<Diagnostic>) {
    let mut reporter = Reporter::new(file, source);
    let items = match items_of(source) {
        Ok(items) => items,
        Err(error) => {
            reporter.push_at(
                Diagnostic::error("w3c-json", message(&error))
                    .hint("the file must be JSON: a Web Annotation, a page or collection of them, or Hypothesis search results"),
                {
                    let at = error_offset(source, &error);
                    at..at
                },
            );
            return (Vec::new(), reporter.diagnostics);
        }
    };
    let mut annotations = Vec::with_capacity(items.len());
    for raw in items {
        let at = offset_in(source, raw.get());
        let value: Value = match serde_json::from_str(raw.get()) {
            Ok(value) => value,
            Err(error) => {
                reporter.push_at(Diagnostic::error("w3c-json", message(&error)), at.clone());
                continue;
            }
        };
        match annotation(&value, at.clone()) {
            Ok(annotation) => annotations.push(annotation),
            Err((message, hint)) => {
                reporter.push_at(Diagnostic::error("w3c-annotation", message).hint(hint), at);
            }
        }
    }
    (annotations, reporter.diagnostics)
}

/// The `label` of a collection or page, which brief writes as the
/// briefing's title.
pub fn label(source: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Labelled {
        label: Option<String>,
    }
    serde_json::from_str::<Labelled>(source)
        .ok()?
        .label
        .filter(|label| !label.trim().is_empty())
}

/// The annotations' JSON texts, borrowed from `source` so that each knows
/// where it is.
fn items_of(source: &str) -> Result<Vec<&RawValue>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Shape<'a> {
        #[serde(borrow, default)]
        items: Option<Vec<&'a RawValue>>,
        #[serde(borrow, default)]
        first: Option<&'a RawValue>,
        #[serde(borrow, default)]
        rows: Option<Vec<&'a RawValue>>,
    }
    let trimmed = source.trim_start();
    if trimmed.starts_with('[') {
        return serde_json::from_str::<Vec<&RawValue>>(source);
    }
    let whole: &RawValue = serde_json::from_str(source)?;
    let shape: Shape<'_> = serde_json::from_str(whole.get())?;
    if let Some(rows) = shape.rows {
        return Ok(rows);
    }
    if let Some(items) = shape.items {
        return Ok(items);
    }
    if let Some(first) = shape.first {
        let page: Shape<'_> = serde_json::from_str(first.get())?;
        return Ok(page.items.unwrap_or_default());
    }
    Ok(vec![whole])
}

type Problem = (String, String);

/// A value or a list of them, as a list.
fn many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

fn annotation(value: &Value, at: Range<usize>) -> Result<WebAnnotation, Problem> {
    let Value::Object(object) = value else {
        return Err((
            "an annotation is a JSON object".to_string(),
            "each item is `{\"type\": \"Annotation\", \"target\": …}`".to_string(),
        ));
    };
    let targets = many(object.get("target"))
        .into_iter()
        .map(target)
        .collect::<Result<Vec<_>, _>>()?;
    if targets.is_empty() {
        return Err((
            "an annotation without a target".to_string(),
            "give it a `target` with a TextQuoteSelector or TextPositionSelector".to_string(),
        ));
    }
    Ok(WebAnnotation {
        id: string(object.get("id")),
        motivations: many(object.get("motivation"))
            .into_iter()
            .filter_map(|m| m.as_str().map(str::to_string))
            .collect(),
        bodies: many(object.get("body")).into_iter().map(body).collect(),
        targets,
        text: string(object.get("text")).filter(|t| !t.is_empty()),
        tags: many(object.get("tags"))
            .into_iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        at,
    })
}

fn body(value: &Value) -> Body {
    match value {
        Value::String(iri) => Body {
            id: Some(iri.clone()),
            ..Body::default()
        },
        other => Body {
            id: string(other.get("id")),
            value: string(other.get("value")),
            purpose: string(other.get("purpose")),
        },
    }
}

fn target(value: &Value) -> Result<Target, Problem> {
    let mut found = Target::default();
    match value {
        Value::String(iri) => found.iri = Some(iri.clone()),
        Value::Object(object) => {
            found.source = string(object.get("source"));
            for selector in many(object.get("selector")) {
                read_selector(selector, &mut found)?;
            }
            if found.quote.is_none() && found.position.is_none() && found.source.is_none() {
                found.iri = string(object.get("id"));
            }
        }
        _ => {
            return Err((
                "a target is an IRI or an object".to_string(),
                "write `\"target\": {\"source\": …, \"selector\": …}`".to_string(),
            ));
        }
    }
    Ok(found)
}

/// A selector, and the one it is refined by: quotes and positions found
/// are kept in `found`.
fn read_selector(selector: &Value, found: &mut Target) -> Result<(), Problem> {
    match selector.get("type").and_then(Value::as_str) {
        Some("TextQuoteSelector") => {
            let exact = string(selector.get("exact")).ok_or_else(|| {
                (
                    "a TextQuoteSelector without `exact`".to_string(),
                    "give the quoted text as `exact`".to_string(),
                )
            })?;
            found.quote = Some(Quote {
                exact,
                prefix: string(selector.get("prefix")).unwrap_or_default(),
                suffix: string(selector.get("suffix")).unwrap_or_default(),
            });
        }
        Some("TextPositionSelector") => {
            let number = |key: &str| {
                selector
                    .get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok())
            };
            match (number("start"), number("end")) {
                (Some(start), Some(end)) if start <= end => found.position = Some((start, end)),
                _ => {
                    return Err((
                        "a TextPositionSelector needs `start` and `end`, the end not before the start".to_string(),
                        "positions are whole numbers, counted from 0, the end excluded".to_string(),
                    ));
                }
            }
        }
        _ => {}
    }
    if let Some(refined) = selector.get("refinedBy") {
        for inner in many(Some(refined)) {
            read_selector(inner, found)?;
        }
    }
    Ok(())
}
