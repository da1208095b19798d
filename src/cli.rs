//! The command line: `brief [FILE]` opens the reader, `brief check`
//! reports problems, `brief render` draws one frame as text, `brief config`
//! prints or checks the configuration, `brief man` and `brief completions`
//! print the manual page and shell completions made from this definition,
//! `brief review export` prints a review's report.
//!
//! Owns argument parsing, exit codes and everything printed outside the
//! reader; the work of each command is in `cli/`. It reads briefings,
//! themes and the config only through the loader's guarded reading, and
//! prints only sanitised text.

mod check;
mod check_review;
mod common_case;
mod config_command;
mod convert;
mod fix;
mod library;
mod manual;
mod open_args;
mod read;
mod review_command;

pub use manual::{completion_script, leaf_commands, manual_page};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::config::Request;
use crate::sanitize;

pub use read::frame_text;

/// What `brief --help` and the manual page say `brief` is.
const LONG_ABOUT: &str = "\
Read annotated briefings in the terminal, offline.

A briefing is a text (Markdown or plain) with a TOML annotation file that \
names the people, organisations, places and events in it, where each is \
mentioned, how they relate, a timeline of dated events and the analyst's \
notes. brief shows the text with every mention coloured by its kind, an \
entity sidebar and the timeline, and checks annotation files with \
positions for every problem. It has no network code.";

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Read annotated briefings in the terminal, offline.",
    long_about = LONG_ABOUT
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Briefing to open: an annotation file (.toml), or a text (.md, .txt)
    /// with or without a sibling .toml; `-` reads a text from standard
    /// input. Without one, the bundled example.
    pub file: Option<PathBuf>,
    /// Colour theme: dark, light, high-contrast, mono, the name of a theme
    /// in the config folder's themes/, or a theme file.
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
    /// Read the file as this format, whatever its name and content.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub from: Option<open_args::FromArg>,
    /// The text the annotations are on, instead of the one they name (a
    /// TOML's `text`, a W3C target's `source`, brat's NAME.txt).
    #[arg(long, global = true, value_name = "FILE")]
    pub text: Option<PathBuf>,
    /// What the offsets count, instead of the format's own unit. Spans
    /// that carry their text are still checked against it.
    #[arg(long, global = true, value_enum, value_name = "UNIT")]
    pub offset_unit: Option<open_args::UnitArg>,
    /// How annotations with no identity of their own (no brat `N` link or
    /// `Equiv`) become entities.
    #[arg(long, global = true, value_enum, default_value_t = open_args::GroupArg::Text)]
    pub group_by: open_args::GroupArg,
    /// Find imported entities' names in the text too, as a TOML's entities
    /// are (off for brat, W3C and JSON files: they say where each mention is).
    #[arg(long, global = true)]
    pub match_names: bool,
    /// Read this config file instead of $BRIEF_CONFIG or
    /// $XDG_CONFIG_HOME/brief/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Read no config file: every setting and key at its default.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
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
        /// Fail (exit 1) on any warning too, for pipelines.
        #[arg(long)]
        deny_warnings: bool,
        /// `-D warnings`: the same as --deny-warnings.
        #[arg(short = 'D', value_enum, value_name = "WARNINGS")]
        deny: Option<Deny>,
        /// Rewrite drifted offsets to where the quote was found and trim
        /// whitespace from offsets, keeping comments and layout, and print
        /// the diff; `--fix=offsets` also writes offsets into quote-only
        /// selectors. Never changes a quote, nor anything ambiguous.
        #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "stale", value_name = "WHAT")]
        fix: Option<FixWhat>,
        /// With --fix: print the diff and write nothing.
        #[arg(long, requires = "fix")]
        dry_run: bool,
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
    /// Print the complete default config file, or check one; with neither
    /// flag, say which config file is in force.
    Config {
        /// Print the complete default config file, with comments.
        #[arg(long, conflicts_with = "check")]
        default: bool,
        /// Check a config file (default: the one in force) and print every
        /// problem, with positions.
        #[arg(long, value_name = "PATH", num_args = 0..=1)]
        check: Option<Option<PathBuf>>,
    },
    /// Print the manual page (roff), e.g. for man1/brief.1.
    Man,
    /// Print a shell completion script.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Reviews: reports of a briefing's review for its author.
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Write a briefing as the loader resolved it, for other programs:
    /// `--to json` lists every mention, relation, event and note with its
    /// passage in code points, UTF-16 units and bytes, and the text it
    /// covers; `--to brat -o NAME.ann` writes brat standoff (NAME.ann and
    /// NAME.txt); `--to w3c` a W3C Web Annotation collection; `--to toml`
    /// brief's own annotation file (from a brat, W3C or JSON file too).
    Convert {
        /// The briefing (its annotation file, or its text).
        file: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        to: ConvertTo,
        /// Where to write it (default: standard output).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ConvertTo {
    /// The span dump (JSON).
    Json,
    /// brat standoff: -o NAME.ann, with NAME.txt beside it.
    Brat,
    /// A W3C Web Annotation collection (JSON-LD), quote and position
    /// selectors on the text file.
    W3c,
    /// brief's own annotation file: every mention written out, quote and
    /// offsets, automatic matching off.
    Toml,
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
    /// Fold the review's disputed and wrong verdicts into a copy of the
    /// annotation file as analyst notes on their passages, keeping the
    /// author's comments, order and formatting: NAME.reviewed.toml beside
    /// it, or -o OUT; --in-place writes over it and keeps NAME.toml.bak.
    Apply {
        /// The briefing (its annotation file, or its text).
        file: PathBuf,
        /// Where to write the folded annotation file.
        #[arg(short, long, value_name = "OUT", conflicts_with = "in_place")]
        output: Option<PathBuf>,
        /// Write over the annotation file, keeping the old one as .bak.
        #[arg(long)]
        in_place: bool,
        /// The review file, when it is not in the usual places.
        #[arg(long, value_name = "PATH")]
        review: Option<PathBuf>,
    },
}

/// What `-D` denies: only warnings so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

/// What `brief check --fix` rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FixWhat {
    /// Offsets that drifted or take in whitespace.
    Stale,
    /// Those, and offsets for every quote-only selector.
    Offsets,
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

/// Exit status: 0 all good, 1 a briefing (or the config checked) has
/// errors, 2 usage, I/O, or a config that stops the reader.
const EXIT_ERRORS: u8 = 1;
const EXIT_IO: u8 = 2;

/// The command line's definition, as `brief man` and `brief completions`
/// describe it.
pub fn command() -> clap::Command {
    Cli::command()
}

pub fn run() -> ExitCode {
    // clap would print a bad argument as given, escape sequences and all
    // (a hostile file name from a shell glob); its text goes through the
    // sanitiser like everything else.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = common_case::reader_only(&args).map_or_else(|| Cli::try_parse_from(args), Ok);
    let cli = match parsed {
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
    let request = match (&cli.config, cli.no_config) {
        (_, true) => Request::Ignore,
        (Some(path), false) => Request::Path(path.clone()),
        (None, false) => Request::Usual,
    };
    let open = open_args::open_options(
        cli.plain,
        cli.from,
        cli.text.clone(),
        cli.offset_unit,
        cli.group_by,
        cli.match_names,
    );
    match cli.command {
        Some(Command::Check {
            format,
            files,
            deny_warnings,
            deny,
            fix,
            dry_run,
        }) => {
            let deny_warnings = deny_warnings || deny == Some(Deny::Warnings);
            match fix {
                Some(what) => fix::fix(&files, what, dry_run, &open),
                None => check::check(&files, format, &open, deny_warnings),
            }
        }
        Some(Command::Render {
            file,
            size,
            keys,
            color,
        }) => library::render_frame(
            file.as_deref(),
            size,
            &keys,
            color,
            &read::Options {
                theme: cli.theme,
                mouse: false,
                open: &open,
                copy: None,
                request: &request,
                review: None,
            },
        ),
        Some(Command::Config { default, check }) => {
            config_command::run(default, check.as_ref().map(Option::as_deref), &request)
        }
        Some(Command::Man) => manual::man(),
        Some(Command::Convert { file, to, output }) => {
            convert::convert(&file, to, output.as_deref(), &open)
        }
        Some(Command::Completions { shell }) => manual::completions(shell),
        Some(Command::Review(ReviewCommand::Export {
            file,
            format,
            review,
        })) => review_command::export_review(&file, format, review.as_deref(), &request, &open),
        Some(Command::Review(ReviewCommand::Apply {
            file,
            output,
            in_place,
            review,
        })) => review_command::apply_review(
            &file,
            review.as_deref(),
            &review_command::ApplyTo {
                output: output.as_deref(),
                in_place,
            },
            &request,
            &open,
        ),
        None => {
            let copy = match (cli.clipboard, cli.copy_to) {
                (true, _) => Some(crate::terminal::CopyTarget::Clipboard),
                (false, Some(path)) => Some(crate::terminal::CopyTarget::File(path)),
                (false, None) => None,
            };
            let review = crate::review::open::Request {
                path: cli.review,
                reviewer: cli.reviewer,
                read_only: cli.read_only,
                folder: None,
            };
            library::open_reader(
                cli.file.as_deref(),
                &read::Options {
                    theme: cli.theme,
                    mouse: cli.mouse,
                    open: &open,
                    copy,
                    request: &request,
                    review: Some(&review),
                },
            )
        }
    }
}
