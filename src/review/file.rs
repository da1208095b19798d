//! The review file: TOML in the annotation file's family, one per
//! briefing. Reading it gives the review or diagnostics with the file, line
//! and column, as `brief check` gives them for annotations; writing it is
//! a pure function of the review. No I/O here (that is `store`).
//!
//! ```toml
//! [review]
//! format = 1
//! briefing = "Crocus City Hall attack, 22 March 2024"   # the title
//! text = "sha256:…"            # the text the review was made against
//!
//! [[verdict]]
//! target = "mention"           # mention, entity, relation, event, note
//! entity = "isis-k"
//! quote = "ISIS-K"
//! prefix = "claimed by "
//! suffix = " within hours"
//! byte_start = 1204            # a cache: checked against the quote
//! byte_end = 1210
//! verdict = "confirmed"        # confirmed, disputed, wrong
//! comment = "matches the group's own statement"
//! by = "ana"
//! at = "2026-12-07T15:12:03Z"
//!
//! [[note]]                     # the reviewer's own note on a passage
//! kind = "unverified"          # comment, unverified, disputed, error, gap
//! quote = "three gunmen"       # prefix, suffix, byte_start, byte_end as above
//! reliability = "C"            # optional Admiralty grading: A-F
//! credibility = 3              # and 1-6
//! text = "only one source"
//! by = "ana"
//! at = "2026-12-07T15:14:40Z"
//!
//! [[mention]]                  # the reviewer's own mention of an entity
//! entity = "putin"             # or new_entity = "Name" with kind = "person"
//! instead_of = "kremlin"       # re-pointed: the entity the author gave it
//! quote = "the president"      # prefix, suffix, byte_start, byte_end, by, at
//!
//! [marks.A]                    # uppercase marks, the last position
//!                              # ([position]) and caret ([caret])
//! quote = "On the evening"
//! ...
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::mentions::RawMention;
use super::notes::RawNote;
use super::{Anchor, Judgement, Place, Review, Target, Verdict};
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::model::NoteKind;

/// The review file format this build writes and reads.
pub const FORMAT: u32 = 1;

/// What a review file says about the briefing it was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The briefing's title then, if it had one.
    pub briefing: Option<String>,
    /// `sha256:` and the hex digest of the text's bytes.
    pub text: String,
}

impl Header {
    pub fn for_text(title: Option<&str>, text: &str) -> Header {
        Header {
            briefing: title.map(str::to_string),
            text: text_hash(text),
        }
    }
}

/// The identity of a text, as the review file records it.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    review: RawHeader,
    #[serde(default, rename = "verdict", skip_serializing_if = "Vec::is_empty")]
    verdicts: Vec<Spanned<RawVerdict>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    marks: BTreeMap<String, Spanned<RawPassage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<RawPassage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    caret: Option<RawPassage>,
    #[serde(default, rename = "note", skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Spanned<RawNote>>,
    #[serde(default, rename = "mention", skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Spanned<RawMention>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    briefing: Option<String>,
    text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerdict {
    target: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    /// The note's kind, for a verdict on a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    // A passage's fields, written out: serde's `flatten` cannot be used
    // with `deny_unknown_fields`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suffix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byte_start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byte_end: Option<usize>,
    verdict: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    by: String,
    at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPassage {
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    byte_start: usize,
    byte_end: usize,
}

impl From<RawPassage> for Anchor {
    fn from(raw: RawPassage) -> Self {
        Anchor {
            quote: raw.quote,
            prefix: raw.prefix,
            suffix: raw.suffix,
            start: raw.byte_start,
            end: raw.byte_end,
        }
    }
}

pub use super::emit::write;

impl RawVerdict {
    /// The passage, when its quote and offsets are there.
    fn passage(&mut self) -> Option<Anchor> {
        Some(Anchor {
            quote: self.quote.take()?,
            prefix: self.prefix.take().unwrap_or_default(),
            suffix: self.suffix.take().unwrap_or_default(),
            start: self.byte_start?,
            end: self.byte_end?,
        })
    }
}

/// Reads a review file. Errors are diagnostics placed in `file`.
pub fn read(file: &str, source: &str) -> Result<(Review, Header), Vec<Diagnostic>> {
    let mut reporter = Reporter::new(file, source);
    let raw: RawFile = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            let message = error
                .message()
                .lines()
                .next()
                .unwrap_or("not a review file");
            reporter.push_at(
                Diagnostic::error("review-syntax", message.to_string())
                    .hint("fix the review file by hand, or move it away to start afresh"),
                error.span().unwrap_or(0..0),
            );
            return Err(reporter.diagnostics);
        }
    };
    if raw.review.format != FORMAT {
        reporter.push_at(
            Diagnostic::error(
                "review-format",
                format!("review format {} is not known here", raw.review.format),
            )
            .hint(format!("this build reads format {FORMAT}")),
            0..0,
        );
    }
    let mut review = Review::default();
    for verdict in raw.verdicts {
        let span = verdict.span();
        match typed_verdict(verdict.into_inner()) {
            Ok(verdict) => review.verdicts.push(verdict),
            Err((message, hint, at)) => reporter.push_at(
                Diagnostic::error("review-item", message).hint(hint),
                at.unwrap_or(span),
            ),
        }
    }
    for (letter, passage) in raw.marks {
        let span = passage.span();
        let mut chars = letter.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_uppercase() => {
                review.marks.insert(
                    c,
                    Place {
                        anchor: passage.into_inner().into(),
                    },
                );
            }
            _ => reporter.push_at(
                Diagnostic::error("review-item", format!("`{letter}` is not a mark"))
                    .hint("marks kept with a review are one uppercase letter, A to Z"),
                span,
            ),
        }
    }
    review.position = raw.position.map(|p| Place { anchor: p.into() });
    review.caret = raw.caret.map(|p| Place { anchor: p.into() });
    for note in raw.notes {
        let span = note.span();
        match note.into_inner().typed() {
            Ok(note) => review.notes.push(note),
            Err((message, hint, at)) => reporter.push_at(
                Diagnostic::error("review-item", message).hint(hint),
                at.unwrap_or(span),
            ),
        }
    }
    for mention in raw.mentions {
        let span = mention.span();
        match mention.into_inner().typed() {
            Ok(mention) => review.mentions.push(mention),
            Err((message, hint, at)) => reporter.push_at(
                Diagnostic::error("review-item", message).hint(hint),
                at.unwrap_or(span),
            ),
        }
    }
    if reporter.has_errors() {
        return Err(reporter.diagnostics);
    }
    let header = Header {
        briefing: raw.review.briefing,
        text: raw.review.text,
    };
    Ok((review, header))
}

/// What is wrong with an item: message, hint, and the span of the field
/// at fault when it is known (else the item's table).
type Problem = (String, String, Option<std::ops::Range<usize>>);

fn typed_verdict(mut raw: RawVerdict) -> Result<Verdict, Problem> {
    let judgement = Judgement::from_name(raw.verdict.get_ref()).ok_or_else(|| {
        (
            format!("`{}` is not a verdict", raw.verdict.get_ref()),
            "use confirmed, disputed or wrong".to_string(),
            Some(raw.verdict.span()),
        )
    })?;
    let found_passage = raw.passage();
    let what = raw.target.get_ref().clone();
    let need = |field: Option<String>, name: &str| {
        field.ok_or_else(|| {
            (
                format!("a verdict on a {what} needs `{name}`"),
                format!("add `{name} = \"...\"`"),
                None,
            )
        })
    };
    let passage = |passage: Option<Anchor>| -> Result<Anchor, Problem> {
        passage.ok_or_else(|| {
            (
                format!("a verdict on a {what} needs its passage"),
                "add `quote`, `byte_start` and `byte_end`".to_string(),
                None,
            )
        })
    };
    let target_span = raw.target.span();
    let target = match raw.target.get_ref().as_str() {
        "mention" => Target::Mention {
            entity: need(raw.entity, "entity")?,
            anchor: passage(found_passage.clone())?,
        },
        "entity" => Target::Entity {
            id: need(raw.entity, "entity")?,
        },
        "relation" => Target::Relation {
            from: need(raw.from, "from")?,
            kind: need(raw.relation, "relation")?,
            to: need(raw.to, "to")?,
        },
        "event" => Target::Event {
            id: need(raw.event, "event")?,
        },
        "note" => {
            let kind = need(raw.note, "note")?;
            Target::Note {
                kind: NoteKind::from_name(&kind).ok_or_else(|| {
                    (
                        format!("`{kind}` is not a note kind"),
                        "use comment, unverified, disputed, error or gap".to_string(),
                        None,
                    )
                })?,
                anchor: passage(found_passage.clone())?,
            }
        }
        other => {
            return Err((
                format!("`{other}` is not something a verdict is on"),
                "use mention, entity, relation, event or note".to_string(),
                Some(target_span),
            ));
        }
    };
    Ok(Verdict {
        target,
        judgement,
        comment: raw.comment,
        reviewer: raw.by,
        at: raw.at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Review {
        let text = "Gunmen entered Crocus City Hall on 22 March.";
        let start = text.find("Crocus").unwrap_or(0);
        let mut review = Review::default();
        for (target, judgement) in [
            (
                Target::Mention {
                    entity: "crocus".into(),
                    anchor: Anchor::capture(text, start..start + 16),
                },
                Judgement::Confirmed,
            ),
            (
                Target::Entity {
                    id: "isis-k".into(),
                },
                Judgement::Disputed,
            ),
            (
                Target::Relation {
                    from: "isis-k".into(),
                    kind: "claimed".into(),
                    to: "attack".into(),
                },
                Judgement::Wrong,
            ),
            (Target::Event { id: "e1".into() }, Judgement::Confirmed),
            (
                Target::Note {
                    kind: NoteKind::Unverified,
                    anchor: Anchor::capture(text, 0..6),
                },
                Judgement::Disputed,
            ),
        ] {
            review.judge(Verdict {
                target,
                judgement,
                comment: Some("checked \"twice\"\nagainst TASS".into()),
                reviewer: "ana".into(),
                at: "2026-12-07T15:12:03Z".into(),
            });
        }
        review.marks.insert(
            'A',
            Place {
                anchor: Anchor::capture(text, 0..6),
            },
        );
        review.position = Some(Place {
            anchor: Anchor::capture(text, 7..14),
        });
        review.caret = Some(Place {
            anchor: Anchor::capture(text, 9..14),
        });
        review.mentions = vec![
            crate::review::ReviewMention {
                anchor: Anchor::capture(text, 2..6),
                of: crate::review::MentionOf::Entity("putin".into()),
                instead_of: Some("kremlin".into()),
                reviewer: "ana".into(),
                at: "2026-12-07T15:13:00Z".into(),
            },
            crate::review::ReviewMention {
                anchor: Anchor::capture(text, 7..14),
                of: crate::review::MentionOf::NewEntity {
                    name: "The \"Hall\"".into(),
                    kind: "facility".into(),
                },
                instead_of: None,
                reviewer: "ana".into(),
                at: "2026-12-07T15:13:30Z".into(),
            },
        ];
        review
    }

    #[test]
    fn a_review_reads_back_as_it_was_written() {
        let review = sample();
        let header = Header::for_text(Some("Crocus"), "text");
        let written = write(&review, &header);
        let (read_back, header_back) = read("r.review.toml", &written).expect("reads");
        assert_eq!(read_back, review);
        assert_eq!(header_back, header);
        assert!(written.contains("[[verdict]]") && written.contains("target = \"relation\""));
    }

    #[test]
    fn a_wrong_item_is_reported_at_its_table() {
        let source = "[review]\nformat = 1\ntext = \"sha256:00\"\n\n[[verdict]]\ntarget = \"entity\"\nentity = \"x\"\nverdict = \"maybe\"\nby = \"a\"\nat = \"t\"\n";
        let errors = read("r.review.toml", source).expect_err("a bad verdict");
        let rendered = errors.first().map(Diagnostic::render).unwrap_or_default();
        assert!(rendered.contains("`maybe` is not a verdict"), "{rendered}");
        assert!(rendered.contains("r.review.toml:8:11"), "{rendered}");
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let errors = read("r.review.toml", "[review]\nformat = = 1\n").expect_err("syntax");
        let rendered = errors.first().map(Diagnostic::render).unwrap_or_default();
        assert!(rendered.contains("r.review.toml:2:"), "{rendered}");
    }

    proptest::proptest! {
        /// Whatever a reviewer types or a text holds (quotes, backslashes,
        /// controls, newlines, any script) is written so that the parser
        /// reads back the same review.
        #[test]
        fn any_strings_read_back_as_written(
            quote in "\\PC{0,40}|[\"\\\\\u{0}-\u{1f}\u{7f}-\u{9f}a\n]{0,20}",
            comment in proptest::option::of("\\PC{0,60}|[\"\\\\\u{0}-\u{1f}\u{7f}-\u{9f}\u{2028}é\r\n\t]{0,30}"),
            reviewer in "\\PC{0,12}",
        ) {
            let mut review = Review::default();
            review.judge(Verdict {
                target: Target::Mention {
                    entity: reviewer.clone(),
                    anchor: Anchor {
                        quote: quote.clone(),
                        prefix: comment.clone().unwrap_or_default(),
                        suffix: quote.clone(),
                        start: 3,
                        end: 9,
                    },
                },
                judgement: Judgement::Wrong,
                comment,
                reviewer,
                at: "2026-12-07T15:12:03Z".into(),
            });
            let header = Header::for_text(Some(&quote), "text");
            let written = write(&review, &header);
            let (back, header_back) = read("r.review.toml", &written)
                .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e:?}\n{written}")))?;
            proptest::prop_assert_eq!(back, review);
            proptest::prop_assert_eq!(header_back, header);
        }
    }
}
