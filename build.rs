//! Turns the embedded keymap and built-in themes from TOML into JSON when
//! `brief` is built. The TOML files stay the single source (the help
//! overlay, hint bar and README table come from the keymap); the binary
//! reads the same data as JSON because parsing it that way at start-up
//! takes a tenth of the time (the two TOML parses were a fifth of opening
//! the bundled briefing). Unit tests check that both readings agree.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=src/controller/keymap.toml");
    println!("cargo::rerun-if-changed=themes");
    let mut sources = vec![(
        PathBuf::from("src/controller/keymap.toml"),
        "keymap.json".to_string(),
    )];
    // Every theme in `themes/`, so a new one needs no second list here.
    let themes = std::fs::read_dir("themes").expect("themes/ is part of the package");
    for entry in themes {
        let path = entry.expect("a readable themes/ entry").path();
        if path
            .extension()
            .is_some_and(|extension| extension == "toml")
        {
            println!("cargo::rerun-if-changed={}", path.display());
            let stem = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or_default();
            let json = format!("theme-{stem}.json");
            sources.push((path, json));
        }
    }
    for (source, json) in sources {
        if let Err(problem) = convert(&source, &out.join(json)) {
            // A build script's panic is a build error, with this message.
            panic!("{}: {problem}", source.display());
        }
    }
}

fn convert(source: &Path, json: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(source).map_err(|error| error.to_string())?;
    let value: serde_json::Value = toml::from_str(&text).map_err(|error| error.to_string())?;
    let converted = serde_json::to_string(&value).map_err(|error| error.to_string())?;
    std::fs::write(json, converted).map_err(|error| error.to_string())
}
