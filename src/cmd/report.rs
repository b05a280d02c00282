//! `pan report`: the full Markdown report, grouped by lever, ministry or calendar.

use std::process::ExitCode;

use super::{Global, Refused, emit};
use crate::render;
use crate::report::full::{self, ReportBy};
use crate::report::status::Filters;

/// Arguments of `pan report`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan report --group-by ministry -o report.md\n  pan report --lever B --as-of 2026-06-30 --lang en"
)]
pub struct Args {
    /// How to group the actions.
    #[arg(long, value_enum, default_value_t = ReportBy::Lever)]
    pub group_by: ReportBy,
    /// Only these levers.
    #[arg(long, value_delimiter = ',', value_name = "LEVER")]
    pub lever: Vec<String>,
    /// Only the actions of these ministries (their agencies included).
    #[arg(long, value_delimiter = ',', value_name = "MINISTRY")]
    pub ministry: Vec<String>,
    /// Date, language and destination.
    #[command(flatten)]
    pub document: super::DocumentArgs,
}

/// Run `pan report`.
pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let filters = Filters {
        levers: args.lever.iter().map(|s| s.trim().to_uppercase()).collect(),
        ministries: args.ministry.iter().map(|s| s.trim().to_string()).collect(),
        ..Default::default()
    };
    filters
        .check(&loaded.plan)
        .map_err(|e| Refused(e.to_string()))?;
    let as_of = args.document.as_of(global.today);
    let lang = args.document.lang(&repo.settings);
    let report = full::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        as_of,
        &filters,
        args.group_by,
    );
    emit(
        &render::report::markdown(&report, lang),
        args.document.output.as_deref(),
    )?;
    Ok(ExitCode::SUCCESS)
}
