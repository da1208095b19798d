//! Where the config file and named themes are: `--config PATH`, else
//! `$BRIEF_CONFIG`, else `$XDG_CONFIG_HOME/brief/config.toml` (with
//! `~/.config` when `XDG_CONFIG_HOME` is unset or not absolute), else
//! none; `--no-config` ignores them all. Theme files are found by name in
//! the `themes` folder beside the config file's usual place.
//!
//! Owns the search order only: it reads the environment it is handed
//! (never the process's own, so tests need not change it) and looks at
//! the file system only to see whether the usual file is there.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variables the search reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `BRIEF_CONFIG`: the config file's path, when set and not empty.
    pub brief_config: Option<PathBuf>,
    /// `XDG_CONFIG_HOME`, when absolute (the XDG rule: a relative one is
    /// ignored).
    pub xdg_config_home: Option<PathBuf>,
    /// `HOME`.
    pub home: Option<PathBuf>,
}

impl Environment {
    /// The process's environment.
    pub fn from_process() -> Environment {
        Environment::from_variables(|name| std::env::var_os(name))
    }

    /// The environment `variable` describes (a variable set to nothing
    /// counts as unset).
    pub fn from_variables(variable: impl Fn(&str) -> Option<OsString>) -> Environment {
        let path = |name: &str| {
            variable(name)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        };
        Environment {
            brief_config: path("BRIEF_CONFIG"),
            xdg_config_home: path("XDG_CONFIG_HOME").filter(|p| p.is_absolute()),
            home: path("HOME"),
        }
    }
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `--config PATH`.
    Path(PathBuf),
    /// Neither flag: the usual search.
    Usual,
    /// `--no-config`.
    Ignore,
}

/// Where the config comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// This file: named (it must then be there) or found.
    File(PathBuf),
    /// No file: the usual place, which holds none.
    Absent { looked: Option<PathBuf> },
    /// `--no-config`.
    Ignored,
}

/// `brief`'s folder in the user's config folder.
fn brief_dir(environment: &Environment) -> Option<PathBuf> {
    let base = environment
        .xdg_config_home
        .clone()
        .or_else(|| environment.home.as_ref().map(|home| home.join(".config")))?;
    Some(base.join("brief"))
}

/// The config file's usual place.
pub fn usual_path(environment: &Environment) -> Option<PathBuf> {
    brief_dir(environment).map(|dir| dir.join("config.toml"))
}

/// Where theme files are found by name (`NAME.toml`).
pub fn themes_dir(environment: &Environment) -> Option<PathBuf> {
    brief_dir(environment).map(|dir| dir.join("themes"))
}

/// The config file `request` means. A named file (`--config`,
/// `$BRIEF_CONFIG`) is returned whether or not it is there, so that
/// reading it says what is wrong; the usual place only when something is
/// there.
pub fn locate(request: &Request, environment: &Environment) -> Located {
    match request {
        Request::Ignore => Located::Ignored,
        Request::Path(path) => Located::File(path.clone()),
        Request::Usual => match &environment.brief_config {
            Some(path) => Located::File(path.clone()),
            None => {
                let usual = usual_path(environment);
                match usual {
                    Some(path) if exists(&path) => Located::File(path),
                    looked => Located::Absent { looked },
                }
            }
        },
    }
}

/// Whether anything is at `path` (a directory there is then reported by
/// the guarded read, rather than silently skipped).
fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment(pairs: &[(&str, &str)]) -> Environment {
        Environment::from_variables(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        })
    }

    #[test]
    fn the_search_order_is_flag_variable_then_usual_place() {
        let none = environment(&[("HOME", "/nonexistent-home")]);
        assert_eq!(
            locate(&Request::Path("/etc/x.toml".into()), &none),
            Located::File("/etc/x.toml".into())
        );
        assert_eq!(locate(&Request::Ignore, &none), Located::Ignored);
        assert_eq!(
            locate(&Request::Usual, &none),
            Located::Absent {
                looked: Some("/nonexistent-home/.config/brief/config.toml".into())
            }
        );
        let named = environment(&[("BRIEF_CONFIG", "/b.toml"), ("HOME", "/h")]);
        assert_eq!(
            locate(&Request::Usual, &named),
            Located::File("/b.toml".into())
        );
        // --config wins over the variable.
        assert_eq!(
            locate(&Request::Path("/c.toml".into()), &named),
            Located::File("/c.toml".into())
        );
    }

    #[test]
    fn xdg_config_home_counts_only_when_absolute_and_set() {
        let xdg = environment(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]);
        assert_eq!(themes_dir(&xdg), Some("/x/brief/themes".into()));
        let relative = environment(&[("XDG_CONFIG_HOME", "x"), ("HOME", "/h")]);
        assert_eq!(
            themes_dir(&relative),
            Some("/h/.config/brief/themes".into())
        );
        let empty = environment(&[("XDG_CONFIG_HOME", ""), ("BRIEF_CONFIG", "")]);
        assert_eq!(empty, Environment::default());
        assert_eq!(usual_path(&empty), None);
    }
}
