//! A W3C Web Annotation file opened in the reader: the bundled briefing
//! written as W3C (`brief convert --to w3c`) beside its text, opened, and
//! its first screen at 120x40 with the first mention focused as a
//! snapshot (the same screen as the TOML's, entity cards aside).

#[path = "support/screen.rs"]
mod screen;

use screen::*;

#[test]
fn a_w3c_document_in_the_reader() {
    let dir = std::env::temp_dir().join(format!("brief-w3c-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("briefings/crocus-city-hall.md"),
        dir.join("crocus-city-hall.md"),
    )
    .expect("copy");
    let json = brief::convert::w3c::write(&bundled(), "crocus-city-hall.md");
    std::fs::write(dir.join("crocus.json"), json).expect("write");
    let loaded = brief::loader::open(&dir.join("crocus.json"), false, &brief::loader::FileSystem);
    let briefing = loaded.briefing.expect("opens");
    let state = state_of(briefing, "<Tab>", 120, 40);
    let text = screen_text(draw(&state, &dark()).backend().buffer());
    // The scratch folder's path is the machine's.
    let shown = text.replace(&dir.display().to_string(), "<dir>");
    insta::assert_snapshot!(shown);
    let _ = std::fs::remove_dir_all(&dir);
}
