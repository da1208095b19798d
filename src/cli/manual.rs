//! `brief man` and `brief completions SHELL`: the manual page and the
//! completion scripts, both made from the clap definition in `cli.rs`
//! (`clap_mangen`, `clap_complete`) so they cannot drift from the
//! options. The manual page adds what clap does not know: each command's
//! options, the key table from the embedded keymap, the exit status, the
//! files read and written, and the environment.
//!
//! Owns the manual page's own sections; prints to stdout only.

use std::io::Write;
use std::process::ExitCode;

use clap_complete::Shell;
use clap_mangen::Man;
use roff::{Roff, bold, italic, roman};

use super::{EXIT_IO, command};
use crate::controller::keymap::Context;
use crate::controller::{Keymap, keys::format_sequence};

pub(super) fn man() -> ExitCode {
    match manual_page() {
        Ok(page) => print_all(page.as_bytes()),
        Err(error) => {
            eprintln!("brief: {error}");
            ExitCode::from(EXIT_IO)
        }
    }
}

pub(super) fn completions(shell: Shell) -> ExitCode {
    print_all(&completion_script(shell))
}

/// Writes everything or nothing more: a closed pipe (`brief man | head`)
/// is not an error worth a panic.
fn print_all(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
    ExitCode::SUCCESS
}

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "brief", &mut script);
    script
}

/// The whole manual page, in roff.
pub fn manual_page() -> Result<String, String> {
    let cli = command().bin_name("brief");
    let man = Man::new(cli.clone());
    let mut page = Vec::new();
    let io = |error: std::io::Error| error.to_string();
    man.render_title(&mut page).map_err(io)?;
    man.render_name_section(&mut page).map_err(io)?;
    man.render_synopsis_section(&mut page).map_err(io)?;
    man.render_description_section(&mut page).map_err(io)?;
    man.render_options_section(&mut page).map_err(io)?;
    let mut page = String::from_utf8(page).map_err(|error| error.to_string())?;
    page.push_str(&commands_section(&cli)?);
    let keymap = Keymap::embedded().map_err(|error| format!("the built-in keymap: {error}"))?;
    page.push_str(&keys_section(&keymap));
    page.push_str(&closing_sections());
    Ok(preamble_once(&page))
}

/// Every roff render starts with the same two lines defining the
/// apostrophe string; one definition, at the top, is enough.
fn preamble_once(page: &str) -> String {
    let preamble = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(page.len());
    for line in page.lines() {
        if preamble.contains(&line) {
            if seen.contains(&line) {
                continue;
            }
            seen.push(line);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Each command with its synopsis and options, as clap_mangen renders a
/// page's, under a subsection of its own.
fn commands_section(cli: &clap::Command) -> Result<String, String> {
    let mut section = Roff::new();
    section.control("SH", ["COMMANDS"]);
    section.text([roman(
        "Without a command, brief opens the reader. The options --theme, --plain, \
         --config and --no-config apply to every command.",
    )]);
    let mut out = section.render();
    for (name, sub) in leaf_commands(cli, "brief") {
        let man = Man::new(sub.clone().bin_name(name.clone()));
        let mut heading = Roff::new();
        heading.control("SS", [name.as_str()]);
        if let Some(about) = sub.get_about() {
            heading.text([roman(about.to_string())]);
            heading.control("PP", []);
        }
        out.push_str(&heading.render());
        for part in [Part::Synopsis, Part::Options] {
            let mut rendered = Vec::new();
            let result = match part {
                Part::Synopsis => man.render_synopsis_section(&mut rendered),
                Part::Options => man.render_options_section(&mut rendered),
            };
            result.map_err(|error| error.to_string())?;
            let text = String::from_utf8(rendered).map_err(|error| error.to_string())?;
            // The page's own `.SH` headings would end the subsection.
            for line in text.lines().filter(|line| !line.starts_with(".SH")) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// Every command that does something, with its full name: `brief check`,
/// and for a group such as `brief review`, each of its own commands
/// (`brief review export`).
pub fn leaf_commands(command: &clap::Command, prefix: &str) -> Vec<(String, clap::Command)> {
    let mut leaves = Vec::new();
    for sub in command.get_subcommands() {
        let name = format!("{prefix} {}", sub.get_name());
        if sub.has_subcommands() {
            leaves.extend(leaf_commands(sub, &name));
        } else {
            leaves.push((name, sub.clone()));
        }
    }
    leaves
}

enum Part {
    Synopsis,
    Options,
}

/// The key table, from the keymap: every binding under where it applies.
fn keys_section(keymap: &Keymap) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The default keys, from the keymap built into brief; a config file can change \
         them (see brief config --default). A number before a key is its count: 5j, \
         3]m, 40%, 21G. Inside the reader, ? shows the keys in force.",
    )]);
    for context in Context::ALL {
        roff.control("SS", [context.label()]);
        for binding in keymap.bindings().iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding
                .sequences
                .iter()
                .map(|keys| format_sequence(keys))
                .collect();
            let fixed = if binding.fixed { " (fixed)" } else { "" };
            roff.control("TP", []);
            roff.text([bold(keys.join(", "))]);
            roff.text([roman(format!("{}{fixed}", binding.action.description()))]);
        }
    }
    roff.render()
}

/// Exit status, files, environment, and where to read on.
fn closing_sections() -> String {
    let mut roff = Roff::new();
    let entry = |roff: &mut Roff, term: &str, text: &str| {
        roff.control("TP", []);
        roff.text([bold(term)]);
        roff.text([roman(text)]);
    };
    roff.control("SH", ["EXIT STATUS"]);
    entry(
        &mut roff,
        "0",
        "Success: the reader was quit, or nothing checked has an error.",
    );
    entry(
        &mut roff,
        "1",
        "brief check found errors in a briefing, brief config --check in a config file, \
         or the reader could not open a briefing because of its errors.",
    );
    entry(
        &mut roff,
        "2",
        "A usage error, a file that cannot be read, no terminal for the reader, or a \
         config file with errors (the reader does not start with one).",
    );
    entry(
        &mut roff,
        "128+N",
        "The reader ended on signal N (SIGHUP, SIGTERM, SIGINT, SIGQUIT), the terminal \
         given back first.",
    );
    roff.control("SH", ["FILES"]);
    entry(
        &mut roff,
        "$XDG_CONFIG_HOME/brief/config.toml",
        "The config file (~/.config/brief/config.toml when XDG_CONFIG_HOME is not set). \
         Read by the reader, brief render and brief config --check.",
    );
    entry(
        &mut roff,
        "$XDG_CONFIG_HOME/brief/themes/NAME.toml",
        "Themes found by name, for --theme NAME or theme = \"NAME\".",
    );
    entry(
        &mut roff,
        "BRIEFING.toml, BRIEFING.md, BRIEFING.txt",
        "The briefing read: an annotation file and its text. brief never writes to them.",
    );
    entry(
        &mut roff,
        "BRIEFING.review.toml",
        "The review, beside the annotation file, or under \
         $XDG_STATE_HOME/brief/reviews/ (~/.local/state/brief/reviews/) where that folder \
         cannot be written; --review PATH names another. Written only after the first \
         review action, never with --read-only.",
    );
    entry(
        &mut roff,
        "--copy-to FILE",
        "Each quotation y copies, appended on a line of its own.",
    );
    roff.control("SH", ["ENVIRONMENT"]);
    entry(
        &mut roff,
        "BRIEF_CONFIG",
        "The config file to read, unless --config or --no-config is given.",
    );
    entry(
        &mut roff,
        "XDG_CONFIG_HOME",
        "Where the brief folder of config and themes is (if absolute).",
    );
    entry(
        &mut roff,
        "HOME",
        "~/.config when XDG_CONFIG_HOME is not set, and ~/ in config paths.",
    );
    entry(
        &mut roff,
        "XDG_STATE_HOME",
        "Where reviews go when they cannot go beside the briefing (if set).",
    );
    entry(
        &mut roff,
        "USER, LOGNAME",
        "The reviewer's name when --reviewer does not give one.",
    );
    entry(
        &mut roff,
        "NO_COLOR",
        "When set and not empty, the mono theme is the default.",
    );
    entry(
        &mut roff,
        "COLORTERM",
        "truecolor or 24bit: themes use their 24-bit colours.",
    );
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        roman("The annotation format: "),
        italic("docs/FORMAT.md"),
        roman("; installing on a machine without network: "),
        italic("docs/INSTALL.md"),
        roman(", in the source."),
    ]);
    roff.render()
}
