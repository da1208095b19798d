//! The command line: `brief [FILE]` and `brief check [--format json] FILE...`.
//!
//! Owns argument parsing, exit codes and everything printed outside the
//! reader. It reads briefings only through the loader and prints only
//! sanitised text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::loader::{self, FileSystem, Loaded};
use crate::sanitize;

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Read annotated briefings in the terminal, offline."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Briefing to open: an annotation file (.toml), or a text (.md, .txt)
    /// with or without a sibling .toml. Without one, the bundled example.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check briefings and report every problem, with positions.
    Check {
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Annotation files, or texts with a sibling .toml.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

/// Exit status: 0 all good, 1 a briefing has errors, 2 usage or I/O.
const EXIT_ERRORS: u8 = 1;
const EXIT_IO: u8 = 2;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { format, files }) => check(&files, format),
        None => open(cli.file.as_deref()),
    }
}

/// Until the reader lands, opening a briefing prints what was loaded.
fn open(file: Option<&Path>) -> ExitCode {
    let loaded = match file {
        Some(path) => loader::load(path, &FileSystem),
        None => loader::load_bundled(),
    };
    let mut stderr = std::io::stderr().lock();
    for diagnostic in &loaded.diagnostics {
        let _ = write!(stderr, "{}", diagnostic.render());
    }
    let Some(briefing) = &loaded.briefing else {
        return ExitCode::from(exit_status_of(&loaded));
    };
    let mut stdout = std::io::stdout().lock();
    let title = briefing.meta.title.as_deref().unwrap_or(&loaded.path);
    let _ = writeln!(stdout, "{}", sanitize::line(title));
    if let Some(classification) = &briefing.meta.classification {
        let _ = writeln!(stdout, "[{}]", sanitize::line(classification));
    }
    let _ = writeln!(stdout, "{}", summary_line(&loaded));
    ExitCode::SUCCESS
}

fn exit_status_of(loaded: &Loaded) -> u8 {
    let io = loaded
        .diagnostics
        .iter()
        .any(|d| d.is_error() && matches!(d.code, "io" | "too-large"));
    if io {
        EXIT_IO
    } else if loaded.error_count() > 0 {
        EXIT_ERRORS
    } else {
        0
    }
}

fn check(files: &[PathBuf], format: OutputFormat) -> ExitCode {
    let mut worst = 0;
    let mut stdout = std::io::stdout().lock();
    for path in files {
        let loaded = loader::load(path, &FileSystem);
        worst = worst.max(exit_status_of(&loaded));
        let written = match format {
            OutputFormat::Human => write_human(&mut stdout, &loaded),
            OutputFormat::Json => write_json(&mut stdout, &loaded),
        };
        if written.is_err() {
            return ExitCode::from(EXIT_IO);
        }
    }
    ExitCode::from(worst)
}

fn write_human(out: &mut impl Write, loaded: &Loaded) -> std::io::Result<()> {
    for diagnostic in &loaded.diagnostics {
        writeln!(out, "{}", diagnostic.render())?;
    }
    writeln!(out, "{}", summary_line(loaded))
}

/// Counts of what a briefing holds, for the summary line and JSON.
#[derive(Debug, Default, Serialize)]
struct Counts {
    entities: usize,
    mentions: usize,
    explicit_mentions: usize,
    automatic_mentions: usize,
    relations: usize,
    events: usize,
    notes: usize,
}

fn counts(loaded: &Loaded) -> Option<Counts> {
    let briefing = loaded.briefing.as_ref()?;
    let explicit = briefing.explicit_mention_count();
    Some(Counts {
        entities: briefing.entities.len(),
        mentions: briefing.mentions.len(),
        explicit_mentions: explicit,
        automatic_mentions: briefing.mentions.len() - explicit,
        relations: briefing.relations.len(),
        events: briefing.events.len(),
        notes: briefing.notes.len(),
    })
}

fn summary_line(loaded: &Loaded) -> String {
    let path = sanitize::line(&loaded.path);
    let problems = format!(
        "{} warning{}, {} error{}",
        loaded.warning_count(),
        plural(loaded.warning_count()),
        loaded.error_count(),
        plural(loaded.error_count())
    );
    let text_only = loaded
        .briefing
        .as_ref()
        .is_some_and(|b| b.meta.annotation_path.is_none());
    match counts(loaded) {
        Some(_) if text_only => format!("{path}: text only, no annotations; {problems}"),
        Some(c) => format!(
            "{path}: {} entities, {} mentions ({} explicit, {} automatic), {} relations, {} events, {} notes; {problems}",
            c.entities,
            c.mentions,
            c.explicit_mentions,
            c.automatic_mentions,
            c.relations,
            c.events,
            c.notes
        ),
        None => format!("{path}: not loaded; {problems}"),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn write_json(out: &mut impl Write, loaded: &Loaded) -> std::io::Result<()> {
    for diagnostic in &loaded.diagnostics {
        writeln!(out, "{}", diagnostic.to_json())?;
    }
    #[derive(Serialize)]
    struct Summary<'a> {
        r#type: &'static str,
        file: &'a str,
        loaded: bool,
        errors: usize,
        warnings: usize,
        #[serde(flatten)]
        counts: Option<Counts>,
    }
    let summary = Summary {
        r#type: "summary",
        file: &loaded.path,
        loaded: loaded.briefing.is_some(),
        errors: loaded.error_count(),
        warnings: loaded.warning_count(),
        counts: counts(loaded),
    };
    writeln!(
        out,
        "{}",
        serde_json::to_string(&summary).unwrap_or_default()
    )
}
