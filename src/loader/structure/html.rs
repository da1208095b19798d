//! Raw HTML in Markdown: shown as text, never interpreted, except that
//! comments (`<!-- ... -->`), which a browser would not show either, are
//! left out. A comment in an HTML block may run over several of the
//! parser's lines, so the search carries whether one is open from line to
//! line.

use std::ops::Range;

/// Whether an inline HTML event is a comment (the parser hands over a
/// whole inline comment, line breaks included, as one event).
pub(super) fn is_comment(html: &str) -> bool {
    html.starts_with("<!--")
}

/// The parts of one line of an HTML block outside comments, as byte ranges
/// of `line`. `open` says whether a comment is open where the line starts,
/// and is left saying whether one is open where it ends. Where a line had
/// a comment, what is left of it that is only whitespace (its indent, its
/// line break) goes too, so a comment on a line of its own leaves no blank
/// line behind.
pub(super) fn outside_comments(line: &str, open: &mut bool) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut at = 0;
    let mut had_comment = *open;
    while at < line.len() {
        let rest = line.get(at..).unwrap_or_default();
        if *open {
            match rest.find("-->") {
                Some(end) => {
                    at += end + "-->".len();
                    *open = false;
                }
                None => at = line.len(),
            }
            continue;
        }
        let Some(start) = rest.find("<!--") else {
            parts.push(at..line.len());
            break;
        };
        if start > 0 {
            parts.push(at..at + start);
        }
        had_comment = true;
        at += start + "<!--".len();
        // `<!-->` and `<!--->` are whole (empty) comments in CommonMark.
        let after = line.get(at..).unwrap_or_default();
        if let Some(close) = [">", "->"].into_iter().find(|end| after.starts_with(end)) {
            at += close.len();
        } else {
            *open = true;
        }
    }
    if had_comment {
        parts.retain(|part| {
            line.get(part.clone())
                .is_some_and(|shown| !shown.trim().is_empty())
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(lines: &[&str]) -> Vec<String> {
        let mut open = false;
        lines
            .iter()
            .flat_map(|line| {
                outside_comments(line, &mut open)
                    .into_iter()
                    .map(|part| line[part].to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn comments_are_left_out_across_lines() {
        assert_eq!(shown(&["<!-- one line -->\n"]), Vec::<String>::new());
        assert_eq!(
            shown(&["<!-- starts\n", "goes on\n", "ends --> after\n"]),
            [" after\n"]
        );
        assert_eq!(shown(&["<div><!-- a --></div>\n"]), ["<div>", "</div>\n"]);
        assert_eq!(
            shown(&["<div>\n", "  <!-- a -->\n", "</div>\n"]),
            ["<div>\n", "</div>\n"]
        );
        assert_eq!(shown(&["<!--> x <!---> y\n"]), [" x ", " y\n"]);
        assert_eq!(shown(&["<p>no comment</p>\n"]), ["<p>no comment</p>\n"]);
        assert_eq!(
            shown(&["<!-- never closed\n", "<p>\n"]),
            Vec::<String>::new()
        );
    }
}
