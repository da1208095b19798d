//! Turns the embedded keymap and built-in themes from TOML into JSON when
//! `brief` is built. The TOML files stay the single source (the help
//! overlay, hint bar and README table come from the keymap); the binary
//! reads the same data as JSON because parsing it that way at start-up
//! takes a tenth of the time (the two TOML parses were a fifth of opening
//! the bundled briefing). Unit tests check that both readings agree.

use std::path::{Path, PathBuf};

const SOURCES: [(&str, &str); 5] = [
    ("src/controller/keymap.toml", "keymap.json"),
    ("themes/dark.toml", "theme-dark.json"),
    ("themes/light.toml", "theme-light.json"),
    ("themes/high-contrast.toml", "theme-high-contrast.json"),
    ("themes/mono.toml", "theme-mono.json"),
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (source, json) in SOURCES {
        println!("cargo::rerun-if-changed={source}");
        if let Err(problem) = convert(Path::new(source), &out.join(json)) {
            // A build script's panic is a build error, with this message.
            panic!("{source}: {problem}");
        }
    }
}

fn convert(source: &Path, json: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(source).map_err(|error| error.to_string())?;
    let value: serde_json::Value = toml::from_str(&text).map_err(|error| error.to_string())?;
    let converted = serde_json::to_string(&value).map_err(|error| error.to_string())?;
    std::fs::write(json, converted).map_err(|error| error.to_string())
}
