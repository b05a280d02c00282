//! `pan status`: where the plan stands, as of a date, filtered and grouped.

use std::process::ExitCode;

use jiff::civil::Date;

use super::{Global, Refused, emit};
use crate::render;
use crate::report::health::Health;
use crate::report::status::{self, Filters, GroupBy, StateFilter};

/// Arguments of `pan status`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan status --lever D\n  pan status --ministry MENEJ --health late\n  pan status --year 2027 --group-by calendar\n  pan status --search competences --format csv > actions.csv\n\n\
Filters combine (all must match); a filter may list several values separated by commas."
)]
pub struct Args {
    /// Levers (A–F).
    #[arg(long, value_delimiter = ',', value_name = "LEVER")]
    pub lever: Vec<String>,
    /// Objectives (e.g. B-11).
    #[arg(long, value_delimiter = ',', value_name = "OBJECTIVE")]
    pub objective: Vec<String>,
    /// Ministries; an agency counts for its ministry (MENEJ includes MENEJ-IFEN).
    #[arg(long, value_delimiter = ',', value_name = "MINISTRY")]
    pub ministry: Vec<String>,
    /// Actors, exactly, as responsible or partner.
    #[arg(long, value_delimiter = ',', value_name = "ACTOR")]
    pub actor: Vec<String>,
    /// Actions active during this year.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i16>,
    /// Recorded states.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATE")]
    pub state: Vec<StateFilter>,
    /// Derived health.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "HEALTH")]
    pub health: Vec<Health>,
    /// Text to find in the code, text, objective, indicators or actors (ignores case and
    /// accents: `competences` finds `compétences`).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Group the actions, with counts per group.
    #[arg(long, value_enum, value_name = "BY")]
    pub group_by: Option<GroupBy>,
    /// The day to assess the plan on (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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

/// Run `pan status`.
pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let filters = Filters {
        levers: args.lever.iter().map(|s| s.trim().to_uppercase()).collect(),
        objectives: args
            .objective
            .iter()
            .map(|s| s.trim().to_uppercase())
            .collect(),
        ministries: args.ministry.iter().map(|s| s.trim().to_string()).collect(),
        actors: args.actor.iter().map(|s| s.trim().to_string()).collect(),
        year: args.year,
        states: args.state,
        healths: args.health,
        search: args.search.filter(|s| !s.trim().is_empty()),
    };
    filters
        .check(&loaded.plan)
        .map_err(|e| Refused(e.to_string()))?;
    let as_of = args.as_of.unwrap_or(global.today);
    let report = status::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        as_of,
        &filters,
        args.group_by,
    );
    let text = match args.format {
        Format::Table => render::status::text(&report, &global.term),
        Format::Markdown => render::status::markdown(&report),
        Format::Csv => render::status::csv(&report)?,
        Format::Json => render::status::json(&report)?,
    };
    emit(&text, None)?;
    Ok(ExitCode::SUCCESS)
}
