//! A briefing as brat standoff: the text (`.txt`, line ends as LF, as
//! brat's server reads it) and the annotations (`.ann`), offsets in code
//! points of that text.
//!
//! - a mention → `T` of its entity's kind (the kind's label), cut into one fragment a line
//!   (brat's lines cannot hold a line break) with the white space at each
//!   fragment's edges left out, as brat's own editor does; and `N` linking
//!   it to `brief:ENTITY-ID` with the entity's name, which says which
//!   mentions are one entity;
//! - a relation → `R` between a mention of each end (those inside or
//!   nearest its evidence, else the first), its kind with spaces as `_`,
//!   its note a `#` note on the `R`;
//! - an event with a passage → a `T` trigger of type `Event` and an `E`
//!   with a `Participant` argument for a mention of each of its entities,
//!   its date in an `A`ttribute `Date` and its title in a `#` note;
//! - a note → a `#` note on the mention whose passage it is on, when it is
//!   a plain comment (as brat's editor makes them); else a `T` of type
//!   `Note` on its passage, its kind and grading in `A`ttributes, its text
//!   in a `#` note.
//!
//! What brat cannot hold (an event without a passage, a relation whose end
//! has no mention) is counted in [`Brat::left_out`], never invented.

use std::fmt::Write as _;
use std::ops::Range;

use crate::loader::formats::units::Units;
use crate::model::{Briefing, EntityId, Grading, NoteKind};

/// The two files, and what could not be written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Brat {
    pub text: String,
    pub annotations: String,
    pub left_out: Vec<String>,
}

/// Writes `briefing` as brat standoff.
pub fn write(briefing: &Briefing) -> Brat {
    let source = briefing.document.text.as_str();
    let text = source.replace("\r\n", "\n");
    // Byte offsets of the source, moved to the LF text: each CRLF before
    // an offset is one byte fewer.
    let crlfs: Vec<usize> = source.match_indices("\r\n").map(|(at, _)| at).collect();
    let moved = |offset: usize| offset - crlfs.partition_point(|&at| at < offset);
    let mut writer = Writer {
        text: &text,
        out: String::new(),
        next: Counters::default(),
        fragments: Vec::new(),
    };
    let mut brat = Brat::default();
    // The T id of each mention, by mention position.
    let mut mention_ids = Vec::with_capacity(briefing.mentions.len());
    for (at, mention) in briefing.mentions.iter().enumerate() {
        let parts = mention.parts();
        // A discontinuous mention is one `T`, written at its first part.
        if parts.first().is_some_and(|head| head.0 != at) {
            mention_ids.push(None);
            continue;
        }
        let entity = briefing.entity(mention.entity);
        let spans: Vec<Range<usize>> = if parts.is_empty() {
            vec![mention.span.clone()]
        } else {
            parts
                .iter()
                .filter_map(|part| briefing.mentions.get(part.0))
                .map(|part| part.span.clone())
                .collect()
        };
        let spans: Vec<Range<usize>> = spans
            .iter()
            .map(|span| moved(span.start)..moved(span.end))
            .collect();
        // The kind's label ("Organization", "GPE"): brat's types are
        // written so, and a brat file read in keeps its own as the label.
        let kind = briefing
            .kind(&entity.kind)
            .map_or(entity.kind.as_str(), |k| k.label.as_str());
        let id = writer.text_bound(&brat_type(kind), &spans);
        if let Some(id) = &id {
            for attribute in mention.attributes() {
                // A flag is written as brat writes one: with no value.
                let value = (attribute.value != "true").then_some(attribute.value.as_str());
                writer.attribute(id, &brat_type(&attribute.name), value);
            }
            let n = writer.next.take('N');
            let _ = writeln!(
                writer.out,
                "N{n}\tReference {id} brief:{}\t{}",
                entity.id,
                one_line(&entity.name)
            );
        }
        mention_ids.push(id);
    }
    let mention_near = |entity: EntityId, near: Option<&Range<usize>>| -> Option<String> {
        let record = briefing.entity(entity);
        let distance = |at: usize| -> usize {
            let Some(span) = briefing.mentions.get(at).map(|m| &m.span) else {
                return usize::MAX;
            };
            near.map_or(span.start, |near| {
                if span.start >= near.start && span.end <= near.end {
                    0
                } else {
                    span.start
                        .abs_diff(near.start)
                        .min(span.end.abs_diff(near.end))
                        + 1
                }
            })
        };
        record
            .mentions
            .iter()
            .filter(|m| mention_ids.get(m.0).is_some_and(Option::is_some))
            .min_by_key(|m| distance(m.0))
            .and_then(|m| mention_ids.get(m.0).cloned().flatten())
    };
    for relation in &briefing.relations {
        let ends = (
            mention_near(relation.from, relation.evidence.as_ref()),
            mention_near(relation.to, relation.evidence.as_ref()),
        );
        let (Some(from), Some(to)) = ends else {
            brat.left_out.push(format!(
                "relation {} {} {}: an end has no mention",
                briefing.entity(relation.from).id,
                relation.kind,
                briefing.entity(relation.to).id
            ));
            continue;
        };
        let n = writer.next.take('R');
        let _ = writeln!(
            writer.out,
            "R{n}\t{} Arg1:{from} Arg2:{to}",
            brat_type(&relation.kind)
        );
        if let Some(note) = &relation.note {
            writer.note(&format!("R{n}"), note);
        }
    }
    for event in &briefing.events {
        let Some(passage) = &event.passage else {
            brat.left_out
                .push(format!("event {}: no passage to anchor it", event.id));
            continue;
        };
        let span = moved(passage.start)..moved(passage.end);
        let Some(trigger) = writer.text_bound("Event", &[span]) else {
            brat.left_out
                .push(format!("event {}: its passage is blank", event.id));
            continue;
        };
        let mut line = String::new();
        let e = writer.next.take('E');
        let _ = write!(line, "E{e}\tEvent:{trigger}");
        // Participants in their roles, the others as `Participant`; a
        // role taken twice is numbered, as brat numbers it.
        let roles = event.roles.iter().map(|r| (r.role.as_str(), r.entity));
        let others = event
            .entities
            .iter()
            .filter(|&&entity| !event.roles.iter().any(|r| r.entity == entity))
            .map(|&entity| ("Participant", entity));
        let mut taken: Vec<String> = Vec::new();
        for (role, entity) in roles.chain(others) {
            if let Some(id) = mention_near(entity, Some(passage)) {
                let role = brat_type(role);
                let seen = taken.iter().filter(|r| **r == role).count();
                let _ = if seen == 0 {
                    write!(line, " {role}:{id}")
                } else {
                    write!(line, " {role}{}:{id}", seen + 1)
                };
                taken.push(role);
            }
        }
        let _ = writeln!(writer.out, "{line}");
        if !event.date.is_undated() {
            writer.attribute(&format!("E{e}"), "Date", Some(&event.date.expression));
        }
        writer.note(&format!("E{e}"), &event.title);
    }
    for note in &briefing.notes {
        // A plain comment on a mention's own passage is a note on that
        // mention, as brat's editor makes them.
        let plain = note.kind == NoteKind::Comment && note.grading == Grading::default();
        let on_mention = plain
            .then(|| {
                let first = briefing
                    .mentions
                    .partition_point(|m| m.span.start < note.passage.start);
                (first..briefing.mentions.len())
                    .take_while(|&at| {
                        briefing
                            .mentions
                            .get(at)
                            .is_some_and(|m| m.span.start == note.passage.start)
                    })
                    .find(|&at| {
                        briefing
                            .mentions
                            .get(at)
                            .is_some_and(|m| m.span == note.passage)
                    })
                    .and_then(|at| mention_ids.get(at).cloned().flatten())
            })
            .flatten();
        if let Some(id) = on_mention {
            writer.note(&id, &note.text);
            continue;
        }
        let span = moved(note.passage.start)..moved(note.passage.end);
        let Some(id) = writer.text_bound("Note", &[span]) else {
            brat.left_out
                .push(format!("{} note: its passage is blank", note.kind.name()));
            continue;
        };
        writer.attribute(&id, "NoteKind", Some(note.kind.name()));
        if let Some(letter) = note.grading.reliability {
            writer.attribute(&id, "Reliability", Some(&letter.to_string()));
        }
        if let Some(number) = note.grading.credibility {
            writer.attribute(&id, "Credibility", Some(&number.to_string()));
        }
        writer.note(&id, &note.text);
    }
    // Offsets in code points, found for every fragment in one pass.
    let units = Units::of(
        &text,
        writer.fragments.iter().flat_map(|r| [r.start, r.end]),
    );
    brat.annotations = writer
        .out
        .split_inclusive('\n')
        .map(|line| fill_offsets(line, &units))
        .collect();
    brat.text = text;
    brat
}

/// Numbers for each kind of id.
#[derive(Default)]
struct Counters {
    counts: std::collections::HashMap<char, usize>,
}

impl Counters {
    fn take(&mut self, kind: char) -> usize {
        let count = self.counts.entry(kind).or_insert(0);
        *count += 1;
        *count
    }
}

struct Writer<'a> {
    text: &'a str,
    out: String,
    next: Counters,
    /// Byte ranges of the LF text written as `{{start}}` placeholders, to
    /// be put in code points once all are known.
    fragments: Vec<Range<usize>>,
}

impl Writer<'_> {
    /// A `T` line on `spans` (bytes of the LF text: the parts of a
    /// mention), one fragment a line of each; `None` when nothing but
    /// white space is in them.
    fn text_bound(&mut self, kind: &str, spans: &[Range<usize>]) -> Option<String> {
        let fragments: Vec<Range<usize>> = spans
            .iter()
            .flat_map(|span| line_fragments(self.text, span.clone()))
            .collect();
        if fragments.is_empty() {
            return None;
        }
        let n = self.next.take('T');
        let placeholders: Vec<String> = fragments
            .iter()
            .map(|range| {
                self.fragments.push(range.clone());
                format!("\u{0}{}\u{0}{}\u{0}", range.start, range.end)
            })
            .collect();
        let covered: Vec<&str> = fragments
            .iter()
            .filter_map(|range| self.text.get(range.clone()))
            .collect();
        let _ = writeln!(
            self.out,
            "T{n}\t{kind} {}\t{}",
            placeholders.join(";"),
            covered.join(" ")
        );
        Some(format!("T{n}"))
    }

    fn attribute(&mut self, target: &str, name: &str, value: Option<&str>) {
        let n = self.next.take('A');
        match value {
            Some(value) => {
                let _ = writeln!(self.out, "A{n}\t{name} {target} {}", brat_type(value));
            }
            None => {
                let _ = writeln!(self.out, "A{n}\t{name} {target}");
            }
        }
    }

    fn note(&mut self, target: &str, text: &str) {
        let n = self.next.take('#');
        let _ = writeln!(
            self.out,
            "#{n}\tAnnotatorNotes {target}\t{}",
            one_line(text)
        );
    }
}

/// The fragments of `span` in `text`: one a line, white space at each
/// edge left out, blank ones dropped.
fn line_fragments(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let Some(covered) = text.get(span.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = span.start;
    for line in covered.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(at + lead..at + lead + trimmed.len());
        }
        at += line.len() + 1;
    }
    out
}

/// The placeholders of a `T` line as code-point offsets. Only the field
/// between the line's first two TABs holds them: a NUL in the covered
/// text or a name is left as it is.
fn fill_offsets(line: &str, units: &Units) -> String {
    let mut columns = line.splitn(3, '\t');
    let (Some(id), Some(middle), Some(rest)) = (columns.next(), columns.next(), columns.next())
    else {
        return line.to_string();
    };
    if !id.starts_with('T') {
        return line.to_string();
    }
    let mut pieces = middle.split('\u{0}');
    let mut out = format!("{id}\t{}", pieces.next().unwrap_or_default());
    // After the first piece: start, end, the text up to the next
    // placeholder, repeated.
    let rest_of_middle: Vec<&str> = pieces.collect();
    for chunk in rest_of_middle.chunks(3) {
        if let [start, end, after] = chunk {
            let number = |text: &str| text.parse::<usize>().unwrap_or(0);
            let _ = write!(
                out,
                "{} {}{after}",
                units.at(number(start)).code_point,
                units.at(number(end)).code_point
            );
        }
    }
    out.push('\t');
    out.push_str(rest);
    out
}

/// A brat type or value: no spaces, tabs or line breaks.
fn brat_type(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("_")
}

/// Text for the end of a line: line breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t']).collect::<Vec<_>>().join(" ")
}
