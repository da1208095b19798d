//! The command line: `brief [FILE]` opens the reader, `brief check` reports
//! problems, `brief render` draws one frame as text.
//!
//! Owns argument parsing, exit codes and everything printed outside the
//! reader. It reads briefings only through the loader and prints only
//! sanitised text.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver};

use clap::{Parser, Subcommand, ValueEnum};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde::Serialize;

use crate::controller::{self, Keymap, Setup, State};
use crate::loader::{self, FileSystem, Loaded, SourceReader};
use crate::model::Briefing;
use crate::terminal::{self, Ending};
use crate::theme::{self, Theme};
use crate::wording::counted;
use crate::{sanitize, ui};

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
    /// with or without a sibling .toml; `-` reads a text from standard
    /// input. Without one, the bundled example.
    pub file: Option<PathBuf>,
    /// Colour theme: dark, light, high-contrast, mono, or a theme file.
    #[arg(long, global = true)]
    pub theme: Option<String>,
    /// Enable the mouse: click mentions, rows and events; wheel scrolls.
    /// Off by default because it stops the terminal's own text selection.
    #[arg(long)]
    pub mouse: bool,
    /// Let `y` put quotations on the terminal's clipboard (the OSC 52
    /// escape sequence; off by default, since it is an escape sequence the
    /// program sends).
    #[arg(long, conflicts_with = "copy_to")]
    pub clipboard: bool,
    /// Let `y` append quotations to this file, one a line.
    #[arg(long, value_name = "FILE")]
    pub copy_to: Option<PathBuf>,
    /// Open the text alone, never reading a .toml beside it (a .toml named
    /// is shown as text).
    #[arg(long, global = true)]
    pub plain: bool,
    /// Keep the review in this file. Without it, reviews go beside the
    /// annotation file as NAME.review.toml, or, where that directory cannot
    /// be written (and for the bundled example), under
    /// $XDG_STATE_HOME/brief/reviews/ (~/.local/state/brief/reviews/).
    /// Nothing is written until the first review action.
    #[arg(long, value_name = "PATH")]
    pub review: Option<PathBuf>,
    /// The name recorded with each review item (default: the login name).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Show the review but record nothing and write no file.
    #[arg(long)]
    pub read_only: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check briefings and report every problem, with positions.
    Check {
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Annotation files, or texts with a sibling .toml; `-` for
        /// standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Draw one frame off-screen and print it as text, after typing keys.
    Render {
        /// Briefing to open, `-` for standard input (default: the bundled
        /// one).
        file: Option<PathBuf>,
        /// Screen size, columns x rows (each at most 1000).
        #[arg(long, default_value = "120x40", value_parser = parse_size)]
        size: (u16, u16),
        /// Keys to type first, in keymap notation, e.g. "jj]m<Enter><C-o>".
        #[arg(long, default_value = "")]
        keys: String,
        /// Keep colours and attributes as ANSI escape sequences.
        #[arg(long)]
        color: bool,
    },
    /// Reviews: reports of a briefing's review for its author.
    #[command(subcommand)]
    Review(ReviewCommand),
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Print every verdict of a briefing's review with its passage, line
    /// and column, comment, reviewer and time, by section, with the
    /// progress; verdicts whose passage is gone from the text come last.
    Export {
        /// The briefing (its annotation file, or its text).
        file: PathBuf,
        /// Markdown to read, or JSON lines for scripts.
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
        /// The review file, when it is not in the usual places.
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

/// The largest `--size`: a frame of 1000x1000 cells is a few tens of
/// megabytes; beyond, a mistyped size would take the machine's memory.
pub const MAX_RENDER_SIDE: u16 = 1000;

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (columns, rows) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| "write the size as COLUMNSxROWS, e.g. 120x40".to_string())?;
    let number = |n: &str| {
        let value = n
            .trim()
            .parse::<u16>()
            .map_err(|_| format!("not a size: {n}"))?;
        if value > MAX_RENDER_SIDE {
            return Err(format!(
                "{value} is too large: at most {MAX_RENDER_SIDE} columns and rows"
            ));
        }
        Ok(value)
    };
    Ok((number(columns)?, number(rows)?))
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
    // clap would print a bad argument as given, escape sequences and all
    // (a hostile file name from a shell glob); its text goes through the
    // sanitiser like everything else.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let text = error.render().to_string();
            let clean: Vec<String> = text
                .lines()
                .map(|l| sanitize::line(l).into_owned())
                .collect();
            let informational = matches!(
                error.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            if informational {
                println!("{}", clean.join("\n"));
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", clean.join("\n"));
            return ExitCode::from(EXIT_IO);
        }
    };
    match cli.command {
        Some(Command::Check { format, files }) => check(&files, format, cli.plain),
        Some(Command::Render {
            file,
            size,
            keys,
            color,
        }) => render(
            file.as_deref(),
            size,
            &keys,
            color,
            cli.theme.as_deref(),
            cli.plain,
        ),
        Some(Command::Review(ReviewCommand::Export {
            file,
            format,
            review,
        })) => export_review(&file, format, review.as_deref(), cli.plain),
        None => {
            let copy = match (cli.clipboard, cli.copy_to) {
                (true, _) => terminal::CopyTarget::Clipboard,
                (false, Some(path)) => terminal::CopyTarget::File(path),
                (false, None) => terminal::CopyTarget::Off,
            };
            let review = crate::review::open::Request {
                path: cli.review,
                reviewer: cli.reviewer,
                read_only: cli.read_only,
            };
            open(
                cli.file.as_deref(),
                cli.theme.as_deref(),
                cli.mouse,
                cli.plain,
                copy,
                &review,
            )
        }
    }
}

/// Loads a briefing, printing its diagnostics to stderr; `Err` holds the
/// exit status when it cannot be opened.
fn load_for_reading(file: Option<&Path>, plain: bool) -> Result<Briefing, ExitCode> {
    let loaded = match file {
        Some(path) => loader::open(path, plain, &FileSystem),
        None => loader::load_bundled(),
    };
    let mut stderr = std::io::stderr().lock();
    for diagnostic in &loaded.diagnostics {
        let _ = write!(stderr, "{}", diagnostic.render());
    }
    let status = exit_status_of(&loaded);
    loaded
        .briefing
        .ok_or(ExitCode::from(status.max(EXIT_ERRORS)))
}

fn choose_theme(requested: Option<&str>) -> Result<Theme, ExitCode> {
    // Through the loader's guarded reading: a FIFO or /dev/zero as a theme
    // is refused before it is opened, and a file past the cap stops there.
    let read = |path: &Path| {
        FileSystem
            .read(path, loader::THEME_CAP)
            .map_err(|diagnostic| diagnostic.message)
    };
    Theme::choose(
        requested,
        theme::no_color_from_env(),
        theme::truecolor_from_env(),
        &read,
    )
    .map_err(|error| {
        eprintln!("brief: {}", sanitize::line(&error));
        ExitCode::from(EXIT_IO)
    })
}

/// The briefing and theme to show, or the exit status after saying why
/// not.
fn prepare(
    file: Option<&Path>,
    theme: Option<&str>,
    plain: bool,
) -> Result<(Briefing, Theme), ExitCode> {
    Ok((load_for_reading(file, plain)?, choose_theme(theme)?))
}

/// Opens the interactive reader. A large briefing opens on a preview of
/// its start while the whole of it loads on another thread.
fn open(
    file: Option<&Path>,
    theme: Option<&str>,
    mouse: bool,
    plain: bool,
    copy: terminal::CopyTarget,
    review: &crate::review::open::Request,
) -> ExitCode {
    // Keys come from the terminal, not stdin: crossterm reads /dev/tty when
    // stdin is not one, so `brief -` needs only stdout to be a terminal.
    let piped = file.is_some_and(loader::is_standard_input);
    let interactive = (piped || std::io::stdin().is_terminal()) && std::io::stdout().is_terminal();
    let preview = file
        .filter(|_| interactive && !plain)
        .and_then(loader::preview);
    let (briefing, theme, pending) = match (preview, file) {
        (Some(preview), Some(path)) => {
            let theme = match choose_theme(theme) {
                Ok(theme) => theme,
                Err(status) => return status,
            };
            let path = path.to_path_buf();
            let start: terminal::StartLoad = Box::new(move || load_in_background(&path));
            (preview, theme, Some(start))
        }
        _ => match prepare(file, theme, plain) {
            Ok((briefing, theme)) => (briefing, theme, None),
            Err(status) => return status,
        },
    };
    if !interactive {
        eprintln!(
            "brief: the reader needs a terminal on stdin and stdout; \
             use `brief render` or `brief check` to write to a file or pipe"
        );
        return ExitCode::from(EXIT_IO);
    }
    // Lay the article out at the terminal's real size from the start: a
    // guess (80x24) would wrap the first screen twice. Asking the size
    // writes nothing to the terminal.
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let keymap = match embedded_keymap() {
        Ok(keymap) => keymap,
        Err(status) => return status,
    };
    let setup = Setup {
        mouse,
        loading: file
            .filter(|_| pending.is_some())
            .map(|path| path.display().to_string()),
        review: None,
    };
    let (review_setup, saver) = match open_review(file, &briefing, review) {
        Ok(opened) => opened,
        Err(status) => return status,
    };
    let setup = Setup {
        review: review_setup,
        ..setup
    };
    let reloadable = file.filter(|path| !loader::is_standard_input(path));
    let watched = match reloadable {
        Some(_) => [
            Some(&briefing.meta.text_path),
            briefing.meta.annotation_path.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .collect(),
        None => Vec::new(),
    };
    let state = State::with_setup(briefing, keymap, width, height, setup);
    let outside = terminal::Outside {
        copy,
        watched,
        // Standard input cannot be read again.
        saver,
        reload: reloadable.map(|path| {
            let path = path.to_path_buf();
            Box::new(move || loader::open(&path, plain, &FileSystem)) as Box<dyn Fn() -> Loaded>
        }),
    };
    match terminal::run(state, &theme, pending, &outside) {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Ok(Ending::Signal(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Ok(Ending::HungUp) => ExitCode::from(terminal::HANG_UP_STATUS),
        Ok(Ending::LoadFailed(loaded)) => {
            let mut stderr = std::io::stderr().lock();
            for diagnostic in &loaded.diagnostics {
                let _ = write!(stderr, "{}", diagnostic.render());
            }
            ExitCode::from(exit_status_of(&loaded).max(EXIT_ERRORS))
        }
        Err(error) => {
            // Not eprintln!: it panics when stderr is a terminal that
            // has failed too.
            let _ = writeln!(std::io::stderr(), "brief: terminal error: {error}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// The review of the briefing opened from `file` (none for standard
/// input), read before the terminal is touched: a broken review file is
/// reported like a broken annotation file.
fn open_review(
    file: Option<&Path>,
    briefing: &Briefing,
    request: &crate::review::open::Request,
) -> Result<
    (
        Option<crate::review::open::Setup>,
        Option<crate::review::store::Saver>,
    ),
    ExitCode,
> {
    if file.is_some_and(loader::is_standard_input) {
        return Ok((None, None));
    }
    // The bundled example has no file of its own: its review goes to the
    // state directory.
    let named = file.map(|path| {
        briefing
            .meta
            .annotation_path
            .as_deref()
            .map_or_else(|| path.to_path_buf(), PathBuf::from)
    });
    match crate::review::open::open(request, named.as_deref(), briefing, &FileSystem) {
        Ok(opened) => Ok((Some(opened.setup), opened.saver)),
        Err(diagnostics) => {
            let mut stderr = std::io::stderr().lock();
            for diagnostic in &diagnostics {
                let _ = write!(stderr, "{}", diagnostic.render());
            }
            Err(ExitCode::from(EXIT_ERRORS))
        }
    }
}

/// `brief review export`: the briefing's review as a report on stdout.
fn export_review(
    file: &Path,
    format: ReportFormat,
    chosen: Option<&Path>,
    plain: bool,
) -> ExitCode {
    let briefing = match load_for_reading(Some(file), plain) {
        Ok(briefing) => briefing,
        Err(status) => return status,
    };
    let named = briefing
        .meta
        .annotation_path
        .as_deref()
        .map_or_else(|| file.to_path_buf(), PathBuf::from);
    let places = crate::review::store::Places::for_briefing(Some(&named), chosen);
    let Some(path) = places.existing().map(Path::to_path_buf) else {
        let looked: Vec<String> = [&places.beside, &places.state]
            .into_iter()
            .flatten()
            .map(|p| sanitize::line(&p.display().to_string()).into_owned())
            .collect();
        eprintln!(
            "brief: no review of this briefing yet (looked for {})",
            looked.join(" and ")
        );
        return ExitCode::from(EXIT_ERRORS);
    };
    let shown = path.display().to_string();
    let read = FileSystem
        .read(&path, crate::review::open::REVIEW_CAP)
        .map_err(|d| vec![d])
        .and_then(|source| crate::review::file::read(&shown, &source));
    let review = match read {
        Ok((review, _)) => review,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprint!("{}", diagnostic.render());
            }
            return ExitCode::from(EXIT_ERRORS);
        }
    };
    let report = match format {
        ReportFormat::Markdown => crate::review::export::markdown(&review, &briefing),
        ReportFormat::Json => crate::review::export::json_lines(&review, &briefing),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(report.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(EXIT_IO),
    }
}

/// The keymap built into the binary; failing to read it is a build defect
/// that the tests catch, reported here rather than as a panic.
fn embedded_keymap() -> Result<Keymap, ExitCode> {
    Keymap::embedded().map_err(|error| {
        eprintln!("brief: internal error: the built-in keymap: {error}");
        ExitCode::from(EXIT_IO)
    })
}

/// Loads `path` on a thread of its own; the result arrives on the channel.
fn load_in_background(path: &Path) -> Receiver<Loaded> {
    let (sender, receiver) = mpsc::channel();
    let owned = path.to_path_buf();
    let background = sender.clone();
    let spawned = std::thread::Builder::new()
        .name("loader".to_string())
        .spawn(move || {
            // The reader may have quit already; then nobody is listening.
            let _ = background.send(loader::load(&owned, &FileSystem));
        });
    if spawned.is_err() {
        // No thread to be had: load here, before the first frame.
        let _ = sender.send(loader::load(path, &FileSystem));
    }
    receiver
}

/// `brief render`: one frame, drawn off-screen, printed.
fn render(
    file: Option<&Path>,
    (width, height): (u16, u16),
    keys: &str,
    color: bool,
    theme: Option<&str>,
    plain: bool,
) -> ExitCode {
    let (briefing, theme) = match prepare(file, theme, plain) {
        Ok(prepared) => prepared,
        Err(status) => return status,
    };
    let keymap = match embedded_keymap() {
        Ok(keymap) => keymap,
        Err(status) => return status,
    };
    let mut state = State::new(briefing, keymap, width, height);
    if let Err(error) = controller::press(&mut state, keys) {
        eprintln!("brief: --keys: {}", sanitize::line(&error));
        return ExitCode::from(EXIT_IO);
    }
    print!("{}", frame_text(&state, &theme, color));
    ExitCode::SUCCESS
}

/// Draws the state into an off-screen buffer of its screen size and
/// returns it as text.
pub fn frame_text(state: &State, theme: &Theme, color: bool) -> String {
    let area = Rect::new(0, 0, state.screen.width, state.screen.height);
    let mut buffer = Buffer::empty(area);
    ui::render(&mut buffer, area, state, theme);
    ui::buffer_to_text(&buffer, color)
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

fn check(files: &[PathBuf], format: OutputFormat, plain: bool) -> ExitCode {
    let mut worst = 0;
    let mut stdout = std::io::stdout().lock();
    for path in files {
        let loaded = loader::open(path, plain, &FileSystem);
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
        "{}, {}",
        counted(loaded.warning_count(), "warning", "warnings"),
        counted(loaded.error_count(), "error", "errors")
    );
    let text_only = loaded
        .briefing
        .as_ref()
        .is_some_and(|b| b.meta.annotation_path.is_none());
    match counts(loaded) {
        Some(_) if text_only => format!("{path}: text only, no annotations; {problems}"),
        Some(c) => format!(
            "{path}: {}, {} ({} explicit, {} automatic), {}, {}, {}; {problems}",
            counted(c.entities, "entity", "entities"),
            counted(c.mentions, "mention", "mentions"),
            c.explicit_mentions,
            c.automatic_mentions,
            counted(c.relations, "relation", "relations"),
            counted(c.events, "event", "events"),
            counted(c.notes, "note", "notes")
        ),
        None => format!("{path}: not loaded; {problems}"),
    }
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
    let path = sanitize::line(&loaded.path);
    let summary = Summary {
        r#type: "summary",
        file: &path,
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
