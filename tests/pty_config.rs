//! End to end, the real binary in a pseudo-terminal with a config file
//! that swaps `j` and `k` in the article and in the help overlay (issue
//! 16): the help overlay names the swapped keys, and the keys do what the
//! config says, each screen what `brief render` draws with the same
//! config.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use pty_support::{Session, assert_exit, status_line};

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";

const SWAPPED: &str = r#"
[keys.article]
scroll_down = ["k", "<Down>"]
scroll_up = ["j", "<Up>"]

[keys.help]
scroll_down = ["k", "<Down>"]
scroll_up = ["j", "<Up>"]
"#;

#[test]
fn a_config_that_swaps_j_and_k_is_what_the_help_shows_and_the_keys_do() {
    let dir = std::env::temp_dir().join(format!("brief-pty-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let config = dir.join("config.toml");
    std::fs::write(&config, SWAPPED).expect("write the config");
    let config = config.to_str().expect("a UTF-8 path");
    let args = ["--config", config];
    let mut session = Session::brief(&args, 40, 120);
    session.wait_for_loaded(TITLE);

    // The help's title names the keys in force: k scrolls down, j up.
    session.keys("?");
    session.wait_for_text("Keys \u{b7} k/j, <Space>, G scroll");
    session.wait_for_render_of(&args, "?", |_| true);
    // k scrolls the help down 45 rows, to the article's keys.
    session.keys("45k");
    session.wait_for_text("k, <Down>");
    session.wait_for_render_of(&args, "?45k", |_| true);
    let screen = session.seen().parser.screen().contents();
    let line_of = |does: &str| {
        screen
            .lines()
            .find(|line| line.contains(does))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line_of("scroll down a line").contains("k, <Down>"),
        "{screen}"
    );
    assert!(line_of("scroll up a line").contains("j, <Up>"), "{screen}");
    session.keys("q");

    // In the article k goes down three lines and j comes back one, as j
    // and k do without the config.
    session.keys("kkkj");
    session.wait_for_render_of(&args, "?45kqkkkj", |_| true);
    let swapped = status_line(session.seen().parser.screen());
    let plain = pty_support::render(&["--no-config"], 40, 120, "jjjk");
    assert_eq!(
        swapped.trim_end(),
        plain[38],
        "kkkj with the config is jjjk without it"
    );
    assert!(swapped.contains(" L"), "{swapped}");

    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q quits", &session);
    let _ = std::fs::remove_dir_all(&dir);
}
