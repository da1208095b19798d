//! Writing the review file's TOML directly, line by line. The format is
//! fixed and flat (a header table, arrays of tables of strings and
//! numbers, marks, the reviewer's notes), so a writer of its own needs only TOML's string
//! escaping; the toml crate's serialiser builds a whole document first,
//! and for a 10,000-verdict review took 24 ms of the 20 ms a save may
//! take (`cargo bench --bench review -- serialise`). Every table the file
//! has is written here; a new one needs its lines here, and the round-trip
//! tests in `file.rs` (including the property test of hostile strings) read
//! it back with the real parser. Pure.

use std::fmt::Write as _;

use super::file::{FORMAT, Header};
use super::notes::ReviewNote;
use super::{Anchor, MentionOf, Review, ReviewMention, Target, Verdict};

/// The review as its file's text.
pub fn write(review: &Review, header: &Header) -> String {
    // About 320 bytes a verdict: one allocation for the whole file.
    let mut out = String::with_capacity(256 + review.verdicts.len() * 360);
    out.push_str("[review]\n");
    number(&mut out, "format", FORMAT as usize);
    if let Some(briefing) = &header.briefing {
        string(&mut out, "briefing", briefing);
    }
    string(&mut out, "text", &header.text);
    for verdict in &review.verdicts {
        out.push_str("\n[[verdict]]\n");
        write_verdict(&mut out, verdict);
    }
    for note in &review.notes {
        out.push_str("\n[[note]]\n");
        write_note(&mut out, note);
    }
    for mention in &review.mentions {
        out.push_str("\n[[mention]]\n");
        write_mention(&mut out, mention);
    }
    for (letter, place) in &review.marks {
        let _ = writeln!(out, "\n[marks.{letter}]");
        passage(&mut out, &place.anchor);
    }
    if let Some(place) = &review.position {
        out.push_str("\n[position]\n");
        passage(&mut out, &place.anchor);
    }
    if let Some(place) = &review.caret {
        out.push_str("\n[caret]\n");
        passage(&mut out, &place.anchor);
    }
    out
}

fn write_verdict(out: &mut String, verdict: &Verdict) {
    string(out, "target", verdict.target.kind_name());
    match &verdict.target {
        Target::Mention { entity, anchor } => {
            string(out, "entity", entity);
            passage(out, anchor);
        }
        Target::Entity { id } => string(out, "entity", id),
        Target::Relation { from, kind, to } => {
            string(out, "from", from);
            string(out, "relation", kind);
            string(out, "to", to);
        }
        Target::Event { id } => string(out, "event", id),
        Target::Note { kind, anchor } => {
            string(out, "note", kind.name());
            passage(out, anchor);
        }
    }
    string(out, "verdict", verdict.judgement.name());
    if let Some(comment) = &verdict.comment {
        string(out, "comment", comment);
    }
    string(out, "by", &verdict.reviewer);
    string(out, "at", &verdict.at);
}

fn write_note(out: &mut String, note: &ReviewNote) {
    string(out, "kind", note.kind.name());
    passage(out, &note.anchor);
    if let Some(letter) = note.grading.reliability {
        string(out, "reliability", &letter.to_string());
    }
    if let Some(number_of) = note.grading.credibility {
        number(out, "credibility", usize::from(number_of));
    }
    string(out, "text", &note.text);
    string(out, "by", &note.reviewer);
    string(out, "at", &note.at);
}

fn write_mention(out: &mut String, mention: &ReviewMention) {
    match &mention.of {
        MentionOf::Entity(id) => string(out, "entity", id),
        MentionOf::NewEntity { name, kind } => {
            string(out, "new_entity", name);
            string(out, "kind", kind);
        }
    }
    if let Some(id) = &mention.instead_of {
        string(out, "instead_of", id);
    }
    passage(out, &mention.anchor);
    string(out, "by", &mention.reviewer);
    string(out, "at", &mention.at);
}

fn passage(out: &mut String, anchor: &Anchor) {
    string(out, "quote", &anchor.quote);
    string(out, "prefix", &anchor.prefix);
    string(out, "suffix", &anchor.suffix);
    number(out, "byte_start", anchor.start);
    number(out, "byte_end", anchor.end);
}

fn number(out: &mut String, key: &str, value: usize) {
    let _ = writeln!(out, "{key} = {value}");
}

/// `key = "value"` with TOML's basic-string escapes: the quote, the
/// backslash, and every control character (C0, DEL and C1, which TOML
/// would allow raw but a terminal showing the file would not).
fn string(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = \"");
    let mut plain_from = 0;
    for (at, c) in value.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\t' => "\\t",
            '\r' => "\\r",
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(value.get(plain_from..at).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push_str(escape);
        }
        plain_from = at + c.len_utf8();
    }
    out.push_str(value.get(plain_from..).unwrap_or_default());
    out.push_str("\"\n");
}
