//! The config file's settings as written: the TOML parsed with spans, each
//! top-level setting checked for its type and its range, the theme looked
//! up and read once (so a theme that will not load stops the program here,
//! at the line that names it), paths resolved. The `[keys.*]` tables are
//! read by `keys`.
//!
//! Owns the meaning of each setting; must not merge keys or decide what
//! the command line overrides.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::keys::{self, RawContext};
use super::values::a_type;
use super::{Places, REVIEWER_MAX};
use crate::layout::DEFAULT_MEASURE;
use crate::loader::diagnostic::{Reporter, did_you_mean};
use crate::loader::{Diagnostic, SourceReader, THEME_CAP};
use crate::theme::{BUILT_IN, Theme};

/// Every top-level key a config file may hold.
pub const SETTINGS: [&str; 11] = [
    "theme",
    "mouse",
    "clipboard",
    "measure",
    "widen_sides",
    "reviewer",
    "reviews",
    "library",
    "same_as",
    "not_same_as",
    "keys",
];

/// The narrowest and widest measure accepted.
pub const MEASURE_RANGE: (i64, i64) = (40, 1000);
/// How far the side panes may be widened or narrowed, in columns.
pub const WIDEN_RANGE: (i64, i64) = (-200, 200);

/// The settings a file gives (`None`: not given), checked.
#[derive(Debug, Default)]
pub struct Read {
    pub theme: Option<String>,
    pub mouse: Option<bool>,
    pub clipboard: Option<bool>,
    pub measure: Option<u16>,
    pub widen_sides: Option<i16>,
    pub reviewer: Option<String>,
    pub reviews: Option<PathBuf>,
    pub library: Option<PathBuf>,
    pub same_as: Vec<(String, String)>,
    pub not_same_as: Vec<(String, String)>,
    pub keys: Vec<RawContext>,
}

/// Reads the file's settings, reporting every problem; `None` when the
/// TOML does not parse (nothing else can be trusted then).
pub fn read(
    reporter: &mut Reporter<'_>,
    places: &Places,
    reader: &dyn SourceReader,
) -> Option<Read> {
    let source = reporter.source;
    let (document, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        for error in syntax_errors {
            let message = error.message().lines().next().unwrap_or_default().trim();
            reporter.push_at(
                Diagnostic::error("toml-syntax", message)
                    .hint("fix the TOML syntax; nothing else is checked until it parses"),
                error.span().unwrap_or(0..0),
            );
        }
        return None;
    }
    let mut read = Read::default();
    for (key, value) in document.into_inner() {
        let name = key.get_ref().as_ref();
        let at = Setting {
            name,
            span: value.span(),
        };
        match name {
            "theme" => {
                read.theme = at
                    .string(reporter, value.get_ref())
                    .and_then(|theme| resolve_theme(reporter, &at, &theme, places, reader));
            }
            "mouse" => read.mouse = at.boolean(reporter, value.get_ref()),
            "clipboard" => read.clipboard = at.boolean(reporter, value.get_ref()),
            "measure" => {
                read.measure = at
                    .integer(reporter, value.get_ref(), MEASURE_RANGE, measure_hint())
                    .and_then(|n| u16::try_from(n).ok());
            }
            "widen_sides" => {
                read.widen_sides = at
                    .integer(reporter, value.get_ref(), WIDEN_RANGE, widen_hint())
                    .and_then(|n| i16::try_from(n).ok());
            }
            "reviewer" => {
                read.reviewer = at
                    .string(reporter, value.get_ref())
                    .and_then(|name| reviewer(reporter, &at, &name));
            }
            "reviews" => {
                read.reviews = at
                    .string(reporter, value.get_ref())
                    .and_then(|path| reviews(reporter, &at, &path, places));
            }
            "library" => {
                read.library = at
                    .string(reporter, value.get_ref())
                    .and_then(|path| library(reporter, &at, &path, places));
            }
            "same_as" => read.same_as = at.pairs(reporter, value.get_ref()),
            "not_same_as" => read.not_same_as = at.pairs(reporter, value.get_ref()),
            "keys" => read.keys = keys::read(reporter, value),
            other => {
                let diagnostic =
                    Diagnostic::error("unknown-setting", format!("unknown setting `{other}`"));
                let hint = match did_you_mean(other, SETTINGS) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "the settings are: {}; `brief config --default` prints them all",
                        SETTINGS.join(", ")
                    ),
                };
                reporter.push_at(diagnostic.hint(hint), key.span());
            }
        }
    }
    Some(read)
}

fn measure_hint() -> String {
    format!(
        "the default is {DEFAULT_MEASURE}; between {} and {} columns",
        MEASURE_RANGE.0, MEASURE_RANGE.1
    )
}

fn widen_hint() -> String {
    format!(
        "columns added to each side pane, {} to {} (negative narrows them)",
        WIDEN_RANGE.0, WIDEN_RANGE.1
    )
}

/// A setting being read: its name, and the span of its value.
struct Setting<'a> {
    name: &'a str,
    span: Range<usize>,
}

impl Setting<'_> {
    fn wrong_type(
        &self,
        reporter: &mut Reporter<'_>,
        wanted: &str,
        found: &DeValue<'_>,
        how: &str,
    ) {
        reporter.push_at(
            Diagnostic::error(
                "wrong-type",
                format!(
                    "`{}` must be {wanted}, not {}",
                    self.name,
                    a_type(found.type_str())
                ),
            )
            .hint(how.to_string()),
            self.span.clone(),
        );
    }

    fn bad_value(&self, reporter: &mut Reporter<'_>, message: String, hint: String) {
        reporter.push_at(
            Diagnostic::error("bad-value", message).hint(hint),
            self.span.clone(),
        );
    }

    fn boolean(&self, reporter: &mut Reporter<'_>, value: &DeValue<'_>) -> Option<bool> {
        let read = value.as_bool();
        if read.is_none() {
            let how = format!("write `{} = true` or `{} = false`", self.name, self.name);
            self.wrong_type(reporter, "true or false", value, &how);
        }
        read
    }

    fn string(&self, reporter: &mut Reporter<'_>, value: &DeValue<'_>) -> Option<String> {
        let read = value.as_str().map(str::to_string);
        if read.is_none() {
            let how = format!("put the value in double quotes: `{} = \"...\"`", self.name);
            self.wrong_type(reporter, "a string", value, &how);
        }
        read
    }

    /// A list of pairs of strings: `[["a", "b"], ["c", "d"]]`.
    fn pairs(&self, reporter: &mut Reporter<'_>, value: &DeValue<'_>) -> Vec<(String, String)> {
        let how = format!(
            "write `{} = [[\"an id or name\", \"another\"], ...]`: pairs of entity ids or names",
            self.name
        );
        let Some(items) = value.as_array() else {
            self.wrong_type(reporter, "a list of pairs", value, &how);
            return Vec::new();
        };
        let mut pairs = Vec::new();
        for item in items {
            let pair: Option<Vec<&str>> = item
                .get_ref()
                .as_array()
                .map(|pair| pair.iter().filter_map(|s| s.get_ref().as_str()).collect());
            match pair.as_deref() {
                Some([a, b]) => pairs.push(((*a).to_string(), (*b).to_string())),
                _ => {
                    reporter.push_at(
                        Diagnostic::error(
                            "wrong-type",
                            format!("each item of `{}` must be a pair of strings", self.name),
                        )
                        .hint(how.clone()),
                        item.span(),
                    );
                }
            }
        }
        pairs
    }

    fn integer(
        &self,
        reporter: &mut Reporter<'_>,
        value: &DeValue<'_>,
        (least, most): (i64, i64),
        hint: String,
    ) -> Option<i64> {
        let Some(integer) = value.as_integer() else {
            let how = format!("write a whole number without quotes: {hint}");
            self.wrong_type(reporter, "a whole number", value, &how);
            return None;
        };
        let digits = integer.as_str().replace('_', "");
        let number = i64::from_str_radix(&digits, integer.radix()).ok();
        match number {
            Some(n) if (least..=most).contains(&n) => Some(n),
            _ => {
                let message = format!(
                    "`{}` is {}, outside {least} to {most}",
                    self.name,
                    integer.as_str()
                );
                self.bad_value(reporter, message, hint);
                None
            }
        }
    }
}

/// "a string", "an integer", as TOML names what was found.
/// The theme a config file names: a built-in one, a file `NAME.toml` in
/// the themes folder, or a path. The file is read (through the guarded
/// reading) and parsed now, with and without 24-bit colour, so that a
/// theme that will not load is this line's error.
fn resolve_theme(
    reporter: &mut Reporter<'_>,
    at: &Setting<'_>,
    requested: &str,
    places: &Places,
    reader: &dyn SourceReader,
) -> Option<String> {
    if BUILT_IN.iter().any(|theme| theme.name == requested) {
        return Some(requested.to_string());
    }
    let path = if is_theme_name(requested) {
        match named_theme(requested, places.themes.as_deref(), &|p| reader.exists(p)) {
            Some(path) => path,
            None => {
                let folder = places.themes.as_ref().map_or_else(
                    || "the themes folder".to_string(),
                    |p| p.display().to_string(),
                );
                at.bad_value(
                    reporter,
                    format!("no theme named `{requested}`"),
                    format!(
                        "built-in themes: {}; or put {requested}.toml in {folder}, or give a theme file's path",
                        built_in_names()
                    ),
                );
                return None;
            }
        }
    } else {
        expand(requested, places)?
    };
    let shown = path.display().to_string();
    let checked = reader.read(&path, THEME_CAP).and_then(|text| {
        Theme::parse(&text, false)
            .and_then(|_| Theme::parse(&text, true))
            .map_err(|error| Diagnostic::error("bad-value", error))
    });
    match checked {
        Ok(_) => Some(shown),
        Err(problem) => {
            at.bad_value(
                reporter,
                format!("the theme {shown} cannot be used: {}", problem.message),
                format!(
                    "fix the theme file, or use a built-in theme: {}",
                    built_in_names()
                ),
            );
            None
        }
    }
}

fn built_in_names() -> String {
    BUILT_IN.map(|theme| theme.name).join(", ")
}

/// Whether a theme is asked for by name rather than by path: no folder,
/// no `.toml`.
pub fn is_theme_name(requested: &str) -> bool {
    !requested.is_empty()
        && !requested.contains(['/', '\\'])
        && !requested.ends_with(".toml")
        && !requested.starts_with('~')
}

/// The file of a named theme in `themes`, if it is there.
pub fn named_theme(
    name: &str,
    themes: Option<&Path>,
    exists: &dyn Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let path = themes?.join(format!("{name}.toml"));
    exists(&path).then_some(path)
}

/// A path from the config file: `~/` from the home folder, a relative
/// path from the config file's folder. `None` if it needs a home folder
/// that is not known.
fn expand(path: &str, places: &Places) -> Option<PathBuf> {
    let relative_to_home = match path.strip_prefix('~') {
        Some("") => Some(""),
        Some(rest) => rest.strip_prefix('/'),
        None => None,
    };
    match relative_to_home {
        Some(rest) => places.home.as_ref().map(|home| home.join(rest)),
        None => Some(places.base.join(path)),
    }
}

/// The reviewer's name, if it is one line of plain text of a sensible
/// length.
fn reviewer(reporter: &mut Reporter<'_>, at: &Setting<'_>, name: &str) -> Option<String> {
    let trimmed = name.trim();
    let problem = if trimmed.is_empty() {
        Some("`reviewer` is empty")
    } else if trimmed
        .chars()
        .any(|c| c.is_control() || crate::sanitize::is_unsafe(c))
    {
        Some("`reviewer` holds a line break or another control character")
    } else if trimmed.chars().count() > REVIEWER_MAX {
        Some("`reviewer` is too long")
    } else {
        None
    };
    match problem {
        Some(message) => {
            at.bad_value(
                reporter,
                message.to_string(),
                format!("write the name reviews are signed with, on one line, at most {REVIEWER_MAX} characters"),
            );
            None
        }
        None => Some(trimmed.to_string()),
    }
}

/// The library folder: resolved, and a folder that is there.
fn library(
    reporter: &mut Reporter<'_>,
    at: &Setting<'_>,
    path: &str,
    places: &Places,
) -> Option<PathBuf> {
    let hint = "name a folder of briefings, e.g. `library = \"~/briefings\"`".to_string();
    let Some(resolved) = expand(path.trim(), places).filter(|_| !path.trim().is_empty()) else {
        at.bad_value(reporter, format!("`library` cannot be `{path}`"), hint);
        return None;
    };
    if std::fs::metadata(&resolved).is_ok_and(|m| m.is_dir()) {
        Some(resolved)
    } else {
        at.bad_value(
            reporter,
            format!("{} is not a folder", resolved.display()),
            hint,
        );
        None
    }
}

/// The reviews folder: resolved, and if something is there, a folder.
fn reviews(
    reporter: &mut Reporter<'_>,
    at: &Setting<'_>,
    path: &str,
    places: &Places,
) -> Option<PathBuf> {
    let hint = "name the folder review files go in, e.g. `reviews = \"~/reviews\"`".to_string();
    if path.trim().is_empty() {
        at.bad_value(reporter, "`reviews` is empty".to_string(), hint);
        return None;
    }
    let Some(resolved) = expand(path, places) else {
        at.bad_value(
            reporter,
            format!("`{path}` starts with ~ but HOME is not set"),
            hint,
        );
        return None;
    };
    // A look, not a read: nothing is opened.
    match std::fs::metadata(&resolved) {
        Ok(metadata) if !metadata.is_dir() => {
            at.bad_value(
                reporter,
                format!("{} is not a folder", resolved.display()),
                hint,
            );
            None
        }
        _ => Some(resolved),
    }
}
