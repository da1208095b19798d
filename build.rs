//! Build-time work for `brief`: the embedded data and one link setting.
//!
//! The built-in themes are turned from TOML into JSON, and the embedded
//! keymap into a Rust table. The TOML files stay the single source (the
//! help overlay, hint bar and README table come from the keymap); the
//! binary reads the same data in those forms because start-up reads them
//! every time: the two TOML parses were a fifth of opening the bundled
//! briefing, and JSON takes a tenth of the time; the keymap's JSON still
//! took 0.19 ms of every start (a whole process in a pty), a static table
//! needs no parse at all. Unit tests check that both readings agree.
//!
//! On GNU/Linux the unwinder is linked in statically (see
//! `link_unwinder_statically`), so the binary needs no shared library but
//! the C library.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(problem) = keymap_as_rust(Path::new(KEYMAP), &out.join("keymap.rs")) {
        // A build script's panic is a build error, with this message.
        panic!("{KEYMAP}: {problem}");
    }
    embed_as_json(&out);
    link_unwinder_statically(&out);
}

const KEYMAP: &str = "src/controller/keymap.toml";

/// The keymap's `[[bind]]` tables as the elements of a Rust array of
/// `controller::keymap::Embedded`, actions and contexts as enum variants
/// (an action the enum does not have is a compile error). Checking the
/// table (key notation, a sequence bound twice) stays the keymap's own:
/// a unit test reads the TOML with it and compares.
fn keymap_as_rust(source: &Path, rust: &Path) -> Result<(), String> {
    println!("cargo::rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(source).map_err(|error| error.to_string())?;
    let table: toml::Table = toml::from_str(&text).map_err(|error| error.to_string())?;
    let binds = table
        .get("bind")
        .and_then(toml::Value::as_array)
        .ok_or("no [[bind]] tables")?;
    let mut out = String::from("[\n");
    for bind in binds {
        let field = |name: &str| bind.get(name);
        let text_of = |name: &str| -> Result<&str, String> {
            field(name)
                .and_then(toml::Value::as_str)
                .ok_or_else(|| format!("a [[bind]] without a `{name}` string"))
        };
        let keys = field("keys")
            .and_then(toml::Value::as_array)
            .ok_or("a [[bind]] without `keys`")?
            .iter()
            .map(|key| key.as_str().map(|key| format!("{key:?}")))
            .collect::<Option<Vec<_>>>()
            .ok_or("a key that is not a string")?;
        let hint = match field("hint") {
            None => "None".to_string(),
            Some(hint) => format!(
                "Some({:?})",
                hint.as_str().ok_or("a hint that is not a string")?
            ),
        };
        let fixed = field("fixed")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false);
        out.push_str(&format!(
            "    Embedded {{ keys: &[{}], action: Action::{}, context: Context::{}, hint: {hint}, fixed: {fixed} }},\n",
            keys.join(", "),
            camel_case(text_of("action")?),
            camel_case(text_of("in")?),
        ));
    }
    out.push_str("]\n");
    std::fs::write(rust, out).map_err(|error| error.to_string())
}

/// `scroll_down` as `ScrollDown`: serde's `snake_case` names read back.
fn camel_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn embed_as_json(out: &Path) {
    println!("cargo::rerun-if-changed=themes");
    let mut sources = Vec::new();
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

/// Rust's standard library links the unwinder from `libgcc_s.so.1` on
/// GNU/Linux. Loading that library costs each start of `brief` about a
/// tenth of a millisecond, most of it its constructor probing the CPU with
/// `cpuid`, which traps to the hypervisor on a virtual machine (measured
/// with `perf record` over `scripts/bench-startup`: brief's whole first
/// screen 4.25 ms with it, 4.13 ms without). The same unwinder is also
/// shipped as the static `libgcc_eh.a` (what `gcc -static-libgcc` links):
/// a copy of it named `libgcc_s.a`, in a folder searched before the
/// system's, is what the linker then finds for `-lgcc_s`. Where the C
/// compiler knows of no `libgcc_eh.a`, nothing changes and the shared
/// library is used as before.
fn link_unwinder_statically(out: &Path) {
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    let static_crt = target("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|feature| feature == "crt-static");
    if target("CARGO_CFG_TARGET_OS") != "linux"
        || target("CARGO_CFG_TARGET_ENV") != "gnu"
        || static_crt
    {
        return;
    }
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    let compiler = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".to_string());
    let Ok(asked) = std::process::Command::new(&compiler)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    // An unknown file is printed back as its bare name.
    let found = PathBuf::from(String::from_utf8_lossy(&asked.stdout).trim());
    if !asked.status.success() || !found.is_absolute() || !found.is_file() {
        return;
    }
    let folder = out.join("static-unwinder");
    let copied = std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::copy(&found, folder.join("libgcc_s.a")));
    if copied.is_ok() {
        println!("cargo::rustc-link-search=native={}", folder.display());
    }
}
