//! How the command line asks for a file to be read when its name and
//! content do not say enough: which format it is (`--from`), which text
//! its annotations are on (`--text`), which unit its offsets count
//! (`--offset-unit`), and whether spans of one type and text are one
//! entity (`--group-by`). Plain data: the loader's readers consult it;
//! nothing here reads a file.

use std::path::PathBuf;

use super::formats::offsets::OffsetUnit;

/// Everything that changes how a named file is opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// `--plain`: the file is a text on its own, whatever its name.
    pub plain: bool,
    /// `--from`: the file's format, instead of its extension and content.
    pub from: Option<SourceFormat>,
    pub import: ImportOptions,
}

/// What another tool's file (or an annotation file) is read with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// `--text`: the text the annotations are on, instead of the one they
    /// name (a TOML's `text`, a W3C target's `source`, brat's `.txt`).
    pub text: Option<PathBuf>,
    /// `--offset-unit`: the unit the offsets count, instead of the
    /// format's own. Spans that carry their text are still checked: a
    /// wrong unit is an error naming the one that fits.
    pub offset_unit: Option<OffsetUnit>,
    /// `--group-by`: how mentions with no identity of their own (no `N`
    /// link, no `Equiv`) become entities.
    pub group_by: GroupBy,
    /// `--match-names`: find each entity's name in the text too, as a
    /// TOML's entities do; off by default, since the other tool said where
    /// its mentions are.
    pub match_names: bool,
}

/// The formats `--from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// brief's own annotation file.
    Toml,
    /// brat standoff (`.ann`).
    Brat,
    /// W3C Web Annotation or Hypothesis JSON.
    W3c,
    /// Records of text and spans: spaCy, Prodigy, doccano, Label Studio.
    Spans,
    /// A text with no annotations (as `--plain`).
    Text,
}

/// How spans with no identity of their own are made entities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupBy {
    /// Spans of one type and covered text are one entity (said in a
    /// warning).
    #[default]
    Text,
    /// Each span is an entity of its own.
    None,
}

impl OpenOptions {
    /// Whether these are the defaults: only then may a large file open on
    /// a preview, which reads the file the usual way.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}
