//! The command line's words for how a file is opened (`--from`,
//! `--offset-unit`, `--group-by`), turned into the loader's
//! [`OpenOptions`]. Only the names live here; what they do is the
//! loader's.

use clap::ValueEnum;

use crate::loader::formats::offsets::OffsetUnit;
use crate::loader::{GroupBy, ImportOptions, OpenOptions, SourceFormat};

/// `--from`: the file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromArg {
    /// brief's own TOML annotation file.
    Toml,
    /// brat standoff (.ann, its text the .txt beside it or --text).
    Brat,
    /// W3C Web Annotation or Hypothesis JSON.
    W3c,
    /// Records of text and spans: spaCy, Prodigy, doccano, Label Studio.
    Spans,
    /// A text on its own (as --plain).
    Text,
}

/// `--offset-unit`: what the offsets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Unicode code points (Python string indices; W3C's unit).
    Codepoint,
    /// Code points with each CRLF counted as one (brat's server).
    CodepointLf,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// UTF-8 bytes.
    Byte,
    /// Grapheme clusters (what a reader sees as one character).
    Grapheme,
}

/// `--group-by`: how spans with no identity of their own become entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    /// Spans of one type and text are one entity.
    Text,
    /// Every span is an entity of its own.
    None,
}

/// The loader's options for these flags.
pub fn open_options(
    plain: bool,
    from: Option<FromArg>,
    text: Option<std::path::PathBuf>,
    unit: Option<UnitArg>,
    group_by: GroupArg,
    match_names: bool,
) -> OpenOptions {
    OpenOptions {
        plain,
        from: from.map(|from| match from {
            FromArg::Toml => SourceFormat::Toml,
            FromArg::Brat => SourceFormat::Brat,
            FromArg::W3c => SourceFormat::W3c,
            FromArg::Spans => SourceFormat::Spans,
            FromArg::Text => SourceFormat::Text,
        }),
        import: ImportOptions {
            text,
            offset_unit: unit.map(|unit| match unit {
                UnitArg::Codepoint => OffsetUnit::CodePoint,
                UnitArg::CodepointLf => OffsetUnit::CodePointCrlfAsOne,
                UnitArg::Utf16 => OffsetUnit::Utf16,
                UnitArg::Byte => OffsetUnit::Byte,
                UnitArg::Grapheme => OffsetUnit::Grapheme,
            }),
            group_by: match group_by {
                GroupArg::Text => GroupBy::Text,
                GroupArg::None => GroupBy::None,
            },
            match_names,
        },
    }
}
