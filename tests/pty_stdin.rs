//! `brief -` in a pseudo-terminal with its standard input a pipe, as
//! `cat notes.md | brief -` runs: the text comes from the pipe, the keys
//! from the terminal (crossterm reads `/dev/tty` when stdin is not one),
//! and the screen is what `brief render` draws of the same text.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use portable_pty::CommandBuilder;

use pty_support::{Session, assert_exit, environment};

const TEXT: &str = "tests/corpus/markdown/features.md";

#[test]
fn a_piped_text_is_read_with_keys_from_the_terminal() {
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        r#"cat "$1" | "$0" -"#,
        env!("CARGO_BIN_EXE_brief"),
        TEXT,
    ]);
    environment(&mut command);
    // Short enough that `G` moves the view.
    let mut session = Session::spawn(command, 16, 100);
    session.wait_for_text("Field notes on three venues");
    // The text has a heading for a title, so the screen is the file's.
    session.wait_for_render_of(&["--plain", TEXT], "", |_| true);
    session.keys("G");
    session.wait_for_render_of(&["--plain", TEXT], "G", |_| true);
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    session.assert_main_screen("after q");
}
