//! Themes: semantic roles (text, headings, each entity kind, focus, search
//! matches, note kinds, borders, banner...) mapped to terminal styles.
//!
//! Themes are TOML files in `themes/`, embedded in the binary; `--theme`
//! takes a built-in name or a path. The built-ins use the 16 standard
//! colours; a theme's `[truecolor]` table applies only where `COLORTERM`
//! says the terminal has 24-bit colour. With `NO_COLOR` set, `mono` is used:
//! emphasis by bold, underline and reverse only.
//!
//! This module turns files into styles; it draws nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::model::NoteKind;
use crate::sanitize;

/// A theme embedded in the binary: its TOML file as written, and the JSON
/// `build.rs` makes of it, which is what start-up reads (a tenth of the
/// time of the TOML).
pub struct BuiltIn {
    pub name: &'static str,
    pub toml: &'static str,
    json: &'static str,
}

macro_rules! built_in {
    ($name:literal) => {
        BuiltIn {
            name: $name,
            toml: include_str!(concat!("../themes/", $name, ".toml")),
            json: include_str!(concat!(env!("OUT_DIR"), "/theme-", $name, ".json")),
        }
    };
}

/// The built-in themes.
pub const BUILT_IN: [BuiltIn; 4] = [
    built_in!("dark"),
    built_in!("light"),
    built_in!("high-contrast"),
    built_in!("mono"),
];

/// Every role a theme must define.
pub const ROLES: [&str; 36] = [
    "text",
    "heading",
    "title",
    "caption",
    "quote",
    "list_marker",
    "code",
    "bottom_line",
    "bottom_line_marker",
    "link",
    "border",
    "border_focused",
    "banner",
    "status",
    "message",
    "prompt",
    "hint_key",
    "hint_label",
    "muted",
    "selection",
    "selection_unfocused",
    "list_heading",
    "focused_mention",
    "nested_mention",
    "search_match",
    "search_current",
    "note_comment",
    "note_unverified",
    "note_disputed",
    "note_error",
    "note_gap",
    "on_screen",
    "tab",
    "tab_active",
    "overlay",
    "marker",
];

/// Entity kinds with their own role; other kinds use `other_kind`.
const KIND_ROLES: [&str; 7] = [
    "person",
    "organization",
    "place",
    "facility",
    "event",
    "group",
    "other",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: String,
    roles: BTreeMap<String, RawStyle>,
    #[serde(default)]
    truecolor: BTreeMap<String, RawStyle>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    styles: BTreeMap<String, Style>,
}

impl Theme {
    /// Parses a theme. `truecolor` says whether the terminal shows 24-bit
    /// colour (then the theme's `[truecolor]` table applies).
    pub fn parse(source: &str, truecolor: bool) -> Result<Self, String> {
        Self::from_raw(
            toml::from_str(source).map_err(|e| e.to_string())?,
            truecolor,
        )
    }

    fn from_raw(raw: RawTheme, truecolor: bool) -> Result<Self, String> {
        let mut styles = BTreeMap::new();
        for (role, style) in &raw.roles {
            styles.insert(role.clone(), convert(role, style)?);
        }
        if truecolor {
            for (role, style) in &raw.truecolor {
                styles.insert(role.clone(), convert(role, style)?);
            }
        }
        for role in ROLES.iter().chain(&KIND_ROLES).chain(&["other_kind"]) {
            if !styles.contains_key(*role) {
                return Err(format!(
                    "theme \"{}\" does not define the role `{role}`",
                    raw.name
                ));
            }
        }
        Ok(Self {
            name: raw.name,
            styles,
        })
    }

    pub fn built_in(name: &str, truecolor: bool) -> Option<Self> {
        let built_in = BUILT_IN.iter().find(|built_in| built_in.name == name)?;
        let raw = serde_json::from_str(built_in.json).ok()?;
        Self::from_raw(raw, truecolor).ok()
    }

    /// The theme for the environment: `--theme` (a built-in name or a
    /// path), `mono` under `NO_COLOR`, else `dark`.
    pub fn choose(
        requested: Option<&str>,
        no_color: bool,
        truecolor: bool,
    ) -> Result<Self, String> {
        match requested {
            Some(name) if BUILT_IN.iter().any(|built_in| built_in.name == name) => {
                Self::built_in(name, truecolor)
                    .ok_or_else(|| format!("built-in theme {name} is broken"))
            }
            Some(path) => {
                let source = std::fs::read_to_string(Path::new(path)).map_err(|error| {
                    format!(
                        "cannot read theme {}: {error} (built-in themes: {})",
                        sanitize::line(path),
                        BUILT_IN.map(|built_in| built_in.name).join(", ")
                    )
                })?;
                Self::parse(&source, truecolor)
                    .map_err(|e| format!("theme {}: {}", sanitize::line(path), sanitize::line(&e)))
            }
            None if no_color => {
                Self::built_in("mono", false).ok_or_else(|| "mono theme is broken".to_string())
            }
            None => {
                Self::built_in("dark", truecolor).ok_or_else(|| "dark theme is broken".to_string())
            }
        }
    }

    /// The style of a role (plain if the role is unknown).
    pub fn style(&self, role: &str) -> Style {
        self.styles.get(role).copied().unwrap_or_default()
    }

    /// The colour role of an entity kind.
    pub fn kind(&self, kind: &str) -> Style {
        if KIND_ROLES.contains(&kind) {
            self.style(kind)
        } else {
            self.style("other_kind")
        }
    }

    pub fn note(&self, kind: NoteKind) -> Style {
        self.style(match kind {
            NoteKind::Comment => "note_comment",
            NoteKind::Unverified => "note_unverified",
            NoteKind::Disputed => "note_disputed",
            NoteKind::Error => "note_error",
            NoteKind::Gap => "note_gap",
        })
    }
}

/// Whether the terminal claims 24-bit colour.
pub fn truecolor_from_env() -> bool {
    std::env::var("COLORTERM").is_ok_and(|v| matches!(v.as_str(), "truecolor" | "24bit"))
}

/// Whether `NO_COLOR` is set to something.
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn convert(role: &str, raw: &RawStyle) -> Result<Style, String> {
    let color = |value: &Option<String>| -> Result<Option<Color>, String> {
        value
            .as_deref()
            .map(|v| {
                named_color(v)
                    .map_or_else(|| Color::from_str(v), Ok)
                    .map_err(|_| format!("role `{role}`: unknown colour \"{v}\""))
            })
            .transpose()
    };
    let mut style = Style::default();
    if let Some(fg) = color(&raw.fg)? {
        style = style.fg(fg);
    }
    if let Some(bg) = color(&raw.bg)? {
        style = style.bg(bg);
    }
    for modifier in &raw.modifiers {
        style = style.add_modifier(match modifier.as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "crossed_out" => Modifier::CROSSED_OUT,
            other => return Err(format!("role `{role}`: unknown modifier \"{other}\"")),
        });
    }
    Ok(style)
}

/// The colour names the built-in themes use, spelled as they spell them.
/// `Color::from_str` takes every spelling, but rewrites the name several
/// times to do it: this is a third of reading a theme.
fn named_color(name: &str) -> Option<Color> {
    Some(match name {
        "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "darkgray" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_colours_are_what_ratatui_reads() {
        for name in [
            "reset",
            "black",
            "red",
            "green",
            "yellow",
            "blue",
            "magenta",
            "cyan",
            "gray",
            "darkgray",
            "lightred",
            "lightgreen",
            "lightyellow",
            "lightblue",
            "lightmagenta",
            "lightcyan",
            "white",
        ] {
            assert_eq!(named_color(name), Color::from_str(name).ok(), "{name}");
        }
        assert_eq!(named_color("#ffd866"), None);
    }

    #[test]
    fn the_built_in_json_reads_as_the_toml_does() {
        for BuiltIn { name, toml, .. } in BUILT_IN {
            for truecolor in [false, true] {
                assert_eq!(
                    Theme::built_in(name, truecolor),
                    Some(Theme::parse(toml, truecolor).expect("a valid built-in theme")),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn every_built_in_theme_defines_every_role() {
        for BuiltIn {
            name, toml: source, ..
        } in BUILT_IN
        {
            for truecolor in [false, true] {
                let theme =
                    Theme::parse(source, truecolor).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(theme.name, name);
            }
        }
    }

    #[test]
    fn sixteen_colours_unless_the_terminal_says_truecolor() {
        for BuiltIn {
            name, toml: source, ..
        } in BUILT_IN
        {
            let theme = Theme::parse(source, false).unwrap();
            for style in theme.styles.values() {
                for color in [style.fg, style.bg].into_iter().flatten() {
                    assert!(
                        !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                        "{name}: {color:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn mono_uses_no_colour_at_all() {
        let mono = Theme::built_in("mono", true).unwrap();
        for (role, style) in &mono.styles {
            assert!(matches!(style.fg, None | Some(Color::Reset)), "{role}");
            assert!(matches!(style.bg, None | Some(Color::Reset)), "{role}");
        }
        let focus = mono.style("focused_mention");
        assert!(focus.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(mono.style("search_match"), Style::default());
    }

    #[test]
    fn no_color_picks_mono_and_paths_are_read() {
        assert_eq!(Theme::choose(None, true, false).unwrap().name, "mono");
        assert_eq!(Theme::choose(None, false, false).unwrap().name, "dark");
        assert_eq!(
            Theme::choose(Some("light"), true, false).unwrap().name,
            "light"
        );
        assert!(Theme::choose(Some("/no/such/theme.toml"), false, false).is_err());
    }
}
