//! Anchoring on a briefing large enough for the loader's two-core path
//! (1,000 mention tables and more): the automaton made ahead from the
//! quotes as written must anchor every kind of passage as the checked
//! selectors ask (a debug assertion in `anchor::resolve` fails a test run
//! if it lacks a pattern), and a refused table still gets its diagnostic.

mod common;

use common::{codes, load_pair, mention_texts};

const MENTIONS: usize = 1200;

/// `w0000 w0001 ...`, with `alpha` after every hundredth word.
fn text() -> String {
    (0..1500)
        .map(|i| {
            if i % 100 == 0 {
                format!("w{i:04} alpha")
            } else {
                format!("w{i:04}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Entity `x`, mentioned by quote in `MENTIONS` tables (every 200th with
/// a further part), entity `a` found automatically as `alpha`, and one
/// table of each other kind with a quote. `extra` is appended.
fn annotations(extra: &str) -> String {
    let mut toml = String::from(
        "format = 1\n\n[[entity]]\nid = \"x\"\nname = \"unused\"\nkind = \"other\"\nauto = false\n\n\
         [[entity]]\nid = \"a\"\nname = \"alpha\"\nkind = \"other\"\n",
    );
    for i in 0..MENTIONS {
        toml.push_str(&format!(
            "\n[[mention]]\nentity = \"x\"\nquote = \"w{i:04}\"\n"
        ));
        if i % 200 == 0 {
            // Spaced as written: folded before it is looked for.
            toml.push_str(&format!(
                "parts = [{{ quote = \" w{:04}  \" }}]\n",
                1300 + i / 200
            ));
        }
    }
    toml.push_str(
        "\n[[suppress]]\nentity = \"a\"\nquote = \"w0100  alpha\"\n\
         \n[[relation]]\nfrom = \"x\"\nto = \"a\"\nkind = \"k\"\nquote = \"w1250\"\n\
         \n[[event]]\nid = \"ev\"\ndate = \"2024\"\ntitle = \"t\"\nentities = [\"x\"]\nquote = \"w1260 w1261\"\n\
         \n[[note]]\nkind = \"gap\"\nquote = \"w1270\"\ntext = \"t\"\nentities = [\"x\"]\n",
    );
    toml.push_str(extra);
    toml
}

#[test]
fn every_kind_of_passage_anchors_on_the_two_core_path() {
    let text = text();
    let loaded = load_pair(&text, "txt", &annotations(""));
    assert_eq!(codes(&loaded), Vec::<&str>::new());
    let briefing = loaded.briefing.as_ref().expect("loads");
    let expected: Vec<String> = (0..MENTIONS).map(|i| format!("w{i:04}")).collect();
    assert_eq!(mention_texts(&loaded, "x"), expected);
    let parts: Vec<&str> = briefing
        .mentions
        .iter()
        .filter(|m| briefing.document.text[m.span.clone()].starts_with("w13"))
        .map(|m| &briefing.document.text[m.span.clone()])
        .collect();
    assert_eq!(
        parts,
        ["w1300", "w1301", "w1302", "w1303", "w1304", "w1305"]
    );
    // Fifteen `alpha`s, one suppressed.
    assert_eq!(mention_texts(&loaded, "a").len(), 14);
    let passage = |span: &std::ops::Range<usize>| &briefing.document.text[span.clone()];
    let evidence = briefing.relations[0].evidence.as_ref().expect("anchored");
    assert_eq!(passage(evidence), "w1250");
    let event = briefing.events[0].passage.as_ref().expect("anchored");
    assert_eq!(passage(event), "w1260 w1261");
    assert_eq!(passage(&briefing.notes[0].passage), "w1270");
}

#[test]
fn refused_and_missing_quotes_are_reported_on_the_two_core_path() {
    let text = text();
    let broken = "\n[[mention]]\nentity = \"x\"\nquote = \"   \"\n\
                  \n[[mention]]\nentity = \"x\"\nquote = \"w0001\"\noccurrence = 0\n\
                  \n[[mention]]\nentity = \"x\"\nquote = \"nowhere to be found\"\n";
    let loaded = load_pair(&text, "txt", &annotations(broken));
    assert_eq!(
        codes(&loaded),
        ["empty-quote", "bad-selector", "quote-not-found"]
    );
}
