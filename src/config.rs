//! The configuration file: where it is looked for, reading it through the
//! loader's guarded reading, checking every setting and key binding with
//! the file, line and column of each problem (rendered as `brief check`
//! renders annotation errors), and the resolved [`Config`] the command line
//! hands on. A config is used whole or not at all: any error, and the
//! program does not start.
//!
//! Owns the file's format (`template` prints it with its defaults). Must
//! not touch a terminal, print, or read a file except through a
//! [`SourceReader`]; the keymap merge itself is the controller's
//! (`controller::keymap`), which knows nothing of files.

mod keys;
mod locate;
mod settings;
mod template;
mod values;

use std::path::{Path, PathBuf};

use crate::controller::Keymap;
use crate::layout::DEFAULT_MEASURE;
use crate::loader::diagnostic::Reporter;
use crate::loader::{Diagnostic, Location, SourceReader};

pub use locate::{Environment, Located, Request, locate, themes_dir, usual_path};
pub use settings::{is_theme_name, named_theme};
pub use template::default_config;

/// Largest config file read: a complete one is a few hundred lines.
pub const CONFIG_CAP: u64 = 1024 * 1024;

/// The settings in force, from the config file or the defaults. The
/// command line's own flags (`--theme`, `--mouse`, `--clipboard`,
/// `--copy-to`) win over these.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// The colour theme: a built-in theme's name, or the path of a theme
    /// file (a name found in the themes folder, or a path relative to the
    /// config file), already read and checked once. `None`: the default
    /// (`dark`, or `mono` under `NO_COLOR`).
    pub theme: Option<String>,
    /// Mouse clicks and the wheel on, as `--mouse`.
    pub mouse: bool,
    /// `y` copies to the terminal's clipboard (OSC 52), as `--clipboard`.
    pub clipboard: bool,
    /// The most columns of article text per line.
    pub measure: u16,
    /// Columns added to each side pane (negative: taken away), as
    /// `Ctrl-w >` and `Ctrl-w <` change it; `Ctrl-w =` comes back here.
    pub widen_sides: i16,
    /// Who reviews: the name the review layer writes on what this reader
    /// records. Non-empty, one line, at most [`REVIEWER_MAX`] characters.
    pub reviewer: Option<String>,
    /// The folder review files go in: `~/` is the home folder and a
    /// relative path is taken from the config file's folder. It need not
    /// exist yet (nothing here creates it), but if it does it is a folder.
    pub reviews: Option<PathBuf>,
    /// The folder `brief` with no file opens as a library.
    pub library: Option<PathBuf>,
    /// Entities of a library that are the same (ids or names), and ones
    /// that are not, whatever their names say.
    pub same_as: Vec<(String, String)>,
    pub not_same_as: Vec<(String, String)>,
    /// The embedded keymap with the file's `[keys.*]` tables merged over
    /// it: what the reader, the help overlay and the hint bar use.
    pub keymap: Keymap,
}

/// The longest reviewer name accepted, in characters.
pub const REVIEWER_MAX: usize = 100;

impl Config {
    /// Every setting at its default and the embedded keymap; `Err` only
    /// if the built-in keymap does not read, a build defect the unit tests
    /// catch.
    pub fn defaults() -> Result<Config, String> {
        Ok(Config {
            file: None,
            theme: None,
            mouse: false,
            clipboard: false,
            measure: DEFAULT_MEASURE,
            widen_sides: 0,
            reviewer: None,
            reviews: None,
            library: None,
            same_as: Vec::new(),
            not_same_as: Vec::new(),
            keymap: Keymap::embedded()?,
        })
    }
}

/// Paths a config file's values are taken relative to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The config file's folder: relative paths in it start here.
    pub base: PathBuf,
    /// Where theme files are found by name.
    pub themes: Option<PathBuf>,
    /// The home folder, for `~/`.
    pub home: Option<PathBuf>,
}

/// The config in force for `request`: the defaults when there is no file
/// (or `--no-config`), else the file read and checked whole.
pub fn load(
    request: &Request,
    environment: &Environment,
    reader: &dyn SourceReader,
) -> Result<Config, Vec<Diagnostic>> {
    match locate(request, environment) {
        Located::File(path) => load_file(&path, environment, reader),
        Located::Absent { .. } | Located::Ignored => defaults_or_diagnostic(),
    }
}

/// Reads and checks the config file at `path`.
pub fn load_file(
    path: &Path,
    environment: &Environment,
    reader: &dyn SourceReader,
) -> Result<Config, Vec<Diagnostic>> {
    let source = reader
        .read(path, CONFIG_CAP)
        .map_err(|diagnostic| vec![diagnostic])?;
    let places = Places {
        base: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        themes: themes_dir(environment),
        home: environment.home.clone(),
    };
    let shown = path.display().to_string();
    let mut config = parse(&shown, &source, &places, reader)?;
    config.file = Some(path.to_path_buf());
    Ok(config)
}

/// Checks a config file's text (named `file` in diagnostics): every
/// problem in it, or the config it makes.
pub fn parse(
    file: &str,
    source: &str,
    places: &Places,
    reader: &dyn SourceReader,
) -> Result<Config, Vec<Diagnostic>> {
    let mut config = defaults_or_diagnostic()?;
    let mut reporter = Reporter::new(file, source);
    let Some(read) = settings::read(&mut reporter, places, reader) else {
        return Err(reporter.diagnostics);
    };
    let rebound = keys::merge(&mut reporter, &config.keymap, &read.keys);
    if reporter.has_errors() {
        return Err(in_file_order(reporter.diagnostics));
    }
    if let Some(keymap) = rebound {
        config.keymap = keymap;
    }
    config.theme = read.theme;
    config.mouse = read.mouse.unwrap_or(config.mouse);
    config.clipboard = read.clipboard.unwrap_or(config.clipboard);
    config.measure = read.measure.unwrap_or(config.measure);
    config.widen_sides = read.widen_sides.unwrap_or(config.widen_sides);
    config.reviewer = read.reviewer;
    config.reviews = read.reviews;
    config.library = read.library;
    config.same_as = read.same_as;
    config.not_same_as = read.not_same_as;
    Ok(config)
}

/// Diagnostics from the top of the file down (the key merge reports after
/// the settings are read).
fn in_file_order(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| d.location.as_ref().map(|at| (at.line, at.column)));
    diagnostics
}

fn defaults_or_diagnostic() -> Result<Config, Vec<Diagnostic>> {
    Config::defaults().map_err(|error| {
        vec![
            Diagnostic::error("internal", format!("the built-in keymap: {error}"))
                .at(Location::file_only("keymap.toml")),
        ]
    })
}
