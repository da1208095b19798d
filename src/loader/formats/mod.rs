//! Other tools' annotation formats, read as they are written: each reader
//! turns its file into its own plain structure with every problem placed
//! on the file's line and column, and `offsets` turns the units those
//! files count in into byte offsets of the text, finding the unit a file
//! really used from the text its spans say they cover. Mapping what they
//! say onto brief's model is the loader's next step, not these readers'.
//! Nothing here reads a file or touches the model.

use std::path::Path;

use super::diagnostic::Reporter;
use super::source::SourceReader;
use super::{ANNOTATION_CAP, Loaded};
use crate::model::Briefing;

pub mod brat;
mod brat_bounds;
mod brat_events;
pub(crate) mod brat_import;
mod brat_notes;
mod json;
pub mod naming;
pub mod offsets;
pub mod span_json;
pub(crate) mod span_json_import;
pub mod units;
pub mod w3c;
pub(crate) mod w3c_import;

/// The frame every other format's loading shares: `path` read (as an
/// annotation file, within its cap) unless it was already (`read`), a
/// reporter on it, `import` given the name shown, the source and the
/// reporter, and what it found finished.
pub(crate) fn load_with(
    path: &Path,
    reader: &dyn SourceReader,
    read: Option<String>,
    import: impl FnOnce(&str, &str, &mut Reporter<'_>) -> Option<Briefing>,
) -> Loaded {
    let shown = path.display().to_string();
    let source = match read.map_or_else(|| reader.read(path, ANNOTATION_CAP), Ok) {
        Ok(source) => source,
        Err(diagnostic) => return Loaded::failed(path, diagnostic),
    };
    let mut reporter = Reporter::new(&shown, &source);
    let briefing = import(&shown, &source, &mut reporter);
    let diagnostics = std::mem::take(&mut reporter.diagnostics);
    Loaded::finished(briefing, diagnostics, shown, Vec::new())
}

/// The selector fields an importer gives a passage, in the TOML's terms:
/// what the other tool's file says of where it is.
#[derive(Debug, Default)]
pub(crate) struct GivenPassage {
    pub quote: Option<toml::Spanned<String>>,
    pub prefix: Option<toml::Spanned<String>>,
    pub suffix: Option<toml::Spanned<String>>,
    pub start: Option<toml::Spanned<i64>>,
    pub end: Option<toml::Spanned<i64>>,
}

/// A table of the loader's requests (`RawMention { entity, … }`) anchored
/// at a [`GivenPassage`], its span meant as given, parts of words included.
macro_rules! anchored {
    ($table:ident { $($field:ident $(: $value:expr)?),* $(,)? }, $passage:expr) => {{
        let passage: $crate::loader::formats::GivenPassage = $passage;
        $table {
            $($field $(: $value)?,)*
            quote: passage.quote,
            prefix: passage.prefix,
            suffix: passage.suffix,
            occurrence: None,
            start: passage.start,
            end: passage.end,
            part_of_word: $crate::loader::formats::spans_as_given(),
        }
    }};
}
pub(crate) use anchored;

/// Imported entities are matched by name only when asked: the tool that
/// wrote the file already said where its mentions are.
pub(crate) fn match_names_if_asked(raw: &mut super::raw::RawFile, options: &super::ImportOptions) {
    if options.match_names {
        for entity in &mut raw.entities {
            entity.value.auto = Some(true);
        }
    }
}

/// Spans another tool gave are meant as given, parts of words included:
/// brief's warnings of a cut word are for hand-written selectors.
pub(crate) fn spans_as_given() -> Option<toml::Spanned<bool>> {
    Some(toml::Spanned::new(0..0, true))
}
