//! The config file through the binary (issue 16): the search order
//! (`--config`, `$BRIEF_CONFIG`, `$XDG_CONFIG_HOME`, `--no-config`),
//! `brief config --default` and `--check`, a config with errors stopping
//! the reader before it starts, themes found by name, and config files
//! read only through the guarded reading (regular files, a size cap).
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `brief ARGS` with the environment `vars` and nothing else of the
/// user's: no config unless the test names one.
fn brief(args: &[&str], vars: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no-config-home"),
        )
        .env_remove("BRIEF_CONFIG")
        .env_remove("NO_COLOR");
    for (name, value) in vars {
        command.env(name, value);
    }
    command.output().expect("run brief")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A new empty folder of the test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

const HELP_ON_F2: &str = "[keys.global]\nhelp = [\"<F2>\"]\n";

#[test]
fn the_config_is_found_by_flag_variable_and_xdg_folder_and_ignored_on_request() {
    let dir = scratch("search");
    let named = dir.join("named.toml");
    std::fs::write(&named, HELP_ON_F2).unwrap();
    let xdg = dir.join("xdg");
    std::fs::create_dir_all(xdg.join("brief")).unwrap();
    std::fs::write(xdg.join("brief/config.toml"), HELP_ON_F2).unwrap();
    let opens_help = |args: &[&str], vars: &[(&str, &Path)]| {
        let output = brief(
            &[&["render", "--size", "100x30", "--keys", "<F2>"], args].concat(),
            vars,
        );
        assert!(output.status.success(), "{}", stderr(&output));
        // The help overlay's title.
        stdout(&output).contains("Keys \u{b7}")
    };
    assert!(!opens_help(&[], &[]), "no config: F2 is bound to nothing");
    let named_arg = named.to_str().unwrap();
    assert!(opens_help(&["--config", named_arg], &[]));
    assert!(opens_help(&[], &[("BRIEF_CONFIG", &named)]));
    assert!(opens_help(&[], &[("XDG_CONFIG_HOME", &xdg)]));
    assert!(!opens_help(&["--no-config"], &[("XDG_CONFIG_HOME", &xdg)]));
    // `brief config` says which file is in force.
    let shown = brief(&["config"], &[("XDG_CONFIG_HOME", &xdg)]);
    assert_eq!(
        stdout(&shown).trim(),
        xdg.join("brief/config.toml").display().to_string()
    );
    let none = brief(&["config"], &[]);
    assert!(
        stdout(&none).starts_with("no config file"),
        "{}",
        stdout(&none)
    );
}

#[test]
fn a_config_with_errors_stops_the_reader_and_render_before_they_start() {
    let dir = scratch("stops");
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "measure = 20\n[keys.article]\nscroll_down = [\"<Nope>\"]\n",
    )
    .unwrap();
    for args in [
        vec!["render", "--config", bad.to_str().unwrap()],
        vec!["--config", bad.to_str().unwrap()],
    ] {
        let output = brief(&args, &[]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "nothing drawn: {args:?}");
        let errors = stderr(&output);
        assert!(
            errors.contains("error[bad-value]: `measure` is 20"),
            "{errors}"
        );
        assert!(
            errors.contains(&format!("--> {}:3:16", bad.display())),
            "{errors}"
        );
        assert!(
            errors.contains("brief: 2 errors in the configuration, so brief did not start"),
            "{errors}"
        );
    }
    // brief check does not read the config.
    let checked = brief(
        &["check", "briefings/crocus-city-hall.toml"],
        &[("BRIEF_CONFIG", &bad)],
    );
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn config_check_prints_every_problem_and_exits_as_brief_check_does() {
    let dir = scratch("check");
    let good = dir.join("good.toml");
    std::fs::write(
        &good,
        "mouse = true\n[keys.article]\nscroll_down = [\"n\"]\n",
    )
    .unwrap();
    let output = brief(&["config", "--check", good.to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("{}: the configuration is valid\n", good.display())
    );
    let file = dir.join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "reviews = \"not-a-folder\"\nmeasure = 1\n").unwrap();
    let output = brief(&["config", "--check", bad.to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        printed.contains(&format!(
            "error[bad-value]: {} is not a folder\n --> {}:1:11",
            file.display(),
            bad.display()
        )),
        "{printed}"
    );
    assert!(
        printed.ends_with(&format!("{}: 2 errors\n", bad.display())),
        "{printed}"
    );
    // With no path: the config in force.
    let output = brief(&["config", "--check"], &[("BRIEF_CONFIG", &bad)]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn config_files_are_read_only_as_regular_files_under_the_cap() {
    let dir = scratch("guarded");
    let fifo = dir.join("config.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let big = dir.join("big.toml");
    std::fs::write(&big, format!("# {}\n", "x".repeat(1024 * 1024))).unwrap();
    let latin1 = dir.join("latin1.toml");
    std::fs::write(&latin1, b"reviewer = \"Jos\xe9\"\n").unwrap();
    for (path, code, exit) in [
        (fifo.clone(), "error[io]", 2),
        (dir.clone(), "error[io]", 2),
        (dir.join("missing.toml"), "error[io]", 2),
        (big, "error[too-large]", 2),
        (latin1, "error[invalid-utf8]", 1),
    ] {
        let output = brief(&["config", "--check", path.to_str().unwrap()], &[]);
        assert_eq!(output.status.code(), Some(exit), "{}", path.display());
        assert!(stdout(&output).contains(code), "{}", stdout(&output));
        // The reader refuses the same file the same way, and at once.
        let started = std::time::Instant::now();
        let output = brief(&["render", "--config", path.to_str().unwrap()], &[]);
        assert_eq!(output.status.code(), Some(2), "{}", path.display());
        assert!(stderr(&output).contains(code));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
    let invalid = brief(
        &[
            "config",
            "--check",
            dir.join("latin1.toml").to_str().unwrap(),
        ],
        &[],
    );
    assert!(stdout(&invalid).contains(":1:16"), "{}", stdout(&invalid));
}

#[test]
fn the_default_config_checks_clean_and_changes_nothing() {
    let dir = scratch("default");
    let output = brief(&["config", "--default"], &[]);
    assert!(output.status.success());
    let default = dir.join("config.toml");
    std::fs::write(&default, &output.stdout).unwrap();
    let checked = brief(&["config", "--check", default.to_str().unwrap()], &[]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    // Drawn with it, every frame is the one drawn without a config.
    for keys in ["", "<Tab><Tab><Enter>", "?", "<C-w>w<C-w>>"] {
        let full = |args: &[&str]| {
            stdout(&brief(
                &[&["render", "--size", "100x30", "--keys", keys], args].concat(),
                &[],
            ))
        };
        assert_eq!(
            full(&["--config", default.to_str().unwrap()]),
            full(&[]),
            "{keys}"
        );
    }
}

#[test]
fn themes_are_found_by_name_in_the_config_folder() {
    let dir = scratch("themes");
    let themes = dir.join("brief/themes");
    std::fs::create_dir_all(&themes).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let light = std::fs::read_to_string(format!("{root}/themes/light.toml")).unwrap();
    std::fs::write(
        themes.join("paper.toml"),
        light.replace("\"light\"", "\"paper\""),
    )
    .unwrap();
    let render = |args: &[&str]| {
        brief(
            &[&["render", "--size", "60x20", "--color"], args].concat(),
            &[("XDG_CONFIG_HOME", &dir)],
        )
    };
    let by_name = render(&["--theme", "paper"]);
    assert!(by_name.status.success(), "{}", stderr(&by_name));
    let built_in = render(&["--theme", "light"]);
    assert_eq!(
        stdout(&by_name),
        stdout(&built_in),
        "paper is light renamed"
    );
    assert_ne!(stdout(&by_name), stdout(&render(&[])), "and not dark");
    // The config file names it the same way.
    std::fs::write(dir.join("brief/config.toml"), "theme = \"paper\"\n").unwrap();
    assert_eq!(stdout(&render(&[])), stdout(&built_in));
    // A name that is nowhere is the config's error, with where to put it.
    std::fs::write(dir.join("brief/config.toml"), "theme = \"sepia\"\n").unwrap();
    let missing = render(&[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains(&format!("or put sepia.toml in {}", themes.display())),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn flags_win_over_the_config() {
    let dir = scratch("flags");
    let config = dir.join("config.toml");
    std::fs::write(&config, "theme = \"light\"\nmeasure = 60\n").unwrap();
    let only_measure = dir.join("measure.toml");
    std::fs::write(&only_measure, "measure = 60\n").unwrap();
    let render = |args: &[&str], vars: &[(&str, &Path)]| {
        stdout(&brief(
            &[&["render", "--color", "--size", "200x40"], args].concat(),
            vars,
        ))
    };
    let vars = [("BRIEF_CONFIG", config.as_path())];
    let dark_by_flag = render(&["--theme", "dark"], &vars);
    let dark_at_60 = render(&["--config", only_measure.to_str().unwrap()], &[]);
    let dark_at_100 = render(&["--no-config"], &[]);
    assert!(
        dark_by_flag == dark_at_60,
        "--theme dark wins over the config's light"
    );
    assert!(
        dark_by_flag != dark_at_100,
        "and the config's measure still applies"
    );
}
