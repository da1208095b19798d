//! End to end, the real binary in a pseudo-terminal, given more input at
//! once than one read takes (crossterm reads 1 KiB at a time): thousands of
//! keys written in one go are all read without another key to wake the
//! reader, a long query typed or pasted into the search prompt leaves a
//! prompt that still works, and a bracketed paste is text, never keys.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use pty_support::{Session, assert_exit, status_line};

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";
const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

fn reader() -> Session {
    let session = Session::brief(&[], 30, 110);
    session.wait_for_loaded(TITLE);
    session
}

/// 5,000 `j` and a `q` written at once, as a paste into a terminal without
/// bracketed paste sends them. The reader once took the first 1,024 bytes
/// and waited for another key before reading the rest, so it never quit;
/// now it reads every byte the terminal holds and ends with nothing more
/// typed.
#[test]
fn thousands_of_keys_at_once_are_all_read_and_the_last_one_quits() {
    let mut session = reader();
    session.keys_without_waiting(format!("{}q", "j".repeat(5000)));
    let status = session.wait_exit();
    assert_exit(&status, 0, "5,000 j then q in one write", &session);
    session.assert_main_screen("after the q at the end of the burst");
}

/// `/` and 20,000 characters typed in one write: the prompt takes what it
/// holds (4,096 characters), shows the end of the query with a mark that
/// it goes on, and still takes keys: the query cleared, a new one finds
/// its matches.
#[test]
fn a_twenty_kilobyte_query_leaves_a_prompt_that_still_works() {
    let session = reader();
    session.keys_without_waiting(format!("/{}", "xy".repeat(10_000)));
    session.wait_for("the end of the long query in the prompt", |s| {
        let status = status_line(s);
        status.starts_with('\u{2026}') && status.contains("yxy\u{2581}")
    });
    // Ctrl-u clears the query; the prompt is an ordinary prompt again.
    session.keys("\x15Crocus");
    session.wait_for("a new query and its matches", |s| {
        let status = status_line(s);
        status.starts_with("/Crocus\u{2581}") && status.contains("1/")
    });
    session.keys("\r");
    session.wait_for("the prompt closed on a match", |s| {
        !status_line(s).contains('\u{2581}')
    });
}

/// A bracketed paste of 20 KB into the search prompt is one edit: the
/// prompt holds the first 4,096 characters, says how many were left out,
/// and the line breaks in the paste became spaces.
#[test]
fn a_bracketed_paste_into_the_prompt_is_cut_with_a_count() {
    let session = reader();
    let pasted = "Crocus City\nHall ".repeat(1200);
    session.keys_without_waiting(format!("/{PASTE_START}{pasted}{PASTE_END}"));
    let left_out = pasted.chars().count() - 4096;
    session.wait_for("the paste cut at the prompt's length", |s| {
        status_line(s).contains(&format!("{left_out} of the paste left out"))
    });
    session.keys("\x15Hall\r");
    session.wait_for("a search that works after the paste", |s| {
        status_line(s).contains("/Hall")
    });
}

/// A bracketed paste in the article is not taken as keys: the `q` and `G`
/// in it do nothing, and the status line says how to search for it.
#[test]
fn a_bracketed_paste_in_the_article_is_not_keys() {
    let mut session = reader();
    let before = session.seen().parser.screen().contents();
    session.keys(&format!("{PASTE_START}G jjj q{PASTE_END}"));
    session.wait_for("the word on the paste", |s| {
        status_line(s).contains("a paste is not taken as keys (7 characters); / first")
    });
    assert!(session.is_running(), "the q in the paste quit the reader");
    let after = session.seen().parser.screen().contents();
    let article = |screen: &str| screen.lines().take(20).collect::<Vec<_>>().join("\n");
    assert_eq!(
        article(&before),
        article(&after),
        "the paste moved the view"
    );
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q after the paste", &session);
}
