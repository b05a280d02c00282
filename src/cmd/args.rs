//! Arguments several commands share: the document options (date, language, file), the
//! filters of actions, listing formats, and how dates and choices typed by people are
//! read.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::config::{Lang, Settings};
use crate::render::words;
use crate::report::health::Health;
use crate::report::status::StateFilter;

/// Read a date typed on the command line, in pan's words when it is not one.
pub fn date(s: &str) -> Result<Date, String> {
    s.trim()
        .parse::<Date>()
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30"))
}

/// Read a period typed on the command line (`2025-h2` is 2025-H2; French forms and
/// `31/12/2025` get a "did you mean").
pub fn period(s: &str) -> Result<crate::model::Period, String> {
    crate::model::Period::typed(s).map_err(|e| e.to_string())
}

/// Read a year typed on the command line: four digits (`27` is not 2027).
pub fn year(s: &str) -> Result<i16, String> {
    let t = s.trim();
    match t.parse::<i16>() {
        Ok(y) if (1000..=9999).contains(&y) => Ok(y),
        Ok(y) if (0..100).contains(&y) => Err(format!(
            "`{t}` is not a year; did you mean {}? Write the year with four digits",
            2000 + y
        )),
        _ => Err(format!(
            "`{t}` is not a year; write it with four digits, e.g. 2027"
        )),
    }
}

/// Spelling-insensitive form of a choice: case, accents, and `_`, `-` or spaces ignored.
fn key(s: &str) -> String {
    crate::text::fold(s)
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .collect()
}

/// Read a health as people write it: `no_data`, `no-data`, `no data` (as the status table
/// prints it), or its French label.
pub fn health(s: &str) -> Result<Health, String> {
    let k = key(s);
    Health::ALL
        .into_iter()
        .find(|h| {
            std::iter::once(h.as_str())
                .chain(Lang::ALL.map(|l| words::health(*h, l)))
                .any(|w| key(w) == k)
        })
        .ok_or_else(|| {
            let all: Vec<&str> = Health::ALL.iter().map(|h| h.as_str()).collect();
            format!("`{s}` is not a health; healths: {}", all.join(", "))
        })
}

/// Read a recorded state as people write it: `in_progress`, `in-progress`, `in progress`,
/// or its French label; `unrecorded` for actions without any state.
pub fn state(s: &str) -> Result<StateFilter, String> {
    let k = key(s);
    StateFilter::ALL
        .into_iter()
        .find(|st| {
            std::iter::once(st.as_str())
                .chain(Lang::ALL.map(|l| words::state_filter(*st, l)))
                .any(|w| key(w) == k)
        })
        .ok_or_else(|| {
            let all: Vec<&str> = StateFilter::ALL.iter().map(|s| s.as_str()).collect();
            format!("`{s}` is not a state; states: {}", all.join(", "))
        })
}

/// What every document (digest, report) is asked for: its date, language and file.
#[derive(Debug, clap::Args)]
pub struct DocumentArgs {
    /// The day the document describes (default: today, printed in the heading).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<Date>,
    /// Language (default: pan.toml's; French for the bundled plan).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The one format of a document (a digest, a report, an import's report): Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Markdown {
    /// GitHub-flavoured Markdown.
    Markdown,
}

impl Markdown {
    /// The extensions of a Markdown file.
    pub const FILES: &[(&str, Markdown)] = &[
        ("md", Markdown::Markdown),
        ("markdown", Markdown::Markdown),
        ("txt", Markdown::Markdown),
    ];

    /// Refuse a file whose name says it holds something else (`-o copil.pdf`).
    pub fn check(output: Option<&std::path::Path>) -> super::Result<()> {
        super::output::format_for(None, output, Markdown::FILES, Markdown::Markdown).map(|_| ())
    }
}

impl DocumentArgs {
    /// The as-of date: the one given, or today.
    pub fn as_of(&self, today: Date) -> Date {
        self.as_of.unwrap_or(today)
    }

    /// The language: the one given, or the settings'.
    pub fn lang(&self, settings: &Settings) -> Lang {
        self.lang.unwrap_or(settings.plan.language)
    }
}

/// Output formats of listings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table that fits the terminal.
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// CSV (cells a spreadsheet would run as formulas are neutralised).
    Csv,
    /// JSON.
    Json,
}

impl Format {
    /// The extensions of `-o FILE` that name each format.
    pub const FILES: &[(&str, Format)] = &[
        ("txt", Format::Table),
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("csv", Format::Csv),
        ("json", Format::Json),
    ];
}

/// The command-line spelling and help of choices whose types live below the command
/// line (settings, reports, the terminal): the parser's traits are implemented here, so
/// that only `cmd` knows clap.
macro_rules! choices {
    ($($ty:ty { $($variant:ident = $name:literal : $help:literal),* $(,)? })*) => {$(
        impl clap::ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$ty>::$variant),*]
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(match self {
                    $(<$ty>::$variant => clap::builder::PossibleValue::new($name).help($help)),*
                })
            }
        }
    )*};
}

choices! {
    Lang {
        Fr = "fr": "French, the plan's language",
        En = "en": "English",
    }
    crate::render::term::ColorChoice {
        Auto = "auto": "Colour when writing to a terminal and `NO_COLOR` is not set",
        Always = "always": "Always colour",
        Never = "never": "Never colour",
    }
    crate::report::full::ReportBy {
        Lever = "lever": "By lever",
        Ministry = "ministry": "By ministry (an action of several ministries appears under each)",
        Calendar = "calendar": "By calendar bucket",
    }
    crate::report::status::GroupBy {
        Lever = "lever": "By lever (A–F)",
        Objective = "objective": "By objective (A-1 …)",
        Ministry = "ministry": "By ministry of the responsible actors (an action of two ministries is in both)",
        Calendar = "calendar": "By calendar: ends in 2026, …, continuous, open-ended, recurring, dependent",
        State = "state": "By recorded state",
        Health = "health": "By derived health",
    }
}

/// Parse `DIMENSION=VALUE` (`--by canton=wiltz`).
pub fn parse_by(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((d, v)) if !d.trim().is_empty() && !v.trim().is_empty() => {
            Ok((d.trim().to_string(), v.trim().to_string()))
        }
        _ => Err(format!(
            "`{s}` is not DIMENSION=VALUE; write e.g. --by canton=wiltz (ids of plan/dimensions.yaml)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_as_people_write_them() {
        for s in [
            "no_data",
            "no-data",
            "no data",
            "No Data",
            "sans données",
            "nodata",
        ] {
            assert_eq!(health(s), Ok(Health::NoData), "{s}");
        }
        assert!(health("nope").unwrap_err().contains("no_data"));
        for s in ["in_progress", "in progress", "In-Progress", "en cours"] {
            assert_eq!(state(s), Ok(StateFilter::InProgress), "{s}");
        }
        assert!(date("2026-13-01").unwrap_err().contains("is not a date"));
    }
}
