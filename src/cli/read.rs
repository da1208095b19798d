//! The reader and `brief render`: the config in force, the theme, the
//! briefing loaded (or its preview while it loads), then the interactive
//! loop or one frame drawn off-screen. Both go through the same setup so
//! that a frame `render` prints is the one the reader shows.
//!
//! Owns putting the command line, the config file and the environment
//! together; must not decide what a key does or read files except through
//! the loader.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::check::{exit_status_of, write_diagnostics};
use super::{EXIT_ERRORS, EXIT_IO};
use crate::config::{self, Config, Environment, Request};
use crate::controller::{self, Setup, State};
use crate::loader::{self, FileSystem, Loaded, OpenOptions, SourceReader};
use crate::model::Briefing;
use crate::terminal::{self, CopyTarget, Ending};
use crate::theme::{self, Theme};
use crate::{sanitize, ui};

/// What the command line asks of the reader or a render, before the
/// config file has a say.
pub struct Options<'a> {
    /// `--theme`.
    pub theme: Option<String>,
    /// `--mouse`.
    pub mouse: bool,
    /// `--plain`, `--from`, `--text`, `--offset-unit`, `--group-by`.
    pub open: &'a OpenOptions,
    /// `--clipboard` or `--copy-to`.
    pub copy: Option<CopyTarget>,
    /// `--config`, `--no-config` or neither.
    pub request: &'a Request,
    /// `--review`, `--reviewer`, `--read-only`: the reader's only.
    pub review: Option<&'a crate::review::open::Request>,
}

/// The command line and the config file together: flags win.
pub(super) struct Settled {
    pub(super) config: Config,
    pub(super) theme: Option<String>,
    pub(super) mouse: bool,
    pub(super) copy: CopyTarget,
}

/// Reads the config in force and settles it with the flags; a config with
/// any error is printed whole and nothing starts.
pub(super) fn settle(options: &Options<'_>) -> Result<Settled, ExitCode> {
    let environment = Environment::from_process();
    let config = config::load(options.request, &environment, &FileSystem).map_err(|problems| {
        let mut stderr = std::io::stderr().lock();
        let errors = write_diagnostics(&mut stderr, &problems).unwrap_or_default();
        let _ = writeln!(
            stderr,
            "brief: {errors} in the configuration, so brief did not start; fix it, or run with --no-config"
        );
        ExitCode::from(EXIT_IO)
    })?;
    let theme = match &options.theme {
        Some(requested) => Some(flag_theme(requested, &environment)),
        None => config.theme.clone(),
    };
    let copy = match (&options.copy, config.clipboard) {
        (Some(copy), _) => copy.clone(),
        (None, true) => CopyTarget::Clipboard,
        (None, false) => CopyTarget::Off,
    };
    Ok(Settled {
        mouse: options.mouse || config.mouse,
        theme,
        copy,
        config,
    })
}

/// `--theme NAME` finds `NAME.toml` in the themes folder when it is not a
/// built-in theme; anything else is a built-in name or a path as given.
fn flag_theme(requested: &str, environment: &Environment) -> String {
    let built_in = theme::BUILT_IN.iter().any(|t| t.name == requested);
    if built_in || !config::is_theme_name(requested) {
        return requested.to_string();
    }
    let themes = config::themes_dir(environment);
    config::named_theme(requested, themes.as_deref(), &|path| {
        FileSystem.exists(path)
    })
    .map_or_else(|| requested.to_string(), |path| path.display().to_string())
}

/// The review request with the config's `reviewer` and `reviews` where
/// the flags give none.
fn with_config(
    request: &crate::review::open::Request,
    config: &Config,
) -> crate::review::open::Request {
    crate::review::open::Request {
        reviewer: request.reviewer.clone().or_else(|| config.reviewer.clone()),
        folder: request.folder.clone().or_else(|| config.reviews.clone()),
        ..request.clone()
    }
}

/// The reader's setup from the settled options (no review yet).
pub(super) fn setup(settled: &Settled, loading: Option<String>) -> Setup {
    Setup {
        mouse: settled.mouse,
        loading,
        measure: Some(settled.config.measure),
        widen_sides: settled.config.widen_sides,
        review: None,
    }
}

/// Loads a briefing, printing its diagnostics to stderr; `Err` holds the
/// exit status when it cannot be opened.
pub(super) fn load_for_reading(
    file: Option<&Path>,
    open: &OpenOptions,
) -> Result<Briefing, ExitCode> {
    let loaded = match file {
        Some(path) => loader::open_with(path, open, &FileSystem),
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

pub(super) fn choose_theme(requested: Option<&str>) -> Result<Theme, ExitCode> {
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
    open: &OpenOptions,
) -> Result<(Briefing, Theme), ExitCode> {
    Ok((load_for_reading(file, open)?, choose_theme(theme)?))
}

/// Opens the interactive reader on a briefing, the config already read
/// (`cli::library::open_reader` decides between a folder and a briefing).
/// A briefing with annotations, or a large text alone, opens on a preview
/// of its start while the whole of it loads on another thread.
pub(super) fn open_settled(
    file: Option<&Path>,
    settled: Settled,
    options: &Options<'_>,
) -> ExitCode {
    let theme = settled.theme.as_deref();
    let open = options.open;
    // Keys come from the terminal, not stdin: crossterm reads /dev/tty when
    // stdin is not one, so `brief -` needs only stdout to be a terminal.
    let piped = file.is_some_and(loader::is_standard_input);
    let interactive = (piped || std::io::stdin().is_terminal()) && std::io::stdout().is_terminal();
    // Lay the article out at the terminal's real size from the start: a
    // guess (80x24) would wrap the first screen twice. Asking the size
    // writes nothing to the terminal; without one, crossterm would start
    // `tput` to guess, for a reader that is not going to start.
    let (width, height) = if interactive {
        ratatui::crossterm::terminal::size().unwrap_or((80, 24))
    } else {
        (80, 24)
    };
    // A preview reads the file the usual way: not with other options.
    let bytes = loader::preview_bytes(width, height);
    let preview = match file {
        _ if !interactive || !open.is_default() => None,
        Some(path) => loader::preview(path, bytes),
        None => Some(loader::preview_bundled(bytes)),
    };
    let (briefing, theme, pending) = match preview {
        Some(preview) => {
            let theme = match choose_theme(theme) {
                Ok(theme) => theme,
                Err(status) => return status,
            };
            let start: terminal::StartLoad = match file {
                Some(path) => {
                    let path = path.to_path_buf();
                    Box::new(move |nudge| {
                        load_in_background(move || loader::load(&path, &FileSystem), nudge)
                    })
                }
                None => Box::new(|nudge| load_in_background(loader::load_bundled, nudge)),
            };
            (preview, theme, Some(start))
        }
        None => match prepare(file, theme, open) {
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
    let loading = pending.as_ref().map(|_| match file {
        Some(path) => path.display().to_string(),
        None => "the bundled briefing".to_string(),
    });
    let (review, saver) = match options.review {
        Some(request) => match open_review(file, &briefing, &with_config(request, &settled.config))
        {
            Ok(opened) => opened,
            Err(status) => return status,
        },
        None => (None, None),
    };
    let setup = Setup {
        review,
        ..setup(&settled, loading)
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
    let state = State::with_setup(briefing, settled.config.keymap, width, height, setup);
    let outside = terminal::Outside {
        copy: settled.copy,
        watched,
        // Standard input cannot be read again.
        saver: terminal::ReviewWriter::new(saver),
        reload: reloadable.map(|path| {
            let path = path.to_path_buf();
            let open = open.clone();
            Box::new(move || loader::open_with(&path, &open, &FileSystem))
                as Box<dyn Fn() -> Loaded>
        }),
        counter: Default::default(),
        library: Default::default(),
    };
    exit_status(terminal::run(state, &theme, pending, &outside))
}

/// The exit status for how the reader ended, after printing what a failed
/// load found.
pub(super) fn exit_status(ended: std::io::Result<Ending>) -> ExitCode {
    match ended {
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
        Option<crate::review::open::ReadySaver>,
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

/// How long the full load waits after the first frame is sent. Started at
/// once, its three busy threads took both cores from the terminal while
/// it was still reading the frame: the whole first screen of a previewed
/// briefing came 0.4-0.5 ms later (1.43-1.51x `less` against 1.30-1.38x,
/// `scripts/bench-startup --compare`, docs/PERFORMANCE.md). The load, a
/// few hundred milliseconds at 10 MB, hardly notices.
const LOAD_AFTER_FIRST_FRAME: Duration = Duration::from_millis(3);

/// Runs `load` on a thread of its own; the result arrives on the channel,
/// and `nudge` wakes the event loop to take it.
fn load_in_background(
    load: impl FnOnce() -> Loaded + Clone + Send + 'static,
    nudge: terminal::Nudge,
) -> Receiver<Loaded> {
    let (sender, receiver) = mpsc::channel();
    let background = sender.clone();
    let here = load.clone();
    let spawned = std::thread::Builder::new()
        .name("loader".to_string())
        .spawn(move || {
            std::thread::sleep(LOAD_AFTER_FIRST_FRAME);
            // The reader may have quit already; then nobody is listening.
            let _ = background.send(load());
            nudge.nudge();
        });
    if spawned.is_err() {
        // No thread to be had: load here, before the first frame.
        let _ = sender.send(here());
    }
    receiver
}

/// `brief render` of a briefing: one frame, drawn off-screen, printed,
/// with the config in force (its keys, measure and theme), as the reader
/// would draw it.
pub(super) fn render_settled(
    file: Option<&Path>,
    (width, height): (u16, u16),
    keys: &str,
    color: bool,
    options: &Options<'_>,
    settled: Settled,
) -> ExitCode {
    let (briefing, theme) = match prepare(file, settled.theme.as_deref(), options.open) {
        Ok(prepared) => prepared,
        Err(status) => return status,
    };
    let setup = setup(&settled, None);
    let mut state = State::with_setup(briefing, settled.config.keymap, width, height, setup);
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
