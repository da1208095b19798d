//! The span-JSON family: records of a text and labelled character spans,
//! as spaCy (`Doc.to_json()`, displaCy's manual format: `ents`), Prodigy
//! (`spans`, `relations` by `head`/`child` token), doccano (`label` or
//! `labels` as `[start, end, label]`, or `entities` with `start_offset`
//! and `relations` by `from_id`/`to_id`, or per-user `annotations`) and
//! Label Studio (`data.text` with `annotations` or `completions` of
//! `result`s: `labels` regions and `relation`s) write them. A file is one
//! JSON value (a record, or an array of them) or JSON lines. Each record is
//! read as written — offsets in the file's unit — and keeps where it is in
//! the file; JSON that does not parse and a record with no text or spans
//! of the wrong shape are errors with line and column. It must not read
//! files or touch the model.

use std::ops::Range;

use serde_json::Value;
use serde_json::value::RawValue;

use super::json::{error_offset, message, offset_in};
use crate::loader::diagnostic::{Diagnostic, Reporter};

/// Which tool's shape a record had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `ents`: spaCy's `Doc.to_json()` or displaCy's manual format.
    Spacy,
    /// `spans`: Prodigy.
    Prodigy,
    /// `label`/`labels`, `entities`, or per-user `annotations`: doccano.
    Doccano,
    /// `data` with `annotations`/`completions`/`predictions`: Label Studio.
    LabelStudio,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The id relations name it by, when the format gives one.
    pub id: Option<String>,
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// The covered text, when the format carries it.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub from: String,
    pub to: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub shape: Shape,
    pub text: String,
    pub spans: Vec<Span>,
    pub relations: Vec<Relation>,
    /// Where it is in the file: bytes of the source.
    pub at: Range<usize>,
}

/// Reads a file of the span-JSON family; every problem is a diagnostic
/// placed in `file`, and the records that read are kept.
pub fn parse(file: &str, source: &str) -> (Vec<Record>, Vec<Diagnostic>) {
    let mut reporter = Reporter::new(file, source);
    let mut records = Vec::new();
    let items: Vec<(Range<usize>, Result<Value, serde_json::Error>)> = match whole(source) {
        Some(items) => items,
        None => lines(source),
    };
    for (at, value) in items {
        match value {
            Err(error) => {
                let place =
                    at.start + error_offset(source.get(at.clone()).unwrap_or_default(), &error);
                reporter.push_at(
                    Diagnostic::error("span-json", message(&error)).hint(
                        "each line is one JSON record (JSON lines), or the file is one JSON value",
                    ),
                    place..place,
                );
            }
            Ok(value) => match record(&value, at.clone()) {
                Ok(found) => records.extend(found),
                Err((message, hint)) => {
                    reporter.push_at(Diagnostic::error("span-record", message).hint(hint), at);
                }
            },
        }
    }
    (records, reporter.diagnostics)
}

/// The records of a file that is one JSON value: an array's items, or
/// the value itself. `None` when it is not one value (JSON lines).
type Items = Vec<(Range<usize>, Result<Value, serde_json::Error>)>;

fn whole(source: &str) -> Option<Items> {
    let raw: &RawValue = serde_json::from_str(source).ok()?;
    let text = raw.get();
    if text.starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(text).ok()?;
        return Some(
            items
                .into_iter()
                .map(|item| {
                    (
                        offset_in(source, item.get()),
                        serde_json::from_str(item.get()),
                    )
                })
                .collect(),
        );
    }
    Some(vec![(offset_in(source, text), serde_json::from_str(text))])
}

/// JSON lines: each non-blank line a record.
fn lines(source: &str) -> Items {
    let mut out = Vec::new();
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let at = start..start + line.trim_end().len();
        start += line.len();
        if line.trim().is_empty() {
            continue;
        }
        out.push((at, serde_json::from_str(line)));
    }
    out
}

type Problem = (String, String);

fn number(value: Option<&Value>) -> Option<usize> {
    value
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

/// A label given as a string, a number (doccano's label ids) or a list of
/// them (Label Studio's `labels`).
fn label_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(label) => Some(label.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(labels) => {
            let names: Vec<String> = labels.iter().filter_map(|l| label_of(Some(l))).collect();
            (!names.is_empty()).then(|| names.join(" "))
        }
        _ => None,
    }
}

fn id_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(id) => Some(id.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A span object with `start`/`end` (or doccano's `start_offset`/
/// `end_offset`) and a label.
fn span_object(value: &Value) -> Result<Span, Problem> {
    let start = number(value.get("start")).or_else(|| number(value.get("start_offset")));
    let end = number(value.get("end")).or_else(|| number(value.get("end_offset")));
    let label = label_of(value.get("label"))
        .or_else(|| label_of(value.get("labels")))
        .unwrap_or_default();
    match (start, end) {
        (Some(start), Some(end)) if start <= end => Ok(Span {
            id: id_of(value.get("id")),
            start,
            end,
            label,
            text: value
                .get("text")
                .and_then(Value::as_str)
                .map(str::to_string),
        }),
        _ => Err(bad_span()),
    }
}

fn bad_span() -> Problem {
    (
        "a span without a start and an end, or ending before it starts".to_string(),
        "spans are character offsets, counted from 0, the end excluded".to_string(),
    )
}

/// A Prodigy span: character offsets, or, where only token indices are
/// given, the offsets of those tokens (`token_end` counts its token in).
fn prodigy_span(span: &Value, tokens: &[Value]) -> Result<Span, Problem> {
    if span.get("start").is_some() {
        return span_object(span);
    }
    let token = |key: &str| number(span.get(key)).and_then(|at| tokens.get(at));
    let start = token("token_start").and_then(|t| number(t.get("start")));
    let end = token("token_end").and_then(|t| number(t.get("end")));
    match (start, end) {
        (Some(start), Some(end)) if start <= end => Ok(Span {
            id: None,
            start,
            end,
            label: label_of(span.get("label")).unwrap_or_default(),
            text: None,
        }),
        _ => Err((
            "a Prodigy span with neither character offsets nor tokens that give them".to_string(),
            "give `start` and `end`, or `token_start`/`token_end` with the record's `tokens`"
                .to_string(),
        )),
    }
}

/// doccano's `[start, end, label]`.
fn span_triple(value: &Value) -> Result<Span, Problem> {
    match value.as_array().map(Vec::as_slice) {
        Some([start, end, label]) => match (number(Some(start)), number(Some(end))) {
            (Some(start), Some(end)) if start <= end => Ok(Span {
                id: None,
                start,
                end,
                label: label_of(Some(label)).unwrap_or_default(),
                text: None,
            }),
            _ => Err(bad_span()),
        },
        _ => Err((
            "a doccano label is `[start, end, \"LABEL\"]`".to_string(),
            "write each span as a list of its start, end and label".to_string(),
        )),
    }
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The record (or, for Label Studio, one record per annotation) in
/// `value`.
fn record(value: &Value, at: Range<usize>) -> Result<Vec<Record>, Problem> {
    if !value.is_object() {
        return Err((
            "a record is a JSON object".to_string(),
            "each record is `{\"text\": …, …}`".to_string(),
        ));
    }
    let text = value
        .get("text")
        .or_else(|| value.get("data").and_then(|d| d.get("text")))
        .and_then(Value::as_str);
    let Some(text) = text else {
        return Err((
            "a record without its text".to_string(),
            "give the text the spans are on as `text` (Label Studio: `data.text`)".to_string(),
        ));
    };
    let make = |shape, spans, relations| Record {
        shape,
        text: text.to_string(),
        spans,
        relations,
        at: at.clone(),
    };
    if value.get("data").is_some() {
        let mut out = Vec::new();
        for key in ["annotations", "completions", "predictions"] {
            for annotation in list(value, key) {
                let (spans, relations) = label_studio_results(list(annotation, "result"))?;
                out.push(make(Shape::LabelStudio, spans, relations));
            }
        }
        return Ok(out);
    }
    if value.get("completions").is_some()
        || value.get("annotations").is_some_and(|a| {
            a.as_array()
                .and_then(|a| a.first())
                .is_some_and(|first| first.get("result").is_some())
        })
    {
        let mut out = Vec::new();
        for key in ["annotations", "completions"] {
            for annotation in list(value, key) {
                let (spans, relations) = label_studio_results(list(annotation, "result"))?;
                out.push(make(Shape::LabelStudio, spans, relations));
            }
        }
        return Ok(out);
    }
    if value.get("spans").is_some() {
        let tokens = list(value, "tokens");
        let spans = list(value, "spans")
            .iter()
            .map(|span| prodigy_span(span, tokens))
            .collect::<Result<Vec<_>, _>>()?;
        // Prodigy's spans have no ids; its relations give the spans they
        // join (`head_span`, `child_span`) with their offsets, and the
        // offsets name the spans.
        let spans: Vec<Span> = spans
            .into_iter()
            .map(|mut span| {
                span.id
                    .get_or_insert_with(|| format!("{}:{}", span.start, span.end));
                span
            })
            .collect();
        let relations = list(value, "relations")
            .iter()
            .filter_map(|r| {
                let end = |key: &str| {
                    let span = r.get(format!("{key}_span"))?;
                    Some(format!(
                        "{}:{}",
                        number(span.get("start"))?,
                        number(span.get("end"))?
                    ))
                };
                Some(Relation {
                    from: end("head")?,
                    to: end("child")?,
                    label: label_of(r.get("label")).unwrap_or_default(),
                })
            })
            .collect();
        return Ok(vec![make(Shape::Prodigy, spans, relations)]);
    }
    if value.get("ents").is_some() {
        let spans = list(value, "ents")
            .iter()
            .map(span_object)
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(vec![make(Shape::Spacy, spans, Vec::new())]);
    }
    let mut spans = Vec::new();
    for key in ["label", "labels"] {
        for triple in list(value, key) {
            spans.push(span_triple(triple)?);
        }
    }
    for key in ["entities", "annotations"] {
        for object in list(value, key) {
            spans.push(span_object(object)?);
        }
    }
    let relations = list(value, "relations")
        .iter()
        .filter_map(|r| {
            Some(Relation {
                from: id_of(r.get("from_id"))?,
                to: id_of(r.get("to_id"))?,
                label: label_of(r.get("type")).unwrap_or_default(),
            })
        })
        .collect();
    Ok(vec![make(Shape::Doccano, spans, relations)])
}

/// Label Studio's results: `labels` regions (`value.start`/`end`/`text`/
/// `labels`) and `relation`s between region ids.
fn label_studio_results(results: &[Value]) -> Result<(Vec<Span>, Vec<Relation>), Problem> {
    let mut spans = Vec::new();
    let mut relations = Vec::new();
    for result in results {
        match result.get("type").and_then(Value::as_str) {
            Some("relation") => {
                if let (Some(from), Some(to)) =
                    (id_of(result.get("from_id")), id_of(result.get("to_id")))
                {
                    relations.push(Relation {
                        from,
                        to,
                        label: label_of(result.get("labels")).unwrap_or_default(),
                    });
                }
            }
            Some(_) => {
                let Some(value) = result.get("value") else {
                    continue;
                };
                if value.get("start").is_none() {
                    // A choice, a rating, a text area: no span.
                    continue;
                }
                let mut span = span_object(value)?;
                span.id = id_of(result.get("id"));
                spans.push(span);
            }
            None => {}
        }
    }
    Ok((spans, relations))
}
