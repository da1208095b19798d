//! `brief config`: `--default` prints the complete default config file,
//! `--check [PATH]` checks one (the one in force when no path is given)
//! and prints every problem as `brief check` does, and with neither flag it
//! says which config file is in force.
//!
//! Owns this command's output; reads the config only through `config`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::check::write_diagnostics;
use super::{EXIT_ERRORS, EXIT_IO};
use crate::config::{self, Environment, Located, Request};
use crate::controller::Keymap;
use crate::loader::FileSystem;
use crate::sanitize;

pub(super) fn run(default: bool, check: Option<Option<&Path>>, request: &Request) -> ExitCode {
    let environment = Environment::from_process();
    if default {
        return match Keymap::embedded() {
            Ok(keymap) => {
                print!("{}", config::default_config(&keymap));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("brief: internal error: the built-in keymap: {error}");
                ExitCode::from(EXIT_IO)
            }
        };
    }
    let located = match check {
        Some(Some(path)) => Located::File(path.to_path_buf()),
        _ => config::locate(request, &environment),
    };
    let path = match located {
        Located::File(path) => path,
        Located::Absent { looked } => {
            let looked = looked.map_or_else(
                || "HOME is not set".to_string(),
                |path| format!("looked for {}", path.display()),
            );
            println!(
                "no config file ({}); every setting and key is at its default",
                sanitize::line(&looked)
            );
            return ExitCode::SUCCESS;
        }
        Located::Ignored => {
            println!("--no-config: no config file is read");
            return ExitCode::SUCCESS;
        }
    };
    let shown = path.display().to_string();
    if check.is_none() {
        println!("{}", sanitize::line(&shown));
        return ExitCode::SUCCESS;
    }
    let mut stdout = std::io::stdout().lock();
    match config::load_file(&path, &environment, &FileSystem) {
        Ok(_) => {
            let _ = writeln!(
                stdout,
                "{}: the configuration is valid",
                sanitize::line(&shown)
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let errors = write_diagnostics(&mut stdout, &problems).unwrap_or_default();
            let _ = writeln!(stdout, "{}: {errors}", sanitize::line(&shown));
            let unreadable = problems
                .iter()
                .any(|d| matches!(d.code, "io" | "too-large"));
            ExitCode::from(if unreadable { EXIT_IO } else { EXIT_ERRORS })
        }
    }
}
