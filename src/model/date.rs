//! Fuzzy dates: an EDTF (ISO 8601-2) expression reduced to what the timeline
//! needs, namely the earliest and latest calendar day it can mean, kept beside
//! the expression as written.

use std::cmp::Ordering;

use edtf_core::{Bound, Edtf};

/// One end of the range of days a fuzzy date can mean. The derived order puts
/// an open start before every day and an open end after every day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateBound {
    Unbounded,
    Day { year: i64, month: u8, day: u8 },
    Unending,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyDate {
    /// The EDTF expression as written in the annotation file.
    pub expression: String,
    pub earliest: DateBound,
    pub latest: DateBound,
    pub uncertain: bool,
    pub approximate: bool,
    /// The readable form, made once: the timeline shows it every frame.
    shown: String,
}

impl FuzzyDate {
    /// Parses an EDTF expression; the error is edtf-core's reason.
    pub fn parse(expression: &str) -> Result<Self, String> {
        let parsed = Edtf::parse(expression).map_err(|error| error.message.to_string())?;
        let bounds = parsed.bounds();
        // An unknown end is treated like an open one: it sorts as early (for a
        // start) or as late (for an end) as it can.
        let convert = |bound: Bound, unknown: DateBound| match bound {
            Bound::NegativeInfinity => DateBound::Unbounded,
            Bound::PositiveInfinity => DateBound::Unending,
            Bound::Date(day) => DateBound::Day {
                year: day.year,
                month: day.month,
                day: day.day,
            },
            Bound::Unknown => unknown,
        };
        let mut date = Self {
            expression: expression.to_string(),
            earliest: convert(bounds.earliest, DateBound::Unbounded),
            latest: convert(bounds.latest, DateBound::Unending),
            uncertain: parsed.is_uncertain(),
            approximate: parsed.is_approximate(),
            shown: String::new(),
        };
        date.shown = date.make_readable();
        Ok(date)
    }

    /// The date of an event that has none: it sorts after every dated
    /// event and reads "undated".
    pub fn undated() -> Self {
        Self {
            expression: String::new(),
            earliest: DateBound::Unending,
            latest: DateBound::Unending,
            uncertain: false,
            approximate: false,
            shown: "undated".to_string(),
        }
    }

    pub fn is_undated(&self) -> bool {
        self.expression.is_empty()
    }

    /// The date for people: "22 Mar 2024", "Oct 2002?", "c. 2002",
    /// "1990s", "1994–2009", "until 2004".
    pub fn readable(&self) -> &str {
        &self.shown
    }

    /// Forms it does not know are shown as written.
    fn make_readable(&self) -> String {
        let expression = self.expression.trim();
        if let Some((start, end)) = expression.split_once('/') {
            return match (start, end) {
                ("" | "..", "" | "..") => "unknown".to_string(),
                ("" | "..", end) => format!("until {}", readable_single(end)),
                (start, "" | "..") => format!("from {}", readable_single(start)),
                (start, end) => readable_range(start, end),
            };
        }
        readable_single(expression)
    }

    /// Timeline order: earliest possible start, then latest possible end.
    pub fn timeline_cmp(&self, other: &Self) -> Ordering {
        self.earliest
            .cmp(&other.earliest)
            .then(self.latest.cmp(&other.latest))
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SEASONS: [&str; 4] = ["spring", "summer", "autumn", "winter"];

/// An interval, written once where both ends share a year or month:
/// "1–3 Sep 2004", "Oct–Dec 2014", "1994–2009".
fn readable_range(start: &str, end: &str) -> String {
    let plain = |d: &str| !d.ends_with(['?', '~', '%']) && !d.contains('X');
    let parts = |d: &str| d.split('-').map(str::to_string).collect::<Vec<_>>();
    let (a, b) = (parts(start), parts(end));
    if plain(start) && plain(end) && a.len() == b.len() && a.first() == b.first() {
        let first = readable_single(start);
        let last = readable_single(end);
        match a.len() {
            // Same year and month: "1–3 Sep 2004".
            3 if a.get(1) == b.get(1) => {
                let day = first.split(' ').next().unwrap_or_default();
                return format!("{day}\u{2013}{last}");
            }
            // Same year: "Oct–Dec 2014", "22 Mar–3 Apr 2024".
            2 | 3 => {
                let without_year = first
                    .rsplit_once(' ')
                    .map_or(first.as_str(), |(head, _)| head);
                return format!("{without_year}\u{2013}{last}");
            }
            _ => {}
        }
    }
    format!("{}\u{2013}{}", readable_single(start), readable_single(end))
}

/// One date of an interval: digits with optional `?`, `~` or `%`.
fn readable_single(date: &str) -> String {
    let (core, approximate, uncertain) = match date.chars().last() {
        Some('~') => (date.trim_end_matches('~'), true, false),
        Some('?') => (date.trim_end_matches('?'), false, true),
        Some('%') => (date.trim_end_matches('%'), true, true),
        _ => (date, false, false),
    };
    let parts: Vec<&str> = core.split('-').collect();
    let month_name = |m: &str| -> Option<String> {
        let number: usize = m.parse().ok()?;
        match number {
            1..=12 => MONTHS.get(number - 1).map(|s| (*s).to_string()),
            21..=24 => SEASONS.get(number - 21).map(|s| (*s).to_string()),
            _ => None,
        }
    };
    let plain = match parts.as_slice() {
        [year] if year.len() == 4 && year.ends_with("XX") => {
            format!("{}00s", year.get(..2).unwrap_or_default())
        }
        [year] if year.len() == 4 && year.ends_with('X') => {
            format!("{}0s", year.get(..3).unwrap_or_default())
        }
        [year] => (*year).to_string(),
        [year, month] => match month_name(month) {
            Some(name) => format!("{name} {year}"),
            None => core.to_string(),
        },
        [year, month, day] => match (month_name(month), day.parse::<u8>()) {
            (Some(name), Ok(day)) => format!("{day} {name} {year}"),
            _ => core.to_string(),
        },
        _ => core.to_string(),
    };
    match (approximate, uncertain) {
        (true, true) => format!("c. {plain}?"),
        (true, false) => format!("c. {plain}"),
        (false, true) => format!("{plain}?"),
        (false, false) => plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i64, month: u8, day: u8) -> DateBound {
        DateBound::Day { year, month, day }
    }

    #[test]
    fn bounds_of_the_forms_the_format_promises() {
        let cases = [
            ("2024", day(2024, 1, 1), day(2024, 12, 31)),
            ("2024-03", day(2024, 3, 1), day(2024, 3, 31)),
            ("2024-03-22", day(2024, 3, 22), day(2024, 3, 22)),
            ("199X", day(1990, 1, 1), day(1999, 12, 31)),
            ("1994/2009", day(1994, 1, 1), day(2009, 12, 31)),
            ("2014-10/2014-12", day(2014, 10, 1), day(2014, 12, 31)),
            ("../2004", DateBound::Unbounded, day(2004, 12, 31)),
        ];
        for (expression, earliest, latest) in cases {
            let date = FuzzyDate::parse(expression).expect(expression);
            assert_eq!(
                (date.earliest, date.latest),
                (earliest, latest),
                "{expression}"
            );
        }
    }

    #[test]
    fn qualifiers_are_recorded() {
        assert!(FuzzyDate::parse("2002?").unwrap().uncertain);
        assert!(FuzzyDate::parse("2002~").unwrap().approximate);
        let both = FuzzyDate::parse("2002%").unwrap();
        assert!(both.uncertain && both.approximate);
    }

    #[test]
    fn readable_forms() {
        let readable = |e: &str| FuzzyDate::parse(e).unwrap().readable().to_string();
        assert_eq!(readable("2024-03-22"), "22 Mar 2024");
        assert_eq!(readable("2024-03"), "Mar 2024");
        assert_eq!(readable("2002~"), "c. 2002");
        assert_eq!(readable("2002-10?"), "Oct 2002?");
        assert_eq!(readable("199X"), "1990s");
        assert_eq!(readable("19XX"), "1900s");
        assert_eq!(readable("1994/2009"), "1994\u{2013}2009");
        assert_eq!(readable("../2004"), "until 2004");
        assert_eq!(readable("2019/.."), "from 2019");
        assert_eq!(readable("2014-23"), "autumn 2014");
        assert_eq!(readable("2004-09-01/2004-09-03"), "1\u{2013}3 Sep 2004");
        assert_eq!(readable("2014-10/2014-12"), "Oct\u{2013}Dec 2014");
        assert_eq!(
            readable("2024-03-22/2024-04-02"),
            "22 Mar\u{2013}2 Apr 2024"
        );
        assert_eq!(readable("2002-10?/2003"), "Oct 2002?\u{2013}2003");
    }

    #[test]
    fn absurd_dates_are_refused_or_bounded_without_panic() {
        for expression in [
            "Y170000002",
            "Y-170000002",
            "-9999",
            "9999-12-31/0001",
            "0000",
            "X",
            "..",
            "/",
        ] {
            if let Ok(date) = FuzzyDate::parse(expression) {
                let _ = date.readable();
                let _ = date.timeline_cmp(&date);
            }
        }
    }

    #[test]
    fn prose_is_not_a_date() {
        assert!(FuzzyDate::parse("late 2014").is_err());
        assert!(FuzzyDate::parse("2024-02-30").is_err());
    }

    #[test]
    fn timeline_order_is_start_then_end() {
        let decade = FuzzyDate::parse("199X").unwrap();
        let year = FuzzyDate::parse("1994").unwrap();
        let open = FuzzyDate::parse("../1990").unwrap();
        assert_eq!(decade.timeline_cmp(&year), Ordering::Less);
        assert_eq!(open.timeline_cmp(&decade), Ordering::Less);
        let first_of_1990 = FuzzyDate::parse("1990-01").unwrap();
        assert_eq!(first_of_1990.timeline_cmp(&decade), Ordering::Less);
    }
}
