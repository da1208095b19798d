//! End to end: `brief DIR` in a pseudo-terminal on a folder of three
//! briefings that share Ivan Petrov. The list comes up and is indexed; the
//! first briefing opens, `]b` follows Ivan Petrov to the second and then
//! the third briefing (each at its first mention there), `Ctrl-o` comes
//! back through the second to the first, in place, and `q` goes back to
//! the list and then quits, leaving the terminal as it was. Each screen is
//! compared, row for row, with `brief render DIR` after the same keys.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

#[path = "../benches/support/library.rs"]
mod library_support;

use pty_support::{Session, assert_exit};

const FOLDER: &str = "target/pty-library";

#[test]
fn follow_an_entity_from_the_first_briefing_to_the_third_and_back() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FOLDER);
    let _ = std::fs::remove_dir_all(&folder);
    library_support::write_three(&folder).expect("write the three briefings");
    let args = [FOLDER, "--no-config"];
    let session = Session::brief(&args, 40, 120);
    // Indexed: the header counts the briefings and no longer says how far
    // the indexing has got.
    session.wait_for("the library's list, indexed", |screen| {
        let text = screen.contents();
        screen.alternate_screen() && text.contains("3 briefings") && !text.contains("indexed")
    });
    session.wait_for_render_of(&args, "", |_| true);

    // Oldest first, the first row: Port talks in Odessa.
    session.keys("sgg\r");
    session.wait_for_text("Port talks in Odessa");
    session.wait_for_render_of(&args, "sgg<Enter>", |_| true);

    // Ivan Petrov's first mention, then the next briefing naming him.
    session.keys("\t]b");
    session.wait_for_text("A visit to Vienna");
    session.wait_for_render_of(&args, "sgg<Enter><Tab>]b", |_| true);
    session.keys("]b");
    session.wait_for_text("Iván Petróv");
    session.wait_for_render_of(&args, "sgg<Enter><Tab>]b]b", |_| true);

    // Back: the second briefing, then the first, each where it was.
    session.keys("\x0f");
    session.wait_for_text("back in A visit to Vienna");
    session.wait_for_render_of(&args, "sgg<Enter><Tab>]b]b<C-o>", |_| true);
    session.keys("\x0f");
    session.wait_for_text("back in Port talks in Odessa");
    session.wait_for_render_of(&args, "sgg<Enter><Tab>]b]b<C-o><C-o>", |_| true);

    // q: the list, on the row it was on; q again quits.
    session.keys("q");
    session.wait_for_text("3/3 \u{b7} oldest first");
    session.wait_for_render_of(&args, "sgg<Enter><Tab>]b]b<C-o><C-o>q", |_| true);
    session.keys("q");
    let mut session = session;
    let status = session.wait_exit();
    assert_exit(&status, 0, "q in the library", &session);
    session.assert_main_screen("after quitting the library");
}
