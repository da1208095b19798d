//! Random spans over random hostile text (accents both composed and
//! combining, CJK, emoji with joiners, right-to-left letters, CRLF line
//! ends), loaded from brief's TOML, written out as W3C and as brat, and
//! read back: the same mentions, each on the same text of the same entity.
//! (brat's text is written with LF line ends, so its spans are compared by
//! the text they cover, in order.)

use std::path::Path;

use brief::loader::{InMemory, open};
use brief::model::Briefing;
use proptest::prelude::*;

/// Pieces the text is made of: each one grapheme (or a line break), so
/// that spans cut between pieces never split a character.
const PIECES: [&str; 12] = [
    "a",
    "Z",
    "\u{e9}",
    "e\u{301}",
    "\u{6771}",
    "\u{1f389}",
    "\u{1f469}\u{200d}\u{1f692}",
    "\u{5e9}",
    "\u{416}",
    "-",
    " ",
    "\r\n",
];

#[derive(Debug, Clone)]
struct Case {
    pieces: Vec<usize>,
    /// (first piece, pieces, entity)
    spans: Vec<(usize, usize, usize)>,
}

fn case() -> impl Strategy<Value = Case> {
    prop::collection::vec(0..PIECES.len(), 4..60).prop_flat_map(|pieces| {
        let n = pieces.len();
        let spans = prop::collection::vec((0..n, 1..6usize, 0..3usize), 1..8);
        (Just(pieces), spans).prop_map(|(pieces, spans)| Case { pieces, spans })
    })
}

impl Case {
    fn text(&self) -> String {
        let mut text: String = self.pieces.iter().map(|&p| PIECES[p]).collect();
        text.push('\n');
        text
    }

    /// The spans that stay on one line and hold more than white space, as
    /// (start, end) in code points, and their entity.
    fn spans(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for &(first, len, entity) in &self.spans {
            let last = (first + len).min(self.pieces.len());
            let chosen = &self.pieces[first..last];
            let text: String = chosen.iter().map(|&p| PIECES[p]).collect();
            if text.contains('\n')
                || text.contains('\r')
                || text.trim().is_empty()
                || text != text.trim()
            {
                continue;
            }
            let before: String = self.pieces[..first].iter().map(|&p| PIECES[p]).collect();
            let start = before.chars().count();
            out.push((start, start + text.chars().count(), entity));
        }
        out.sort_unstable();
        out.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
        out
    }

    fn toml(&self) -> String {
        let mut toml =
            String::from("format = 1\n[briefing]\ntext = \"r.txt\"\ntitle = \"Case\"\n\n");
        for e in 0..3 {
            toml.push_str(&format!(
                "[[entity]]\nid = \"e{e}\"\nname = \"Entity {e}\"\nkind = \"person\"\nauto = false\n\n"
            ));
        }
        for (start, end, entity) in self.spans() {
            toml.push_str(&format!(
                "[[mention]]\nentity = \"e{entity}\"\nstart = {start}\nend = {end}\n\n"
            ));
        }
        toml
    }
}

/// Each mention as (entity id, the text it covers), in text order.
fn mentions(briefing: &Briefing) -> Vec<(String, String)> {
    briefing
        .mentions
        .iter()
        .map(|m| {
            (
                briefing.entity(m.entity).id.clone(),
                briefing.document.text[m.span.clone()].to_string(),
            )
        })
        .collect()
}

fn load(files: Vec<(&str, String)>, path: &str) -> Result<Briefing, TestCaseError> {
    let files = InMemory {
        files: files.into_iter().map(|(p, s)| (p.into(), s)).collect(),
    };
    let loaded = open(Path::new(path), false, &files);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    loaded
        .briefing
        .ok_or_else(|| TestCaseError::fail(format!("{path} does not load: {errors:?}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_survive_w3c_and_brat(case in case()) {
        // With no span, a W3C file has no target to name its text.
        prop_assume!(!case.spans().is_empty());
        let text = case.text();
        let original = load(vec![("r.toml", case.toml()), ("r.txt", text.clone())], "r.toml")?;
        prop_assert_eq!(original.mentions.len(), case.spans().len());
        let expected = mentions(&original);

        let w3c = brief::convert::w3c::write(&original, "r.txt");
        let back = load(vec![("r.json", w3c), ("r.txt", text.clone())], "r.json")?;
        prop_assert_eq!(&mentions(&back), &expected, "W3C");
        let spans = |b: &Briefing| b.mentions.iter().map(|m| m.span.clone()).collect::<Vec<_>>();
        prop_assert_eq!(spans(&back), spans(&original));

        let brat = brief::convert::brat::write(&original);
        let back = load(
            vec![("r.ann", brat.annotations), ("r.txt", brat.text)],
            "r.ann",
        )?;
        // brat names its entities from their references: brief:e0 → e0's
        // id is made from "brief:e0".
        let by_name: Vec<(String, String)> = back
            .mentions
            .iter()
            .map(|m| (back.entity(m.entity).name.clone(), back.document.text[m.span.clone()].to_string()))
            .collect();
        let expected_names: Vec<(String, String)> = original
            .mentions
            .iter()
            .map(|m| (original.entity(m.entity).name.clone(), original.document.text[m.span.clone()].to_string()))
            .collect();
        prop_assert_eq!(by_name, expected_names, "brat");
    }
}
