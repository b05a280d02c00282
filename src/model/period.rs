//! Periods of time a reading or a calendar bound refers to: a year (`2026`), a half
//! (`2026-H1`), a quarter (`2026-Q2`), a month (`2026-05`) or a day (`2026-05-17`).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

/// A period of the calendar, from a whole year down to a single day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year, `2026`.
    Year(i16),
    /// A half-year, `2026-H1` or `2026-H2`.
    Half(i16, u8),
    /// A quarter, `2026-Q1` … `2026-Q4`.
    Quarter(i16, u8),
    /// A month, `2026-05`.
    Month(i16, u8),
    /// A single day, `2026-05-17`.
    Day(Date),
}

/// How often an indicator is expected to be measured: `every:` on an indicator, or
/// `[readings] every` in `pan.toml` for the whole plan.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
pub enum Frequency {
    /// Once a year.
    #[serde(rename = "year")]
    Annual,
    /// Twice a year.
    #[serde(rename = "half-year")]
    HalfYearly,
    /// Four times a year.
    #[serde(rename = "quarter")]
    Quarterly,
    /// Every month.
    #[serde(rename = "month")]
    Monthly,
    /// Once: a deliverable, due when its action's calendar ends.
    #[serde(rename = "once")]
    Once,
}

impl Frequency {
    /// All frequencies, in the order they are documented.
    pub const ALL: [Frequency; 5] = [
        Frequency::Annual,
        Frequency::HalfYearly,
        Frequency::Quarterly,
        Frequency::Monthly,
        Frequency::Once,
    ];

    /// The spelling used in files (`every: year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Annual => "year",
            Frequency::HalfYearly => "half-year",
            Frequency::Quarterly => "quarter",
            Frequency::Monthly => "month",
            Frequency::Once => "once",
        }
    }

    /// Parse the spelling used in files.
    pub fn parse(s: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The period whose reading is overdue for an indicator of this frequency, if any: the
    /// one after the last reading (or the first since the action started) when it has
    /// ended by `today`. A deliverable (`once`) has no period of its own here: see
    /// `report::due` for its due date.
    pub fn overdue_period(self, last: Option<Period>, start: Date, today: Date) -> Option<Period> {
        if self == Frequency::Once {
            return None;
        }
        let expected = match last {
            Some(p) => self.period_of(p.end()).next(),
            None => self.period_of(start),
        };
        (expected.end() < today).then_some(expected)
    }

    /// The period of this frequency that contains `date` (for `once`, the day itself).
    pub fn period_of(self, date: Date) -> Period {
        let y = date.year();
        let m = date.month() as u8;
        match self {
            Frequency::Annual => Period::Year(y),
            Frequency::HalfYearly => Period::Half(y, if m <= 6 { 1 } else { 2 }),
            Frequency::Quarterly => Period::Quarter(y, (m - 1) / 3 + 1),
            Frequency::Monthly => Period::Month(y, m),
            Frequency::Once => Period::Day(date),
        }
    }
}

/// Why a string is not a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PeriodError {}

fn year4(s: &str) -> Option<i16> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') {
        s.parse().ok()
    } else {
        None
    }
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// The period a person probably meant by a form pan does not read: the French
/// `2025-S1` (semestre) and `2025-T2` (trimestre), a lower-case `2025-h2`, a day written
/// `31/12/2025`, a month `12/2025`.
pub fn meant(s: &str) -> Option<Period> {
    let t = s.trim();
    let upper = t.to_ascii_uppercase();
    if let Some((y, rest)) = upper.split_once('-') {
        let fixed = match rest.as_bytes() {
            [b'S', n @ (b'1' | b'2')] => Some(format!("{y}-H{}", *n as char)),
            [b'T', n @ b'1'..=b'4'] => Some(format!("{y}-Q{}", *n as char)),
            _ if upper != t => Some(upper.clone()),
            _ => None,
        };
        if let Some(p) = fixed.and_then(|f| f.parse().ok()) {
            return Some(p);
        }
    }
    let parts: Vec<&str> = t.split(['/', '.']).collect();
    let pad = |x: &str| {
        if x.len() == 1 {
            format!("0{x}")
        } else {
            x.to_string()
        }
    };
    let iso = match parts.as_slice() {
        [d, m, y] if y.len() == 4 => format!("{y}-{}-{}", pad(m), pad(d)),
        [m, y] if y.len() == 4 => format!("{y}-{}", pad(m)),
        _ => return None,
    };
    iso.parse().ok()
}

impl Period {
    /// A period as a person types it on the command line or in a spreadsheet: spaces
    /// around and the case of `H` and `Q` do not matter (`2025-h2` is 2025-H2), as for
    /// codes; in the plan's files, periods are written exactly.
    pub fn typed(s: &str) -> Result<Period, PeriodError> {
        let t = s.trim();
        if t.bytes().any(|b| b == b'h' || b == b'q')
            && let Ok(p) = t.to_ascii_uppercase().parse()
        {
            return Ok(p);
        }
        t.parse()
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            let near = meant(s)
                .map(|p| format!("did you mean {p}? "))
                .unwrap_or_default();
            PeriodError(format!(
                "`{s}` is not a period; {near}write a year (2026), a half (2026-H1), a quarter \
                 (2026-Q2), a month (2026-05) or a day (2026-05-17)"
            ))
        };
        if s.trim().is_empty() {
            return Err(PeriodError(
                "the period is empty; write a year (2026), a half (2026-H1), a quarter (2026-Q2), \
                 a month (2026-05) or a day (2026-05-17)"
                    .to_string(),
            ));
        }
        let mut parts = s.split('-');
        let y = parts.next().and_then(year4).ok_or_else(bad)?;
        let Some(second) = parts.next() else {
            return Ok(Period::Year(y));
        };
        let third = parts.next();
        if parts.next().is_some() {
            return Err(bad());
        }
        match (second.as_bytes(), third) {
            ([b'H', h @ (b'1' | b'2')], None) => Ok(Period::Half(y, h - b'0')),
            ([b'Q', q @ b'1'..=b'4'], None) => Ok(Period::Quarter(y, q - b'0')),
            (_, None) => match two_digits(second) {
                Some(m @ 1..=12) => Ok(Period::Month(y, m)),
                _ => Err(bad()),
            },
            (_, Some(d)) => {
                let m = two_digits(second).ok_or_else(bad)?;
                let d = two_digits(d).ok_or_else(bad)?;
                Date::new(y, m as i8, d as i8)
                    .map(Period::Day)
                    .map_err(|_| PeriodError(format!("`{s}` is not a day of the calendar; write a real day (2026-02-28), or a month (2026-02)")))
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Day(d) => write!(f, "{d}"),
        }
    }
}

fn date(y: i16, m: u8, d: u8) -> Date {
    // Callers only pass month/day combinations that exist in every year.
    Date::new(y, m as i8, d as i8).unwrap_or(Date::MIN)
}

fn last_day(y: i16, m: u8) -> Date {
    date(y, m, 1).last_of_month()
}

impl Period {
    /// The first day of the period.
    pub fn start(&self) -> Date {
        match *self {
            Period::Year(y) => date(y, 1, 1),
            Period::Half(y, h) => date(y, if h == 1 { 1 } else { 7 }, 1),
            Period::Quarter(y, q) => date(y, (q - 1) * 3 + 1, 1),
            Period::Month(y, m) => date(y, m, 1),
            Period::Day(d) => d,
        }
    }

    /// The last day of the period.
    pub fn end(&self) -> Date {
        match *self {
            Period::Year(y) => date(y, 12, 31),
            Period::Half(y, h) => last_day(y, if h == 1 { 6 } else { 12 }),
            Period::Quarter(y, q) => last_day(y, q * 3),
            Period::Month(y, m) => last_day(y, m),
            Period::Day(d) => d,
        }
    }

    /// The calendar year the period starts in.
    pub fn year(&self) -> i16 {
        self.start().year()
    }

    /// Rank of the granularity: a year is coarser (0) than a day (4).
    fn rank(&self) -> u8 {
        match self {
            Period::Year(_) => 0,
            Period::Half(..) => 1,
            Period::Quarter(..) => 2,
            Period::Month(..) => 3,
            Period::Day(_) => 4,
        }
    }

    /// The period of the same granularity that follows this one.
    pub fn next(&self) -> Period {
        match *self {
            Period::Year(y) => Period::Year(y.saturating_add(1)),
            Period::Half(y, 1) => Period::Half(y, 2),
            Period::Half(y, _) => Period::Half(y.saturating_add(1), 1),
            Period::Quarter(y, 4) => Period::Quarter(y.saturating_add(1), 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y.saturating_add(1), 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Day(d) => Period::Day(d.tomorrow().unwrap_or(d)),
        }
    }

    /// Whether the period is entirely before or on `date`'s day (it has ended).
    pub fn ended_by(&self, date: Date) -> bool {
        self.end() < date
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        // By when the period ends (a year ends after its first half), then by when it
        // starts (the shorter, later-starting period after), then coarser first: so the
        // greatest period is the latest measure, everywhere periods are sorted.
        self.end()
            .cmp(&other.end())
            .then(self.start().cmp(&other.start()))
            .then(self.rank().cmp(&other.rank()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // A bare year is written as a number in YAML, as people write it.
            Period::Year(y) => s.serialize_i64(i64::from(*y)),
            _ => s.collect_str(self),
        }
    }
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A year (2026), half (2026-H1), quarter (2026-Q2), month (2026-05) or day (2026-05-17)",
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": "^[1-9][0-9]{3}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(-[0-3][0-9])?))?$"}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(p("2026"), Period::Year(2026));
        assert_eq!(p("2026-H2"), Period::Half(2026, 2));
        assert_eq!(p("2026-Q4"), Period::Quarter(2026, 4));
        assert_eq!(p("2026-05"), Period::Month(2026, 5));
        assert_eq!(p("2026-05-17").to_string(), "2026-05-17");
        for s in ["2026", "2026-H1", "2026-Q3", "2026-12", "2024-02-29"] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "26",
            "02026",
            "2026-",
            "2026-H3",
            "2026-Q0",
            "2026-Q5",
            "2026-13",
            "2026-00",
            "2026-5",
            "2025-02-29",
            "2026-05-32",
            "2026-05-17-1",
            "2026/05",
            "2026-h1",
            " 2026",
            "0999",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn bounds_and_next() {
        assert_eq!(p("2026-Q1").end().to_string(), "2026-03-31");
        assert_eq!(p("2024-02").end().to_string(), "2024-02-29");
        assert_eq!(p("2026-H2").start().to_string(), "2026-07-01");
        assert_eq!(p("2026-Q4").next(), p("2027-Q1"));
        assert_eq!(p("2026-12").next(), p("2027-01"));
        assert_eq!(p("2026-H2").next(), p("2027-H1"));
        assert_eq!(p("2026").next(), p("2027"));
    }

    #[test]
    fn orders_chronologically() {
        let mut v = [
            p("2026-Q2"),
            p("2026"),
            p("2025-12-31"),
            p("2026-01"),
            p("2026-H1"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(s, ["2025-12-31", "2026-01", "2026-H1", "2026-Q2", "2026"]);
        // A year ends after its first half: it is the later measure.
        assert!(p("2025") > p("2025-H1"));
        assert!(p("2025-H2") > p("2025"));
    }

    #[test]
    fn frequency_periods() {
        let d = Date::new(2026, 8, 15).unwrap();
        assert_eq!(Frequency::Quarterly.period_of(d), p("2026-Q3"));
        assert_eq!(Frequency::HalfYearly.period_of(d), p("2026-H2"));
        assert_eq!(Frequency::Monthly.period_of(d), p("2026-08"));
        assert_eq!(Frequency::Annual.period_of(d), p("2026"));
        assert_eq!(Frequency::Once.period_of(d), Period::Day(d));
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse(f.as_str()), Some(f));
        }
        assert_eq!(Frequency::parse("annual"), None);
        assert_eq!(Frequency::parse("yearly"), None);
    }
}
