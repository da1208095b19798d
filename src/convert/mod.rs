//! What the loader resolved, written out for other programs: today the
//! span dump (`brief convert FILE --to json`), every mention, relation,
//! event and note with its passage in code points, UTF-16 units and bytes
//! and the text it covers, so a script can verify the anchoring or reuse
//! it. Pure functions of a loaded [`Briefing`]; it must not read files,
//! print or touch a terminal (the CLI does).

pub mod brat;
pub mod spans;
pub mod toml;
pub mod w3c;

use crate::loader::formats::units::Units;
use crate::model::Briefing;

/// Every passage's ends (mentions, relations' evidence, events, notes)
/// and the text's end, in every unit, found in one pass over the text.
pub(crate) fn passage_units(briefing: &Briefing) -> Units {
    Units::of(
        &briefing.document.text,
        briefing
            .mentions
            .iter()
            .map(|m| m.span.clone())
            .chain(briefing.relations.iter().filter_map(|r| r.evidence.clone()))
            .chain(briefing.events.iter().filter_map(|e| e.passage.clone()))
            .chain(briefing.notes.iter().map(|n| n.passage.clone()))
            .flat_map(|r| [r.start, r.end])
            .chain([briefing.document.text.len()]),
    )
}
