//! Reading TOML values that both the settings and the `[keys.*]` tables
//! need: a table's entries with their spans, and a value's type in words
//! for messages. Owns nothing of what a setting or a key means.

use toml::Spanned;
use toml::de::DeValue;

use crate::loader::Diagnostic;
use crate::loader::diagnostic::Reporter;

/// "a string", "an integer": a TOML type in words, for messages.
pub fn a_type(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// A key of a table, with its span.
pub type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;

/// The values of a table, if `value` is one; reports it otherwise.
pub fn table<'i>(
    reporter: &mut Reporter<'_>,
    value: Spanned<DeValue<'i>>,
    what: &str,
    how: &str,
) -> Option<Vec<(Key<'i>, Spanned<DeValue<'i>>)>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Table(table) => Some(table.into_iter().collect()),
        other => {
            reporter.push_at(
                Diagnostic::error(
                    "wrong-type",
                    format!("{what} must be a table, not {}", a_type(other.type_str())),
                )
                .hint(how.to_string()),
                span,
            );
            None
        }
    }
}
