//! Which passages a briefing asks for, and whose each is: every table
//! with a selector (a mention and each of its further parts, a
//! suppression, a relation's evidence, an event, a note) becomes a request;
//! their forms are checked (on two threads when there are many and two
//! cores to spare) into selectors for `anchor::resolve`, and the spans it
//! finds are handed back to their tables as [`Passages`]. It also lists
//! the quotes as written, for the automaton made ahead. It reads the
//! requests and reports bad forms; it decides nothing about entities or
//! mentions.

use std::ops::Range;

use crate::loader::anchor::Selector;
use crate::loader::diagnostic::Reporter;
use crate::loader::parallel;
use crate::loader::raw::{Item, RawFile, RawMention, RawSelector};

/// From this many passages on, their selectors are checked, and their
/// tables freed, on another thread as well.
pub(super) const PARALLEL_PASSAGES: usize = 1000;

/// What asked for a passage, so the resolved span can be handed back.
#[derive(Debug, Clone, Copy)]
pub(super) enum Owner {
    Mention(usize),
    /// A further part of a discontinuous mention: the mention, the part.
    MentionPart(usize, usize),
    Suppress(usize),
    Relation(usize),
    Event(usize),
    Note(usize),
}

/// The anchored passage of every table that has one, by table and index.
pub(super) struct Passages {
    pub mentions: Vec<Option<Range<usize>>>,
    /// By mention, its further parts.
    pub mention_parts: Vec<Vec<Option<Range<usize>>>>,
    pub suppressions: Vec<Option<Range<usize>>>,
    pub relations: Vec<Option<Range<usize>>>,
    pub events: Vec<Option<Range<usize>>>,
    pub notes: Vec<Option<Range<usize>>>,
}

impl Passages {
    pub fn new(
        raw: &RawFile,
        mention_parts: &[Vec<Range<usize>>],
        owners: &[Owner],
        spans: Vec<Option<Range<usize>>>,
    ) -> Self {
        let mut passages = Self {
            mentions: vec![None; mention_parts.len()],
            mention_parts: mention_parts
                .iter()
                .map(|parts| vec![None; parts.len()])
                .collect(),
            suppressions: vec![None; raw.suppressions.len()],
            relations: vec![None; raw.relations.len()],
            events: vec![None; raw.events.len()],
            notes: vec![None; raw.notes.len()],
        };
        for (owner, span) in owners.iter().zip(spans) {
            let slot = match *owner {
                Owner::Mention(i) => passages.mentions.get_mut(i),
                Owner::MentionPart(i, part) => passages
                    .mention_parts
                    .get_mut(i)
                    .and_then(|parts| parts.get_mut(part)),
                Owner::Suppress(i) => passages.suppressions.get_mut(i),
                Owner::Relation(i) => passages.relations.get_mut(i),
                Owner::Event(i) => passages.events.get_mut(i),
                Owner::Note(i) => passages.notes.get_mut(i),
            };
            if let Some(slot) = slot {
                *slot = span;
            }
        }
        passages
    }
}

/// Every passage the file asks for, in table order: mentions, their
/// further parts, suppressions, relations, events, notes. Required
/// passages say in the error what needs one; "" is optional.
/// `part_spans` holds, by mention, where each further part is written.
pub(super) fn requests<'r>(
    raw_mentions: &'r [Item<RawMention>],
    part_spans: &'r [Vec<Range<usize>>],
    raw: &'r RawFile,
) -> impl Iterator<Item = Request<'r>> + 'r {
    let parts = raw_mentions
        .iter()
        .zip(part_spans)
        .enumerate()
        .flat_map(|(i, (item, spans))| {
            item.value
                .parts
                .iter()
                .zip(spans)
                .enumerate()
                .map(move |(part, (raw, span))| {
                    (
                        raw.get_ref().selector(),
                        span,
                        "a part of a mention",
                        Owner::MentionPart(i, part),
                    )
                })
        });
    raw_mentions
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                item.value.selector(),
                &item.span,
                "a mention",
                Owner::Mention(i),
            )
        })
        .chain(parts)
        .chain(raw.suppressions.iter().enumerate().map(|(i, item)| {
            (
                item.value.selector(),
                &item.span,
                "a suppression",
                Owner::Suppress(i),
            )
        }))
        .chain(
            raw.relations
                .iter()
                .enumerate()
                .map(|(i, item)| (item.value.selector(), &item.span, "", Owner::Relation(i))),
        )
        .chain(
            raw.events
                .iter()
                .enumerate()
                .map(|(i, item)| (item.value.selector(), &item.span, "", Owner::Event(i))),
        )
        .chain(
            raw.notes
                .iter()
                .enumerate()
                .map(|(i, item)| (item.value.selector(), &item.span, "a note", Owner::Note(i))),
        )
}

/// About how many requests [`requests`] lists: all but the further parts
/// of discontinuous mentions, which are few (counting them would mean a
/// pass over every mention table).
pub(super) fn request_count(raw_mentions: &[Item<RawMention>], raw: &RawFile) -> usize {
    raw_mentions.len()
        + raw.suppressions.len()
        + raw.relations.len()
        + raw.events.len()
        + raw.notes.len()
}

/// The quote of every table [`requests`] lists, as written: enough to
/// make the automaton before the requests are checked.
pub(super) fn raw_quotes<'r>(
    raw_mentions: &'r [Item<RawMention>],
    raw: &'r RawFile,
) -> impl Iterator<Item = &'r str> + Send + 'r {
    let mentions = raw_mentions.iter().flat_map(|item| {
        std::iter::once(item.value.quote.as_ref()).chain(
            item.value
                .parts
                .iter()
                .map(|part| part.get_ref().quote.as_ref()),
        )
    });
    let others = (raw
        .suppressions
        .iter()
        .map(|item| item.value.quote.as_ref()))
    .chain(raw.relations.iter().map(|item| item.value.quote.as_ref()))
    .chain(raw.events.iter().map(|item| item.value.quote.as_ref()))
    .chain(raw.notes.iter().map(|item| item.value.quote.as_ref()));
    mentions
        .chain(others)
        .flatten()
        .map(|quote| quote.get_ref().as_str())
}

/// A passage to anchor: its fields, the table's span, what needs it (for
/// the error if it is missing) and whose it is.
pub(super) type Request<'r> = (RawSelector<'r>, &'r Range<usize>, &'static str, Owner);

/// Checks the form of every requested passage; half of them on another
/// thread when there are many and `cores_free` (the cores not already busy
/// with other work) are more than one. Problems are reported in the order
/// of the requests either way.
pub(super) fn gather<'r>(
    requests: impl Iterator<Item = Request<'r>>,
    count: usize,
    cores_free: usize,
    reporter: &mut Reporter<'_>,
) -> (Vec<Selector>, Vec<Owner>) {
    if count < PARALLEL_PASSAGES || cores_free < 2 {
        // Checked as they come: a list of a hundred thousand requests
        // would only be written to be read once.
        return check(requests, count, reporter);
    }
    let requests: Vec<Request<'_>> = requests.collect();
    let (first, second) = requests.split_at(requests.len() / 2);
    let (file, source) = (reporter.file, reporter.source);
    std::thread::scope(|scope| {
        let later = parallel::spawn(scope, move || {
            let mut own = Reporter::new(file, source);
            let checked = check(second.iter().copied(), second.len(), &mut own);
            (checked, own.diagnostics)
        });
        let (mut selectors, mut owners) = check(first.iter().copied(), first.len(), reporter);
        let ((more_selectors, more_owners), problems) = later.join();
        selectors.extend(more_selectors);
        owners.extend(more_owners);
        reporter.diagnostics.extend(problems);
        (selectors, owners)
    })
}

/// The selectors of `requests` (about `count` of them) that pass their
/// checks, and whose each is.
fn check<'r>(
    requests: impl Iterator<Item = Request<'r>>,
    count: usize,
    reporter: &mut Reporter<'_>,
) -> (Vec<Selector>, Vec<Owner>) {
    let mut selectors = Vec::with_capacity(count);
    let mut owners = Vec::with_capacity(count);
    for (selector, span, required, owner) in requests {
        if let Some(selector) = Selector::from_raw(selector, span.clone(), required, reporter) {
            selectors.push(selector);
            owners.push(owner);
        }
    }
    (selectors, owners)
}
