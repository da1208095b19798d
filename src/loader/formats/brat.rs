//! brat standoff (`.ann`): one annotation a line, an id, a TAB, the fields
//! split by spaces, and for text-bound annotations a TAB and the text they
//! cover. This module reads the lines into [`Standoff`] as written —
//! offsets in whatever unit the file used, ids unresolved — with every
//! problem placed on its line and field; what the annotations mean and
//! where they land in the text is decided later. It must not read files or
//! touch the model.
//!
//! ```text
//! (→ is a TAB)
//! T1→Organization 0 4→Sony
//! T2→Location 10 15;20 26→North Europe
//! R1→Origin Arg1:T1 Arg2:T2
//! E1→Merge:T3 Org1:T1 Org2:T4
//! A1→Negation E1
//! N1→Reference T1 Wikidata:Q41187→Sony
//! #1→AnnotatorNotes T1→checked against the filing
//! *→Equiv T1 T5
//! ```

use std::ops::Range;

use crate::loader::diagnostic::{Diagnostic, Reporter};

/// Where something is in the `.ann` file: bytes of its source.
pub type Span = Range<usize>;

/// A text-bound annotation (`T`): an entity mention or an event trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub id: String,
    pub kind: String,
    /// Start and end of each fragment, in the file's unit, half-open.
    pub fragments: Vec<(usize, usize)>,
    /// The text it covers as the file gives it (fragments joined by a
    /// space), when given.
    pub text: Option<String>,
    pub line: Span,
    pub offsets: Span,
    /// Where the covered text is in the file, when given.
    pub text_at: Option<Span>,
}

/// A `ROLE:ID` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    pub role: String,
    pub id: String,
    pub at: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    TextBound(TextBound),
    /// `R`: a binary relation (`Arg1`, `Arg2`, or the roles the project
    /// configured).
    Relation {
        id: String,
        kind: String,
        arguments: Vec<Argument>,
        line: Span,
    },
    /// `E`: an event, its trigger and its role arguments.
    Event {
        id: String,
        kind: String,
        trigger: Argument,
        arguments: Vec<Argument>,
        line: Span,
    },
    /// `A` or `M`: an attribute of another annotation, a flag or a value.
    Attribute {
        id: String,
        name: String,
        target: Argument,
        value: Option<String>,
        line: Span,
    },
    /// `N`: a link of an annotation to an entry of a knowledge base.
    Normalization {
        id: String,
        kind: String,
        target: Argument,
        reference: String,
        text: Option<String>,
        line: Span,
    },
    /// `#`: a note on another annotation.
    Note {
        id: String,
        kind: String,
        target: Argument,
        text: String,
        line: Span,
    },
    /// `*`: annotations that are the same thing (`Equiv`).
    Equivalence {
        kind: String,
        members: Vec<Argument>,
        line: Span,
    },
}

/// A `.ann` file as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standoff {
    pub items: Vec<Item>,
}

/// From this many bytes on, the two halves of a `.ann` are read on two
/// threads.
const HALVES_APART: usize = 1 << 20;

/// Reads a `.ann` file; every line that is not an annotation is an error
/// placed on its field, and the lines that are still read.
pub fn parse(file: &str, source: &str) -> (Standoff, Vec<Diagnostic>) {
    // A large file is read as two halves split at a line, one on another
    // core; an id the second half repeats from the first is found after.
    let middle = (source.len() >= HALVES_APART)
        .then(|| memchr::memchr(b'\n', source.as_bytes().get(source.len() / 2..)?))
        .flatten()
        .map(|found| source.len() / 2 + found + 1);
    let Some(middle) = middle else {
        let (standoff, _, diagnostics) = parse_lines(file, source, 0..source.len());
        return (standoff, diagnostics);
    };
    let ((mut standoff, seen, mut diagnostics), (later, _, later_diagnostics)) =
        std::thread::scope(|scope| {
            let second = crate::loader::parallel::spawn(scope, move || {
                parse_lines(file, source, middle..source.len())
            });
            let first = parse_lines(file, source, 0..middle);
            (first, second.join())
        });
    diagnostics.extend(later_diagnostics);
    let mut reporter = Reporter::new(file, source);
    for item in later.items {
        let repeated = item_id(&item).and_then(|id| Some((id, seen.get(id)?)));
        match repeated {
            Some((id, first)) => {
                let at = item_line(&item).start;
                duplicate(&mut reporter, id, first, at);
            }
            None => standoff.items.push(item),
        }
    }
    diagnostics.extend(reporter.diagnostics);
    (standoff, diagnostics)
}

/// Reads the lines of `source` in `range` (whole lines): what they hold,
/// the ids seen with their lines, and the problems.
fn parse_lines<'s>(
    file: &str,
    source: &'s str,
    range: Range<usize>,
) -> (Standoff, foldhash::HashMap<&'s str, Span>, Vec<Diagnostic>) {
    let mut reporter = Reporter::new(file, source);
    let mut standoff = Standoff::default();
    let part = source.get(range.clone()).unwrap_or_default();
    // Ids borrowed from the file, the map sized once: rehashing it as it
    // grew was the parse's largest cost on a large file.
    let mut seen: foldhash::HashMap<&str, Span> = foldhash::HashMap::with_capacity_and_hasher(
        memchr::memchr_iter(b'\n', part.as_bytes()).count() + 1,
        Default::default(),
    );
    let mut start = range.start;
    for raw in part.split_inclusive('\n') {
        let line_span = start..start + raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let at = start;
        start += raw.len();
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line, at) {
            Ok(item) => {
                if let Some(id) = line.split('\t').next().filter(|_| item_id(&item).is_some()) {
                    if let Some(first) = seen.get(id) {
                        duplicate(&mut reporter, id, first, at);
                        continue;
                    }
                    seen.insert(id, line_span.clone());
                }
                standoff.items.push(item);
            }
            Err((message, hint, span)) => {
                reporter.push_at(Diagnostic::error("brat-syntax", message).hint(hint), span);
            }
        }
    }
    (standoff, seen, reporter.diagnostics)
}

/// `id`, first on the line at `first`, used again on the line at `at`.
fn duplicate(reporter: &mut Reporter<'_>, id: &str, first: &Span, at: usize) {
    reporter.push_at(
        Diagnostic::error("brat-duplicate-id", format!("`{id}` is used twice")).hint(format!(
            "each annotation needs its own id; the first `{id}` is at byte {}",
            first.start
        )),
        at..at + id.len(),
    );
}

/// The line an item was read from.
fn item_line(item: &Item) -> &Span {
    match item {
        Item::TextBound(t) => &t.line,
        Item::Relation { line, .. }
        | Item::Event { line, .. }
        | Item::Attribute { line, .. }
        | Item::Normalization { line, .. }
        | Item::Note { line, .. }
        | Item::Equivalence { line, .. } => line,
    }
}

fn item_id(item: &Item) -> Option<&str> {
    match item {
        Item::TextBound(t) => Some(&t.id),
        Item::Relation { id, .. }
        | Item::Event { id, .. }
        | Item::Attribute { id, .. }
        | Item::Normalization { id, .. }
        | Item::Note { id, .. } => Some(id),
        Item::Equivalence { .. } => None,
    }
}

type Problem = (String, String, Span);

/// One field of a line, with where it is in the file.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    text: &'a str,
    at: usize,
}

impl Field<'_> {
    fn span(&self) -> Span {
        self.at..self.at + self.text.len()
    }
}

/// The space-separated fields of `text`, which starts at byte `at`.
fn fields(text: &str, at: usize) -> Vec<Field<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split(' ') {
        if !piece.is_empty() {
            out.push(Field {
                text: piece,
                at: at + offset,
            });
        }
        offset += piece.len() + 1;
    }
    out
}

fn parse_line(line: &str, at: usize) -> Result<Item, Problem> {
    let whole = at..at + line.len();
    let mut columns = line.splitn(3, '\t');
    let id = columns.next().unwrap_or_default();
    if let Some(space) = id.find(' ') {
        return Err((
            format!(
                "`{}` is followed by a space, not a TAB",
                id.get(..space).unwrap_or_default()
            ),
            "brat separates the id from the fields with a TAB".to_string(),
            at + space..at + space + 1,
        ));
    }
    let Some(body) = columns.next() else {
        return Err((
            "a brat annotation line has its id, a TAB, then its fields".to_string(),
            "separate the id from the rest with a TAB (not spaces)".to_string(),
            whole,
        ));
    };
    let body_at = at + id.len() + 1;
    let tail = columns.next();
    let tail_at = body_at + body.len() + 1;
    let line_span = whole;
    let parts = fields(body, body_at);
    let first = parts.first().copied().ok_or_else(|| {
        (
            format!("`{id}` has no type"),
            "write the annotation's type after the TAB".to_string(),
            body_at..body_at,
        )
    })?;
    let id_span = at..at + id.len();
    let check_id = |prefix: char| -> Result<(), Problem> {
        let rest = id.strip_prefix(prefix).unwrap_or_default();
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            return Err((
                format!("`{id}` is not an annotation id"),
                format!("ids of this kind are `{prefix}` and a number or name, like `{prefix}1`"),
                id_span.clone(),
            ));
        }
        Ok(())
    };
    match id.chars().next() {
        Some('T') => {
            check_id('T')?;
            let (kind, offsets) = (first, parts.get(1..).unwrap_or_default());
            let fragments = parse_fragments(offsets, body_at + body.len())?;
            let offsets_span = offsets
                .first()
                .map_or(first.span(), |f| f.at..body_at + body.len());
            Ok(Item::TextBound(TextBound {
                id: id.to_string(),
                kind: kind.text.to_string(),
                fragments,
                text: tail.map(str::to_string),
                line: line_span,
                offsets: offsets_span,
                text_at: tail.map(|tail| tail_at..tail_at + tail.len()),
            }))
        }
        Some('R') => {
            check_id('R')?;
            let arguments = parse_arguments(parts.get(1..).unwrap_or_default())?;
            if arguments.len() != 2 {
                return Err((
                    format!("relation `{id}` has {} arguments, not two", arguments.len()),
                    "a relation is `TYPE Arg1:T1 Arg2:T2`".to_string(),
                    body_at..body_at + body.len(),
                ));
            }
            Ok(Item::Relation {
                id: id.to_string(),
                kind: first.text.to_string(),
                arguments,
                line: line_span,
            })
        }
        Some('E') => {
            check_id('E')?;
            let trigger = parse_argument(first)?;
            let arguments = parse_arguments(parts.get(1..).unwrap_or_default())?;
            Ok(Item::Event {
                id: id.to_string(),
                kind: trigger.role.clone(),
                trigger,
                arguments,
                line: line_span,
            })
        }
        Some(prefix @ ('A' | 'M')) => {
            check_id(prefix)?;
            let target = target_of(&parts, id, body_at)?;
            if parts.len() > 3 {
                return Err((
                    format!("attribute `{id}` has more than a name, a target and a value"),
                    "an attribute is `NAME ID` or `NAME ID VALUE`".to_string(),
                    parts.get(3).map_or(line_span.clone(), Field::span),
                ));
            }
            Ok(Item::Attribute {
                id: id.to_string(),
                name: first.text.to_string(),
                target,
                value: parts.get(2).map(|f| f.text.to_string()),
                line: line_span,
            })
        }
        Some('N') => {
            check_id('N')?;
            let target = target_of(&parts, id, body_at)?;
            let reference = parts.get(2).ok_or_else(|| {
                (
                    format!("normalization `{id}` has no reference"),
                    "a normalization is `Reference T1 DB:ID<TAB>name`".to_string(),
                    body_at..body_at + body.len(),
                )
            })?;
            Ok(Item::Normalization {
                id: id.to_string(),
                kind: first.text.to_string(),
                target,
                reference: reference.text.to_string(),
                text: tail.map(str::to_string),
                line: line_span,
            })
        }
        Some('#') => {
            let target = target_of(&parts, id, body_at)?;
            Ok(Item::Note {
                id: id.to_string(),
                kind: first.text.to_string(),
                target,
                text: tail.unwrap_or_default().to_string(),
                line: line_span,
            })
        }
        Some('*') if id == "*" => {
            let members = parts
                .get(1..)
                .unwrap_or_default()
                .iter()
                .map(|f| Argument {
                    role: String::new(),
                    id: f.text.to_string(),
                    at: f.span(),
                })
                .collect::<Vec<_>>();
            if members.len() < 2 {
                return Err((
                    "an equivalence names at least two annotations".to_string(),
                    "write `*<TAB>Equiv T1 T2`".to_string(),
                    body_at..body_at + body.len(),
                ));
            }
            Ok(Item::Equivalence {
                kind: first.text.to_string(),
                members,
                line: line_span,
            })
        }
        _ => Err((
            format!("`{id}` is not a brat annotation id"),
            "ids start with T, R, E, A, M, N, # or are `*`".to_string(),
            id_span,
        )),
    }
}

/// `START END` pairs separated by `;` (discontinuous spans).
fn parse_fragments(
    offsets: &[Field<'_>],
    end_of_body: usize,
) -> Result<Vec<(usize, usize)>, Problem> {
    // The fields run together again at the `;`: "0 5;16 23".
    let first_at = offsets.first().map_or(end_of_body, |f| f.at);
    let joined: Vec<&str> = offsets.iter().map(|f| f.text).collect();
    let joined = joined.join(" ");
    let mut fragments = Vec::new();
    let mut at = first_at;
    for piece in joined.split(';') {
        let numbers: Vec<&str> = piece.split(' ').filter(|p| !p.is_empty()).collect();
        let span = at..at + piece.len();
        at += piece.len() + 1;
        let number = |text: &str| text.parse::<usize>().ok();
        match numbers.as_slice() {
            [start, end] => match (number(start), number(end)) {
                (Some(start), Some(end)) if start <= end => fragments.push((start, end)),
                (Some(start), Some(end)) => {
                    return Err((
                        format!("the span starts at {start}, after its end {end}"),
                        "offsets are START END, the end after the start".to_string(),
                        span,
                    ));
                }
                _ => {
                    return Err((
                        format!("`{}` are not two offsets", piece.trim()),
                        "offsets are whole numbers, START END".to_string(),
                        span,
                    ));
                }
            },
            _ => {
                return Err((
                    format!("`{}` is not START END", piece.trim()),
                    "a text-bound annotation is `TYPE START END<TAB>text`; several spans are separated by `;`".to_string(),
                    span,
                ));
            }
        }
    }
    for pair in fragments.windows(2) {
        if let [a, b] = pair {
            if b.0 < a.1 {
                return Err((
                    "the annotation's fragments overlap".to_string(),
                    "list the fragments in order, each after the one before".to_string(),
                    first_at..at.saturating_sub(1),
                ));
            }
        }
    }
    Ok(fragments)
}

fn parse_argument(field: Field<'_>) -> Result<Argument, Problem> {
    match field.text.split_once(':') {
        Some((role, id)) if !role.is_empty() && !id.is_empty() => Ok(Argument {
            role: role.to_string(),
            id: id.to_string(),
            at: field.span(),
        }),
        _ => Err((
            format!("`{}` is not ROLE:ID", field.text),
            "arguments are a role, a colon and an id, like `Arg1:T1`".to_string(),
            field.span(),
        )),
    }
}

fn parse_arguments(fields: &[Field<'_>]) -> Result<Vec<Argument>, Problem> {
    fields.iter().map(|f| parse_argument(*f)).collect()
}

/// The second field, the annotation an `A`, `N` or `#` line is about.
fn target_of(parts: &[Field<'_>], id: &str, body_at: usize) -> Result<Argument, Problem> {
    parts
        .get(1)
        .map(|f| Argument {
            role: String::new(),
            id: f.text.to_string(),
            at: f.span(),
        })
        .ok_or_else(|| {
            (
                format!("`{id}` names no annotation it is about"),
                "write the id of the annotation after the type".to_string(),
                body_at..body_at,
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file over the size read in halves, with a broken line in each half
    /// and ids the second half repeats from the first and from itself.
    #[test]
    fn a_large_file_read_in_halves_is_read_as_one() {
        let mut file = String::new();
        let mut n = 0;
        while file.len() < HALVES_APART + HALVES_APART / 2 {
            n += 1;
            file.push_str(&format!("T{n}\tPerson 0 3\tAna\n"));
            if n == 7 {
                file.push_str("T-broken Person 0 3\tAna\n");
            }
        }
        file.push_str("T3\tPerson 0 3\tAna\nR1\tKnows Arg1:T1\n");
        file.push_str(&format!(
            "T{n}\tPerson 0 3\tAna\nN1\tReference T2 Wikidata:Q1\tAna\n"
        ));
        let (halves, halves_said) = parse("x.ann", &file);
        let (whole, _, whole_said) = parse_lines("x.ann", &file, 0..file.len());
        assert_eq!(halves, whole);
        let codes = |said: &[Diagnostic]| {
            let mut found: Vec<(String, usize)> = said
                .iter()
                .map(|d| (d.render(), d.location.as_ref().map_or(0, |l| l.line)))
                .collect();
            found.sort();
            found
        };
        assert_eq!(codes(&halves_said), codes(&whole_said));
        assert_eq!(whole_said.len(), 4, "{whole_said:?}");
    }
}
