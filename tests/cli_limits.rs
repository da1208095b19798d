//! Every path the program reads goes through the loader's guarded reading,
//! theme files included: a FIFO, a device, a directory or a file past the
//! cap is refused with a clear message and exit 2, before it could block or
//! fill memory. And `--size` is capped, so a mistyped size is a usage error,
//! not an abort.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn brief(args: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(directory)
        .env("NO_COLOR", "1")
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no-config-home"),
        )
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("run brief")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `brief render --theme PATH` on the bundled briefing, with a deadline:
/// a theme that blocked or never ended would hang here.
fn render_with_theme(theme: &str, directory: &Path) -> Output {
    let started = Instant::now();
    let output = brief(&["render", "--size", "40x10", "--theme", theme], directory);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "--theme {theme} took {:?}",
        started.elapsed()
    );
    output
}

#[test]
fn a_theme_that_is_no_regular_file_is_refused_before_it_is_opened() {
    let directory = scratch("theme-kinds");
    let fifo = directory.join("theme.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo is needed for this test"
    );
    std::fs::create_dir_all(directory.join("themes.d")).unwrap();
    for (theme, shown) in [
        ("/dev/zero", "/dev/zero"),
        ("theme.fifo", "theme.fifo"),
        ("themes.d", "themes.d"),
    ] {
        let output = render_with_theme(theme, &directory);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{theme}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(&format!("theme: {shown} is not a regular file")),
            "{theme}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{theme}: nothing drawn");
    }
}

#[test]
fn a_theme_past_the_cap_is_refused_after_reading_no_more_than_the_cap() {
    let directory = scratch("theme-cap");
    let big = directory.join("big.toml");
    let cap = usize::try_from(brief::loader::THEME_CAP).unwrap();
    std::fs::write(&big, "#".repeat(cap + 10)).unwrap();
    let output = render_with_theme("big.toml", &directory);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("big.toml"), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is larger than the 1 MiB limit"),
        "{}",
        stderr(&output)
    );
    // A theme file that is fine is still read.
    let good = directory.join("good.toml");
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::copy(format!("{root}/themes/light.toml"), &good).unwrap();
    let output = render_with_theme("good.toml", &directory);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn sizes_past_the_cap_are_a_usage_error() {
    let directory = scratch("size");
    for size in ["65535x65535", "1001x40", "120x1001"] {
        let output = brief(&["render", "--size", size], &directory);
        assert_eq!(output.status.code(), Some(2), "{size}");
        assert!(
            stderr(&output).contains("at most 1000 columns and rows"),
            "{size}: {}",
            stderr(&output)
        );
    }
    let output = brief(&["render", "--size", "1000x3"], &directory);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
