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

/// Declares the roles: each variant with the name a theme file gives it.
macro_rules! roles {
    ($($role:ident = $name:literal,)*) => {
        /// A semantic role a theme gives a style to. Every theme must
        /// define every one; drawing asks by variant, so a misspelt role is
        /// a compile error rather than a silently plain style, and a look-up
        /// is an index rather than a search by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Role {
            $($role,)*
        }

        impl Role {
            /// Every role, in declaration order (a role's index).
            pub const ALL: [Role; [$($name),*].len()] = [$(Role::$role),*];

            /// The role's name in a theme file.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Role::$role => $name,)*
                }
            }
        }
    };
}

roles! {
    Text = "text",
    Heading = "heading",
    Title = "title",
    Caption = "caption",
    Quote = "quote",
    ListMarker = "list_marker",
    Code = "code",
    BottomLine = "bottom_line",
    BottomLineMarker = "bottom_line_marker",
    Link = "link",
    Border = "border",
    BorderFocused = "border_focused",
    Banner = "banner",
    Status = "status",
    Message = "message",
    Prompt = "prompt",
    HintKey = "hint_key",
    HintLabel = "hint_label",
    Muted = "muted",
    Selection = "selection",
    SelectionUnfocused = "selection_unfocused",
    ListHeading = "list_heading",
    FocusedMention = "focused_mention",
    NestedMention = "nested_mention",
    SearchMatch = "search_match",
    SearchCurrent = "search_current",
    NoteComment = "note_comment",
    NoteUnverified = "note_unverified",
    NoteDisputed = "note_disputed",
    NoteError = "note_error",
    NoteGap = "note_gap",
    OnScreen = "on_screen",
    Tab = "tab",
    TabActive = "tab_active",
    Overlay = "overlay",
    Marker = "marker",
    Person = "person",
    Organization = "organization",
    Place = "place",
    Facility = "facility",
    Event = "event",
    Group = "group",
    Other = "other",
    OtherKind = "other_kind",
}

impl Role {
    /// A role by its name in a theme file.
    fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.name() == name)
    }

    /// The colour role of an entity kind: the seven common kinds have
    /// their own, any other kind shares `other_kind`.
    pub fn of_kind(kind: &str) -> Self {
        match kind {
            "person" => Role::Person,
            "organization" => Role::Organization,
            "place" => Role::Place,
            "facility" => Role::Facility,
            "event" => Role::Event,
            "group" => Role::Group,
            "other" => Role::Other,
            _ => Role::OtherKind,
        }
    }

    /// The role of a note kind.
    pub fn of_note(kind: NoteKind) -> Self {
        match kind {
            NoteKind::Comment => Role::NoteComment,
            NoteKind::Unverified => Role::NoteUnverified,
            NoteKind::Disputed => Role::NoteDisputed,
            NoteKind::Error => Role::NoteError,
            NoteKind::Gap => Role::NoteGap,
        }
    }
}

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
    /// Indexed by `Role`.
    styles: [Style; Role::ALL.len()],
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
        let mut styles = [None; Role::ALL.len()];
        let tables = if truecolor {
            [&raw.roles, &raw.truecolor]
        } else {
            [&raw.roles, &BTreeMap::new()]
        };
        // A role this version does not know is skipped, so a theme written
        // for a later version still loads.
        for (name, raw_style) in tables.into_iter().flatten() {
            if let Some(slot) = Role::named(name).and_then(|role| styles.get_mut(role as usize)) {
                *slot = Some(convert(name, raw_style)?);
            }
        }
        let mut defined = [Style::default(); Role::ALL.len()];
        for ((role, style), slot) in Role::ALL.into_iter().zip(styles).zip(&mut defined) {
            *slot = style.ok_or_else(|| {
                format!(
                    "theme \"{}\" does not define the role `{}`",
                    raw.name,
                    role.name()
                )
            })?;
        }
        Ok(Self {
            name: raw.name,
            styles: defined,
        })
    }

    pub fn built_in(name: &str, truecolor: bool) -> Option<Self> {
        let built_in = BUILT_IN.iter().find(|built_in| built_in.name == name)?;
        let raw = serde_json::from_str(built_in.json).ok()?;
        Self::from_raw(raw, truecolor).ok()
    }

    /// The theme for the environment: `--theme` (a built-in name or a
    /// path), `mono` under `NO_COLOR`, else `dark`.
    /// A theme file is read through `read` (the loader's guarded reading:
    /// regular files only, size-capped), so this module does no I/O.
    pub fn choose(
        requested: Option<&str>,
        no_color: bool,
        truecolor: bool,
        read: &dyn Fn(&Path) -> Result<String, String>,
    ) -> Result<Self, String> {
        match requested {
            Some(name) if BUILT_IN.iter().any(|built_in| built_in.name == name) => {
                Self::built_in(name, truecolor)
                    .ok_or_else(|| format!("built-in theme {name} is broken"))
            }
            Some(path) => {
                let source = read(Path::new(path)).map_err(|error| {
                    format!(
                        "theme: {} (built-in themes: {})",
                        sanitize::line(&error),
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

    pub fn style(&self, role: Role) -> Style {
        // Always there: `styles` has a place for every role.
        self.styles.get(role as usize).copied().unwrap_or_default()
    }

    /// The colour of an entity kind.
    pub fn kind(&self, kind: &str) -> Style {
        self.style(Role::of_kind(kind))
    }

    pub fn note(&self, kind: NoteKind) -> Style {
        self.style(Role::of_note(kind))
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
    fn a_missing_role_is_named_and_one_this_version_lacks_is_skipped() {
        let dark = BUILT_IN[0].toml;
        let without_other_kind: String = dark
            .lines()
            .filter(|line| !line.starts_with("other_kind ="))
            .map(|line| format!("{line}\n"))
            .collect();
        assert_eq!(
            Theme::parse(&without_other_kind, false),
            Err("theme \"dark\" does not define the role `other_kind`".to_string())
        );
        let with_a_later_role = dark.replace("[roles]\n", "[roles]\nsparkle = { fg = \"red\" }\n");
        assert_ne!(with_a_later_role, dark);
        assert_eq!(
            Theme::parse(&with_a_later_role, false),
            Theme::parse(dark, false)
        );
    }

    #[test]
    fn roles_are_read_by_their_names_in_the_file() {
        let dark = Theme::built_in("dark", false).unwrap();
        assert_eq!(Role::named("other_kind"), Some(Role::OtherKind));
        assert_eq!(Role::named("sparkle"), None);
        assert_eq!(dark.style(Role::Heading).fg, Some(Color::LightCyan));
        assert_eq!(dark.kind("weapon"), dark.style(Role::OtherKind));
        assert_eq!(dark.kind("person"), dark.style(Role::Person));
        assert_ne!(dark.kind("person"), dark.kind("place"));
    }

    #[test]
    fn sixteen_colours_unless_the_terminal_says_truecolor() {
        for BuiltIn {
            name, toml: source, ..
        } in BUILT_IN
        {
            let theme = Theme::parse(source, false).unwrap();
            for style in theme.styles {
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
        for role in Role::ALL {
            let style = mono.style(role);
            assert!(matches!(style.fg, None | Some(Color::Reset)), "{role:?}");
            assert!(matches!(style.bg, None | Some(Color::Reset)), "{role:?}");
        }
        let focus = mono.style(Role::FocusedMention);
        assert!(focus.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(mono.style(Role::SearchMatch), Style::default());
    }

    #[test]
    fn no_color_picks_mono_and_paths_are_read() {
        let none = |_: &Path| Err("no files in this test".to_string());
        assert_eq!(
            Theme::choose(None, true, false, &none).unwrap().name,
            "mono"
        );
        assert_eq!(
            Theme::choose(None, false, false, &none).unwrap().name,
            "dark"
        );
        assert_eq!(
            Theme::choose(Some("light"), true, false, &none)
                .unwrap()
                .name,
            "light"
        );
        assert!(Theme::choose(Some("/no/such/theme.toml"), false, false, &none).is_err());
    }
}
