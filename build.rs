//! Build-time work for `brief`: the embedded data and one link setting.
//!
//! The embedded keymap and built-in themes are turned from TOML into JSON.
//! The TOML files stay the single source (the help overlay, hint bar and
//! README table come from the keymap); the binary reads the same data as
//! JSON because parsing it that way at start-up takes a tenth of the time
//! (the two TOML parses were a fifth of opening the bundled briefing).
//! Unit tests check that both readings agree.
//!
//! On GNU/Linux the unwinder is linked in statically (see
//! `link_unwinder_statically`), so the binary needs no shared library but
//! the C library.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    embed_as_json(&out);
    link_unwinder_statically(&out);
}

fn embed_as_json(out: &Path) {
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
